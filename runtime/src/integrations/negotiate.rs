//! Content negotiation of the problem format (RFC 9110 §12.5.1 `Accept`, §12.4.2 quality
//! values) and the URI references Problem's `instance` is written as (RFC 3986 §4.1).
//!
//! Everything here works on the borrowed text, in one pass, without allocating (except
//! [`uri_reference`] when something has to be percent-encoded).

use std::borrow::Cow;

/// A weight in thousandths: `q=0.5` is 500, no `q` is 1000.
type Weight = u16;

/// The weight of an item without a `q` parameter.
const DEFAULT_WEIGHT: Weight = 1000;

/// Whether an `Accept` header value prefers `application/problem+json` over plain JSON:
/// it lists `application/problem+json` with a non-zero quality that is higher than that
/// of an explicit `application/json` (wildcards such as `*/*` or `application/*` neither
/// select the problem format nor count against it). A tie keeps the service's own format.
///
/// The value is read as RFC 9110 says (§12.5.1, §12.4.2):
///
/// - items are separated by commas, media ranges compared case-insensitively;
/// - parameters follow `;` with optional whitespace around it, and a quoted value may
///   hold `,` or `;` (`application/json;ext="a,b"` is one item);
/// - the weight is the `q` (or `Q`) parameter, exactly `0`, `0.` and up to three digits,
///   or `1`, `1.` and up to three zeros; `q=0` means "not acceptable";
/// - a media type's other parameters do not matter: `application/problem+json;
///   charset=utf-8;q=0.9` counts as `application/problem+json` at 0.9;
/// - of a media type listed more than once, the highest weight counts;
/// - an item that does not parse (a weight such as `q=NaN`, `q=inf`, `q=1.5`,
///   `q=0.0001` or `q=-1`, two weights, a parameter without `=`, an unterminated quote,
///   stray characters) is ignored entirely, and the next item read as usual.
///
/// ```
/// use api_envelope::integrations::accepts_problem;
///
/// assert!(accepts_problem("application/problem+json"));
/// assert!(accepts_problem("application/problem+json, */*;q=0.8"));
/// assert!(accepts_problem("application/json;q=0.5, application/problem+json"));
/// assert!(!accepts_problem("application/json, application/problem+json"));
/// assert!(!accepts_problem("application/problem+json;q=0"));
/// assert!(!accepts_problem("*/*"));
///
/// assert!(accepts_problem("APPLICATION/PROBLEM+JSON"));
/// assert!(accepts_problem("application/problem+json ; charset=utf-8 ; Q=0.9, application/json;q=0.8"));
/// assert!(!accepts_problem("application/problem+json;q=NaN"));
/// assert!(!accepts_problem("application/problem+json;q=inf"));
/// assert!(!accepts_problem(r#"application/problem+json;x="a,b;q=0";q=0, application/json;q=0.1"#));
/// ```
#[must_use]
pub fn accepts_problem(accept: &str) -> bool {
    let mut weights = Weights::default();
    weights.scan(accept.as_bytes());
    weights.prefers_problem()
}

/// [`accepts_problem`] over all the `Accept` field lines of a request (a request may
/// repeat the header; the lines are read as one list, RFC 9110 §5.3), each as the raw
/// bytes of the header value. A line that is not text (a byte other than tab, space or
/// visible ASCII, as `HeaderValue::to_str` refuses) is ignored.
///
/// ```
/// use api_envelope::http::{HeaderMap, HeaderValue, header::ACCEPT};
/// use api_envelope::integrations::accepts_problem_lines;
///
/// let mut headers = HeaderMap::new();
/// headers.append(ACCEPT, HeaderValue::from_static("application/problem+json"));
/// assert!(accepts_problem_lines(headers.get_all(ACCEPT).iter().map(HeaderValue::as_bytes)));
///
/// // As one list: a tie with the second line keeps the service's format.
/// headers.append(ACCEPT, HeaderValue::from_static("application/json"));
/// assert!(!accepts_problem_lines(headers.get_all(ACCEPT).iter().map(HeaderValue::as_bytes)));
///
/// // A line that is not text is ignored.
/// assert!(!accepts_problem_lines([b"application/problem+json; x=\xff".as_slice()]));
/// assert!(accepts_problem_lines([b"\xff".as_slice(), b"application/problem+json".as_slice()]));
/// ```
#[must_use]
pub fn accepts_problem_lines<'a>(lines: impl IntoIterator<Item = &'a [u8]>) -> bool {
    let mut weights = Weights::default();
    for line in lines {
        if line
            .iter()
            .all(|&b| b == b'\t' || (b' '..=b'~').contains(&b))
        {
            weights.scan(line);
        }
    }
    weights.prefers_problem()
}

/// The best weights seen so far of the two media types that matter.
#[derive(Debug, Default, Clone, Copy)]
struct Weights {
    problem: Option<Weight>,
    json: Option<Weight>,
}

impl Weights {
    fn prefers_problem(self) -> bool {
        match (self.problem, self.json) {
            (Some(problem), json) => problem > 0 && json.is_none_or(|json| problem > json),
            (None, _) => false,
        }
    }

    fn record(&mut self, media: &[u8], weight: Weight) {
        let slot = if media.eq_ignore_ascii_case(b"application/problem+json") {
            &mut self.problem
        } else if media.eq_ignore_ascii_case(b"application/json") {
            &mut self.json
        } else {
            return;
        };
        *slot = Some(slot.map_or(weight, |old| old.max(weight)));
    }

    /// Reads one field line: `#( media-range parameters )`.
    fn scan(&mut self, line: &[u8]) {
        let mut c = Cursor { s: line, i: 0 };
        loop {
            // Empty list elements and the whitespace around commas.
            while matches!(c.peek(), Some(b' ' | b'\t' | b',')) {
                c.i += 1;
            }
            if c.peek().is_none() {
                return;
            }
            let start = c.i;
            match c.item() {
                Some((media, weight)) => self.record(media, weight),
                None => c.skip_item(),
            }
            // Never the case (an item consumes at least its first byte); a guard against
            // looping forever all the same.
            if c.i == start {
                c.i += 1;
            }
        }
    }
}

/// A position in a field line.
struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// The (possibly empty) token starting here.
    fn token(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.peek().is_some_and(|b| TCHAR[usize::from(b)]) {
            self.i += 1;
        }
        self.s.get(start..self.i).unwrap_or_default()
    }

    /// One list element, up to (not including) the next comma or the end: its media
    /// range and weight, or `None` when it does not parse.
    fn item(&mut self) -> Option<(&'a [u8], Weight)> {
        let start = self.i;
        if self.token().is_empty() || self.peek() != Some(b'/') {
            return None;
        }
        self.i += 1;
        if self.token().is_empty() {
            return None;
        }
        let media = self.s.get(start..self.i)?;
        let mut weight = None;
        loop {
            self.skip_ows();
            match self.peek() {
                None | Some(b',') => break,
                Some(b';') => self.i += 1,
                Some(_) => return None,
            }
            self.skip_ows();
            // `parameters = *( OWS ";" OWS [ parameter ] )`: a parameter may be empty.
            if matches!(self.peek(), None | Some(b',' | b';')) {
                continue;
            }
            let name = self.token();
            if name.is_empty() || self.peek() != Some(b'=') {
                return None;
            }
            self.i += 1;
            if name.eq_ignore_ascii_case(b"q") {
                // A weight is never quoted: a `"` gives an empty token, no qvalue.
                let q = qvalue(self.token())?;
                if weight.replace(q).is_some() {
                    return None;
                }
            } else if self.peek() == Some(b'"') {
                if !self.quoted() {
                    return None;
                }
            } else if self.token().is_empty() {
                return None;
            }
        }
        Some((media, weight.unwrap_or(DEFAULT_WEIGHT)))
    }

    /// Consumes the quoted string starting here (at its `"`), up to its closing quote or
    /// the end of the line; whether it was a well-formed `quoted-string`.
    fn quoted(&mut self) -> bool {
        self.i += 1;
        let mut valid = true;
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'"' => return valid,
                b'\\' => match self.peek() {
                    Some(escaped) => {
                        valid &= escaped == b'\t' || (escaped >= b' ' && escaped != 0x7f);
                        self.i += 1;
                    }
                    None => return false,
                },
                _ => valid &= b == b'\t' || (b >= b' ' && b != 0x7f),
            }
        }
        false
    }

    /// Skips the rest of an item that did not parse, up to the next comma outside quotes.
    fn skip_item(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b',' => return,
                b'"' => {
                    self.quoted();
                }
                _ => self.i += 1,
            }
        }
    }
}

/// The locale an `Accept-Language` value asks for (RFC 9110 §12.5.4): its language
/// ranges by weight (`q`, as [`accepts_problem`] reads it; equal weights in the order
/// written; `q=0` refused; an item that does not parse ignored). With `available` (a
/// localizer's locales), the first range that RFC 4647 lookup (§3.4) matches gives the
/// available tag it matched (the range, then the range with its last subtag removed, and
/// so on; compared ASCII case-insensitively), `*` the first available one; without, the
/// best range as written (never `*`). `None` when nothing matches.
///
/// ```
/// use api_envelope::integrations::negotiate_language;
///
/// let available = ["en".to_owned(), "de".to_owned()];
/// assert_eq!(negotiate_language("de-AT, en;q=0.5", Some(&available)), Some("de"));
/// assert_eq!(negotiate_language("fr, en;q=0.1, de;q=0.2", Some(&available)), Some("de"));
/// assert_eq!(negotiate_language("DE-ch", Some(&available)), Some("de"));
/// assert_eq!(negotiate_language("de;q=0, *;q=0.1", Some(&available)), Some("en"));
/// assert_eq!(negotiate_language("fr", Some(&available)), None);
/// assert_eq!(negotiate_language("de;q=NaN, fr-CA;q=0.9", None), Some("fr-CA"));
/// assert_eq!(negotiate_language("*", None), None);
/// ```
#[must_use]
pub fn negotiate_language<'a>(
    accept_language: &'a str,
    available: Option<&'a [String]>,
) -> Option<&'a str> {
    let mut ranges: Vec<(&'a str, Weight)> = Vec::new();
    for item in accept_language.split(',') {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim();
        if !language_range(range) {
            continue;
        }
        let mut weight = Some(1000);
        for param in parts {
            let param = param.trim();
            weight = match param.split_once('=') {
                Some((name, value))
                    if name.trim().eq_ignore_ascii_case("q") && weight == Some(1000) =>
                {
                    qvalue(value.trim().as_bytes())
                }
                _ => None,
            };
        }
        match weight {
            Some(w) if w > 0 => ranges.push((range, w)),
            _ => {}
        }
    }
    // Stable: equal weights keep their order.
    ranges.sort_by_key(|r| std::cmp::Reverse(r.1));
    for (range, _) in ranges {
        let Some(available) = available else {
            if range != "*" {
                return Some(range);
            }
            continue;
        };
        if range == "*" {
            if let Some(first) = available.first() {
                return Some(first);
            }
            continue;
        }
        let mut candidate = range;
        while !candidate.is_empty() {
            if let Some(tag) = available.iter().find(|t| t.eq_ignore_ascii_case(candidate)) {
                return Some(tag);
            }
            candidate = match candidate.rfind('-') {
                Some(at) => &candidate[..at],
                None => "",
            };
            // A single-character subtag left at the end goes with it (RFC 4647 §3.4).
            if candidate.len() >= 2 && candidate.as_bytes()[candidate.len() - 2] == b'-' {
                candidate = &candidate[..candidate.len() - 2];
            }
        }
    }
    None
}

/// `language-range = (1*8ALPHA *("-" 1*8alphanum)) / "*"` (RFC 4647 §2.1).
fn language_range(range: &str) -> bool {
    if range == "*" {
        return true;
    }
    let mut subtags = range.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn qvalue(v: &[u8]) -> Option<Weight> {
    match v {
        [b'0'] | [b'0', b'.'] => Some(0),
        [b'1'] | [b'1', b'.'] => Some(1000),
        [b'1', b'.', zeros @ ..] if zeros.len() <= 3 && zeros.iter().all(|&d| d == b'0') => {
            Some(1000)
        }
        [b'0', b'.', digits @ ..] if digits.len() <= 3 => {
            let mut n: Weight = 0;
            let mut scale: Weight = 100;
            for &d in digits {
                if !d.is_ascii_digit() {
                    return None;
                }
                n += Weight::from(d - b'0') * scale;
                scale /= 10;
            }
            Some(n)
        }
        _ => None,
    }
}

/// `tchar` (RFC 9110 §5.6.2): the characters of a token.
const TCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        b += 1;
    }
    table
};

/// The bytes a URI reference holds as they are (RFC 3986): `unreserved`, `sub-delims`,
/// `:`, `@`, `/` and `?`. `%` (when it starts an escape) and the first `#` are allowed
/// besides.
const URI_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
                    | b'/'
                    | b'?'
            );
        b += 1;
    }
    table
};

/// Whether every byte of `s` is one a URI reference keeps as it is (the common case: a
/// path without `%` or `#`), eight bytes at a time without a branch per byte.
#[inline]
fn only_uri_chars(s: &[u8]) -> bool {
    let mut chunks = s.chunks_exact(8);
    for chunk in &mut chunks {
        let mut all = true;
        for &b in chunk {
            all &= URI_CHAR[usize::from(b)];
        }
        if !all {
            return false;
        }
    }
    chunks.remainder().iter().all(|&b| URI_CHAR[usize::from(b)])
}

/// Whether `b` at index `i` stays as it is in a URI reference: an allowed character,
/// a `%` starting a valid escape, or the first `#` (`hash` says whether one was seen).
#[inline]
fn keeps(s: &[u8], i: usize, b: u8, hash: &mut bool) -> bool {
    if URI_CHAR[usize::from(b)] {
        return true;
    }
    match b {
        b'%' => {
            s.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && s.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        }
        b'#' if !*hash => {
            *hash = true;
            true
        }
        _ => false,
    }
}

/// Upper-case hex digits, for `%XX`.
pub(crate) const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `b` stands for itself in one URI path segment (RFC 3986 `pchar` but `%`):
/// what a URI reference keeps, but `/` and `?`.
#[inline]
pub(crate) const fn is_segment_char(b: u8) -> bool {
    URI_CHAR[b as usize] && b != b'/' && b != b'?'
}

/// The index of the first byte of `s` that a URI reference cannot hold as it is.
fn first_to_encode(s: &[u8]) -> Option<usize> {
    if only_uri_chars(s) {
        return None;
    }
    let mut hash = false;
    let mut i = 0;
    loop {
        // The common bytes in a tight loop; `%` and `#` looked at one by one.
        i += s
            .get(i..)?
            .iter()
            .position(|&b| !URI_CHAR[usize::from(b)])?;
        if !keeps(s, i, s[i], &mut hash) {
            return Some(i);
        }
        i += 1;
    }
}

/// `path` made a valid RFC 3986 URI reference, for Problem's `instance`: every byte that
/// may not appear in a path, query or fragment (anything but `unreserved`, `sub-delims`,
/// `:`, `@`, `/` and `?`, and the first `#`, which starts the fragment) is
/// percent-encoded as `%XX` (upper-case hex, each byte of a non-ASCII character), a `%`
/// not followed by two hex digits becomes `%25`, and valid `%XX` escapes are kept as they
/// are. Borrowed when nothing needs encoding (the usual case: no allocation).
///
/// An absolute URI keeps its scheme and authority (`https://x/y#frag` is unchanged),
/// though not an IP-literal's brackets (`[` and `]` are encoded). The result always
/// satisfies [`is_uri_reference`], and encoding it again changes nothing.
///
/// ```
/// use api_envelope::integrations::uri_reference;
/// use std::borrow::Cow;
///
/// assert!(matches!(uri_reference("/v1/rooms/r1?x=1"), Cow::Borrowed("/v1/rooms/r1?x=1")));
/// assert_eq!(uri_reference("/a|b"), "/a%7Cb");
/// assert_eq!(uri_reference("/a b"), "/a%20b");
/// assert_eq!(uri_reference("/x\"y"), "/x%22y");
/// assert_eq!(uri_reference("/café"), "/caf%C3%A9");
/// assert_eq!(uri_reference("/caf%C3%A9"), "/caf%C3%A9");
/// assert_eq!(uri_reference("/%zz"), "/%25zz");
/// assert_eq!(uri_reference("/a#b#c"), "/a#b%23c");
/// ```
#[must_use]
pub fn uri_reference(path: &str) -> Cow<'_, str> {
    let s = path.as_bytes();
    let Some(first) = first_to_encode(s) else {
        return Cow::Borrowed(path);
    };
    // Room for a few escapes without growing.
    let mut out = String::with_capacity(s.len() + 8);
    // Everything before `first` is ASCII.
    out.push_str(path.get(..first).unwrap_or_default());
    let mut hash = s.get(..first).is_some_and(|head| head.contains(&b'#'));
    for (i, &b) in s.iter().enumerate().skip(first) {
        if keeps(s, i, b, &mut hash) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    Cow::Owned(out)
}

/// Whether `s` is already a valid URI reference by the rule of [`uri_reference`]: only
/// `unreserved`, `sub-delims`, `:`, `@`, `/`, `?`, at most one `#`, and `%` followed by two
/// hex digits. When it is, [`uri_reference`] returns it borrowed and unchanged.
///
/// ```
/// use api_envelope::integrations::is_uri_reference;
///
/// assert!(is_uri_reference("/v1/rooms/r1?x=1"));
/// assert!(is_uri_reference("https://docs.example.com/a%20b#/x"));
/// assert!(is_uri_reference(""));
/// assert!(!is_uri_reference("/a b"));
/// assert!(!is_uri_reference("/%zz"));
/// assert!(!is_uri_reference("/a#b#c"));
/// assert!(!is_uri_reference("/café"));
/// ```
#[must_use]
pub fn is_uri_reference(s: &str) -> bool {
    first_to_encode(s.as_bytes()).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qvalues() {
        for (v, want) in [
            ("0", Some(0)),
            ("0.", Some(0)),
            ("0.5", Some(500)),
            ("0.05", Some(50)),
            ("0.001", Some(1)),
            ("0.999", Some(999)),
            ("1", Some(1000)),
            ("1.", Some(1000)),
            ("1.000", Some(1000)),
            ("1.0000", None),
            ("1.001", None),
            ("0.0001", None),
            ("", None),
            (".5", None),
            ("00.5", None),
            ("0.5a", None),
            ("2", None),
        ] {
            assert_eq!(qvalue(v.as_bytes()), want, "{v:?}");
        }
    }

    #[test]
    fn tables() {
        assert!(TCHAR[usize::from(b'*')] && TCHAR[usize::from(b'+')] && TCHAR[usize::from(b'#')]);
        assert!(
            !TCHAR[usize::from(b'"')] && !TCHAR[usize::from(b',')] && !TCHAR[usize::from(b';')]
        );
        assert!(
            URI_CHAR[usize::from(b'~')]
                && !URI_CHAR[usize::from(b'#')]
                && !URI_CHAR[usize::from(b'%')]
        );
    }
}

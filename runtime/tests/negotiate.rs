//! Content negotiation of the problem format (`Accept`, RFC 9110 §12.5.1 / §12.4.2) and
//! the URI references Problem's `instance` is written as (RFC 3986), against oracles
//! written here without the library's code.

mod common;

use std::borrow::Cow;
use std::time::Duration;

use api_envelope::format::Problem;
use api_envelope::http::header::ACCEPT;
use api_envelope::http::{HeaderMap, HeaderValue};
use api_envelope::integrations::{
    accepts_problem, accepts_problem_lines, is_uri_reference, uri_reference,
};
use api_envelope::{ApiError, Context};
use common::HandError;

/// A small deterministic generator (xorshift64*), so the "random" cases are the same on
/// every run and need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Accept

#[test]
fn the_documented_cases() {
    assert!(accepts_problem("application/problem+json"));
    assert!(accepts_problem("application/problem+json, */*;q=0.8"));
    assert!(accepts_problem(
        "application/json;q=0.5, application/problem+json"
    ));
    assert!(!accepts_problem(
        "application/json, application/problem+json"
    ));
    assert!(!accepts_problem("application/problem+json;q=0"));
    assert!(!accepts_problem("*/*"));
}

#[test]
fn nothing_listed_keeps_the_service_format() {
    for accept in [
        "",
        " ",
        ",",
        " , ,\t,",
        "application/json",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "application/*",
        "*/*;q=1",
        "application/problem+xml",
        "application/problem",
        "application/problem+jsonx",
        "xapplication/problem+json",
        "application/problem+json/x",
        "application/problem+json\"x\"",
        "problem+json",
    ] {
        assert!(!accepts_problem(accept), "{accept:?}");
    }
}

#[test]
fn media_ranges_compare_case_insensitively() {
    for accept in [
        "APPLICATION/PROBLEM+JSON",
        "Application/Problem+Json",
        "application/PROBLEM+json;Q=0.5",
        "APPLICATION/PROBLEM+JSON;q=1, APPLICATION/JSON;Q=0.9",
    ] {
        assert!(accepts_problem(accept), "{accept:?}");
    }
    assert!(!accepts_problem(
        "application/problem+json;q=0.5, APPLICATION/JSON;Q=0.5"
    ));
    assert!(!accepts_problem("APPLICATION/PROBLEM+JSON;Q=0"));
}

#[test]
fn qvalues_follow_the_grammar_exactly() {
    // Valid weights: problem+json alone is chosen unless the weight is zero.
    for (q, chosen) in [
        ("0", false),
        ("0.", false),
        ("0.0", false),
        ("0.00", false),
        ("0.000", false),
        ("0.001", true),
        ("0.01", true),
        ("0.5", true),
        ("0.999", true),
        ("1", true),
        ("1.", true),
        ("1.0", true),
        ("1.00", true),
        ("1.000", true),
    ] {
        let accept = format!("application/problem+json;q={q}");
        assert_eq!(accepts_problem(&accept), chosen, "{accept:?}");
        let upper = format!("application/problem+json;Q={q}");
        assert_eq!(accepts_problem(&upper), chosen, "{upper:?}");
    }
}

#[test]
fn an_invalid_qvalue_drops_the_whole_item() {
    let invalid = [
        "NaN", "nan", "inf", "-inf", "infinity", "1.5", "2", "1.0001", "1.001", "0.0001", "0.5000",
        "-1", "-0", "+1", "+0.5", "1e0", "5e-1", "", ".5", "00.5", "01", "0.5a", "0x1", "\"0.5\"",
        "'0.5'", "½",
    ];
    for q in invalid {
        // Problem+json with that weight is not listed at all...
        let accept = format!("application/problem+json;q={q}");
        assert!(!accepts_problem(&accept), "{accept:?}");
        // ...and JSON with it does not count against problem+json.
        let accept = format!("application/json;q={q}, application/problem+json;q=0.5");
        assert!(accepts_problem(&accept), "{accept:?}");
        // The items around it are read as usual.
        let accept = format!(
            "application/json;q=0.4, application/problem+json;q={q}, application/problem+json;q=0.5"
        );
        assert!(accepts_problem(&accept), "{accept:?}");
    }
    // No whitespace around `=`.
    for accept in [
        "application/problem+json;q =0.5",
        "application/problem+json;q= 0.5",
        "application/problem+json;q = 0.5",
    ] {
        assert!(!accepts_problem(accept), "{accept:?}");
    }
    // Two weights: not one weight.
    assert!(!accepts_problem("application/problem+json;q=0.5;q=1"));
    assert!(!accepts_problem("application/problem+json;q=1;Q=1"));
}

#[test]
fn ties_keep_the_service_format() {
    for (accept, chosen) in [
        (
            "application/problem+json;q=0.5, application/json;q=0.5",
            false,
        ),
        (
            "application/problem+json;q=0.501, application/json;q=0.5",
            true,
        ),
        (
            "application/problem+json;q=0.5, application/json;q=0.501",
            false,
        ),
        ("application/problem+json;q=1.000, application/json", false),
        ("application/problem+json, application/json;q=0.999", true),
        (
            "application/json;q=0, application/problem+json;q=0.001",
            true,
        ),
        ("application/json;q=0, application/problem+json;q=0", false),
        ("application/json, application/problem+json;q=0", false),
    ] {
        assert_eq!(accepts_problem(accept), chosen, "{accept:?}");
    }
}

#[test]
fn wildcards_neither_select_nor_count_against_problem() {
    for (accept, chosen) in [
        ("*/*", false),
        ("application/*", false),
        ("*/*;q=1, application/problem+json;q=0.1", true),
        ("application/*;q=1, application/problem+json;q=0.1", true),
        ("application/problem+json;q=0.1, */*", true),
        (
            "*/*, application/json;q=0.1, application/problem+json;q=0.2",
            true,
        ),
        ("*/*;q=0, application/problem+json;q=0.2", true),
        ("text/*, application/problem+json;q=0", false),
    ] {
        assert_eq!(accepts_problem(accept), chosen, "{accept:?}");
    }
}

#[test]
fn the_best_weight_of_a_repeated_type_counts() {
    for (accept, chosen) in [
        (
            "application/problem+json;q=0, application/problem+json;q=0.4",
            true,
        ),
        (
            "application/problem+json;q=0.4, application/problem+json;q=0",
            true,
        ),
        (
            "application/json;q=0.2, application/json;q=0.9, application/problem+json;q=0.8",
            false,
        ),
        (
            "application/json;q=0.2, application/problem+json;q=0.1, application/problem+json;q=0.3",
            true,
        ),
    ] {
        assert_eq!(accepts_problem(accept), chosen, "{accept:?}");
    }
}

#[test]
fn other_media_parameters_still_count() {
    for (accept, chosen) in [
        ("application/problem+json;charset=utf-8;q=0.9", true),
        (
            "application/problem+json;charset=utf-8;q=0.9, application/json;q=0.8",
            true,
        ),
        (
            "application/problem+json;q=0.9;charset=utf-8, application/json;q=0.8",
            true,
        ),
        (
            "application/json;charset=utf-8, application/problem+json;q=0.9",
            false,
        ),
        (
            "application/json;charset=utf-8;q=0.5, application/problem+json;q=0.9",
            true,
        ),
        ("application/problem+json;charset=utf-8;q=0", false),
        ("application/problem+json;a=1;b=2;c=3", true),
        ("application/problem+json;;;q=0.5;;", true),
        ("application/problem+json;", true),
    ] {
        assert_eq!(accepts_problem(accept), chosen, "{accept:?}");
    }
}

#[test]
fn whitespace_around_separators_is_optional() {
    for accept in [
        "  application/problem+json  ",
        "application/problem+json ; q=0.5",
        "application/problem+json\t;\tq=0.5\t",
        "  application/problem+json  ;  q=0.5  ,  application/json ; q=0.4 ",
        "application/json;q=0.4,application/problem+json;q=0.5",
        ",,application/problem+json,,",
        "application/problem+json ; charset=utf-8 ; q=0.9 , application/json ; q=0.8",
    ] {
        assert!(accepts_problem(accept), "{accept:?}");
    }
    // No whitespace inside a media range.
    assert!(!accepts_problem("application / problem+json"));
    assert!(!accepts_problem("application/ problem+json"));
    assert!(!accepts_problem("application/problem+json junk"));
}

#[test]
fn quoted_values_do_not_break_the_split() {
    for (accept, chosen) in [
        // A comma or a semicolon inside quotes splits nothing.
        (r#"application/json;x="a,application/problem+json""#, false),
        (
            r#"application/json;x="a, application/problem+json;q=1""#,
            false,
        ),
        (r#"application/problem+json;x="a;q=0";q=1"#, true),
        (
            r#"application/problem+json;x="a,b;q=0";q=0, application/json;q=0.1"#,
            false,
        ),
        (
            r#"application/problem+json;x="a,b", application/json;q=0.5"#,
            true,
        ),
        (
            r#"application/json;x=";,";q=0.5, application/problem+json"#,
            true,
        ),
        (
            r#"application/json;x=";,", application/problem+json"#,
            false,
        ),
        // Escaped quotes and backslashes.
        (r#"application/problem+json;x="a\"b,c";q=0.5"#, true),
        (r#"application/problem+json;x="a\\";q=0.5"#, true),
        (
            r#"application/json;x="a\",application/problem+json""#,
            false,
        ),
        (r#"application/problem+json;x="";q=0.5"#, true),
        (r#"application/problem+json;x="é""#, true),
        // A weight is never quoted.
        (r#"application/problem+json;q="1""#, false),
        // An unterminated quote runs to the end of the line.
        (
            r#"application/problem+json;x="a, application/problem+json"#,
            false,
        ),
        (
            r#"application/problem+json, application/json;x="a, application/json"#,
            true,
        ),
        (r#"application/problem+json;x="a\"#, false),
        // A quote not at the start of a value is no quoted string.
        (r#"application/problem+json;x=a"b""#, false),
    ] {
        assert_eq!(accepts_problem(accept), chosen, "{accept:?}");
    }
}

#[test]
fn an_item_that_does_not_parse_is_skipped() {
    for (accept, chosen) in [
        ("application/json;foo, application/problem+json", true),
        ("application/json;=1, application/problem+json", true),
        ("application/json junk, application/problem+json", true),
        ("application, application/problem+json", true),
        ("/json, application/problem+json", true),
        ("application/, application/problem+json", true),
        ("application/json;x=é, application/problem+json", true),
        ("application/problem+json;x=é", false),
        ("application/problem+json;x=a b", false),
        ("application/problem+json;\"q\"=1", false),
        ("\"application/problem+json\"", false),
        ("application/problem+json;x=\u{1}", false),
        (
            "application/json;x=\"\u{1}\", application/problem+json",
            true,
        ),
    ] {
        assert_eq!(accepts_problem(accept), chosen, "{accept:?}");
    }
}

#[test]
fn several_lines_are_one_list() {
    let lines = |v: &[&'static str]| -> bool {
        accepts_problem_lines(v.iter().map(|line| line.as_bytes()))
    };
    assert!(!lines(&[]));
    assert!(!lines(&[""]));
    assert!(lines(&["application/problem+json"]));
    assert!(lines(&["text/html", "application/problem+json"]));
    assert!(!lines(&["application/problem+json", "application/json"]));
    assert!(lines(&[
        "application/json;q=0.5",
        "application/problem+json"
    ]));
    assert!(!lines(&[
        "application/problem+json;q=0.5",
        "application/json;q=0.9"
    ]));
    assert!(lines(&[
        "application/problem+json;q=0",
        "application/problem+json;q=0.1"
    ]));
    // A quote does not run over into the next line.
    assert!(lines(&[r#"text/html;x="a"#, "application/problem+json"]));

    // Through a header map.
    let mut headers = HeaderMap::new();
    headers.append(ACCEPT, HeaderValue::from_static("application/json;q=0.1"));
    headers.append(
        ACCEPT,
        HeaderValue::from_static("application/problem+json;q=0.2"),
    );
    assert!(accepts_problem_lines(
        headers.get_all(ACCEPT).iter().map(HeaderValue::as_bytes)
    ));
    headers.append(ACCEPT, HeaderValue::from_static("application/json"));
    assert!(!accepts_problem_lines(
        headers.get_all(ACCEPT).iter().map(HeaderValue::as_bytes)
    ));
}

#[test]
fn a_line_that_is_not_text_is_ignored() {
    let problem: &[u8] = b"application/problem+json";
    for bad in [
        b"application/json\xff".as_slice(),
        b"application/json;x=\"\xc3\xa9\"",
        b"application/json\x00",
        b"application/json\x7f",
        b"application/json\r\n",
        b"\x80",
    ] {
        assert!(accepts_problem_lines([bad, problem]), "{bad:?}");
        assert!(accepts_problem_lines([problem, bad]), "{bad:?}");
        let mut line = problem.to_vec();
        line.extend_from_slice(b", ");
        line.extend_from_slice(bad);
        assert!(!accepts_problem_lines([line.as_slice()]), "{line:?}");
    }
    // Tab and space are text.
    assert!(accepts_problem_lines([
        b"\tapplication/problem+json ;\tq=1 ".as_slice()
    ]));
    // From a header value that is not text (obs-text).
    let value = HeaderValue::from_bytes(b"application/problem+json;x=\"\xe9\"").unwrap();
    assert!(value.to_str().is_err());
    assert!(!accepts_problem_lines([value.as_bytes()]));
}

/// The `Accept` rules as written in RFC 9110, with allocations: items split at commas
/// outside quoted strings, then each item split at semicolons outside quoted strings.
fn oracle(accept: &str) -> bool {
    fn split_outside_quotes(s: &str, sep: char) -> Vec<String> {
        let mut parts = vec![String::new()];
        let mut quoted = false;
        let mut escaped = false;
        for c in s.chars() {
            if quoted {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    quoted = false;
                }
            } else if c == '"' {
                quoted = true;
            } else if c == sep {
                parts.push(String::new());
                continue;
            }
            parts.last_mut().unwrap().push(c);
        }
        parts
    }
    fn is_token(s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
    }
    fn is_quoted(s: &str) -> bool {
        let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
            return false;
        };
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            let c = if c == '\\' {
                match chars.next() {
                    Some(c) => c,
                    None => return false, // the closing quote was escaped
                }
            } else if c == '"' {
                return false;
            } else {
                c
            };
            if c != '\t' && (c < ' ' || c == '\u{7f}') {
                return false;
            }
        }
        true
    }
    fn q(v: &str) -> Option<u32> {
        let (int, frac) = match v.split_once('.') {
            Some((int, frac)) => (int, frac),
            None => (v, ""),
        };
        if frac.len() > 3 || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let frac_value: u32 = format!("{frac:0<3}").parse().unwrap();
        match int {
            "0" => Some(frac_value),
            "1" if frac_value == 0 => Some(1000),
            _ => None,
        }
    }
    let ows: &[char] = &[' ', '\t'];
    let (mut problem, mut json): (Option<u32>, Option<u32>) = (None, None);
    'items: for item in split_outside_quotes(accept, ',') {
        let item = item.trim_matches(ows);
        if item.is_empty() {
            continue;
        }
        let mut parts = split_outside_quotes(item, ';').into_iter();
        let media = parts.next().unwrap();
        let media = media.trim_end_matches(ows);
        let Some((ty, sub)) = media.split_once('/') else {
            continue;
        };
        if !is_token(ty) || !is_token(sub) {
            continue;
        }
        let mut weight = None;
        for param in parts {
            let param = param.trim_matches(ows);
            if param.is_empty() {
                continue;
            }
            let Some((name, value)) = param.split_once('=') else {
                continue 'items;
            };
            if !is_token(name) {
                continue 'items;
            }
            if name.eq_ignore_ascii_case("q") {
                match q(value) {
                    Some(w) if weight.is_none() => weight = Some(w),
                    _ => continue 'items,
                }
            } else if !is_token(value) && !is_quoted(value) {
                continue 'items;
            }
        }
        let weight = weight.unwrap_or(1000);
        let slot = if media.eq_ignore_ascii_case("application/problem+json") {
            &mut problem
        } else if media.eq_ignore_ascii_case("application/json") {
            &mut json
        } else {
            continue;
        };
        *slot = Some(slot.map_or(weight, |w| w.max(weight)));
    }
    match (problem, json) {
        (Some(p), json) => p > 0 && json.is_none_or(|j| p > j),
        (None, _) => false,
    }
}

#[test]
fn agrees_with_the_oracle_on_generated_values() {
    let pieces = [
        "application/problem+json",
        "APPLICATION/Problem+JSON",
        "application/json",
        "Application/JSON",
        "*/*",
        "application/*",
        "text/html",
        "application",
        "/",
        ";",
        ";q=",
        ";q=0",
        ";q=0.5",
        ";Q=1",
        ";q=1.000",
        ";q=0.001",
        ";q=NaN",
        ";q=1.5",
        ";q=0.0001",
        ";q=",
        ";charset=utf-8",
        ";x=\"a,b;c\"",
        ";x=\"\\\"\"",
        ";x=",
        "\"",
        "\\",
        ",",
        ", ",
        " ",
        "\t",
        "=",
        "0",
        "1",
        ".",
        "é",
        "x",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut chosen = 0;
    for _ in 0..200_000 {
        let mut accept = String::new();
        for _ in 0..rng.below(12) {
            let &piece = rng.pick(&pieces);
            accept.push_str(piece);
        }
        let got = accepts_problem(&accept);
        assert_eq!(got, oracle(&accept), "{accept:?}");
        chosen += usize::from(got);
        if accept
            .bytes()
            .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
        {
            assert_eq!(
                accepts_problem_lines([accept.as_bytes()]),
                got,
                "{accept:?}"
            );
        }
    }
    // Both outcomes are exercised.
    assert!(chosen > 1_000, "{chosen}");
}

#[test]
fn splitting_a_value_at_a_comma_into_lines_changes_nothing() {
    let mut rng = Rng(42);
    let items = [
        "application/problem+json",
        "application/problem+json;q=0.3",
        "application/problem+json;q=0",
        "application/json",
        "application/json;q=0.3",
        "application/json;q=0",
        "*/*;q=0.9",
        "text/html;level=1",
        "application/json;q=NaN",
    ];
    for _ in 0..20_000 {
        let n = rng.below(6);
        let list: Vec<&str> = (0..n).map(|_| *rng.pick(&items)).collect();
        let joined = list.join(", ");
        let whole = accepts_problem(&joined);
        assert_eq!(whole, oracle(&joined), "{joined:?}");
        let at = if n == 0 { 0 } else { rng.below(n + 1) };
        let (a, b) = list.split_at(at);
        let (a, b) = (a.join(","), b.join(","));
        assert_eq!(
            accepts_problem_lines([a.as_bytes(), b.as_bytes()]),
            whole,
            "{a:?} | {b:?}"
        );
    }
}

#[test]
fn long_and_hostile_values_are_read_in_one_pass() {
    let many = "text/html;q=0.1, ".repeat(10_000) + "application/problem+json";
    assert!(accepts_problem(&many));
    let quotes = "\"".repeat(100_001);
    assert!(!accepts_problem(&quotes));
    let semis = format!("application/problem+json{}", ";".repeat(100_000));
    assert!(accepts_problem(&semis));
    let backslashes = format!("application/problem+json;x=\"{}", "\\".repeat(100_001));
    assert!(!accepts_problem(&backslashes));
    let commas = ",".repeat(100_000);
    assert!(!accepts_problem(&commas));
}

// ---------------------------------------------------------------------------------------
// URI references

/// RFC 3986's characters a path, query or fragment holds as they are.
fn oracle_allowed(b: u8) -> bool {
    let unreserved = b.is_ascii_alphanumeric() || b"-._~".contains(&b);
    let sub_delims = b"!$&'()*+,;=".contains(&b);
    unreserved || sub_delims || b":@/?".contains(&b)
}

/// `s` with every byte the oracle does not allow percent-encoded, except `%XX` escapes
/// and the first `#`.
fn oracle_encode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut hash = false;
    for (i, &c) in b.iter().enumerate() {
        let keep = oracle_allowed(c)
            || (c == b'#' && !std::mem::replace(&mut hash, true))
            || (c == b'%'
                && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit));
        if keep {
            out.push(char::from(c));
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// Percent-decodes the valid escapes of `s`, leaving a stray `%` as it is.
fn lenient_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(hex) = b.get(i + 1..i + 3)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
            && hex.bytes().all(|h| h.is_ascii_hexdigit())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// What every output must satisfy: valid, idempotent, the oracle's, and meaning the same
/// bytes once decoded.
fn check_uri(input: &str) {
    let out = uri_reference(input);
    assert!(is_uri_reference(&out), "{input:?} gave {out:?}");
    assert_eq!(out, oracle_encode(input), "{input:?}");
    let again = uri_reference(&out);
    assert!(matches!(again, Cow::Borrowed(_)), "{out:?} re-encoded");
    assert_eq!(again, out);
    assert_eq!(
        matches!(out, Cow::Borrowed(_)),
        is_uri_reference(input),
        "{input:?}"
    );
    assert_eq!(lenient_decode(&out), lenient_decode(input), "{input:?}");
    assert!(out.is_ascii());
}

#[test]
fn the_documented_examples() {
    for (input, want) in [
        ("/a|b", "/a%7Cb"),
        ("/%zz", "/%25zz"),
        ("/caf%C3%A9", "/caf%C3%A9"),
        ("/caf%c3%a9", "/caf%c3%a9"),
        ("/café", "/caf%C3%A9"),
        ("/a b", "/a%20b"),
        ("/x\"y", "/x%22y"),
        ("/v1/rooms/r1?x=1", "/v1/rooms/r1?x=1"),
        ("/a\u{0}b\nc\td\u{7f}", "/a%00b%0Ac%09d%7F"),
        ("/<script>", "/%3Cscript%3E"),
        ("/a\\b^c`d{e}f", "/a%5Cb%5Ec%60d%7Be%7Df"),
        ("/🚀", "/%F0%9F%9A%80"),
        ("/漢", "/%E6%BC%A2"),
        ("/\u{10ffff}", "/%F4%8F%BF%BF"),
        ("/[::1]", "/%5B::1%5D"),
    ] {
        assert_eq!(uri_reference(input), want, "{input:?}");
        check_uri(input);
    }
}

#[test]
fn valid_references_are_borrowed() {
    for s in [
        "",
        "/",
        "/v1/rooms/r1",
        "/v1/rooms/r1?x=1&y=2",
        "/a%20b",
        "/%41%7e",
        "https://docs.example.com/errors/x#frag",
        "https://u:p@x.example:8080/a/b?c=d#/e/f?g",
        "urn:isbn:0451450523",
        "mailto:a@b.example?subject=x",
        "#",
        "#/items/0",
        "?",
        "//host",
        "../a/./b",
        "/-._~!$&'()*+,;=:@",
    ] {
        assert!(is_uri_reference(s), "{s:?}");
        assert!(
            matches!(uri_reference(s), Cow::Borrowed(b) if b == s),
            "{s:?}"
        );
        check_uri(s);
    }
}

#[test]
fn percent_signs() {
    for (input, want) in [
        ("%", "%25"),
        ("/%", "/%25"),
        ("/%4", "/%254"),
        ("/%4g", "/%254g"),
        ("/%g4", "/%25g4"),
        ("/%41", "/%41"),
        ("/%a1%Af", "/%a1%Af"),
        ("/%%41", "/%25%41"),
        ("/%4%41", "/%254%41"),
        ("/%25", "/%25"),
        ("/%2525", "/%2525"),
        ("/100%", "/100%25"),
        ("/%é", "/%25%C3%A9"),
        ("/%\u{0}0", "/%25%000"),
    ] {
        assert_eq!(uri_reference(input), want, "{input:?}");
        check_uri(input);
    }
}

#[test]
fn the_first_hash_starts_the_fragment() {
    for (input, want) in [
        ("/a#b", "/a#b"),
        ("/a#b#c", "/a#b%23c"),
        ("##", "#%23"),
        ("/a#b c", "/a#b%20c"),
        ("/a b#c#d", "/a%20b#c%23d"),
        ("/a#b/c?d", "/a#b/c?d"),
        ("/a%23b#c", "/a%23b#c"),
    ] {
        assert_eq!(uri_reference(input), want, "{input:?}");
        check_uri(input);
    }
    assert!(!is_uri_reference("/a#b#c"));
    assert!(is_uri_reference("/a%23b#c"));
}

#[test]
fn every_single_byte() {
    // Every ASCII byte, alone, after a path, after a fragment start and after a `#`.
    for b in 0u8..=0x7f {
        let c = char::from(b);
        let kept = oracle_allowed(b);
        let escaped = format!("%{b:02X}");
        let alone = c.to_string();
        let want = if kept || b == b'#' {
            alone.clone()
        } else {
            escaped.clone()
        };
        assert_eq!(uri_reference(&alone), want, "byte {b:#04x}");
        assert_eq!(is_uri_reference(&alone), kept || b == b'#', "byte {b:#04x}");

        let in_path = format!("/p{c}q");
        let want = format!(
            "/p{}q",
            if kept || b == b'#' {
                alone.as_str()
            } else {
                &escaped
            }
        );
        assert_eq!(uri_reference(&in_path), want, "byte {b:#04x}");

        let in_fragment = format!("/p#f{c}");
        let want = format!("/p#f{}", if kept { alone.as_str() } else { &escaped });
        assert_eq!(uri_reference(&in_fragment), want, "byte {b:#04x}");
        assert_eq!(is_uri_reference(&in_fragment), kept, "byte {b:#04x}");

        for s in [alone, in_path, in_fragment] {
            check_uri(&s);
        }
    }
    // Every byte from 0x80 up only occurs in a multi-byte character, and each is escaped:
    // every lead byte and every continuation byte appear below.
    let mut seen = [false; 256];
    for c in '\u{80}'..=char::MAX {
        let mut buf = [0; 4];
        let s = c.encode_utf8(&mut buf);
        let want: String = s.bytes().map(|b| format!("%{b:02X}")).collect();
        assert_eq!(uri_reference(s), want, "{c:?}");
        assert!(!is_uri_reference(s), "{c:?}");
        for b in s.bytes() {
            seen[usize::from(b)] = true;
        }
    }
    // Every byte a UTF-8 string can hold (all but 0xC0, 0xC1 and 0xF5..=0xFF).
    let never: Vec<usize> = (0x80..256).filter(|&b| !seen[b]).collect();
    let mut expected_never = vec![0xC0, 0xC1];
    expected_never.extend(0xF5..256);
    assert_eq!(never, expected_never);
}

#[test]
fn output_is_always_valid_and_idempotent() {
    // Every string of up to four characters over the interesting ones.
    let alphabet = [
        'a', 'F', 'g', '1', '%', '#', ' ', '/', '?', '"', '\u{0}', '\u{7f}', '[', '~', 'é',
    ];
    let mut count = 0;
    let mut stack: Vec<String> = vec![String::new()];
    while let Some(s) = stack.pop() {
        check_uri(&s);
        count += 1;
        if s.chars().count() < 4 {
            for c in alphabet {
                let mut next = s.clone();
                next.push(c);
                stack.push(next);
            }
        }
    }
    assert_eq!(count, 1 + 15 + 15 * 15 + 15 * 15 * 15 + 15 * 15 * 15 * 15);

    // Longer random strings of any characters.
    let mut rng = Rng(7);
    for _ in 0..20_000 {
        let len = rng.below(40);
        let s: String = (0..len)
            .map(|_| match rng.below(4) {
                0 => *rng.pick(&alphabet),
                1 => char::from(u8::try_from(rng.below(0x80)).unwrap()),
                2 => *rng.pick(&['%', '#', '2', '5', 'A', 'z']),
                _ => char::from_u32(u32::try_from(rng.below(0x11_0000)).unwrap()).unwrap_or('x'),
            })
            .collect();
        check_uri(&s);
    }
}

// ---------------------------------------------------------------------------------------
// Problem: the instance and `Retry-After`

#[test]
fn problem_writes_the_instance_as_a_uri_reference() {
    let problem = Problem::new("https://docs.example.com/errors/");
    let err = HandError::Frozen {
        room_id: "r1".into(),
    };
    for (instance, want) in [
        ("/v1/rooms/r1", "/v1/rooms/r1"),
        ("/v1/rooms/r1?x=1", "/v1/rooms/r1?x=1"),
        ("/v1/rooms/a b", "/v1/rooms/a%20b"),
        ("/v1/\"rooms\"/\n", "/v1/%22rooms%22/%0A"),
        ("/v1/café", "/v1/caf%C3%A9"),
        ("/v1/100%", "/v1/100%25"),
        ("/v1/a\\b", "/v1/a%5Cb"),
        ("", ""),
    ] {
        let ctx = Context::new().instance(instance);
        let res = err.to_response(&problem, &ctx);
        let body = std::str::from_utf8(res.body()).unwrap();
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["instance"], want, "{instance:?}: {body}");
        assert!(body.contains(&format!(r#""instance":"{want}""#)), "{body}");
    }
    // Without an instance, none.
    let res = err.to_response(&problem, &Context::new());
    let v: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert!(v.get("instance").is_none());
}

#[test]
fn problem_sends_retry_after_with_a_retry_hint() {
    let problem = Problem::new("/e/");
    let ctx = Context::new().instance("/v1/x");
    for (retry, want) in [
        (Duration::from_secs(30), "30"),
        (Duration::from_millis(1500), "2"),
        (Duration::ZERO, "0"),
    ] {
        let res = HandError::RateLimited { retry }.to_response(&problem, &ctx);
        assert_eq!(res.headers()["retry-after"], want, "{retry:?}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        assert_eq!(res.headers().len(), 2);
    }
    let res = HandError::Frozen {
        room_id: "r1".into(),
    }
    .to_response(&problem, &ctx);
    assert!(res.headers().get("retry-after").is_none());
    assert_eq!(res.headers().len(), 1);
}

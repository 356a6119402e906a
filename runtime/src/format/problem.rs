//! RFC 9457 Problem Details: `application/problem+json` (seed 004).

use std::borrow::Cow;
use std::fmt;

use http::{HeaderMap, HeaderValue};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::{
    APPLICATION_PROBLEM_JSON, Format, JsonWriter, RenderError, insert_retry_after, limits,
};
use crate::integrations::uri_reference;
use crate::{ApiError, Context, Segment, Violation};

/// The members a `#[detail]` field cannot take over.
const RESERVED: &[&str] = &[
    "type", "title", "status", "detail", "instance", "code", "errors",
];

/// RFC 9457 Problem Details (seed 004): `application/problem+json`, and `Retry-After`
/// (seconds, rounded up) whenever the error has a retry hint.
///
/// ```text
/// {"type":"<base><code>","title":"...","status":404,"detail":"...","instance"?:"/v1/...",
///  "code":"...", <detail fields>?, "errors"?:[{"detail","pointer"}]}
/// ```
///
/// - `type`: the base URI given to [`Problem::new`] followed by the code.
/// - `title`: the code's catalogue meaning (the same for every occurrence), or the
///   canonical reason phrase of the status when the meaning is empty.
/// - `status`: the response's status.
/// - `detail`: this occurrence's message (on a 5xx the public text, see
///   [`Message`](super::Message)).
/// - `instance`: the context's instance (the request path), when set, made a valid URI
///   reference (RFC 3986) with
///   [`uri_reference`](crate::integrations::uri_reference): characters a path,
///   query or fragment cannot hold are percent-encoded (`/a b` gives `/a%20b`, `/café`
///   gives `/caf%C3%A9`, a stray `%` gives `%25`), valid `%XX` escapes are kept.
/// - `code`: the extension member the SDKs dispatch on.
/// - Each `#[detail]` field: a top-level extension member of its name (RFC 9457 §3.2),
///   except names the envelope already uses (`type`, `title`, `status`, `detail`,
///   `instance`, `code`, `errors`), which are left out.
/// - `errors` on a value with violations: `{"detail","pointer"}` per violation, as in
///   RFC 9457 §3's example: `pointer` is a JSON Pointer (RFC 6901, `~` and `/` escaped)
///   in URI-fragment form, built from `loc` with a leading `"body"` segment dropped, so
///   `["body","items",0,"name"]` gives `"#/items/0/name"`; characters a URI fragment
///   cannot hold are percent-encoded (`"first name"` gives `#/first%20name`).
///
/// The output validates against the JSON schema of RFC 9457 Appendix A (given a base
/// that is a URI reference; the `instance` always is one).
///
/// ```
/// use api_envelope::format::Problem;
/// use api_envelope::{ApiError, Context, Violation};
///
/// #[derive(Debug, ApiError)]
/// enum SonnyError {
///     /// The scan id did not resolve in the principal's org.
///     #[code("scans.not_found", status = 404)]
///     #[message("scan {scan_id} not found")]
///     ScanNotFound { #[detail] scan_id: u64 },
///     /// Request body parsed as JSON but failed bean-validation rules.
///     #[code("validation.body_invalid", status = 400)]
///     #[message("request body is invalid")]
///     BodyInvalid { #[violations] violations: Vec<Violation> },
/// }
///
/// let problem = Problem::new("https://docs.example.com/errors/");
/// let ctx = Context::new().instance("/v1/scans/7");
/// let res = SonnyError::ScanNotFound { scan_id: 7 }.to_response(&problem, &ctx);
/// assert_eq!(res.headers()["content-type"], "application/problem+json");
/// assert_eq!(
///     res.body().as_slice(),
///     br#"{"type":"https://docs.example.com/errors/scans.not_found","title":"The scan id did not resolve in the principal's org.","status":404,"detail":"scan 7 not found","instance":"/v1/scans/7","code":"scans.not_found","scan_id":7}"#
/// );
///
/// let err = SonnyError::BodyInvalid {
///     violations: vec![Violation::new(["body", "age"], "must be a positive integer")],
/// };
/// let res = err.to_response(&problem, &Context::new());
/// assert_eq!(
///     res.body().as_slice(),
///     br##"{"type":"https://docs.example.com/errors/validation.body_invalid","title":"Request body parsed as JSON but failed bean-validation rules.","status":400,"detail":"request body is invalid","code":"validation.body_invalid","errors":[{"detail":"must be a positive integer","pointer":"#/age"}]}"##
/// );
///
/// // The instance is always a URI reference.
/// let ctx = Context::new().instance("/v1/scans/a b|é");
/// let res = SonnyError::ScanNotFound { scan_id: 7 }.to_response(&problem, &ctx);
/// assert!(std::str::from_utf8(res.body()).unwrap().contains(r#""instance":"/v1/scans/a%20b%7C%C3%A9""#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    base: Cow<'static, str>,
    /// `base` escaped for a JSON string, once (borrowed when nothing needed escaping).
    base_json: Cow<'static, str>,
}

impl Problem {
    /// The Problem format whose `type` is `type_base` followed by the code, e.g.
    /// `Problem::new("https://docs.example.com/errors/")`. The base should be a URI
    /// reference (it is used as given).
    #[must_use]
    pub fn new(type_base: impl Into<Cow<'static, str>>) -> Self {
        let base = type_base.into();
        let quoted = serde_json::to_string(&*base).unwrap_or_default();
        let escaped = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
        let base_json = if escaped == base {
            base.clone()
        } else {
            Cow::Owned(escaped.to_owned())
        };
        Self { base, base_json }
    }

    /// The base of the `type` URIs.
    #[must_use]
    pub fn type_base(&self) -> &str {
        &self.base
    }
}

impl Format for Problem {
    fn content_type(&self) -> HeaderValue {
        APPLICATION_PROBLEM_JSON
    }

    fn write_body(
        &self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        let mut w = JsonWriter::new(out);
        // The base was escaped in `new`; the code is a path segment: a derived code
        // never needs encoding, a hand-written one under `Convention::Any` may.
        let facts = super::Facts::of(err);
        let code = facts.entry.code;
        w.raw_open(r#"{"type":""#, 1);
        w.raw(&self.base_json);
        match facts.entry.segment_code() {
            Some(code) => w.raw(code),
            None => write_segment(&mut w, code),
        }
        w.raw(r#"","title":"#);
        w.title(&facts);
        w.raw(r#","status":"#);
        w.raw(facts.status.as_str());
        w.raw(r#","detail":"#);
        w.message_with(err, ctx, &facts)?;
        if let Some(instance) = ctx.get_instance() {
            // A URI reference holds nothing JSON escapes (no `"`, `\`, control or
            // non-ASCII character): written as it is.
            w.raw(r#","instance":""#);
            w.raw(&uri_reference(instance));
            w.raw(r#"""#);
        }
        // The code needs no escaping (`CatalogEntry::new`).
        w.raw(r#","code":""#);
        w.raw(code);
        w.raw(r#"""#);
        if err.has_details() {
            w.details(err, RESERVED)?;
        }
        let violations = facts.violations(err);
        if !violations.is_empty() {
            w.key("errors");
            w.value(&Errors(violations))?;
        }
        w.raw_close("}", 1);
        Ok(())
    }

    fn write_headers(&self, err: &dyn ApiError, _ctx: &Context<'_>, headers: &mut HeaderMap) {
        insert_retry_after(err, headers);
    }
}

struct Errors<'a>(&'a [Violation]);

impl Serialize for Errors<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(limits::listed_len(self.0)))?;
        limits::try_for_each_listed(self.0, |v| {
            seq.serialize_element(&ErrorEntry {
                detail: limits::Capped(&v.message),
                // A decode error's location is a byte offset, not a place in a body.
                pointer: (v.kind != "json_invalid").then_some(Pointer(&v.loc)),
            })
        })?;
        seq.end()
    }
}

#[derive(Serialize)]
struct ErrorEntry<'a> {
    detail: limits::Capped<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<Pointer<'a>>,
}

/// `#/a/0/b~1c` from a `loc`, a leading `"body"` dropped.
struct Pointer<'a>(&'a [Segment]);

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = match self.0 {
            [Segment::Field(first), rest @ ..] if first == "body" => rest,
            loc => loc,
        };
        f.write_str("#")?;
        for seg in loc {
            f.write_str("/")?;
            match seg {
                Segment::Index(i) => write!(f, "{i}")?,
                Segment::Field(name) => {
                    for (i, part) in name.split('~').enumerate() {
                        if i > 0 {
                            f.write_str("~0")?;
                        }
                        for (j, piece) in part.split('/').enumerate() {
                            if j > 0 {
                                f.write_str("~1")?;
                            }
                            write_fragment(f, piece)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Writes `s` percent-encoding what a URI fragment cannot hold (RFC 3986 §3.5).
fn write_fragment(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let keep = c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?".contains(c);
        if !keep {
            f.write_str(&s[start..i])?;
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                write!(f, "%{b:02X}")?;
            }
            start = i + c.len_utf8();
        }
    }
    f.write_str(&s[start..])
}

impl Serialize for Pointer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `code` as one URI path segment: each other byte percent-encoded (`a/b` is `a%2Fb`).
fn write_segment(w: &mut JsonWriter<'_>, code: &str) {
    use crate::integrations::negotiate::{HEX, is_segment_char};
    if code.bytes().all(is_segment_char) {
        w.raw(code);
        return;
    }
    for (i, b) in code.bytes().enumerate() {
        if is_segment_char(b) {
            w.raw(code.get(i..=i).unwrap_or_default());
        } else {
            let escaped = [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]];
            w.raw(std::str::from_utf8(&escaped).unwrap_or_default());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_and_drops_body() {
        let loc: Vec<Segment> = vec!["body".into(), "a/b".into(), 0.into(), "m~n".into()];
        assert_eq!(Pointer(&loc).to_string(), "#/a~1b/0/m~0n");
        let loc: Vec<Segment> = vec!["query".into(), "limit".into()];
        assert_eq!(Pointer(&loc).to_string(), "#/query/limit");
        let loc: Vec<Segment> = vec!["body".into()];
        assert_eq!(Pointer(&loc).to_string(), "#");
        let loc: Vec<Segment> = vec!["first name".into(), "é%".into()];
        assert_eq!(Pointer(&loc).to_string(), "#/first%20name/%C3%A9%25");
    }
}

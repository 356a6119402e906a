//! The scaling fixtures: how the cost of one body grows with what it carries, D against
//! an L1-style hand-writer ([`crate::literal`]) of the same bytes, in ScaiWave and RFC 9457.
//!
//! - **Message length** ([`MESSAGE_LENGTHS`]: 16 B, 1 KiB, 64 KiB). D is a derived
//!   variant, `#[message("{text}")] Long { text: String }` ([`TextError`]); L1 is a
//!   hand-written error of the same text ([`HandText`]) whose envelope is literal bytes
//!   around the message, streamed through serde_json's `collect_str`. The text is ASCII
//!   with a `"` at every 64th byte (offsets 8, 72, 136, ...: [`text`]), so the escaping
//!   is exercised at every size. The runtime cuts a message at
//!   [`MAX_MESSAGE_BYTES`] (8 KiB) on a character boundary and appends
//!   [`TRUNCATION_MARKER`] (`…`); the 64 KiB case therefore renders the first 8 192
//!   bytes and the marker, and L1 applies the same cap, as a hand-writer facing the same
//!   limit would: it streams only the first 8 192 bytes ([`CappedText`]) and never looks
//!   at the rest. (L1 knows its message is one field and cuts that `&str`; the runtime
//!   counts the pieces of any `Display`, stopping it at the cut.)
//! - **Detail count** ([`DETAIL_COUNTS`]: 0, 10, 1 000). No derive can have 1 000 fields,
//!   so D renders a hand-written `impl ApiError` ([`ManyDetails`]) whose `visit_details`
//!   reports (`plain_detail`: the names need no escaping) `n` pairs `(NAMES[i], Detail::str(&values[i]))`, the names `k000` to `k999`
//!   from a static array of `&'static str` ([`NAMES`]), the values short `String`s
//!   (`v000`, ...: 6 bytes of JSON each, far below the body's
//!   [`MAX_VALUES_BYTES`](api_envelope::format::limits::MAX_VALUES_BYTES)), and
//!   `has_details()` true when `n > 0` (ScaiWave then leaves `details` out). L1 writes the
//!   same object with the names as literal text (a hand-writer's keys are its field names,
//!   known when it is written) and each value escaped with `serialize_str`.
//!
//! Every case is checked byte for byte ([`check`], also a `#[test]`, and again in each
//! benchmark's setup) before it is measured.

use std::fmt;

use api_envelope::catalog::Convention;
use api_envelope::format::limits::{MAX_MESSAGE_BYTES, TRUNCATION_MARKER};
use api_envelope::http::StatusCode;
use api_envelope::{ApiError, Catalog, CatalogEntry, Context, Detail, DetailVisitor};

use crate::fixture::{INSTANCE, Request};
use crate::literal::{display, string};
use crate::ours::Formats;

/// The envelopes of the scaling cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    /// `{"error":{"code","message","details"?}}`
    ScaiWave,
    /// RFC 9457, the details as extension members.
    Problem,
}

impl Envelope {
    /// Both, in the order of the tables.
    pub const ALL: [Envelope; 2] = [Envelope::ScaiWave, Envelope::Problem];

    /// The name used in benchmark ids and tables.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Envelope::ScaiWave => "scaiwave",
            Envelope::Problem => "problem",
        }
    }
}

/// The message lengths measured, in bytes of text: 16 B, 1 KiB, 64 KiB (cut at 8 KiB).
pub const MESSAGE_LENGTHS: [usize; 3] = [16, 1024, 64 * 1024];

/// The detail counts measured.
pub const DETAIL_COUNTS: [usize; 3] = [0, 10, MAX_DETAILS];

/// The most details a case carries.
pub const MAX_DETAILS: usize = 1000;

/// The capacity of a scaling case's reused buffer: larger than any of its bodies (the
/// longest, 1 000 details in RFC 9457, is about 14 KB), so no arm grows it.
pub const SCALING_BUF_CAPACITY: usize = 64 * 1024;

/// A fresh reused buffer for a scaling case.
#[must_use]
pub fn buffer() -> Vec<u8> {
    Vec::with_capacity(SCALING_BUF_CAPACITY)
}

// --- message length ------------------------------------------------------------------------

/// `len` bytes of ASCII text, a `"` at every 64th byte (from offset 8), the rest cycling
/// through lower-case letters, digits and a space.
#[must_use]
pub fn text(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789 ";
    (0..len)
        .map(|i| {
            if i % 64 == 8 {
                '"'
            } else {
                char::from(ALPHABET[i % ALPHABET.len()])
            }
        })
        .collect()
}

/// D's error of the message-length cases: the whole message is one field.
#[derive(Debug, api_envelope::ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
pub enum TextError {
    /// Text echoed back.
    #[code("SW_TEXT_ECHOED", status = 400)]
    #[message("{text}")]
    Long {
        /// The text, the whole message.
        text: String,
    },
}

/// L1's error of the message-length cases: the same text, a hand-written `Display`.
#[derive(Debug, Clone)]
pub struct HandText {
    /// The text, the whole message.
    pub text: String,
}

impl fmt::Display for HandText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The message of a [`HandText`] as an envelope carries it: the text when it is at most
/// [`MAX_MESSAGE_BYTES`], else its longest prefix of at most that many bytes ending on a
/// character boundary, then [`TRUNCATION_MARKER`]. Only the kept bytes are written.
#[derive(Debug, Clone, Copy)]
pub struct CappedText<'a>(pub &'a str);

impl fmt::Display for CappedText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        if s.len() <= MAX_MESSAGE_BYTES {
            f.write_str(s)
        } else {
            f.write_str(&s[..s.floor_char_boundary(MAX_MESSAGE_BYTES)])?;
            f.write_str(TRUNCATION_MARKER)
        }
    }
}

/// One message-length case: D's error and L1's, of the same text.
#[derive(Debug)]
pub struct TextCase {
    /// The envelope.
    pub env: Envelope,
    /// D's error.
    pub d: TextError,
    /// L1's error.
    pub l1: HandText,
    /// D's formats.
    pub formats: Formats,
    /// D's context: no request id (neither envelope needs one on a 4xx), the fixture's
    /// instance.
    pub ctx: Context<'static>,
    /// L1's request facts: the same instance.
    pub req: Request,
}

impl TextCase {
    /// The case of a `len`-byte message in `env`.
    #[must_use]
    pub fn new(env: Envelope, len: usize) -> Self {
        let t = text(len);
        Self {
            env,
            d: TextError::Long { text: t.clone() },
            l1: HandText { text: t },
            formats: Formats::new(),
            ctx: Context::new().instance(INSTANCE),
            req: Request::new(),
        }
    }

    /// D: the runtime renders the derived error.
    ///
    /// # Panics
    /// Never: the error always renders.
    pub fn d_body(&self, buf: &mut Vec<u8>) {
        d_write(self.env, &self.formats, &self.d, &self.ctx, buf);
    }

    /// L1: literal envelope, the capped message streamed through `collect_str`.
    pub fn l1_body(&self, buf: &mut Vec<u8>) {
        l1_text_body(self.env, &self.l1, &self.req, buf);
    }
}

/// D's body of `err` in `env`, the runtime's `write_body` (the same call for every case).
///
/// # Panics
/// Never for these fixtures: they always render.
#[inline]
fn d_write<E: ApiError>(env: Envelope, f: &Formats, err: &E, ctx: &Context<'_>, buf: &mut Vec<u8>) {
    match env {
        Envelope::ScaiWave => err.write_body(&f.wave, ctx, buf),
        Envelope::Problem => err.write_body(&f.problem, ctx, buf),
    }
    .expect("the fixture renders");
}

/// L1's body of a [`HandText`] in `env`.
pub fn l1_text_body(env: Envelope, err: &HandText, req: &Request, buf: &mut Vec<u8>) {
    match env {
        Envelope::ScaiWave => {
            buf.extend_from_slice(b"{\"error\":{\"code\":\"SW_TEXT_ECHOED\",\"message\":");
            display(buf, &CappedText(&err.text));
            buf.extend_from_slice(b"}}");
        }
        Envelope::Problem => {
            buf.extend_from_slice(
                b"{\"type\":\"https://docs.example.com/errors/SW_TEXT_ECHOED\",\
                  \"title\":\"Text echoed back.\",\"status\":400,\"detail\":",
            );
            display(buf, &CappedText(&err.text));
            buf.extend_from_slice(b",\"instance\":");
            string(buf, &req.instance);
            buf.extend_from_slice(b",\"code\":\"SW_TEXT_ECHOED\"}");
        }
    }
}

// --- detail count --------------------------------------------------------------------------

const NAME_LEN: usize = 4;

static NAME_BYTES: [u8; NAME_LEN * MAX_DETAILS] = {
    let mut b = [0; NAME_LEN * MAX_DETAILS];
    let mut i = 0;
    while i < MAX_DETAILS {
        b[NAME_LEN * i] = b'k';
        b[NAME_LEN * i + 1] = b'0' + (i / 100) as u8;
        b[NAME_LEN * i + 2] = b'0' + (i / 10 % 10) as u8;
        b[NAME_LEN * i + 3] = b'0' + (i % 10) as u8;
        i += 1;
    }
    b
};

/// The detail names, `k000` to `k999`: a static array of `&'static str`, built at compile
/// time.
pub static NAMES: [&str; MAX_DETAILS] = {
    let bytes: &'static [u8] = &NAME_BYTES;
    let mut names = [""; MAX_DETAILS];
    let mut i = 0;
    while i < MAX_DETAILS {
        let (name, _) = bytes.split_at(NAME_LEN * i).1.split_at(NAME_LEN);
        names[i] = match std::str::from_utf8(name) {
            Ok(name) => name,
            Err(_) => panic!("the names are ASCII"),
        };
        i += 1;
    }
    names
};

static MANY_ENTRIES: [CatalogEntry; 1] = [CatalogEntry::new(
    "SW_MANY_DETAILS",
    &[StatusCode::BAD_REQUEST],
    Some("rooms"),
    "Carries many details.",
    "ManyDetails",
)];

static MANY_CATALOG: Catalog = Catalog::new(
    "ManyDetails",
    Convention::ScreamingSnake,
    "SW_",
    &MANY_ENTRIES,
);

/// An error with `values.len()` details, `NAMES[i]` = `values[i]`: a hand-written
/// `impl ApiError`, rendered by the runtime (D), and read field by field by L1.
#[derive(Debug, Clone)]
pub struct ManyDetails {
    /// The detail values, at most [`MAX_DETAILS`].
    pub values: Vec<String>,
}

impl ManyDetails {
    /// `n` details, the values `v000`, `v001`, ...
    ///
    /// # Panics
    /// When `n` is over [`MAX_DETAILS`].
    #[must_use]
    pub fn new(n: usize) -> Self {
        assert!(n <= MAX_DETAILS, "at most {MAX_DETAILS} details");
        Self {
            values: (0..n).map(|i| format!("v{i:03}")).collect(),
        }
    }
}

impl fmt::Display for ManyDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("many details")
    }
}

impl std::error::Error for ManyDetails {}

impl ApiError for ManyDetails {
    fn code(&self) -> &'static str {
        MANY_ENTRIES[0].code
    }

    fn status(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }

    fn entry(&self) -> &'static CatalogEntry {
        &MANY_ENTRIES[0]
    }

    fn has_details(&self) -> bool {
        !self.values.is_empty()
    }

    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
        for (name, value) in NAMES.iter().zip(&self.values) {
            visitor.plain_detail(name, Detail::str(value));
        }
    }

    fn catalog() -> &'static Catalog {
        &MANY_CATALOG
    }
}

/// One detail-count case: the same error for both arms.
#[derive(Debug)]
pub struct DetailsCase {
    /// The envelope.
    pub env: Envelope,
    /// The error.
    pub err: ManyDetails,
    /// D's formats.
    pub formats: Formats,
    /// D's context (as [`TextCase::ctx`]).
    pub ctx: Context<'static>,
    /// L1's request facts.
    pub req: Request,
}

impl DetailsCase {
    /// The case of `n` details in `env`.
    #[must_use]
    pub fn new(env: Envelope, n: usize) -> Self {
        Self {
            env,
            err: ManyDetails::new(n),
            formats: Formats::new(),
            ctx: Context::new().instance(INSTANCE),
            req: Request::new(),
        }
    }

    /// D: the runtime renders the hand-written `impl ApiError`.
    ///
    /// # Panics
    /// Never: the error always renders.
    pub fn d_body(&self, buf: &mut Vec<u8>) {
        d_write(self.env, &self.formats, &self.err, &self.ctx, buf);
    }

    /// L1: literal envelope and names, each value escaped.
    pub fn l1_body(&self, buf: &mut Vec<u8>) {
        l1_details_body(self.env, &self.err, &self.req, buf);
    }
}

/// L1's body of a [`ManyDetails`] in `env`.
pub fn l1_details_body(env: Envelope, err: &ManyDetails, req: &Request, buf: &mut Vec<u8>) {
    match env {
        Envelope::ScaiWave => {
            buf.extend_from_slice(b"{\"error\":{\"code\":\"SW_MANY_DETAILS\",\"message\":");
            display(buf, err);
            if !err.values.is_empty() {
                buf.extend_from_slice(b",\"details\":{");
                for (i, (name, value)) in NAMES.iter().zip(&err.values).enumerate() {
                    if i > 0 {
                        buf.push(b',');
                    }
                    buf.push(b'"');
                    buf.extend_from_slice(name.as_bytes());
                    buf.extend_from_slice(b"\":");
                    string(buf, value);
                }
                buf.push(b'}');
            }
            buf.extend_from_slice(b"}}");
        }
        Envelope::Problem => {
            buf.extend_from_slice(
                b"{\"type\":\"https://docs.example.com/errors/SW_MANY_DETAILS\",\
                  \"title\":\"Carries many details.\",\"status\":400,\"detail\":",
            );
            display(buf, err);
            buf.extend_from_slice(b",\"instance\":");
            string(buf, &req.instance);
            buf.extend_from_slice(b",\"code\":\"SW_MANY_DETAILS\"");
            for (name, value) in NAMES.iter().zip(&err.values) {
                buf.extend_from_slice(b",\"");
                buf.extend_from_slice(name.as_bytes());
                buf.extend_from_slice(b"\":");
                string(buf, value);
            }
            buf.push(b'}');
        }
    }
}

// --- the check -----------------------------------------------------------------------------

fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("JSON is UTF-8")
}

/// Asserts that D and L1 render `case` byte for byte the same; returns D's body.
///
/// # Panics
/// When they differ: the comparison would not be honest.
#[must_use]
pub fn check_text(case: &TextCase) -> Vec<u8> {
    let (mut d, mut l1) = (Vec::new(), Vec::new());
    case.d_body(&mut d);
    case.l1_body(&mut l1);
    assert_eq!(
        utf8(&l1),
        utf8(&d),
        "{} {}-byte message: L1 and D differ",
        case.env.name(),
        case.l1.text.len()
    );
    d
}

/// Asserts that D and L1 render `case` byte for byte the same; returns D's body.
///
/// # Panics
/// When they differ.
#[must_use]
pub fn check_details(case: &DetailsCase) -> Vec<u8> {
    let (mut d, mut l1) = (Vec::new(), Vec::new());
    case.d_body(&mut d);
    case.l1_body(&mut l1);
    assert_eq!(
        utf8(&l1),
        utf8(&d),
        "{} {} details: L1 and D differ",
        case.env.name(),
        case.err.values.len()
    );
    d
}

/// Asserts every scaling case byte for byte, and that the cases are what they say: the
/// long message cut at [`MAX_MESSAGE_BYTES`] with the marker, every detail present.
///
/// # Panics
/// When an arm renders something else.
pub fn check() {
    for env in Envelope::ALL {
        for len in MESSAGE_LENGTHS {
            let body = check_text(&TextCase::new(env, len));
            let v: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            let message = match env {
                Envelope::ScaiWave => &v["error"]["message"],
                Envelope::Problem => &v["detail"],
            };
            let message = message.as_str().expect("a message");
            let full = text(len);
            if len <= MAX_MESSAGE_BYTES {
                assert_eq!(message, full);
            } else {
                let kept = &full[..full.floor_char_boundary(MAX_MESSAGE_BYTES)];
                assert_eq!(message, format!("{kept}{TRUNCATION_MARKER}"));
            }
        }
        for n in DETAIL_COUNTS {
            let body = check_details(&DetailsCase::new(env, n));
            let v: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            let members = match env {
                Envelope::ScaiWave => v["error"]
                    .get("details")
                    .map_or(0, |d| d.as_object().expect("an object").len()),
                // type, title, status, detail, instance, code, then the details.
                Envelope::Problem => v.as_object().expect("an object").len() - 6,
            };
            assert_eq!(members, n, "{} {n} details", env.name());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_scaling_case_renders_the_same_bytes() {
        super::check();
    }

    #[test]
    fn names_are_k000_to_k999() {
        assert_eq!(super::NAMES[0], "k000");
        assert_eq!(super::NAMES[42], "k042");
        assert_eq!(super::NAMES[999], "k999");
    }
}

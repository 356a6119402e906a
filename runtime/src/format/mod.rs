//! Envelope formats: how an [`ApiError`] becomes a content type, a body and headers.
//!
//! Five are built in, one small file each so a reader can copy one to write a sixth:
//!
//! | format | body | headers |
//! |---|---|---|
//! | [`ScaiWave`] | `{"error":{"code","message","details"?,"request_id"?}}` | `Content-Type: application/json` |
//! | [`ScaiGrid`] | `{"status":"error","error":{"code","message","retry_after"?,"details"?},"meta":{"request_id"}}` | `application/json`, `Retry-After` when known |
//! | [`ScaiDrive`] | `{"detail":"<message>"}` or `{"detail":[{"type","loc","msg","input"?,"ctx"?}]}`; never a code | `application/json`, `Retry-After` when known |
//! | [`ScaiKey`] | `{"error":{"code","message","details"?,"request_id"}}` | `application/json`, `X-Request-ID` always, `X-RateLimit-*` when known, `Retry-After` when known |
//! | [`Problem`] | RFC 9457 `type`, `title`, `status`, `detail`, `instance`? (a valid URI reference), `code`, detail fields, `errors`? | `application/problem+json`, `Retry-After` when known |
//!
//! # The message
//!
//! Every format shows the same message, [`Message`]: the localised text when the
//! [`Context`] has a locale and a [`Localizer`](crate::Localizer) that knows the code; else
//! on a 5xx the public text ([`public_text`]: the entry's `public`, else the catalogue
//! meaning, else the canonical reason phrase) unless the variant opted in with `expose`;
//! else the error's `Display`. A 5xx never shows the internal `Display` or source chain.
//!
//! # Limits
//!
//! Every format caps the message and each violation's text at
//! [`MAX_MESSAGE_BYTES`](limits::MAX_MESSAGE_BYTES) bytes (then `…`), lists at most
//! [`MAX_VIOLATIONS`](limits::MAX_VIOLATIONS) violations (then one entry counting the
//! rest), and refuses a body nesting deeper than [`MAX_DEPTH`](limits::MAX_DEPTH) levels
//! (a too-deep `#[detail]`); see [`limits`].
//!
//! # Writing a sixth format
//!
//! Implement [`Format`]: the content type, the body (serialise with `serde_json` straight
//! into `out`, using [`Message`], [`Details`], [`LocPath`] and the error's
//! [`violations`](ApiError::violations)), and optionally headers. `tests/tests/sixth_format.rs`
//! writes Google AIP-193 this way in under 60 lines.
//!
//! The built-in formats are written with [`JsonWriter`] instead: the envelope's fixed
//! text goes into the buffer as literal runs ([`JsonWriter::raw_open`]), the code and
//! plain detail names as they are (they never need escaping), the message through
//! [`ApiError::write_wire_text`] (for a derived error: its fixed words as literals and
//! each placeholder escaped straight into the body, see [`JsonText`]), string and integer
//! details without `serde`, and only other values and violations through `serde_json`.
//! That is as cheap as a hand-written writer of the same bytes (BENCHMARKS.md, "L1");
//! each format file is a model to copy.
//!
//! ```
//! use api_envelope::format::{Format, Message, RenderError};
//! use api_envelope::http::HeaderValue;
//! use api_envelope::{ApiError, Context};
//!
//! /// `{"code":"...","message":"..."}`, nothing else.
//! struct Flat;
//!
//! impl Format for Flat {
//!     fn content_type(&self) -> HeaderValue {
//!         HeaderValue::from_static("application/json")
//!     }
//!     fn write_body(&self, err: &dyn ApiError, ctx: &Context<'_>, out: &mut Vec<u8>) -> Result<(), RenderError> {
//!         use api_envelope::serde::ser::{SerializeMap, Serializer as _};
//!         let mut ser = serde_json::Serializer::new(out);
//!         let mut map = ser.serialize_map(Some(2))?;
//!         map.serialize_entry("code", err.code())?;
//!         map.serialize_entry("message", &Message::new(err, ctx))?;
//!         map.end()?;
//!         Ok(())
//!     }
//! }
//! ```

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, HeaderValue, StatusCode};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::details::Detail;
use crate::violation::{Segment, Violation};
use crate::{ApiError, Context};

pub(crate) mod escape;
pub(crate) mod json;
pub mod limits;
mod message;
mod problem;
mod scaidrive;
mod scaigrid;
mod scaikey;
mod scaiwave;

pub use json::{JsonText, JsonWriter};
pub(crate) use message::{Facts, WireMessage};
pub use message::{Message, public_text, shows_own_message};
pub use problem::Problem;
pub use scaidrive::ScaiDrive;
pub use scaigrid::ScaiGrid;
pub use scaikey::ScaiKey;
pub use scaiwave::ScaiWave;

/// `Content-Type: application/json`, shared without allocating.
pub const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// `Content-Type: application/problem+json` (RFC 9457), shared without allocating.
pub const APPLICATION_PROBLEM_JSON: HeaderValue =
    HeaderValue::from_static("application/problem+json");

/// An envelope format: what content type, body and headers an [`ApiError`] is sent with.
///
/// Object safe: a service can pick its format at run time as a `&dyn Format`. Render
/// through [`ApiError::to_response`] or [`ApiError::write_body`], which also take care of
/// request-id generation and of errors (see [`render`](crate::render)).
pub trait Format {
    /// The `Content-Type` of the body. Return a `const`/`from_static` value so no
    /// allocation happens (cloning one does not allocate).
    fn content_type(&self) -> HeaderValue;

    /// Writes the body of `err` to the end of `out`.
    ///
    /// Render straight to bytes: a [`JsonWriter`] over `out`, or a `serde_json::Serializer`
    /// over `out` with the message streamed with [`Message`] and details with [`Details`].
    /// On error the caller truncates `out` back to its previous length.
    ///
    /// # Errors
    /// When a value fails to serialise (a `#[detail]` type's `Serialize` or the message's
    /// `Display` failing).
    fn write_body(
        &self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError>;

    /// Adds the format's headers (other than `Content-Type`) to `headers`. None by default.
    fn write_headers(&self, err: &dyn ApiError, ctx: &Context<'_>, headers: &mut HeaderMap) {
        let _ = (err, ctx, headers);
    }

    /// Adds the headers the product sends on every response, successes included (other
    /// than the request id, which the serving layer adds): ScaiKey's `X-RateLimit-*`.
    /// None by default. Called by the serving layers with the request's id and rate-limit
    /// figures.
    fn write_success_headers(&self, ctx: &Context<'_>, headers: &mut HeaderMap) {
        let _ = (ctx, headers);
    }

    /// Whether the envelope always carries a request id. When it does and the context
    /// has none, [`to_response`](ApiError::to_response) and
    /// [`write_body`](ApiError::write_body) generate one
    /// ([`GeneratedRequestId`](crate::context::GeneratedRequestId)) and pass the same id
    /// to [`write_body`](Self::write_body) and [`write_headers`](Self::write_headers).
    /// `false` by default.
    fn requires_request_id(&self) -> bool {
        false
    }
}

impl<F: Format + ?Sized> Format for &F {
    fn content_type(&self) -> HeaderValue {
        (**self).content_type()
    }
    fn write_body(
        &self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        (**self).write_body(err, ctx, out)
    }
    fn write_headers(&self, err: &dyn ApiError, ctx: &Context<'_>, headers: &mut HeaderMap) {
        (**self).write_headers(err, ctx, headers);
    }
    fn write_success_headers(&self, ctx: &Context<'_>, headers: &mut HeaderMap) {
        (**self).write_success_headers(ctx, headers);
    }
    fn requires_request_id(&self) -> bool {
        (**self).requires_request_id()
    }
}

/// Why a body could not be rendered.
#[derive(Debug)]
pub struct RenderError(Box<dyn std::error::Error + Send + Sync>);

impl RenderError {
    /// A render error with a cause (a message or another error).
    pub fn new(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self(cause.into())
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not render the error envelope: {}", self.0)
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

impl From<serde_json::Error> for RenderError {
    fn from(e: serde_json::Error) -> Self {
        Self(Box::new(e))
    }
}

impl From<std::io::Error> for RenderError {
    fn from(e: std::io::Error) -> Self {
        Self(Box::new(e))
    }
}

impl From<fmt::Error> for RenderError {
    fn from(e: fmt::Error) -> Self {
        Self(Box::new(e))
    }
}

/// Serialises `value` as compact JSON to the end of `out`, nesting at most
/// [`MAX_DEPTH`](limits::MAX_DEPTH) levels deep.
///
/// # Errors
/// When `value` fails to serialise or would nest deeper than
/// [`MAX_DEPTH`](limits::MAX_DEPTH); `out` may then hold part of the output (the
/// [`render`](crate::render) functions truncate it back).
pub fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), RenderError> {
    let mut left = limits::MAX_VALUES_BYTES;
    let mut ser = serde_json::Serializer::with_formatter(
        limits::Budgeted::new(out, &mut left),
        limits::DepthLimit::at(0),
    );
    value.serialize(&mut ser)?;
    Ok(())
}

/// The canonical reason phrase of `status` (`"Not Found"`), or `"Error"` for a status
/// without one.
#[must_use]
pub fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}

/// The violations an envelope lists for `err`: its own, but none on a 5xx that does not
/// show its own message (a 5xx tells the client nothing of its input; the derive rejects
/// `#[violations]` on a 5xx, this holds for hand-written impls).
#[must_use]
pub fn shown_violations(err: &dyn ApiError) -> &[crate::Violation] {
    Facts::of(err).violations(err)
}

/// The title of a code: its catalogue meaning, or the canonical reason phrase of the
/// status when the meaning is empty.
#[must_use]
pub fn title(err: &dyn ApiError) -> &'static str {
    let meaning = err.meaning();
    if meaning.is_empty() {
        reason(err.status())
    } else {
        meaning
    }
}

/// Calls `f` with each `#[detail]` field of `err`, stopping at the first error.
///
/// # Errors
/// The first error `f` returns.
pub fn try_for_each_detail<E>(
    err: &dyn ApiError,
    mut f: impl FnMut(&'static str, Detail<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let mut result = Ok(());
    err.visit_details(&mut |name: &'static str, value: Detail<'_>| {
        if result.is_ok() {
            result = f(name, value);
        }
    });
    result
}

/// The `#[detail]` fields of an error as one JSON object `{"name": value, ...}`,
/// serialised straight from the borrowed fields.
///
/// Names listed in [`skip`](Self::skip) are left out (a format uses it for names its
/// envelope already uses).
#[derive(Clone, Copy)]
pub struct Details<'a> {
    err: &'a dyn ApiError,
    skip: &'a [&'a str],
}

impl<'a> Details<'a> {
    /// The detail fields of `err`.
    #[must_use]
    pub fn new(err: &'a dyn ApiError) -> Self {
        Self { err, skip: &[] }
    }

    /// Leaves out the fields with these names.
    #[must_use]
    pub fn skip(mut self, names: &'a [&'a str]) -> Self {
        self.skip = names;
        self
    }

    /// Serialises the fields as entries of an already open map.
    ///
    /// # Errors
    /// When a value fails to serialise.
    pub fn serialize_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        try_for_each_detail(self.err, |name, value| {
            if self.skip.contains(&name) {
                Ok(())
            } else {
                map.serialize_entry(name, &value)
            }
        })
    }
}

impl fmt::Debug for Details<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Details({:?})", self.err.code())
    }
}

impl Serialize for Details<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.serialize_entries(&mut map)?;
        map.end()
    }
}

/// A violation's location as one dotted path with indexes in brackets
/// (`body.items[0].name`), like [`Violation::path`] but streamed without allocating.
///
/// ```
/// use api_envelope::{format::LocPath, Violation};
///
/// let v = Violation::new(["body", "items"], "bad").at(0).at("name");
/// assert_eq!(LocPath(&v.loc).to_string(), v.path());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LocPath<'a>(pub &'a [Segment]);

impl fmt::Display for LocPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in self.0 {
            match seg {
                Segment::Index(i) => write!(f, "[{i}]")?,
                Segment::Field(name) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
            }
            first = false;
        }
        Ok(())
    }
}

impl Serialize for LocPath<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Violations as the FastAPI/Pydantic list: `[{"type","loc","msg","input"?,"ctx"?}]`,
/// `loc` mixing strings and integers (used by [`ScaiWave`] and [`ScaiDrive`]).
///
/// At most [`MAX_VIOLATIONS`](limits::MAX_VIOLATIONS) entries, then one counting the
/// rest; each `msg` cut as [`limits`] says.
#[derive(Debug, Clone, Copy)]
pub struct PydanticErrors<'a>(pub &'a [Violation]);

impl Serialize for PydanticErrors<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(limits::listed_len(self.0)))?;
        limits::try_for_each_listed(self.0, |v| seq.serialize_element(&PydanticEntry(v)))?;
        seq.end()
    }
}

pub(crate) struct PydanticEntry<'a>(pub(crate) &'a Violation);

impl Serialize for PydanticEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", &*v.kind)?;
        map.serialize_entry("loc", &v.loc)?;
        map.serialize_entry("msg", &limits::Capped(&v.message))?;
        if let Some(input) = &v.input {
            map.serialize_entry("input", input)?;
        }
        if let Some(ctx) = &v.ctx {
            map.serialize_entry("ctx", ctx)?;
        }
        map.end()
    }
}

/// The retry hint of `err` in whole seconds, rounded up (so a client never retries early).
#[must_use]
pub fn retry_after_secs(err: &dyn ApiError) -> Option<u64> {
    err.retry_after().map(ceil_secs)
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0))
}

/// Sets `Retry-After` (delay in seconds, rounded up) when `err` has a retry hint.
pub fn insert_retry_after(err: &dyn ApiError, headers: &mut HeaderMap) {
    if let Some(secs) = retry_after_secs(err) {
        headers.insert(http::header::RETRY_AFTER, number_header(secs));
    }
}

/// A header value of a number in decimal, with a single allocation (http's
/// `HeaderValue::from(u64)` makes two).
#[must_use]
pub fn number_header(n: u64) -> HeaderValue {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    HeaderValue::from_bytes(&buf[i..]).unwrap_or_else(|_| HeaderValue::from_static("0"))
}

/// A header value from a request id, sanitised as
/// [`header_safe_request_id`](crate::context::header_safe_request_id) says.
#[must_use]
pub fn request_id_header(id: &str) -> HeaderValue {
    let safe = crate::context::header_safe_request_id(id);
    HeaderValue::from_str(safe.as_str()).unwrap_or_else(|_| HeaderValue::from_static("_"))
}

/// The request id of `ctx`, or one generated into `slot`: for formats that must always
/// send one and may be called directly, without
/// [`requires_request_id`](Format::requires_request_id) having been honoured.
pub(crate) fn request_id_or_generate<'a>(
    ctx: &Context<'a>,
    slot: &'a mut Option<crate::context::GeneratedRequestId>,
) -> &'a str {
    match ctx.get_request_id() {
        Some(id) => id,
        None => slot.get_or_insert_with(Default::default).as_str(),
    }
}

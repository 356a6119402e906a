//! Client side: reading an error response back.
//!
//! An SDK receives a status, headers and a body. [`RemoteError::from_parts`] recognises
//! which of the five envelopes the body is in (see [`WireFormat`]) and reads the
//! same facts out of each: status, code, message, details, field violations, request id,
//! retry hint and rate-limit figures. It never fails: a body that is no known envelope
//! (a proxy's HTML page, an empty 502) still gives a `RemoteError` with the status and a
//! message.
//!
//! [`RemoteError::decode`] then turns it into the service's own error type where a
//! variant can be rebuilt ([`FromRemote`]), and otherwise keeps it as
//! [`Decoded::Unknown`], so a code the client does not know yet never loses its
//! message. [`RemoteError::sdk_class`] classifies any error the way seed 004's SDKs
//! dispatch: by code namespace first, then by HTTP status ([`SdkErrorClass`]).
//!
//! # What comes back exactly, and what cannot
//!
//! Reading back what this crate's formats render gives the same code, message, details
//! and violations as far as the envelope carries them, with these rules:
//!
//! - **Message.** The envelope's message as sent, an empty `""` included. Only an
//!   envelope with no message at all (a body that is no envelope, an `error` object
//!   without `message`, a problem without `detail` or `title`, ScaiDrive's 422 list whose
//!   violations have no text) gets the status's reason phrase instead.
//! - **Request id.** The body's id where the format puts it (`error.request_id` of
//!   ScaiWave and ScaiKey, `meta.request_id` of ScaiGrid) wins over `X-Request-ID`: the
//!   body holds the id exactly, while the header holds it sanitised for a header value
//!   (ScaiKey sends `" "` as `_`). The header is used when the body has none, and it is
//!   the only source for ScaiDrive and problems, whose bodies have no id of their own.
//!   A problem's `request_id` member, like its `retry_after`, is an extension member
//!   (a detail).
//! - **Retry hint.** `Retry-After`, else ScaiGrid's `error.retry_after`, the only
//!   envelope that has one in the body.
//! - **ScaiWave details and violations** are told apart by shape: an `error.details`
//!   object holds the `#[detail]` fields (every member, `fields` included); a list holds
//!   the violations. For a value with both, ScaiWave lists its details after the
//!   violations as `{"type":"detail","loc":[name],"msg":<message>,"input":value}`, so an
//!   entry of exactly that shape (those four members, the error's own message as `msg`,
//!   a name not seen later in the run) in the run at the end of the list is read as a
//!   detail, never the first entry. *Ambiguous:* a violation of kind `"detail"` with a
//!   one-name location, an `input`, no `ctx` and the error's message as its text, listed
//!   last (not first), is indistinguishable from a detail and is read as one.
//! - **Problem locations** are `errors[].pointer` JSON Pointers (RFC 6901) in
//!   URI-fragment form, read as the inverse of what [`Problem`](crate::format::Problem)
//!   writes: percent-decoded, then split on `/`, `~1` read as `/` and `~0` as `~`.
//!   *Ambiguous:* a pointer does not say whether a segment is an array index or a member
//!   name, so a segment of decimal digits without a leading zero (`0`, `7`) is read as
//!   an index, even when the location had a field named `"7"` (`"07"` stays a name). The
//!   format drops a leading `"body"` segment and the pointer does not show whether it
//!   did, so it is not restored: `["body", "age"]` and `["age"]` both read back as
//!   `["age"]` (a location relative to the request body, as RFC 9457 uses it).
//! - **Dotted paths** (ScaiGrid `field`, ScaiKey `details.fields[].field`) read back
//!   exactly only for non-empty names without `.`, `[` and `]`.
//! - **Locations** (`loc`) keep every segment: a string as a name, a non-negative
//!   integer as an index, anything else (`1.5`, `-1`, `null`) as its JSON text.
//! - **Codes from `type`.** A problem without a `code` member takes its code from the
//!   last segment of `type` (after the last `/` or `#`, percent-decoded), when that is
//!   not empty: a `type` that is the base URI alone (`https://e.example/errors/`) or
//!   `about:blank` gives none.
//! - **Media type.** `Content-Type: application/problem+json` (with parameters or not, in
//!   any case) makes the body a problem whatever its shape; any other media type,
//!   `application/problem+jsonx` included, leaves it to the shape.
//!
//! # Hostile bodies
//!
//! The body may come from a server (or a proxy) that does not follow its own format, or
//! from one that wants the client to fail. Reading never panics, takes time linear in the
//! body and memory within a fixed multiple of it, and loses no more than it must (see
//! [`limits`] for the figures):
//!
//! - only the first [`ReadOptions::max_body_bytes`] are read (1 MiB unless set);
//! - a value that cannot be read (a number out of range such as `1e999999`, a `NaN`,
//!   bytes that are no JSON) is lost alone: the code, message, status and request id
//!   are kept whenever they can be read, before or after it; invalid UTF-8 and invalid
//!   escapes read as U+FFFD; a body cut short keeps what comes before the cut;
//! - values past a memory budget or nested past [`limits::MAX_DEPTH`] are skipped, the
//!   envelope's own members still read; violations past [`limits::MAX_VIOLATIONS`] are
//!   left out; every figure (`Retry-After`, `X-RateLimit-*`) saturates.
//!
//! [`RemoteError::losses`] says what was cut, left out or replaced.
//!
//! ```
//! use api_envelope::client::{ReadOptions, RemoteError};
//! use api_envelope::http::{HeaderMap, StatusCode};
//!
//! let body = b"{\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":\"room r1 is closed\",
//!     \"details\":{\"since\":1e999999,\"room\":\"r\xFF1\"}}}";
//! let remote = RemoteError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body);
//! assert_eq!(remote.code.as_deref(), Some("SW_ROOM_FROZEN"));
//! assert_eq!(remote.message, "room r1 is closed");
//! assert_eq!(remote.detail::<String>("room").as_deref(), Some("r\u{FFFD}1"));
//! assert_eq!(remote.detail::<u64>("since"), None);
//! assert_eq!((remote.losses.bad_values, remote.losses.replaced), (1, 1));
//! assert!(!remote.truncated());
//!
//! // A body past the cap is read up to it.
//! let small = ReadOptions::new().max_body_bytes(64);
//! let remote = small.read(StatusCode::CONFLICT, &HeaderMap::new(), body);
//! assert_eq!(remote.code.as_deref(), Some("SW_ROOM_FROZEN"));
//! assert!(remote.losses.body_cut && remote.truncated());
//! ```
//!
//! ```
//! use api_envelope::client::{RemoteError, SdkErrorClass, WireFormat};
//! use api_envelope::http::{HeaderMap, StatusCode};
//!
//! let body = br#"{"type":"https://docs.example.com/errors/auth.token.invalid",
//!     "title":"Invalid token","status":401,"detail":"token expired",
//!     "code":"auth.token.invalid"}"#;
//! let remote = RemoteError::from_parts(StatusCode::UNAUTHORIZED, &HeaderMap::new(), body);
//! assert_eq!(remote.format, Some(WireFormat::Problem));
//! assert_eq!(remote.code.as_deref(), Some("auth.token.invalid"));
//! assert_eq!(remote.message, "token expired");
//! assert_eq!(remote.sdk_class(), SdkErrorClass::Authentication);
//! ```

mod headers;
mod json;
pub mod limits;
mod parse;
mod retry;
mod sdk;

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use crate::catalog::{Catalog, CatalogEntry};
use crate::violation::Violation;

#[cfg(feature = "tonic")]
pub(crate) use parse::parse_path;
pub use retry::{RetryPolicy, is_idempotent};
pub use sdk::SdkErrorClass;

/// Which envelope a response body was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WireFormat {
    /// `{"error":{"code","message"}}`, details as a Pydantic-style list.
    ScaiWave,
    /// `{"status":"error","error":{...},"meta":{"request_id"}}`.
    ScaiGrid,
    /// `{"detail": "<message>"}` or the Pydantic 422 list; no code.
    ScaiDrive,
    /// `{"error":{"code","message","details"?,"request_id"}}` with `X-Request-ID`.
    ScaiKey,
    /// RFC 9457 `application/problem+json`.
    Problem,
}

impl WireFormat {
    /// Every format, in the order of the seed pages.
    pub const ALL: [Self; 5] = [
        Self::ScaiWave,
        Self::ScaiGrid,
        Self::ScaiDrive,
        Self::ScaiKey,
        Self::Problem,
    ];

    /// The format's name (`"ScaiWave"`, ..., `"Problem"`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::ScaiWave => "ScaiWave",
            Self::ScaiGrid => "ScaiGrid",
            Self::ScaiDrive => "ScaiDrive",
            Self::ScaiKey => "ScaiKey",
            Self::Problem => "Problem",
        }
    }
}

impl fmt::Display for WireFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Rate-limit figures read from `X-RateLimit-Limit`, `-Remaining` and `-Reset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RateLimitInfo {
    /// `X-RateLimit-Limit`: requests allowed in the window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: requests left in the window.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`: as sent (seconds, or a Unix time, depending on the service).
    pub reset: Option<u64>,
}

/// How a response is read: which envelope to expect, and how much of the body to read.
///
/// ```
/// use api_envelope::client::{ReadOptions, WireFormat};
/// use api_envelope::client::limits::DEFAULT_MAX_BODY_BYTES;
/// use api_envelope::http::{HeaderMap, StatusCode};
///
/// let options = ReadOptions::new();
/// assert_eq!(options.get_max_body_bytes(), DEFAULT_MAX_BODY_BYTES);
/// let options = options.format(WireFormat::ScaiKey).max_body_bytes(4 << 20);
/// let body = br#"{"error":{"code":"c","message":"m"}}"#;
/// let remote = options.read(StatusCode::CONFLICT, &HeaderMap::new(), body);
/// assert_eq!(remote.format, Some(WireFormat::ScaiKey));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    format: Option<WireFormat>,
    max_body_bytes: usize,
}

impl ReadOptions {
    /// Recognise the envelope by its shape; read at most
    /// [`DEFAULT_MAX_BODY_BYTES`](limits::DEFAULT_MAX_BODY_BYTES) (1 MiB) of the body.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            format: None,
            max_body_bytes: limits::DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Read the body as `format` without guessing (for a client that knows which product
    /// it talks to).
    #[must_use]
    pub const fn format(mut self, format: WireFormat) -> Self {
        self.format = Some(format);
        self
    }

    /// Read at most `max` bytes of the body: past them, the body is read as if it ended
    /// there (cut back to a UTF-8 character boundary), and
    /// [`Losses::body_cut`] says so. Time and memory are proportional to what is read
    /// (see [`limits`]).
    #[must_use]
    pub const fn max_body_bytes(mut self, max: usize) -> Self {
        self.max_body_bytes = max;
        self
    }

    /// The format named with [`format`](Self::format), if any.
    #[must_use]
    pub const fn get_format(&self) -> Option<WireFormat> {
        self.format
    }

    /// The most bytes of a body read.
    #[must_use]
    pub const fn get_max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// Reads an error response from its status, headers and body bytes.
    #[must_use]
    pub fn read(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> RemoteError {
        parse::parse(status, headers, body, self)
    }

    /// Reads an `http::Response` whose body is bytes (`Vec<u8>`, `Bytes`, `String`, ...).
    #[must_use]
    pub fn read_response<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> RemoteError {
        self.read(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// What reading a response could not keep: nothing (all `false` and `0`, see
/// [`is_none`](Self::is_none)) for a body within the [`limits`] that is valid JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Losses {
    /// The body was longer than [`ReadOptions::max_body_bytes`] and was read up to it,
    /// or it ended inside its JSON (cut short by the server or on the way).
    pub body_cut: bool,
    /// Values were skipped to stay within the memory budget or the nesting limit
    /// ([`limits`]), or a string was cut for the budget.
    pub values_left_out: bool,
    /// More than [`MAX_VIOLATIONS`](limits::MAX_VIOLATIONS) violations were sent; the
    /// first ones are kept.
    pub violations_left_out: bool,
    /// Values that could not be read and were lost: numbers out of range
    /// (`1e999999`), `NaN`, `Infinity`, and each stretch of bytes that is no JSON (read
    /// on from the next `,`, `}` or `]`).
    pub bad_values: usize,
    /// Invalid UTF-8 sequences and invalid escapes (`\ud800` alone), each read as
    /// U+FFFD.
    pub replaced: usize,
}

impl Losses {
    /// Whether a limit or a cut body left something out: the body, values or violations.
    #[must_use]
    pub const fn truncated(&self) -> bool {
        self.body_cut || self.values_left_out || self.violations_left_out
    }

    /// Whether nothing was lost: the body was read whole and exactly.
    #[must_use]
    pub const fn is_none(&self) -> bool {
        !self.truncated() && self.bad_values == 0 && self.replaced == 0
    }
}

/// An error response read back from the wire, whatever its envelope.
///
/// Built by [`from_parts`](Self::from_parts) or [`from_response`](Self::from_response);
/// never fails to build.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RemoteError {
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The machine-readable code, when the envelope carries one (ScaiDrive never does;
    /// for RFC 9457 without a `code` member, the last segment of `type`).
    pub code: Option<String>,
    /// The human-readable message: `error.message` or `detail` exactly as sent (`""`
    /// included); for a body that is no envelope, its text, and for an envelope or body
    /// without any message, the status's reason phrase (see the [module docs](self)).
    pub message: String,
    /// The structured details (`error.details` of ScaiKey, the extension members of a
    /// problem document, ...), without the field violations.
    pub details: Map<String, Value>,
    /// The field violations of a validation error, in the order sent.
    pub violations: Vec<Violation>,
    /// The request id: `error.request_id` (ScaiWave, ScaiKey) or `meta.request_id`
    /// (ScaiGrid), exactly as in the body; else `X-Request-ID` (which a server may have
    /// sanitised).
    pub request_id: Option<String>,
    /// The retry hint: `Retry-After` (seconds or HTTP date), else ScaiGrid's
    /// `error.retry_after`; a figure past [`MAX_RETRY_AFTER`](limits::MAX_RETRY_AFTER)
    /// (a date in the year 10¹⁹) is that.
    pub retry_after: Option<Duration>,
    /// `X-RateLimit-*` figures, when any was sent.
    pub rate_limit: Option<RateLimitInfo>,
    /// The retry class the server declared for the code, when its wire says (the gRPC
    /// `ErrorInfo` metadata `retry-class`); see [`retry_class`](Self::retry_class).
    pub retry_declared: Option<crate::catalog::Retry>,
    /// The code the wire carried, when [`upgraded`](Self::upgraded) replaced a deprecated
    /// one with its replacement in [`code`](Self::code).
    pub deprecated_code: Option<String>,
    /// RFC 9457 `title` (the code's catalogue meaning).
    pub title: Option<String>,
    /// RFC 9457 `type` URI.
    pub type_uri: Option<String>,
    /// RFC 9457 `instance`.
    pub instance: Option<String>,
    /// The envelope recognised, or `None` for a body that is none of the five.
    pub format: Option<WireFormat>,
    /// The parsed body (`Value::Null` when it is not JSON), for members no field covers;
    /// what [`losses`](Self::losses) says was lost is not in it.
    pub body: Value,
    /// What could not be kept: the body cut at the cap, values left out or unreadable,
    /// characters replaced.
    pub losses: Losses,
}

impl RemoteError {
    /// Reads an error response from its status, headers and body bytes, recognising the
    /// envelope by its shape (and `Content-Type: application/problem+json`).
    ///
    /// At most [`DEFAULT_MAX_BODY_BYTES`](limits::DEFAULT_MAX_BODY_BYTES) of the body
    /// are read; [`ReadOptions`] sets another cap.
    #[must_use]
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        ReadOptions::new().read(status, headers, body)
    }

    /// Like [`from_parts`](Self::from_parts), but reads the body as `format` without
    /// guessing (for a client that knows which product it talks to).
    #[must_use]
    pub fn from_parts_as(
        format: WireFormat,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        ReadOptions::new()
            .format(format)
            .read(status, headers, body)
    }

    /// Reads an `http::Response` whose body is bytes (`Vec<u8>`, `Bytes`, `String`, ...).
    #[must_use]
    pub fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Self {
        Self::from_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// A remote error with only a status, code and message (for tests and hand-made
    /// fallbacks).
    #[must_use]
    pub fn new(status: StatusCode, code: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.map(str::to_owned),
            message: message.into(),
            details: Map::new(),
            violations: Vec::new(),
            request_id: None,
            retry_after: None,
            rate_limit: None,
            retry_declared: None,
            deprecated_code: None,
            title: None,
            type_uri: None,
            instance: None,
            format: None,
            body: Value::Null,
            losses: Losses::default(),
        }
    }

    /// Whether a limit or a cut body left something out ([`Losses::truncated`]).
    #[must_use]
    pub const fn truncated(&self) -> bool {
        self.losses.truncated()
    }

    /// The code, or `""` when the envelope carries none.
    #[must_use]
    pub fn code_str(&self) -> &str {
        self.code.as_deref().unwrap_or("")
    }

    /// One detail member, deserialised: `remote.detail::<String>("path")`.
    #[must_use]
    pub fn detail<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        self.details.get(name).and_then(|v| T::deserialize(v).ok())
    }

    /// The entry of this error in `catalog` (its nested catalogues included): by code, or
    /// for an envelope without a code (ScaiDrive) by status when exactly one entry of the
    /// catalogue has it.
    #[must_use]
    pub fn lookup(&self, catalog: &Catalog) -> Option<&'static CatalogEntry> {
        match &self.code {
            Some(code) => catalog.get(code),
            None => {
                let mut found = catalog.iter().filter(|e| e.statuses.contains(&self.status));
                let first = found.next()?;
                found.next().is_none().then_some(first)
            }
        }
    }

    /// This error with a deprecated code (`#[code("OLD", .., deprecated = "NEW")]` in
    /// `catalog`) replaced by the code that replaces it, following a chain of
    /// deprecations, so code branching on the new code (or a [`FromRemote`] rebuilding
    /// its variant) handles an older server's answers too. The wire's code stays in
    /// [`deprecated_code`](Self::deprecated_code). Anything else is returned as it is.
    ///
    /// ```
    /// use api_envelope::{ApiError, Catalogued};
    /// use api_envelope::client::RemoteError;
    /// use api_envelope::http::{HeaderMap, StatusCode};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum RoomError {
    ///     /// Closed or archived (old name).
    ///     #[code("SW_ROOM_FROZEN", status = 409, deprecated = "SW_ROOM_CLOSED")]
    ///     Frozen,
    ///     /// Closed or archived.
    ///     #[code("SW_ROOM_CLOSED", status = 409)]
    ///     Closed,
    /// }
    ///
    /// let body = br#"{"error":{"code":"SW_ROOM_FROZEN","message":"closed"}}"#;
    /// let remote = RemoteError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body)
    ///     .upgraded(&RoomError::CATALOG);
    /// assert_eq!(remote.code.as_deref(), Some("SW_ROOM_CLOSED"));
    /// assert_eq!(remote.deprecated_code.as_deref(), Some("SW_ROOM_FROZEN"));
    /// ```
    #[must_use]
    pub fn upgraded(mut self, catalog: &Catalog) -> Self {
        let Some(wire) = self.code.as_deref() else {
            return self;
        };
        let mut current = wire;
        // A chain is followed as far as the catalogue has it, at most once per entry (a
        // cycle ends where it would repeat).
        for _ in 0..catalog.iter().count() {
            match catalog.get(current).and_then(|e| e.deprecated) {
                Some(next) if next != wire => current = next,
                _ => break,
            }
        }
        if current != wire {
            let current = current.to_owned();
            self.deprecated_code = self.code.replace(current);
        }
        self
    }

    /// How seed 004's SDKs classify this error: code namespace first, then status.
    #[must_use]
    pub fn sdk_class(&self) -> SdkErrorClass {
        SdkErrorClass::classify(self.code.as_deref(), self.status)
    }

    /// Turns this into `E` where one of its variants can be rebuilt, else keeps it as
    /// [`Decoded::Unknown`].
    #[must_use]
    pub fn decode<E: FromRemote>(self) -> Decoded<E> {
        match E::from_remote(&self) {
            Some(error) => Decoded::Known {
                error,
                remote: self,
            },
            None => Decoded::Unknown(self),
        }
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{} {code}: {}", self.status.as_u16(), self.message),
            None => write!(f, "{}: {}", self.status.as_u16(), self.message),
        }
    }
}

impl std::error::Error for RemoteError {}

/// Rebuilds a value of the service's own error type from a [`RemoteError`].
///
/// Implemented by hand (or by a later derive extension) for the variants that can be
/// rebuilt from what the wire carries: unit variants from their code, variants whose
/// fields are all `#[detail]`s from the details. Return `None` for anything else; the
/// caller keeps it as [`Decoded::Unknown`].
///
/// ```
/// use api_envelope::ApiError;
/// use api_envelope::client::{Decoded, FromRemote, RemoteError};
/// use api_envelope::http::{HeaderMap, StatusCode};
///
/// #[derive(Debug, ApiError)]
/// enum NoteError {
///     /// Note not found.
///     #[code("SW_NOTE_NOT_FOUND", status = 404)]
///     #[message("note '{path}' not found")]
///     NoteMissing { #[detail] path: String },
///     /// Read only.
///     #[code("SW_READ_ONLY", status = 403)]
///     ReadOnly,
/// }
///
/// impl FromRemote for NoteError {
///     fn from_remote(remote: &RemoteError) -> Option<Self> {
///         match remote.code.as_deref()? {
///             "SW_NOTE_NOT_FOUND" => Some(Self::NoteMissing { path: remote.detail("path")? }),
///             "SW_READ_ONLY" => Some(Self::ReadOnly),
///             _ => None,
///         }
///     }
/// }
///
/// let body = br#"{"error":{"code":"SW_READ_ONLY","message":"Read only."}}"#;
/// let remote = RemoteError::from_parts(StatusCode::FORBIDDEN, &HeaderMap::new(), body);
/// assert!(matches!(remote.decode::<NoteError>(), Decoded::Known { error: NoteError::ReadOnly, .. }));
///
/// let body = br#"{"error":{"code":"SW_BRAND_NEW","message":"something new"}}"#;
/// let remote = RemoteError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body);
/// let decoded = remote.decode::<NoteError>();
/// assert_eq!(decoded.code(), Some("SW_BRAND_NEW"));
/// assert_eq!(decoded.message(), "something new");
/// ```
pub trait FromRemote: Sized {
    /// The rebuilt value, or `None` when this error is not one `Self` can rebuild.
    fn from_remote(remote: &RemoteError) -> Option<Self>;
}

/// A [`RemoteError`] decoded against the service's error type `E`.
#[derive(Debug)]
pub enum Decoded<E> {
    /// A variant of `E` was rebuilt; `remote` keeps what the wire said (request id, ...).
    Known {
        /// The rebuilt error.
        error: E,
        /// The response it was read from.
        remote: RemoteError,
    },
    /// No variant could be rebuilt (a code new to this client, a 502 from a proxy, ...):
    /// status, code and message are kept.
    Unknown(RemoteError),
}

impl<E> Decoded<E> {
    /// The rebuilt error, if any.
    pub fn known(&self) -> Option<&E> {
        match self {
            Self::Known { error, .. } => Some(error),
            Self::Unknown(_) => None,
        }
    }

    /// The rebuilt error, or the remote error when none could be rebuilt.
    ///
    /// # Errors
    /// The [`RemoteError`] when the error is [`Decoded::Unknown`].
    #[allow(
        clippy::result_large_err,
        reason = "the error path of an error: rare and moved once"
    )]
    pub fn into_known(self) -> Result<E, RemoteError> {
        match self {
            Self::Known { error, .. } => Ok(error),
            Self::Unknown(remote) => Err(remote),
        }
    }

    /// What the wire said, in either case.
    pub fn remote(&self) -> &RemoteError {
        match self {
            Self::Known { remote, .. } | Self::Unknown(remote) => remote,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.remote().status
    }

    /// The code, when the envelope carried one.
    pub fn code(&self) -> Option<&str> {
        self.remote().code.as_deref()
    }

    /// The message as sent.
    pub fn message(&self) -> &str {
        &self.remote().message
    }

    /// The request id, when sent.
    pub fn request_id(&self) -> Option<&str> {
        self.remote().request_id.as_deref()
    }

    /// The SDK class of the error ([`RemoteError::sdk_class`]).
    pub fn sdk_class(&self) -> SdkErrorClass {
        self.remote().sdk_class()
    }
}

impl<E: fmt::Display> fmt::Display for Decoded<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Known { error, .. } => error.fmt(f),
            Self::Unknown(remote) => remote.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Decoded<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Known { error, .. } => error.source(),
            Self::Unknown(_) => None,
        }
    }
}

/// Decodes a response straight into `E` ([`RemoteError::from_parts`] then
/// [`RemoteError::decode`]).
#[must_use]
pub fn decode<E: FromRemote>(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Decoded<E> {
    RemoteError::from_parts(status, headers, body).decode()
}

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
//! - **Request id.** The body's id (`error.request_id`, `meta.request_id`, a problem's
//!   `request_id`) wins over `X-Request-ID`: the body holds the id exactly, while the
//!   header holds it sanitised for a header value (ScaiKey sends `" "` as `_`). The
//!   header is used when the body has none.
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

mod parse;
mod sdk;

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use crate::catalog::{Catalog, CatalogEntry};
use crate::violation::Violation;

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
    /// The request id: `error.request_id`, `meta.request_id` or a problem's
    /// `request_id` member, exactly as in the body; else `X-Request-ID` (which a server
    /// may have sanitised).
    pub request_id: Option<String>,
    /// The retry hint: `Retry-After` (seconds or HTTP date), else a body `retry_after`.
    pub retry_after: Option<Duration>,
    /// `X-RateLimit-*` figures, when any was sent.
    pub rate_limit: Option<RateLimitInfo>,
    /// RFC 9457 `title` (the code's catalogue meaning).
    pub title: Option<String>,
    /// RFC 9457 `type` URI.
    pub type_uri: Option<String>,
    /// RFC 9457 `instance`.
    pub instance: Option<String>,
    /// The envelope recognised, or `None` for a body that is none of the five.
    pub format: Option<WireFormat>,
    /// The parsed body (`Value::Null` when it is not JSON), for members no field covers.
    pub body: Value,
}

impl RemoteError {
    /// Reads an error response from its status, headers and body bytes, recognising the
    /// envelope by its shape (and `Content-Type: application/problem+json`).
    #[must_use]
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        parse::parse(status, headers, body, None)
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
        parse::parse(status, headers, body, Some(format))
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
            title: None,
            type_uri: None,
            instance: None,
            format: None,
            body: Value::Null,
        }
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

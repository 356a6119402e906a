//! gRPC (feature `tonic`): an error as a `tonic::Status` with Google's rich error model,
//! and a `tonic::Status` read back into a [`RemoteError`].
//!
//! [`to_status`] gives the status code of the error's catalogue entry
//! ([`CatalogEntry::grpc`]: declared with `#[code(.., grpc = "ALREADY_EXISTS")]`, else
//! mapped from the HTTP status, [`GrpcCode::for_status`]), the message the HTTP envelope
//! shows (a 5xx's public text, never its internals), and in `grpc-status-details-bin`:
//!
//! | detail | from |
//! |---|---|
//! | `ErrorInfo` | `reason` the code, `domain` the one given (the product), `metadata` the `#[detail]` fields (strings as they are, other values as JSON), [`http-status`](HTTP_STATUS_KEY) and [`retry-class`](RETRY_KEY) (the code's retry class) |
//! | `RetryInfo` | the retry hint |
//! | `BadRequest` | the violations (`field` the dotted path, `description` the message, `reason` the kind), none on a 5xx |
//! | `RequestInfo` | the context's request id (also sent as `x-request-id` metadata) |
//! | `LocalizedMessage` | the context's locale and the localised message, when its localizer knows the code |
//!
//! A derived error also converts with `From` (`tonic::Status::from(err)`, or `?` in a
//! tonic handler), with its catalogue's name as the domain and no request context.
//!
//! ```
//! use api_envelope::integrations::grpc::to_status;
//! use api_envelope::client::RemoteError;
//! use api_envelope::{ApiError, Context};
//!
//! #[derive(Debug, ApiError)]
//! enum SecretError {
//!     /// A live secret has that name.
//!     #[code("name_conflict", status = 409, grpc = "ALREADY_EXISTS")]
//!     #[message("secret {path} exists")]
//!     Conflict { #[detail] path: String },
//! }
//!
//! let err = SecretError::Conflict { path: "db/password".into() };
//! let status = to_status(&err, &Context::new().request_id("req_1"), "scaikey.example.com");
//! assert_eq!(status.code(), tonic::Code::AlreadyExists);
//! assert_eq!(status.message(), "secret db/password exists");
//!
//! let remote = RemoteError::from_status(&status);
//! assert_eq!(remote.code.as_deref(), Some("name_conflict"));
//! assert_eq!(remote.status, 409);
//! assert_eq!(remote.details["path"], "db/password");
//! assert_eq!(remote.request_id.as_deref(), Some("req_1"));
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;

use http::StatusCode;
use serde_json::{Map, Value};
use tonic::metadata::MetadataValue;
use tonic_types::{ErrorDetails, FieldViolation, StatusExt as _};

use crate::catalog::{GrpcCode, Retry};
use crate::client::RemoteError;
use crate::details::Repr;
use crate::format::{Facts, Message, RenderError, limits};
use crate::integrations::{Envelopes, RequestInfo};
use crate::{ApiError, CatalogEntry, Context, Violation};

/// The `ErrorInfo` metadata key carrying the HTTP status. Hyphenated, as no field name
/// is, so a `#[detail]` named `http_status` keeps its own key.
pub const HTTP_STATUS_KEY: &str = "http-status";

/// The `ErrorInfo` metadata key carrying the code's retry class (`never`, `after`,
/// `safe`). Hyphenated, as no field name is (a `#[detail]` named `retry` keeps its key).
pub const RETRY_KEY: &str = "retry-class";

/// The metadata key [`to_status`] sends the request id under (besides `RequestInfo`).
pub const REQUEST_ID_METADATA: &str = "x-request-id";

/// The `tonic::Code` of a [`GrpcCode`].
#[must_use]
pub fn tonic_code(code: GrpcCode) -> tonic::Code {
    tonic::Code::from_i32(code.number())
}

/// The gRPC code of `err`: its entry's ([`CatalogEntry::grpc`]), for the status it has.
#[must_use]
pub fn grpc_code(err: &dyn ApiError) -> GrpcCode {
    let entry: &CatalogEntry = err.entry();
    match entry.grpc {
        Some(code) => code,
        None => GrpcCode::for_status(err.status()),
    }
}

/// `err` as a `tonic::Status`: its gRPC code, the message its HTTP envelope shows, and the
/// rich error model in the status details (see the [module docs](self)); `domain` is
/// `ErrorInfo.domain`, the product or service name. Never panics: user code that panics
/// while rendering gives the public text and no details.
#[must_use]
pub fn to_status(err: &dyn ApiError, ctx: &Context<'_>, domain: &str) -> tonic::Status {
    let code = tonic_code(grpc_code(err));
    let mut status = match crate::render::caught(|| parts(err, ctx, domain)) {
        Ok((message, details)) => tonic::Status::with_error_details(code, message, details),
        Err(_) => tonic::Status::new(code, crate::format::public_text(err)),
    };
    // The id in the trailers too, as `X-Request-ID` is on every HTTP response (a peer
    // that reads no details still finds it).
    if let Some(value) = ctx
        .get_request_id()
        .and_then(|id| MetadataValue::try_from(id).ok())
    {
        status.metadata_mut().insert(REQUEST_ID_METADATA, value);
    }
    status
}

/// The facts of one gRPC request, as [`Envelopes::request_info`] gives them for an
/// HTTP one: the request id from its `x-request-id` metadata when usable (1 to 128
/// visible ASCII characters), else a generated one; the first `accept-language` tag as
/// locale. A gRPC call has no instance. `info.context()` is the context of
/// [`to_status`].
///
/// ```
/// use api_envelope::integrations::Envelopes;
/// use api_envelope::integrations::grpc::request_info;
/// use api_envelope::format::ScaiKey;
///
/// let mut req = tonic::Request::new(());
/// req.metadata_mut().insert("x-request-id", "req_7".parse().unwrap());
/// let info = request_info(&Envelopes::new(ScaiKey), &req);
/// assert_eq!(info.request_id(), "req_7");
///
/// let info = request_info(&Envelopes::new(ScaiKey), &tonic::Request::new(()));
/// assert!(info.request_id_generated());
/// ```
#[must_use]
pub fn request_info<T>(envelopes: &Envelopes, request: &tonic::Request<T>) -> RequestInfo {
    RequestInfo::from_headers(envelopes, "", request.metadata().as_ref())
}

/// The message and details of [`to_status`].
fn parts(err: &dyn ApiError, ctx: &Context<'_>, domain: &str) -> (String, ErrorDetails) {
    let facts = Facts::of(err);
    let mut message = String::new();
    if write!(message, "{}", Message::new(err, ctx)).is_err() {
        // A `Display` that fails: the public text, as the HTTP render falls back.
        message = facts.public_text().to_owned();
    }
    let mut details = ErrorDetails::new();
    let mut metadata = HashMap::new();
    let mut budget_ok = true;
    err.visit_details(&mut |name: &'static str, value: crate::Detail<'_>| {
        if !budget_ok {
            return;
        }
        match detail_text(value) {
            Ok(text) => {
                metadata.insert(name.to_owned(), text);
            }
            Err(_) => budget_ok = false,
        }
    });
    // After the details: these two keys are the envelope's own (only a detail renamed to
    // one of them would give way).
    metadata.insert(HTTP_STATUS_KEY.to_owned(), facts.status.as_str().to_owned());
    metadata.insert(RETRY_KEY.to_owned(), facts.entry.retry.as_str().to_owned());
    details.set_error_info(facts.entry.code, domain, metadata);
    if let Some(delay) = err.retry_after() {
        details.set_retry_info(Some(delay));
    }
    let (shown, _) = limits::listed(facts.violations(err));
    if !shown.is_empty() {
        let violations: Vec<FieldViolation> = shown
            .iter()
            .map(|v| {
                let mut text = String::new();
                let _ = write!(text, "{}", limits::Capped(&v.message));
                let mut field = FieldViolation::new(v.path(), text);
                field.reason = v.kind.to_string();
                field
            })
            .collect();
        details.set_bad_request(violations);
    }
    if let Some(id) = ctx.get_request_id() {
        details.set_request_info(id, "");
    }
    if let (Some(locale), Some(localized)) = (ctx.get_locale(), ctx.localize_error(err)) {
        details.set_localized_message(locale, localized.into_owned());
    }
    (message, details)
}

/// A detail value as `ErrorInfo` metadata: a string as it is, any other value as JSON.
fn detail_text(value: crate::Detail<'_>) -> Result<String, RenderError> {
    match value.0 {
        // Cut as a string inside a value is on HTTP.
        Repr::Str(s) => return Ok(limits::Capped(s).to_string()),
        Repr::U64(n) => return Ok(n.to_string()),
        Repr::I64(n) => return Ok(n.to_string()),
        Repr::Bool(b) => return Ok(b.to_string()),
        // Any other value may still serialise as a string: written, then unquoted.
        Repr::Value(_) => {}
    }
    let mut out = Vec::new();
    crate::format::write_json(&mut out, &value)?;
    let text = String::from_utf8(out).map_err(RenderError::new)?;
    Ok(match serde_json::from_str::<Value>(&text) {
        Ok(Value::String(s)) => s,
        _ => text,
    })
}

impl RemoteError {
    /// Reads a `tonic::Status` as [`to_status`] writes it (any other status as well):
    /// the code from `ErrorInfo.reason`, the message, the details from its metadata (a
    /// value that reads as a JSON object, array, number, `bool` or `null` as that, any
    /// other as a string), the violations from `BadRequest`, the retry hint from
    /// `RetryInfo`, the request id from `RequestInfo` (else the `x-request-id`
    /// metadata); the HTTP status from the
    /// `http-status` metadata, else the one the gRPC code stands for.
    #[must_use]
    pub fn from_status(status: &tonic::Status) -> Self {
        let details = status.get_error_details();
        let info = details.error_info();
        let http = info
            .and_then(|i| i.metadata.get(HTTP_STATUS_KEY))
            .and_then(|s| s.parse::<u16>().ok())
            .and_then(|n| StatusCode::from_u16(n).ok())
            .unwrap_or_else(|| http_status_of(status.code()));
        let code = info.map(|i| i.reason.as_str()).filter(|r| !r.is_empty());
        let mut remote = Self::new(http, code, status.message());
        if let Some(info) = info {
            let mut map = Map::new();
            let mut names: Vec<&String> = info.metadata.keys().collect();
            names.sort();
            for name in names {
                if name == HTTP_STATUS_KEY || name == RETRY_KEY {
                    continue;
                }
                let text = &info.metadata[name];
                let value = match serde_json::from_str::<Value>(text) {
                    Ok(v) if !v.is_string() => v,
                    _ => Value::String(text.clone()),
                };
                map.insert(name.clone(), value);
            }
            remote.details = map;
            remote.retry_declared = info
                .metadata
                .get(RETRY_KEY)
                .and_then(|r| Retry::from_name(r));
        }
        if let Some(bad) = details.bad_request() {
            remote.violations = bad
                .field_violations
                .iter()
                .map(|f| {
                    let v =
                        Violation::new(crate::client::parse_path(&f.field), f.description.clone());
                    if f.reason.is_empty() {
                        v
                    } else {
                        v.kind(f.reason.clone())
                    }
                })
                .collect();
        }
        remote.retry_after = details.retry_info().and_then(|r| r.retry_delay);
        remote.request_id = details
            .request_info()
            .map(|r| r.request_id.clone())
            .filter(|id| !id.is_empty())
            .or_else(|| {
                status
                    .metadata()
                    .get(REQUEST_ID_METADATA)
                    .and_then(|v| v.to_str().ok())
                    .filter(|id| !id.is_empty())
                    .map(str::to_owned)
            });
        remote
    }
}

/// The HTTP status a gRPC code stands for, when the status did not say.
fn http_status_of(code: tonic::Code) -> StatusCode {
    use tonic::Code as C;
    match code {
        C::Ok => StatusCode::OK,
        C::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        C::InvalidArgument | C::OutOfRange => StatusCode::BAD_REQUEST,
        C::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        C::NotFound => StatusCode::NOT_FOUND,
        C::AlreadyExists | C::Aborted => StatusCode::CONFLICT,
        C::PermissionDenied => StatusCode::FORBIDDEN,
        C::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        C::FailedPrecondition => StatusCode::PRECONDITION_FAILED,
        C::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        C::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        C::Unauthenticated => StatusCode::UNAUTHORIZED,
        C::Unknown | C::Internal | C::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

//! Rendering an error in a [`Format`]: what [`ApiError::to_response`] and
//! [`ApiError::write_body`] do.
//!
//! Both work the same on a concrete error and on a `&dyn ApiError` (or a
//! `Box<dyn ApiError + Send + Sync>`).
//!
//! # Request ids
//! When the format [requires a request id](Format::requires_request_id) and the context
//! has none, one is generated (`req_` + 16 hex digits, on the stack) and the same id is
//! used for the body and the headers.
//!
//! # Failures
//! Rendering a body fails only when a value fails to serialise (a `#[detail]` type whose
//! `Serialize` errors, a `Display` returning `fmt::Error`) or would make the body nest
//! deeper than [`MAX_DEPTH`](crate::format::limits::MAX_DEPTH) levels (see
//! [`limits`](crate::format::limits) for this and the other limits). [`write_body`] then truncates
//! the buffer back to its previous length and returns the error. [`to_response`] cannot
//! fail: it renders the error again without details or violations and with its public
//! text ([`public_text`]) as the message; should even that
//! fail, the response has the status and an empty body without `Content-Type`.
//!
//! # Panics in user code
//! A `Display`, a `#[detail]`'s `Serialize` or a [`Localizer`](crate::Localizer) that
//! panics while [`to_response`] renders is caught: the response is the error without its
//! own message, details and violations (its public text, as above) and without the
//! localizer; the panic's payload is dropped, never shown. The serving integrations go
//! further: they answer with the product's own 500 envelope
//! ([`Failure::Panic`](crate::integrations::Failure::Panic)) and log the panic.
//!
//! # Allocations
//! [`write_body`] into a buffer with room allocates nothing for the built-in formats
//! (unless a `#[detail]` type's `Serialize`, the error's `Display` or a
//! [`Localizer`](crate::Localizer) allocates). [`to_response`] allocates the body
//! (one `Vec`, sized for usual envelopes) and the header map (two), plus one per header
//! value that is not static: `Retry-After`, `X-RateLimit-*` and ScaiKey's `X-Request-ID`
//! (unless the context took the id from the request's header value,
//! [`Context::request_id_value`](crate::Context::request_id_value): that value is cloned,
//! sharing its bytes).

use std::fmt;

use http::Response;
use http::header::CONTENT_TYPE;

use crate::context::GeneratedRequestId;
use crate::format::{Format, RenderError, public_text};
use crate::{ApiError, Catalog, CatalogEntry, Context, Convention};

/// The body capacity [`to_response`] starts with: room for the usual envelope.
const BODY_CAPACITY: usize = 512;

/// Renders `err` as a whole response in `format`: status, `Content-Type`, the format's
/// headers and the body. Never fails and never panics, even when the error's own code
/// does (see the [module docs](self)).
#[must_use]
pub fn to_response(
    err: &dyn ApiError,
    format: &dyn Format,
    ctx: &Context<'_>,
) -> Response<Vec<u8>> {
    with_request_id(format, ctx, |ctx| {
        match caught(|| respond(err, format, ctx)) {
            Ok(response) => response,
            // User code (a `Display`, a `Serialize`, a `Localizer`) panicked: the error
            // again, without its own message, details or violations, and without the
            // localizer; should even that panic, the status alone.
            Err(_) => {
                let plain = ctx.without_localizer();
                caught(|| respond(&Degraded(err), format, &plain)).unwrap_or_else(|_| {
                    let mut response = Response::new(Vec::new());
                    *response.status_mut() =
                        caught(|| err.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
                    response
                })
            }
        }
    })
}

/// Calls `f` with `ctx`, or with `ctx` and a freshly generated request id (on the stack)
/// when `format` requires one and `ctx` has none.
fn with_request_id<T>(
    format: &dyn Format,
    ctx: &Context<'_>,
    f: impl FnOnce(&Context<'_>) -> T,
) -> T {
    if !ctx.has_request_id() && format.requires_request_id() {
        let generated = GeneratedRequestId::new();
        f(&ctx.request_id(generated.as_str()))
    } else {
        f(ctx)
    }
}

/// Runs `f`, catching a panic of the user code it calls. The payload is dropped: a
/// panic message is internal text.
pub(crate) fn caught<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| Panicked)
}

/// User code panicked while an error was rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Panicked;

/// [`to_response`], saying when user code panicked instead of degrading (the serving
/// integrations answer with the product's 500 then).
/// The response's body type is the caller's (a framework's own body is made from the
/// bytes in place, not mapped from a finished response).
pub(crate) fn try_to_response<RB: From<Vec<u8>>>(
    err: &dyn ApiError,
    format: &dyn Format,
    ctx: &Context<'_>,
) -> Result<Response<RB>, Panicked> {
    with_request_id(format, ctx, |ctx| caught(|| respond(err, format, ctx)))
}

/// [`to_response`] without the panic guard.
fn respond<RB: From<Vec<u8>>>(
    err: &dyn ApiError,
    format: &dyn Format,
    ctx: &Context<'_>,
) -> Response<RB> {
    let mut body = Vec::with_capacity(BODY_CAPACITY);
    if format.write_body(err, ctx, &mut body).is_err() {
        body.clear();
        if format.write_body(&Degraded(err), ctx, &mut body).is_err() {
            body.clear();
        }
    }
    let empty = body.is_empty();
    // The response's own (empty, unallocated) map, filled in place: its first insert
    // allocates as much as a map made with capacity would.
    let mut response = Response::new(RB::from(body));
    *response.status_mut() = err.status();
    let headers = response.headers_mut();
    if !empty {
        headers.insert(CONTENT_TYPE, format.content_type());
    }
    format.write_headers(err, ctx, headers);
    response
}

/// Writes the body of `err` in `format` to the end of `out`.
///
/// # Errors
/// When a value fails to serialise; `out` is then truncated back to its previous length.
pub fn write_body(
    err: &dyn ApiError,
    format: &dyn Format,
    ctx: &Context<'_>,
    out: &mut Vec<u8>,
) -> Result<(), RenderError> {
    let len = out.len();
    with_request_id(format, ctx, |ctx| {
        format
            .write_body(err, ctx, out)
            .inspect_err(|_| out.truncate(len))
    })
}

/// An error shown without details, violations or its own message: what
/// [`to_response`] falls back to when the real body cannot be rendered.
struct Degraded<'a>(&'a dyn ApiError);

impl fmt::Debug for Degraded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Degraded").field(&self.0.code()).finish()
    }
}

impl fmt::Display for Degraded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(public_text(self.0))
    }
}

impl std::error::Error for Degraded<'_> {}

static EMPTY: Catalog = Catalog::new("Degraded", Convention::Any, "", &[]);

impl ApiError for Degraded<'_> {
    fn code(&self) -> &'static str {
        self.0.code()
    }
    fn status(&self) -> http::StatusCode {
        self.0.status()
    }
    fn entry(&self) -> &'static CatalogEntry {
        self.0.entry()
    }
    fn retry_after(&self) -> Option<std::time::Duration> {
        self.0.retry_after()
    }
    fn catalog() -> &'static Catalog {
        &EMPTY
    }
}

/// Turns any error into a `&dyn ApiError`; a supertrait of [`ApiError`] implemented for
/// every sized error, so that the provided rendering methods work on concrete errors and
/// on trait objects alike. Not public API.
#[doc(hidden)]
pub trait AsDynApiError {
    /// `self` as a trait object.
    fn as_dyn_api_error(&self) -> &dyn ApiError;
}

impl<T: ApiError> AsDynApiError for T {
    fn as_dyn_api_error(&self) -> &dyn ApiError {
        self
    }
}

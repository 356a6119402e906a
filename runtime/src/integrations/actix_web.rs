//! actix-web: errors returned from handlers as their envelopes.
//!
//! - [`RequestContextMiddleware`], an actix middleware (`App::wrap`, `Scope::wrap`): for
//!   each request it takes the request id from `X-Request-ID` (or makes one), the path as
//!   instance, the locale and the `Accept` preference, and makes them current while the
//!   handler runs. It carries the service's [`Envelopes`] (the app's or scope's format,
//!   RFC 9457 negotiation, a localizer).
//! - `ResponseError` for every type deriving [`ApiError`](derive@crate::ApiError), so
//!   handlers return `Result<T, MyError>` directly, and `?` converts `MyError` into
//!   `actix_web::Error`.
//! - [`Envelope<E>`]: any [`ApiError`] as a `ResponseError` (for errors implementing it
//!   by hand). [`error_response`] does the same for a `&dyn ApiError`.
//! - [`RequestContext`], an extractor: the request's id, instance and
//!   [`Context`](crate::Context), for logging or for rendering by hand.
//!
//! It behaves as the axum integration does, from the same [`Envelopes`]: the same
//! [choice of format](super#choosing-the-format) (RFC 9457 when negotiated, then the
//! format declared on the error type, then the service's), request ids and instances.
//!
//! # Dependencies
//!
//! actix-web (4.18, without its default features) depends on `derive_more` 2 and
//! `tracing-attributes`, which bring their own `syn` 2. This feature is the only one that
//! does: without it, the tree holds the one `syn` 3 of `api-envelope-macros`.
//!
//! # How the response learns about the request
//!
//! `ResponseError::error_response` receives only the error, not the request. The
//! middleware therefore wraps the inner service's future so that, each time it is
//! polled, the request's facts are current on the polling thread (and only then); actix
//! turns a handler's `Err` into its response inside that future, so [`error_response`]
//! finds them and renders once. A response produced outside the middleware falls back
//! to [`Envelopes::default`] and a generated request id: an error rendered with no
//! middleware installed, in a task the handler spawned, or one that a service between the
//! middleware and the handler (an inner middleware) returns as its `Err`, which actix
//! renders only after the middleware's future has finished.
//!
//! ```
//! use actix_web::{App, web};
//! use api_envelope::format::{Problem, ScaiKey};
//! use api_envelope::integrations::actix_web::{RequestContext, RequestContextMiddleware};
//! use api_envelope::integrations::Envelopes;
//! use api_envelope::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum KeyError {
//!     /// Secret not found.
//!     #[code("secret_not_found", status = 404)]
//!     #[message("secret not found")]
//!     SecretNotFound,
//! }
//!
//! async fn secret(ctx: RequestContext) -> Result<String, KeyError> {
//!     let _id = ctx.request_id(); // for logs
//!     Err(KeyError::SecretNotFound)
//! }
//!
//! let app = App::new()
//!     .wrap(RequestContextMiddleware::new(
//!         Envelopes::new(ScaiKey).allow_problem(Problem::new("https://docs.example.com/errors/")),
//!     ))
//!     .route("/v1/secrets/{path:.*}", web::get().to(secret));
//! ```

use std::convert::Infallible;
use std::fmt;
use std::future::{Ready, ready};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};

use ::actix_web::body::BoxBody;
use ::actix_web::dev::{Payload, Service, ServiceRequest, Transform, forward_ready};
use ::actix_web::http::StatusCode;
use ::actix_web::http::header::{self, HeaderMap};
use ::actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};

use super::scope::{Scope, Scoped};
pub use super::{Envelope, RequestContext};
use super::{Envelopes, RequestHeaders};
use crate::ApiError;

/// What `#[derive(ApiError)]` generates with this feature on (through
/// `__private::framework_impls!`).
#[doc(hidden)]
pub use ::actix_web::{
    HttpResponse as __HttpResponse, ResponseError as __ResponseError,
    http::StatusCode as __StatusCode,
};

/// The status of `err` as actix-web's `StatusCode` (actix-web uses `http` 0.2).
#[must_use]
pub fn status_code(err: &dyn ApiError) -> StatusCode {
    to_actix_status(err.status())
}

/// Renders `err` for the request being served: with the facts and policy of the
/// enclosing [`RequestContextMiddleware`], or without one, [`Envelopes::default`] and a
/// generated request id.
#[must_use]
pub fn error_response(err: &dyn ApiError) -> HttpResponse {
    to_actix_response(super::served::render_current(err))
}

/// A rendered response (from [`Envelopes::render`] or [`RequestContext::render`]) as an
/// actix-web response: the same status, headers and body.
#[must_use]
pub fn to_actix_response(res: http::Response<Vec<u8>>) -> HttpResponse {
    let (parts, body) = res.into_parts();
    let mut out = HttpResponse::with_body(to_actix_status(parts.status), body);
    let headers = out.headers_mut();
    for (name, value) in &parts.headers {
        let name = header::HeaderName::from_bytes(name.as_str().as_bytes());
        let value = header::HeaderValue::from_bytes(value.as_bytes());
        if let (Ok(name), Ok(value)) = (name, value) {
            headers.append(name, value);
        }
    }
    out.map_into_boxed_body()
}

fn to_actix_status(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl RequestHeaders for HeaderMap {
    fn first(&self, name: &http::HeaderName) -> Option<&str> {
        self.get(name.as_str()).and_then(|v| v.to_str().ok())
    }

    fn any(&self, name: &http::HeaderName, pred: fn(&str) -> bool) -> bool {
        self.get_all(name.as_str())
            .filter_map(|v| v.to_str().ok())
            .any(pred)
    }
}

impl<E: ApiError> ResponseError for Envelope<E> {
    fn status_code(&self) -> StatusCode {
        status_code(&self.0)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        error_response(&self.0)
    }
}

/// An actix middleware giving each request its [`RequestInfo`](super::RequestInfo) and
/// the service's [`Envelopes`], for [`error_response`] (so for every derived error a
/// handler returns), [`Envelope`] and the [`RequestContext`] extractor.
///
/// Apply it with `App::wrap` or `Scope::wrap`; nested, the innermost one decides.
#[derive(Debug, Clone, Default)]
pub struct RequestContextMiddleware {
    envelopes: Envelopes,
}

impl RequestContextMiddleware {
    /// A middleware rendering errors as `envelopes` says.
    #[must_use]
    pub fn new(envelopes: Envelopes) -> Self {
        Self { envelopes }
    }

    /// The service's policy.
    #[must_use]
    pub fn envelopes(&self) -> &Envelopes {
        &self.envelopes
    }
}

impl<S> Transform<S, ServiceRequest> for RequestContextMiddleware
where
    S: Service<ServiceRequest>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Transform = RequestContextService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RequestContextService {
            inner: service,
            envelopes: self.envelopes.clone(),
        }))
    }
}

/// The service [`RequestContextMiddleware`] wraps around an inner one.
#[derive(Debug, Clone)]
pub struct RequestContextService<S> {
    inner: S,
    envelopes: Envelopes,
}

impl<S> Service<ServiceRequest> for RequestContextService<S>
where
    S: Service<ServiceRequest>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = RequestContextFuture<S::Future>;

    forward_ready!(inner);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let info = self.envelopes.request_info_from(req.path(), req.headers());
        let scope = Arc::new(Scope {
            info,
            envelopes: self.envelopes.clone(),
        });
        let _ = req
            .extensions_mut()
            .insert(RequestContext::new(Arc::clone(&scope)));
        RequestContextFuture(Scoped::new(self.inner.call(req), scope))
    }
}

/// The future of [`RequestContextService`]: the inner future, polled with its request's
/// facts current.
pub struct RequestContextFuture<F>(Scoped<F>);

impl<F> fmt::Debug for RequestContextFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestContextFuture")
    }
}

impl<F: Future> Future for RequestContextFuture<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<F::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

impl FromRequest for RequestContext {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let existing = req.extensions().get::<Self>().cloned();
        let ctx = existing.unwrap_or_else(|| {
            let ctx = Self::without_layer(req.path(), req.headers());
            let _ = req.extensions_mut().insert(ctx.clone());
            ctx
        });
        ready(Ok(ctx))
    }
}

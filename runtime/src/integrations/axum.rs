//! axum: errors returned from handlers as their envelopes.
//!
//! - [`RequestContextLayer`], a tower layer: for each request it takes the request id from
//!   `X-Request-ID` (or makes one), the path as instance, the locale and the `Accept`
//!   preference, and makes them current while the handler runs. It carries the
//!   service's [`Envelopes`] (the router's format, RFC 9457 negotiation, a localizer).
//! - `IntoResponse` for every type deriving [`ApiError`](derive@crate::ApiError), so
//!   handlers return `Result<T, MyError>` directly.
//! - [`Envelope<E>`]: any [`ApiError`] as an `IntoResponse` (for errors implementing it
//!   by hand); with `?`, a handler returning `Result<T, Envelope<MyError>>` converts
//!   `MyError` for free. [`into_response`] does the same for a `&dyn ApiError` (for a
//!   hand-written `IntoResponse`).
//! - [`RequestContext`], an extractor: the request's id, instance and
//!   [`Context`](crate::Context), for logging or for rendering by hand.
//!
//! # How the response learns about the request
//!
//! `IntoResponse::into_response` receives only the error, not the request. The layer
//! therefore wraps the handler's future so that, each time it is polled, the request's
//! facts are current on the polling thread (and only then); axum converts the handler's
//! return value to a response inside that future, so [`into_response`] finds them and
//! renders once, in the right format, with the right id and instance. This needs no
//! bounds on the error (no `Clone`, `Send` or `'static`) and no second rendering pass.
//! A response produced outside the layer (no layer installed, or in a task the handler
//! spawned) falls back to [`Envelopes::default`] and a generated request id.
//!
//! ```
//! use api_envelope::format::{Problem, ScaiKey};
//! use api_envelope::integrations::axum::{Envelope, RequestContext, RequestContextLayer};
//! use api_envelope::integrations::Envelopes;
//! use api_envelope::ApiError;
//! use axum::{Router, routing::get};
//!
//! #[derive(Debug, ApiError)]
//! enum KeyError {
//!     /// Secret not found.
//!     #[code("secret_not_found", status = 404)]
//!     #[message("secret not found")]
//!     SecretNotFound,
//! }
//!
//! async fn secret(ctx: RequestContext) -> Result<String, Envelope<KeyError>> {
//!     let _id = ctx.request_id(); // for logs
//!     Err(KeyError::SecretNotFound)?
//! }
//!
//! let app: Router = Router::new().route("/v1/secrets/{*path}", get(secret)).layer(
//!     RequestContextLayer::new(
//!         Envelopes::new(ScaiKey).allow_problem(Problem::new("https://docs.example.com/errors/")),
//!     ),
//! );
//! ```

use std::convert::Infallible;
use std::fmt;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};

use axum::body::Body;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::response::{IntoResponse, Response};
use http::Request;
use http::request::Parts;

use super::Envelopes;
use super::scope::{Scope, Scoped};
pub use super::{Envelope, RequestContext};
use crate::ApiError;

/// What `#[derive(ApiError)]` generates with this feature on (through
/// `__private::framework_impls!`).
#[doc(hidden)]
pub use axum::response::{IntoResponse as __IntoResponse, Response as __Response};

/// Renders `err` for the request being served: with the facts and policy of the
/// enclosing [`RequestContextLayer`], or without one, [`Envelopes::default`] and a
/// generated request id.
#[must_use]
pub fn into_response(err: &dyn ApiError) -> Response {
    super::served::render_current(err).map(Body::from)
}

impl<E: ApiError> IntoResponse for Envelope<E> {
    fn into_response(self) -> Response {
        into_response(&self.0)
    }
}

/// A tower layer giving each request its [`RequestInfo`](super::RequestInfo) and the service's
/// [`Envelopes`], for [`into_response`], [`Envelope`] and the [`RequestContext`]
/// extractor.
///
/// Apply it with `Router::layer` (it then also covers the fallback).
#[derive(Debug, Clone, Default)]
pub struct RequestContextLayer {
    envelopes: Envelopes,
}

impl RequestContextLayer {
    /// A layer rendering errors as `envelopes` says.
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

impl<S> tower_layer::Layer<S> for RequestContextLayer {
    type Service = RequestContextService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestContextService {
            inner,
            envelopes: self.envelopes.clone(),
        }
    }
}

/// The service [`RequestContextLayer`] wraps around an inner one.
#[derive(Debug, Clone)]
pub struct RequestContextService<S> {
    inner: S,
    envelopes: Envelopes,
}

impl<S, B> tower_service::Service<Request<B>> for RequestContextService<S>
where
    S: tower_service::Service<Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = RequestContextFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<B>) -> Self::Future {
        let uri = req
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| req.uri(), |o| &o.0);
        let info = self.envelopes.request_info(uri, req.headers());
        let scope = Arc::new(Scope {
            info,
            envelopes: self.envelopes.clone(),
        });
        req.extensions_mut()
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

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<F::Output> {
        std::pin::Pin::new(&mut self.0).poll(cx)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        if let Some(ctx) = parts.extensions.get::<Self>() {
            return Ok(ctx.clone());
        }
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(&parts.uri, |o| &o.0);
        let ctx = Self::without_layer(uri.path(), &parts.headers);
        parts.extensions.insert(ctx.clone());
        Ok(ctx)
    }
}

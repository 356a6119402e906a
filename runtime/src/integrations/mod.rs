//! Serving errors over HTTP: the format policy of a service, content negotiation and the
//! per-request facts, independent of any framework, plus one module per integration.
//!
//! [`Envelopes`] is what a service decides once: the format its errors are rendered in,
//! whether a client may ask for RFC 9457 instead (`Accept: application/problem+json`),
//! the codes of the framework's own failures ([`Failures`]), a localizer and a rate
//! limiter. [`RequestInfo`] is what each request brings: its id (`X-Request-ID`, or a
//! fresh one), its path (the problem `instance`), its locale and whether it prefers a
//! problem document. [`Envelopes::render`] joins the two for one error.
//!
//! # Every response keeps the promise
//!
//! The layers of both integrations (axum's [`RequestContextLayer`](axum), actix-web's
//! middleware) own, per product:
//!
//! | failure | becomes |
//! |---|---|
//! | unmatched route, wrong method (`Allow` kept) | [`Failure::NoRoute`], [`Failure::MethodNotAllowed`] |
//! | a rejected body, path, query or form (the integrations' extractors) | [`Failure::BodyUnparseable`], [`Failure::BodyInvalid`], [`Failure::ParameterInvalid`], [`Failure::ParameterMissing`], with violations |
//! | any other bare error response of the framework (no body, or `text/*`) | the [`Failure`] of its status ([`Failure::from_status`]) |
//! | a body over the limit, a timeout | [`Failure::PayloadTooLarge`], [`Failure::Timeout`] |
//! | a handler panic | [`Failure::Panic`]: the product's public 500, the payload only logged |
//! | a caller out of requests | [`Failure::RateLimited`] with `Retry-After` |
//! | success | untouched, plus the request id header (and the format's own success headers: ScaiKey's `X-RateLimit-*`) |
//!
//! The request's facts are captured as cheap clones and read only when an error is
//! rendered (module `current`).
//!
//! The framework integrations are built on these two:
//!
//! - `axum` (the `axum` module): `IntoResponse` and a tower layer, so a handler
//!   returns its error and gets the envelope, with no context threaded by hand.
//! - `actix-web` (the `actix_web` module): the same through `ResponseError` and an
//!   actix middleware.
//! - `governor`, `redis` (the [`ratelimit`] module): an in-process rate limiter, and one
//!   shared by a fleet through Redis.
//! - `tracing` (the `tracing` module): every 5xx rendered through
//!   [`Envelopes::render`] logs one event with its code, status, request id and source
//!   chain.
//! - `utoipa` (the `utoipa` module): OpenAPI schemas of the envelopes and a
//!   response per status with every code as an example.
//!
//! Any other server can use [`Envelopes`] directly: build a [`RequestInfo`] from the
//! request's URI and headers, and [`render`](Envelopes::render) to an `http::Response`.
//!
//! ```
//! use api_envelope::format::{Problem, ScaiGrid};
//! use api_envelope::http::{HeaderMap, HeaderValue, Uri};
//! use api_envelope::integrations::Envelopes;
//! use api_envelope::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum GridError {
//!     /// No frontend model with that slug.
//!     #[code("MODEL_NOT_FOUND", status = 404)]
//!     #[message("model not found")]
//!     ModelNotFound,
//! }
//!
//! let envelopes = Envelopes::new(ScaiGrid).allow_problem(Problem::new("https://docs.example.com/errors/"));
//! let mut headers = HeaderMap::new();
//! headers.insert("x-request-id", HeaderValue::from_static("req_42"));
//!
//! let info = envelopes.request_info(&Uri::from_static("/v1/models/x"), &headers);
//! let res = envelopes.render(&GridError::ModelNotFound, &info);
//! assert_eq!(res.headers()["content-type"], "application/json");
//! assert!(std::str::from_utf8(res.body()).unwrap().contains(r#""request_id":"req_42""#));
//!
//! headers.insert("accept", HeaderValue::from_static("application/problem+json"));
//! let info = envelopes.request_info(&Uri::from_static("/v1/models/x"), &headers);
//! let res = envelopes.render(&GridError::ModelNotFound, &info);
//! assert_eq!(res.headers()["content-type"], "application/problem+json");
//! assert!(std::str::from_utf8(res.body()).unwrap().contains(r#""instance":"/v1/models/x""#));
//! ```
//!
//! # Choosing the format
//!
//! For each error, the first that applies:
//! 1. the problem format, when the service [allows it](Envelopes::allow_problem) and the
//!    request [prefers it](accepts_problem);
//! 2. the format declared on the error type with `#[api_error(format = ...)]`
//!    ([`ApiError::declared_format`](crate::ApiError::declared_format));
//! 3. the service's format ([`Envelopes::new`]; [`Envelopes::default`] is RFC 9457 with
//!    type URIs under `/errors/`).

#[cfg(any(feature = "axum", feature = "actix-web"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "axum", feature = "actix-web"))))]
pub use current::KeepResponse;
pub use envelopes::{Envelopes, RateKey, X_REQUEST_ID};
pub use failure::{Failure, FailureCode, Failures, Fallback, FrameworkError, Rejection};
pub use negotiate::{
    accepts_problem, accepts_problem_lines, is_uri_reference, negotiate_language, uri_reference,
};
pub use request::{RequestInfo, usable_request_id};
pub use sample::CatalogSample;
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "axum", feature = "actix-web"))))]
pub use served::{Envelope, RequestContext};

use std::fmt;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix_web;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod current;
mod envelopes;
mod failure;
#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub mod grpc;
pub(crate) mod negotiate;
pub mod ratelimit;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod rejection;
mod request;
mod sample;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod served;
#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub mod tracing;
#[cfg(feature = "utoipa")]
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
pub mod utoipa;

/// The full `Display` of an error followed by each of its sources, joined by `": "`:
/// what the logs get and the wire never shows.
///
/// ```
/// use api_envelope::integrations::SourceChain;
///
/// #[derive(Debug)]
/// struct Outer(std::io::Error);
/// impl std::fmt::Display for Outer {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("db query failed") }
/// }
/// impl std::error::Error for Outer {
///     fn source(&self) -> Option<&(dyn std::error::Error + 'static)> { Some(&self.0) }
/// }
/// let err = Outer(std::io::Error::other("connection refused"));
/// assert_eq!(SourceChain(&err).to_string(), "db query failed: connection refused");
/// ```
#[derive(Clone, Copy)]
pub struct SourceChain<'a>(pub &'a dyn std::error::Error);

impl fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)?;
        let mut next = self.0.source();
        while let Some(source) = next {
            write!(f, ": {source}")?;
            next = source.source();
        }
        Ok(())
    }
}

impl fmt::Debug for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

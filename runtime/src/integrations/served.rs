//! What the framework integrations share: the [`Envelope`] wrapper and the
//! [`RequestContext`] extractor.
//!
//! Each integration's middleware makes a request's facts current while its handler runs
//! (see `current`); the framework's response trait (axum's `IntoResponse`, actix-web's
//! `ResponseError`) then renders with the request's facts and the service's
//! [`Envelopes`], or outside any request with the defaults.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use http::Response;

use super::request::RequestHeaders;
use super::{Envelopes, RequestInfo};
use crate::{ApiError, Context};

/// The policy used outside any layer or middleware.
pub(crate) fn default_envelopes() -> &'static Envelopes {
    static DEFAULT: OnceLock<Envelopes> = OnceLock::new();
    DEFAULT.get_or_init(Envelopes::default)
}

/// An [`ApiError`] as a framework response: its envelope, rendered for the current
/// request. With the `axum` feature it is an `IntoResponse`, with `actix-web` a
/// `ResponseError`.
///
/// Types deriving [`ApiError`](derive@crate::ApiError) are responses by themselves; the
/// wrapper serves errors implementing [`ApiError`] by hand. `From<E>` makes `?` convert a
/// handler's error; `Deref` reaches the error.
pub struct Envelope<E>(pub E);

impl<E> Envelope<E> {
    /// The wrapped error.
    pub fn into_inner(self) -> E {
        self.0
    }
}

impl<E: ApiError> From<E> for Envelope<E> {
    fn from(err: E) -> Self {
        Self(err)
    }
}

impl<E> Deref for Envelope<E> {
    type Target = E;
    fn deref(&self) -> &E {
        &self.0
    }
}

impl<E> DerefMut for Envelope<E> {
    fn deref_mut(&mut self) -> &mut E {
        &mut self.0
    }
}

impl<E: fmt::Debug> fmt::Debug for Envelope<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<E: fmt::Display> fmt::Display for Envelope<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The facts of the request being served, as an extractor (axum's `FromRequestParts`,
/// actix-web's `FromRequest`).
///
/// Built from what the integration's layer or middleware captured (only when a handler
/// asks for it); without one, from the request with [`Envelopes::default`].
#[derive(Debug, Clone)]
pub struct RequestContext {
    info: RequestInfo,
    envelopes: Envelopes,
}

impl RequestContext {
    /// The context of the request being served on this thread, if a layer made it current.
    pub(crate) fn current() -> Option<Self> {
        super::current::current_info().map(|(envelopes, info)| Self { info, envelopes })
    }

    /// The context of a request no layer or middleware has seen.
    pub(crate) fn without_layer(path: &str, headers: &dyn RequestHeaders) -> Self {
        let envelopes = default_envelopes().clone();
        let info = envelopes.request_info_from(path, headers);
        Self { info, envelopes }
    }

    /// The request's facts.
    #[must_use]
    pub fn info(&self) -> &RequestInfo {
        &self.info
    }

    /// The request id (from `X-Request-ID`, or generated; the one every response of the
    /// request carries).
    #[must_use]
    pub fn request_id(&self) -> &str {
        self.info.request_id()
    }

    /// A [`Context`] for rendering by hand (request id, instance, locale, rate limit).
    #[must_use]
    pub fn context(&self) -> Context<'_> {
        self.info.context()
    }

    /// The service's policy.
    #[must_use]
    pub fn envelopes(&self) -> &Envelopes {
        &self.envelopes
    }

    /// Renders `err` for this request, as the framework's response trait would inside
    /// the layer or middleware.
    #[must_use]
    pub fn render(&self, err: &dyn ApiError) -> Response<Vec<u8>> {
        self.envelopes.render(err, &self.info)
    }
}

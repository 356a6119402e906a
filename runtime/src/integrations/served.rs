//! What the framework integrations share: rendering for the request being served, the
//! [`Envelope`] wrapper and the [`RequestContext`] extractor.
//!
//! Each integration's middleware makes a request's [`Scope`] current while its handler
//! runs (see `scope`); the framework's response trait (axum's `IntoResponse`,
//! actix-web's `ResponseError`) then renders through [`render_current`], with the
//! request's facts and the service's [`Envelopes`], or outside any request with the
//! defaults.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

use http::Response;

use super::scope::{Scope, with_current};
use super::{Envelopes, RequestHeaders, RequestInfo};
use crate::{ApiError, Context};

/// The policy used outside any layer or middleware.
fn default_envelopes() -> &'static Envelopes {
    static DEFAULT: OnceLock<Envelopes> = OnceLock::new();
    DEFAULT.get_or_init(Envelopes::default)
}

/// Renders `err` for the request being served on this thread: with its facts and its
/// service's policy, or without one, [`Envelopes::default`], a generated request id and
/// no instance.
pub(crate) fn render_current(err: &dyn ApiError) -> Response<Vec<u8>> {
    with_current(|scope| match scope {
        Some(scope) => scope.envelopes.render(err, &scope.info),
        None => {
            let envelopes = default_envelopes();
            let info = envelopes.request_info_from("", &http::HeaderMap::new());
            envelopes.render(err, &info.without_instance())
        }
    })
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
/// Set by the integration's layer or middleware; without one, built from the request
/// with [`Envelopes::default`].
#[derive(Debug, Clone)]
pub struct RequestContext(Arc<Scope>);

impl RequestContext {
    pub(crate) fn new(scope: Arc<Scope>) -> Self {
        Self(scope)
    }

    /// The context of a request no layer or middleware has seen.
    pub(crate) fn without_layer(path: &str, headers: &dyn RequestHeaders) -> Self {
        let envelopes = default_envelopes().clone();
        let info = envelopes.request_info_from(path, headers);
        Self(Arc::new(Scope { info, envelopes }))
    }

    /// The request's facts.
    #[must_use]
    pub fn info(&self) -> &RequestInfo {
        &self.0.info
    }

    /// The request id (from `X-Request-ID`, or generated).
    #[must_use]
    pub fn request_id(&self) -> &str {
        self.0.info.request_id()
    }

    /// A [`Context`] for rendering by hand (request id, instance, locale).
    #[must_use]
    pub fn context(&self) -> Context<'_> {
        self.0.info.context()
    }

    /// The service's policy.
    #[must_use]
    pub fn envelopes(&self) -> &Envelopes {
        &self.0.envelopes
    }

    /// Renders `err` for this request, as the framework's response trait would inside
    /// the layer or middleware.
    #[must_use]
    pub fn render(&self, err: &dyn ApiError) -> Response<Vec<u8>> {
        self.0.envelopes.render(err, &self.0.info)
    }
}

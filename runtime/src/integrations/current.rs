//! The request being served, visible to code running inside its future, and the future
//! both integrations wrap their inner service's future in.
//!
//! A framework's `IntoResponse`-like trait gets no access to the request. The layer
//! therefore captures what the request's errors may need (its [`Facts`]: cheap clones of
//! the request id, the path and, only where the service negotiates or localises, a few
//! header values) and wraps the inner future in [`Guarded`], which keeps the facts in
//! place and makes them current **by reference** for the duration of each `poll` (a
//! pointer in a [`scoped_tls`] slot, restored after the poll, also on unwind). Nothing is
//! copied or moved per poll and nothing is left set between polls, so tasks on the same
//! thread never see each other's request; like a tokio task-local, a task spawned by the
//! handler does not inherit it. An error is rendered straight from the borrowed facts
//! (a [`View`]: the instance encoded, `Accept` parsed, only then).
//!
//! [`Guarded`] also catches a panic of the inner future (the response is then the
//! product's public 500, the payload only logged) and hands the facts back with the
//! output, for the layer to finish the response: `X-Request-ID` on every response, and a
//! framework's bare error response (no body, or a `text/*` one) re-rendered in the
//! product's envelope.

use std::any::Any;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};

use http::HeaderValue;
use http::header::{ALLOW, RETRY_AFTER};
use scoped_tls::ScopedKey;

use super::envelopes::Envelopes;
use super::failure::{Failure, Rejection};
use super::request::{RequestInfo, View};
use crate::ApiError;

/// What a layer captured of one request for its errors.
pub(crate) trait Facts: Sized + 'static {
    /// The thread-local slot facts of this type are current in (by reference, for the
    /// time of one poll).
    fn key() -> &'static ScopedKey<Self>;
    /// The service's policy.
    fn envelopes(&self) -> &Envelopes;
    /// The facts, borrowed for a render.
    fn view(&self) -> View<'_>;
    /// Renders `err` with these facts, into a framework's body type.
    fn render_as<RB: From<Vec<u8>>>(&self, err: &dyn ApiError) -> http::Response<RB> {
        self.envelopes().render_view(err, &self.view())
    }
}

/// Calls `f` with the policy and borrowed facts of the request being served on this
/// thread, if a layer made them current.
fn with_current_view<R>(f: impl FnOnce(&Envelopes, &View<'_>) -> R) -> Option<R> {
    #[cfg(feature = "axum")]
    {
        let key = super::axum::HttpFacts::key();
        if key.is_set() {
            return Some(key.with(|facts| f(facts.envelopes(), &facts.view())));
        }
    }
    #[cfg(feature = "actix-web")]
    {
        let key = super::actix_web::ActixFacts::key();
        if key.is_set() {
            return Some(key.with(|facts| f(facts.envelopes(), &facts.view())));
        }
    }
    None
}

/// The policy and facts of the request being served on this thread, if any layer made
/// them current.
pub(crate) fn current_info() -> Option<(Envelopes, RequestInfo)> {
    with_current_view(|envelopes, view| (envelopes.clone(), RequestInfo::from_view(view)))
}

/// The policy of the request being served on this thread, if any layer made it current.
#[cfg(feature = "actix-web")]
pub(crate) fn current_envelopes() -> Option<Envelopes> {
    with_current_view(|envelopes, _| envelopes.clone())
}

/// Renders `err` with the policy and facts of the request being served on this thread,
/// or without one, [`Envelopes::default`], a generated request id and no instance.
/// The body is the caller's type, made from the bytes in place.
pub(crate) fn render_current<RB: From<Vec<u8>>>(err: &dyn ApiError) -> http::Response<RB> {
    #[cfg(feature = "axum")]
    {
        let key = super::axum::HttpFacts::key();
        if key.is_set() {
            return key.with(|facts| facts.render_as(err));
        }
    }
    #[cfg(feature = "actix-web")]
    {
        let key = super::actix_web::ActixFacts::key();
        if key.is_set() {
            return key.with(|facts| facts.render_as(err));
        }
    }
    render_outside(err).map(RB::from)
}

/// [`render_current`] outside any request: [`Envelopes::default`], a generated request
/// id, no instance.
#[cold]
fn render_outside(err: &dyn ApiError) -> http::Response<Vec<u8>> {
    let envelopes = super::served::default_envelopes();
    let info = envelopes.request_info_from("", &http::HeaderMap::new());
    envelopes.render(err, &info.without_instance())
}

/// [`render_current`] for a framework failure, with the current product's codes.
pub(crate) fn render_current_failure(rejection: &Rejection) -> http::Response<Vec<u8>> {
    with_current_view(|envelopes, view| envelopes.render_failure_view(rejection, view))
        .unwrap_or_else(|| {
            let envelopes = super::served::default_envelopes();
            let info = envelopes.request_info_from("", &http::HeaderMap::new());
            envelopes.render_failure(rejection, &info.without_instance())
        })
}

/// The payload of a caught panic.
pub(crate) type Panic = Box<dyn Any + Send>;

pin_project_lite::pin_project! {
    /// A future polled with its request's facts current, catching its panic. The facts
    /// stay where they are (inside the pinned future): each poll makes them current by
    /// reference and restores what was current before, also on unwind.
    pub(crate) struct Guarded<F, T> {
        #[pin]
        inner: F,
        facts: T,
    }
}

impl<F, T> Guarded<F, T> {
    #[inline(always)]
    pub(crate) fn new(inner: F, facts: T) -> Self {
        Self { inner, facts }
    }

    /// The facts (to finish the response, or to answer a timeout).
    pub(crate) fn facts(self: Pin<&mut Self>) -> &mut T {
        self.project().facts
    }
}

impl<F: Future, T: Facts> Future for Guarded<F, T> {
    /// The inner output, or the panic it raised.
    type Output = Result<F::Output, Panic>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let inner = this.inner;
        match run_with(&*this.facts, move || inner.poll(cx)) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(out)) => Poll::Ready(Ok(out)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// Runs `f` with `facts` current, catching its panic.
pub(crate) fn run_with<T: Facts, R>(facts: &T, f: impl FnOnce() -> R) -> Result<R, Panic> {
    T::key().set(facts, || catch_unwind(AssertUnwindSafe(f)))
}

/// The text of a panic payload, for the log (never for the wire).
#[cfg(feature = "tracing")]
pub(crate) fn panic_text(panic: &Panic) -> &str {
    if let Some(s) = panic.downcast_ref::<&'static str>() {
        s
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s
    } else {
        "(a panic payload that is not text)"
    }
}

/// Logs a caught panic with the request id (`tracing` feature); the payload never reaches
/// the wire.
pub(crate) fn log_panic(panic: &Panic, request_id: &str) {
    #[cfg(feature = "tracing")]
    ::tracing::error!(
        target: "api_envelope",
        request_id,
        panic = panic_text(panic),
        "handler panicked; answered with the product's 500"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (panic, request_id);
}

/// Logs a request id replaced because the incoming one is unusable (`tracing` feature).
pub(crate) fn log_replaced_request_id(incoming: &[u8], replacement: &HeaderValue) {
    #[cfg(feature = "tracing")]
    ::tracing::info!(
        target: "api_envelope",
        incoming = %String::from_utf8_lossy(&incoming[..incoming.len().min(256)]).escape_debug(),
        request_id = replacement.to_str().unwrap_or(""),
        "request id replaced: the incoming one is not 1 to 128 visible ASCII characters"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (incoming, replacement);
}

/// The rejection a finished response stands for when it is a framework's bare error
/// response (a status of 400 or more with no body type, or a `text/*` one, and no
/// [`KeepResponse`]): it is then re-rendered in the product's envelope, keeping its
/// `Retry-After` (delta-seconds) as the retry hint. `None` for anything else (most
/// responses: one comparison, no header looked up).
pub(crate) fn bare_error<'r>(
    status: u16,
    content_type: impl FnOnce() -> Option<&'r [u8]>,
    kept: impl FnOnce() -> bool,
    retry_after: impl FnOnce() -> Option<&'r [u8]>,
) -> Option<Rejection> {
    if status < 400 {
        return None;
    }
    let foreign = match content_type() {
        None => true,
        Some(ct) => ct.len() >= 5 && ct[..5].eq_ignore_ascii_case(b"text/"),
    };
    if !foreign || kept() {
        return None;
    }
    let status = http::StatusCode::from_u16(status).ok()?;
    let rejection = Rejection::new(Failure::from_status(status));
    Some(
        match retry_after()
            .and_then(|v| std::str::from_utf8(v).ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            Some(secs) => rejection.retry_after(std::time::Duration::from_secs(secs)),
            None => rejection,
        },
    )
}

/// Marks an error response to be sent as it is, not re-rendered in the product's
/// envelope (an HTML page, a plain-text answer a client expects): insert it in the
/// response's extensions.
///
/// ```
/// use api_envelope::integrations::KeepResponse;
/// use api_envelope::http::{Response, StatusCode};
///
/// let mut res = Response::new("<h1>gone</h1>");
/// *res.status_mut() = StatusCode::GONE;
/// res.extensions_mut().insert(KeepResponse);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeepResponse;

/// The headers of a framework's bare error response that its re-rendering keeps.
pub(crate) const KEPT_HEADERS: [http::HeaderName; 2] = [ALLOW, RETRY_AFTER];

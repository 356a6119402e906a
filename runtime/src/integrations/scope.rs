//! The request being served, visible to code running inside its future.
//!
//! A framework's `IntoResponse`-like trait gets no access to the request. The layer wraps
//! the inner service's future in [`Scoped`], which makes the request's [`Scope`] current
//! on the thread for the duration of each `poll`; a handler's error converted to a
//! response inside that future (as axum does) reads it with [`with_current`]. Nothing is
//! left set between polls, so tasks on the same thread never see each other's scope.
//! Like a tokio task-local, a task spawned by the handler does not inherit it.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};

use super::{Envelopes, RequestInfo};

/// One request's facts and its service's policy.
#[derive(Debug)]
pub(crate) struct Scope {
    pub(crate) info: RequestInfo,
    pub(crate) envelopes: Envelopes,
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Scope>>> = const { RefCell::new(None) };
}

/// Calls `f` with the scope of the request being polled on this thread, if any.
pub(crate) fn with_current<R>(f: impl FnOnce(Option<&Scope>) -> R) -> R {
    let current = CURRENT.with(|c| c.borrow().clone());
    f(current.as_deref())
}

/// A future polled with its request's scope current.
pub(crate) struct Scoped<F> {
    inner: Pin<Box<F>>,
    scope: Arc<Scope>,
}

impl<F> Scoped<F> {
    pub(crate) fn new(inner: F, scope: Arc<Scope>) -> Self {
        Self {
            inner: Box::pin(inner),
            scope,
        }
    }
}

/// Restores the previous scope even if the inner poll panics.
struct Restore(Option<Arc<Scope>>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        // `try_with`: the thread-local may already be gone during thread teardown.
        let _ = CURRENT.try_with(|c| *c.borrow_mut() = previous);
    }
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<F::Output> {
        let scope = Arc::clone(&self.scope);
        let _restore = Restore(CURRENT.with(|c| c.borrow_mut().replace(scope)));
        self.inner.as_mut().poll(cx)
    }
}

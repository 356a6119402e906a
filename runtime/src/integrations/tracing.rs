//! tracing: one event per rendered 5xx, with what the wire never shows.
//!
//! Every error rendered through [`Envelopes::render`](super::Envelopes::render) (and so
//! through the axum integration) whose status is a 5xx emits one `ERROR` event, target
//! `api_envelope`, with the fields:
//!
//! | field | value |
//! |---|---|
//! | `code` | the error's code |
//! | `status` | the HTTP status number |
//! | `request_id` | the request id the envelope carries (empty when none) |
//! | `error` | the error's own `Display`: the internal message, not the public text |
//! | `chain` | the full [`SourceChain`]: `Display`, then each source |
//!
//! A 4xx logs nothing: it is the client's mistake, not the service's. Call [`record`]
//! after rendering by hand to get the same event.

use crate::ApiError;

use super::SourceChain;

/// The target of the events.
pub const TARGET: &str = "api_envelope";

/// Emits the event for `err` if its status is a 5xx; does nothing otherwise.
pub fn record(err: &dyn ApiError, request_id: Option<&str>) {
    let status = err.status();
    if !status.is_server_error() {
        return;
    }
    ::tracing::error!(
        target: "api_envelope",
        code = err.code(),
        status = status.as_u16(),
        request_id = request_id.unwrap_or(""),
        error = %err,
        chain = %SourceChain(err),
        "server error rendered"
    );
}

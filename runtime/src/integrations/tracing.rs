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
//! Both texts as [`LogText`] writes them: control characters escaped (a message cannot
//! forge a log line) and cut at the message limit.
//!
//! A 4xx logs nothing: it is the client's mistake, not the service's. Call [`record`]
//! after rendering by hand to get the same event.

use std::fmt;

use crate::ApiError;

use super::SourceChain;

/// The target of the events.
pub const TARGET: &str = "api_envelope";

/// Emits the event for `err` if its status is a 5xx; does nothing otherwise.
///
/// The texts (`error`, `chain`) are written as [`LogText`] writes them: control
/// characters escaped, so a message cannot forge log lines, and cut at
/// [`MAX_MESSAGE_BYTES`](crate::format::limits::MAX_MESSAGE_BYTES). A `Display` that
/// panics while the event is written is caught: the event says so instead of the text.
pub fn record(err: &dyn ApiError, request_id: Option<&str>) {
    let Ok(status) = crate::render::caught(|| err.status()) else {
        return;
    };
    if !status.is_server_error() {
        return;
    }
    let text = |value: &dyn fmt::Display| {
        crate::render::caught(|| LogText(value).to_string())
            .unwrap_or_else(|_| "(its Display panicked)".to_owned())
    };
    let error = text(&err);
    let chain = text(&SourceChain(err));
    ::tracing::error!(
        target: "api_envelope",
        code = crate::render::caught(|| err.code()).unwrap_or(""),
        status = status.as_u16(),
        request_id = request_id.unwrap_or(""),
        error = %error,
        chain = %chain,
        "server error rendered"
    );
}

/// A text as a log shows it: each control character escaped (`\n`, `\u{1b}`), so one
/// event is one line, and cut at [`MAX_MESSAGE_BYTES`](crate::format::limits::MAX_MESSAGE_BYTES)
/// bytes (then `…`).
///
/// ```
/// use api_envelope::integrations::tracing::LogText;
///
/// assert_eq!(LogText(&"a\nINFO forged").to_string(), "a\\nINFO forged");
/// ```
pub struct LogText<'a>(pub &'a dyn fmt::Display);

impl fmt::Display for LogText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl fmt::Write for Escaping<'_, '_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                for part in s.split_inclusive(char::is_control) {
                    match part.char_indices().last() {
                        Some((i, c)) if c.is_control() => {
                            self.0.write_str(&part[..i])?;
                            write!(self.0, "{}", c.escape_default())?;
                        }
                        _ => self.0.write_str(part)?,
                    }
                }
                Ok(())
            }
        }
        let inner = self.0;
        crate::format::limits::write_capped(
            f,
            format_args!(
                "{}",
                // A `Display` that fails logs what it wrote before failing.
                fmt::from_fn(|f| {
                    let _ = fmt::write(&mut Escaping(f), format_args!("{inner}"));
                    Ok(())
                })
            ),
        )
    }
}

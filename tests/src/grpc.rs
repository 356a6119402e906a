//! What a gRPC status read back must keep of the error it was made from, against the
//! same error's HTTP envelope read back by the same client (`tests/grpc.rs` through the
//! status headers, `tests/grpc_loopback.rs` over a real tonic connection).

use api_envelope::client::{RemoteError, WireFormat};
use api_envelope::format::{Format, Message, public_text, shows_own_message};
use api_envelope::integrations::grpc::grpc_code;
use api_envelope::{ApiError, Context, Detail};

/// Asserts that `status`, as a peer received it, carries `err` as its HTTP envelope in
/// `format` does (with `ctx`, whose request id is `request_id`): the gRPC code, the
/// code, HTTP status, message, details, violations, retry hint and class, and request
/// id; a 5xx only its public text.
///
/// # Panics
/// When anything differs, naming `what`.
pub fn assert_keeps(
    what: &str,
    err: &dyn ApiError,
    status: &tonic::Status,
    format: &dyn Format,
    ctx: &Context<'_>,
    request_id: &str,
) {
    assert_eq!(status.code() as i32, grpc_code(err).number(), "{what}");
    let remote = RemoteError::from_status(status);
    // Against the HTTP envelope read back by the same client.
    let http = RemoteError::from_response(&err.to_response(format, ctx));
    assert_eq!(remote.status, err.status(), "{what}");
    assert_eq!(remote.code.as_deref(), Some(err.code()), "{what}");
    // The message every envelope shows (ScaiDrive's validation list has none of its
    // own: its reader makes one from the violations).
    let message = Message::new(err, ctx).to_string();
    assert_eq!(remote.message, message, "{what}");
    if http.format != Some(WireFormat::ScaiDrive) || err.violations().is_empty() {
        assert_eq!(remote.message, http.message, "{what}");
    }
    // RetryInfo carries the hint even where the HTTP envelope has no room for it
    // (ScaiWave documents no `Retry-After`).
    assert_eq!(remote.retry_after, err.retry_after(), "{what}");
    assert_eq!(remote.request_id.as_deref(), Some(request_id), "{what}");
    // The class the server declared, read without its catalogue.
    assert_eq!(remote.retry_class(None), err.entry().retry, "{what}");
    let locs = |r: &RemoteError| {
        r.violations
            .iter()
            .map(|v| (v.path(), v.message.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(locs(&remote), locs(&http), "{what}");
    let mut names = Vec::new();
    err.visit_details(&mut |name: &'static str, _: Detail<'_>| names.push(name));
    for name in names {
        assert!(remote.details.contains_key(name), "{what}: {name}");
        assert_eq!(
            remote.details.get(name),
            http.details.get(name),
            "{what}: {name}"
        );
    }
    if !shows_own_message(err) {
        assert_eq!(remote.message, public_text(err), "{what}");
    }
}

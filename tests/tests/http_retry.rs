//! A client retrying over real loopback HTTP by the code's declared retry class: the
//! ScaiKey reference backend limited to 2 requests per second answers 429
//! `rate_limited` with `Retry-After`; a `GET` (idempotent) waits what the server asked
//! and gets through, a `PUT` as well, and the same policy never retries a 404.

mod http_support;

use std::time::{Duration, Instant};

use api_envelope::catalog::Retry;
use api_envelope::client::{RetryPolicy, is_idempotent};
use api_envelope::http::{Method, StatusCode};
use api_envelope::integrations::ratelimit::Quota;
use api_envelope_examples::server;
use http_support::{Reply, roomy, send_to, start};

const AUTH: (&str, &str) = ("authorization", "Bearer t0k3n");

/// Sends `method path` until it succeeds or the policy gives up; returns the last reply
/// and the waits taken.
fn with_retries(
    base: &str,
    method: &Method,
    path: &str,
    body: Option<&[u8]>,
) -> (Reply, Vec<Duration>) {
    let policy = RetryPolicy::new()
        .cap(Duration::from_secs(5))
        .max_retries(3);
    let catalog = api_envelope_examples::product("scaikey").unwrap();
    let mut waits = Vec::new();
    for retry in 1.. {
        let reply = send_to(base, method.as_str(), path, body, &[AUTH]);
        if reply.status.is_success() {
            return (reply, waits);
        }
        let remote = reply.remote();
        let class = catalog
            .get(remote.code_str())
            .map_or(Retry::for_status(remote.status), |row| row.entry.retry);
        assert_eq!(
            class,
            remote.retry_class(None),
            "the status's class, as declared"
        );
        match policy.next(&remote, class, is_idempotent(method), retry) {
            Some(wait) => {
                waits.push(wait);
                std::thread::sleep(wait);
            }
            None => return (reply, waits),
        }
    }
    unreachable!()
}

#[test]
fn a_rate_limited_request_is_retried_after_the_servers_hint() {
    let config = server::ServerConfig {
        key_quota: Quota::per_second(2),
        ..roomy()
    };
    let base = start(server::app(&config));
    let path = "/scaikey/v1/secrets/demo";
    // Spend the quota.
    while send_to(&base, "GET", path, None, &[AUTH]).status != StatusCode::TOO_MANY_REQUESTS {}
    let started = Instant::now();
    let (reply, waits) = with_retries(&base, &Method::GET, path, None);
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(!waits.is_empty() && waits.len() <= 3, "{waits:?}");
    // The waits are the server's `Retry-After` (whole seconds), not the 100 ms backoff.
    assert!(
        waits
            .iter()
            .all(|w| w.as_secs() >= 1 && w.subsec_nanos() == 0),
        "{waits:?}"
    );
    assert!(started.elapsed() >= waits[0]);

    // A PUT is idempotent too.
    while send_to(&base, "GET", path, None, &[AUTH]).status != StatusCode::TOO_MANY_REQUESTS {}
    let (reply, _) = with_retries(
        &base,
        &Method::PUT,
        "/scaikey/v1/secrets/retried",
        Some(br#"{"value":"v"}"#),
    );
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
}

#[test]
fn a_not_found_is_never_retried() {
    let base = start(server::app(&roomy()));
    let (reply, waits) = with_retries(
        &base,
        &Method::GET,
        "/scaikey/v1/secrets/nothing-here",
        None,
    );
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.remote().code_str(), "secret_not_found");
    assert!(waits.is_empty());
}

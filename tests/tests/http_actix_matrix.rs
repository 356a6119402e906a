//! The example backends on actix-web (`api_envelope_examples::server_actix`, what
//! `--bin server-actix` runs) over real loopback HTTP: the failure matrix of the axum
//! server (`http_support::matrix`: for each product a success, an unknown route, a wrong
//! method, a path and a query parameter of the wrong type, an unparseable body, an
//! oversize body, a panic and a timeout, each with its exact body, content type, `Allow`
//! and `X-Request-ID`), the request ids, the rate limits, and the same answers as the axum
//! server for a walk through the five products.
//!
//! The panic and the timeout come from two test-only handlers mounted in each product's
//! scope with [`ProductService::configure_with`], so they run behind exactly the
//! product's middleware (its envelopes, a 200 ms timeout, the body limit, the default
//! service, and for ScaiKey its rate limiter).

#![cfg(feature = "actix-web")]

mod http_support;

use std::sync::OnceLock;
use std::time::Duration;

use actix_web::web;
use api_envelope::integrations::ratelimit::Quota;
use api_envelope_examples::server_actix::{ProductService, Server};
use http_support::matrix::{self, ID, boom, stall};
use http_support::server::{self, Backend, ServerConfig};
use http_support::{Reply, is_generated_id, roomy, send_to, start, start_actix};

/// The server of the matrix: every product, a 200 ms timeout, quotas no test exhausts,
/// and `/test/panic` and `/test/stall` in each product's scope.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let config = ServerConfig {
            timeout: Duration::from_millis(200),
            ..roomy()
        };
        let products = Backend::ALL.map(|backend| ProductService::new(backend, &config));
        start_actix(move |cfg| {
            for product in &products {
                product.configure_with(cfg, |cfg| {
                    cfg.route("/test/panic", web::get().to(boom))
                        .route("/test/stall", web::get().to(stall));
                });
            }
        })
    })
}

/// Every product × the nine rows, exactly as on axum.
#[test]
fn every_failure_of_every_product_is_its_exact_envelope() {
    matrix::every_failure_of_every_product_is_its_exact_envelope(base());
}

/// Request ids echoed, generated or replaced, on successes and errors alike.
#[test]
fn request_ids_are_echoed_generated_or_replaced() {
    matrix::request_ids_are_echoed_generated_or_replaced(base());
}

/// The server of the rate-limit tests: the whole server with 3 requests per minute for
/// ScaiGrid's completions and for ScaiKey. Each test uses its own `Authorization`.
fn tight() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let server = Server::new(&ServerConfig {
            grid_quota: Quota::per_minute(3),
            key_quota: Quota::per_minute(3),
            ..ServerConfig::default()
        });
        start_actix(move |cfg| server.configure(cfg))
    })
}

/// ScaiGrid's completions alone are limited, per caller, with `Retry-After`.
#[test]
fn scaigrid_rate_limits_completions() {
    matrix::scaigrid_rate_limits_completions(tight());
}

/// ScaiKey counts every route, with `X-RateLimit-*` on every response.
#[test]
fn scaikey_rate_limits_every_route() {
    matrix::scaikey_rate_limits_every_route(tight());
}

/// What the comparison looks at: status, content type, body (with the response's
/// request id masked, for the requests that send none), then every value of `Allow`
/// (actix-web's spacing folded), of Sonny's `Idempotent-Replayed`, `Vary` and
/// `Retry-After`, and of ScaiKey's `X-RateLimit-Limit` and `-Remaining`.
fn seen(reply: &Reply) -> (u16, Option<&str>, String, Vec<String>) {
    let id = reply.header("x-request-id").expect("X-Request-ID");
    assert!(id == "req_matrix" || is_generated_id(id), "{id}");
    let mut headers = Vec::new();
    for name in [
        "allow",
        "idempotent-replayed",
        "vary",
        "retry-after",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
    ] {
        for value in reply.headers.get_all(name) {
            let value = value.to_str().expect("ASCII header").replace(", ", ",");
            headers.push(format!("{name}: {value}"));
        }
    }
    (
        reply.status.as_u16(),
        reply.header("content-type"),
        reply.text().replace(id, "<request id>"),
        headers,
    )
}

/// One request of the walk: method, path, JSON body, headers.
type Step<'a> = (&'a str, String, Option<&'a [u8]>, &'a [(&'a str, &'a str)]);

/// A walk through the five products (successes, domain errors, state changes, the
/// catalogue, negotiation) sent in the same order to a fresh axum server and a fresh
/// actix-web server: every answer the same.
#[test]
fn actix_and_axum_serve_the_same_backends() {
    let axum_base = start(server::app(&roomy()));
    let actix = Server::new(&roomy());
    let actix_base = start_actix(move |cfg| actix.configure(cfg));

    const AUTH: (&str, &str) = ("authorization", "Bearer same");
    const PROBLEM: (&str, &str) = ("accept", "application/problem+json");
    let none: &[(&str, &str)] = &[];
    let id: &[(&str, &str)] = &[ID];
    let auth: &[(&str, &str)] = &[ID, AUTH];
    #[rustfmt::skip]
    let mut walk: Vec<Step> = vec![
        ("GET", "/healthz".into(), None, id),
        ("GET", "/nope".into(), None, id),
        ("POST", "/healthz".into(), None, id),
        ("GET", "/scaiwavex".into(), None, id),
        ("GET", "/scaiwave".into(), None, id),
        ("GET", "/scaiwave/v1/rooms/general".into(), None, id),
        ("HEAD", "/scaiwave/v1/rooms/general".into(), None, id),
        ("POST", "/scaiwave/v1/rooms/general/messages".into(), Some(br#"{"text":"hello"}"#), id),
        ("GET", "/scaiwave/v1/rooms/general/messages?limit=1".into(), None, id),
        ("GET", "/scaiwave/v1/rooms/general/messages?limit=0".into(), None, id),
        ("POST", "/scaiwave/v1/rooms/frozen/messages".into(), Some(br#"{"text":"hi"}"#), id),
        ("POST", "/scaiwave/v1/rooms/attic/messages".into(), Some(br#"{"text":1}"#), id),
        ("GET", "/scaiwave/codes?status=409".into(), None, id),
        ("GET", "/scaiwave/codes/SW_ROOM_FROZEN".into(), None, id),
        ("GET", "/scaiwave/codes/SW_ROOM_FROZEN/418".into(), None, id),
        ("GET", "/scaigrid/v1/models".into(), None, none),
        ("GET", "/scaigrid/v1/models/gpt-9".into(), None, id),
        ("POST", "/scaigrid/v1/chat/completions".into(), Some(br#"{"model":"scai-smart","messages":[{"role":"user","content":"ping"}]}"#), auth),
        ("POST", "/scaigrid/v1/chat/completions".into(), Some(br#"{"model":"scai-smart","messages":[{"role":"bot","content":"x"}]}"#), auth),
        ("GET", "/scaigrid/v1/nope".into(), None, &[ID, PROBLEM]),
        ("GET", "/scaigrid/openapi.json".into(), None, id),
        ("POST", "/scaidrive/v1/folders".into(), Some(br#"{"name":"Q4","quota_mb":100,"shared":true}"#), id),
        ("POST", "/scaidrive/v1/folders".into(), Some(br#"{"name":"Q4","quota_mb":5,"shared":false}"#), id),
        ("POST", "/scaidrive/v1/folders".into(), Some(br#"{"name":"","quota_mb":2048}"#), id),
        ("POST", "/scaidrive/v1/folders".into(), Some(br#"{"name":"","quota_mb":2048,"shared":false}"#), id),
        ("GET", "/scaidrive/v1/files?limit=201".into(), None, id),
        ("GET", "/scaidrive/v1/files/99".into(), None, id),
        ("GET", "/scaikey/v1/secrets/demo".into(), None, none),
        ("GET", "/scaikey/v1/secrets/".into(), None, auth),
        ("PUT", "/scaikey/v1/secrets/x".into(), Some(b"{"), id),
        ("GET", "/scaikey/v1/secrets/caf%C3%A9".into(), None, auth),
        ("PUT", "/scaikey/v1/secrets/envs/same".into(), Some(br#"{"value":"v1"}"#), auth),
        ("PUT", "/scaikey/v1/secrets/envs/same".into(), Some(br#"{"value":"v2"}"#), auth),
        ("DELETE", "/scaikey/v1/secrets/envs/same".into(), None, auth),
        ("GET", "/scaikey/v1/secrets/envs/same".into(), None, &[ID, AUTH, PROBLEM]),
        ("PUT", "/scaikey/v1/secrets/shape".into(), Some(br#"{"value":7}"#), auth),
        ("POST", "/sonny/v1/scans".into(), Some(br#"{"target":"https://a.example"}"#), &[ID, ("idempotency-key", "k1")]),
        ("POST", "/sonny/v1/scans".into(), Some(br#"{"target":"https://a.example"}"#), &[ID, ("idempotency-key", "k1")]),
        ("POST", "/sonny/v1/scans".into(), Some(br#"{"target":"https://b.example"}"#), &[ID, ("idempotency-key", "k1")]),
        ("POST", "/sonny/v1/scans".into(), Some(br#"{"target":"  "}"#), id),
        ("GET", "/sonny/v1/scans/scn_404".into(), None, none),
        ("GET", "/sonny/v1/users?limit=2".into(), None, id),
        ("GET", "/sonny/v1/users?cursor=nope".into(), None, id),
        ("GET", "/sonny/v1/users?limit=101".into(), None, id),
        ("GET", "/sonny/v1/users?limit=0&cursor=zz".into(), None, id),
        ("GET", "/sonny/v1/users?limit=0x".into(), None, id),
        ("POST", "/scaigrid/v1/chat/completions".into(), Some(br#"{"model":7,"messages":[]}"#), auth),
        ("POST", "/scaigrid/v1/chat/completions".into(), Some(br#"{"model":"scai-fast","messages":[]}"#), auth),
        ("POST", "/scaiwave/v1/rooms/general/messages".into(), Some(br#"{"text":""}"#), id),
        ("GET", "/sonny/whoami".into(), None, id),
    ];
    // Each product's sample errors, by their listing.
    for backend in Backend::ALL {
        let listing = format!("{}/samples", backend.prefix());
        walk.push(("GET", listing.clone(), None, id));
        let samples = send_to(&axum_base, "GET", &listing, None, id);
        for line in samples.text().lines().take(3) {
            let (code, status) = line.split_once(' ').unwrap();
            let sample = format!("{}/samples/{code}", backend.prefix());
            walk.push(("GET", format!("{sample}/{status}"), None, id));
            walk.push(("GET", sample, None, id));
        }
    }
    assert!(walk.len() > 50, "{}", walk.len());

    for (method, path, body, headers) in &walk {
        let on_axum = send_to(&axum_base, method, path, *body, headers);
        let on_actix = send_to(&actix_base, method, path, *body, headers);
        assert_eq!(seen(&on_actix), seen(&on_axum), "{method} {path}");
    }
}

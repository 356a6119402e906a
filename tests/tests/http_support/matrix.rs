//! The failure matrix of the example backends, shared by the axum server's tests
//! (`http_matrix.rs`) and the actix-web server's (`http_actix_matrix.rs`): each product's
//! nine rows (a success, an unknown route, a wrong method, a path and a query parameter of
//! the wrong type, an unparseable body, an oversize body, a panic, a timeout) with the
//! exact answer, and the checks run against a server's base URL.
//!
//! The rate-limit checks take a server with quotas of 3 per minute for ScaiGrid's
//! completions and for ScaiKey.
//!
//! The server must mount [`boom`] at `/test/panic` and [`stall`] at `/test/stall` under
//! each product's prefix, with a 200 ms timeout and quotas of 1 000 000 per minute
//! ([`super::roomy`]).

use serde_json::json;

use super::server::Backend;
use super::{is_generated_id, send_to};

/// A handler that panics, with a secret in its payload (which must never reach the wire).
pub async fn boom() -> &'static str {
    panic!("the database password is hunter2")
}

/// A handler that never answers.
pub async fn stall() -> &'static str {
    std::future::pending::<()>().await;
    "never"
}

pub const ID: (&str, &str) = ("x-request-id", "req_matrix");
pub const AUTH: (&str, &str) = ("authorization", "Bearer matrix");

/// One row of the matrix: a request and the exact answer.
pub struct Case {
    pub what: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub body: Option<Vec<u8>>,
    pub status: u16,
    pub allow: Option<&'static str>,
    pub answer: &'static str,
}

/// A JSON body over the 64 KB limit.
pub fn oversize() -> Vec<u8> {
    format!(r#"{{"text":"{}"}}"#, "x".repeat(70 * 1024)).into_bytes()
}

/// A body that is not JSON: the `:` is missing after the key, at byte 8 (where both
/// serde_json and Python's `json` locate it).
pub const UNPARSEABLE: &[u8] = br#"{"text" "x"}"#;

/// The row of the matrix for `what`.
#[allow(clippy::too_many_arguments, reason = "one table row")]
fn case(
    what: &'static str,
    method: &'static str,
    path: &'static str,
    body: Option<Vec<u8>>,
    status: u16,
    allow: Option<&'static str>,
    answer: &'static str,
) -> Case {
    Case {
        what,
        method,
        path,
        body,
        status,
        allow,
        answer,
    }
}

/// The nine rows of `backend`, in the order of the module docs (a table: not reformatted).
#[rustfmt::skip]
pub fn cases(backend: Backend) -> Vec<Case> {
    let json_invalid = || Some(UNPARSEABLE.to_vec());
    match backend {
        Backend::ScaiWave => vec![
            case("success", "GET", "/scaiwave/v1/rooms/frozen", None, 200, None,
                r#"{"room_id":"frozen","name":"Archive","frozen":true,"messages":0}"#),
            case("unknown route", "GET", "/scaiwave/v1/nope", None, 404, None,
                r#"{"error":{"code":"SW_NOT_FOUND","message":"Not Found"}}"#),
            case("wrong method", "DELETE", "/scaiwave/v1/rooms/general", None, 405, Some("GET,HEAD"),
                r#"{"error":{"code":"SW_METHOD_NOT_ALLOWED","message":"Method Not Allowed"}}"#),
            case("path type", "GET", "/scaiwave/codes/SW_NOT_FOUND/abc", None, 422, None,
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"int_parsing","loc":["path","status"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}}"#),
            case("query type", "GET", "/scaiwave/v1/rooms/general/messages?limit=lots", None, 422, None,
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"lots"}]}}"#),
            case("unparseable body", "POST", "/scaiwave/v1/rooms/general/messages", json_invalid(), 422, None,
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"json_invalid","loc":["body",8],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting ':' delimiter"}}]}}"#),
            case("oversize body", "POST", "/scaiwave/v1/rooms/general/messages", Some(oversize()), 413, None,
                r#"{"error":{"code":"SW_CONTENT_TOO_LARGE","message":"The request body is too large"}}"#),
            case("panic", "GET", "/scaiwave/test/panic", None, 500, None,
                r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Internal error. Quote the request_id when reporting it.","request_id":"req_matrix"}}"#),
            case("timeout", "GET", "/scaiwave/test/stall", None, 504, None,
                r#"{"error":{"code":"SW_GATEWAY_TIMEOUT","message":"Gateway Timeout","request_id":"req_matrix"}}"#),
        ],
        Backend::ScaiGrid => vec![
            case("success", "GET", "/scaigrid/v1/models/scai-fast", None, 200, None,
                r#"{"status":"success","data":{"slug":"scai-fast","context_window":8192,"provider":"scaiinfer"},"meta":{"request_id":"req_matrix"}}"#),
            case("unknown route", "GET", "/scaigrid/v1/nope", None, 404, None,
                r#"{"status":"error","error":{"code":"NOT_FOUND","message":"Not Found"},"meta":{"request_id":"req_matrix"}}"#),
            case("wrong method", "DELETE", "/scaigrid/v1/models/scai-fast", None, 405, Some("GET,HEAD"),
                r#"{"status":"error","error":{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed"},"meta":{"request_id":"req_matrix"}}"#),
            case("path type", "GET", "/scaigrid/codes/MODEL_NOT_FOUND/abc", None, 422, None,
                r#"{"status":"error","error":{"code":"VALIDATION_ERROR","message":"A request parameter is invalid","details":[{"field":"path.status","message":"Input should be a valid integer, unable to parse string as an integer"}]},"meta":{"request_id":"req_matrix"}}"#),
            case("query type", "GET", "/scaigrid/codes?status=abc", None, 422, None,
                r#"{"status":"error","error":{"code":"VALIDATION_ERROR","message":"A request parameter is invalid","details":[{"field":"query.status","message":"Input should be a valid integer, unable to parse string as an integer"}]},"meta":{"request_id":"req_matrix"}}"#),
            case("unparseable body", "POST", "/scaigrid/v1/chat/completions", json_invalid(), 422, None,
                r#"{"status":"error","error":{"code":"VALIDATION_ERROR","message":"The request body could not be parsed","details":[{"field":"body[8]","message":"JSON decode error"}]},"meta":{"request_id":"req_matrix"}}"#),
            case("oversize body", "POST", "/scaigrid/v1/chat/completions", Some(oversize()), 413, None,
                r#"{"status":"error","error":{"code":"PAYLOAD_TOO_LARGE","message":"The request body is too large"},"meta":{"request_id":"req_matrix"}}"#),
            case("panic", "GET", "/scaigrid/test/panic", None, 500, None,
                r#"{"status":"error","error":{"code":"INTERNAL_ERROR","message":"Unexpected server-side error. Always report with request ID"},"meta":{"request_id":"req_matrix"}}"#),
            case("timeout", "GET", "/scaigrid/test/stall", None, 504, None,
                r#"{"status":"error","error":{"code":"GATEWAY_TIMEOUT","message":"Gateway Timeout"},"meta":{"request_id":"req_matrix"}}"#),
        ],
        Backend::ScaiDrive => vec![
            case("success", "GET", "/scaidrive/v1/files/1", None, 200, None,
                r#"{"id":1,"name":"welcome.txt","size":312}"#),
            case("unknown route", "GET", "/scaidrive/v1/nope", None, 404, None,
                r#"{"detail":"Not Found"}"#),
            case("wrong method", "DELETE", "/scaidrive/v1/files/1", None, 405, Some("GET,HEAD"),
                r#"{"detail":"Method Not Allowed"}"#),
            case("path type", "GET", "/scaidrive/v1/files/abc", None, 422, None,
                r#"{"detail":[{"type":"int_parsing","loc":["path","file_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"}]}"#),
            case("query type", "GET", "/scaidrive/v1/files?limit=lots", None, 422, None,
                r#"{"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"lots"}]}"#),
            case("unparseable body", "POST", "/scaidrive/v1/folders", json_invalid(), 422, None,
                r#"{"detail":[{"type":"json_invalid","loc":["body",8],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting ':' delimiter"}}]}"#),
            case("oversize body", "POST", "/scaidrive/v1/folders", Some(oversize()), 413, None,
                r#"{"detail":"The request body is too large"}"#),
            case("panic", "GET", "/scaidrive/test/panic", None, 500, None,
                r#"{"detail":"Internal Server Error"}"#),
            case("timeout", "GET", "/scaidrive/test/stall", None, 504, None,
                r#"{"detail":"Gateway Timeout"}"#),
        ],
        Backend::ScaiKey => vec![
            case("success", "GET", "/scaikey/v1/secrets/demo", None, 200, None,
                r#"{"path":"demo","value":"s3cr3t","version":1}"#),
            case("unknown route", "GET", "/scaikey/v1/nope", None, 404, None,
                r#"{"error":{"code":"not_found","message":"Not Found","request_id":"req_matrix"}}"#),
            case("wrong method", "POST", "/scaikey/v1/secrets/demo", None, 405, Some("GET,HEAD,PUT,DELETE"),
                r#"{"error":{"code":"method_not_allowed","message":"Method Not Allowed","request_id":"req_matrix"}}"#),
            case("path type", "GET", "/scaikey/codes/rate_limited/abc", None, 422, None,
                r#"{"error":{"code":"validation_error","message":"A request parameter is invalid","details":{"fields":[{"field":"path.status","message":"Input should be a valid integer, unable to parse string as an integer","code":"int_parsing"}]},"request_id":"req_matrix"}}"#),
            case("query type", "GET", "/scaikey/codes?status=abc", None, 422, None,
                r#"{"error":{"code":"validation_error","message":"A request parameter is invalid","details":{"fields":[{"field":"query.status","message":"Input should be a valid integer, unable to parse string as an integer","code":"int_parsing"}]},"request_id":"req_matrix"}}"#),
            case("unparseable body", "PUT", "/scaikey/v1/secrets/matrix", json_invalid(), 400, None,
                r#"{"error":{"code":"invalid_request","message":"The request body could not be parsed","details":{"fields":[{"field":"body[8]","message":"JSON decode error","code":"json_invalid"}]},"request_id":"req_matrix"}}"#),
            case("oversize body", "PUT", "/scaikey/v1/secrets/matrix", Some(oversize()), 413, None,
                r#"{"error":{"code":"payload_too_large","message":"The request body is too large","request_id":"req_matrix"}}"#),
            case("panic", "GET", "/scaikey/test/panic", None, 500, None,
                r#"{"error":{"code":"internal_error","message":"Unexpected server error","request_id":"req_matrix"}}"#),
            case("timeout", "GET", "/scaikey/test/stall", None, 504, None,
                r#"{"error":{"code":"gateway_timeout","message":"Gateway Timeout","request_id":"req_matrix"}}"#),
        ],
        Backend::Sonny => vec![
            case("success", "GET", "/sonny/v1/scans/scn_1", None, 200, None,
                r#"{"id":"scn_1","target":"https://example.com","state":"done"}"#),
            case("unknown route", "GET", "/sonny/v1/nope", None, 404, None,
                r#"{"type":"https://docs.example.com/sonny/errors/resource.not_found","title":"The path matched no route or the requested entity does not exist (or is not visible to this principal).","status":404,"detail":"Not Found","instance":"/sonny/v1/nope","code":"resource.not_found"}"#),
            case("wrong method", "DELETE", "/sonny/v1/scans/scn_1", None, 405, Some("GET,HEAD"),
                r#"{"type":"https://docs.example.com/sonny/errors/http.405","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/sonny/v1/scans/scn_1","code":"http.405"}"#),
            case("path type", "GET", "/sonny/codes/http.403/abc", None, 400, None,
                r##"{"type":"https://docs.example.com/sonny/errors/validation.parameter_type_mismatch","title":"A query or path parameter could not be converted to the expected type.","status":400,"detail":"A request parameter is invalid","instance":"/sonny/codes/http.403/abc","code":"validation.parameter_type_mismatch","errors":[{"detail":"Input should be a valid integer, unable to parse string as an integer","pointer":"#/path/status"}]}"##),
            case("query type", "GET", "/sonny/v1/users?limit=lots", None, 400, None,
                r##"{"type":"https://docs.example.com/sonny/errors/validation.parameter_type_mismatch","title":"A query or path parameter could not be converted to the expected type.","status":400,"detail":"A request parameter is invalid","instance":"/sonny/v1/users","code":"validation.parameter_type_mismatch","errors":[{"detail":"Input should be a valid integer, unable to parse string as an integer","pointer":"#/query/limit"}]}"##),
            case("unparseable body", "POST", "/sonny/v1/scans", json_invalid(), 400, None,
                r##"{"type":"https://docs.example.com/sonny/errors/validation.body_unparseable","title":"Request body could not be parsed as JSON at all.","status":400,"detail":"The request body could not be parsed","instance":"/sonny/v1/scans","code":"validation.body_unparseable","errors":[{"detail":"JSON decode error"}]}"##),
            case("oversize body", "POST", "/sonny/v1/scans", Some(oversize()), 413, None,
                r#"{"type":"https://docs.example.com/sonny/errors/http.413","title":"Payload Too Large","status":413,"detail":"The request body is too large","instance":"/sonny/v1/scans","code":"http.413"}"#),
            case("panic", "GET", "/sonny/test/panic", None, 500, None,
                r#"{"type":"https://docs.example.com/sonny/errors/http.500","title":"Internal Server Error","status":500,"detail":"Internal Server Error","instance":"/sonny/test/panic","code":"http.500"}"#),
            case("timeout", "GET", "/sonny/test/stall", None, 504, None,
                r#"{"type":"https://docs.example.com/sonny/errors/http.504","title":"Gateway Timeout","status":504,"detail":"Gateway Timeout","instance":"/sonny/test/stall","code":"http.504"}"#),
        ],
    }
}

pub fn content_type(backend: Backend, status: u16) -> &'static str {
    if backend == Backend::Sonny && status >= 400 {
        "application/problem+json"
    } else {
        "application/json"
    }
}

/// Every product × {success, unknown route, wrong method, path type, query type,
/// unparseable body, oversize body, panic, timeout}: status, content type, the exact
/// body, `Allow`, the request id sent back, and (ScaiKey) the rate-limit figures.
pub fn every_failure_of_every_product_is_its_exact_envelope(base: &str) {
    let mut rows = 0;
    for backend in Backend::ALL {
        for c in cases(backend) {
            let reply = send_to(base, c.method, c.path, c.body.as_deref(), &[ID, AUTH]);
            let what = format!("{:?} {}: {} {}", backend, c.what, c.method, c.path);
            assert_eq!(reply.status.as_u16(), c.status, "{what}: {}", reply.text());
            assert_eq!(reply.text(), c.answer, "{what}");
            assert_eq!(
                reply.header("content-type"),
                Some(content_type(backend, c.status)),
                "{what}"
            );
            assert_eq!(reply.header("x-request-id"), Some("req_matrix"), "{what}");
            // actix-web writes `GET, HEAD` where axum writes `GET,HEAD`.
            let allow = reply.header("allow").map(|a| a.replace(", ", ","));
            assert_eq!(allow.as_deref(), c.allow, "{what}");
            assert!(!reply.text().contains("hunter2"), "{what}");
            if backend == Backend::ScaiKey {
                assert_eq!(reply.header("x-ratelimit-limit"), Some("1000000"), "{what}");
                assert!(reply.header("x-ratelimit-remaining").is_some(), "{what}");
                assert!(reply.header("x-ratelimit-reset").is_some(), "{what}");
                for name in [
                    "x-ratelimit-limit",
                    "x-ratelimit-remaining",
                    "x-ratelimit-reset",
                ] {
                    let values = reply.headers.get_all(name).iter().count();
                    assert_eq!(values, 1, "{what}: {name}");
                }
            } else {
                assert_eq!(reply.header("x-ratelimit-limit"), None, "{what}");
            }
            // The client side of api-envelope reads every error back.
            if c.status >= 400 {
                let remote = reply.remote();
                assert_eq!(remote.format, Some(backend.wire()), "{what}");
                assert_eq!(remote.status, c.status, "{what}");
                assert_eq!(remote.request_id.as_deref(), Some("req_matrix"), "{what}");
            }
            rows += 1;
        }
    }
    assert_eq!(rows, 45);
}

/// The request id on every product: echoed when usable, generated (`req_` + 16 hex,
/// the same in the header and the body) when missing, replaced when unusable (200 bytes,
/// a space), on successes and on errors alike.
pub fn request_ids_are_echoed_generated_or_replaced(base: &str) {
    let long = "r".repeat(200);
    for backend in Backend::ALL {
        let rows = cases(backend);
        for c in [&rows[0], &rows[1], &rows[7]] {
            let what = format!("{backend:?} {}", c.what);
            let echoed = send_to(
                base,
                c.method,
                c.path,
                None,
                &[AUTH, ("x-request-id", "req_Given-1.2")],
            );
            assert_eq!(
                echoed.header("x-request-id"),
                Some("req_Given-1.2"),
                "{what}"
            );

            for incoming in [None, Some("has space"), Some(long.as_str())] {
                let mut headers = vec![AUTH];
                if let Some(id) = incoming {
                    headers.push(("x-request-id", id));
                }
                let reply = send_to(base, c.method, c.path, None, &headers);
                let id = reply.header("x-request-id").unwrap().to_owned();
                assert!(is_generated_id(&id), "{what} {incoming:?}: {id}");
                // The envelope carries the same id where its format has one.
                let in_body = reply.text().contains(&id);
                let carries = match backend {
                    // ScaiGrid's success envelope has `meta.request_id` too.
                    Backend::ScaiGrid => true,
                    Backend::ScaiKey => reply.status.as_u16() >= 400,
                    Backend::ScaiWave => reply.status.is_server_error(),
                    Backend::ScaiDrive | Backend::Sonny => false,
                };
                assert_eq!(in_body, carries, "{what} {incoming:?}: {}", reply.text());
            }
        }
        // 128 visible ASCII characters are usable; 129 are not.
        let max = "a".repeat(128);
        let reply = send_to(
            base,
            "GET",
            rows[1].path,
            None,
            &[AUTH, ("x-request-id", &max)],
        );
        assert_eq!(reply.header("x-request-id"), Some(max.as_str()));
        let over = "a".repeat(129);
        let reply = send_to(
            base,
            "GET",
            rows[1].path,
            None,
            &[AUTH, ("x-request-id", &over)],
        );
        assert!(is_generated_id(reply.header("x-request-id").unwrap()));
        // Two requests, two ids.
        let a = send_to(base, "GET", rows[1].path, None, &[AUTH]);
        let b = send_to(base, "GET", rows[1].path, None, &[AUTH]);
        assert_ne!(a.header("x-request-id"), b.header("x-request-id"));
    }
}

/// 3 completions per minute per `Authorization`: the 4th is a 429 `RATE_LIMITED` whose
/// `retry_after` is the `Retry-After` header; another caller, and the models, are not
/// limited.
pub fn scaigrid_rate_limits_completions(tight: &str) {
    let body = br#"{"model":"scai-fast","messages":[{"role":"user","content":"hi"}]}"#;
    let chat = |token: &str, extra: &[(&str, &str)]| {
        let auth = format!("Bearer {token}");
        let mut headers = vec![("authorization", auth.as_str()), ID];
        headers.extend_from_slice(extra);
        send_to(
            tight,
            "POST",
            "/scaigrid/v1/chat/completions",
            Some(body),
            &headers,
        )
    };
    for _ in 0..3 {
        assert_eq!(chat("grid-limited", &[]).status, 200);
    }
    let limited = chat("grid-limited", &[]);
    assert_eq!(limited.status, 429, "{}", limited.text());
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    assert_eq!(
        limited.json(),
        json!({
            "status": "error",
            "error": {"code": "RATE_LIMITED", "message": "Too many requests", "retry_after": retry},
            "meta": {"request_id": "req_matrix"},
        })
    );
    assert_eq!(limited.header("x-request-id"), Some("req_matrix"));
    // Negotiated: a problem document, still with Retry-After.
    let problem = chat("grid-limited", &[("accept", "application/problem+json")]);
    assert_eq!(problem.status, 429);
    assert_eq!(
        problem.header("content-type"),
        Some("application/problem+json")
    );
    assert!(problem.header("retry-after").is_some());
    assert_eq!(problem.json()["code"], "RATE_LIMITED");

    assert_eq!(chat("grid-other", &[]).status, 200);
    for _ in 0..5 {
        assert_eq!(
            send_to(tight, "GET", "/scaigrid/v1/models", None, &[]).status,
            200
        );
    }
}

/// 3 requests per minute per `Authorization`, with `X-RateLimit-*` on every response
/// (successes included); the 4th is a 429 `rate_limited` with `Retry-After`, and a
/// negotiated problem document keeps `X-Request-ID`, `X-RateLimit-*` and `Retry-After`.
pub fn scaikey_rate_limits_every_route(tight: &str) {
    let auth = ("authorization", "Bearer key-limited");
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let reply = send_to(tight, "GET", "/scaikey/v1/secrets/demo", None, &[auth]);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("x-ratelimit-limit"), Some("3"));
        let reset: u64 = reply.header("x-ratelimit-reset").unwrap().parse().unwrap();
        assert!(reset > 1_700_000_000);
        remaining.push(reply.header("x-ratelimit-remaining").unwrap().to_owned());
        assert!(is_generated_id(reply.header("x-request-id").unwrap()));
    }
    assert_eq!(remaining, ["2", "1", "0"]);

    let limited = send_to(tight, "GET", "/scaikey/v1/secrets/demo", None, &[auth, ID]);
    assert_eq!(limited.status, 429);
    assert_eq!(
        limited.text(),
        r#"{"error":{"code":"rate_limited","message":"Too many requests","request_id":"req_matrix"}}"#
    );
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    assert_eq!(limited.header("x-ratelimit-limit"), Some("3"));
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(limited.header("x-request-id"), Some("req_matrix"));

    let problem = send_to(
        tight,
        "GET",
        "/scaikey/codes",
        None,
        &[auth, ID, ("accept", "application/problem+json")],
    );
    assert_eq!(problem.status, 429);
    assert_eq!(
        problem.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(problem.header("x-request-id"), Some("req_matrix"));
    assert_eq!(problem.header("x-ratelimit-limit"), Some("3"));
    assert_eq!(problem.header("x-ratelimit-remaining"), Some("0"));
    assert!(problem.header("x-ratelimit-reset").is_some());
    assert!(problem.header("retry-after").is_some());
    assert_eq!(
        problem.json(),
        json!({
            "type": "https://docs.example.com/scaikey/errors/rate_limited",
            "title": "Caller-specific rate limit",
            "status": 429,
            "detail": "Too many requests",
            "instance": "/scaikey/codes",
            "code": "rate_limited",
        })
    );

    // Another caller has its own quota.
    let other = send_to(
        tight,
        "GET",
        "/scaikey/v1/secrets/demo",
        None,
        &[("authorization", "Bearer key-other")],
    );
    assert_eq!(other.status, 200);
    assert_eq!(other.header("x-ratelimit-remaining"), Some("2"));
}

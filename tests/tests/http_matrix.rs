//! The example server's five backends over real loopback HTTP: for each product, a
//! success and every failure the framework produces (unknown route, wrong method, a path
//! or query parameter of the wrong type, an unparseable body, a body over 64 KB, a
//! handler panic, a timeout), each with its exact body in the product's envelope, its
//! content type and `X-Request-ID`; then each backend's own behaviour (frozen rooms,
//! folder conflicts, secrets, idempotency, rate limits).
//!
//! The panic and the timeout come from two test-only handlers mounted under each
//! product's prefix with [`server::product_router_with`], so they run behind exactly the
//! product's layers (its envelopes, a 200 ms timeout, the body limit, the fallback, and
//! for ScaiKey its rate limiter).

mod http_support;

use std::sync::OnceLock;
use std::time::Duration;

use api_envelope::integrations::Failure;
use api_envelope::integrations::ratelimit::Quota;
use axum::Router;
use axum::routing::get;
use http_support::matrix::{self, AUTH, ID, UNPARSEABLE, boom, stall};
use http_support::server::{self, Backend, ServerConfig};
use http_support::{Reply, roomy, send_to, start};
use serde_json::json;

/// The server of the matrix and the behaviour tests: every product, a 200 ms timeout,
/// quotas no test exhausts, and `/test/panic` and `/test/stall` under each prefix.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let config = ServerConfig {
            timeout: Duration::from_millis(200),
            ..roomy()
        };
        let mut app = Router::new();
        for backend in Backend::ALL {
            let test_only = Router::new()
                .route("/test/panic", get(boom))
                .route("/test/stall", get(stall));
            app = app.nest(
                backend.prefix(),
                server::product_router_with(backend, &config, test_only),
            );
        }
        start(app)
    })
}

/// The server of the rate-limit tests: the whole app with 3 requests per minute for
/// ScaiGrid's completions and for ScaiKey. Each test uses its own `Authorization`.
fn tight() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        start(server::app(&ServerConfig {
            grid_quota: Quota::per_minute(3),
            key_quota: Quota::per_minute(3),
            ..ServerConfig::default()
        }))
    })
}

fn send(method: &str, path: &str, body: Option<&[u8]>, headers: &[(&str, &str)]) -> Reply {
    send_to(base(), method, path, body, headers)
}

/// Every product × {success, unknown route, wrong method, path type, query type,
/// unparseable body, oversize body, panic, timeout}: status, content type, the exact
/// body, `Allow`, the request id sent back, and (ScaiKey) the rate-limit figures.
#[test]
fn every_failure_of_every_product_is_its_exact_envelope() {
    matrix::every_failure_of_every_product_is_its_exact_envelope(base());
}

/// The request id on every product: echoed when usable, generated (`req_` + 16 hex,
/// the same in the header and the body) when missing, replaced when unusable (200 bytes,
/// a space), on successes and on errors alike.
#[test]
fn request_ids_are_echoed_generated_or_replaced() {
    matrix::request_ids_are_echoed_generated_or_replaced(base());
}

/// Each product's `failures()` resolves every kind (its catalogue lookups hold), and
/// the codes are the documented ones.
#[test]
fn every_products_failures_resolve() {
    use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};
    let all = [
        ("scaiwave", scaiwave::failures()),
        ("scaigrid", scaigrid::failures()),
        ("scaidrive", scaidrive::failures()),
        ("scaikey", scaikey::failures()),
        ("sonny", sonny::failures()),
    ];
    #[rustfmt::skip]
    let expected: [[&str; 5]; 5] = [
        // NoRoute, BodyUnparseable, ParameterMissing, RateLimited, Panic
        ["SW_NOT_FOUND", "SW_VALIDATION_ERROR", "SW_VALIDATION_ERROR", "SW_RATE_LIMIT_EXCEEDED", "SW_INTERNAL_ERROR"],
        ["NOT_FOUND", "VALIDATION_ERROR", "VALIDATION_ERROR", "RATE_LIMITED", "INTERNAL_ERROR"],
        ["resource_not_found", "input_validation", "input_validation", "rate_limited", "server_internal"],
        ["not_found", "invalid_request", "validation_error", "rate_limited", "internal_error"],
        ["resource.not_found", "validation.body_unparseable", "validation.parameter_missing", "http.429", "http.500"],
    ];
    for ((name, failures), codes) in all.iter().zip(expected) {
        for kind in Failure::KINDS {
            let code = failures.resolve(kind);
            assert!(code.status.as_u16() >= 400, "{name} {kind:?}");
        }
        let got = [
            Failure::NoRoute,
            Failure::BodyUnparseable,
            Failure::ParameterMissing,
            Failure::RateLimited,
            Failure::Panic,
        ]
        .map(|k| failures.resolve(k).entry.code);
        assert_eq!(got, codes, "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// ScaiWave

#[test]
fn scaiwave_rooms() {
    let reply = send(
        "POST",
        "/scaiwave/v1/rooms/frozen/messages",
        Some(br#"{"text":"hi"}"#),
        &[ID],
    );
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room frozen is closed"}}"#
    );
    let reply = send("GET", "/scaiwave/v1/rooms/attic", None, &[ID]);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_ROOM_NOT_FOUND","message":"room attic not found","details":{"room_id":"attic"}}}"#
    );
    let reply = send(
        "POST",
        "/scaiwave/v1/rooms/general/messages",
        Some(br#"{"text":""}"#),
        &[ID],
    );
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"string_too_short","loc":["body","text"],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}}"#
    );
    let reply = send(
        "POST",
        "/scaiwave/v1/rooms/general/messages",
        Some(br#"{"text":1}"#),
        &[ID],
    );
    assert_eq!(reply.status, 422);
    assert_eq!(reply.json()["error"]["details"][0]["type"], "string_type");

    let sent = send(
        "POST",
        "/scaiwave/v1/rooms/general/messages",
        Some(br#"{"text":"wave-hello"}"#),
        &[ID],
    );
    assert_eq!(sent.status, 201, "{}", sent.text());
    assert_eq!(sent.json()["room_id"], "general");
    assert_eq!(sent.json()["text"], "wave-hello");
    let listed = send(
        "GET",
        "/scaiwave/v1/rooms/general/messages?limit=100",
        None,
        &[ID],
    );
    assert_eq!(listed.status, 200);
    assert!(
        listed
            .json()
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == "wave-hello")
    );
    let reply = send(
        "GET",
        "/scaiwave/v1/rooms/general/messages?limit=0",
        None,
        &[ID],
    );
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}}"#
    );
    // Exactly 64 KB is within the limit ("> 64 KB" is refused).
    let text = "x".repeat(64 * 1024 - br#"{"text":""}"#.len());
    let body = format!(r#"{{"text":"{text}"}}"#);
    assert_eq!(body.len(), 64 * 1024);
    let reply = send(
        "POST",
        "/scaiwave/v1/rooms/general/messages",
        Some(body.as_bytes()),
        &[ID],
    );
    assert_eq!(reply.status, 201);
    let body = format!(r#"{{"text":"{text}x"}}"#);
    let reply = send(
        "POST",
        "/scaiwave/v1/rooms/general/messages",
        Some(body.as_bytes()),
        &[ID],
    );
    assert_eq!(reply.status, 413);
}

// ---------------------------------------------------------------------------------------
// ScaiGrid

#[test]
fn scaigrid_models_and_completions() {
    let reply = send("GET", "/scaigrid/v1/models/gpt-9", None, &[ID]);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.text(),
        r#"{"status":"error","error":{"code":"MODEL_NOT_FOUND","message":"no model 'gpt-9'","details":[{"field":"model","message":"no model 'gpt-9'","value":"gpt-9"}]},"meta":{"request_id":"req_matrix"}}"#
    );
    let list = send("GET", "/scaigrid/v1/models", None, &[ID]);
    assert_eq!(list.json()["data"].as_array().unwrap().len(), 2);

    let chat = |body: &[u8]| {
        send(
            "POST",
            "/scaigrid/v1/chat/completions",
            Some(body),
            &[ID, ("authorization", "Bearer grid-chat")],
        )
    };
    let ok = chat(br#"{"model":"scai-smart","messages":[{"role":"user","content":"ping"}]}"#);
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(
        ok.json()["data"]["choices"][0]["message"]["content"],
        "You said: ping"
    );
    assert_eq!(ok.json()["meta"]["request_id"], "req_matrix");

    let reply = chat(br#"{"model":"scai-smart","messages":[]}"#);
    assert_eq!(
        reply.text(),
        r#"{"status":"error","error":{"code":"VALIDATION_ERROR","message":"request body didn't match the schema","details":[{"field":"body.messages","message":"must contain at least 1 item"}]},"meta":{"request_id":"req_matrix"}}"#
    );
    let reply = chat(br#"{"model":"scai-smart","messages":[{"role":"bot","content":"x"}]}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.json()["error"]["details"],
        json!([{"field": "body.messages[0].role", "message": "Input should be 'system', 'user' or 'assistant'"}])
    );
    let reply = chat(br#"{"model":"gpt-9","messages":[{"role":"user","content":"x"}]}"#);
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["error"]["code"], "MODEL_NOT_FOUND");

    // RFC 9457 when asked for, for the framework's failures too.
    let reply = send(
        "GET",
        "/scaigrid/v1/nope",
        None,
        &[ID, ("accept", "application/problem+json")],
    );
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("vary"), Some("accept"));
    assert_eq!(
        reply.text(),
        r#"{"type":"https://docs.example.com/scaigrid/errors/NOT_FOUND","title":"Not Found","status":404,"detail":"Not Found","instance":"/scaigrid/v1/nope","code":"NOT_FOUND"}"#
    );
}

/// 3 completions per minute per `Authorization`: the 4th is a 429 `RATE_LIMITED` whose
/// `retry_after` is the `Retry-After` header; another caller, and the models, are not
/// limited.
#[test]
fn scaigrid_rate_limits_completions() {
    matrix::scaigrid_rate_limits_completions(tight());
}

// ---------------------------------------------------------------------------------------
// ScaiDrive

#[test]
fn scaidrive_folders_and_files() {
    let create = |body: &[u8]| send("POST", "/scaidrive/v1/folders", Some(body), &[ID]);
    let first = create(br#"{"name":"Drive Q4","quota_mb":100,"shared":true}"#);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["name"], "Drive Q4");
    assert_eq!(first.json()["quota_mb"], 100);
    assert_eq!(first.json()["shared"], true);
    let again = create(br#"{"name":"Drive Q4","quota_mb":5,"shared":false}"#);
    assert_eq!(again.status, 409);
    assert_eq!(
        again.text(),
        r#"{"detail":"An item named 'Drive Q4' already exists in this folder"}"#
    );

    // Every failing field, as Pydantic reports them.
    let reply = create(br#"{"name":"","quota_mb":2048,"shared":false}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.json(),
        json!({"detail": [
            {"type": "string_too_short", "loc": ["body", "name"], "msg": "String should have at least 1 character", "input": "", "ctx": {"min_length": 1}},
            {"type": "less_than_equal", "loc": ["body", "quota_mb"], "msg": "Input should be less than or equal to 1024", "input": 2048, "ctx": {"le": 1024}},
        ]})
    );
    let long = format!(
        r#"{{"name":"{}","quota_mb":-1,"shared":false}}"#,
        "n".repeat(256)
    );
    let reply = create(long.as_bytes());
    let detail = reply.json()["detail"].clone();
    assert_eq!(detail[0]["type"], "string_too_long");
    assert_eq!(
        detail[0]["msg"],
        "String should have at most 255 characters"
    );
    assert_eq!(detail[0]["ctx"], json!({"max_length": 255}));
    assert_eq!(
        detail[1],
        json!({"type": "greater_than_equal", "loc": ["body", "quota_mb"], "msg": "Input should be greater than or equal to 0", "input": -1, "ctx": {"ge": 0}})
    );
    let reply = create(br#"{"name":"x","quota_mb":1}"#);
    assert_eq!(
        reply.json(),
        json!({"detail": [{"type": "missing", "loc": ["body", "shared"], "msg": "Field required", "input": {"name": "x", "quota_mb": 1}}]})
    );

    let reply = send("GET", "/scaidrive/v1/files/99", None, &[ID]);
    assert_eq!(reply.status, 404);
    assert_eq!(reply.text(), r#"{"detail":"File not found"}"#);
    let page = send("GET", "/scaidrive/v1/files?limit=1", None, &[ID]);
    assert_eq!(
        page.json(),
        json!({"items": [{"id": 1, "name": "welcome.txt", "size": 312}], "total": 2})
    );
    assert_eq!(
        send("GET", "/scaidrive/v1/files", None, &[ID]).json()["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    for (limit, entry) in [
        (
            "201",
            json!({"type": "less_than_equal", "loc": ["query", "limit"], "msg": "Input should be less than or equal to 200", "input": "201", "ctx": {"le": 200}}),
        ),
        (
            "0",
            json!({"type": "greater_than_equal", "loc": ["query", "limit"], "msg": "Input should be greater than or equal to 1", "input": "0", "ctx": {"ge": 1}}),
        ),
    ] {
        let reply = send(
            "GET",
            &format!("/scaidrive/v1/files?limit={limit}"),
            None,
            &[ID],
        );
        assert_eq!(reply.status, 422);
        assert_eq!(reply.json(), json!({"detail": [entry]}));
    }
}

// ---------------------------------------------------------------------------------------
// ScaiKey

#[test]
fn scaikey_secrets() {
    let auth = ("authorization", "Bearer key-secrets");
    let put = |path: &str, headers: &[(&str, &str)]| {
        send(
            "PUT",
            &format!("/scaikey/v1/secrets/{path}"),
            Some(br#"{"value":"v1"}"#),
            headers,
        )
    };

    // 401 without a credential, or with one that is not a bearer token.
    let reply = send("GET", "/scaikey/v1/secrets/demo", None, &[ID]);
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"authentication_required","message":"Missing Authorization header","request_id":"req_matrix"}}"#
    );
    assert!(reply.header("x-ratelimit-limit").is_some());
    let reply = send(
        "GET",
        "/scaikey/v1/secrets/demo",
        None,
        &[ID, ("authorization", "Basic dTpw")],
    );
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json()["error"]["code"], "token_invalid");
    // Checked before the body.
    assert_eq!(
        send("PUT", "/scaikey/v1/secrets/x", Some(b"{"), &[ID]).status,
        401
    );

    // 400 for a path off the rules.
    for bad in [
        "a//b",
        "a/../b",
        "a/./b",
        "sp%20ace",
        "caf%C3%A9",
        "trailing/",
    ] {
        let reply = send(
            "GET",
            &format!("/scaikey/v1/secrets/{bad}"),
            None,
            &[ID, auth],
        );
        assert_eq!(reply.status, 400, "{bad}: {}", reply.text());
        assert_eq!(reply.json()["error"]["code"], "invalid_path", "{bad}");
    }
    let reply = put("a//b", &[ID, auth]);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"invalid_path","message":"Invalid secret path 'a//b'","details":{"path":"a//b"},"request_id":"req_matrix"}}"#
    );

    // 409 for a live secret.
    let reply = put("demo", &[ID, auth]);
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"name_conflict","message":"Name 'demo' is already taken","details":{"name":"demo"},"request_id":"req_matrix"}}"#
    );

    // Create, read, delete; the deleted path is retained: 404 to read, 409 to write.
    let path = "envs/test/key-secrets";
    let created = put(path, &[ID, auth]);
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(
        created.json(),
        json!({"path": path, "value": "v1", "version": 1})
    );
    let read = send(
        "GET",
        &format!("/scaikey/v1/secrets/{path}"),
        None,
        &[ID, auth],
    );
    assert_eq!(read.json()["value"], "v1");
    let deleted = send(
        "DELETE",
        &format!("/scaikey/v1/secrets/{path}"),
        None,
        &[ID, auth],
    );
    assert_eq!(deleted.status, 204);
    assert!(deleted.header("x-ratelimit-remaining").is_some());
    let gone = send(
        "GET",
        &format!("/scaikey/v1/secrets/{path}"),
        None,
        &[ID, auth],
    );
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.text(),
        format!(
            r#"{{"error":{{"code":"secret_not_found","message":"Secret '{path}' not found","details":{{"path":"{path}"}},"request_id":"req_matrix"}}}}"#
        )
    );
    let retained = put(path, &[ID, auth]);
    assert_eq!(retained.status, 409);
    let error = &retained.json()["error"];
    assert_eq!(error["code"], "secret_exists");
    assert_eq!(error["details"]["path"], path);
    let purge_after = error["details"]["purge_after"].as_str().unwrap().to_owned();
    assert!(
        purge_after.len() == 20 && purge_after.ends_with('Z'),
        "{purge_after}"
    );
    assert_eq!(
        error["message"],
        format!("Secret '{path}' is soft-deleted and retained until {purge_after}")
    );
    assert_eq!(
        send(
            "DELETE",
            &format!("/scaikey/v1/secrets/{path}"),
            None,
            &[ID, auth]
        )
        .status,
        404
    );

    // A body of the wrong shape: 422 with details.fields.
    let reply = send(
        "PUT",
        "/scaikey/v1/secrets/shape",
        Some(br#"{"value":7}"#),
        &[ID, auth],
    );
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"validation_error","message":"The request body is invalid","details":{"fields":[{"field":"body.value","message":"Input should be a valid string","code":"string_type"}]},"request_id":"req_matrix"}}"#
    );
}

/// 3 requests per minute per `Authorization`, with `X-RateLimit-*` on every response
/// (successes included); the 4th is a 429 `rate_limited` with `Retry-After`, and a
/// negotiated problem document keeps `X-Request-ID`, `X-RateLimit-*` and `Retry-After`.
#[test]
fn scaikey_rate_limits_every_route() {
    matrix::scaikey_rate_limits_every_route(tight());
}

/// A negotiated problem document on ScaiKey keeps its headers for any error.
#[test]
fn scaikey_problem_documents_keep_the_headers() {
    let reply = send(
        "GET",
        "/scaikey/v1/secrets/nothing-here",
        None,
        &[ID, AUTH, ("accept", "application/problem+json")],
    );
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("x-request-id"), Some("req_matrix"));
    assert_eq!(reply.header("x-ratelimit-limit"), Some("1000000"));
    assert_eq!(
        reply.json(),
        json!({
            "type": "https://docs.example.com/scaikey/errors/secret_not_found",
            "title": "Not Found",
            "status": 404,
            "detail": "Secret 'nothing-here' not found",
            "instance": "/scaikey/v1/secrets/nothing-here",
            "code": "secret_not_found",
            "path": "nothing-here",
        })
    );
}

// ---------------------------------------------------------------------------------------
// Sonny Labs

#[test]
fn sonny_scans_and_idempotency() {
    let create = |key: Option<&str>, body: &[u8]| {
        let mut headers = vec![ID];
        if let Some(key) = key {
            headers.push(("idempotency-key", key));
        }
        send("POST", "/sonny/v1/scans", Some(body), &headers)
    };
    let first = create(Some("idem-1"), br#"{"target":"https://a.example"}"#);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["state"], "queued");
    assert_eq!(first.header("idempotent-replayed"), None);
    let replay = create(Some("idem-1"), br#"{"target":"https://a.example"}"#);
    assert_eq!(replay.status, 201);
    assert_eq!(replay.text(), first.text());
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    let id = first.json()["id"].as_str().unwrap().to_owned();
    let read = send("GET", &format!("/sonny/v1/scans/{id}"), None, &[ID]);
    assert_eq!(read.text(), first.text());

    let mismatch = create(Some("idem-1"), br#"{"target":"https://b.example"}"#);
    assert_eq!(mismatch.status, 409);
    assert_eq!(
        mismatch.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(
        mismatch.text(),
        r#"{"type":"https://docs.example.com/sonny/errors/idempotency.key_reuse_mismatch","title":"The same Idempotency-Key was reused with a different request body.","status":409,"detail":"Idempotency-Key 'idem-1' was used with a different body","instance":"/sonny/v1/scans","code":"idempotency.key_reuse_mismatch","idempotency_key":"idem-1"}"#
    );

    // Without a key, each request is a new scan.
    let a = create(None, br#"{"target":"https://c.example"}"#);
    let b = create(None, br#"{"target":"https://c.example"}"#);
    assert_ne!(a.json()["id"], b.json()["id"]);

    let blank = create(None, br#"{"target":"  "}"#);
    assert_eq!(blank.status, 400);
    assert_eq!(blank.json()["code"], "validation.body_invalid");
    assert_eq!(
        blank.json()["errors"],
        json!([{"detail": "must not be blank", "pointer": "#/target"}])
    );
    let missing = create(None, br"{}");
    assert_eq!(missing.json()["code"], "validation.body_invalid");
    assert_eq!(
        missing.json()["errors"],
        json!([{"detail": "Field required", "pointer": "#/target"}])
    );

    let unknown = send("GET", "/sonny/v1/scans/scn_404", None, &[ID]);
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.text(),
        r#"{"type":"https://docs.example.com/sonny/errors/scans.not_found","title":"The scan id did not resolve in the principal's org.","status":404,"detail":"Scan scn_404 not found","instance":"/sonny/v1/scans/scn_404","code":"scans.not_found","scan_id":"scn_404"}"#
    );
}

#[test]
fn sonny_users_paginate_with_cursors() {
    let page = |query: &str| send("GET", &format!("/sonny/v1/users{query}"), None, &[ID]);
    let first = page("?limit=2");
    assert_eq!(first.status, 200);
    let ids = |reply: &Reply| -> Vec<String> {
        reply.json()["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&first), ["usr_1", "usr_2"]);
    let cursor = first.json()["next_cursor"].as_str().unwrap().to_owned();
    let second = page(&format!("?limit=2&cursor={cursor}"));
    assert_eq!(ids(&second), ["usr_3", "usr_4"]);
    let cursor = second.json()["next_cursor"].as_str().unwrap().to_owned();
    let last = page(&format!("?limit=2&cursor={cursor}"));
    assert_eq!(ids(&last), ["usr_5"]);
    assert_eq!(last.json()["next_cursor"], serde_json::Value::Null);
    assert_eq!(ids(&page("")).len(), 5);

    let bad = page("?cursor=not-a-cursor");
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.text(),
        r#"{"type":"https://docs.example.com/sonny/errors/users.invalid_cursor","title":"The opaque pagination cursor on /v1/users could not be decoded.","status":400,"detail":"Cursor 'not-a-cursor' could not be decoded","instance":"/sonny/v1/users","code":"users.invalid_cursor","cursor":"not-a-cursor"}"#
    );
    let range = page("?limit=500");
    assert_eq!(range.status, 400);
    assert_eq!(range.json()["code"], "users.invalid_param");
    assert_eq!(
        range.json()["errors"],
        json!([{"detail": "must be between 1 and 100", "pointer": "#/query/limit"}])
    );
}

/// A `json_invalid` entry is located where Pydantic / Python's `json` locate it: the end
/// of a truncated body, the first byte of a token that could not be read. FastAPI
/// answers `{"name":` with `loc: ["body", 8]` and `{"name": nope}` with `["body", 9]`.
#[test]
fn json_invalid_positions_are_fastapis() {
    for (body, at) in [(&br#"{"name":"#[..], 8), (&br#"{"name": nope}"#[..], 9)] {
        let reply = send("POST", "/scaidrive/v1/folders", Some(body), &[ID]);
        assert_eq!(reply.status, 422);
        assert_eq!(
            reply.json()["detail"][0]["loc"],
            json!(["body", at]),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

/// An unparseable body's `json_invalid` location is a byte offset, not a place in the
/// body: its RFC 9457 `errors` entry carries no `pointer` (RFC 6901 into the body).
#[test]
fn problem_errors_of_an_unparseable_body_have_no_pointer() {
    let reply = send("POST", "/sonny/v1/scans", Some(UNPARSEABLE), &[ID]);
    assert_eq!(reply.status, 400);
    let pointer = &reply.json()["errors"][0]["pointer"];
    assert!(
        pointer.is_null(),
        "a byte offset is not a JSON pointer: {pointer}"
    );
}

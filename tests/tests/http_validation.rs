//! Validated input over loopback HTTP, for the four products other than ScaiDrive (whose
//! answers are compared with FastAPI's in `http_fastapi.rs`): the same kinds of bad
//! request give **every** failing field in the product's own shape (ScaiWave
//! `error.details` in Pydantic's entries, ScaiGrid `details[{field,message}]`, ScaiKey
//! `details.fields`, Sonny's `errors` extension with JSON pointers), and any JSON body
//! sent to any product's body endpoint gets a success or a valid validation envelope.

mod http_support;

use api_envelope::client::WireFormat;
use http_support::{Reply, base, send_to};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde_json::Value;

const ID: (&str, &str) = ("x-request-id", "req_validation");
const AUTH: (&str, &str) = ("authorization", "Bearer validation");

fn send(method: &str, path: &str, body: Option<&str>) -> Reply {
    send_to(base(), method, path, body.map(str::as_bytes), &[ID, AUTH])
}

/// A request and its exact answer: method, path, body; status, content type, body.
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    u16,
    &'static str,
    &'static str,
);

#[test]
fn every_failing_field_in_each_products_shape() {
    let cases: [Case; 12] = [
        (
            "POST",
            "/scaiwave/v1/rooms/general/messages",
            Some(r#"{"extra":1}"#),
            422,
            "application/json",
            r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"missing","loc":["body","text"],"msg":"Field required","input":{"extra":1}}]}}"#,
        ),
        (
            "GET",
            "/scaiwave/v1/rooms/general/messages?limit=0",
            None,
            422,
            "application/json",
            r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}}"#,
        ),
        (
            "POST",
            "/scaigrid/v1/chat/completions",
            Some(r#"{"messages":[{"role":1},5]}"#),
            422,
            "application/json",
            r#"{"status":"error","error":{"code":"VALIDATION_ERROR","message":"request body didn't match the schema","details":[{"field":"body.model","message":"Field required"},{"field":"body.messages[0].role","message":"Input should be 'system', 'user' or 'assistant'"},{"field":"body.messages[0].content","message":"Field required"},{"field":"body.messages[1]","message":"Input should be a valid dictionary or object to extract fields from"}]},"meta":{"request_id":"req_validation"}}"#,
        ),
        (
            "POST",
            "/scaigrid/v1/chat/completions",
            Some(r#"{"model":7,"messages":"hi"}"#),
            422,
            "application/json",
            r#"{"status":"error","error":{"code":"VALIDATION_ERROR","message":"request body didn't match the schema","details":[{"field":"body.model","message":"Input should be a valid string"},{"field":"body.messages","message":"Input should be a valid list"}]},"meta":{"request_id":"req_validation"}}"#,
        ),
        (
            "PUT",
            "/scaikey/v1/secrets/validation",
            Some(r#"{"value":[1]}"#),
            422,
            "application/json",
            r#"{"error":{"code":"validation_error","message":"The request body is invalid","details":{"fields":[{"field":"body.value","message":"Input should be a valid string","code":"string_type"}]},"request_id":"req_validation"}}"#,
        ),
        (
            "POST",
            "/sonny/v1/scans",
            Some(r#"{"target":null}"#),
            400,
            "application/problem+json",
            r##"{"type":"https://docs.example.com/sonny/errors/validation.body_invalid","title":"Request body parsed as JSON but failed bean-validation rules.","status":400,"detail":"Request body is invalid","instance":"/sonny/v1/scans","code":"validation.body_invalid","errors":[{"detail":"Input should be a valid string","pointer":"#/target"}]}"##,
        ),
        (
            "POST",
            "/sonny/v1/scans",
            Some("[]"),
            400,
            "application/problem+json",
            r##"{"type":"https://docs.example.com/sonny/errors/validation.body_invalid","title":"Request body parsed as JSON but failed bean-validation rules.","status":400,"detail":"Request body is invalid","instance":"/sonny/v1/scans","code":"validation.body_invalid","errors":[{"detail":"Input should be a valid dictionary or object to extract fields from","pointer":"#"}]}"##,
        ),
        (
            "GET",
            "/sonny/v1/users?limit=abc",
            None,
            400,
            "application/problem+json",
            r##"{"type":"https://docs.example.com/sonny/errors/validation.parameter_type_mismatch","title":"A query or path parameter could not be converted to the expected type.","status":400,"detail":"A request parameter is invalid","instance":"/sonny/v1/users","code":"validation.parameter_type_mismatch","errors":[{"detail":"Input should be a valid integer, unable to parse string as an integer","pointer":"#/query/limit"}]}"##,
        ),
        // Type errors and broken constraints in one list, in field order.
        (
            "POST",
            "/scaigrid/v1/chat/completions",
            Some(r#"{"model":7,"messages":[]}"#),
            422,
            "application/json",
            r#"{"status":"error","error":{"code":"VALIDATION_ERROR","message":"request body didn't match the schema","details":[{"field":"body.model","message":"Input should be a valid string"},{"field":"body.messages","message":"must contain at least 1 item"}]},"meta":{"request_id":"req_validation"}}"#,
        ),
        // A rule of the product's own (`@NotBlank`), its type and message.
        (
            "POST",
            "/sonny/v1/scans",
            Some(r#"{"target":"  "}"#),
            400,
            "application/problem+json",
            r##"{"type":"https://docs.example.com/sonny/errors/validation.body_invalid","title":"Request body parsed as JSON but failed bean-validation rules.","status":400,"detail":"Request body is invalid","instance":"/sonny/v1/scans","code":"validation.body_invalid","errors":[{"detail":"must not be blank","pointer":"#/target"}]}"##,
        ),
        // A parameter that converts but breaks its range: the endpoint's own code,
        // found before the cursor is read.
        (
            "GET",
            "/sonny/v1/users?limit=0&cursor=zz",
            None,
            400,
            "application/problem+json",
            r##"{"type":"https://docs.example.com/sonny/errors/users.invalid_param","title":"A query parameter on the users endpoints failed validation.","status":400,"detail":"Invalid user query parameters","instance":"/sonny/v1/users","code":"users.invalid_param","errors":[{"detail":"must be between 1 and 100","pointer":"#/query/limit"}]}"##,
        ),
        (
            "POST",
            "/scaiwave/v1/rooms/general/messages",
            Some(r#"{"text":5}"#),
            422,
            "application/json",
            r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"string_type","loc":["body","text"],"msg":"Input should be a valid string","input":5}]}}"#,
        ),
    ];
    for (method, path, body, status, content_type, want) in cases {
        let reply = send(method, path, body);
        let what = format!("{method} {path} {body:?}");
        assert_eq!(reply.status.as_u16(), status, "{what}: {}", reply.text());
        assert_eq!(reply.header("content-type"), Some(content_type), "{what}");
        assert_eq!(
            reply.header("x-request-id"),
            Some("req_validation"),
            "{what}"
        );
        assert_eq!(reply.text(), want, "{what}");
    }
}

/// A product's body endpoint and what it may answer.
struct Endpoint {
    method: &'static str,
    path: &'static str,
    wire: WireFormat,
    /// Statuses of a request the backend accepted or refused for its own reasons.
    ok: &'static [u16],
    /// The status and code of an invalid body (`None`: ScaiDrive's has no code).
    invalid: (u16, Option<&'static str>),
    /// The status and code of a body that is not JSON.
    malformed: (u16, Option<&'static str>),
}

const ENDPOINTS: [Endpoint; 5] = [
    Endpoint {
        method: "POST",
        path: "/scaiwave/v1/rooms/general/messages",
        wire: WireFormat::ScaiWave,
        ok: &[201],
        invalid: (422, Some("SW_VALIDATION_ERROR")),
        malformed: (422, Some("SW_VALIDATION_ERROR")),
    },
    Endpoint {
        method: "POST",
        path: "/scaigrid/v1/chat/completions",
        wire: WireFormat::ScaiGrid,
        ok: &[200, 404],
        invalid: (422, Some("VALIDATION_ERROR")),
        malformed: (422, Some("VALIDATION_ERROR")),
    },
    Endpoint {
        method: "POST",
        path: "/scaidrive/v1/folders",
        wire: WireFormat::ScaiDrive,
        ok: &[201, 409],
        invalid: (422, None),
        malformed: (422, None),
    },
    Endpoint {
        method: "PUT",
        path: "/scaikey/v1/secrets/prop",
        wire: WireFormat::ScaiKey,
        ok: &[201, 409],
        invalid: (422, Some("validation_error")),
        malformed: (400, Some("invalid_request")),
    },
    Endpoint {
        method: "POST",
        path: "/sonny/v1/scans",
        wire: WireFormat::Problem,
        ok: &[201],
        invalid: (400, Some("validation.body_invalid")),
        malformed: (400, Some("validation.body_unparseable")),
    },
];

/// Checks one answer of `endpoint` to `body`.
fn check(endpoint: &Endpoint, body: &str, json: bool) {
    let reply = send(endpoint.method, endpoint.path, Some(body));
    let status = reply.status.as_u16();
    let what = format!("{} {} {body:?}", endpoint.method, endpoint.path);
    if endpoint.ok.contains(&status) {
        return;
    }
    let (want_status, want_code) = if json {
        endpoint.invalid
    } else {
        endpoint.malformed
    };
    assert_eq!(status, want_status, "{what}: {}", reply.text());
    let remote = reply.remote();
    assert_eq!(
        remote.format,
        Some(endpoint.wire),
        "{what}: {}",
        reply.text()
    );
    assert_eq!(
        remote.code.as_deref(),
        want_code,
        "{what}: {}",
        reply.text()
    );
    assert!(
        !remote.violations.is_empty(),
        "{what}: no violation: {}",
        reply.text()
    );
    assert_eq!(
        reply.header("x-request-id"),
        Some("req_validation"),
        "{what}"
    );
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-2_000i32..2_000).prop_map(|i| Value::from(f64::from(i) / 4.0)),
        "[a-z0-9 ]{0,8}".prop_map(Value::String),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("text".to_owned()),
        Just("model".to_owned()),
        Just("messages".to_owned()),
        Just("role".to_owned()),
        Just("content".to_owned()),
        Just("name".to_owned()),
        Just("quota_mb".to_owned()),
        Just("shared".to_owned()),
        Just("value".to_owned()),
        Just("target".to_owned()),
        "[a-z]{1,6}",
    ];
    json_leaf().prop_recursive(3, 24, 5, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(key.clone(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_json_body_is_answered_or_refused_in_the_products_envelope(body in json()) {
        let text = body.to_string();
        for endpoint in &ENDPOINTS {
            check(endpoint, &text, true);
        }
    }

    #[test]
    fn any_text_that_is_not_json_is_the_products_malformed_body(text in "[a-z{}\\[\\]\",: ]{1,24}") {
        prop_assume!(serde_json::from_str::<Value>(&text).is_err());
        for endpoint in &ENDPOINTS {
            check(endpoint, &text, false);
        }
    }
}

#[test]
fn hostile_bodies_get_capped_answers() {
    // 30 000 failing elements (under the 64 KB body limit): the first 100 reported.
    let messages = vec!["1"; 30_000].join(",");
    let body = format!(r#"{{"model":"scai-fast","messages":[{messages}]}}"#);
    let reply = send("POST", "/scaigrid/v1/chat/completions", Some(&body));
    assert_eq!(reply.status.as_u16(), 422);
    let details = reply.json()["error"]["details"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(details, api_envelope::input::MAX_VIOLATIONS);
    assert!(reply.body.len() < 16 * 1024, "{} bytes", reply.body.len());

    // A 60 KB string where a string is not expected: echoed cut to the input cap.
    let long = "x".repeat(60_000);
    let body = format!(r#"{{"text":["{long}"]}}"#);
    let reply = send("POST", "/scaiwave/v1/rooms/general/messages", Some(&body));
    assert_eq!(reply.status.as_u16(), 422);
    let input = &reply.json()["error"]["details"][0]["input"];
    let echoed = input[0].as_str().unwrap_or("");
    assert!(echoed.len() <= api_envelope::input::MAX_INPUT_BYTES && !echoed.is_empty());

    // Over the body limit: the product's 413, nothing read.
    let big = format!(r#"{{"text":"{}"}}"#, "x".repeat(70_000));
    let reply = send("POST", "/scaiwave/v1/rooms/general/messages", Some(&big));
    assert_eq!(reply.status.as_u16(), 413);
    assert_eq!(reply.json()["error"]["code"], "SW_CONTENT_TOO_LARGE");
}

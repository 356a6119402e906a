//! Every built-in format, byte for byte, on a hand-written `ApiError` (no derive).

mod common;

use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::{ApiError, Context, Format};
use common::{HandError, cases};

/// Status, every header as `name: value` (sorted), and the body.
fn render(
    err: &dyn ApiError,
    format: &dyn Format,
    ctx: &Context<'_>,
) -> (u16, Vec<String>, String) {
    let res = err.to_response(format, ctx);
    let mut headers: Vec<String> = res
        .headers()
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap()))
        .collect();
    headers.sort();
    let body = String::from_utf8(res.body().clone()).unwrap();
    // The body written alone is the same.
    let mut alone = Vec::new();
    err.write_body(format, ctx, &mut alone).unwrap();
    if ctx.get_request_id().is_some() {
        assert_eq!(alone, res.body().as_slice());
    }
    serde_json::from_str::<serde_json::Value>(&body).expect("valid JSON");
    (res.status().as_u16(), headers, body)
}

fn ctx() -> Context<'static> {
    Context::new().request_id("req_1").instance("/v1/rooms/1")
}

fn check(format: &dyn Format, expected: &[(&str, u16, &[&str], &str)]) {
    let ctx = ctx();
    let cases = cases();
    assert_eq!(cases.len(), expected.len());
    for ((name, err), (ename, status, headers, body)) in cases.iter().zip(expected) {
        assert_eq!(name, ename);
        let (s, h, b) = render(err, format, &ctx);
        assert_eq!(b, *body, "body of {name}");
        assert_eq!(s, *status, "status of {name}");
        assert_eq!(h, *headers, "headers of {name}");
    }
}

const JSON: &str = "content-type: application/json";

#[test]
fn scaiwave() {
    check(
        &ScaiWave,
        &[
            (
                "plain",
                409,
                &[JSON],
                r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed"}}"#,
            ),
            (
                "detail",
                404,
                &[JSON],
                r#"{"error":{"code":"SW_NOTE_NOT_FOUND","message":"note 'a/b' not found","details":{"path":"a/b"}}}"#,
            ),
            (
                "violations",
                422,
                &[JSON],
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"missing","loc":["body","name"],"msg":"Field required"},{"type":"string_too_short","loc":["body","items",0],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}}"#,
            ),
            (
                "retry",
                429,
                &[JSON],
                r#"{"error":{"code":"SW_RATE_LIMIT_EXCEEDED","message":"slow down for 30s"}}"#,
            ),
            (
                "internal",
                500,
                &[JSON],
                r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Bug.","request_id":"req_1"}}"#,
            ),
            (
                "upstream503",
                503,
                &[JSON],
                r#"{"error":{"code":"SW_UPSTREAM_UNAVAILABLE","message":"A downstream dependency is unreachable.","request_id":"req_1"}}"#,
            ),
        ],
    );
}

#[test]
fn scaigrid() {
    check(
        &ScaiGrid,
        &[
            (
                "plain",
                409,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed"},"meta":{"request_id":"req_1"}}"#,
            ),
            (
                "detail",
                404,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_NOTE_NOT_FOUND","message":"note 'a/b' not found","details":[{"field":"path","message":"note 'a/b' not found","value":"a/b"}]},"meta":{"request_id":"req_1"}}"#,
            ),
            (
                "violations",
                422,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"field":"body.name","message":"Field required"},{"field":"body.items[0]","message":"String should have at least 1 character"}]},"meta":{"request_id":"req_1"}}"#,
            ),
            (
                "retry",
                429,
                &[JSON, "retry-after: 30"],
                r#"{"status":"error","error":{"code":"SW_RATE_LIMIT_EXCEEDED","message":"slow down for 30s","retry_after":30},"meta":{"request_id":"req_1"}}"#,
            ),
            (
                "internal",
                500,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_INTERNAL_ERROR","message":"Bug."},"meta":{"request_id":"req_1"}}"#,
            ),
            (
                "upstream503",
                503,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_UPSTREAM_UNAVAILABLE","message":"A downstream dependency is unreachable."},"meta":{"request_id":"req_1"}}"#,
            ),
        ],
    );
}

#[test]
fn scaidrive() {
    check(
        &ScaiDrive,
        &[
            ("plain", 409, &[JSON], r#"{"detail":"room r1 is closed"}"#),
            (
                "detail",
                404,
                &[JSON],
                r#"{"detail":"note 'a/b' not found"}"#,
            ),
            (
                "violations",
                422,
                &[JSON],
                r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required"},{"type":"string_too_short","loc":["body","items",0],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}"#,
            ),
            (
                "retry",
                429,
                &[JSON, "retry-after: 30"],
                r#"{"detail":"slow down for 30s"}"#,
            ),
            ("internal", 500, &[JSON], r#"{"detail":"Bug."}"#),
            (
                "upstream503",
                503,
                &[JSON],
                r#"{"detail":"A downstream dependency is unreachable."}"#,
            ),
        ],
    );
}

#[test]
fn scaikey() {
    const ID: &str = "x-request-id: req_1";
    check(
        &ScaiKey,
        &[
            (
                "plain",
                409,
                &[JSON, ID],
                r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed","request_id":"req_1"}}"#,
            ),
            (
                "detail",
                404,
                &[JSON, ID],
                r#"{"error":{"code":"SW_NOTE_NOT_FOUND","message":"note 'a/b' not found","details":{"path":"a/b"},"request_id":"req_1"}}"#,
            ),
            (
                "violations",
                422,
                &[JSON, ID],
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":{"fields":[{"field":"body.name","message":"Field required","code":"missing"},{"field":"body.items[0]","message":"String should have at least 1 character","code":"string_too_short"}]},"request_id":"req_1"}}"#,
            ),
            (
                "retry",
                429,
                &[JSON, "retry-after: 30", ID],
                r#"{"error":{"code":"SW_RATE_LIMIT_EXCEEDED","message":"slow down for 30s","request_id":"req_1"}}"#,
            ),
            (
                "internal",
                500,
                &[JSON, ID],
                r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Bug.","request_id":"req_1"}}"#,
            ),
            (
                "upstream503",
                503,
                &[JSON, ID],
                r#"{"error":{"code":"SW_UPSTREAM_UNAVAILABLE","message":"A downstream dependency is unreachable.","request_id":"req_1"}}"#,
            ),
        ],
    );
}

#[test]
fn problem() {
    const PJ: &str = "content-type: application/problem+json";
    check(
        &Problem::new("https://errors.example.com/"),
        &[
            (
                "plain",
                409,
                &[PJ],
                r#"{"type":"https://errors.example.com/SW_ROOM_FROZEN","title":"Closed or archived.","status":409,"detail":"room r1 is closed","instance":"/v1/rooms/1","code":"SW_ROOM_FROZEN"}"#,
            ),
            (
                "detail",
                404,
                &[PJ],
                r#"{"type":"https://errors.example.com/SW_NOTE_NOT_FOUND","title":"Not Found","status":404,"detail":"note 'a/b' not found","instance":"/v1/rooms/1","code":"SW_NOTE_NOT_FOUND","path":"a/b"}"#,
            ),
            (
                "violations",
                422,
                &[PJ],
                r##"{"type":"https://errors.example.com/SW_VALIDATION_ERROR","title":"Pydantic schema validation failed.","status":422,"detail":"request validation failed","instance":"/v1/rooms/1","code":"SW_VALIDATION_ERROR","errors":[{"detail":"Field required","pointer":"#/name"},{"detail":"String should have at least 1 character","pointer":"#/items/0"}]}"##,
            ),
            (
                "retry",
                429,
                &[PJ, "retry-after: 30"],
                r#"{"type":"https://errors.example.com/SW_RATE_LIMIT_EXCEEDED","title":"Tenant rate cap hit.","status":429,"detail":"slow down for 30s","instance":"/v1/rooms/1","code":"SW_RATE_LIMIT_EXCEEDED"}"#,
            ),
            (
                "internal",
                500,
                &[PJ],
                r#"{"type":"https://errors.example.com/SW_INTERNAL_ERROR","title":"Bug.","status":500,"detail":"Bug.","instance":"/v1/rooms/1","code":"SW_INTERNAL_ERROR"}"#,
            ),
            (
                "upstream503",
                503,
                &[PJ],
                r#"{"type":"https://errors.example.com/SW_UPSTREAM_UNAVAILABLE","title":"A downstream dependency is unreachable.","status":503,"detail":"A downstream dependency is unreachable.","instance":"/v1/rooms/1","code":"SW_UPSTREAM_UNAVAILABLE"}"#,
            ),
        ],
    );
}

#[test]
fn several_statuses_pick_the_chosen_one() {
    for (n, expected) in [(502, 502), (503, 503), (504, 502)] {
        let err = HandError::Upstream { status: n };
        assert_eq!(err.to_response(&ScaiWave, &ctx()).status(), expected);
    }
}

#[test]
fn scaikey_rate_limit_headers() {
    let ctx = ctx().rate_limit(100, 7, 1_700_000_000);
    let (_, headers, _) = render(
        &HandError::Frozen {
            room_id: "r".into(),
        },
        &ScaiKey,
        &ctx,
    );
    assert_eq!(
        headers,
        [
            JSON,
            "x-ratelimit-limit: 100",
            "x-ratelimit-remaining: 7",
            "x-ratelimit-reset: 1700000000",
            "x-request-id: req_1"
        ]
    );
    // The other formats do not send them.
    for format in [&ScaiWave as &dyn Format, &ScaiGrid, &ScaiDrive] {
        let (_, headers, _) = render(
            &HandError::Frozen {
                room_id: "r".into(),
            },
            format,
            &ctx,
        );
        assert_eq!(headers, [JSON]);
    }
}

#[test]
fn scaikey_and_scaigrid_generate_one_id_for_body_and_header() {
    let err = HandError::Frozen {
        room_id: "r".into(),
    };
    let res = err.to_response(&ScaiKey, &Context::new());
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(id.starts_with("req_") && id.len() == 20, "{id}");
    assert!(id[4..].bytes().all(|b| b.is_ascii_hexdigit()));
    let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(body["error"]["request_id"], id.as_str());
    let again = err.to_response(&ScaiKey, &Context::new());
    assert_ne!(again.headers()["x-request-id"], id.as_str());

    // An empty id counts as none.
    let res = err.to_response(&ScaiKey, &Context::new().request_id(""));
    assert!(
        res.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .starts_with("req_")
    );

    let res = err.to_response(&ScaiGrid, &Context::new());
    let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert!(
        body["meta"]["request_id"]
            .as_str()
            .unwrap()
            .starts_with("req_")
    );

    // Rendered by the format directly, the body still carries an id.
    let mut out = Vec::new();
    ScaiKey.write_body(&err, &Context::new(), &mut out).unwrap();
    let body: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(
        body["error"]["request_id"]
            .as_str()
            .unwrap()
            .starts_with("req_")
    );
}

#[test]
fn scaiwave_5xx_without_request_id_leaves_it_out() {
    let err = HandError::Internal(std::io::Error::other("boom"));
    let (_, _, body) = render(&err, &ScaiWave, &Context::new());
    assert_eq!(
        body,
        r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Bug."}}"#
    );
}

#[test]
fn problem_without_instance_leaves_it_out() {
    let err = HandError::Frozen {
        room_id: "r1".into(),
    };
    let (_, _, body) = render(&err, &Problem::new("urn:scai:"), &Context::new());
    assert_eq!(
        body,
        r#"{"type":"urn:scai:SW_ROOM_FROZEN","title":"Closed or archived.","status":409,"detail":"room r1 is closed","code":"SW_ROOM_FROZEN"}"#
    );
}

#[test]
fn retry_after_rounds_up() {
    let err = HandError::RateLimited {
        retry: std::time::Duration::from_millis(1500),
    };
    let res = err.to_response(&ScaiGrid, &ctx());
    assert_eq!(res.headers()["retry-after"], "2");
    let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(body["error"]["retry_after"], 2);
}

#[test]
fn dyn_and_boxed_errors_render_the_same() {
    let err = HandError::NoteMissing { path: "p".into() };
    let direct = err.to_response(&ScaiKey, &ctx());
    let as_dyn: &dyn ApiError = &err;
    assert_eq!(as_dyn.to_response(&ScaiKey, &ctx()).body(), direct.body());
    let boxed: Box<dyn ApiError + Send + Sync> =
        Box::new(HandError::NoteMissing { path: "p".into() });
    assert_eq!(boxed.to_response(&ScaiKey, &ctx()).body(), direct.body());
    let send: &(dyn ApiError + Send) = &err;
    let mut out = Vec::new();
    send.write_body(&ScaiKey, &ctx(), &mut out).unwrap();
    assert_eq!(out, *direct.body());
    // A format chosen at run time.
    let formats: [Box<dyn Format>; 2] = [Box::new(ScaiKey), Box::new(Problem::new("/e/"))];
    assert_eq!(err.to_response(&*formats[0], &ctx()).body(), direct.body());
}

#[test]
fn write_body_appends_and_truncates_on_failure() {
    let mut out = b"prefix".to_vec();
    HandError::Frozen {
        room_id: "r".into(),
    }
    .write_body(&ScaiDrive, &ctx(), &mut out)
    .unwrap();
    assert_eq!(out, br#"prefix{"detail":"room r is closed"}"#);
    let mut out = b"prefix".to_vec();
    let e = HandError::Broken
        .write_body(&ScaiKey, &ctx(), &mut out)
        .unwrap_err();
    assert!(e.to_string().contains("no"), "{e}");
    assert_eq!(out, b"prefix");
}

#[test]
fn to_response_falls_back_to_public_text_when_a_detail_fails() {
    for format in [
        &ScaiWave as &dyn Format,
        &ScaiGrid,
        &ScaiKey,
        &Problem::new("/e/"),
    ] {
        let res = HandError::Broken.to_response(format, &ctx());
        assert_eq!(res.status(), 400);
        let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
        let text = body.to_string();
        assert!(text.contains("SW_BROKEN"), "{text}");
        assert!(!text.contains("broken\""), "{text}");
        assert!(res.headers().contains_key("content-type"));
    }
}

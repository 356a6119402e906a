//! ScaiKey (seed 003), byte for byte, on a derived error, with its headers.

#[path = "format_common.rs"]
mod common;

use api_envelope::format::ScaiKey;
use api_envelope::{ApiError, Context};
use common::{JSON, RoomError, check, render};

const ID: &str = "x-request-id: req_42";

#[test]
fn the_six_cases() {
    check(
        &ScaiKey,
        &[
            (
                "plain",
                409,
                &[JSON, ID],
                r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r7 is closed","request_id":"req_42"}}"#,
            ),
            (
                "detail",
                404,
                &[JSON, ID],
                r#"{"error":{"code":"SW_NOTE_NOT_FOUND","message":"note 'docs/a.md' not found","details":{"path":"docs/a.md","version":3},"request_id":"req_42"}}"#,
            ),
            (
                "violations",
                422,
                &[JSON, ID],
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":{"fields":[{"field":"body.title","message":"Field required","code":"missing"},{"field":"body.tags[1]","message":"Input should be a valid string","code":"string_type"}]},"request_id":"req_42"}}"#,
            ),
            (
                "retry",
                429,
                &[JSON, "retry-after: 45", ID],
                r#"{"error":{"code":"SW_RATE_LIMIT_EXCEEDED","message":"slow down","request_id":"req_42"}}"#,
            ),
            (
                "source",
                500,
                &[JSON, ID],
                r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Bug.","request_id":"req_42"}}"#,
            ),
            (
                "several_statuses",
                503,
                &[JSON, ID],
                r#"{"error":{"code":"SW_UPSTREAM_UNAVAILABLE","message":"Try again shortly.","request_id":"req_42"}}"#,
            ),
        ],
    );
}

#[test]
fn rate_limit_headers_when_known() {
    let ctx = common::ctx().rate_limit(1000, 999, 1_760_000_000);
    let (_, headers, _) = render(
        &RoomError::Frozen {
            room_id: "r".into(),
        },
        &ScaiKey,
        &ctx,
    );
    assert_eq!(
        headers,
        [
            JSON,
            "x-ratelimit-limit: 1000",
            "x-ratelimit-remaining: 999",
            "x-ratelimit-reset: 1760000000",
            ID
        ]
    );
}

#[test]
fn request_id_generated_and_sanitised() {
    let err = RoomError::Frozen {
        room_id: "r".into(),
    };
    let res = err.to_response(&ScaiKey, &Context::new());
    let id = res.headers()["x-request-id"].to_str().unwrap();
    let v: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(v["error"]["request_id"], id);

    let res = err.to_response(&ScaiKey, &Context::new().request_id("req 1\r\n\u{e9}"));
    assert_eq!(res.headers()["x-request-id"], "req_1___");
    let v: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(v["error"]["request_id"], "req 1\r\n\u{e9}");
}

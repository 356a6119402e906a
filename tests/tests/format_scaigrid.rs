//! ScaiGrid (seed 001), byte for byte, on a derived error.

#[path = "format_common.rs"]
mod common;

use api_envelope::format::ScaiGrid;
use api_envelope::{ApiError, Context};
use common::{JSON, RoomError, check};

#[test]
fn the_six_cases() {
    check(
        &ScaiGrid,
        &[
            (
                "plain",
                409,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_ROOM_FROZEN","message":"room r7 is closed"},"meta":{"request_id":"req_42"}}"#,
            ),
            (
                "detail",
                404,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_NOTE_NOT_FOUND","message":"note 'docs/a.md' not found","details":[{"field":"path","message":"note 'docs/a.md' not found","value":"docs/a.md"},{"field":"version","message":"note 'docs/a.md' not found","value":3}]},"meta":{"request_id":"req_42"}}"#,
            ),
            (
                "violations",
                422,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"field":"body.title","message":"Field required"},{"field":"body.tags[1]","message":"Input should be a valid string"}]},"meta":{"request_id":"req_42"}}"#,
            ),
            (
                "retry",
                429,
                &[JSON, "retry-after: 45"],
                r#"{"status":"error","error":{"code":"SW_RATE_LIMIT_EXCEEDED","message":"slow down","retry_after":45},"meta":{"request_id":"req_42"}}"#,
            ),
            (
                "source",
                500,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_INTERNAL_ERROR","message":"Bug."},"meta":{"request_id":"req_42"}}"#,
            ),
            (
                "several_statuses",
                503,
                &[JSON],
                r#"{"status":"error","error":{"code":"SW_UPSTREAM_UNAVAILABLE","message":"Try again shortly."},"meta":{"request_id":"req_42"}}"#,
            ),
        ],
    );
}

#[test]
fn meta_request_id_is_generated_when_missing() {
    let res = RoomError::Frozen {
        room_id: "r".into(),
    }
    .to_response(&ScaiGrid, &Context::new());
    let v: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    let id = v["meta"]["request_id"].as_str().unwrap();
    assert!(id.starts_with("req_") && id.len() == 20, "{id}");
}

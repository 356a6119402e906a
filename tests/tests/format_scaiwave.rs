//! ScaiWave (seed 000), byte for byte, on a derived error.

#[path = "format_common.rs"]
mod common;

use api_envelope::format::ScaiWave;
use api_envelope::{ApiError, Context};
use common::{JSON, RoomError, check, render};

#[test]
fn the_six_cases() {
    check(
        &ScaiWave,
        &[
            (
                "plain",
                409,
                &[JSON],
                r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r7 is closed"}}"#,
            ),
            (
                "detail",
                404,
                &[JSON],
                r#"{"error":{"code":"SW_NOTE_NOT_FOUND","message":"note 'docs/a.md' not found","details":{"path":"docs/a.md","version":3}}}"#,
            ),
            (
                "violations",
                422,
                &[JSON],
                r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"request validation failed","details":[{"type":"missing","loc":["body","title"],"msg":"Field required"},{"type":"string_type","loc":["body","tags",1],"msg":"Input should be a valid string","input":5}]}}"#,
            ),
            (
                "retry",
                429,
                &[JSON],
                r#"{"error":{"code":"SW_RATE_LIMIT_EXCEEDED","message":"slow down"}}"#,
            ),
            (
                "source",
                500,
                &[JSON],
                r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Bug.","request_id":"req_42"}}"#,
            ),
            (
                "several_statuses",
                503,
                &[JSON],
                r#"{"error":{"code":"SW_UPSTREAM_UNAVAILABLE","message":"Try again shortly.","request_id":"req_42"}}"#,
            ),
        ],
    );
}

#[test]
fn the_other_declared_status_and_an_exposed_5xx() {
    let (status, _, body) = render(
        &RoomError::Upstream {
            host: "db-1".into(),
            status: 502,
        },
        &ScaiWave,
        &common::ctx(),
    );
    assert_eq!(status, 502);
    assert_eq!(
        body,
        r#"{"error":{"code":"SW_UPSTREAM_UNAVAILABLE","message":"Try again shortly.","request_id":"req_42"}}"#
    );
    let (status, _, body) = render(
        &RoomError::PluginTimeout {
            plugin: "search".into(),
        },
        &ScaiWave,
        &Context::new(),
    );
    assert_eq!(status, 504);
    assert_eq!(
        body,
        r#"{"error":{"code":"SW_PLUGIN_TIMEOUT","message":"plugin search timed out"}}"#
    );
}

#[test]
fn from_io_error_renders_without_its_text() {
    let err: RoomError = std::io::Error::other("connection refused to 10.0.0.5").into();
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(err);
    let res = boxed.to_response(&ScaiWave, &Context::new());
    assert_eq!(
        res.body().as_slice(),
        br#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Bug."}}"#
    );
}

//! RFC 9457 Problem Details (seed 004), byte for byte, on a derived error.

#[path = "format_common.rs"]
mod common;

use api_envelope::format::Problem;
use common::{cases, check, ctx};

const PJ: &str = "content-type: application/problem+json";
const BASE: &str = "https://docs.scai.example/errors/";

#[test]
fn the_six_cases() {
    check(
        &Problem::new(BASE),
        &[
            (
                "plain",
                409,
                &[PJ],
                r#"{"type":"https://docs.scai.example/errors/SW_ROOM_FROZEN","title":"Closed or archived.","status":409,"detail":"room r7 is closed","instance":"/v1/rooms/7","code":"SW_ROOM_FROZEN"}"#,
            ),
            (
                "detail",
                404,
                &[PJ],
                r#"{"type":"https://docs.scai.example/errors/SW_NOTE_NOT_FOUND","title":"Note not found.","status":404,"detail":"note 'docs/a.md' not found","instance":"/v1/rooms/7","code":"SW_NOTE_NOT_FOUND","path":"docs/a.md","version":3}"#,
            ),
            (
                "violations",
                422,
                &[PJ],
                r##"{"type":"https://docs.scai.example/errors/SW_VALIDATION_ERROR","title":"Pydantic schema validation failed.","status":422,"detail":"request validation failed","instance":"/v1/rooms/7","code":"SW_VALIDATION_ERROR","errors":[{"detail":"Field required","pointer":"#/title"},{"detail":"Input should be a valid string","pointer":"#/tags/1"}]}"##,
            ),
            (
                "retry",
                429,
                &[PJ, "retry-after: 45"],
                r#"{"type":"https://docs.scai.example/errors/SW_RATE_LIMIT_EXCEEDED","title":"Tenant rate cap hit.","status":429,"detail":"slow down","instance":"/v1/rooms/7","code":"SW_RATE_LIMIT_EXCEEDED"}"#,
            ),
            (
                "source",
                500,
                &[PJ],
                r#"{"type":"https://docs.scai.example/errors/SW_INTERNAL_ERROR","title":"Bug.","status":500,"detail":"Bug.","instance":"/v1/rooms/7","code":"SW_INTERNAL_ERROR"}"#,
            ),
            (
                "several_statuses",
                503,
                &[PJ],
                r#"{"type":"https://docs.scai.example/errors/SW_UPSTREAM_UNAVAILABLE","title":"A downstream dependency is unreachable.","status":503,"detail":"Try again shortly.","instance":"/v1/rooms/7","code":"SW_UPSTREAM_UNAVAILABLE"}"#,
            ),
        ],
    );
}

#[test]
fn status_member_equals_the_response_status() {
    for (_, err) in cases() {
        let res = api_envelope::ApiError::to_response(&err, &Problem::new(BASE), &ctx());
        let v: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
        assert_eq!(v["status"], res.status().as_u16());
        assert!(v["type"].as_str().unwrap().starts_with(BASE));
    }
}

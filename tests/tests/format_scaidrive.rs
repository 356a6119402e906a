//! ScaiDrive (seed 002), byte for byte, on a derived error: never a code.

#[path = "format_common.rs"]
mod common;

use api_envelope::format::ScaiDrive;
use common::{JSON, cases, check, ctx, render};

#[test]
fn the_six_cases() {
    check(
        &ScaiDrive,
        &[
            ("plain", 409, &[JSON], r#"{"detail":"room r7 is closed"}"#),
            (
                "detail",
                404,
                &[JSON],
                r#"{"detail":"note 'docs/a.md' not found"}"#,
            ),
            (
                "violations",
                422,
                &[JSON],
                r#"{"detail":[{"type":"missing","loc":["body","title"],"msg":"Field required"},{"type":"string_type","loc":["body","tags",1],"msg":"Input should be a valid string","input":5}]}"#,
            ),
            (
                "retry",
                429,
                &[JSON, "retry-after: 45"],
                r#"{"detail":"slow down"}"#,
            ),
            ("source", 500, &[JSON], r#"{"detail":"Bug."}"#),
            (
                "several_statuses",
                503,
                &[JSON],
                r#"{"detail":"Try again shortly."}"#,
            ),
        ],
    );
}

#[test]
fn never_a_code() {
    for (_, err) in cases() {
        let (_, _, body) = render(&err, &ScaiDrive, &ctx());
        assert!(!body.contains("SW_"), "{body}");
        assert!(!body.contains("req_42"), "{body}");
    }
}

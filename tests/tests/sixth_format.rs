//! A sixth format written with public API only: Google AIP-193,
//! `{"error":{"code":404,"message","status":"NOT_FOUND","details":[ErrorInfo]}}`.

#[path = "format_common.rs"]
mod common;

use api_envelope::format::{Details, Message, RenderError, write_json};
use api_envelope::{ApiError, Context, Format, http::HeaderValue, serde::Serialize};

/// Google AIP-193.
struct Aip193;

#[derive(Serialize)]
#[serde(crate = "api_envelope::serde")]
enum Envelope<'a> {
    #[serde(rename = "error")]
    Error {
        code: u16,
        message: Message<'a>,
        status: &'static str,
        details: [ErrorInfo<'a>; 1],
    },
}

#[derive(Serialize)]
#[serde(crate = "api_envelope::serde")]
struct ErrorInfo<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    reason: &'static str,
    metadata: Details<'a>,
}

impl Format for Aip193 {
    fn content_type(&self) -> HeaderValue {
        HeaderValue::from_static("application/json")
    }

    fn write_body(
        &self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        let (reason, metadata) = (err.code(), Details::new(err));
        let kind = "type.googleapis.com/google.rpc.ErrorInfo";
        let details = [ErrorInfo {
            kind,
            reason,
            metadata,
        }];
        let status = match err.status().as_u16() {
            400 | 422 => "INVALID_ARGUMENT",
            404 => "NOT_FOUND",
            429 => "RESOURCE_EXHAUSTED",
            500..=599 => "INTERNAL",
            _ => "FAILED_PRECONDITION",
        };
        let error = Envelope::Error {
            code: err.status().as_u16(),
            message: Message::new(err, ctx),
            status,
            details,
        };
        write_json(out, &error)
    }
}

#[test]
fn google_aip_193() {
    let expected = [
        r#"{"error":{"code":409,"message":"room r7 is closed","status":"FAILED_PRECONDITION","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SW_ROOM_FROZEN","metadata":{}}]}}"#,
        r#"{"error":{"code":404,"message":"note 'docs/a.md' not found","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SW_NOTE_NOT_FOUND","metadata":{"path":"docs/a.md","version":3}}]}}"#,
        r#"{"error":{"code":422,"message":"request validation failed","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SW_VALIDATION_ERROR","metadata":{}}]}}"#,
        r#"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SW_RATE_LIMIT_EXCEEDED","metadata":{}}]}}"#,
        r#"{"error":{"code":500,"message":"Bug.","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SW_INTERNAL_ERROR","metadata":{}}]}}"#,
        r#"{"error":{"code":503,"message":"Try again shortly.","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SW_UPSTREAM_UNAVAILABLE","metadata":{}}]}}"#,
    ];
    for ((name, err), body) in common::cases().iter().zip(expected) {
        let res = err.to_response(&Aip193, &common::ctx());
        assert_eq!(std::str::from_utf8(res.body()).unwrap(), body, "{name}");
        assert_eq!(res.headers()["content-type"], "application/json");
    }
}

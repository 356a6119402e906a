//! Framework failures: which code, status and message a product gives each, and how
//! each format renders them.

use api_envelope::format::{Problem, ScaiDrive, ScaiKey, ScaiWave};
use api_envelope::http::StatusCode;
use api_envelope::integrations::{Envelopes, Failure, Failures, Fallback, Rejection, RequestInfo};
use api_envelope::{CatalogEntry, Convention, Violation};

static SW_NOT_FOUND: CatalogEntry = CatalogEntry::new(
    "SW_NOT_FOUND",
    &[StatusCode::NOT_FOUND],
    None,
    "Generic.",
    "NotFound",
);
static SW_VALIDATION: CatalogEntry = CatalogEntry::new(
    "SW_VALIDATION_ERROR",
    &[StatusCode::UNPROCESSABLE_ENTITY],
    None,
    "Pydantic schema validation failed.",
    "Validation",
);
static KEY_INVALID: CatalogEntry = CatalogEntry::new(
    "invalid_request",
    &[StatusCode::BAD_REQUEST],
    None,
    "Malformed JSON or shape",
    "InvalidRequest",
);
static KEY_INTERNAL: CatalogEntry = CatalogEntry::new(
    "internal_error",
    &[StatusCode::INTERNAL_SERVER_ERROR],
    None,
    "Unexpected server error",
    "Internal",
);

fn body(res: &api_envelope::http::Response<Vec<u8>>) -> &str {
    std::str::from_utf8(res.body()).unwrap()
}

#[test]
fn fallback_codes_follow_the_products_convention() {
    let s = StatusCode::METHOD_NOT_ALLOWED;
    assert_eq!(Fallback::DottedStatus("http").code(s), "http.405");
    assert_eq!(
        Fallback::reason_phrase("SW_", Convention::ScreamingSnake).code(s),
        "SW_METHOD_NOT_ALLOWED"
    );
    assert_eq!(
        Fallback::reason_phrase("", Convention::SnakeCase).code(StatusCode::PAYLOAD_TOO_LARGE),
        "payload_too_large"
    );
    assert_eq!(
        Fallback::reason_phrase("http.", Convention::Dotted).code(StatusCode::GATEWAY_TIMEOUT),
        "http.gateway-timeout"
    );
    // A prefix that would break a body is cleaned.
    assert_eq!(
        Fallback::reason_phrase("X\"\\", Convention::ScreamingSnake).code(s),
        "X\"\\METHOD_NOT_ALLOWED"
    );
    let entry = Fallback::reason_phrase("X\"\\", Convention::ScreamingSnake).entry(s);
    assert_eq!(entry.code, "XMETHOD_NOT_ALLOWED");
    // One row per rule and status for the whole process.
    assert!(std::ptr::eq(
        Fallback::DottedStatus("http").entry(s),
        Fallback::DottedStatus("http").entry(s)
    ));
}

#[test]
fn resolution_is_kind_then_status_then_fallback() {
    let failures = Failures::new()
        .code(Failure::NoRoute, &SW_NOT_FOUND)
        .code(Failure::BodyInvalid, &SW_VALIDATION)
        .code_with_status(
            Failure::ParameterInvalid,
            &SW_VALIDATION,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .status(&KEY_INTERNAL)
        .fallback(Fallback::DottedStatus("http"));
    assert_eq!(
        failures.resolve(Failure::NoRoute).entry.code,
        "SW_NOT_FOUND"
    );
    assert_eq!(failures.resolve(Failure::ParameterInvalid).status, 422);
    // Panic has no code of its own: the one declared for 500.
    assert_eq!(
        failures.resolve(Failure::Panic).entry.code,
        "internal_error"
    );
    assert_eq!(
        failures.resolve(Failure::Internal).entry.code,
        "internal_error"
    );
    // Nothing for 405: the fallback.
    let c = failures.resolve(Failure::MethodNotAllowed);
    assert_eq!((c.entry.code, c.status.as_u16()), ("http.405", 405));
    let c = failures.resolve(Failure::Status(StatusCode::IM_A_TEAPOT));
    assert_eq!(c.entry.code, "http.418");
    // Without anything declared: the reason phrase in SCREAMING_SNAKE.
    assert_eq!(
        Failures::new().resolve(Failure::Timeout).entry.code,
        "GATEWAY_TIMEOUT"
    );
}

#[test]
fn every_format_renders_failures_in_its_shape() {
    let info = RequestInfo::new("req_f1", "/v1/a|b");
    let failures = Failures::new()
        .code(Failure::NoRoute, &SW_NOT_FOUND)
        .code(Failure::BodyInvalid, &SW_VALIDATION)
        .code(Failure::BodyUnparseable, &KEY_INVALID)
        .code(Failure::Panic, &KEY_INTERNAL);
    let invalid = Rejection::new(Failure::BodyInvalid).violations(vec![
        Violation::new(["body", "text"], "Field required")
            .kind("missing")
            .input(serde_json::json!({})),
    ]);

    let wave = Envelopes::new(ScaiWave).failures(failures.clone());
    let res = wave.render_failure(&Rejection::new(Failure::NoRoute), &info);
    assert_eq!(
        body(&res),
        r#"{"error":{"code":"SW_NOT_FOUND","message":"Not Found"}}"#
    );
    let res = wave.render_failure(&invalid, &info);
    assert_eq!(res.status(), 422);
    assert_eq!(
        body(&res),
        r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"The request body is invalid","details":[{"type":"missing","loc":["body","text"],"msg":"Field required","input":{}}]}}"#
    );

    let drive = Envelopes::new(ScaiDrive).failures(failures.clone());
    let res = drive.render_failure(&Rejection::new(Failure::NoRoute), &info);
    assert_eq!(body(&res), r#"{"detail":"Not Found"}"#);
    let res = drive.render_failure(&invalid, &info);
    assert_eq!(
        body(&res),
        r#"{"detail":[{"type":"missing","loc":["body","text"],"msg":"Field required","input":{}}]}"#
    );

    // A 5xx shows the entry's public text (its meaning), never anything of the panic.
    let key = Envelopes::new(ScaiKey).failures(failures.clone());
    let res = key.render_failure(
        &Rejection::new(Failure::Panic).message("secret detail"),
        &info,
    );
    assert_eq!(res.status(), 500);
    assert_eq!(
        body(&res),
        r#"{"error":{"code":"internal_error","message":"Unexpected server error","request_id":"req_f1"}}"#
    );
    assert_eq!(res.headers()["x-request-id"], "req_f1");

    // The instance is a valid URI reference.
    let problem =
        Envelopes::new(Problem::new("https://docs.example.com/errors/")).failures(failures);
    let res = problem.render_failure(&Rejection::new(Failure::NoRoute), &info);
    assert_eq!(
        body(&res),
        r#"{"type":"https://docs.example.com/errors/SW_NOT_FOUND","title":"Generic.","status":404,"detail":"Not Found","instance":"/v1/a%7Cb","code":"SW_NOT_FOUND"}"#
    );
}

#[test]
fn a_rate_limited_failure_carries_its_wait() {
    let info = RequestInfo::new("req_f2", "/v1/x").with_rate_limit(Some(api_envelope::RateLimit {
        limit: 5,
        remaining: 0,
        reset: 1_700_000_060,
    }));
    let key = Envelopes::new(ScaiKey);
    let res = key.render_failure(
        &Rejection::new(Failure::RateLimited).retry_after(std::time::Duration::from_secs(12)),
        &info,
    );
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["retry-after"], "12");
    assert_eq!(res.headers()["x-ratelimit-remaining"], "0");
    assert_eq!(res.headers()["x-ratelimit-limit"], "5");
    assert_eq!(
        body(&res),
        r#"{"error":{"code":"TOO_MANY_REQUESTS","message":"Too many requests","request_id":"req_f2"}}"#
    );
}

//! The derived error every `format_*.rs` test renders, and the rendering helper.
//! Included by the other files with `#[path]`; as its own test it checks the enum.

#![allow(dead_code)]

use std::time::Duration;

use api_envelope::{ApiError, Context, Format, Violation};

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
pub(crate) enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen { room_id: String },

    /// Note not found.
    #[code("SW_NOTE_NOT_FOUND", status = 404, family = "notes")]
    #[message("note '{path}' not found")]
    NoteMissing {
        #[detail]
        path: String,
        #[detail]
        version: u32,
    },

    /// Pydantic schema validation failed.
    #[code("SW_VALIDATION_ERROR", status = 422)]
    #[message("request validation failed")]
    Invalid {
        #[violations]
        violations: Vec<Violation>,
    },

    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "events")]
    #[message("slow down")]
    RateLimited {
        #[retry_after]
        wait: Duration,
    },

    /// Bug.
    #[code("SW_INTERNAL_ERROR", status = 500)]
    #[message("db failed: {source}")]
    Internal {
        #[from]
        source: std::io::Error,
    },

    /// A downstream dependency is unreachable.
    #[code("SW_UPSTREAM_UNAVAILABLE", status = [502, 503], public = "Try again shortly.")]
    #[message("upstream {host} failed")]
    Upstream {
        host: String,
        #[status]
        status: u16,
    },

    /// Tool call exceeded 30s.
    #[code("SW_PLUGIN_TIMEOUT", status = 504, expose)]
    #[message("plugin {plugin} timed out")]
    PluginTimeout { plugin: String },
}

/// The six cases every format pins, in order.
pub(crate) fn cases() -> Vec<(&'static str, RoomError)> {
    vec![
        (
            "plain",
            RoomError::Frozen {
                room_id: "r7".into(),
            },
        ),
        (
            "detail",
            RoomError::NoteMissing {
                path: "docs/a.md".into(),
                version: 3,
            },
        ),
        (
            "violations",
            RoomError::Invalid {
                violations: vec![
                    Violation::new(["body", "title"], "Field required").kind("missing"),
                    Violation::new(["body", "tags"], "Input should be a valid string")
                        .at(1)
                        .kind("string_type")
                        .input(5),
                ],
            },
        ),
        (
            "retry",
            RoomError::RateLimited {
                wait: Duration::from_secs(45),
            },
        ),
        (
            "source",
            RoomError::Internal {
                source: std::io::Error::other("connection refused to 10.0.0.5"),
            },
        ),
        (
            "several_statuses",
            RoomError::Upstream {
                host: "db-1".into(),
                status: 503,
            },
        ),
    ]
}

pub(crate) fn ctx() -> Context<'static> {
    Context::new().request_id("req_42").instance("/v1/rooms/7")
}

/// One expected rendering: case name, status, headers (`name: value`, sorted), body.
pub(crate) type Expected<'a> = (&'a str, u16, &'a [&'a str], &'a str);

/// Renders `err` and returns status, sorted headers and body; checks the body is valid
/// JSON and that `write_body` and `&dyn ApiError` give the same bytes.
pub(crate) fn render(
    err: &RoomError,
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
    let mut alone = Vec::new();
    err.write_body(format, ctx, &mut alone).unwrap();
    let as_dyn: &dyn ApiError = err;
    let mut dyn_body = Vec::new();
    as_dyn.write_body(format, ctx, &mut dyn_body).unwrap();
    if ctx.get_request_id().is_some() {
        assert_eq!(alone, *res.body());
        assert_eq!(dyn_body, *res.body());
    }
    let body = String::from_utf8(res.body().clone()).unwrap();
    serde_json::from_str::<serde_json::Value>(&body).expect("valid JSON");
    (res.status().as_u16(), headers, body)
}

/// Checks every case against `expected`.
pub(crate) fn check(format: &dyn Format, expected: &[Expected<'_>]) {
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

pub(crate) const JSON: &str = "content-type: application/json";

#[test]
fn the_enum_is_what_the_format_tests_assume() {
    let cases = cases();
    let statuses: Vec<u16> = cases.iter().map(|(_, e)| e.status().as_u16()).collect();
    assert_eq!(statuses, [409, 404, 422, 429, 500, 503]);
    assert_eq!(cases[3].1.retry_after(), Some(Duration::from_secs(45)));
    assert!(cases[1].1.has_details());
    assert_eq!(cases[2].1.violations().len(), 2);
}

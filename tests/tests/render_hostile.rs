//! The renderer against hostile user code and input (issue 14, renderer side): a
//! `Display`, `Serialize` or `Localizer` that panics, a 10 MB `#[detail]`, huge violation
//! parts, a 1 MB request id or instance, violations on a 5xx from a hand-written impl,
//! a code that would break a URI. Each renders a bounded, valid envelope, never a panic.

use std::borrow::Cow;
use std::fmt;

use api_envelope::format::limits::{MAX_MESSAGE_BYTES, TRUNCATION_MARKER};
use api_envelope::format::{Format, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::http::StatusCode;
use api_envelope::{ApiError, Catalog, CatalogEntry, Catalogued, Context, Convention, Violation};
use serde::Serialize;
use serde_json::Value;

fn formats() -> Vec<Box<dyn Format>> {
    vec![
        Box::new(ScaiWave),
        Box::new(ScaiGrid),
        Box::new(ScaiDrive),
        Box::new(ScaiKey),
        Box::new(Problem::new("https://errors.example/")),
    ]
}

/// A `Display` that panics.
#[derive(Debug)]
struct Boom;

impl fmt::Display for Boom {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        panic!("Display of Boom panicked")
    }
}

/// A `Serialize` that panics.
#[derive(Debug)]
struct BadDetail;

impl Serialize for BadDetail {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        panic!("Serialize of BadDetail panicked")
    }
}

#[derive(Debug, ApiError)]
enum Hostile {
    /// A conflict whose message panics.
    #[code("HOSTILE_DISPLAY", status = 409)]
    #[message("boom: {0}")]
    Display(Boom),
    /// A detail whose serialisation panics.
    #[code("HOSTILE_DETAIL", status = 409)]
    Detail {
        #[detail]
        bad: BadDetail,
    },
    /// A huge detail.
    #[code("HOSTILE_BIG", status = 409)]
    Big {
        #[detail]
        text: String,
        #[detail]
        list: Vec<u32>,
    },
    /// A validation error with hostile parts.
    #[code("HOSTILE_INVALID", status = 422)]
    Invalid {
        #[violations]
        violations: Vec<Violation>,
    },
}

/// Renders without a panic, and the body is bounded valid JSON.
fn render(
    err: &dyn ApiError,
    format: &dyn Format,
    ctx: &Context<'_>,
) -> (StatusCode, Value, usize) {
    let res = err.to_response(format, ctx);
    let len = res.body().len();
    let body = if res.body().is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(res.body()).expect("a JSON body")
    };
    for v in res.headers().values() {
        assert!(v.to_str().is_ok(), "{v:?}");
    }
    (res.status(), body, len)
}

#[test]
fn a_panicking_display_or_serialize_is_caught() {
    let ctx = Context::new().request_id("req_1");
    for format in formats() {
        for err in [Hostile::Display(Boom), Hostile::Detail { bad: BadDetail }] {
            let (status, body, _) = render(&err, &*format, &ctx);
            assert_eq!(status, 409, "{body}");
            assert!(!body.to_string().contains("panicked"), "{body}");
            assert!(
                body.to_string().contains("HOSTILE_") || body.get("detail").is_some(),
                "{body}"
            );
        }
    }
}

#[test]
fn a_panicking_localizer_is_caught() {
    let panics = |_: &str, _: &str| -> Option<Cow<'static, str>> { panic!("localizer panicked") };
    let ctx = Context::new().locale("de").localizer(&panics);
    for format in formats() {
        let err = Hostile::Big {
            text: "x".into(),
            list: vec![],
        };
        let (status, body, _) = render(&err, &*format, &ctx);
        assert_eq!(status, 409, "{body}");
    }
}

#[test]
fn huge_details_are_bounded() {
    let err = Hostile::Big {
        text: "€".repeat(4 * 1024 * 1024),
        list: vec![7; 2_000_000],
    };
    for format in formats() {
        let (status, body, len) = render(&err, &*format, &Context::new());
        assert_eq!(status, 409);
        assert!(len < 256 * 1024, "{len} bytes");
        // A long string is cut and says so.
        let text = body.to_string();
        assert!(!text.contains(&"€".repeat(MAX_MESSAGE_BYTES)), "not cut");
        let _ = TRUNCATION_MARKER;
    }
}

#[test]
fn huge_violation_parts_are_bounded() {
    let long = "y".repeat(2 * 1024 * 1024);
    let violation = Violation::new(
        (0..20_000)
            .map(|i| api_envelope::Segment::from(format!("field{i}")))
            .collect::<Vec<_>>(),
        long.clone(),
    )
    .kind(long.clone())
    .input(long.clone())
    .ctx("pattern", long.clone());
    let err = Hostile::Invalid {
        violations: vec![violation; 3],
    };
    for format in formats() {
        let (status, _, len) = render(&err, &*format, &Context::new());
        assert_eq!(status, 422);
        assert!(len < 512 * 1024, "{len} bytes");
    }
}

#[test]
fn a_huge_request_id_or_instance_is_bounded() {
    let id = "i".repeat(1024 * 1024);
    let path = format!("/{}", "p".repeat(1024 * 1024));
    let ctx = Context::new().request_id(&id).instance(&path);
    let err = Hostile::Big {
        text: "x".into(),
        list: vec![],
    };
    for format in formats() {
        let (_, _, len) = render(&err, &*format, &ctx);
        assert!(len < 16 * 1024, "{len} bytes");
    }
}

/// A hand-written 5xx with violations (the derive rejects `#[violations]` on a 5xx).
#[derive(Debug)]
struct FiveHundred(Vec<Violation>);

impl fmt::Display for FiveHundred {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("db at 10.0.0.7 down")
    }
}

impl std::error::Error for FiveHundred {}

static FIVE_HUNDRED: CatalogEntry = CatalogEntry::new(
    "BUG",
    &[StatusCode::INTERNAL_SERVER_ERROR],
    None,
    "Bug.",
    "FiveHundred",
);
static FIVE_HUNDRED_CATALOG: Catalog = Catalog::new(
    "FiveHundred",
    Convention::Any,
    "",
    std::slice::from_ref(&FIVE_HUNDRED),
);

impl ApiError for FiveHundred {
    fn code(&self) -> &'static str {
        FIVE_HUNDRED.code
    }
    fn status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }
    fn entry(&self) -> &'static CatalogEntry {
        &FIVE_HUNDRED
    }
    fn violations(&self) -> &[Violation] {
        &self.0
    }
    fn catalog() -> &'static Catalog {
        &FIVE_HUNDRED_CATALOG
    }
}

#[test]
fn violations_on_a_5xx_stay_off_the_wire() {
    let err = FiveHundred(vec![
        Violation::new(["body", "password"], "is hunter2").input("hunter2"),
    ]);
    for format in formats() {
        let (status, body, _) = render(&err, &*format, &Context::new());
        assert_eq!(status, 500);
        assert!(!body.to_string().contains("hunter2"), "{body}");
    }
}

/// A code under `convention = "any"` whose characters would break a URI.
static ODD: CatalogEntry =
    CatalogEntry::new("a/b?c#d e", &[StatusCode::CONFLICT], None, "Odd.", "Odd");
static ODD_CATALOG: Catalog = Catalog::new("Odd", Convention::Any, "", std::slice::from_ref(&ODD));

#[derive(Debug)]
struct Odd;

impl fmt::Display for Odd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("odd")
    }
}

impl std::error::Error for Odd {}

impl ApiError for Odd {
    fn code(&self) -> &'static str {
        ODD.code
    }
    fn status(&self) -> StatusCode {
        StatusCode::CONFLICT
    }
    fn entry(&self) -> &'static CatalogEntry {
        &ODD
    }
    fn catalog() -> &'static Catalog {
        &ODD_CATALOG
    }
}

#[test]
fn a_code_is_percent_encoded_in_the_problem_type() {
    let (_, body, _) = render(
        &Odd,
        &Problem::new("https://errors.example/"),
        &Context::new(),
    );
    assert_eq!(body["type"], "https://errors.example/a%2Fb%3Fc%23d%20e");
    assert_eq!(body["code"], "a/b?c#d e");
    let _ = Hostile::CATALOG;
}

mod http_support;

/// Through the serving layer, a panic while the error renders is the product's 500
/// envelope with the request id, not a dropped connection.
#[test]
fn a_panic_while_rendering_is_the_products_500_over_http() {
    use api_envelope::integrations::Envelopes;
    use api_envelope::integrations::axum::RequestContextLayer;
    use axum::Router;
    use axum::routing::get;

    async fn boom() -> Result<(), Hostile> {
        Err(Hostile::Display(Boom))
    }
    async fn bad_detail() -> Result<(), Hostile> {
        Err(Hostile::Detail { bad: BadDetail })
    }
    let envelopes = Envelopes::new(ScaiWave).failures(api_envelope_examples::scaiwave::failures());
    let router = Router::new()
        .route("/boom", get(boom))
        .route("/detail", get(bad_detail))
        .layer(RequestContextLayer::new(envelopes));
    let base = http_support::start(router);
    for path in ["/boom", "/detail"] {
        let reply =
            http_support::send_to(&base, "GET", path, None, &[("x-request-id", "req_boom")]);
        assert_eq!(reply.status.as_u16(), 500, "{path}: {}", reply.text());
        assert_eq!(
            reply.text(),
            r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Internal error. Quote the request_id when reporting it.","request_id":"req_boom"}}"#,
            "{path}"
        );
        assert_eq!(reply.header("x-request-id"), Some("req_boom"));
    }
}

//! The pieces the formats are written with: `JsonWriter`, `Message`, `Detail`, the
//! request id taken from a header value, and the Problem type base.

mod common;

use std::borrow::Cow;
use std::fmt;

use api_envelope::format::limits::{MAX_DEPTH, MAX_MESSAGE_BYTES, TRUNCATION_MARKER};
use api_envelope::format::{JsonWriter, Message, Problem, ScaiKey, ScaiWave};
use api_envelope::http::{HeaderValue, StatusCode};
use api_envelope::{
    ApiError, Catalog, CatalogEntry, Context, Convention, Detail, DetailVisitor, Format,
};
use common::HandError;
use serde_json::{Value, json};

fn written(f: impl FnOnce(&mut JsonWriter<'_>)) -> String {
    let mut out = Vec::new();
    f(&mut JsonWriter::new(&mut out));
    String::from_utf8(out).unwrap()
}

#[test]
fn the_writer_places_commas_and_escapes_what_is_not_static() {
    let err = HandError::Echo {
        text: "say \"hi\"\n".into(),
        detail: "d\\".into(),
    };
    let body = written(|w| {
        w.begin_object();
        w.key("code");
        w.code(&err);
        w.key("message");
        w.message(&err, &Context::new()).unwrap();
        w.key_str("we\"ird");
        w.begin_array();
        w.item();
        w.u64(7);
        w.item();
        w.str("a\u{1}b");
        w.item();
        w.display(&format_args!("{}-{}", 1, "\"")).unwrap();
        w.item();
        w.capped("plain");
        w.item();
        w.value(&json!({"k": [1, null]})).unwrap();
        w.end_array();
        w.details(&err, &[]).unwrap();
        w.end_object();
    });
    assert_eq!(
        body,
        r#"{"code":"SW_ECHO","message":"say \"hi\"\n","we\"ird":[7,"a\u0001b","1-\"","plain",{"k":[1,null]}],"echo":"d\\"}"#
    );
    serde_json::from_str::<Value>(&body).unwrap();
}

#[test]
fn the_writer_message_is_the_message_display_and_both_are_capped() {
    let long = "é".repeat(MAX_MESSAGE_BYTES); // twice the limit in bytes
    let localized =
        |_: &str, _: &str| -> Option<Cow<'static, str>> { Some("ü".repeat(5000).into()) };
    let errors = [
        HandError::Echo {
            text: long.clone(),
            detail: String::new(),
        },
        HandError::Echo {
            text: "short".into(),
            detail: String::new(),
        },
        HandError::Internal(std::io::Error::other("secret")),
    ];
    let plain = Context::new();
    let german = Context::new().locale("de").localizer(&localized);
    for err in &errors {
        for ctx in [&plain, &german] {
            let via_writer = written(|w| w.message(err, ctx).unwrap());
            let shown: String = serde_json::from_str(&via_writer).unwrap();
            assert_eq!(shown, Message::new(err, ctx).to_string());
            assert_eq!(
                via_writer,
                serde_json::to_string(&Message::new(err, ctx)).unwrap()
            );
            assert!(shown.len() <= MAX_MESSAGE_BYTES + TRUNCATION_MARKER.len());
        }
    }
    let cut: String =
        serde_json::from_str(&written(|w| w.message(&errors[0], &plain).unwrap())).unwrap();
    assert_eq!(
        cut,
        format!("{}{TRUNCATION_MARKER}", "é".repeat(MAX_MESSAGE_BYTES / 2))
    );
}

#[test]
fn a_value_inside_the_writer_levels_counts_them_against_the_depth_limit() {
    fn nested(levels: usize) -> Value {
        (0..levels).fold(json!(0), |v, _| json!([v]))
    }
    for (open, ok) in [(MAX_DEPTH - 2, true), (MAX_DEPTH - 1, false)] {
        let mut out = Vec::new();
        let mut w = JsonWriter::new(&mut out);
        for _ in 0..open {
            w.begin_array();
            w.item();
        }
        assert_eq!(w.value(&nested(2)).is_ok(), ok, "{open} levels open");
    }
}

/// An error whose `Display` fails, with a detail that is a plain `u64`.
#[derive(Debug)]
struct FailingDisplay;

static FAILING: [CatalogEntry; 1] = [CatalogEntry::new(
    "SW_FAILING",
    &[StatusCode::BAD_REQUEST],
    None,
    "Fails to display.",
    "FailingDisplay",
)];
static FAILING_CATALOG: Catalog = Catalog::new(
    "FailingDisplay",
    Convention::ScreamingSnake,
    "SW_",
    &FAILING,
);

impl fmt::Display for FailingDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("half")?;
        Err(fmt::Error)
    }
}

impl std::error::Error for FailingDisplay {}

impl ApiError for FailingDisplay {
    fn code(&self) -> &'static str {
        FAILING[0].code
    }
    fn status(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }
    fn entry(&self) -> &'static CatalogEntry {
        &FAILING[0]
    }
    fn has_details(&self) -> bool {
        true
    }
    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
        visitor.detail("n", Detail::new(&42_u64));
    }
    fn catalog() -> &'static Catalog {
        &FAILING_CATALOG
    }
}

#[test]
fn a_failing_display_is_a_render_error_and_the_response_falls_back() {
    let mut out = b"kept".to_vec();
    assert!(
        FailingDisplay
            .write_body(&ScaiWave, &Context::new(), &mut out)
            .is_err()
    );
    assert_eq!(out, b"kept");
    let res = FailingDisplay.to_response(&ScaiWave, &Context::new());
    assert_eq!(
        res.body().as_slice(),
        br#"{"error":{"code":"SW_FAILING","message":"Fails to display."}}"#
    );
}

fn same_through_writer_and_serde(d: Detail<'_>) {
    let via_writer = written(|w| w.detail(d).unwrap());
    assert_eq!(via_writer, serde_json::to_string(&d).unwrap());
}

#[test]
fn a_detail_renders_the_same_through_the_writer_and_through_serde() {
    same_through_writer_and_serde(Detail::new(&"a\"b"));
    same_through_writer_and_serde(Detail::new(&String::from("s")));
    same_through_writer_and_serde(Detail::new(&-3_i64));
    same_through_writer_and_serde(Detail::new(&vec![Some(true), None]));
}

#[test]
fn the_request_id_header_value_is_sent_back_as_received() {
    let err = HandError::Frozen {
        room_id: "r1".into(),
    };
    let incoming = HeaderValue::from_str("req_from_client").unwrap();
    let ctx = Context::new().request_id_value(&incoming);
    assert_eq!(ctx.get_request_id(), Some("req_from_client"));
    let res = err.to_response(&ScaiKey, &ctx);
    assert_eq!(res.headers()["x-request-id"], incoming);
    assert!(
        std::str::from_utf8(res.body())
            .unwrap()
            .contains(r#""request_id":"req_from_client""#)
    );

    // Text that is not header-safe: the body keeps it, the header is sanitised.
    let spaced = HeaderValue::from_static("req 1");
    let ctx = Context::new().request_id_value(&spaced);
    assert_eq!(ctx.get_request_id(), Some("req 1"));
    assert_eq!(ctx.get_request_id_value(), None);
    assert_eq!(
        err.to_response(&ScaiKey, &ctx).headers()["x-request-id"],
        "req_1"
    );

    // Not text: no request id (one is generated).
    let opaque = HeaderValue::from_bytes(b"\xffreq").unwrap();
    let ctx = Context::new().request_id_value(&opaque);
    assert_eq!(ctx.get_request_id(), None);
    let res = err.to_response(&ScaiKey, &ctx);
    assert!(
        res.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .starts_with("req_")
    );

    // A later `request_id` replaces both.
    let ctx = Context::new()
        .request_id_value(&incoming)
        .request_id("other");
    assert_eq!(ctx.get_request_id_value(), None);
    assert_eq!(
        err.to_response(&ScaiKey, &ctx).headers()["x-request-id"],
        "other"
    );
}

#[test]
fn a_problem_type_base_is_escaped_once_and_still_rendered_as_given() {
    let err = HandError::Frozen {
        room_id: "r1".into(),
    };
    for base in ["https://e.example/errors/", "/\"odd\"\\base\u{7}/"] {
        let problem = Problem::new(base);
        assert_eq!(problem.type_base(), base);
        let mut out = Vec::new();
        err.write_body(&problem, &Context::new(), &mut out).unwrap();
        let body: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(body["type"], format!("{base}SW_ROOM_FROZEN"));
        assert_eq!(problem.content_type(), "application/problem+json");
    }
    assert_eq!(
        Problem::new(String::from("/e/")),
        Problem::new("/e/"),
        "an owned and a static base are the same format"
    );
}

#[test]
fn a_failing_display_through_the_public_message_fails_as_through_the_writer() {
    // `Message` is what a format written outside the crate serialises. serde_json's
    // `collect_str` panics when a `Display` fails on its own; `Message` returns an error
    // instead, the policy of `JsonWriter::message`: the render fails and falls back.
    let ctx = Context::new();
    let err = serde_json::to_string(&api_envelope::format::Message::new(&FailingDisplay, &ctx))
        .unwrap_err();
    assert_eq!(err.to_string(), "the error's Display failed");

    /// `{"code","message"}` through `serde` and `Message`, as the crate docs show.
    struct Flat;
    impl api_envelope::format::Format for Flat {
        fn content_type(&self) -> api_envelope::http::HeaderValue {
            api_envelope::http::HeaderValue::from_static("application/json")
        }
        fn write_body(
            &self,
            err: &dyn ApiError,
            ctx: &Context<'_>,
            out: &mut Vec<u8>,
        ) -> Result<(), api_envelope::format::RenderError> {
            use serde::ser::{SerializeMap as _, Serializer as _};
            let mut ser = serde_json::Serializer::new(out);
            let mut map = ser.serialize_map(Some(2))?;
            map.serialize_entry("code", err.code())?;
            map.serialize_entry("message", &api_envelope::format::Message::new(err, ctx))?;
            map.end()?;
            Ok(())
        }
    }
    let mut out = b"kept".to_vec();
    assert!(FailingDisplay.write_body(&Flat, &ctx, &mut out).is_err());
    assert_eq!(out, b"kept");
    let res = FailingDisplay.to_response(&Flat, &ctx);
    assert_eq!(
        res.body().as_slice(),
        br#"{"code":"SW_FAILING","message":"Fails to display."}"#
    );
}

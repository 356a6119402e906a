//! What reaches the wire: 5xx hygiene, hostile content, request ids, localisation, and
//! the RFC 9457 Appendix A schema.

mod common;

use std::borrow::Cow;

use api_envelope::format::limits::{MAX_MESSAGE_BYTES, TRUNCATION_MARKER};
use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::{ApiError, Context, Format, Violation};
use common::{HandError, cases};
use serde_json::Value;

fn formats() -> Vec<Box<dyn Format>> {
    vec![
        Box::new(ScaiWave),
        Box::new(ScaiGrid),
        Box::new(ScaiDrive),
        Box::new(ScaiKey),
        Box::new(Problem::new("https://errors.example.com/")),
    ]
}

fn body(err: &dyn ApiError, format: &dyn Format, ctx: &Context<'_>) -> (String, Value) {
    let res = err.to_response(format, ctx);
    let text = String::from_utf8(res.body().clone()).expect("UTF-8");
    let value = serde_json::from_str(&text).expect("valid JSON");
    (text, value)
}

#[test]
fn a_5xx_never_shows_its_display_or_source() {
    let ctx = Context::new().request_id("req_1");
    for format in formats() {
        for err in [
            HandError::Internal(std::io::Error::other("password=hunter2")),
            HandError::Upstream { status: 502 },
            HandError::Draining {
                why: "oom at secret-host".into(),
            },
        ] {
            let (text, _) = body(&err, &*format, &ctx);
            for secret in [
                "hunter2",
                "database exploded",
                "secret-host",
                "draining because",
            ] {
                assert!(!text.contains(secret), "{text}");
            }
        }
    }
}

#[test]
fn a_5xx_shows_public_then_meaning_then_reason_unless_exposed() {
    let ctx = Context::new();
    let msg = |err: &HandError| body(err, &ScaiWave, &ctx).1["error"]["message"].clone();
    assert_eq!(
        msg(&HandError::Draining { why: "x".into() }),
        "Service is restarting, retry shortly."
    );
    assert_eq!(
        msg(&HandError::Internal(std::io::Error::other("x"))),
        "Bug."
    );
    // Exposed: its own message.
    assert_eq!(
        msg(&HandError::Timeout { secs: 30 }),
        "upstream timed out after 30s"
    );
    // Problem: title falls back to the reason phrase when the meaning is empty.
    let (_, v) = body(&HandError::Timeout { secs: 3 }, &Problem::new("/e/"), &ctx);
    assert_eq!(v["title"], "Gateway Timeout");
    assert_eq!(v["detail"], "upstream timed out after 3s");
}

#[test]
fn hostile_content_gives_valid_json_in_every_format() {
    let nasty = [
        "quote \" backslash \\ slash / ",
        "control \u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}\u{7f} newline \n tab \t cr \r",
        "unicode é ü 漢字 🚀 \u{2028}\u{2029} \u{feff} \u{10ffff}",
        "</script><script>alert(1)</script>",
    ];
    let big = "x\"\n".repeat(350_000); // ~1 MB
    let ctx = Context::new()
        .request_id("req_\"\n\u{0}")
        .instance("/v1/\"rooms\"/\n");
    for format in formats() {
        for text in nasty.iter().copied().chain([big.as_str()]) {
            let err = HandError::Echo {
                text: text.into(),
                detail: text.into(),
            };
            let (_, v) = body(&err, &*format, &ctx);
            let shown = match &v {
                Value::Object(m) if m.contains_key("detail") && m.contains_key("type") => {
                    &m["detail"]
                }
                Value::Object(m) if m.contains_key("detail") => &m["detail"],
                _ => &v["error"]["message"],
            };
            // Over the limit the message is cut and marked (`format::limits`).
            let want = if text.len() <= MAX_MESSAGE_BYTES {
                text.to_owned()
            } else {
                let cut = text.floor_char_boundary(MAX_MESSAGE_BYTES);
                format!("{}{TRUNCATION_MARKER}", &text[..cut])
            };
            assert!(*shown == *want, "message round-trips");
            let violations = vec![
                Violation::new(["body".to_owned(), text.to_owned()], text.to_owned())
                    .kind(text.to_owned())
                    .input(text)
                    .ctx(text, text),
            ];
            let err = HandError::Invalid { violations };
            body(&err, &*format, &ctx);
        }
    }
}

#[test]
fn an_invalid_request_id_never_breaks_a_header() {
    let err = HandError::Frozen {
        room_id: "r".into(),
    };
    let long = "é".repeat(10_000);
    for id in [
        "req\r\nSet-Cookie: a=b",
        "\u{0}\u{7f}",
        "ünïcödé",
        " spaced id ",
        long.as_str(),
    ] {
        let res = err.to_response(&ScaiKey, &Context::new().request_id(id));
        let header = res.headers()["x-request-id"]
            .to_str()
            .expect("visible ASCII");
        assert!(!header.is_empty() && header.len() <= 128, "{header}");
        assert!(
            header.bytes().all(|b| (0x21..=0x7e).contains(&b)),
            "{header}"
        );
        // The body keeps the id as given, up to `MAX_REQUEST_ID_BYTES` (then cut on a
        // character boundary).
        let v: Value = serde_json::from_slice(res.body()).unwrap();
        let kept =
            &id[..id.floor_char_boundary(api_envelope::format::limits::MAX_REQUEST_ID_BYTES)];
        assert_eq!(v["error"]["request_id"], kept);
    }
    let res = err.to_response(
        &ScaiKey,
        &Context::new().request_id("req\r\nSet-Cookie: a=b"),
    );
    assert_eq!(res.headers()["x-request-id"], "req__Set-Cookie:_a=b");
    assert!(!res.headers().contains_key("set-cookie"));
}

#[test]
fn the_localizer_replaces_the_message_by_code_and_locale() {
    let german = |code: &str, locale: &str| -> Option<Cow<'static, str>> {
        match (code, locale) {
            ("SW_ROOM_FROZEN", "de") => Some("Der Raum ist geschlossen.".into()),
            ("SW_INTERNAL_ERROR", "de") => Some("Interner Fehler.".into()),
            _ => None,
        }
    };
    let de = Context::new().locale("de").localizer(&german);
    let fr = Context::new().locale("fr").localizer(&german);
    let no_locale = Context::new().localizer(&german);
    let frozen = HandError::Frozen {
        room_id: "r1".into(),
    };
    assert_eq!(
        body(&frozen, &ScaiWave, &de).1["error"]["message"],
        "Der Raum ist geschlossen."
    );
    assert_eq!(
        body(&frozen, &ScaiWave, &fr).1["error"]["message"],
        "room r1 is closed"
    );
    assert_eq!(
        body(&frozen, &ScaiWave, &no_locale).1["error"]["message"],
        "room r1 is closed"
    );
    let internal = HandError::Internal(std::io::Error::other("x"));
    assert_eq!(
        body(&internal, &ScaiDrive, &de).1["detail"],
        "Interner Fehler."
    );
    let (_, v) = body(&frozen, &Problem::new("/e/"), &de);
    assert_eq!(v["detail"], "Der Raum ist geschlossen.");
    assert_eq!(v["title"], "Closed or archived.");
}

/// The rules of the JSON schema in RFC 9457 Appendix A, checked by hand (the
/// `jsonschema` crate would bring a second `syn` into the tree).
fn check_rfc9457_schema(v: &Value, response_status: u16) {
    let obj = v.as_object().expect("a problem is an object");
    if let Some(t) = obj.get("type") {
        assert!(
            is_uri_reference(t.as_str().expect("type is a string")),
            "type {t}"
        );
    }
    if let Some(t) = obj.get("title") {
        assert!(t.is_string(), "title is a string");
    }
    if let Some(s) = obj.get("status") {
        let s = s.as_u64().expect("status is an integer");
        assert!((100..=599).contains(&s), "status in 100..=599");
        assert_eq!(s, u64::from(response_status), "status is the response's");
    }
    if let Some(d) = obj.get("detail") {
        assert!(d.is_string(), "detail is a string");
    }
    if let Some(i) = obj.get("instance") {
        assert!(
            is_uri_reference(i.as_str().expect("instance is a string")),
            "instance {i}"
        );
    }
}

/// RFC 3986 URI-reference, as far as the characters go: no space, control, `"`, `<`, `>`,
/// `\`, `^`, `` ` ``, `{`, `|`, `}` or non-ASCII; `%` followed by two hex digits.
fn is_uri_reference(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                if !(i + 2 < b.len()
                    && b[i + 1].is_ascii_hexdigit()
                    && b[i + 2].is_ascii_hexdigit())
                {
                    return false;
                }
                i += 3;
                continue;
            }
            c if c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c) => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

#[test]
fn problem_bodies_validate_against_rfc9457_appendix_a() {
    assert!(is_uri_reference("https://e.com/a%20b#/x"));
    assert!(!is_uri_reference("has space") && !is_uri_reference("%zz"));
    let problem = Problem::new("https://docs.example.com/errors/");
    let ctx = Context::new().request_id("req_1").instance("/v1/rooms/1");
    let mut all = cases();
    all.push(("draining", HandError::Draining { why: "x".into() }));
    all.push(("timeout", HandError::Timeout { secs: 1 }));
    all.push((
        "echo",
        HandError::Echo {
            text: "\"".into(),
            detail: "d".into(),
        },
    ));
    for (_, err) in &all {
        let res = err.to_response(&problem, &ctx);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let v: Value = serde_json::from_slice(res.body()).unwrap();
        check_rfc9457_schema(&v, res.status().as_u16());
        for key in ["type", "title", "status", "detail", "instance", "code"] {
            assert!(v.get(key).is_some(), "{key} in {v}");
        }
    }
}

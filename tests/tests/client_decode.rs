//! Client decoding: every product's sample errors rendered in each of the five formats
//! and read back by `RemoteError::from_parts` (format recognised by shape) keep their
//! code, message, details, violations, request id and retry hint, as far as the format
//! carries each.

use std::time::Duration;

use api_envelope::client::{Decoded, RemoteError, SdkErrorClass, WireFormat};
use api_envelope::format::{
    Details, Format, Message, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave,
};
use api_envelope::http::{HeaderMap, HeaderValue, StatusCode};
use api_envelope::{ApiError, Context, Segment, Violation};
use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};

fn formats() -> Vec<(WireFormat, Box<dyn Format>)> {
    vec![
        (WireFormat::ScaiWave, Box::new(ScaiWave)),
        (WireFormat::ScaiGrid, Box::new(ScaiGrid)),
        (WireFormat::ScaiDrive, Box::new(ScaiDrive)),
        (WireFormat::ScaiKey, Box::new(ScaiKey)),
        (
            WireFormat::Problem,
            Box::new(Problem::new("https://docs.example.com/errors/")),
        ),
    ]
}

fn all_samples() -> Vec<Box<dyn ApiError + Send + Sync>> {
    [
        scaiwave::samples,
        scaigrid::samples,
        scaidrive::samples,
        scaikey::samples,
        sonny::samples,
    ]
    .iter()
    .flat_map(|samples| samples())
    .collect()
}

#[test]
fn every_sample_in_every_format_decodes_back() {
    let mut checked = 0;
    for err in all_samples() {
        for (wire, format) in formats() {
            let ctx = Context::new().request_id("req_rt").instance("/v1/thing");
            let res = api_envelope::render::to_response(&*err, &*format, &ctx);
            let remote = RemoteError::from_response(&res);
            let what = format!(
                "{} in {wire}: {}",
                err.code(),
                std::str::from_utf8(res.body()).unwrap()
            );
            checked += 1;

            // A ScaiKey 5xx without rate-limit figures is byte for byte a ScaiWave 5xx
            // served with `X-Request-ID` (every serving layer sends it): the client
            // tells them by the code's case (ScaiWave `SW_*`, ScaiKey snake_case), and
            // reads the same fields either way.
            let twins = [WireFormat::ScaiKey, WireFormat::ScaiWave];
            let expected = if twins.contains(&wire) && err.status().is_server_error() {
                if err.code().bytes().any(|b| b.is_ascii_uppercase()) {
                    WireFormat::ScaiWave
                } else {
                    WireFormat::ScaiKey
                }
            } else {
                wire
            };
            assert_eq!(remote.format, Some(expected), "{what}");
            assert_eq!(remote.status, err.status(), "{what}");
            let code = (wire != WireFormat::ScaiDrive).then_some(err.code());
            assert_eq!(remote.code.as_deref(), code, "{what}");
            let message = Message::new(&*err, &ctx).to_string();
            if wire != WireFormat::ScaiDrive || err.violations().is_empty() {
                assert_eq!(remote.message, message, "{what}");
            } else {
                assert!(!remote.message.is_empty(), "{what}");
            }

            let id = match wire {
                WireFormat::ScaiGrid | WireFormat::ScaiKey => Some("req_rt"),
                WireFormat::ScaiWave if err.status().is_server_error() => Some("req_rt"),
                _ => None,
            };
            assert_eq!(remote.request_id.as_deref(), id, "{what}");

            let retry = err
                .retry_after()
                .filter(|_| {
                    matches!(
                        wire,
                        WireFormat::ScaiGrid
                            | WireFormat::ScaiDrive
                            | WireFormat::ScaiKey
                            | WireFormat::Problem
                    )
                })
                .map(|d| Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0)));
            assert_eq!(remote.retry_after, retry, "{what}");

            assert_eq!(remote.violations.len(), err.violations().len(), "{what}");
            for (got, sent) in remote.violations.iter().zip(err.violations()) {
                assert_eq!(got.message, sent.message, "{what}");
                // Problem pointers drop a leading "body" segment.
                let sent_loc: Vec<&Segment> = match (wire, sent.loc.first()) {
                    (WireFormat::Problem, Some(Segment::Field(f))) if f == "body" => {
                        sent.loc[1..].iter().collect()
                    }
                    _ => sent.loc.iter().collect(),
                };
                assert_eq!(got.loc.iter().collect::<Vec<_>>(), sent_loc, "{what}");
            }

            if wire != WireFormat::ScaiDrive {
                let serde_json::Value::Object(mut details) =
                    serde_json::to_value(Details::new(&*err)).unwrap()
                else {
                    unreachable!()
                };
                if wire == WireFormat::Problem {
                    for reserved in [
                        "type", "title", "status", "detail", "instance", "code", "errors",
                    ] {
                        details.remove(reserved);
                    }
                }
                if wire == WireFormat::ScaiKey && !err.violations().is_empty() {
                    details.remove("fields");
                }
                assert_eq!(remote.details, details, "{what}");
            }
            if wire == WireFormat::Problem {
                assert_eq!(remote.instance.as_deref(), Some("/v1/thing"));
                assert_eq!(
                    remote.title.as_deref(),
                    Some(api_envelope::format::title(&*err))
                );
            }
        }
    }
    assert!(checked >= 100, "{checked}");
}

#[test]
fn a_format_can_be_named_instead_of_recognised() {
    let body = br#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed","details":{"room_id":"r1"}}}"#;
    let remote = RemoteError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body);
    assert_eq!(remote.format, Some(WireFormat::ScaiWave));
    let remote = RemoteError::from_parts_as(
        WireFormat::ScaiKey,
        StatusCode::CONFLICT,
        &HeaderMap::new(),
        body,
    );
    assert_eq!(remote.format, Some(WireFormat::ScaiKey));
    assert_eq!(remote.detail::<String>("room_id").as_deref(), Some("r1"));
}

#[test]
fn headers_fill_in_what_bodies_leave_out() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req_hdr"));
    headers.insert("retry-after", HeaderValue::from_static("7"));
    headers.insert("x-ratelimit-limit", HeaderValue::from_static("100"));
    headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
    headers.insert("x-ratelimit-reset", HeaderValue::from_static("1700000000"));
    let remote = RemoteError::from_parts(
        StatusCode::TOO_MANY_REQUESTS,
        &headers,
        br#"{"detail":"slow down"}"#,
    );
    assert_eq!(remote.format, Some(WireFormat::ScaiDrive));
    assert_eq!(remote.request_id.as_deref(), Some("req_hdr"));
    assert_eq!(remote.retry_after, Some(Duration::from_secs(7)));
    let limits = remote.rate_limit.unwrap();
    assert_eq!(
        (limits.limit, limits.remaining, limits.reset),
        (Some(100), Some(0), Some(1_700_000_000))
    );
    assert_eq!(remote.sdk_class(), SdkErrorClass::RateLimit);
}

#[test]
fn bodies_that_are_no_envelope_keep_the_status_and_a_message() {
    let remote = RemoteError::from_parts(
        StatusCode::BAD_GATEWAY,
        &HeaderMap::new(),
        b"<html>502</html>",
    );
    assert_eq!((remote.format, remote.code.as_deref()), (None, None));
    assert_eq!(remote.message, "Bad Gateway");
    assert_eq!(remote.sdk_class(), SdkErrorClass::Server);
    let decoded: Decoded<Nothing> = remote.decode();
    assert!(matches!(decoded, Decoded::Unknown(_)));
    assert_eq!(decoded.remote().to_string(), "502: Bad Gateway");

    let remote = RemoteError::from_parts(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), b"");
    assert_eq!(remote.message, "Service Unavailable");
}

/// An SDK that rebuilds nothing.
#[derive(Debug)]
struct Nothing;

impl api_envelope::client::FromRemote for Nothing {
    fn from_remote(_: &RemoteError) -> Option<Self> {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Regressions found by `prop_formats.rs`, each pinned to its exact input.

/// Errors to render for the regressions.
#[derive(Debug, ApiError)]
enum Pinned {
    /// A plain conflict.
    #[code("PN_PLAIN", status = 409)]
    #[message("{message}")]
    Plain { message: String },
    /// Validation failed.
    #[code("PN_INVALID", status = 422)]
    #[message("{message}")]
    Invalid {
        message: String,
        #[violations]
        violations: Vec<Violation>,
    },
    /// Validation failed, with a detail.
    #[code("PN_INVALID_DETAILED", status = 422)]
    #[message("{message}")]
    InvalidDetailed {
        message: String,
        #[violations]
        violations: Vec<Violation>,
        #[detail]
        name: String,
    },
    /// With a detail named like ScaiKey's violations.
    #[code("PN_FIELDS", status = 409)]
    #[message("fields clash")]
    Fields {
        #[detail]
        fields: Vec<String>,
    },
}

fn round_trip(err: &Pinned, format: &dyn Format, ctx: &Context<'_>) -> RemoteError {
    RemoteError::from_response(&err.to_response(format, ctx))
}

/// ScaiKey sends the id exactly in the body and sanitised in `X-Request-ID`: the client
/// keeps the body's.
#[test]
fn scaikey_request_id_is_the_bodys_not_the_sanitised_header() {
    let err = Pinned::Plain {
        message: "m".into(),
    };
    for id in [" ", "req\n1", "é"] {
        let res = err.to_response(&ScaiKey, &Context::new().request_id(id));
        let header = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert_ne!(header, id, "the header is sanitised");
        let remote = RemoteError::from_response(&res);
        assert_eq!(remote.request_id.as_deref(), Some(id));
    }
    let res = err.to_response(&ScaiKey, &Context::new().request_id(" "));
    assert_eq!(res.headers()["x-request-id"], "_");

    // Without an id in the body, the header is used.
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req_hdr"));
    let body = br#"{"error":{"code":"c","message":"m"}}"#;
    let remote =
        RemoteError::from_parts_as(WireFormat::ScaiKey, StatusCode::CONFLICT, &headers, body);
    assert_eq!(remote.request_id.as_deref(), Some("req_hdr"));
    // With both, the body's.
    let body = br#"{"error":{"code":"c","message":"m","request_id":"req body"}}"#;
    let remote = RemoteError::from_parts(StatusCode::CONFLICT, &headers, body);
    assert_eq!(remote.format, Some(WireFormat::ScaiKey));
    assert_eq!(remote.request_id.as_deref(), Some("req body"));
}

/// An explicitly empty message is a message; only a missing one becomes the reason phrase.
#[test]
fn an_empty_message_stays_empty() {
    let err = Pinned::Plain {
        message: String::new(),
    };
    for (wire, format) in formats() {
        let remote = round_trip(&err, &*format, &Context::new());
        assert_eq!(remote.format, Some(wire));
        assert_eq!(remote.message, "", "{wire}");
    }
    let none = |body: &[u8]| RemoteError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body);
    assert_eq!(none(br#"{"error":{"code":"c","message":""}}"#).message, "");
    assert_eq!(none(br#"{"detail":""}"#).message, "");
    assert_eq!(none(br#"{"error":{"code":"c"}}"#).message, "Conflict");
    assert_eq!(none(br#"{"detail":null}"#).message, "Conflict");
    assert_eq!(
        none(br#"{"type":"about:blank","status":409}"#).message,
        "Conflict"
    );
    assert_eq!(
        none(br#"{"type":"about:blank","title":"Clash","status":409}"#).message,
        "Clash"
    );
}

/// Problem pointers are RFC 6901 in URI-fragment form: `~1`, `~0` and percent-escapes
/// read back; digits read as an index and a leading `body` is not restored (documented).
#[test]
fn problem_pointers_decode_as_json_pointers() {
    let names = ["first name", "a/b", "m~n", "~1", "é%", "", "#?", "07", "+1"];
    let violations: Vec<Violation> = names
        .iter()
        .map(|n| Violation::new(["body", "items"], "bad").at(3).at(*n))
        .chain([
            Violation::new(["query", "7"], "digits"),
            Violation::new(["body", "body", "x"], "twice"),
            Violation::new(["body"], "root"),
        ])
        .collect();
    let err = Pinned::Invalid {
        message: "invalid".into(),
        violations,
    };
    let res = err.to_response(&Problem::new("https://e.x/"), &Context::new());
    let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    let pointers: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        [
            "#/items/3/first%20name",
            "#/items/3/a~1b",
            "#/items/3/m~0n",
            "#/items/3/~01",
            "#/items/3/%C3%A9%25",
            "#/items/3/",
            "#/items/3/%23?",
            "#/items/3/07",
            "#/items/3/+1",
            "#/query/7",
            "#/body/x",
            "#",
        ]
    );
    let remote = RemoteError::from_response(&res);
    let locs: Vec<Vec<Segment>> = remote.violations.into_iter().map(|v| v.loc).collect();
    let mut want: Vec<Vec<Segment>> = names
        .iter()
        .map(|n| vec!["items".into(), 3.into(), n.to_string().into()])
        .collect();
    want.extend([
        vec!["query".into(), Segment::Index(7)],
        vec!["body".into(), "x".into()],
        vec![],
    ]);
    assert_eq!(locs, want);
}

/// ScaiWave: an `error.details` object is details, a list is violations, and only the
/// exact detail entries at the end of a list (after the first entry) are details.
#[test]
fn scaiwave_tells_details_from_violations_by_shape() {
    // The property test's find: a violation of kind `detail` at one name.
    let v = Violation::new(["name"], "bad").kind("detail");
    let err = Pinned::Invalid {
        message: "invalid".into(),
        violations: vec![v.clone()],
    };
    let remote = round_trip(&err, &ScaiWave, &Context::new());
    assert!(remote.details.is_empty(), "{:?}", remote.details);
    assert_eq!(remote.violations, std::slice::from_ref(&v));

    // Even one written exactly like a detail entry, when it is the first entry.
    let twin = v.clone().input("x");
    let err = Pinned::InvalidDetailed {
        message: "bad".into(),
        violations: vec![twin.clone()],
        name: "n".into(),
    };
    let remote = round_trip(&err, &ScaiWave, &Context::new());
    assert_eq!(remote.violations, std::slice::from_ref(&twin));
    assert_eq!(remote.detail::<String>("name").as_deref(), Some("n"));

    // Violations and a detail, side by side.
    let other = Violation::new(["body", "age"], "too old")
        .kind("detail")
        .input(1);
    let err = Pinned::InvalidDetailed {
        message: "invalid".into(),
        violations: vec![other.clone(), v.clone().input("x")],
        name: "n".into(),
    };
    let remote = round_trip(&err, &ScaiWave, &Context::new());
    assert_eq!(remote.violations, [other.clone(), v.clone().input("x")]);
    assert_eq!(remote.details.len(), 1);
    assert_eq!(remote.detail::<String>("name").as_deref(), Some("n"));

    // A detail named `fields` is a detail in ScaiWave's object (ScaiKey's `fields` are
    // its violations).
    let err = Pinned::Fields {
        fields: vec!["a".into()],
    };
    let remote = round_trip(&err, &ScaiWave, &Context::new());
    assert!(remote.violations.is_empty());
    assert_eq!(
        remote.detail::<Vec<String>>("fields"),
        Some(vec!["a".into()])
    );

    // Not when it is at the name of a detail listed after it (names are distinct).
    let err = Pinned::InvalidDetailed {
        message: "bad".into(),
        violations: vec![other.clone(), twin.clone()],
        name: "n".into(),
    };
    let remote = round_trip(&err, &ScaiWave, &Context::new());
    assert_eq!(remote.violations, [other.clone(), twin]);
    assert_eq!(remote.details.len(), 1);

    // The documented ambiguity: a last violation written exactly like a detail entry
    // (kind `detail`, one name, an input, no ctx, the error's message) reads as one.
    let label = Violation::new(["label"], "bad").kind("detail").input("x");
    let err = Pinned::InvalidDetailed {
        message: "bad".into(),
        violations: vec![other.clone(), label],
        name: "n".into(),
    };
    let remote = round_trip(&err, &ScaiWave, &Context::new());
    assert_eq!(remote.violations, [other]);
    assert_eq!(remote.detail::<String>("label").as_deref(), Some("x"));
    assert_eq!(remote.detail::<String>("name").as_deref(), Some("n"));
    assert_eq!(remote.details.len(), 2);
}

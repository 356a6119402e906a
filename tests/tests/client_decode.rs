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
use api_envelope::{ApiError, Context, Segment};
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

            assert_eq!(remote.format, Some(wire), "{what}");
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
                        WireFormat::ScaiGrid | WireFormat::ScaiDrive | WireFormat::ScaiKey
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

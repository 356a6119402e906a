//! The client against bodies written by servers we do not control (issue 14): every
//! figure checked, every decode linear in the body, bad values lost one by one (never
//! the envelope), exact media types, and the envelope's own fields read only where the
//! format puts them.
//!
//! Then the stable-toolchain counterpart of the cargo-fuzz target `runtime/fuzz`: the
//! same acceptance check (`runtime/fuzz/src/lib.rs`, compiled here with `#[path]`) over
//! property-generated envelopes of all five formats, mutated, cut and damaged, over
//! arbitrary bytes, over a seeded run of mutations of every product's samples, and over
//! the fuzz seeds and regressions. Memory and time on growing sizes are measured in
//! `runtime/tests/client_memory.rs` and `client_time.rs` (binaries of their own).
//!
//! Case counts are set per test so the file runs in well under a minute in a debug
//! build on two cores; `PROPTEST_CASES` and `CLIENT_FUZZ_INPUTS` raise them.

use std::time::{Duration, Instant};

use api_envelope::client::{ReadOptions, RemoteError, WireFormat};
use api_envelope::format::{Format, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::http::{HeaderMap, HeaderValue, StatusCode};
use api_envelope::{ApiError, Context, Segment, Violation};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Value, json};

#[path = "../../runtime/fuzz/src/lib.rs"]
mod fuzz_check;

fn read(status: u16, headers: &[(&'static str, &str)], body: &[u8]) -> RemoteError {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(*name, HeaderValue::from_str(value).unwrap());
    }
    RemoteError::from_parts(StatusCode::from_u16(status).unwrap(), &map, body)
}

// ---------------------------------------------------------------------------------------
// Regressions: each failed before the fix that came with it.

/// A `Retry-After` date far in the future overflowed (a panic in debug builds, a garbage
/// figure in release); it saturates, as do delta-seconds and body figures past `u64`.
#[test]
fn far_future_retry_after_saturates() {
    let max = Some(Duration::from_secs(u64::MAX));
    for date in [
        "Fri, 31 Dec 9223372036854775807 23:59:59 GMT",
        "Fri, 31 Dec 292277026596 23:59:59 GMT",
        "Fri, 31 Dec 99999999999999999999 23:59:59 GMT",
    ] {
        assert_eq!(
            read(429, &[("retry-after", date)], b"").retry_after,
            max,
            "{date}"
        );
    }
    // Far, but within the figures: read exactly.
    let year = read(
        429,
        &[("retry-after", "Fri, 31 Dec 99999999999 23:59:59 GMT")],
        b"",
    );
    assert!(year.retry_after > Some(Duration::from_secs(3_155_695_000_000_000_000)));
    assert!(year.retry_after < Some(Duration::from_secs(3_155_696_000_000_000_000)));
    // A date in range, and one in the past (no wait), and before the epoch.
    let far = read(
        429,
        &[("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT")],
        b"",
    );
    assert!(far.retry_after > Some(Duration::from_secs(200 * 365 * 86_400)));
    for past in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov -5 08:49:37 GMT",
        "Sun, 06 Nov -99999999999999 08:49:37 GMT",
    ] {
        let got = read(429, &[("retry-after", past)], b"").retry_after;
        assert_eq!(got, Some(Duration::ZERO), "{past}");
    }
    // Delta-seconds past u64.
    let huge = read(429, &[("retry-after", "99999999999999999999999")], b"");
    assert_eq!(huge.retry_after, max);
    // ScaiGrid's body figure, past u64 or past what a `Duration` holds.
    for figure in [
        "1e300",
        "18446744073709551616",
        "\"99999999999999999999999\"",
    ] {
        let body = format!(
            r#"{{"status":"error","error":{{"code":"RATE_LIMITED","message":"slow","retry_after":{figure}}},"meta":{{"request_id":"r"}}}}"#
        );
        let remote = read(429, &[], body.as_bytes());
        assert_eq!(remote.format, Some(WireFormat::ScaiGrid), "{figure}");
        assert_eq!(remote.retry_after, max, "{figure}");
    }
    let negative = br#"{"status":"error","error":{"code":"RATE_LIMITED","message":"slow","retry_after":-3},"meta":{}}"#;
    assert_eq!(read(429, &[], negative).retry_after, None);
}

/// One number out of range (`1e999999`), a `NaN` (Python's `json.dumps` writes them), a
/// lone surrogate or one invalid UTF-8 byte lost the whole envelope: now each loses that
/// value only.
#[test]
fn a_bad_value_loses_that_value_not_the_envelope() {
    let bad_values: [&[u8]; 6] = [
        b"1e999999",
        b"-1e999999",
        b"NaN",
        b"Infinity",
        b"\"\\ud800\"",
        b"\"caf\xe9\"",
    ];
    for bad in bad_values {
        let what = String::from_utf8_lossy(bad);
        let mut body =
            br#"{"error":{"code":"SK_CONFLICT","message":"clash","details":{"n":"#.to_vec();
        body.extend_from_slice(bad);
        body.extend_from_slice(br#","room":"r1"},"request_id":"req_1"}}"#);
        let remote = read(409, &[], &body);
        assert_eq!(remote.format, Some(WireFormat::ScaiKey), "{what}");
        assert_eq!(remote.code.as_deref(), Some("SK_CONFLICT"), "{what}");
        assert_eq!(remote.message, "clash", "{what}");
        assert_eq!(remote.request_id.as_deref(), Some("req_1"), "{what}");
        assert_eq!(
            remote.detail::<String>("room").as_deref(),
            Some("r1"),
            "{what}"
        );
    }
    // The bad text itself is read with U+FFFD in place of what could not be decoded.
    let remote = read(
        409,
        &[],
        b"{\"error\":{\"code\":\"c\",\"message\":\"caf\xe9 \\ud800!\",\"request_id\":\"r\"}}",
    );
    assert_eq!(remote.message, "caf\u{fffd} \u{fffd}!");
    // In a list, a bad value keeps its place (as `null`), so locations keep theirs.
    let remote = read(
        422,
        &[],
        br#"{"detail":[{"type":"t","loc":["body",1e999999,"x"],"msg":"m"},{"type":"u","loc":["q"],"msg":"n","input":NaN}]}"#,
    );
    assert_eq!(remote.format, Some(WireFormat::ScaiDrive));
    assert_eq!(remote.violations.len(), 2);
    assert_eq!(
        remote.violations[0].loc,
        [
            Segment::from("body"),
            Segment::from("null"),
            Segment::from("x")
        ]
    );
    assert_eq!(remote.violations[1].message, "n");
}

/// A body cut short (by a proxy, or by the client's own cap) or nested past any parser's
/// limit lost everything; now what comes before the cut is read.
#[test]
fn a_cut_or_deep_body_keeps_what_it_can() {
    let body = br#"{"error":{"code":"SK_CONFLICT","message":"clash","request_id":"req_1","details":{"room":"r1","note":"the rest is cu"#;
    for end in [body.len(), body.len() - 3, body.len() - 20] {
        let remote = read(409, &[], &body[..end]);
        assert_eq!(remote.code.as_deref(), Some("SK_CONFLICT"), "{end}");
        assert_eq!(remote.message, "clash");
        assert_eq!(remote.request_id.as_deref(), Some("req_1"));
    }
    let mut deep = br#"{"error":{"code":"SW_DEEP","message":"deep","details":{"d":"#.to_vec();
    deep.extend(std::iter::repeat_n(b'[', 100_000));
    deep.extend(std::iter::repeat_n(b']', 100_000));
    deep.extend_from_slice(br#","e":1}}}"#);
    let remote = read(409, &[], &deep);
    assert_eq!(remote.code.as_deref(), Some("SW_DEEP"));
    assert_eq!(remote.message, "deep");
    assert_eq!(remote.detail::<u64>("e"), Some(1));
}

/// A violation list of any length is capped (at what a renderer within the runtime's
/// limits lists: `MAX_VIOLATIONS` and the entry counting the rest).
#[test]
fn violations_are_capped() {
    let entry = r#"{"type":"missing","loc":["body","x"],"msg":"Field required"}"#;
    let list = vec![entry; 10_000].join(",");
    let body = format!(r#"{{"detail":[{list}]}}"#);
    let remote = read(422, &[], body.as_bytes());
    let cap = api_envelope::format::limits::MAX_VIOLATIONS + 1;
    assert_eq!(remote.violations.len(), cap);
    assert!(remote.message.len() < 100 * cap, "{}", remote.message.len());
}

/// Float `loc` segments were dropped: every segment is kept, an index as an index and
/// anything else as its JSON text.
#[test]
fn every_loc_segment_is_kept() {
    let remote = read(
        422,
        &[],
        br#"{"detail":[{"type":"t","loc":["body",1.5,-1,0,true,null,{"a":1},"x"],"msg":"m"}]}"#,
    );
    let text = |s: &'static str| Segment::from(s);
    assert_eq!(
        remote.violations[0].loc,
        [
            text("body"),
            text("1.5"),
            text("-1"),
            Segment::Index(0),
            text("true"),
            text("null"),
            text(r#"{"a":1}"#),
            text("x"),
        ]
    );
}

/// `application/problem+jsonx` was read as a problem: only `application/problem+json`,
/// with parameters or not, in any case, is.
#[test]
fn only_the_exact_problem_media_type_is_a_problem() {
    let body = br#"{"detail":"slow down"}"#;
    for ct in [
        "application/problem+json",
        "application/problem+json; charset=utf-8",
        "Application/Problem+JSON ;charset=UTF-8",
        " application/problem+json",
    ] {
        let remote = read(429, &[("content-type", ct)], body);
        assert_eq!(remote.format, Some(WireFormat::Problem), "{ct}");
    }
    for ct in [
        "application/problem+jsonx",
        "application/problem+json2; charset=utf-8",
        "application/problem+xml",
        "application/json",
        "text/problem+json",
    ] {
        let remote = read(429, &[("content-type", ct)], body);
        assert_eq!(remote.format, Some(WireFormat::ScaiDrive), "{ct}");
    }
}

/// A `type` that is the base URI alone gave the code `errors`: a code comes from `type`
/// only when its last segment is not empty.
#[test]
fn a_type_without_a_code_segment_gives_no_code() {
    let problem = |ty: &str| {
        let body = format!(r#"{{"type":"{ty}","title":"Bad","status":400,"detail":"d"}}"#);
        read(
            400,
            &[("content-type", "application/problem+json")],
            body.as_bytes(),
        )
    };
    for ty in [
        "https://docs.example.com/errors/",
        "https://docs.example.com/errors/#",
        "about:blank",
        "",
        "/",
    ] {
        let remote = problem(ty);
        assert_eq!(remote.code, None, "{ty}");
        assert_eq!(remote.type_uri.as_deref(), Some(ty));
    }
    let code = |ty| problem(ty).code;
    assert_eq!(
        code("https://docs.example.com/errors/auth.token.invalid").as_deref(),
        Some("auth.token.invalid")
    );
    assert_eq!(code("https://e.x/errors#quota").as_deref(), Some("quota"));
    assert_eq!(code("https://e.x/errors/a%20b").as_deref(), Some("a b"));
    assert_eq!(code("auth.denied").as_deref(), Some("auth.denied"));
}

#[derive(Debug, ApiError)]
#[api_error(convention = "dotted")]
enum Named {
    /// A detail named like the request id.
    #[code("named.request_id", status = 409)]
    #[message("named request id")]
    RequestId {
        #[detail]
        request_id: String,
    },
    /// A detail named like the retry hint.
    #[code("named.retry_after", status = 409)]
    #[message("named retry after")]
    RetryAfter {
        #[detail]
        retry_after: u64,
    },
}

/// A Problem `#[detail]` named `request_id` or `retry_after` was read back as the
/// envelope's own field: a problem's id is `X-Request-ID` and its retry hint
/// `Retry-After`, where the format puts them; extension members are details.
#[test]
fn the_envelopes_own_fields_come_from_where_the_format_puts_them() {
    let problem = Problem::new("https://e.x/errors/");
    let err = Named::RequestId {
        request_id: "not the id".into(),
    };
    let res = err.to_response(&problem, &Context::new().request_id("req_1"));
    let remote = RemoteError::from_response(&res);
    assert_eq!(remote.request_id, None);
    assert_eq!(
        remote.detail::<String>("request_id").as_deref(),
        Some("not the id")
    );
    let mut res = res;
    res.headers_mut()
        .insert("x-request-id", HeaderValue::from_static("req_1"));
    assert_eq!(
        RemoteError::from_response(&res).request_id.as_deref(),
        Some("req_1")
    );

    let err = Named::RetryAfter { retry_after: 30 };
    let remote = RemoteError::from_response(&err.to_response(&problem, &Context::new()));
    assert_eq!(remote.retry_after, None);
    assert_eq!(remote.detail::<u64>("retry_after"), Some(30));

    // ScaiWave, ScaiDrive and ScaiKey carry no retry hint in the body either.
    for body in [
        &br#"{"error":{"code":"SW_SLOW","message":"m","retry_after":5}}"#[..],
        br#"{"detail":"m","retry_after":5}"#,
        br#"{"error":{"code":"slow","message":"m","retry_after":5,"request_id":"r"}}"#,
    ] {
        let remote = read(429, &[], body);
        assert!(remote.format.is_some());
        assert_eq!(
            remote.retry_after,
            None,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Time linear in the body

/// The least time of `runs` reads of `body` (the least is the least noisy figure on a
/// busy machine).
fn least_time(body: &[u8], runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let remote = read(422, &[], body);
            std::hint::black_box(&remote);
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// A body of about `size` bytes: `head`, then `entry(i)` repeated, then `tail`.
fn grown(size: usize, head: &str, entry: impl Fn(usize) -> String, tail: &str) -> Vec<u8> {
    let mut body = head.as_bytes().to_vec();
    let mut i = 0;
    while body.len() + tail.len() < size {
        if !matches!(body.last(), Some(b'[' | b'{')) {
            body.push(b',');
        }
        body.extend_from_slice(entry(i).as_bytes());
        i += 1;
    }
    body.extend_from_slice(tail.as_bytes());
    body
}

/// The ratio of the times for a body 16 times larger: 16 when linear, 256 when
/// quadratic; the bound leaves room for cache effects and noise.
fn assert_linear(name: &str, make: impl Fn(usize) -> Vec<u8>) {
    const SMALL: usize = 64 * 1024;
    const LARGE: usize = 16 * SMALL - 1024;
    let (small, large) = (make(SMALL), make(LARGE));
    // Warm up, then alternate so both sizes see the same machine.
    least_time(&small, 1);
    let mut t_small = Duration::MAX;
    let mut t_large = Duration::MAX;
    for _ in 0..3 {
        t_small = t_small.min(least_time(&small, 3));
        t_large = t_large.min(least_time(&large, 1));
    }
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    assert!(
        ratio < 48.0,
        "{name}: {t_small:?} for {} bytes, {t_large:?} for {} bytes: ratio {ratio:.1}",
        small.len(),
        large.len()
    );
}

/// ScaiWave's detail entries at the end of a list were matched by a quadratic search
/// (a 4 MB body took 34 s).
#[test]
fn scaiwave_detail_entries_decode_in_linear_time() {
    assert_linear("ScaiWave detail entries", |size| {
        grown(
            size,
            r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"m","details":[{"type":"missing","loc":["body","x"],"msg":"Field required"}"#,
            |i| format!(r#"{{"type":"detail","loc":["n{i}"],"msg":"m","input":{i}}}"#),
            "]}}",
        )
    });
}

// ---------------------------------------------------------------------------------------
// What a renderer within the runtime's limits sends is read whole.

/// The densest envelope the renderer sends (every violation part, 100 of them and the
/// entry counting the rest, nested inputs and contexts) is read without loss in every
/// format: the memory budget's floor is there for it.
#[test]
fn dense_envelopes_within_the_renderers_limits_are_read_whole() {
    #[derive(Debug, ApiError)]
    enum Dense {
        /// Validation failed.
        #[code("DN_INVALID", status = 422)]
        #[message("invalid")]
        Invalid {
            #[violations]
            violations: Vec<Violation>,
            #[detail]
            name: String,
        },
    }
    let input = json!({"a": [1, 2, {"b": "c", "d": [true, null, 1.5]}], "e": "é😀"});
    let violations = (0..api_envelope::format::limits::MAX_VIOLATIONS + 20)
        .map(|i| {
            Violation::new(["body", "items"], "String should have at least 1 character")
                .at(i)
                .at("name")
                .kind("string_too_short")
                .input(input.clone())
                .ctx("min_length", 1)
                .ctx("pattern", "^[a-z]+$")
        })
        .collect();
    let err = Dense::Invalid {
        violations,
        name: "n".into(),
    };
    for (wire, format) in formats() {
        let res = err.to_response(&*format, &Context::new().request_id("req_1"));
        let remote = RemoteError::from_response(&res);
        assert!(remote.losses.is_none(), "{wire}: {:?}", remote.losses);
        assert_eq!(remote.format, Some(wire));
        assert_eq!(
            remote.violations.len(),
            api_envelope::format::limits::MAX_VIOLATIONS + 1,
            "{wire}"
        );
    }
}

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

// ---------------------------------------------------------------------------------------
// Property tests: envelopes of all five formats, arbitrary, mutated, cut and damaged.

fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text that trips up escaping and UTF-8.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z_ ]{0,12}",
        2 => vec(
            prop_oneof![
                any::<char>(),
                prop::sample::select(vec!['"', '\\', '\u{0}', '\u{1f}', '\u{7f}', 'é', '😀', '\u{fffd}', '\u{2028}']),
            ],
            0..12
        )
        .prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        text().prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..5).prop_map(Value::Array),
            btree_map(text(), inner, 0..5).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An envelope written by hand in one of the five shapes, with arbitrary members.
#[derive(Debug, Clone)]
struct Synthetic {
    wire: WireFormat,
    code: String,
    message: String,
    request_id: String,
    details: Map<String, Value>,
    /// The details before the code and message in the body, not after.
    details_first: bool,
}

fn synthetic() -> impl Strategy<Value = Synthetic> {
    (
        prop::sample::select(WireFormat::ALL.to_vec()),
        "[a-z]{1,8}(\\.[a-z_]{1,8}){0,2}",
        text(),
        "[a-zA-Z0-9_-]{1,16}",
        btree_map("[a-z]{1,6}", json_value(), 0..5),
        any::<bool>(),
    )
        .prop_map(
            |(wire, code, message, request_id, details, details_first)| Synthetic {
                wire,
                code,
                message,
                request_id,
                // `fields` is ScaiKey's violations, not a detail.
                details: details.into_iter().filter(|(k, _)| k != "fields").collect(),
                details_first,
            },
        )
}

/// A member of `map` in order.
fn put(map: &mut Map<String, Value>, key: &str, value: Value) {
    map.insert(key.to_owned(), value);
}

impl Synthetic {
    fn status(&self) -> StatusCode {
        StatusCode::CONFLICT
    }

    fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-request-id",
            HeaderValue::from_str(&self.request_id).unwrap(),
        );
        if self.wire == WireFormat::Problem {
            headers.insert(
                "content-type",
                HeaderValue::from_static("application/problem+json"),
            );
        }
        headers
    }

    /// The body, with `extra` (a member name and its value) among the details.
    fn body(&self, extra: Option<(&str, Value)>) -> Value {
        let mut details = self.details.clone();
        if let Some((name, value)) = extra {
            details.insert(name.to_owned(), value);
        }
        let head = |out: &mut Map<String, Value>, details: Value| {
            if self.details_first {
                put(out, "details", details.clone());
            }
            put(out, "code", Value::from(self.code.clone()));
            put(out, "message", Value::from(self.message.clone()));
            if !self.details_first {
                put(out, "details", details);
            }
        };
        let mut root = Map::new();
        match self.wire {
            WireFormat::ScaiWave => {
                let mut error = Map::new();
                head(&mut error, Value::Object(details));
                put(&mut root, "error", Value::Object(error));
            }
            WireFormat::ScaiKey => {
                let mut error = Map::new();
                head(&mut error, Value::Object(details));
                put(
                    &mut error,
                    "request_id",
                    Value::from(self.request_id.clone()),
                );
                put(&mut root, "error", Value::Object(error));
            }
            WireFormat::ScaiGrid => {
                let list = details
                    .into_iter()
                    .map(|(field, value)| json!({"field": field, "message": "m", "value": value}))
                    .collect();
                put(&mut root, "status", Value::from("error"));
                let mut error = Map::new();
                head(&mut error, Value::Array(list));
                put(&mut root, "error", Value::Object(error));
                put(&mut root, "meta", json!({"request_id": self.request_id}));
            }
            WireFormat::ScaiDrive => {
                // No code and no details: the other members are extras a proxy added.
                if self.details_first {
                    root.extend(details.clone());
                }
                put(&mut root, "detail", Value::from(self.message.clone()));
                if !self.details_first {
                    root.extend(details.into_iter().filter(|(k, _)| k != "detail"));
                }
            }
            _ => {
                let reserved = [
                    "type", "title", "status", "detail", "instance", "code", "errors",
                ];
                let details: Map<String, Value> = details
                    .into_iter()
                    .filter(|(k, _)| !reserved.contains(&k.as_str()))
                    .collect();
                if self.details_first {
                    root.extend(details.clone());
                }
                put(
                    &mut root,
                    "type",
                    Value::from(format!("https://e.x/errors/{}", self.code)),
                );
                put(&mut root, "title", Value::from("Conflict"));
                put(&mut root, "status", Value::from(409));
                put(&mut root, "detail", Value::from(self.message.clone()));
                put(&mut root, "code", Value::from(self.code.clone()));
                if !self.details_first {
                    root.extend(details);
                }
            }
        }
        Value::Object(root)
    }

    /// Checks what was read: the code, message and request id always, and the details
    /// but for `damaged`, which may be missing or have U+FFFD in it.
    fn check(&self, remote: &RemoteError, damaged: Option<&str>) -> Result<(), TestCaseError> {
        prop_assert_eq!(remote.format, Some(self.wire));
        let code = (self.wire != WireFormat::ScaiDrive).then_some(self.code.as_str());
        prop_assert_eq!(remote.code.as_deref(), code);
        prop_assert_eq!(&remote.message, &self.message);
        prop_assert_eq!(remote.request_id.as_deref(), Some(self.request_id.as_str()));
        if matches!(self.wire, WireFormat::ScaiDrive | WireFormat::Problem) {
            return Ok(());
        }
        for (name, value) in &self.details {
            if Some(name.as_str()) == damaged {
                continue;
            }
            prop_assert!(
                remote
                    .details
                    .get(name)
                    .is_some_and(|v| fuzz_check::same_json(v, value)),
                "{name}: {:?} vs {value:?}",
                remote.details.get(name)
            );
        }
        Ok(())
    }
}

/// Bad values as a server may write them, each closing what it opens (a value that
/// leaves a bracket open takes the rest of the body into itself: see the mutations).
fn bad_value() -> impl Strategy<Value = &'static [u8]> {
    prop::sample::select(vec![
        &b"1e999999"[..],
        b"-1e999999",
        b"NaN",
        b"Infinity",
        b"-Infinity",
        b"undefined",
        b"01",
        b"1.",
        b"-",
        b"tru",
        b"\"\\ud800\"",
        b"\"caf\xe9\"",
        b"\"\xff\xfe\"",
        b"\"a\\x\"",
        b"{\"a\":}",
        b"{\"a\" 1}",
        b"[1 2]",
        b"{:}",
        b"'single'",
        b"0x10",
    ])
}

/// A change to a body.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, &'static [u8]),
    Remove(usize, usize),
    Cut(usize),
    Repeat(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let token = prop::sample::select(vec![
        &b"1e999999"[..],
        b"NaN",
        b"\xff",
        b"\\ud800",
        b"\"",
        b"{",
        b"[",
        b"]",
        b"}",
        b",",
        b":",
        b"\\",
        b"-",
        b"0",
        b"\x00",
        b"\xe2\x82",
        b"null",
        b" ",
        b"\"error\":",
        b"\"code\":\"x\"",
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), token).prop_map(|(at, t)| Mutation::Insert(at, t)),
        (any::<usize>(), 1usize..16).prop_map(|(at, n)| Mutation::Remove(at, n)),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), 1usize..32, 1usize..64).prop_map(|(at, n, k)| Mutation::Repeat(at, n, k)),
    ]
}

fn mutate(body: &mut Vec<u8>, m: &Mutation) {
    let len = body.len();
    let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
    match *m {
        Mutation::Flip(i, b) if len > 0 => body[i % len] ^= b | 1,
        Mutation::Flip(..) => {}
        Mutation::Insert(i, token) => {
            let i = at(i);
            body.splice(i..i, token.iter().copied());
        }
        Mutation::Remove(i, n) => {
            let i = at(i);
            body.drain(i..(i + n).min(len));
        }
        Mutation::Cut(i) => body.truncate(at(i)),
        Mutation::Repeat(i, n, k) => {
            let i = at(i);
            let piece: Vec<u8> = body[i..(i + n).min(len)].to_vec();
            let tail = body.split_off(i);
            for _ in 0..k {
                body.extend_from_slice(&piece);
            }
            body.extend(tail);
        }
    }
}

/// Every product's samples, rendered in every format, as responses.
fn rendered_samples() -> Vec<(StatusCode, HeaderMap, Vec<u8>)> {
    use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};
    let mut out = Vec::new();
    for samples in [
        scaiwave::samples,
        scaigrid::samples,
        scaidrive::samples,
        scaikey::samples,
        sonny::samples,
    ] {
        for err in samples() {
            for (_, format) in formats() {
                let ctx = Context::new().request_id("req_1").instance("/v1/x");
                let res = api_envelope::render::to_response(&*err, &*format, &ctx);
                out.push((res.status(), res.headers().clone(), res.body().clone()));
            }
        }
    }
    out
}

fn samples() -> &'static [(StatusCode, HeaderMap, Vec<u8>)] {
    static SAMPLES: std::sync::OnceLock<Vec<(StatusCode, HeaderMap, Vec<u8>)>> =
        std::sync::OnceLock::new();
    SAMPLES.get_or_init(rendered_samples)
}

proptest! {
    #![proptest_config(config(256))]

    /// A synthetic envelope of any format is read back, then with any member's value
    /// made bad, before or after the code and message: that value alone is lost.
    #[test]
    fn a_bad_value_anywhere_loses_only_itself(
        env in synthetic(),
        bad in bad_value(),
        name in "[a-z]{1,6}",
    ) {
        let text = serde_json::to_vec(&env.body(None)).unwrap();
        let remote = RemoteError::from_parts(env.status(), &env.headers(), &text);
        env.check(&remote, None)?;
        prop_assert!(remote.losses.is_none(), "{:?}", remote.losses);
        fuzz_check::check_response(env.status(), &env.headers(), &text);

        let marker = "\u{1}BAD\u{1}";
        let text = serde_json::to_vec(&env.body(Some((&name, Value::from(marker))))).unwrap();
        let quoted = serde_json::to_vec(marker).unwrap();
        let at = text.windows(quoted.len()).position(|w| w == quoted).unwrap();
        let mut damaged = text[..at].to_vec();
        damaged.extend_from_slice(bad);
        damaged.extend_from_slice(&text[at + quoted.len()..]);
        let remote = RemoteError::from_parts(env.status(), &env.headers(), &damaged);
        env.check(&remote, Some(&name))?;
        prop_assert!(!remote.losses.is_none(), "{:?}", remote.losses);
        fuzz_check::check_response(env.status(), &env.headers(), &damaged);
    }

    /// Cut anywhere after the message, an envelope keeps its code and message; cut
    /// anywhere at all, or read with a cap anywhere, it is read without a panic.
    #[test]
    fn a_cut_body_keeps_what_precedes_the_cut(env in synthetic(), cut in any::<prop::sample::Index>()) {
        let env = Synthetic { details_first: false, ..env };
        let text = serde_json::to_vec(&env.body(None)).unwrap();
        let at = cut.index(text.len() + 1);
        let remote = RemoteError::from_parts(env.status(), &env.headers(), &text[..at]);
        let capped = ReadOptions::new().max_body_bytes(at).read(env.status(), &env.headers(), &text);
        prop_assert_eq!(&remote.code, &capped.code);
        prop_assert_eq!(&remote.message, &capped.message);
        let message = serde_json::to_vec(&Value::from(env.message.clone())).unwrap();
        let end = text.windows(message.len()).position(|w| w == message).unwrap() + message.len();
        if at >= end && matches!(env.wire, WireFormat::ScaiWave | WireFormat::ScaiKey | WireFormat::ScaiGrid) {
            prop_assert_eq!(remote.code.as_deref(), Some(env.code.as_str()));
            prop_assert_eq!(&remote.message, &env.message);
        }
        // (An empty body is no JSON at all, so nothing of it is lost.)
        prop_assert_eq!(remote.losses.body_cut, at > 0 && at < text.len());
        fuzz_check::check_response(env.status(), &env.headers(), &text[..at]);
    }

    /// Rendered samples of every product in every format, mutated up to four times.
    #[test]
    fn mutated_samples_never_panic(
        which in any::<prop::sample::Index>(),
        mutations in vec(mutation(), 1..5),
    ) {
        let (status, headers, body) = &samples()[which.index(samples().len())];
        let mut body = body.clone();
        for m in &mutations {
            mutate(&mut body, m);
        }
        fuzz_check::check_response(*status, headers, &body);
    }

    /// Arbitrary bytes, and arbitrary JSON, as a response (status, headers and body).
    #[test]
    fn arbitrary_responses_never_panic(data in vec(any::<u8>(), 0..512), value in json_value()) {
        fuzz_check::check(&data);
        let body = serde_json::to_vec(&value).unwrap();
        fuzz_check::check(&fuzz_check::encode(422, &[("content-type", b"application/problem+json")], &body));
        fuzz_check::check(&fuzz_check::encode(500, &[], &body));
    }
}

// ---------------------------------------------------------------------------------------
// A seeded fuzz run (the stable counterpart of `cargo fuzz run client`), and the fuzz
// seeds and regressions replayed.

/// A small deterministic generator (xorshift64*), so every run checks the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }
}

/// `CLIENT_FUZZ_INPUTS` inputs (20 000 unless set): each a rendered sample with one to
/// eight random mutations, as a whole response in the fuzz target's layout (so the
/// status and headers are mutated too).
#[test]
fn seeded_fuzz_run_over_mutated_samples() {
    let inputs: usize = std::env::var("CLIENT_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let tokens: [&[u8]; 12] = [
        b"1e999999",
        b"NaN",
        b"\xff",
        b"\\ud800",
        b"\"",
        b"{",
        b"[",
        b"]",
        b"}",
        b",",
        b":",
        b"\x00",
    ];
    let seeds: Vec<Vec<u8>> = samples()
        .iter()
        .map(|(status, headers, body)| {
            let headers: Vec<(&str, &[u8])> = headers
                .iter()
                .filter_map(|(name, value)| {
                    let name = fuzz_check::HEADER_NAMES
                        .iter()
                        .find(|n| **n == name.as_str())?;
                    Some((*name, value.as_bytes()))
                })
                .collect();
            fuzz_check::encode(status.as_u16(), &headers, body)
        })
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = Instant::now();
    for _ in 0..inputs {
        let mut data = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(8) {
            let m = match rng.below(5) {
                0 => Mutation::Flip(
                    rng.below(usize::MAX),
                    u8::try_from(rng.below(256)).unwrap_or(1),
                ),
                1 => Mutation::Insert(rng.below(usize::MAX), tokens[rng.below(tokens.len())]),
                2 => Mutation::Remove(rng.below(usize::MAX), 1 + rng.below(16)),
                3 => Mutation::Cut(rng.below(usize::MAX)),
                _ => Mutation::Repeat(rng.below(usize::MAX), 1 + rng.below(32), 1 + rng.below(64)),
            };
            mutate(&mut data, &m);
        }
        fuzz_check::check(&data);
    }
    eprintln!("{inputs} inputs in {:?}", start.elapsed());
}

/// The fuzz target's seeds and every crash it found (`runtime/fuzz/regressions/`),
/// replayed.
#[test]
fn fuzz_seeds_and_regressions_replay() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/fuzz");
    let mut replayed = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for entry in entries {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            fuzz_check::check(&data);
            replayed += 1;
        }
    }
    assert!(replayed >= 25, "{replayed} files replayed");
}

/// Writes the fuzz target's seeds (`runtime/fuzz/seeds/`): one rendered sample per
/// format, status and size, and the hostile shapes at 4 KiB. Run on demand:
/// `cargo test -p api-envelope-tests --test client_hostile -- --ignored write_fuzz_seeds`.
#[test]
#[ignore = "writes files; run on demand"]
fn write_fuzz_seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/fuzz/seeds");
    std::fs::create_dir_all(dir).unwrap();
    let mut seen = std::collections::HashSet::new();
    for (status, headers, body) in samples() {
        let format = RemoteError::from_parts(*status, headers, body).format;
        if !seen.insert((
            format.map(WireFormat::name),
            status.as_u16(),
            body.len() / 500,
        )) {
            continue;
        }
        let headers: Vec<(&str, &[u8])> = headers
            .iter()
            .filter_map(|(name, value)| {
                let name = fuzz_check::HEADER_NAMES
                    .iter()
                    .find(|n| **n == name.as_str())?;
                Some((*name, value.as_bytes()))
            })
            .collect();
        let data = fuzz_check::encode(status.as_u16(), &headers, body);
        let name = format!(
            "{}-{}-{}",
            format.map_or("none", WireFormat::name),
            status.as_u16(),
            seen.len()
        );
        std::fs::write(format!("{dir}/{name}"), data).unwrap();
    }
    for (name, make) in hostile::shapes() {
        let data = fuzz_check::encode(
            409,
            &[("retry-after", b"Fri, 31 Dec 9999 23:59:59 GMT")],
            &make(4096),
        );
        let name: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        std::fs::write(format!("{dir}/shape-{name}"), data).unwrap();
    }
}

#[path = "../../runtime/tests/hostile/mod.rs"]
mod hostile;

//! The client against bodies written by servers we do not control (issue 14): every
//! figure checked, every decode linear in the body, bad values lost one by one (never
//! the envelope), exact media types, and the envelope's own fields read only where the
//! format puts them.

use std::time::{Duration, Instant};

use api_envelope::client::{RemoteError, WireFormat};
use api_envelope::format::Problem;
use api_envelope::http::{HeaderMap, HeaderValue, StatusCode};
use api_envelope::{ApiError, Context, Segment};

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

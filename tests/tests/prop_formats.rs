//! Property tests of the five formats: arbitrary unicode messages, details, violations,
//! request ids, instances, localised texts and retry hints always give a valid HTTP
//! response (the error's status, valid header values, a non-empty body that is JSON no
//! deeper than `MAX_DEPTH`), never panic, respect the documented limits, and read back
//! through the client (`RemoteError`) with the same code, message, details, violations,
//! request id and retry hint, as far as each format carries them.
//!
//! Case counts are set per test (`ProptestConfig::cases`) so that the file runs in well
//! under a minute in a debug build on two cores; `PROPTEST_CASES` overrides them.

use std::borrow::Cow;
use std::time::Duration;

use api_envelope::client::{RemoteError, WireFormat};
use api_envelope::format::limits::{
    MAX_DEPTH, MAX_MESSAGE_BYTES, MAX_VIOLATIONS, OMITTED_KIND, TRUNCATION_MARKER,
};
use api_envelope::format::{
    Format, LocPath, Message, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave,
};
use api_envelope::http::Response;
use api_envelope::{ApiError, Context, Segment, Violation};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Value};

/// The error every property renders: one variant per envelope feature.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "PT_")]
enum PropError {
    /// A plain conflict.
    #[code("PT_PLAIN", status = 409)]
    #[message("{message}")]
    Plain { message: String },

    /// Something is missing.
    #[code("PT_DETAILED", status = 404)]
    #[message("{message}")]
    Detailed {
        message: String,
        #[detail]
        name: String,
        #[detail]
        payload: Value,
    },

    /// Validation failed.
    #[code("PT_INVALID", status = 422)]
    #[message("{message}")]
    Invalid {
        message: String,
        #[violations]
        violations: Vec<Violation>,
        #[detail]
        name: String,
    },

    /// Slow down.
    #[code("PT_RATE_LIMITED", status = 429)]
    #[message("{message}")]
    RateLimited {
        message: String,
        #[retry_after]
        wait: u64,
        #[detail]
        name: String,
    },

    /// Internal failure.
    #[code("PT_INTERNAL", status = 500, public = "Internal error.")]
    #[message("{message}: {source}")]
    Internal {
        message: String,
        source: std::io::Error,
    },

    /// Dependency down.
    #[code("PT_UNAVAILABLE", status = 503)]
    #[message("{message}")]
    Unavailable {
        message: String,
        #[retry_after]
        wait: u64,
        #[detail]
        payload: Value,
    },

    /// Exposed timeout.
    #[code("PT_EXPOSED", status = 504, expose)]
    #[message("{message}")]
    Exposed { message: String },
}

/// What a case's context holds, owned.
#[derive(Debug, Clone)]
struct Ctx {
    request_id: Option<String>,
    instance: Option<String>,
    rate_limit: Option<(u64, u64, u64)>,
    localized: Option<String>,
}

const SECRET: &str = "SECRET-\u{1F511}";
const SOURCE: &str = "SOURCE-\u{1F511}";

// ---------------------------------------------------------------------------------------
// Strategies

/// Characters that trip up escaping, headers and boundaries.
fn special_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            '\0', '\u{1}', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{7f}',
            '\u{80}', '\u{85}', '\u{9f}', '"', '\\', '/', '\'', '<', '>', '&', '{', '}', '[',
            ']', '.', '~', '%', '#', ' ', '\u{a0}', '\u{200b}', '\u{200d}', '\u{2028}',
            '\u{2029}', '\u{202e}', '\u{fe0f}', '\u{feff}', '\u{fffd}', '\u{ffff}', '\u{301}',
            'é', '€', '😀', '\u{10ffff}', '…',
        ]),
        2 => prop::char::range('a', 'z'),
    ]
}

/// A string of exactly `target` bytes made of `unit`, padded with `a`.
fn of_bytes(unit: char, target: usize) -> String {
    let mut s = String::with_capacity(target);
    while s.len() + unit.len_utf8() <= target {
        s.push(unit);
    }
    while s.len() < target {
        s.push('a');
    }
    s
}

/// Any text: short and odd, around the message limit, or far over it.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => vec(special_char(), 0..24).prop_map(|cs| cs.into_iter().collect()),
        3 => any::<String>(),
        1 => (
            prop::sample::select(vec!['a', 'é', '€', '😀', '"', '\n']),
            (MAX_MESSAGE_BYTES - 6)..(MAX_MESSAGE_BYTES + 6),
            0usize..4,
        )
            .prop_map(|(unit, n, pad)| {
                // Shift the multi-byte units across the boundary.
                let mut s = "a".repeat(pad);
                s.push_str(&of_bytes(unit, n - pad));
                s
            }),
        1 => (any::<char>(), 20_000usize..120_000).prop_map(|(c, n)| of_bytes(c, n)),
    ]
}

/// Short text for names and keys.
fn short_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => "[a-z_][a-z0-9_]{0,8}",
        1 => vec(special_char(), 0..8).prop_map(|cs| cs.into_iter().collect()),
    ]
}

/// A JSON leaf; numbers stay ones that `serde_json` reads back bit for bit.
fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(|i| Value::from(f64::from(i) / 8.0)),
        vec(special_char(), 0..12).prop_map(|cs| Value::String(cs.into_iter().collect())),
    ]
}

fn json(depth: u32) -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(depth, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(short_text(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// `depth` levels of arrays and objects around a string.
fn nested(depth: usize) -> Value {
    let mut v = Value::from("bottom");
    for level in 0..depth {
        v = if level % 2 == 0 {
            Value::Array(vec![v])
        } else {
            let mut m = Map::new();
            m.insert("k".into(), v);
            Value::Object(m)
        };
    }
    v
}

/// A detail value: usually small, sometimes nested around and past the depth limit.
fn payload() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => json(4),
        2 => (MAX_DEPTH - 8..MAX_DEPTH + 4).prop_map(nested),
        1 => (0usize..400).prop_map(nested),
    ]
}

fn segment() -> impl Strategy<Value = Segment> {
    prop_oneof![
        2 => short_text().prop_map(Segment::from),
        // Names a dotted path or a JSON pointer has to escape, or cannot tell from an index.
        1 => prop::sample::select(vec![
            "0", "7", "07", "+1", "-1", "18446744073709551616", "body", "", "~", "/", "~1",
            "~01", "%41", "%", "a b", "a.b", "x[0]", "#",
        ])
        .prop_map(Segment::from),
        1 => (0usize..100).prop_map(Segment::Index),
        1 => any::<usize>().prop_map(Segment::Index),
    ]
}

fn kind() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(vec!["missing", "value_error", "string_type", "enum"])
            .prop_map(str::to_owned),
        // ScaiWave's detail entries are `{"type":"detail","loc":[name],...}`.
        1 => Just("detail".to_owned()),
        1 => short_text(),
    ]
}

fn violation() -> impl Strategy<Value = Violation> {
    (
        vec(segment(), 0..5),
        text(),
        kind(),
        prop::option::of(json(2)),
        prop::option::of(btree_map(short_text(), json(1), 0..3)),
    )
        .prop_map(|(loc, message, kind, input, ctx)| {
            let mut v = Violation::new(loc, message).kind(kind);
            v.input = input;
            v.ctx = ctx.map(|m| m.into_iter().collect());
            v
        })
}

fn violations() -> impl Strategy<Value = Vec<Violation>> {
    prop_oneof![
        10 => vec(violation(), 0..6),
        1 => (MAX_VIOLATIONS - 2..MAX_VIOLATIONS + 4).prop_map(|n| {
            (0..n)
                .map(|i| Violation::new(["body", "items"], format!("item {i}")).at(i))
                .collect()
        }),
    ]
}

fn wait() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..100_000, any::<u64>()]
}

fn error() -> impl Strategy<Value = PropError> {
    prop_oneof![
        text().prop_map(|message| PropError::Plain { message }),
        (text(), short_text(), payload()).prop_map(|(message, name, payload)| {
            PropError::Detailed {
                message,
                name,
                payload,
            }
        }),
        (text(), violations(), short_text()).prop_map(|(message, violations, name)| {
            PropError::Invalid {
                message,
                violations,
                name,
            }
        }),
        (text(), wait(), short_text()).prop_map(|(message, wait, name)| {
            PropError::RateLimited {
                message,
                wait,
                name,
            }
        }),
        (text(), text()).prop_map(|(message, source)| PropError::Internal {
            message: format!("{SECRET}{message}"),
            source: std::io::Error::other(format!("{SOURCE}{source}")),
        }),
        (text(), wait(), payload()).prop_map(|(message, wait, payload)| {
            PropError::Unavailable {
                message,
                wait,
                payload,
            }
        }),
        text().prop_map(|message| PropError::Exposed { message }),
    ]
}

fn context() -> impl Strategy<Value = Ctx> {
    (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of((any::<u64>(), any::<u64>(), any::<u64>())),
        prop_oneof![4 => Just(None), 1 => text().prop_map(Some)],
    )
        .prop_map(|(request_id, instance, rate_limit, localized)| Ctx {
            request_id,
            instance,
            rate_limit,
            localized,
        })
}

// ---------------------------------------------------------------------------------------
// Oracles, written without the library's helpers

/// The message limit applied to `s`: its longest prefix of at most `MAX_MESSAGE_BYTES`
/// bytes ending on a character boundary, then `…`.
fn capped(s: &str) -> String {
    if s.len() <= MAX_MESSAGE_BYTES {
        return s.to_owned();
    }
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if i + c.len_utf8() > MAX_MESSAGE_BYTES {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("{}{TRUNCATION_MARKER}", &s[..end])
}

/// The instance as a URI reference: each byte outside RFC 3986's `unreserved`,
/// `sub-delims`, `:`, `@`, `/` and `?` percent-encoded, but for the first `#` and a `%`
/// followed by two hex digits.
fn uri_reference(s: &str) -> String {
    let b = s.as_bytes();
    let mut hash = false;
    let mut out = String::new();
    for (i, &c) in b.iter().enumerate() {
        let escape = c == b'%'
            && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        let fragment = c == b'#' && !std::mem::replace(&mut hash, true);
        if c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&c) || escape || fragment {
            out.push(char::from(c));
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// The message the wire shows: localised text first, then the public text on a 5xx
/// (and in a degraded body), else the error's own message.
fn expected_message(err: &PropError, localized: Option<&str>, degraded: bool) -> String {
    if let Some(text) = localized {
        return capped(text);
    }
    let public = match err {
        PropError::Internal { .. } => Some("Internal error."),
        PropError::Unavailable { .. } => Some("Dependency down."),
        _ if degraded => Some(err.meaning()),
        _ => None,
    };
    match (public, err) {
        (Some(text), _) => text.to_owned(),
        (
            None,
            PropError::Plain { message }
            | PropError::Detailed { message, .. }
            | PropError::Invalid { message, .. }
            | PropError::RateLimited { message, .. }
            | PropError::Exposed { message },
        ) => capped(message),
        (None, _) => unreachable!(),
    }
}

fn expected_details(err: &PropError) -> Map<String, Value> {
    let mut m = Map::new();
    match err {
        PropError::Detailed { name, payload, .. } => {
            m.insert("name".into(), Value::from(name.as_str()));
            m.insert("payload".into(), payload.clone());
        }
        PropError::Invalid { name, .. } | PropError::RateLimited { name, .. } => {
            m.insert("name".into(), Value::from(name.as_str()));
        }
        PropError::Unavailable { payload, .. } => {
            m.insert("payload".into(), payload.clone());
        }
        _ => {}
    }
    m
}

fn wait_of(err: &PropError) -> Option<u64> {
    match err {
        PropError::RateLimited { wait, .. } | PropError::Unavailable { wait, .. } => Some(*wait),
        _ => None,
    }
}

/// The violations an envelope lists: the first `MAX_VIOLATIONS`, then the marker.
fn expected_violations(sent: &[Violation]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = sent
        .iter()
        .take(MAX_VIOLATIONS)
        .map(|v| (capped(&v.message), v.kind.to_string()))
        .collect();
    if sent.len() > MAX_VIOLATIONS {
        let n = sent.len() - MAX_VIOLATIONS;
        let message = if n == 1 {
            "1 more violation was left out".to_owned()
        } else {
            format!("{n} more violations were left out")
        };
        out.push((message, OMITTED_KIND.to_owned()));
    }
    out
}

/// A field name every location syntax carries unchanged (dotted paths, JSON pointers
/// in URI fragments).
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !name.chars().all(|c| c.is_ascii_digit())
}

/// A JSON Pointer segment that reads back as an array index (RFC 6901: decimal digits,
/// no leading zero), which a field name of that text cannot be told from.
fn index_like(name: &str) -> Option<usize> {
    let digits = !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = name.len() > 1 && name.starts_with('0');
    if digits && !leading_zero {
        name.parse().ok()
    } else {
        None
    }
}

/// Whether ScaiWave's list leaves a violation indistinguishable from a detail entry: for
/// a value with details, ScaiWave lists them after the violations as
/// `{"type":"detail","loc":[name],"msg":<message>,"input":value}`, and a last violation
/// (not the first) written the same way reads back as a detail (documented in the
/// client's docs).
fn wave_ambiguous(sent: &[Violation], message: &str) -> bool {
    (2..=MAX_VIOLATIONS).contains(&sent.len())
        && sent.last().is_some_and(|v| {
            v.kind == "detail"
                && matches!(v.loc.as_slice(), [Segment::Field(_)])
                && v.input.is_some()
                && v.ctx.is_none()
                && capped(&v.message) == message
        })
}

fn json_depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(json_depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(json_depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn is_generated_id(id: &str) -> bool {
    id.len() == 20
        && id.starts_with("req_")
        && id[4..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn formats() -> [(WireFormat, Box<dyn Format>); 5] {
    [
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
// The checks

/// Everything a response must be, whatever went in.
fn check_response(res: &Response<Vec<u8>>, err: &PropError) -> Result<Value, TestCaseError> {
    prop_assert_eq!(res.status(), err.status());
    for (name, value) in res.headers() {
        let bytes = value.as_bytes();
        prop_assert!(
            !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | b'\0')),
            "header {name}: {value:?}"
        );
        prop_assert!(value.to_str().is_ok(), "header {name}: {value:?}");
    }
    prop_assert!(!res.body().is_empty(), "empty body");
    prop_assert!(res.headers().contains_key("content-type"));
    let body: Value = serde_json::from_slice(res.body())
        .map_err(|e| TestCaseError::fail(format!("body is not JSON: {e}")))?;
    prop_assert!(
        json_depth(&body) <= MAX_DEPTH,
        "depth {}",
        json_depth(&body)
    );
    Ok(body)
}

fn check_one(
    err: &PropError,
    c: &Ctx,
    wire: WireFormat,
    format: &dyn Format,
) -> Result<(), TestCaseError> {
    let localizer =
        |_: &str, _: &str| -> Option<Cow<'static, str>> { c.localized.clone().map(Cow::Owned) };
    let mut ctx = Context::new();
    if let Some(id) = &c.request_id {
        ctx = ctx.request_id(id);
    }
    if let Some(instance) = &c.instance {
        ctx = ctx.instance(instance);
    }
    if let Some((limit, remaining, reset)) = c.rate_limit {
        ctx = ctx.rate_limit(limit, remaining, reset);
    }
    if c.localized.is_some() {
        ctx = ctx.locale("xx").localizer(&localizer);
    }

    // The body alone: appended after what the buffer held, or nothing on refusal.
    let mut buf = b"prefix".to_vec();
    let degraded = match err.write_body(format, &ctx, &mut buf) {
        Ok(()) => {
            prop_assert!(buf.starts_with(b"prefix"));
            false
        }
        Err(_) => {
            prop_assert_eq!(&buf, b"prefix");
            true
        }
    };
    // Only a too-deep detail refuses a body.
    let deep = match err {
        PropError::Detailed { payload, .. } | PropError::Unavailable { payload, .. } => {
            json_depth(payload) > MAX_DEPTH - 4
        }
        _ => false,
    };
    if !deep {
        prop_assert!(!degraded, "refused without a deep detail");
    }

    let res = err.to_response(format, &ctx);
    let body = check_response(&res, err)?;
    if ctx.get_request_id().is_some() && !degraded {
        prop_assert_eq!(&buf[6..], res.body().as_slice());
    }
    let text = String::from_utf8_lossy(res.body());
    let headers = format!("{:?}", res.headers());
    for marker in [SECRET, SOURCE] {
        prop_assert!(!text.contains(marker), "5xx leaked {marker}: {text}");
        prop_assert!(!headers.contains(marker), "5xx leaked {marker}: {headers}");
    }

    let remote = RemoteError::from_response(&res);
    // A ScaiKey 5xx and a ScaiWave 5xx are the same bytes: told by the code's case.
    let twins = [WireFormat::ScaiKey, WireFormat::ScaiWave];
    let expected = if twins.contains(&wire)
        && err.status().is_server_error()
        && !res.headers().contains_key("x-ratelimit-limit")
    {
        if err.code().bytes().any(|b| b.is_ascii_uppercase()) {
            WireFormat::ScaiWave
        } else {
            WireFormat::ScaiKey
        }
    } else {
        wire
    };
    prop_assert_eq!(remote.format, Some(expected));
    prop_assert_eq!(remote.status, err.status());
    let code = (wire != WireFormat::ScaiDrive).then_some(err.code());
    prop_assert_eq!(remote.code.as_deref(), code);

    let sent_violations: &[Violation] = if degraded { &[] } else { err.violations() };
    let message = expected_message(err, c.localized.as_deref(), degraded);
    prop_assert!(Message::new(err, &ctx).to_string().len() <= MAX_MESSAGE_BYTES + 3);
    if wire == WireFormat::ScaiDrive && !sent_violations.is_empty() {
        // ScaiDrive's list carries no message; the client joins the violations'.
    } else {
        // Exactly, `""` included.
        prop_assert_eq!(&remote.message, &message);
    }

    let details = if degraded {
        Map::new()
    } else {
        expected_details(err)
    };
    // The one documented case where ScaiWave's list cannot say which entry is what.
    let ambiguous = wire == WireFormat::ScaiWave
        && !details.is_empty()
        && wave_ambiguous(sent_violations, &message);

    // Details and violations.
    if ambiguous {
        prop_assert_eq!(
            remote.details.len() + remote.violations.len(),
            details.len() + sent_violations.len()
        );
    } else {
        check_entries(&remote, wire, &details, sent_violations)?;
    }

    // Request id.
    let id = ctx.get_request_id();
    match wire {
        WireFormat::ScaiWave => {
            let want = id.filter(|_| err.status().is_server_error());
            prop_assert_eq!(remote.request_id.as_deref(), want);
        }
        WireFormat::ScaiGrid | WireFormat::ScaiKey => {
            let got = remote.request_id.as_deref().unwrap_or_default();
            // The body's id, exactly (ScaiKey's header holds it sanitised).
            match id {
                Some(id) => prop_assert_eq!(got, id),
                None => prop_assert!(is_generated_id(got), "{got:?}"),
            }
            let in_body = match wire {
                WireFormat::ScaiGrid => &body["meta"]["request_id"],
                _ => &body["error"]["request_id"],
            };
            prop_assert_eq!(in_body.as_str(), Some(got));
        }
        _ => prop_assert_eq!(remote.request_id.as_deref(), None),
    }
    if wire == WireFormat::ScaiKey {
        let header = res.headers()["x-request-id"].to_str().unwrap();
        let want = api_envelope::context::header_safe_request_id(
            remote.request_id.as_deref().unwrap_or_default(),
        );
        prop_assert_eq!(header, want.as_str());
        let limits = remote.rate_limit.map(|r| (r.limit, r.remaining, r.reset));
        let sent = c.rate_limit.map(|(l, r, s)| (Some(l), Some(r), Some(s)));
        prop_assert_eq!(limits, sent);
    }

    // Retry hint.
    let retry = wait_of(err)
        .filter(|_| {
            matches!(
                wire,
                WireFormat::ScaiGrid
                    | WireFormat::ScaiDrive
                    | WireFormat::ScaiKey
                    | WireFormat::Problem
            )
        })
        .map(Duration::from_secs);
    prop_assert_eq!(remote.retry_after, retry);

    if wire == WireFormat::Problem {
        let instance = ctx.get_instance().map(uri_reference);
        prop_assert_eq!(remote.instance.as_deref(), instance.as_deref());
        prop_assert_eq!(remote.title.as_deref(), Some(err.meaning()));
    }
    Ok(())
}

/// The details and violations read back, against those sent.
fn check_entries(
    remote: &RemoteError,
    wire: WireFormat,
    details: &Map<String, Value>,
    sent_violations: &[Violation],
) -> Result<(), TestCaseError> {
    if wire != WireFormat::ScaiDrive {
        prop_assert_eq!(&remote.details, details);
    }

    // Violations.
    let expected = expected_violations(sent_violations);
    prop_assert_eq!(remote.violations.len(), expected.len());
    let kinds = matches!(
        wire,
        WireFormat::ScaiWave | WireFormat::ScaiDrive | WireFormat::ScaiKey
    );
    for (i, (got, (message, kind))) in remote.violations.iter().zip(&expected).enumerate() {
        prop_assert_eq!(&got.message, message);
        if kinds {
            prop_assert_eq!(&got.kind, kind);
        }
        let Some(sent) = sent_violations.get(i).filter(|_| i < MAX_VIOLATIONS) else {
            prop_assert!(got.loc.is_empty());
            continue;
        };
        // Dotted paths carry only plain names unchanged.
        let plain = sent.loc.iter().all(|s| match s {
            Segment::Field(name) => plain_name(name),
            Segment::Index(_) => true,
        });
        match wire {
            WireFormat::ScaiWave | WireFormat::ScaiDrive => {
                prop_assert_eq!(&got.loc, &sent.loc);
                prop_assert_eq!(&got.input, &sent.input);
                prop_assert_eq!(&got.ctx, &sent.ctx);
            }
            WireFormat::ScaiGrid | WireFormat::ScaiKey => {
                if plain {
                    prop_assert_eq!(&got.loc, &sent.loc);
                    prop_assert_eq!(
                        LocPath(&got.loc).to_string(),
                        LocPath(&sent.loc).to_string()
                    );
                }
            }
            WireFormat::Problem => {
                // Any name reads back through the pointer, but for two documented cases:
                // a leading `body` is dropped, and a name of digits reads as an index.
                let loc = match sent.loc.first() {
                    Some(Segment::Field(f)) if f == "body" => &sent.loc[1..],
                    _ => &sent.loc[..],
                };
                let want: Vec<Segment> = loc
                    .iter()
                    .map(|s| match s {
                        Segment::Field(name) => {
                            index_like(name).map_or_else(|| s.clone(), Segment::Index)
                        }
                        Segment::Index(_) => s.clone(),
                    })
                    .collect();
                prop_assert_eq!(&got.loc, &want);
            }
            _ => unreachable!(),
        }
    }
    Ok(())
}

/// `cases`, unless `PROPTEST_CASES` says otherwise.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// Any error in any context, in every format.
    #[test]
    fn every_format_renders_anything_and_reads_back(err in error(), c in context()) {
        for (wire, format) in formats() {
            check_one(&err, &c, wire, &*format)
                .map_err(|e| TestCaseError::fail(format!("{wire}: {e}")))?;
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// The message limit, exactly: at or under it the message is sent as it is, over it
    /// it is cut on a character boundary and marked.
    #[test]
    fn messages_are_cut_at_the_limit(
        unit in prop::sample::select(vec!['a', 'é', '€', '😀', '"', '\u{1}']),
        len in (MAX_MESSAGE_BYTES - 8)..(MAX_MESSAGE_BYTES + 8),
        pad in 0usize..4,
    ) {
        let mut message = "a".repeat(pad);
        message.push_str(&of_bytes(unit, len - pad));
        let err = PropError::Plain { message: message.clone() };
        let ctx = Context::new();
        let shown = Message::new(&err, &ctx).to_string();
        if message.len() <= MAX_MESSAGE_BYTES {
            prop_assert_eq!(&shown, &message);
        } else {
            let cut = shown.strip_suffix(TRUNCATION_MARKER).expect("marker");
            prop_assert!(message.starts_with(cut));
            prop_assert!(cut.len() <= MAX_MESSAGE_BYTES);
            // The longest such prefix: the next character would not have fitted.
            let next = message[cut.len()..].chars().next().unwrap();
            prop_assert!(cut.len() + next.len_utf8() > MAX_MESSAGE_BYTES);
        }
        for (_, format) in formats() {
            let res = err.to_response(&*format, &ctx);
            let remote = RemoteError::from_response(&res);
            prop_assert_eq!(&remote.message, &shown);
        }
    }
}

#[test]
fn oracle_cut() {
    assert_eq!(capped("abc"), "abc");
    let s = of_bytes('€', MAX_MESSAGE_BYTES + 1);
    assert_eq!(
        capped(&s).len(),
        MAX_MESSAGE_BYTES - MAX_MESSAGE_BYTES % 3 + 3
    );
    assert_eq!(of_bytes('😀', 10).len(), 10);
    assert!(is_generated_id("req_0123456789abcdef"));
}

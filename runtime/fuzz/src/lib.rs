//! The client's acceptance check over arbitrary bytes, run by the cargo-fuzz target
//! `client` (`fuzz_targets/client.rs`) and, on the stable toolchain, by
//! `tests/tests/client_hostile.rs` (which compiles this file with `#[path]`), so both
//! hold a response to the same rules.
//!
//! An input is a status, headers and a body, laid out as [`encode`] writes them:
//!
//! ```text
//! status (2 bytes, big-endian) | header count n (1 byte) |
//! n × [name (1 byte, an index into HEADER_NAMES) | value length (1 byte) | value] | body
//! ```
//!
//! so that the fuzzer's mutations reach every part, and a short input is still a
//! response (missing parts are empty).

use std::time::Duration;

use api_envelope::client::limits::{DEFAULT_MAX_BODY_BYTES, MAX_RETRY_AFTER, MAX_VIOLATIONS};
use api_envelope::client::{Decoded, FromRemote, ReadOptions, RemoteError, WireFormat};
use api_envelope::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::Value;

/// The headers the client reads, and one it does not.
pub const HEADER_NAMES: [&str; 8] = [
    "content-type",
    "retry-after",
    "x-request-id",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "content-length",
    "x-other",
];

/// A response read from the layout above. Header values the `http` crate refuses (a
/// control character) are left out; a status outside 100..=999 reads as 500.
pub fn split(data: &[u8]) -> (StatusCode, HeaderMap, &[u8]) {
    let status = match data {
        [hi, lo, ..] => u16::from_be_bytes([*hi, *lo]),
        _ => 500,
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut headers = HeaderMap::new();
    let mut rest = data.get(2..).unwrap_or_default();
    let count = rest.first().copied().unwrap_or(0);
    rest = rest.get(1..).unwrap_or_default();
    for _ in 0..count {
        let [name, len, tail @ ..] = rest else {
            rest = &[];
            break;
        };
        let len = usize::from(*len).min(tail.len());
        let (value, tail) = tail.split_at(len);
        let name = HEADER_NAMES[usize::from(*name) % HEADER_NAMES.len()];
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.append(HeaderName::from_static(name), value);
        }
        rest = tail;
    }
    (status, headers, rest)
}

/// The input [`split`] reads back as `status`, `headers` (names from
/// [`HEADER_NAMES`], values of at most 255 bytes) and `body`.
pub fn encode(status: u16, headers: &[(&str, &[u8])], body: &[u8]) -> Vec<u8> {
    let mut out = status.to_be_bytes().to_vec();
    out.push(u8::try_from(headers.len()).unwrap_or(u8::MAX));
    for (name, value) in headers.iter().take(255) {
        let index = HEADER_NAMES.iter().position(|n| n == name).unwrap_or(7);
        out.push(u8::try_from(index).unwrap_or(7));
        let value = &value[..value.len().min(255)];
        out.push(u8::try_from(value.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(value);
    }
    out.extend_from_slice(body);
    out
}

/// Reads `data` ([`split`]) every way a client can and checks what comes back; panics
/// (a crash, to the fuzzer) when a rule does not hold.
pub fn check(data: &[u8]) {
    let (status, headers, body) = split(data);
    check_response(status, &headers, body);
}

/// The rules, for one response:
///
/// - reading never panics, with the format recognised or named (each of the five), with
///   the default cap or one that cuts the body;
/// - the status is kept; at most `MAX_VIOLATIONS` violations; a retry hint at most
///   `MAX_RETRY_AFTER`; a body over the cap is said to be cut;
/// - reading is deterministic;
/// - a body within the cap that `serde_json` reads (so valid JSON, UTF-8, no number out
///   of range, nesting within its limit) is read to the same value, no value lost or
///   replaced, unless the memory budget or the depth limit left values out;
/// - the result can be displayed, classified and decoded.
pub fn check_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) {
    let remote = RemoteError::from_parts(status, headers, body);
    check_remote(&remote, status, body.len(), usize::MAX);
    // Deterministic, but for a `Retry-After` date, measured from a clock that may tick
    // between the two reads.
    let mut again = RemoteError::from_parts(status, headers, body);
    if let (Some(a), Some(b)) = (remote.retry_after, again.retry_after)
        && a.abs_diff(b) <= Duration::from_secs(2)
    {
        again.retry_after = remote.retry_after;
    }
    // (Messages stay short: a failing input's values can be megabytes.)
    assert!(remote == again, "reading twice gives the same");
    if body.len() <= DEFAULT_MAX_BODY_BYTES
        && let Ok(value) = serde_json::from_slice::<Value>(body)
        && !remote.losses.values_left_out
    {
        assert!(
            same_json(&remote.body, &value),
            "a body serde_json reads is read the same"
        );
        let losses = remote.losses;
        assert!(
            losses.bad_values == 0 && losses.replaced == 0 && !losses.body_cut,
            "nothing lost of a body serde_json reads: {losses:?}"
        );
    }
    for format in WireFormat::ALL {
        let named = RemoteError::from_parts_as(format, status, headers, body);
        check_remote(&named, status, body.len(), usize::MAX);
        assert_eq!(named.format, Some(format));
    }
    let cap = body.len() / 2;
    let cut = ReadOptions::new()
        .max_body_bytes(cap)
        .read(status, headers, body);
    check_remote(&cut, status, body.len(), cap);
}

fn check_remote(remote: &RemoteError, status: StatusCode, len: usize, cap: usize) {
    assert_eq!(remote.status, status);
    assert!(remote.violations.len() <= MAX_VIOLATIONS);
    assert!(remote.retry_after.is_none_or(|d| d <= MAX_RETRY_AFTER));
    if len > cap {
        assert!(remote.losses.body_cut && remote.truncated());
    }
    assert_eq!(remote.truncated(), remote.losses.truncated());
    assert!(!remote.losses.is_none() || !remote.truncated());
    let shown = remote.to_string();
    assert!(shown.starts_with(&status.as_u16().to_string()));
    let _ = remote.sdk_class();
    let decoded: Decoded<Nothing> = remote.clone().decode();
    assert_eq!(decoded.message(), remote.message);
    for v in &remote.violations {
        let _ = v.path();
    }
}

/// Equal JSON, but for floats, which may differ in their last bit: `serde_json` without
/// `float_roundtrip` rounds some long decimals differently from the correctly rounded
/// `str::parse`.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y
                || (x.is_f64() || y.is_f64())
                    && x.as_f64()
                        .zip(y.as_f64())
                        .is_some_and(|(x, y)| x.to_bits().abs_diff(y.to_bits()) <= 2)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same_json(vx, vy))
        }
        _ => a == b,
    }
}

/// A service error type that rebuilds nothing: every response decodes as `Unknown`.
#[derive(Debug)]
pub struct Nothing;

impl FromRemote for Nothing {
    fn from_remote(_: &RemoteError) -> Option<Self> {
        None
    }
}

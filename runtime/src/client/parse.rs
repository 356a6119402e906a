//! Recognising and reading the five envelopes.

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use super::{RateLimitInfo, RemoteError, WireFormat};
use crate::violation::{Segment, Violation};

/// The members of a problem document that are not extension details.
const PROBLEM_MEMBERS: &[&str] = &[
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "errors",
    "request_id",
    "retry_after",
];

pub(super) fn parse(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    hint: Option<WireFormat>,
) -> RemoteError {
    let mut remote = RemoteError::new(status, None, String::new());
    remote.retry_after = header_str(headers, RETRY_AFTER.as_str()).and_then(parse_retry_after);
    remote.rate_limit = rate_limit(headers);

    let json: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    remote.format = hint.or_else(|| detect(status, &json, headers));
    // `None`: the envelope has no message at all (an explicit `""` is `Some("")`).
    let mut message = None;
    if let (Some(format), Some(obj)) = (remote.format, json.as_object()) {
        message = match format {
            WireFormat::Problem => read_problem(&mut remote, obj),
            WireFormat::ScaiDrive => read_drive(&mut remote, obj),
            WireFormat::ScaiGrid => {
                let message = read_error_object(&mut remote, obj.get("error"), format);
                let meta_id = obj.get("meta").and_then(|m| m.get("request_id"));
                set_if_none(&mut remote.request_id, meta_id.and_then(Value::as_str));
                message
            }
            WireFormat::ScaiWave | WireFormat::ScaiKey => {
                read_error_object(&mut remote, obj.get("error"), format)
            }
        };
    }
    // The body's id is exact; `X-Request-ID` may have been sanitised for the header.
    if remote.request_id.is_none() {
        remote.request_id = header_str(headers, "x-request-id").map(str::to_owned);
    }
    remote.message = message.unwrap_or_else(|| fallback_message(status, body));
    remote.body = json;
    remote
}

/// Which envelope a body is, by shape.
fn detect(status: StatusCode, json: &Value, headers: &HeaderMap) -> Option<WireFormat> {
    let problem_type = header_str(headers, CONTENT_TYPE.as_str()).is_some_and(|ct| {
        ct.trim_start()
            .to_ascii_lowercase()
            .starts_with("application/problem+json")
    });
    let obj = json.as_object()?;
    if problem_type {
        return Some(WireFormat::Problem);
    }
    if let Some(error) = obj.get("error").and_then(Value::as_object) {
        if obj.get("status").and_then(Value::as_str) == Some("error") || obj.contains_key("meta") {
            return Some(WireFormat::ScaiGrid);
        }
        // ScaiKey always sends `error.request_id`; ScaiWave sends it on a 5xx only. Both
        // send `X-Request-ID` (a serving layer puts it on every response), so a 5xx is
        // told by ScaiKey's `X-RateLimit-*` or its snake_case codes (ScaiWave's are
        // `SW_*`).
        let lower_code = error
            .get("code")
            .and_then(Value::as_str)
            .is_some_and(|c| !c.bytes().any(|b| b.is_ascii_uppercase()));
        let key = error.contains_key("request_id")
            && (!status.is_server_error()
                || headers.contains_key("x-ratelimit-limit")
                || lower_code);
        return Some(if key {
            WireFormat::ScaiKey
        } else {
            WireFormat::ScaiWave
        });
    }
    let problem_members = ["type", "title", "instance", "code"];
    if problem_members
        .iter()
        .any(|m| obj.get(*m).is_some_and(Value::is_string))
        && (obj.contains_key("detail") || obj.contains_key("title") || obj.contains_key("type"))
    {
        return Some(WireFormat::Problem);
    }
    if obj.contains_key("detail") {
        return Some(WireFormat::ScaiDrive);
    }
    None
}

/// `{"code","message","details"?,"retry_after"?,"request_id"?}` of ScaiWave, ScaiGrid
/// and ScaiKey. Returns the message, `None` when there is none.
fn read_error_object(
    remote: &mut RemoteError,
    error: Option<&Value>,
    format: WireFormat,
) -> Option<String> {
    let error = error.and_then(Value::as_object)?;
    remote.code = error.get("code").and_then(value_to_string);
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_owned);
    set_if_none(
        &mut remote.request_id,
        error.get("request_id").and_then(Value::as_str),
    );
    if remote.retry_after.is_none() {
        remote.retry_after = error.get("retry_after").and_then(seconds);
    }
    match (error.get("details"), format) {
        // ScaiWave tells details from violations by shape: an object is the `#[detail]`
        // fields and nothing else, a list is the violations (then the detail fields of a
        // value that has both, see `wave_details`).
        (Some(Value::Object(details)), WireFormat::ScaiWave) => {
            remote.details.extend(details.clone());
        }
        (Some(Value::Array(entries)), WireFormat::ScaiWave) => {
            let split = wave_details(entries, message.as_deref());
            remote.violations = violations(&entries[..split]);
            for entry in &entries[split..] {
                if let Some((name, value)) = wave_detail_entry(entry, message.as_deref()) {
                    remote.details.insert(name.to_owned(), value.clone());
                }
            }
        }
        (Some(Value::Array(entries)), _) => read_list(remote, entries),
        (Some(Value::Object(details)), _) => read_details_object(remote, details),
        _ => {}
    }
    message
}

/// Where the detail entries of a ScaiWave list start (`entries.len()` when it has none).
///
/// ScaiWave writes a list only for a value with violations: the violations (at least
/// one), then one `{"type":"detail","loc":[name],"msg":<the error's message>,"input":value}`
/// per `#[detail]` field. So the first entry is always a violation, and the details are
/// the longest run at the end of entries of exactly that shape with distinct names. A
/// violation written exactly like one (kind `detail`, a one-name location, an input, no
/// `ctx`, the error's message as its text) at the end of the violations cannot be told
/// apart from a detail: see the [module docs](super).
fn wave_details(entries: &[Value], message: Option<&str>) -> usize {
    let mut names = Vec::new();
    let mut split = entries.len();
    while split > 1 {
        match wave_detail_entry(&entries[split - 1], message) {
            Some((name, _)) if !names.contains(&name) => names.push(name),
            _ => break,
        }
        split -= 1;
    }
    split
}

/// `{"type":"detail","loc":[name],"msg":message,"input":value}` and nothing else.
fn wave_detail_entry<'v>(entry: &'v Value, message: Option<&str>) -> Option<(&'v str, &'v Value)> {
    let obj = entry.as_object()?;
    if obj.len() != 4
        || obj.get("type").and_then(Value::as_str) != Some("detail")
        || obj.get("msg").and_then(Value::as_str) != Some(message?)
    {
        return None;
    }
    match (obj.get("loc")?.as_array()?.as_slice(), obj.get("input")?) {
        ([Value::String(name)], value) => Some((name, value)),
        _ => None,
    }
}

/// A ScaiGrid details list: violations `{"field","message"}`, with the `#[detail]`
/// fields as entries of their own, `{"field","message","value"}`.
fn read_list(remote: &mut RemoteError, entries: &[Value]) {
    for entry in entries {
        if let Some((name, value)) = detail_entry(entry) {
            remote.details.insert(name.to_owned(), value.clone());
        } else if let Some(v) = violation(entry) {
            remote.violations.push(v);
        }
    }
}

fn detail_entry(entry: &Value) -> Option<(&str, &Value)> {
    let obj = entry.as_object()?;
    let name = obj.get("field").and_then(Value::as_str)?;
    Some((name, obj.get("value")?))
}

/// A details object: everything is a detail but `fields`, the violations (ScaiKey 422).
fn read_details_object(remote: &mut RemoteError, details: &Map<String, Value>) {
    for (name, value) in details {
        if name == "fields" && (value.is_array() || value.is_object()) {
            remote.violations = match value {
                Value::Array(entries) => violations(entries),
                Value::Object(by_field) => field_map(by_field),
                _ => unreachable!(),
            };
        } else {
            remote.details.insert(name.clone(), value.clone());
        }
    }
}

/// Returns the message: `detail`, else the `title`, else `None`.
fn read_problem(remote: &mut RemoteError, obj: &Map<String, Value>) -> Option<String> {
    remote.type_uri = obj.get("type").and_then(Value::as_str).map(str::to_owned);
    remote.title = obj.get("title").and_then(Value::as_str).map(str::to_owned);
    remote.instance = obj
        .get("instance")
        .and_then(Value::as_str)
        .map(str::to_owned);
    remote.code = obj.get("code").and_then(value_to_string).or_else(|| {
        let uri = remote.type_uri.as_deref().filter(|t| *t != "about:blank")?;
        let last = uri.trim_end_matches('/').rsplit(['/', '#']).next()?;
        (!last.is_empty()).then(|| last.to_owned())
    });
    let message = match obj.get("detail") {
        Some(Value::String(detail)) => Some(detail.clone()),
        _ => remote.title.clone().filter(|t| !t.is_empty()),
    };
    set_if_none(
        &mut remote.request_id,
        obj.get("request_id").and_then(Value::as_str),
    );
    if remote.retry_after.is_none() {
        remote.retry_after = obj.get("retry_after").and_then(seconds);
    }
    if let Some(Value::Array(entries)) = obj.get("errors") {
        remote.violations = violations(entries);
    }
    match obj.get("details") {
        Some(Value::Object(details)) => read_details_object(remote, details),
        _ => {
            for (name, value) in obj {
                if !PROBLEM_MEMBERS.contains(&name.as_str()) {
                    remote.details.insert(name.clone(), value.clone());
                }
            }
        }
    }
    message
}

/// Returns the message: `detail` as a string; for the 422 list, which has none, the
/// violations' texts joined (`None` when that is empty).
fn read_drive(remote: &mut RemoteError, obj: &Map<String, Value>) -> Option<String> {
    match obj.get("detail") {
        Some(Value::String(detail)) => Some(detail.clone()),
        Some(Value::Array(entries)) => {
            remote.violations = violations(entries);
            let joined = remote
                .violations
                .iter()
                .map(|v| {
                    let path = v.path();
                    if path.is_empty() {
                        v.message.to_string()
                    } else {
                        format!("{path}: {}", v.message)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            (!joined.is_empty()).then_some(joined)
        }
        // FastAPI lets `detail` be any JSON value; an object may carry its own code.
        Some(Value::Object(detail)) => {
            remote.code = detail.get("code").and_then(value_to_string);
            Some(
                ["message", "msg", "detail"]
                    .iter()
                    .find_map(|k| detail.get(*k).and_then(Value::as_str))
                    .map_or_else(|| Value::Object(detail.clone()).to_string(), str::to_owned),
            )
        }
        Some(other) if !other.is_null() => Some(other.to_string()),
        _ => None,
    }
}

fn violations(entries: &[Value]) -> Vec<Violation> {
    entries.iter().filter_map(violation).collect()
}

/// One violation in any of the shapes the formats use: Pydantic `{type,loc,msg,input,ctx}`,
/// `{field,message}`, RFC 9457-style `{pointer,detail}`, or a bare string.
fn violation(entry: &Value) -> Option<Violation> {
    let obj = match entry {
        Value::String(message) => {
            return Some(Violation::new(Vec::<Segment>::new(), message.clone()));
        }
        Value::Object(obj) => obj,
        _ => return None,
    };
    let loc: Vec<Segment> = if let Some(Value::Array(loc)) = obj.get("loc") {
        loc.iter()
            .filter_map(|s| match s {
                Value::String(name) => Some(Segment::from(name.clone())),
                Value::Number(n) => n
                    .as_u64()
                    .and_then(|i| usize::try_from(i).ok())
                    .map(Segment::Index),
                _ => None,
            })
            .collect()
    } else if let Some(path) = ["field", "path", "name"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
    {
        parse_path(path)
    } else if let Some(pointer) = obj.get("pointer").and_then(Value::as_str) {
        parse_pointer(pointer)
    } else {
        Vec::new()
    };
    let message = ["msg", "message", "detail"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_owned();
    let mut v = Violation::new(loc, message);
    if let Some(kind) = ["type", "kind", "code"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
    {
        v = v.kind(kind.to_owned());
    }
    v.input = obj.get("input").cloned();
    v.ctx = obj.get("ctx").and_then(Value::as_object).cloned();
    Some(v)
}

/// `{"name": "message"}` or `{"name": ["message", ...]}`.
fn field_map(by_field: &Map<String, Value>) -> Vec<Violation> {
    let mut out = Vec::new();
    for (field, messages) in by_field {
        let messages: Vec<&str> = match messages {
            Value::String(m) => vec![m.as_str()],
            Value::Array(ms) => ms.iter().filter_map(Value::as_str).collect(),
            Value::Object(o) => o
                .get("message")
                .and_then(Value::as_str)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        for message in messages {
            out.push(Violation::new(parse_path(field), message.to_owned()));
        }
    }
    out
}

/// `body.items[0].name` into `["body", "items", 0, "name"]`.
pub(crate) fn parse_path(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            out.push(Segment::from(name.to_owned()));
        }
        while let Some((index, after)) = rest.split_once(']') {
            match index.parse::<usize>() {
                Ok(i) => out.push(Segment::Index(i)),
                Err(_) => out.push(Segment::from(index.to_owned())),
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

/// A JSON Pointer (RFC 6901) into segments, in URI-fragment form (`#/items/0/first%20name`,
/// percent-decoded first, RFC 6901 §6) or plain (`/items/0/name`): the exact inverse of
/// what [`Problem`](crate::format::Problem) writes, but for two things the pointer does
/// not say (see the [module docs](super)):
///
/// - a segment of decimal digits without a leading zero (`0`, `7`, not `07`) is an index,
///   even if it was a field named `"7"`;
/// - a leading `body` segment, which the format drops, is not restored.
///
/// `~1` is `/` and `~0` is `~`, in one pass (`~01` is `~1`). An empty pointer (`#` or
/// `""`) is the root, `[]`; `#/` is one empty name.
fn parse_pointer(pointer: &str) -> Vec<Segment> {
    let pointer = match pointer.strip_prefix('#') {
        Some(fragment) => percent_decode(fragment),
        None => Cow::Borrowed(pointer),
    };
    if pointer.is_empty() {
        return Vec::new();
    }
    // A pointer that does not start with `/` is not valid; read it as if it did.
    let pointer = pointer.strip_prefix('/').unwrap_or(&pointer);
    pointer.split('/').map(pointer_segment).collect()
}

fn pointer_segment(token: &str) -> Segment {
    let canonical_index = !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'));
    if canonical_index && let Ok(i) = token.parse::<usize>() {
        return Segment::Index(i);
    }
    if !token.contains('~') {
        return Segment::from(token.to_owned());
    }
    let mut name = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.clone().next() {
                Some('0') => {
                    chars.next();
                    name.push('~');
                }
                Some('1') => {
                    chars.next();
                    name.push('/');
                }
                // Not a valid escape: kept as sent.
                _ => name.push('~'),
            }
        } else {
            name.push(c);
        }
    }
    Segment::from(name)
}

/// `%XX` sequences decoded (UTF-8, invalid sequences replaced); a `%` not followed by two
/// hex digits is kept as it is.
fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn rate_limit(headers: &HeaderMap) -> Option<RateLimitInfo> {
    let num = |name| header_str(headers, name).and_then(|v| v.parse::<u64>().ok());
    let info = RateLimitInfo {
        limit: num("x-ratelimit-limit"),
        remaining: num("x-ratelimit-remaining"),
        reset: num("x-ratelimit-reset"),
    };
    (info != RateLimitInfo::default()).then_some(info)
}

fn set_if_none(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none() {
        *slot = value.map(str::to_owned);
    }
}

fn value_to_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A retry hint in a body: integer (or fractional) seconds, or a numeric string.
fn seconds(v: &Value) -> Option<Duration> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .map(Duration::from_secs)
            .or_else(|| n.as_f64().and_then(|f| Duration::try_from_secs_f64(f).ok())),
        Value::String(s) => s.trim().parse::<u64>().ok().map(Duration::from_secs),
        _ => None,
    }
}

/// `Retry-After`: delta-seconds, or an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`)
/// measured from now (zero when it is past).
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(value)?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the Unix epoch of an IMF-fixdate.
fn parse_http_date(value: &str) -> Option<u64> {
    let mut parts = value.split_ascii_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(str::parse::<u64>);
    let (h, m, s) = (hms.next()?.ok()?, hms.next()?.ok()?, hms.next()?.ok()?);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::try_from(day).ok()? - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + i64::try_from(h * 3600 + m * 60 + s).ok()?;
    u64::try_from(secs).ok()
}

/// The message of a body that is no envelope: its text when it is short plain text,
/// else the status's reason phrase.
fn fallback_message(status: StatusCode, body: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(body) {
        let text = text.trim();
        if !text.is_empty() && !text.starts_with('<') && !text.starts_with('{') && text.len() <= 512
        {
            return text.to_owned();
        }
    }
    status
        .canonical_reason()
        .map_or_else(|| format!("HTTP {}", status.as_u16()), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_pointers() {
        let p = parse_path("body.items[0].name");
        assert_eq!(
            p,
            vec![
                Segment::from("body"),
                Segment::from("items"),
                Segment::Index(0),
                Segment::from("name")
            ]
        );
        assert_eq!(
            parse_path("a[1][2]"),
            vec![Segment::from("a"), Segment::Index(1), Segment::Index(2)]
        );
        assert_eq!(
            parse_pointer("#/items/3/x~1y"),
            vec![
                Segment::from("items"),
                Segment::Index(3),
                Segment::from("x/y")
            ]
        );
    }

    #[test]
    fn pointers_are_the_inverse_of_problem_pointers() {
        let f = |s: &'static str| Segment::from(s);
        // What `Problem` writes for `["body", "a/b", 0, "m~n"]` and
        // `["first name", "é%"]` (see its unit test).
        assert_eq!(
            parse_pointer("#/a~1b/0/m~0n"),
            vec![f("a/b"), Segment::Index(0), f("m~n")]
        );
        assert_eq!(
            parse_pointer("#/first%20name/%C3%A9%25"),
            vec![f("first name"), f("é%")]
        );
        // One pass: `~01` is `~1`, not `/`; `%7E1` is `~1` too (percent-decoded first).
        assert_eq!(parse_pointer("#/~01"), vec![f("~1")]);
        assert_eq!(parse_pointer("#/%7E1"), vec![f("/")]);
        // The root, empty names, a bad escape, a stray `%`.
        assert_eq!(parse_pointer("#"), Vec::<Segment>::new());
        assert_eq!(parse_pointer(""), Vec::<Segment>::new());
        assert_eq!(parse_pointer("#/"), vec![f("")]);
        assert_eq!(parse_pointer("#//x/"), vec![f(""), f("x"), f("")]);
        assert_eq!(
            parse_pointer("#/a~2/%zz/%4"),
            vec![f("a~2"), f("%zz"), f("%4")]
        );
        // Only canonical array indexes are indexes.
        assert_eq!(
            parse_pointer("/0/7/07/+1/-1/18446744073709551616"),
            vec![
                Segment::Index(0),
                Segment::Index(7),
                f("07"),
                f("+1"),
                f("-1"),
                f("18446744073709551616")
            ]
        );
        // Invalid UTF-8 after decoding is replaced, not dropped.
        assert_eq!(parse_pointer("#/%FF"), vec![f("\u{fffd}")]);
    }

    #[test]
    fn http_date() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("45"), Some(Duration::from_secs(45)));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn not_an_envelope() {
        let r = parse(
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"<html>bad gateway</html>",
            None,
        );
        assert_eq!(r.format, None);
        assert_eq!(r.message, "Bad Gateway");
        let r = parse(
            StatusCode::SERVICE_UNAVAILABLE,
            &HeaderMap::new(),
            b"upstream connect error",
            None,
        );
        assert_eq!(r.message, "upstream connect error");
    }
}

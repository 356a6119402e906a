//! Recognising and reading the five envelopes.

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
    remote.request_id = header_str(headers, "x-request-id").map(str::to_owned);
    remote.retry_after = header_str(headers, RETRY_AFTER.as_str()).and_then(parse_retry_after);
    remote.rate_limit = rate_limit(headers);

    let json: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    remote.format = hint.or_else(|| detect(status, &json, headers));
    if let (Some(format), Some(obj)) = (remote.format, json.as_object()) {
        match format {
            WireFormat::Problem => read_problem(&mut remote, obj),
            WireFormat::ScaiDrive => read_drive(&mut remote, obj),
            WireFormat::ScaiGrid => {
                read_error_object(&mut remote, obj.get("error"));
                let meta_id = obj.get("meta").and_then(|m| m.get("request_id"));
                set_if_none(&mut remote.request_id, meta_id.and_then(Value::as_str));
            }
            WireFormat::ScaiWave | WireFormat::ScaiKey => {
                read_error_object(&mut remote, obj.get("error"));
            }
        }
    }
    if remote.message.is_empty() {
        remote.message = fallback_message(status, body);
    }
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
        // ScaiKey always sends `error.request_id` and `X-Request-ID`; ScaiWave sends the
        // body id on a 5xx only, and never the header.
        let key = error.contains_key("request_id")
            && (headers.contains_key("x-request-id") || !status.is_server_error());
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
/// and ScaiKey.
fn read_error_object(remote: &mut RemoteError, error: Option<&Value>) {
    let Some(error) = error.and_then(Value::as_object) else {
        return;
    };
    remote.code = error.get("code").and_then(value_to_string);
    remote.message = error
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    set_if_none(
        &mut remote.request_id,
        error.get("request_id").and_then(Value::as_str),
    );
    if remote.retry_after.is_none() {
        remote.retry_after = error.get("retry_after").and_then(seconds);
    }
    match error.get("details") {
        Some(Value::Array(entries)) => read_list(remote, entries),
        Some(Value::Object(details)) => read_details_object(remote, details),
        _ => {}
    }
}

/// A details list: violations, with the `#[detail]` fields as entries of their own
/// (ScaiGrid `{"field","message","value"}`, ScaiWave `{"type":"detail","loc":[name],
/// "msg","input"}`).
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
    if let (Some(name), Some(value)) = (obj.get("field").and_then(Value::as_str), obj.get("value"))
    {
        return Some((name, value));
    }
    if obj.get("type").and_then(Value::as_str) == Some("detail")
        && let Some([Value::String(name)]) =
            obj.get("loc").and_then(Value::as_array).map(Vec::as_slice)
    {
        return Some((name, obj.get("input").unwrap_or(&Value::Null)));
    }
    None
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

fn read_problem(remote: &mut RemoteError, obj: &Map<String, Value>) {
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
    remote.message = match obj.get("detail") {
        Some(Value::String(detail)) => detail.clone(),
        _ => remote.title.clone().unwrap_or_default(),
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
}

fn read_drive(remote: &mut RemoteError, obj: &Map<String, Value>) {
    match obj.get("detail") {
        Some(Value::String(detail)) => remote.message = detail.clone(),
        Some(Value::Array(entries)) => {
            remote.violations = violations(entries);
            remote.message = remote
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
        }
        // FastAPI lets `detail` be any JSON value; an object may carry its own code.
        Some(Value::Object(detail)) => {
            remote.code = detail.get("code").and_then(value_to_string);
            remote.message = ["message", "msg", "detail"]
                .iter()
                .find_map(|k| detail.get(*k).and_then(Value::as_str))
                .map_or_else(|| Value::Object(detail.clone()).to_string(), str::to_owned);
        }
        Some(other) if !other.is_null() => remote.message = other.to_string(),
        _ => {}
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

/// A JSON pointer (`#/items/0/name` or `/items/0/name`) into segments.
fn parse_pointer(pointer: &str) -> Vec<Segment> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    pointer
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.parse::<usize>() {
            Ok(i) => Segment::Index(i),
            Err(_) => Segment::from(s.replace("~1", "/").replace("~0", "~")),
        })
        .collect()
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

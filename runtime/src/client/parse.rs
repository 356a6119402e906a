//! Recognising and reading the five envelopes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use super::limits::{
    MAX_JSON_TEXT_BYTES, MAX_RETRY_AFTER, MAX_VIOLATIONS, member_reserve, value_budget,
};
use super::{Losses, ReadOptions, RemoteError, WireFormat, headers, json};
use crate::violation::{Segment, Violation};

/// The members of a problem document that are not extension details: those
/// [`Problem`](crate::format::Problem) writes itself.
const PROBLEM_MEMBERS: &[&str] = &[
    "type", "title", "status", "detail", "instance", "code", "errors",
];

pub(super) fn parse(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    options: &ReadOptions,
) -> RemoteError {
    let mut remote = RemoteError::new(status, None, String::new());
    remote.retry_after = headers::retry_after(headers);
    remote.rate_limit = headers::rate_limit(headers);

    let (body, cut) = cap(body, options.max_body_bytes);
    let read = json::read(body, value_budget(body.len()), member_reserve(body.len()));
    remote.losses = Losses {
        body_cut: cut || read.cut_short,
        values_left_out: read.left_out,
        violations_left_out: false,
        bad_values: read.bad_values,
        replaced: read.replaced,
    };
    let json = read.value;
    remote.format = options.format.or_else(|| detect(status, &json, headers));
    // `None`: the envelope has no message at all (an explicit `""` is `Some("")`).
    let mut message = None;
    if let (Some(format), Some(obj)) = (remote.format, json.as_object()) {
        message = match format {
            WireFormat::Problem => read_problem(&mut remote, obj),
            WireFormat::ScaiDrive => read_drive(&mut remote, obj),
            WireFormat::ScaiGrid => {
                let message = read_error_object(&mut remote, obj.get("error"), format);
                let meta_id = obj.get("meta").and_then(|m| m.get("request_id"));
                remote.request_id = meta_id.and_then(Value::as_str).map(str::to_owned);
                message
            }
            WireFormat::ScaiWave | WireFormat::ScaiKey => {
                read_error_object(&mut remote, obj.get("error"), format)
            }
        };
    }
    // The body's id is exact; `X-Request-ID` may have been sanitised for the header.
    if remote.request_id.is_none() {
        remote.request_id = headers::request_id(headers);
    }
    remote.message = message.unwrap_or_else(|| fallback_message(status, body));
    remote.body = json;
    remote
}

/// The first `max` bytes of `body`, cut back to the start of a UTF-8 sequence that
/// `max` would split, and whether anything was cut.
fn cap(body: &[u8], max: usize) -> (&[u8], bool) {
    if body.len() <= max {
        return (body, false);
    }
    let body = &body[..max];
    (&body[..json::utf8_complete(body)], true)
}

/// Which envelope a body is, by shape.
fn detect(status: StatusCode, json: &Value, headers: &HeaderMap) -> Option<WireFormat> {
    let obj = json.as_object()?;
    if headers::is_problem(headers) {
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
///
/// Each format's own fields are read where it puts them: the request id in
/// `error.request_id` for ScaiWave and ScaiKey (ScaiGrid's is `meta.request_id`), the
/// retry hint in `error.retry_after` for ScaiGrid only (the others send `Retry-After`
/// alone).
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
    if format != WireFormat::ScaiGrid {
        remote.request_id = error
            .get("request_id")
            .and_then(Value::as_str)
            .map(str::to_owned);
    }
    if format == WireFormat::ScaiGrid && remote.retry_after.is_none() {
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
            remote.violations = violations(&entries[..split], &mut remote.losses);
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
    // A set, not a list: a run of n entries is checked in n steps, not n².
    let mut names = HashSet::new();
    let mut split = entries.len();
    while split > 1 {
        match wave_detail_entry(&entries[split - 1], message) {
            Some((name, _)) if names.insert(name) => {}
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
            push_violation(&mut remote.violations, v, &mut remote.losses);
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
        match value {
            Value::Array(entries) if name == "fields" => {
                remote.violations = violations(entries, &mut remote.losses);
            }
            Value::Object(by_field) if name == "fields" => {
                remote.violations = field_map(by_field, &mut remote.losses);
            }
            _ => {
                remote.details.insert(name.clone(), value.clone());
            }
        }
    }
}

/// Returns the message: `detail`, else the `title`, else `None`.
///
/// A problem carries no request id and no retry hint of its own in the body (they are
/// `X-Request-ID` and `Retry-After`): every member the format does not write itself is
/// an extension member, so a detail, `request_id`, `retry_after` and `details`
/// included.
fn read_problem(remote: &mut RemoteError, obj: &Map<String, Value>) -> Option<String> {
    remote.type_uri = obj.get("type").and_then(Value::as_str).map(str::to_owned);
    remote.title = obj.get("title").and_then(Value::as_str).map(str::to_owned);
    remote.instance = obj
        .get("instance")
        .and_then(Value::as_str)
        .map(str::to_owned);
    remote.code = obj
        .get("code")
        .and_then(value_to_string)
        .or_else(|| remote.type_uri.as_deref().and_then(type_code));
    let message = match obj.get("detail") {
        Some(Value::String(detail)) => Some(detail.clone()),
        _ => remote.title.clone().filter(|t| !t.is_empty()),
    };
    if let Some(Value::Array(entries)) = obj.get("errors") {
        remote.violations = violations(entries, &mut remote.losses);
    }
    for (name, value) in obj {
        if !PROBLEM_MEMBERS.contains(&name.as_str()) {
            remote.details.insert(name.clone(), value.clone());
        }
    }
    message
}

/// The code a problem `type` names: its last segment (after the last `/` or `#`),
/// percent-decoded, when that is not empty; none for `about:blank`.
fn type_code(uri: &str) -> Option<String> {
    if uri == "about:blank" {
        return None;
    }
    let last = uri.rsplit(['/', '#']).next()?;
    (!last.is_empty()).then(|| percent_decode(last).into_owned())
}

/// Returns the message: `detail` as a string; for the 422 list, which has none, the
/// violations' texts joined (`None` when that is empty).
fn read_drive(remote: &mut RemoteError, obj: &Map<String, Value>) -> Option<String> {
    match obj.get("detail") {
        Some(Value::String(detail)) => Some(detail.clone()),
        Some(Value::Array(entries)) => {
            remote.violations = violations(entries, &mut remote.losses);
            let mut joined = String::new();
            for v in &remote.violations {
                if !joined.is_empty() {
                    joined.push_str("; ");
                }
                let path = v.path();
                if !path.is_empty() {
                    joined.push_str(&path);
                    joined.push_str(": ");
                }
                joined.push_str(&v.message);
            }
            (!joined.is_empty()).then_some(joined)
        }
        // FastAPI lets `detail` be any JSON value; an object may carry its own code.
        Some(Value::Object(detail)) => {
            remote.code = detail.get("code").and_then(value_to_string);
            Some(
                ["message", "msg", "detail"]
                    .iter()
                    .find_map(|k| detail.get(*k).and_then(Value::as_str))
                    .map_or_else(|| json_text(detail), str::to_owned),
            )
        }
        Some(other) if !other.is_null() => Some(other.to_string()),
        _ => None,
    }
}

/// The violations of a list, at most [`MAX_VIOLATIONS`].
fn violations(entries: &[Value], losses: &mut Losses) -> Vec<Violation> {
    let mut out = Vec::new();
    for entry in entries {
        if let Some(v) = violation(entry)
            && !push_violation(&mut out, v, losses)
        {
            break;
        }
    }
    out
}

/// Adds `v` unless [`MAX_VIOLATIONS`] are there already (then says so in `losses`);
/// `false` once the list is full.
fn push_violation(out: &mut Vec<Violation>, v: Violation, losses: &mut Losses) -> bool {
    if out.len() < MAX_VIOLATIONS {
        out.push(v);
        true
    } else {
        losses.violations_left_out = true;
        false
    }
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
        loc.iter().map(loc_segment).collect()
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

/// A `loc` segment: a name, an index (a non-negative integer), or anything else (`1.5`,
/// `-1`, `null`, ...) as its JSON text, so no segment is dropped.
fn loc_segment(segment: &Value) -> Segment {
    match segment {
        Value::String(name) => Segment::from(name.clone()),
        Value::Number(n) => match n.as_u64().and_then(|i| usize::try_from(i).ok()) {
            Some(i) => Segment::Index(i),
            None => Segment::from(n.to_string()),
        },
        other => Segment::from(json_text(other)),
    }
}

/// The JSON text of `value`, cut at [`MAX_JSON_TEXT_BYTES`] (then `…`): serialising
/// stops there, so a large value costs no more.
fn json_text(value: &impl serde::Serialize) -> String {
    struct Capped(Vec<u8>);
    impl std::io::Write for Capped {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let room = MAX_JSON_TEXT_BYTES - self.0.len();
            if buf.len() > room {
                self.0.extend_from_slice(&buf[..room]);
                return Err(std::io::ErrorKind::WriteZero.into());
            }
            self.0.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Capped(Vec::new());
    let cut = serde_json::to_writer(&mut out, value).is_err();
    // JSON text is UTF-8; a cut may split a character, which goes.
    let mut text = match String::from_utf8(out.0) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(valid);
            String::from_utf8(bytes).unwrap_or_default()
        }
    };
    if cut {
        text.push_str(crate::format::limits::TRUNCATION_MARKER);
    }
    text
}

/// `{"name": "message"}` or `{"name": ["message", ...]}`, at most [`MAX_VIOLATIONS`].
fn field_map(by_field: &Map<String, Value>, losses: &mut Losses) -> Vec<Violation> {
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
            let v = Violation::new(parse_path(field), message.to_owned());
            if !push_violation(&mut out, v, losses) {
                return out;
            }
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

fn value_to_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A retry hint in a body: seconds as an integer, a fraction or a string of digits;
/// [`MAX_RETRY_AFTER`] for a figure past it, `None` for a negative one.
fn seconds(v: &Value) -> Option<Duration> {
    match v {
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(secs), _) => Some(Duration::from_secs(secs)),
            (None, Some(f)) if f >= 0.0 => {
                Some(Duration::try_from_secs_f64(f).unwrap_or(MAX_RETRY_AFTER))
            }
            _ => None,
        },
        Value::String(s) => headers::decimal(s.trim()).map(Duration::from_secs),
        _ => None,
    }
}

/// The message of a body that is no envelope: its text when it is short plain text,
/// else the status's reason phrase.
fn fallback_message(status: StatusCode, body: &[u8]) -> String {
    let body = body.trim_ascii();
    if body.len() <= 512 {
        let text = String::from_utf8_lossy(body);
        if !text.is_empty() && !text.starts_with('<') && !text.starts_with('{') {
            return text.into_owned();
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
    fn not_an_envelope() {
        let r = parse(
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"<html>bad gateway</html>",
            &ReadOptions::new(),
        );
        assert_eq!(r.format, None);
        assert_eq!(r.message, "Bad Gateway");
        let r = parse(
            StatusCode::SERVICE_UNAVAILABLE,
            &HeaderMap::new(),
            b"upstream connect error",
            &ReadOptions::new(),
        );
        assert_eq!(r.message, "upstream connect error");
    }
}

//! Decoding request bodies and parameters for the integrations' extractors, with every
//! failure turned into a [`Rejection`] carrying Pydantic-style violations: the location
//! (`body` / `query` / `path`, then field names and indices), a type from Pydantic's
//! vocabulary, its message, and the input.
//!
//! serde reports the first failure only; the full per-field report is the validated
//! extractors' job. What serde says is mapped onto Pydantic's types by its message
//! (`missing field`, `invalid type: …, expected a string`, a `ParseIntError`, …); any
//! other message is a `value_error` with serde's text.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::failure::{Failure, Rejection};
use crate::{Segment, Violation};

/// Where a value came from: the first segment of a violation's location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Body,
    Query,
    #[cfg_attr(
        not(feature = "actix-web"),
        allow(dead_code, reason = "axum's Path reports its own locations")
    )]
    Path,
}

impl Place {
    const fn name(self) -> &'static str {
        match self {
            Self::Body => "body",
            Self::Query => "query",
            Self::Path => "path",
        }
    }
}

/// Whether a `Content-Type` names JSON (`application/json`, `application/*+json`).
pub(crate) fn is_json_content_type(value: &[u8]) -> bool {
    let media = value.split(|b| *b == b';').next().unwrap_or(&[]);
    let media = media.trim_ascii();
    media.eq_ignore_ascii_case(b"application/json")
        || (media.len() > b"application/+json".len()
            && media[..12].eq_ignore_ascii_case(b"application/")
            && media[media.len() - 5..].eq_ignore_ascii_case(b"+json"))
}

/// Whether a `Content-Type` names a URL-encoded form.
#[cfg(feature = "axum")]
pub(crate) fn is_form_content_type(value: &[u8]) -> bool {
    let media = value.split(|b| *b == b';').next().unwrap_or(&[]);
    media
        .trim_ascii()
        .eq_ignore_ascii_case(b"application/x-www-form-urlencoded")
}

/// Deserializes a JSON body: a syntax error is [`Failure::BodyUnparseable`]
/// (`json_invalid` at the failing position), a shape error [`Failure::BodyInvalid`].
pub(crate) fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Rejection> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let loc = path_segments(err.path());
        json_rejection(err.inner(), loc, Some(body))
    })?;
    // Trailing characters after the value: a syntax error.
    de.end()
        .map_err(|err| json_rejection(&err, Vec::new(), Some(body)))?;
    Ok(value)
}

/// A serde_json failure without a path (actix-web's `JsonConfig` reports no path: a
/// missing field is still located by its name).
#[cfg(feature = "actix-web")]
pub(crate) fn json_error(err: &serde_json::Error, body: Option<&[u8]>) -> Rejection {
    json_rejection(err, Vec::new(), body)
}

fn json_rejection(err: &serde_json::Error, loc: Vec<Segment>, body: Option<&[u8]>) -> Rejection {
    if err.is_data() {
        let parsed: Option<Value> = body.and_then(|b| serde_json::from_slice(b).ok());
        let violation = serde_violation(Place::Body, loc, &bare_message(err), parsed.as_ref());
        let failure = failure_of(&violation, Failure::BodyInvalid);
        Rejection::new(failure).violations(vec![violation])
    } else {
        let mut at = vec![Segment::from("body")];
        if let Some(body) = body {
            // Where Python's `json` (so FastAPI) puts it: the end of the input for a
            // truncated body, else the first byte of the token serde could not read.
            let position = if err.is_eof() {
                body.len()
            } else {
                let mut p = byte_position(body, err.line(), err.column());
                while p > 0 && body.get(p - 1).is_some_and(u8::is_ascii_alphanumeric) {
                    p -= 1;
                }
                p
            };
            at.push(Segment::Index(position));
        }
        let violation = Violation::new(at, "JSON decode error")
            .kind("json_invalid")
            .input(Value::Object(serde_json::Map::new()))
            .ctx("error", bare_message(err));
        Rejection::new(Failure::BodyUnparseable).violations(vec![violation])
    }
}

/// A failure known by its serde message only, at `place`; `param` is the one parameter
/// there (its name and raw value), when there is exactly one.
#[cfg(feature = "actix-web")]
pub(crate) fn message_error(place: Place, message: &str, param: Option<(&str, &str)>) -> Rejection {
    let loc: Vec<Segment> = match param {
        Some((key, _)) if !message.contains("missing field") => {
            vec![Segment::Field(key.to_owned().into())]
        }
        _ => Vec::new(),
    };
    let root = param.map(|(key, value)| {
        let mut map = serde_json::Map::new();
        map.insert(key.to_owned(), Value::String(value.to_owned()));
        Value::Object(map)
    });
    let violation = serde_violation(place, loc, message, root.as_ref());
    let default = match place {
        Place::Body => Failure::BodyInvalid,
        Place::Query | Place::Path => Failure::ParameterInvalid,
    };
    Rejection::new(failure_of(&violation, default)).violations(vec![violation])
}

/// Deserializes URL-encoded pairs (a query string, a form body).
pub(crate) fn decode_urlencoded<T: DeserializeOwned>(
    input: &[u8],
    place: Place,
) -> Result<T, Rejection> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(input));
    serde_path_to_error::deserialize(de).map_err(|err| {
        let loc = path_segments(err.path());
        // The raw value of the failing key, as Pydantic echoes it (a string).
        let pairs: serde_json::Map<String, Value> = form_urlencoded::parse(input)
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect();
        let violation = serde_violation(
            place,
            loc,
            &err.inner().to_string(),
            Some(&Value::Object(pairs)),
        );
        let default = match place {
            Place::Body => Failure::BodyInvalid,
            Place::Query | Place::Path => Failure::ParameterInvalid,
        };
        Rejection::new(failure_of(&violation, default)).violations(vec![violation])
    })
}

/// A path parameter that failed to convert: `key` holds `value`, expected `expected`.
#[cfg(feature = "axum")]
pub(crate) fn path_violation(key: &str, value: &str, expected: &str) -> Rejection {
    let (kind, message) = parse_kind(expected);
    let violation = Violation::new(
        [Segment::from("path"), Segment::from(key.to_owned())],
        message,
    )
    .kind(kind)
    .input(value.to_owned());
    Rejection::new(Failure::ParameterInvalid).violations(vec![violation])
}

/// A path parameter that is not UTF-8 once percent-decoded.
#[cfg(feature = "axum")]
pub(crate) fn path_not_utf8(key: &str) -> Rejection {
    let violation = Violation::new(
        [Segment::from("path"), Segment::from(key.to_owned())],
        "Input should be a valid string, unable to parse raw data as a unicode string",
    )
    .kind("string_unicode");
    Rejection::new(Failure::ParameterInvalid).violations(vec![violation])
}

/// A missing field is [`Failure::ParameterMissing`] outside the body.
fn failure_of(violation: &Violation, default: Failure) -> Failure {
    if violation.kind == "missing" && default == Failure::ParameterInvalid {
        Failure::ParameterMissing
    } else {
        default
    }
}

/// The location segments of a serde path.
fn path_segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
    use serde_path_to_error::Segment as S;
    path.iter()
        .filter_map(|seg| match seg {
            S::Seq { index } => Some(Segment::Index(*index)),
            S::Map { key } => Some(Segment::Field(key.clone().into())),
            S::Enum { variant } => Some(Segment::Field(variant.clone().into())),
            S::Unknown => None,
        })
        .collect()
}

/// serde_json's message without its ` at line L column C` suffix.
fn bare_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The byte offset of a 1-based line and column in `body` (Pydantic's `json_invalid`
/// location counts characters from 0; serde_json counts columns in bytes from 1).
fn byte_position(body: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in body.split(|b| *b == b'\n').enumerate() {
        if i + 1 == line {
            return offset + column.saturating_sub(1).min(l.len());
        }
        offset += l.len() + 1;
    }
    body.len()
}

/// The value at `loc` in `root`, if any.
fn value_at<'v>(root: &'v Value, loc: &[Segment]) -> Option<&'v Value> {
    loc.iter().try_fold(root, |v, seg| match seg {
        Segment::Field(name) => v.get(name.as_ref()),
        Segment::Index(i) => v.get(*i),
    })
}

/// One violation from a serde message at `loc` under `place`; `root` is the whole
/// input, for Pydantic's `input` (the enclosing object of a missing field, the value
/// itself otherwise).
fn serde_violation(
    place: Place,
    mut loc: Vec<Segment>,
    message: &str,
    root: Option<&Value>,
) -> Violation {
    let enclosing = root.and_then(|r| value_at(r, &loc)).cloned();
    let mut full = vec![Segment::from(place.name())];
    if let Some(field) = between(message, "missing field `", "`") {
        loc.push(Segment::Field(field.to_owned().into()));
        full.extend(loc);
        let input = if place == Place::Body {
            enclosing.unwrap_or(Value::Null)
        } else {
            Value::Null
        };
        return Violation::new(full, "Field required")
            .kind("missing")
            .input(input);
    }
    if let Some(field) = between(message, "unknown field `", "`") {
        loc.push(Segment::Field(field.to_owned().into()));
        let input = root
            .and_then(|r| value_at(r, &loc))
            .cloned()
            .unwrap_or(Value::Null);
        full.extend(loc);
        return Violation::new(full, "Extra inputs are not permitted")
            .kind("extra_forbidden")
            .input(input);
    }
    full.extend(loc);
    let input = enclosing.unwrap_or(Value::Null);
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let expected = rest.split_once("expected ").map_or("", |(_, e)| e);
        let listed = expected
            .trim_start_matches("one of ")
            .split(", ")
            .map(|v| format!("'{}'", v.trim_matches('`')))
            .collect::<Vec<_>>();
        let expected = match listed.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, init)) => format!("{} or {last}", init.join(", ")),
            None => String::new(),
        };
        return Violation::new(full, format!("Input should be {expected}"))
            .kind("enum")
            .input(input)
            .ctx("expected", expected);
    }
    if let Some(expected) = message.split_once(", expected ").map(|(_, e)| e)
        && message.starts_with("invalid type")
    {
        let (kind, text) = type_kind(expected);
        return Violation::new(full, text).kind(kind).input(input);
    }
    let (kind, text) = parse_message_kind(message);
    Violation::new(full, text).kind(kind).input(input)
}

/// The text between `start` and the next `end` in `message`.
fn between<'m>(message: &'m str, start: &str, end: &str) -> Option<&'m str> {
    let rest = &message[message.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// Pydantic's wrong-type kind for serde's `expected …` text.
fn type_kind(expected: &str) -> (&'static str, String) {
    let e = expected.trim();
    let (kind, text) = if e == "a string" || e.starts_with("a borrowed string") {
        ("string_type", "Input should be a valid string")
    } else if e == "a boolean" {
        ("bool_type", "Input should be a valid boolean")
    } else if is_int_name(e) || e.contains("integer") {
        ("int_type", "Input should be a valid integer")
    } else if matches!(e, "f32" | "f64") || e.contains("float") {
        ("float_type", "Input should be a valid number")
    } else if e.starts_with("struct ") || e == "a map" {
        (
            "model_attributes_type",
            "Input should be a valid dictionary or object to extract fields from",
        )
    } else if e == "a sequence" || e.starts_with("a tuple") || e.starts_with("tuple") {
        ("list_type", "Input should be a valid list")
    } else {
        return ("value_error", format!("Input should be {e}"));
    };
    (kind, text.to_owned())
}

/// Whether a Rust type name is an integer type's.
fn is_int_name(name: &str) -> bool {
    matches!(
        name,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
    )
}

/// Pydantic's parsing kind for a value of Rust type `expected` given as text.
fn parse_kind(expected: &str) -> (&'static str, String) {
    let name = expected.rsplit("::").next().unwrap_or(expected);
    let (kind, text) = if is_int_name(name) {
        (
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
        )
    } else if name == "bool" {
        (
            "bool_parsing",
            "Input should be a valid boolean, unable to interpret input",
        )
    } else if matches!(name, "f32" | "f64") {
        (
            "float_parsing",
            "Input should be a valid number, unable to parse string as a number",
        )
    } else {
        ("value_error", "Input is not valid")
    };
    (kind, text.to_owned())
}

/// Pydantic's parsing kind for a text-parsing error message (std's `ParseIntError`,
/// `ParseBoolError`, `ParseFloatError`).
fn parse_message_kind(message: &str) -> (&'static str, String) {
    // actix-web's path deserializer: `can not parse "seven" to a u64`.
    if let Some((_, ty)) = message.split_once("\" to a ") {
        return parse_kind(ty.trim());
    }
    if message.contains("invalid digit")
        || message.contains("cannot parse integer")
        || message.contains("number too large")
        || message.contains("number too small")
    {
        parse_kind("i64")
    } else if message.contains("`true` or `false`") {
        parse_kind("bool")
    } else if message.contains("float literal") {
        parse_kind("f64")
    } else {
        ("value_error", message.to_owned())
    }
}

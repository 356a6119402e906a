//! Decoding request bodies and parameters for the integrations' extractors, with every
//! failure turned into a [`Rejection`] carrying Pydantic-style violations: the location
//! (`body` / `query` / `path`, then field names and indices), a type from Pydantic's
//! vocabulary, its message, and the input.
//!
//! JSON bodies and URL-encoded pairs go through [`crate::input`], which reports every
//! failing field. Where only a serde message is at hand (actix-web's own extractor
//! configs), it is mapped onto Pydantic's types by its text (`missing field`, `invalid
//! type: …, expected a string`, a `ParseIntError`, …); any other message is a
//! `value_error` with serde's text.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::failure::{Failure, Rejection};
use crate::{Segment, Violation};

/// Where a value came from: the first segment of a violation's location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Body,
    Query,
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
/// (`json_invalid` at the failing position), an empty body `missing`, and a value of the
/// wrong shape [`Failure::BodyInvalid`] with **every** failing field
/// ([`input::from_value`](crate::input::from_value), Pydantic's lax mode).
pub(crate) fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Rejection> {
    decode_json_with(body, crate::input::from_value)
}

/// [`decode_json`] with the constraints `T` declares (`validator`).
#[cfg(feature = "validator")]
pub(crate) fn decode_json_valid<T: DeserializeOwned + validator::Validate>(
    body: &[u8],
) -> Result<T, Rejection> {
    decode_json_with(body, crate::input::validated)
}

/// A reader of a parsed value (`input::from_value` or `input::validated`).
type Reader<T> = fn(&Value, &'static str) -> Result<T, crate::input::Invalid>;

fn decode_json_with<T>(body: &[u8], read: Reader<T>) -> Result<T, Rejection> {
    if body.is_empty() {
        let violation = Violation::new(["body"], "Field required")
            .kind("missing")
            .input(Value::Null);
        return Err(Rejection::new(Failure::BodyInvalid).violations(vec![violation]));
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|err| json_rejection(&err, Vec::new(), Some(body)))?;
    read(&value, Place::Body.name()).map_err(|invalid| {
        Rejection::new(Failure::BodyInvalid).violations(invalid.into_violations())
    })
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
        let mut message = std::borrow::Cow::Owned(bare_message(err));
        if let Some(body) = body {
            // Where Python's `json` (so FastAPI) puts it: the end of the input for a
            // truncated body, else the first byte of the token serde could not read.
            let mut position = if err.is_eof() {
                body.len()
            } else {
                let mut p = byte_position(body, err.line(), err.column());
                while p > 0 && body.get(p - 1).is_some_and(u8::is_ascii_alphanumeric) {
                    p -= 1;
                }
                p
            };
            if let Some((python, at)) = python_json_message(&message, body, position) {
                message = std::borrow::Cow::Borrowed(python);
                position = at;
            }
            // Python counts characters, not bytes.
            let chars = String::from_utf8_lossy(body.get(..position).unwrap_or(body))
                .chars()
                .count();
            at.push(Segment::Index(chars));
        }
        let violation = Violation::new(at, "JSON decode error")
            .kind("json_invalid")
            .input(Value::Object(serde_json::Map::new()))
            .ctx("error", message.into_owned());
        Rejection::new(Failure::BodyUnparseable).violations(vec![violation])
    }
}

/// Python's `json` message (what FastAPI puts in `ctx.error`) for a serde_json syntax
/// error `message` at byte `position` of `body`, and the position Python gives, when
/// the error has a Python counterpart.
fn python_json_message(
    message: &str,
    body: &[u8],
    position: usize,
) -> Option<(&'static str, usize)> {
    const VALUE: &str = "Expecting value";
    const NAME: &str = "Expecting property name enclosed in double quotes";
    const COMMA: &str = "Expecting ',' delimiter";
    let last = body
        .get(..position)
        .unwrap_or(body)
        .iter()
        .rposition(|b| !b.is_ascii_whitespace());
    let last_byte = last.and_then(|i| body.get(i).copied());
    Some(match message {
        "expected value" | "EOF while parsing a value" | "expected ident" | "invalid number" => {
            (VALUE, position)
        }
        "key must be a string" => (NAME, position),
        "expected `:`" => ("Expecting ':' delimiter", position),
        "expected `,` or `]`" | "expected `,` or `}`" => (COMMA, position),
        "trailing characters" => ("Extra data", position),
        "trailing comma" => match body.get(position) {
            Some(b']') => (VALUE, position),
            _ => (NAME, position),
        },
        "EOF while parsing an object" => match last_byte {
            Some(b'{' | b',') => (NAME, position),
            Some(b':') => (VALUE, position),
            _ if key_pending(body) => ("Expecting ':' delimiter", position),
            _ => (COMMA, position),
        },
        "EOF while parsing a list" => match last_byte {
            Some(b'[' | b',') => (VALUE, position),
            _ => (COMMA, position),
        },
        "EOF while parsing a string" => ("Unterminated string starting at", open_quote(body)?),
        m if m.starts_with("control character") => ("Invalid control character at", position),
        "invalid escape" => ("Invalid \\escape", position.saturating_sub(1)),
        _ => return None,
    })
}

/// The byte offset of the quote opening the string a truncated body ends in.
fn open_quote(body: &[u8]) -> Option<usize> {
    let (mut open, mut escaped) = (None, false);
    for (i, b) in body.iter().enumerate() {
        match (open, b) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), b'\\') => escaped = true,
            (Some(_), b'"') => open = None,
            (None, b'"') => open = Some(i),
            _ => {}
        }
    }
    open
}

/// Whether a truncated object body ends right after a key (a string following `{` or
/// `,`): Python then expects the `:`.
fn key_pending(body: &[u8]) -> bool {
    let trimmed = body.trim_ascii_end();
    if !trimmed.ends_with(b"\"") {
        return false;
    }
    let Some(start) = trimmed[..trimmed.len() - 1]
        .iter()
        .rposition(|b| *b == b'"')
    else {
        return false;
    };
    matches!(trimmed[..start].trim_ascii_end().last(), Some(b'{' | b','))
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

/// Deserializes URL-encoded pairs (a query string, a form body) as Pydantic reads them:
/// every value a string (the last of a repeated key), every failing field reported, a
/// missing parameter with no input.
pub(crate) fn decode_urlencoded<T: DeserializeOwned>(
    input: &[u8],
    place: Place,
) -> Result<T, Rejection> {
    decode_urlencoded_with(input, place, crate::input::from_value)
}

/// [`decode_urlencoded`] with the constraints `T` declares (`validator`).
#[cfg(feature = "validator")]
pub(crate) fn decode_urlencoded_valid<T: DeserializeOwned + validator::Validate>(
    input: &[u8],
    place: Place,
) -> Result<T, Rejection> {
    decode_urlencoded_with(input, place, crate::input::validated)
}

fn decode_urlencoded_with<T>(input: &[u8], place: Place, read: Reader<T>) -> Result<T, Rejection> {
    let pairs: serde_json::Map<String, Value> = form_urlencoded::parse(input)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    read(&Value::Object(pairs), place.name()).map_err(|invalid| params_rejection(invalid, place))
}

/// Parameters (a query, a form, a route's path) as a `T`, every failing one reported.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn decode_params<T: DeserializeOwned>(
    params: &[(&str, &str)],
    place: Place,
) -> Result<T, Rejection> {
    crate::input::from_params(params, place.name())
        .map_err(|invalid| params_rejection(invalid, place))
}

/// [`decode_params`] with the constraints `T` declares (`validator`).
#[cfg(feature = "validator")]
pub(crate) fn decode_params_valid<T: DeserializeOwned + validator::Validate>(
    params: &[(&str, &str)],
    place: Place,
) -> Result<T, Rejection> {
    crate::input::validated_params(params, place.name())
        .map_err(|invalid| params_rejection(invalid, place))
}

/// The rejection of invalid parameters at `place`: a missing one has no input (as
/// Pydantic), and the failure is [`Failure::ParameterConstraint`] when only declared
/// constraints failed, else the first violation's (a missing parameter, or an invalid
/// one).
fn params_rejection(invalid: crate::input::Invalid, place: Place) -> Rejection {
    let constraints_only = invalid.constraints_only();
    let mut violations = invalid.into_violations();
    if place != Place::Body {
        for v in &mut violations {
            if v.kind == "missing" {
                v.input = Some(Value::Null);
            }
        }
    }
    let default = match place {
        Place::Body => Failure::BodyInvalid,
        Place::Query | Place::Path => Failure::ParameterInvalid,
    };
    let failure = match violations.first() {
        _ if constraints_only && place != Place::Body => Failure::ParameterConstraint,
        Some(first) => failure_of(first, default),
        None => default,
    };
    Rejection::new(failure).violations(violations)
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

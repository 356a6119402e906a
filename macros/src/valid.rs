//! Every semantic rule of the derive. Each failed rule is one error on the narrowest token,
//! saying the rule and the fix; all of them are collected, none stops the others.

use std::collections::BTreeMap;

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{GenericArgument, PathArguments, Type};

use crate::ast::{Arg, Convention, Field, Input, Mark, Message, Piece, Shape, SpecPart, Variant};
use crate::attr::{Str, did_you_mean, error};
use crate::tables::{PROBLEM_MEMBERS, assigned_ranges, iana_assigned};

/// Checks the whole input.
pub(crate) fn check(input: &Input<'_>, errors: &mut Accumulator) {
    container(input, errors);
    if let Shape::Union(span) = &input.shape {
        errors.push(error(
            *span,
            "`ApiError` cannot be derived for a union: use an enum (one code per variant) or a struct (one code for the type)",
        ));
    }
    let convention = input.convention();
    let prefix = input.prefix();
    // Code -> the literal that first used it.
    let mut seen: BTreeMap<&str, &Str> = BTreeMap::new();
    conversions(input, errors);
    for v in input.variants() {
        variant(v, errors);
        let Some(code) = v.code().and_then(|c| c.code.as_ref()) else {
            continue;
        };
        code_spelling(code, convention, prefix, errors);
        let value = code.value.as_str();
        if value.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(value) {
            errors.push(error(
                code.span(),
                format!(
                    "duplicate code `{value}`: a code appears once per type, so clients can map it back to one variant; give `{}` its own code or merge the two variants",
                    v.ident
                ),
            ));
            errors.push(error(
                first.span(),
                format!("first used here: code `{value}`"),
            ));
        } else {
            seen.insert(value, code);
        }
    }
}

fn container(input: &Input<'_>, errors: &mut Accumulator) {
    if let Some(lit) = &input.attrs.convention {
        let name = &lit.value;
        if Convention::from_name(name).is_none() {
            let names = Convention::NAMES
                .iter()
                .map(|n| format!("`\"{n}\"`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = did_you_mean(name, Convention::NAMES)
                .map(|n| format!("did you mean `\"{n}\"`? "))
                .unwrap_or_default();
            errors.push(error(
                lit.span(),
                format!("unknown convention `{name}`: {hint}the conventions are {names}"),
            ));
        }
    }
    if let Some(family) = &input.attrs.family {
        non_empty(family, "family", "rooms", errors);
    }
    if let Some(retry) = &input.attrs.retry {
        retry_class(retry, errors);
    }
}

/// The retry classes `retry = ".."` takes, with what each says.
pub(crate) const RETRY_CLASSES: [(&str, &str); 3] = [
    ("never", "a retry of the same request cannot succeed"),
    ("after", "it can, after a wait"),
    ("safe", "it can, whatever the request"),
];

/// The gRPC status codes `grpc = ".."` takes (`google.rpc.Code` but `OK`).
pub(crate) const GRPC_CODES: [&str; 16] = [
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// `grpc = ".."` names one of [`GRPC_CODES`].
fn grpc_code(lit: &Str, errors: &mut Accumulator) {
    let value = lit.value.as_str();
    if GRPC_CODES.contains(&value) {
        return;
    }
    let wanted = value.trim().to_ascii_uppercase().replace(['-', ' '], "_");
    let hint = if value == "OK" {
        "an error is never `OK`; ".to_owned()
    } else if GRPC_CODES.contains(&wanted.as_str()) {
        format!("write `grpc = \"{wanted}\"`; ")
    } else {
        String::new()
    };
    errors.push(error(
        lit.span(),
        format!(
            "unknown gRPC code `{value}`: {hint}the codes are {}",
            GRPC_CODES.join(", ")
        ),
    ));
}

/// `retry = ".."` names one of [`RETRY_CLASSES`].
fn retry_class(lit: &Str, errors: &mut Accumulator) {
    let value = lit.value.as_str();
    if RETRY_CLASSES.iter().any(|(name, _)| *name == value) {
        return;
    }
    let hint = RETRY_CLASSES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(value.trim()))
        .map(|(name, _)| format!("write `retry = \"{name}\"` (lower case); "))
        .unwrap_or_default();
    let classes = RETRY_CLASSES
        .iter()
        .map(|(name, what)| format!("`\"{name}\"` ({what})"))
        .collect::<Vec<_>>()
        .join(", ");
    errors.push(error(
        lit.span(),
        format!("unknown retry class `{value}`: {hint}the classes are {classes}"),
    ));
}

/// `message_id = ".."` is a Fluent message identifier: `[a-zA-Z][a-zA-Z0-9_-]*`.
fn fluent_id(id: &Str, errors: &mut Accumulator) {
    let value = id.value.as_str();
    let mut chars = value.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        return;
    }
    let fixed: String = {
        let mut out = String::new();
        for c in value.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        out.trim_end_matches('-').to_owned()
    };
    let fix = if fixed.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("write `message_id = \"{fixed}\"`")
    } else {
        "start it with a letter, as in `message_id = \"room-frozen\"`".to_owned()
    };
    errors.push(error(
        id.span(),
        format!(
            "`{value}` is not a Fluent message id (a letter, then letters, digits, `-` or `_`): {fix}"
        ),
    ));
}

/// `deprecated = "NEW"` names another code, one that can go on the wire.
fn deprecated_for(replacement: &Str, own: Option<&Str>, errors: &mut Accumulator) {
    let value = replacement.value.as_str();
    let msg = if value.trim().is_empty() {
        "`deprecated` needs the code that replaces this one, as in `deprecated = \"SW_ROOM_CLOSED\"`".to_owned()
    } else if !value.chars().all(wire_safe) {
        // `"use SW_ROOM_CLOSED"`: the code alone.
        let last = value.split_whitespace().last().unwrap_or("");
        let fix = if !last.is_empty() && last.chars().all(wire_safe) {
            format!("write `deprecated = \"{last}\"`")
        } else {
            "name the code alone, as in `deprecated = \"SW_ROOM_CLOSED\"`".to_owned()
        };
        format!(
            "`deprecated` names the code that replaces this one, and `{value}` is not a code (printable ASCII without `\"`, `\\` or whitespace): {fix}"
        )
    } else if own.is_some_and(|own| own.value == value) {
        format!(
            "a code cannot be deprecated in favour of itself: name the code that replaces `{value}` (a variant of this type or another), as in `deprecated = \"SW_ROOM_CLOSED\"`"
        )
    } else {
        return;
    };
    errors.push(error(replacement.span(), msg));
}

/// An empty string value is an error.
fn non_empty(lit: &Str, key: &str, example: &str, errors: &mut Accumulator) {
    if lit.value.trim().is_empty() {
        errors.push(error(
            lit.span(),
            format!(
                "`{key}` is empty: write a name such as `{key} = \"{example}\"`, or remove the key"
            ),
        ));
    }
}

/// `#[code(transparent)]`: one field, nothing of its own to say.
fn transparent(v: &Variant<'_>, span: Span, errors: &mut Accumulator) {
    let what = if v.is_struct { "struct" } else { "variant" };
    let ident = v.ident;
    if v.fields.len() != 1 {
        errors.push(error(
            span,
            format!(
                "a transparent {what} delegates everything to its one field, but `{ident}` has {} fields: wrap exactly one error, as in `{ident}(RoomError)`, or give `{ident}` a code of its own",
                v.fields.len()
            ),
        ));
    }
    if v.message_written {
        errors.push(error(
            v.message.as_ref().map_or(span, |m| m.span),
            format!(
                "a transparent {what} shows its field's message: remove `#[message]` from `{ident}`, or give it a code of its own"
            ),
        ));
    }
    for f in &v.fields {
        for m in f.marks.iter().filter(|m| m.mark != Mark::From) {
            errors.push(error(
                m.span,
                format!(
                    "`#[{}]` on the field of a transparent {what} means nothing: the wrapped error gives its own; remove it",
                    m.mark.name()
                ),
            ));
        }
    }
}

/// No two fields convert `From` the same type (`#[from]`, a transparent variant's field).
fn conversions(input: &Input<'_>, errors: &mut Accumulator) {
    let mut seen: Vec<(String, &syn::Ident)> = Vec::new();
    for v in input.variants() {
        for f in v
            .fields
            .iter()
            .filter(|f| f.has(Mark::From) || v.delegate().is_some())
        {
            let ty = f.ty;
            let key = quote::quote!(#ty).to_string();
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                errors.push(error(
                    ty.span(),
                    format!(
                        "`{}` is converted into `{}` twice: `{first}` already takes it with `From` (`#[from]` or `#[code(transparent)]`), and `?` must know which variant to build; keep one, and mark this field `#[source]` instead",
                        key.replace(' ', ""),
                        input.ident
                    ),
                ));
            } else {
                seen.push((key, v.ident));
            }
        }
    }
}

fn variant(v: &Variant<'_>, errors: &mut Accumulator) {
    if let Some(span) = v.transparent() {
        transparent(v, span, errors);
        return;
    }
    let what = if v.is_struct { "struct" } else { "variant" };
    match v.codes.as_slice() {
        [] if v.habit.code => {}
        [] => errors.push(error(
            v.ident.span(),
            format!(
                "{what} `{}` has no `#[code]`: every {what} needs exactly one, e.g. `#[code(\"ROOM_FROZEN\", status = 409)]`",
                v.ident
            ),
        )),
        [_, extra @ ..] => {
            for attr in extra {
                errors.push(error(
                    attr.span,
                    format!(
                        "{what} `{}` has a second `#[code]`: a {what} has exactly one code; remove this one, or split the {what} in two",
                        v.ident
                    ),
                ));
            }
        }
    }
    if let Some(code) = v.code() {
        if let Some(family) = &code.family {
            non_empty(family, "family", "rooms", errors);
        }
        if let Some(retry) = &code.retry {
            retry_class(retry, errors);
        }
        if let Some(grpc) = &code.grpc {
            grpc_code(grpc, errors);
        }
        if let Some(replacement) = &code.deprecated {
            deprecated_for(replacement, code.code.as_ref(), errors);
        }
        if let Some(id) = &code.message_id {
            fluent_id(id, errors);
        }
        server_only(v, errors);
        if !code.status_written && !v.habit.status {
            let lit = code.code.as_ref().map_or("CODE", |s| s.value.as_str());
            errors.push(error(
                code.code.as_ref().map_or(code.span, Str::span),
                format!("`#[code]` needs a status: write `#[code(\"{lit}\", status = 409)]`"),
            ));
        }
        if let Some(statuses) = &code.statuses {
            let mut seen: Vec<u64> = Vec::new();
            for s in &statuses.list {
                status_value(s.value, s.span, errors);
                if seen.contains(&s.value) {
                    errors.push(error(
                        s.span,
                        format!("status {} is listed twice: remove this one", s.value),
                    ));
                }
                seen.push(s.value);
            }
        }
    }
    for span in &v.extra_messages {
        errors.push(error(
            *span,
            format!(
                "`{}` has a second `#[message]`: keep one and remove this one",
                v.ident
            ),
        ));
    }
    if !v.message_written && v.doc.is_none() && !v.habit.message {
        errors.push(error(
            v.ident.span(),
            format!(
                "{what} `{}` has no message: add `#[message(\"...\")]` (fields can be interpolated, as in `{{room_id}}`), or a doc comment `/// ...`, which is also its catalogue meaning",
                v.ident
            ),
        ));
    }
    if let Some(message) = &v.message {
        placeholders(v, message, errors);
    }
    fields(v, errors);
}

/// `public` and `expose` say what a 5xx shows; `#[violations]` are what a 4xx shows.
fn server_only(v: &Variant<'_>, errors: &mut Accumulator) {
    let Some(code) = v.code() else { return };
    let Some(statuses) = &code.statuses else {
        return;
    };
    let ident = v.ident;
    let server = |s: &crate::attr::code::StatusLit| (500..=599).contains(&s.value);
    match (
        statuses.list.iter().any(server),
        statuses.list.iter().all(server),
    ) {
        (false, _) => {
            if let Some(public) = &code.public {
                errors.push(error(
                    public.span(),
                    format!(
                        "`public` is the text a 5xx shows instead of its message, but `{ident}` is a 4xx, whose message always reaches the client: remove `public`, or change the message"
                    ),
                ));
            }
            if let Some(expose) = code.expose {
                errors.push(error(
                    expose,
                    format!(
                        "`expose` lets a 5xx show its own message, but `{ident}` is a 4xx, whose message always reaches the client: remove `expose`"
                    ),
                ));
            }
        }
        (true, true) => {
            for f in &v.fields {
                if let Some(span) = f.first(Mark::Violations) {
                    errors.push(error(
                        span,
                        format!(
                            "`{ident}` is a 5xx: the client is not at fault, and field violations tell it which input to fix; use a 4xx status (422, 400) for a validation error, or remove `#[violations]`"
                        ),
                    ));
                }
            }
        }
        _ => {}
    }
}

/// A status number: an error status assigned in the IANA registry.
fn status_value(value: u64, span: Span, errors: &mut Accumulator) {
    if !(400..=599).contains(&value) {
        errors.push(error(
            span,
            format!(
                "status {value} is not an error status: an `ApiError` status is in 400..=599 (4xx: the client's fault, 5xx: the server's); write e.g. `status = 400` or `status = 500`"
            ),
        ));
    } else if !iana_assigned(value) {
        let why = match value {
            418 => " (418 \"I'm a teapot\" is reserved, not assigned)",
            420 => " (420 is a non-standard rate-limit status; use 429 Too Many Requests)",
            499 => " (499 is nginx's non-standard \"client closed request\"; use 400 or 408)",
            _ => "",
        };
        errors.push(error(
            span,
            format!(
                "status {value} is not assigned in the IANA HTTP status code registry{why}: use an assigned status (4xx: {}; 5xx: {})",
                assigned_ranges(4),
                assigned_ranges(5)
            ),
        ));
    }
}

/// The code against the type's convention and prefix.
fn code_spelling(code: &Str, convention: Convention, prefix: &str, errors: &mut Accumulator) {
    let value = code.value.as_str();
    if value.trim().is_empty() {
        errors.push(error(
            code.span(),
            "the code is empty: a code is the stable identifier clients branch on; write one such as `\"ROOM_FROZEN\"`",
        ));
        return;
    }
    if let Some(c) = value.chars().find(|c| !c.is_whitespace() && !wire_safe(*c)) {
        let what = match c {
            '"' => "a `\"`".to_owned(),
            '\\' => "a `\\`".to_owned(),
            c if c.is_ascii_control() => format!("the control character U+{:04X}", u32::from(c)),
            c => format!("the non-ASCII character `{c}`"),
        };
        let fixed = if convention == Convention::Any {
            // `"` and `\` become `_`, other characters are dropped.
            value
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("_")
                .chars()
                .filter_map(|c| match c {
                    '"' | '\\' => Some('_'),
                    c if wire_safe(c) => Some(c),
                    _ => None,
                })
                .collect()
        } else {
            respell(convention, value)
        };
        let fix =
            if !fixed.is_empty() && fixed.chars().all(wire_safe) && follows(convention, &fixed) {
                format!("write `\"{fixed}\"`")
            } else {
                "rename it".to_owned()
            };
        errors.push(error(
            code.span(),
            format!(
                "code `{value}` contains {what}: codes are written raw into JSON bodies and HTTP headers, so they are printable ASCII without `\"`, `\\` or whitespace: {fix}"
            ),
        ));
        return;
    }
    if !follows(convention, value) {
        let (rule, name) = match convention {
            Convention::Any => (
                "letters, digits and `-._~!$&'()*+,;=:@`, which a URI path segment (the RFC 9457 `type`), a header and JSON all carry as they are",
                "any",
            ),
            Convention::ScreamingSnake => (
                "segments of `A-Z0-9` joined by single `_`",
                "SCREAMING_SNAKE",
            ),
            Convention::SnakeCase => ("segments of `a-z0-9` joined by single `_`", "snake_case"),
            Convention::Dotted => ("segments of `a-z0-9_-` joined by `.`", "dotted"),
        };
        let fixed = respell(convention, value);
        let fix = if follows(convention, &fixed) && fixed != value {
            format!("write `\"{fixed}\"`")
        } else {
            "rename it".to_owned()
        };
        errors.push(error(
            code.span(),
            format!("code `{value}` does not follow the `{name}` convention of this type ({rule}): {fix}"),
        ));
    } else if !value.starts_with(prefix) {
        let fixed = format!("{prefix}{value}");
        errors.push(error(
            code.span(),
            format!(
                "code `{value}` does not start with the prefix `{prefix}` declared in `#[api_error(prefix = ..)]`: write `\"{fixed}\"`"
            ),
        ));
    }
}

/// Whether a code may contain `c` whatever its convention: printable ASCII but `"` and `\`
/// (a code is written raw, unescaped, into JSON strings and header values).
pub(crate) fn wire_safe(c: char) -> bool {
    c.is_ascii_graphic() && c != '"' && c != '\\'
}

/// Whether `c` stands for itself in a URI path segment (RFC 3986 `pchar` but `%`), so a
/// code of such characters goes into an RFC 9457 `type` URI, a header and JSON as it is.
fn segment_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c)
}

/// Whether `code` is spelled by `convention` (the definitions of the runtime's `Convention`).
pub(crate) fn follows(convention: Convention, code: &str) -> bool {
    let segments = |sep: char, ok: fn(char) -> bool| {
        !code.is_empty() && code.split(sep).all(|s| !s.is_empty() && s.chars().all(ok))
    };
    match convention {
        Convention::Any => !code.is_empty() && code.chars().all(segment_safe),
        Convention::ScreamingSnake => {
            segments('_', |c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }
        Convention::SnakeCase => segments('_', |c| c.is_ascii_lowercase() || c.is_ascii_digit()),
        Convention::Dotted => segments('.', |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'
        }),
    }
}

/// A best guess of `code` in `convention`, for the "write `..`" of an error.
fn respell(convention: Convention, code: &str) -> String {
    let words = |keep: &[char]| -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut prev_lower = false;
        for c in code.chars() {
            if c.is_alphanumeric() || keep.contains(&c) {
                if c.is_uppercase() && prev_lower && !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                prev_lower = c.is_lowercase() || c.is_ascii_digit();
                word.push(c);
            } else if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        words
    };
    match convention {
        Convention::Any => code
            .chars()
            .map(|c| if segment_safe(c) { c } else { '_' })
            .collect(),
        Convention::ScreamingSnake => words(&[]).join("_").to_uppercase(),
        Convention::SnakeCase => words(&[]).join("_").to_lowercase(),
        Convention::Dotted => code
            .to_lowercase()
            .split('.')
            .map(|seg| {
                seg.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect::<String>()
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("."),
    }
}

/// Every placeholder of the message names a field.
fn placeholders(v: &Variant<'_>, message: &Message, errors: &mut Accumulator) {
    let positional = message.args.iter().filter(|a| a.name.is_none()).count();
    let mut used = vec![false; message.args.len()];
    let mut reported: Vec<Arg> = Vec::new();
    let mut check = |arg: &Arg| {
        if let Some(i) = message.extra(arg) {
            used[i] = true;
            return;
        }
        if reported.contains(arg) {
            return;
        }
        if let Arg::Positional(n) = arg {
            reported.push(arg.clone());
            if positional == 0 {
                errors.push(error(
                    message.span,
                    "`{}` names no field: interpolate a field by name or position (`{room_id}`, `{0}`), or pass an argument after the format string, as in `#[message(\"{} items\", .0.len())]`",
                ));
                return;
            }
            errors.push(error(
                message.span,
                format!(
                    "`{{}}` number {} takes the message's next argument, but {positional} {} given after the format string: pass one, as in `#[message(\"{{}} items\", .0.len())]`, or name a field (`{{0}}`, `{{room_id}}`)",
                    n + 1,
                    if positional == 1 { "is" } else { "are" }
                ),
            ));
            return;
        }
        if v.resolve(arg).is_some() {
            return;
        }
        reported.push(arg.clone());
        errors.push(error(message.span, unknown_placeholder(v, arg)));
    };
    for piece in &message.pieces {
        let Piece::Arg { arg, spec, .. } = piece else {
            continue;
        };
        check(arg);
        for part in spec {
            if let SpecPart::Ref(arg) = part {
                check(arg);
            }
        }
    }
    let mut names: Vec<String> = Vec::new();
    for (extra, used) in message.args.iter().zip(used) {
        if let Some(name) = &extra.name {
            let name = crate::ast::unraw(name);
            if names.contains(&name) {
                errors.push(error(
                    extra.span,
                    format!("argument `{name}` is given twice: keep one and remove this one"),
                ));
            }
            names.push(name);
        }
        if !used {
            let how = extra.name.as_ref().map_or_else(
                || "`{}`".to_owned(),
                |n| format!("`{{{}}}`", crate::ast::unraw(n)),
            );
            errors.push(error(
                extra.span,
                format!(
                    "this argument is not used by the message: use it with {how}, or remove it"
                ),
            ));
        }
        // A bare field name: fields are read with a leading dot, as in thiserror.
        if let [proc_macro2::TokenTree::Ident(word)] = extra
            .tokens
            .clone()
            .into_iter()
            .collect::<Vec<_>>()
            .as_slice()
            && let Some(f) = v.resolve(&Arg::Named(crate::ast::unraw(word)))
        {
            errors.push(error(
                word.span(),
                format!(
                    "`{word}` in a message argument is not the field: write `.{}` to read field `{}` of `{}`",
                    f.name(),
                    f.name(),
                    v.ident
                ),
            ));
        }
        for (field, span) in &extra.fields {
            if v.resolve(field).is_none() {
                let fields: Vec<String> = v
                    .fields
                    .iter()
                    .map(|f| format!("`.{}`", f.name()))
                    .collect();
                let have = if fields.is_empty() {
                    "it has no fields".to_owned()
                } else {
                    format!("its fields are {}", fields.join(", "))
                };
                errors.push(error(
                    *span,
                    format!(
                        "`.{}` in a message argument names no field of `{}`: {have}",
                        field.display(),
                        v.ident
                    ),
                ));
            }
        }
    }
}

fn unknown_placeholder(v: &Variant<'_>, arg: &Arg) -> String {
    let shown = arg.display();
    let names: Vec<String> = v.fields.iter().map(Field::name).collect();
    let listed = names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let ident = v.ident;
    if v.fields.is_empty() {
        return format!(
            "`{{{shown}}}` in the message names no field: `{ident}` has no fields; remove the placeholder or write `{{{{` for a literal brace"
        );
    }
    match arg {
        Arg::Named(name) if !v.named => format!(
            "`{{{name}}}` in the message names no field: the fields of `{ident}` are unnamed, refer to them by position: {listed}"
        ),
        Arg::Index(_) if v.named => format!(
            "`{{{shown}}}` in the message names no field: the fields of `{ident}` are named, refer to them by name: {listed}"
        ),
        Arg::Named(name) => {
            let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
            match did_you_mean(name, &candidates) {
                Some(close) => format!(
                    "`{{{name}}}` in the message names no field of `{ident}`: did you mean `{{{close}}}`?"
                ),
                None => format!(
                    "`{{{name}}}` in the message names no field of `{ident}`: use one of {listed}"
                ),
            }
        }
        Arg::Index(_) | Arg::Positional(_) => format!(
            "`{{{shown}}}` in the message names no field: `{ident}` has {} field(s): {listed}",
            v.fields.len()
        ),
    }
}

/// The field attributes of one variant.
fn fields(v: &Variant<'_>, errors: &mut Accumulator) {
    underscore_fields(v, errors);
    repeated_attrs(v, errors);
    sources(v, errors);
    singletons(v, errors);
    retry_types(v, errors);
    detail_names(v, errors);
    status_field(v, errors);
}

/// A field named `_` (unnamed fields, unstable Rust) cannot be bound by a pattern.
fn underscore_fields(v: &Variant<'_>, errors: &mut Accumulator) {
    for f in &v.fields {
        if let syn::Member::Named(ident) = &f.member
            && ident == "_"
        {
            errors.push(error(
                ident.span(),
                format!(
                    "`{}` has a field named `_`, which the generated code cannot read: give the field a name",
                    v.ident
                ),
            ));
        }
    }
}

/// An attribute repeated on one field.
fn repeated_attrs(v: &Variant<'_>, errors: &mut Accumulator) {
    for f in &v.fields {
        for mark in Mark::ALL {
            for span in f.spans(mark).skip(1) {
                errors.push(error(
                    span,
                    format!(
                        "`#[{}]` is repeated on field `{}`: remove this one",
                        mark.name(),
                        f.name()
                    ),
                ));
            }
        }
    }
}

/// One source, and `#[from]` only on a variant's only field.
fn sources(v: &Variant<'_>, errors: &mut Accumulator) {
    let ident = v.ident;
    let sources: Vec<&Field<'_>> = v.fields.iter().filter(|f| f.explicit_source()).collect();
    for extra in sources.iter().skip(1) {
        let span = extra
            .first(Mark::Source)
            .or(extra.first(Mark::From))
            .unwrap_or_else(|| extra.ty.span());
        errors.push(error(
            span,
            format!(
                "`{ident}` has a second source: `Error::source` returns one error, so mark one field `#[source]` (or `#[from]`); remove this one (field `{}`), or wrap the causes in one error type",
                extra.name()
            ),
        ));
    }
    // `#[from]` alone.
    for f in &v.fields {
        let Some(span) = f.first(Mark::From) else {
            continue;
        };
        if v.fields.len() > 1 {
            let others: Vec<String> = v
                .fields
                .iter()
                .filter(|o| o.member != f.member)
                .map(|o| format!("`{}`", o.name()))
                .collect();
            errors.push(error(
                span,
                format!(
                    "`#[from]` generates `From<field type>` for `{ident}`, which needs the field to be the only one, but `{ident}` also has {}: use `#[source]` instead, or remove the other fields",
                    others.join(", ")
                ),
            ));
        }
    }
}

/// At most one `#[retry_after]`, `#[violations]` and `#[status]` field per variant.
fn singletons(v: &Variant<'_>, errors: &mut Accumulator) {
    let ident = v.ident;
    for (name, pick) in [
        (
            "retry_after",
            (|f: &Field<'_>| f.first(Mark::RetryAfter)) as fn(&Field<'_>) -> Option<Span>,
        ),
        ("violations", |f: &Field<'_>| f.first(Mark::Violations)),
        ("status", |f: &Field<'_>| f.first(Mark::Status)),
    ] {
        for (i, span) in v.fields.iter().filter_map(pick).enumerate() {
            if i > 0 {
                errors.push(error(
                    span,
                    format!("`{ident}` has a second `#[{name}]` field: a variant has at most one; remove this one"),
                ));
            }
        }
    }
}

/// `#[retry_after]` field types.
fn retry_types(v: &Variant<'_>, errors: &mut Accumulator) {
    for f in &v.fields {
        if f.has(Mark::RetryAfter) && !retry_type(f.ty) {
            errors.push(error(
                f.ty.span(),
                format!(
                    "`#[retry_after]` field `{}` must be an integer number of seconds (`u64`, `u32`, ..), a `Duration`, or an `Option` of one of those: change its type, or remove `#[retry_after]`",
                    f.name()
                ),
            ));
        }
    }
}

/// `#[detail]` names: present on tuple fields, non-empty, unique, and not a member a
/// built-in format writes itself.
fn detail_names(v: &Variant<'_>, errors: &mut Accumulator) {
    let ident = v.ident;
    let mut names: Vec<String> = Vec::new();
    for f in &v.fields {
        let Some(d) = f.detail() else { continue };
        let name = match (&d.detail_name, &f.member) {
            (Some(lit), _) => {
                if lit.value.trim().is_empty() {
                    errors.push(error(
                        lit.span(),
                        "the detail name is empty: write the key the envelope shows, e.g. `#[detail(name = \"path\")]`",
                    ));
                    continue;
                }
                lit.value.clone()
            }
            (None, syn::Member::Named(ident)) => crate::ast::unraw(ident),
            (None, syn::Member::Unnamed(index)) => {
                errors.push(error(
                    d.span,
                    format!(
                        "`#[detail]` on unnamed field `{}` needs a name for the envelope: write `#[detail(name = \"path\")]`",
                        index.index
                    ),
                ));
                continue;
            }
        };
        if names.contains(&name) {
            errors.push(error(
                d.span,
                format!("detail `{name}` is reported twice by `{ident}`: give this field another name with `#[detail(name = \"..\")]`"),
            ));
        }
        let at = d.detail_name.as_ref().map_or(d.span, Str::span);
        if PROBLEM_MEMBERS.contains(&name.as_str()) {
            errors.push(error(
                at,
                format!(
                    "detail `{name}` would take over the `{name}` member of an RFC 9457 problem (`api_envelope::format::Problem` writes `type`, `title`, `status`, `detail`, `instance`, `code`, `errors` itself), so it would be dropped there: name it otherwise, as in `#[detail(name = \"{ident_lower}_{name}\")]`",
                    ident_lower = crate::ast::unraw(ident).to_lowercase()
                ),
            ));
        } else if name == "fields" && v.fields.iter().any(|f| f.has(Mark::Violations)) {
            errors.push(error(
                at,
                format!(
                    "detail `fields` would collide with the violations ScaiKey's format writes under `details.fields` (`{ident}` has `#[violations]`): name it otherwise with `#[detail(name = \"..\")]`"
                ),
            ));
        }
        names.push(name);
    }
}

/// A `#[status]` field exactly when the code declares several statuses.
fn status_field(v: &Variant<'_>, errors: &mut Accumulator) {
    let ident = v.ident;
    let status_field = v.fields.iter().find_map(|f| f.first(Mark::Status));
    if let Some(statuses) = v.code().and_then(|c| c.statuses.as_ref()) {
        let listed = statuses
            .list
            .iter()
            .map(|s| s.value.to_string())
            .collect::<Vec<_>>();
        match (status_field, statuses.list.len()) {
            (Some(span), 1) => errors.push(error(
                span,
                format!(
                    "`#[status]` chooses among several declared statuses, but the code of `{ident}` declares only {}: declare all of them, as in `status = [{}, 503]`, or remove `#[status]`",
                    listed[0], listed[0]
                ),
            )),
            (None, n) if n > 1 => errors.push(error(
                statuses.span,
                format!(
                    "the code of `{ident}` declares several statuses ({}) but `{ident}` has no `#[status]` field choosing one: add a field such as `#[status] status: u16` (or `http::StatusCode`), or declare one status",
                    listed.join(", ")
                ),
            )),
            _ => {}
        }
    }
}

/// Whether a `#[retry_after]` type is an integer, a `Duration`, or an `Option` of one.
pub(crate) fn retry_type(ty: &Type) -> bool {
    retry_type_inner(ty, true)
}

fn retry_type_inner(ty: &Type, option_ok: bool) -> bool {
    const INTS: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ];
    match ty {
        Type::Group(g) => retry_type_inner(&g.elem, option_ok),
        Type::Paren(p) => retry_type_inner(&p.elem, option_ok),
        Type::Path(tp) if tp.qself.is_none() => {
            let segments: Vec<String> = tp
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
            let last = tp.path.segments.last();
            let plain = tp.path.segments.iter().all(|s| s.arguments.is_none());
            if plain {
                return matches!(
                    segments.as_slice(),
                    [int] if INTS.contains(int)
                ) || matches!(
                    segments.as_slice(),
                    ["Duration"] | ["std" | "core", "time", "Duration"]
                );
            }
            let is_option = matches!(
                segments.as_slice(),
                ["Option"] | ["std" | "core", "option", "Option"]
            );
            if !option_ok || !is_option {
                return false;
            }
            let Some(PathArguments::AngleBracketed(args)) = last.map(|s| &s.arguments) else {
                return false;
            };
            match args.args.iter().collect::<Vec<_>>().as_slice() {
                [GenericArgument::Type(inner)] => retry_type_inner(inner, false),
                _ => false,
            }
        }
        _ => false,
    }
}

//! `#[code(..)]` on a variant or struct: the code string (or `transparent`), its status
//! or statuses, and the keys of the catalogue row.

use darling::Error;
use darling::ast::NestedMeta;
use darling::error::Accumulator;
use proc_macro2::{Delimiter, Span, TokenTree};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, LitInt, Meta};

use super::{
    Keys, Str, error, flag, keyed, list_items, path_span, plain_tokens, string_value, ungroup,
};

/// A `key = value` key of `#[code("X", ..)]`.
#[derive(Clone, Copy)]
enum Key {
    Status,
    Family,
    Public,
    Expose,
    Meaning,
    Retry,
    Grpc,
    Deprecated,
    MessageId,
}

/// The `key = value` part of `#[code("X", ..)]`.
const KEYS: Keys<Key> = Keys {
    attr: "#[code(..)]",
    keys: &[
        ("status", Key::Status),
        ("family", Key::Family),
        ("public", Key::Public),
        ("expose", Key::Expose),
        ("meaning", Key::Meaning),
        ("retry", Key::Retry),
        ("grpc", Key::Grpc),
        ("deprecated", Key::Deprecated),
        ("message_id", Key::MessageId),
    ],
};

/// One status literal of `status = 409` or `status = [502, 503]`.
#[derive(Clone, Copy)]
pub(crate) struct StatusLit {
    /// The number as written (range and registry are checked in `valid.rs`).
    pub value: u64,
    /// The literal.
    pub span: Span,
}

/// `status = 409` or `status = [502, 503]`, as written.
pub(crate) struct Statuses {
    /// The literals, in order (the first is the default).
    pub list: Vec<StatusLit>,
    /// The whole value, for errors about the list as a whole.
    pub span: Span,
}

/// Reads one status literal, or explains how to write it.
fn status_lit(expr: &Expr, errors: &mut Accumulator) -> Option<StatusLit> {
    let expr = ungroup(expr);
    let int_fix =
        |written: &str| format!("status must be an integer literal such as `409`, not {written}");
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(int) => int_status(int, errors),
            Lit::Str(s) => {
                let value = s.value();
                let msg = if value.trim().parse::<u16>().is_ok() {
                    format!(
                        "status must be an integer literal, not a string: write `status = {}`",
                        value.trim()
                    )
                } else {
                    int_fix("a string")
                };
                errors.push(error(s.span(), msg));
                None
            }
            Lit::Float(f) => {
                let digits = f.base10_digits();
                let msg = match digits.split('.').next().and_then(|d| d.parse::<u16>().ok()) {
                    Some(n) => format!("status must be an integer, not a float: write `{n}`"),
                    None => int_fix("a float"),
                };
                errors.push(error(f.span(), msg));
                None
            }
            other => {
                errors.push(error(other.span(), int_fix("this literal")));
                None
            }
        },
        Expr::Unary(_) => {
            errors.push(error(
                expr.span(),
                "status must be an error status in 400..=599: write a positive integer such as `409`",
            ));
            None
        }
        _ => {
            errors.push(error(
                expr.span(),
                "status must be an integer literal such as `409` (a constant or expression cannot be checked at compile time)",
            ));
            None
        }
    }
}

/// Reads an integer literal as a status: unsuffixed or `u16`.
fn int_status(int: &LitInt, errors: &mut Accumulator) -> Option<StatusLit> {
    let suffix = int.suffix();
    if !suffix.is_empty() && suffix != "u16" {
        let digits = int.base10_digits();
        errors.push(error(
            int.span(),
            format!(
                "status must be an unsuffixed integer (or `u16`), not `{suffix}`: write `{digits}`"
            ),
        ));
        return None;
    }
    // A number too large for u64 is certainly out of range; keep it as such.
    let value = int.base10_parse::<u64>().unwrap_or(u64::MAX);
    Some(StatusLit {
        value,
        span: int.span(),
    })
}

/// Reads `status = ..`.
fn statuses(meta: &Meta, errors: &mut Accumulator) -> Option<Statuses> {
    let Meta::NameValue(nv) = meta else {
        errors.push(error(
            meta.span(),
            "`status` takes a value: write `status = 409`, or `status = [502, 503]` for a code documented with several statuses",
        ));
        return None;
    };
    let value = ungroup(&nv.value);
    if let Expr::Array(array) = value {
        let list: Vec<StatusLit> = array
            .elems
            .iter()
            .filter_map(|e| status_lit(e, errors))
            .collect();
        if array.elems.is_empty() {
            errors.push(error(
                array.bracket_token.span.join(),
                "the status list is empty: list at least one status, e.g. `status = [502, 503]`",
            ));
            return None;
        }
        if list.len() != array.elems.len() {
            return None;
        }
        Some(Statuses {
            list,
            span: array.span(),
        })
    } else {
        let one = status_lit(value, errors)?;
        Some(Statuses {
            list: vec![one],
            span: one.span,
        })
    }
}

/// `#[code("CODE", status = 409, family = "..", public = "..", meaning = "..", expose)]`.
pub(crate) struct CodeAttr {
    /// The whole attribute (for "missing status" and "duplicate `#[code]`").
    pub span: Span,
    /// The code string, when present.
    pub code: Option<Str>,
    /// The status or statuses, when present and well-formed.
    pub statuses: Option<Statuses>,
    /// Whether `status` was written at all (possibly malformed).
    pub status_written: bool,
    /// Family overriding the container's.
    pub family: Option<Str>,
    /// Public text for a 5xx.
    pub public: Option<Str>,
    /// The catalogue meaning, overriding the doc comment.
    pub meaning: Option<Str>,
    /// The `expose` flag.
    pub expose: Option<Span>,
    /// `retry = "never" | "after" | "safe"` (checked in `valid.rs`).
    pub retry: Option<Str>,
    /// `grpc = "ALREADY_EXISTS"` (checked in `valid.rs`).
    pub grpc: Option<Str>,
    /// `deprecated = "NEW"`: the code replacing this one (checked in `valid.rs`).
    pub deprecated: Option<Str>,
    /// `message_id = "room-frozen"`: the message's id in a translation (checked in
    /// `valid.rs`).
    pub message_id: Option<Str>,
    /// `#[code(transparent)]`: everything delegates to the variant's one field.
    pub transparent: Option<Span>,
    /// `expose = "all"`: the message reaches the wire with its sources' own text.
    pub expose_all: bool,
}

const CODE_USAGE: &str = "#[code(\"SW_ROOM_FROZEN\", status = 409)]";

impl CodeAttr {
    fn empty(attr: &Attribute) -> Self {
        Self {
            span: path_span(attr),
            code: None,
            statuses: None,
            status_written: false,
            family: None,
            public: None,
            meaning: None,
            expose: None,
            retry: None,
            grpc: None,
            deprecated: None,
            message_id: None,
            transparent: None,
            expose_all: false,
        }
    }

    /// Reads one `#[code(..)]`.
    pub(crate) fn parse(attr: &Attribute, errors: &mut Accumulator) -> Self {
        if let Some(plain) = Self::parse_plain(attr) {
            return plain;
        }
        let mut out = Self::empty(attr);
        let Some(items) = list_items(&attr.meta, CODE_USAGE, errors) else {
            // Broken beyond reading: count the status as written to avoid a follow-on error.
            out.status_written = true;
            return out;
        };
        let mut rest = &items[..];
        match items.first() {
            Some(NestedMeta::Meta(Meta::Path(path))) if path.is_ident("transparent") => {
                out.transparent = Some(path.span());
                // Nothing else applies: the field gives the code, status and the rest.
                out.status_written = true;
                for item in &items[1..] {
                    errors.push(error(
                        item.span(),
                        "a transparent variant takes its code, status, family and messages \
                         from its field: remove this, or declare a code of its own instead \
                         (`#[code(\"SW_ROOM_FROZEN\", status = 409)]`)",
                    ));
                }
                return out;
            }
            Some(NestedMeta::Lit(Lit::Str(code))) => {
                out.code = Some(Str::new(code));
                rest = &items[1..];
            }
            Some(NestedMeta::Lit(other)) => {
                errors.push(error(
                    other.span(),
                    format!("the code must be a string literal: write `{CODE_USAGE}`"),
                ));
                rest = &items[1..];
            }
            // An unquoted code (`#[code(SW_ROOM_FROZEN, status = 409)]`): one error, not
            // a cascade of unknown keys.
            Some(NestedMeta::Meta(Meta::Path(path))) if path.get_ident().is_some() => {
                let word = quote::quote!(#path).to_string();
                errors.push(error(
                    path.span(),
                    format!(
                        "the code must be a string literal: write `\"{word}\"` (as in \
                         `{CODE_USAGE}`), or `transparent` to delegate to the variant's field"
                    ),
                ));
                out.status_written = true;
                rest = &items[1..];
            }
            _ => errors.push(error(
                attr.meta.span(),
                format!("`#[code]` starts with the code string: write `{CODE_USAGE}`"),
            )),
        }
        // `#[code("X", 409)]`: the status is a key.
        let bare_status = |item: &NestedMeta| matches!(item, NestedMeta::Lit(Lit::Int(_)));
        for item in rest.iter().filter(|item| bare_status(item)) {
            if let NestedMeta::Lit(Lit::Int(int)) = item {
                errors.push(error(
                    int.span(),
                    format!(
                        "the status is a key of `#[code]`: write `status = {}`, as in `{CODE_USAGE}`",
                        int.base10_digits()
                    ),
                ));
                out.status_written = true;
            }
        }
        let rest: Vec<NestedMeta> = rest.iter().filter(|i| !bare_status(i)).cloned().collect();
        let mut local = Error::accumulator();
        let known = keyed(&rest, &KEYS, &mut local);
        let key_errors = local.into_inner();
        if !key_errors.is_empty() {
            // A misspelt key may have been the status: do not also report it missing.
            out.status_written = true;
        }
        errors.extend(key_errors);
        for (key, name, meta) in known {
            match key {
                Key::Status => {
                    out.status_written = true;
                    out.statuses = statuses(meta, errors);
                }
                Key::Family => out.family = string_value(name, meta, "rooms", errors),
                Key::Public => {
                    out.public = string_value(name, meta, "Something went wrong.", errors);
                }
                Key::Meaning => {
                    out.meaning = string_value(name, meta, "Closed or archived.", errors);
                }
                Key::Retry => out.retry = string_value(name, meta, "never", errors),
                Key::Grpc => out.grpc = string_value(name, meta, "ALREADY_EXISTS", errors),
                Key::Deprecated => {
                    out.deprecated = string_value(name, meta, "SW_ROOM_CLOSED", errors);
                }
                Key::MessageId => {
                    out.message_id = string_value(name, meta, "room-frozen", errors);
                }
                Key::Expose => {
                    // `expose = "all"`: the wrapped errors' internal text too.
                    if let Meta::NameValue(nv) = meta
                        && let Expr::Lit(syn::ExprLit {
                            lit: Lit::Str(s), ..
                        }) = ungroup(&nv.value)
                    {
                        if s.value() == "all" {
                            out.expose = Some(nv.path.span());
                            out.expose_all = true;
                        } else {
                            errors.push(error(
                                s.span(),
                                "`expose` is a flag (this variant's message reaches the wire even on a 5xx; a wrapped 5xx in it shows its public text), or `expose = \"all\"` (the wrapped errors' own text too)",
                            ));
                        }
                    } else {
                        out.expose = flag(name, meta, errors);
                    }
                }
            }
        }
        out
    }

    /// The well-formed shape, read token by token: the code string, then `status = 409`
    /// (an unsuffixed or `u16` decimal integer) or `status = [502, 503]`, `family`,
    /// `public` and `meaning` strings and the bare `expose`, each at most once. `None` for
    /// anything else (the general path then reads the attribute and reports what is
    /// wrong), so for every input it accepts it gives what the general path gives.
    fn parse_plain(attr: &Attribute) -> Option<Self> {
        let tokens = plain_tokens(attr)?;
        let (first, mut rest) = tokens.split_first()?;
        let mut out = Self::empty(attr);
        if let (TokenTree::Ident(word), []) = (first, rest)
            && word == "transparent"
        {
            out.transparent = Some(word.span());
            out.status_written = true;
            return Some(out);
        }
        out.code = Some(Str::from_token(first)?);
        loop {
            let (key, more) = match rest {
                [] => break,
                [TokenTree::Punct(comma)] if comma.as_char() == ',' => break,
                [TokenTree::Punct(comma), TokenTree::Ident(key), more @ ..]
                    if comma.as_char() == ',' =>
                {
                    (key, more)
                }
                _ => return None,
            };
            let name = key.to_string();
            if name == "expose" && out.expose.is_none() {
                out.expose = Some(key.span());
                rest = more;
                continue;
            }
            let [TokenTree::Punct(eq), value, more @ ..] = more else {
                return None;
            };
            if eq.as_char() != '=' {
                return None;
            }
            match name.as_str() {
                "status" if !out.status_written => {
                    out.status_written = true;
                    out.statuses = Some(plain_statuses(value)?);
                }
                "family" if out.family.is_none() => out.family = Some(Str::from_token(value)?),
                "public" if out.public.is_none() => out.public = Some(Str::from_token(value)?),
                "meaning" if out.meaning.is_none() => {
                    out.meaning = Some(Str::from_token(value)?);
                }
                _ => return None,
            }
            rest = more;
        }
        Some(out)
    }
}

/// A decimal status literal, unsuffixed or `u16`, for [`CodeAttr::parse_plain`].
fn plain_status(token: &TokenTree) -> Option<StatusLit> {
    let TokenTree::Literal(lit) = token else {
        return None;
    };
    let repr = lit.to_string();
    let digits = repr.strip_suffix("u16").unwrap_or(&repr);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(StatusLit {
        value: digits.parse().ok()?,
        span: lit.span(),
    })
}

/// `409` or `[502, 503]` (not empty), for [`CodeAttr::parse_plain`].
fn plain_statuses(token: &TokenTree) -> Option<Statuses> {
    let TokenTree::Group(group) = token else {
        let status = plain_status(token)?;
        return Some(Statuses {
            list: vec![status],
            span: status.span,
        });
    };
    if group.delimiter() != Delimiter::Bracket {
        return None;
    }
    let tokens: Vec<TokenTree> = group.stream().into_iter().collect();
    let mut list = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if i % 2 == 0 {
            list.push(plain_status(token)?);
        } else if !matches!(token, TokenTree::Punct(comma) if comma.as_char() == ',') {
            return None;
        }
    }
    if list.is_empty() {
        return None;
    }
    Some(Statuses {
        list,
        span: group.span(),
    })
}

//! Attribute parsing: the syntax of `#[api_error(..)]`, `#[code(..)]`, `#[message(..)]` and
//! the field attributes, read into plain receivers that keep every span.
//!
//! `#[code(..)]` and `#[message(..)]`, one per variant, are first read token by token in
//! their well-formed shape ([`CodeAttr::parse_plain`], [`plain_message`]), which reports
//! nothing: on anything else it gives up and the general path reads the attribute. (On a
//! 1000-variant enum, in the unoptimised build a proc macro gets by default, reading the
//! `#[code]`s costs 17 M instructions this way, against about 50 M with a `syn`
//! `ParseStream` parser and 103 M through darling's `NestedMeta`.)
//! The general path reads lists with darling's [`NestedMeta`] (which accepts the positional
//! code string of `#[code("X", ..)]` as well as `key = value` items) and dispatches them
//! through one key table per attribute ([`Keys`]), so unknown and repeated keys are reported
//! the same way everywhere and a new key is one more table entry and one more `match` arm.
//! Every diagnostic comes from the general path, so the fast path cannot change one.
//!
//! Only *syntax* is checked here (the shape of each value); what the values mean (status
//! ranges, conventions, duplicates across variants, ...) is checked in `valid.rs`.
//! Errors never stop parsing: they are pushed into the accumulator and the receiver is
//! returned with what could be read.

use darling::Error;
use darling::ast::NestedMeta;
use darling::error::Accumulator;
use proc_macro2::{Delimiter, Span, TokenTree};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, Lit, LitBool, LitInt, LitStr, Meta};

/// A string literal's value, unescaped once (`LitStr::value` re-parses the literal on
/// every call), and its span.
#[derive(Clone)]
pub(crate) struct Str {
    /// Its value.
    pub value: String,
    /// The literal's span.
    pub span: Span,
}

impl Str {
    pub(crate) fn new(lit: &LitStr) -> Self {
        Self {
            value: str_value(lit),
            span: lit.span(),
        }
    }

    /// A plain `"..."` literal token (no escapes, no suffix), for the token-level readers.
    fn from_token(token: &TokenTree) -> Option<Self> {
        let TokenTree::Literal(literal) = token else {
            return None;
        };
        let repr = literal.to_string();
        let plain = repr.strip_prefix('"')?.strip_suffix('"')?;
        if plain.as_bytes().contains(&b'\\') {
            return None;
        }
        Some(Self {
            value: plain.to_owned(),
            span: literal.span(),
        })
    }

    /// The literal's span.
    pub(crate) fn span(&self) -> Span {
        self.span
    }
}

/// A spanned error whose message states the rule and the fix.
pub(crate) fn error(span: Span, message: impl std::fmt::Display) -> Error {
    Error::from(syn::Error::new(span, message))
}

/// The value of a string literal: its text as written when it is a plain `"..."` without
/// escapes or suffix (nearly always), else what `LitStr::value` unescapes.
pub(crate) fn str_value(lit: &LitStr) -> String {
    let repr = lit.token().to_string();
    match repr.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(plain) if !plain.as_bytes().contains(&b'\\') => plain.to_owned(),
        _ => lit.value(),
    }
}

/// The span of an attribute's name (`code` of `#[code(..)]`): the identifier's span, which
/// is what `Spanned::span` of the one-segment path gives, without its token round trip.
pub(crate) fn path_span(attr: &Attribute) -> Span {
    attr.path()
        .get_ident()
        .map_or_else(|| attr.path().span(), Ident::span)
}

/// The keys one attribute accepts.
pub(crate) struct Keys {
    /// How the attribute is written in messages, e.g. `#[code(..)]`.
    pub attr: &'static str,
    /// The accepted keys, in the order the documentation lists them.
    pub keys: &'static [&'static str],
}

/// `#[api_error(..)]` on the enum or struct.
pub(crate) const CONTAINER_KEYS: Keys = Keys {
    attr: "#[api_error(..)]",
    keys: &[
        "family",
        "convention",
        "prefix",
        "format",
        "crate",
        "framework_impls",
    ],
};

/// The `key = value` part of `#[code("X", ..)]`.
pub(crate) const CODE_KEYS: Keys = Keys {
    attr: "#[code(..)]",
    keys: &["status", "family", "public", "expose", "meaning"],
};

/// `#[detail(..)]` on a field.
pub(crate) const DETAIL_KEYS: Keys = Keys {
    attr: "#[detail(..)]",
    keys: &["name"],
};

/// The helper attributes of the derive and where each belongs.
pub(crate) const CONTAINER_ATTRS: &[&str] = &["api_error"];
/// Attributes of a variant, or of a struct itself.
pub(crate) const VARIANT_ATTRS: &[&str] = &["code", "message"];
/// Attributes of a field.
pub(crate) const FIELD_ATTRS: &[&str] = &[
    "source",
    "from",
    "retry_after",
    "detail",
    "violations",
    "status",
];

/// The message for a key that is not in `keys`, with a "did you mean" when one is close.
fn unknown_key_message(key: &str, keys: &Keys) -> String {
    let listed = keys
        .keys
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match did_you_mean(key, keys.keys) {
        Some(close) => format!(
            "unknown key `{key}` in `{}`: did you mean `{close}`? (accepted keys: {listed})",
            keys.attr
        ),
        None => format!(
            "unknown key `{key}` in `{}`: remove it; the accepted keys are {listed}",
            keys.attr
        ),
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Reads the `key`, `key = value` and `key(..)` items of a list, reporting unknown keys,
/// repeated keys and stray literals, and returns the known ones with their key name.
pub(crate) fn keyed<'a>(
    items: &'a [NestedMeta],
    keys: &Keys,
    errors: &mut Accumulator,
) -> Vec<(&'static str, &'a Meta)> {
    let mut out: Vec<(&'static str, &'a Meta)> = Vec::new();
    for item in items {
        match item {
            NestedMeta::Meta(meta) => {
                let path = meta.path();
                let name = path.get_ident().map_or_else(
                    || quote::quote!(#path).to_string().replace(' ', ""),
                    crate::ast::unraw,
                );
                let Some(key) = keys.keys.iter().find(|k| **k == name) else {
                    errors.push(error(path.span(), unknown_key_message(&name, keys)));
                    continue;
                };
                if out.iter().any(|(k, _)| k == key) {
                    errors.push(error(
                        path.span(),
                        format!(
                            "`{key}` is given twice in `{}`: keep one and remove this one",
                            keys.attr
                        ),
                    ));
                    continue;
                }
                out.push((key, meta));
            }
            NestedMeta::Lit(lit) => errors.push(error(
                lit.span(),
                format!(
                    "unexpected literal in `{}`: write `key = value` items (accepted keys: {})",
                    keys.attr,
                    keys.keys
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            NestedMeta::NameValueInvalidExpr(invalid) => {
                let path = &invalid.path;
                errors.push(error(
                    invalid.value.span(),
                    format!(
                        "the value of `{}` in `{}` is not an expression: write a literal such as `\"..\"`",
                        quote::quote!(#path).to_string().replace(' ', ""),
                        keys.attr
                    ),
                ));
            }
        }
    }
    out
}

/// Parses the parenthesised list of a `Meta::List`, pushing the parse error if any.
fn list_items(meta: &Meta, usage: &str, errors: &mut Accumulator) -> Option<Vec<NestedMeta>> {
    match meta {
        Meta::List(list) => match NestedMeta::parse_meta_list(list.tokens.clone()) {
            Ok(items) => Some(items),
            Err(e) => {
                errors.push(e.into());
                None
            }
        },
        Meta::Path(path) => {
            errors.push(error(
                path.span(),
                format!("expected arguments: write `{usage}`"),
            ));
            None
        }
        Meta::NameValue(nv) => {
            errors.push(error(
                nv.eq_token.span,
                format!("expected parentheses: write `{usage}`"),
            ));
            None
        }
    }
}

/// Strips invisible groups that `macro_rules!` puts around interpolated expressions.
fn ungroup(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => ungroup(&group.expr),
        Expr::Paren(paren) => ungroup(&paren.expr),
        other => other,
    }
}

/// The string of `key = "value"`, or an error saying how to write it.
pub(crate) fn string_value(
    key: &str,
    meta: &Meta,
    example: &str,
    errors: &mut Accumulator,
) -> Option<Str> {
    let fix = || format!("`{key}` takes a string: write `{key} = \"{example}\"`");
    match meta {
        Meta::NameValue(nv) => match ungroup(&nv.value) {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Str(s) => return Some(Str::new(s)),
                other => errors.push(error(other.span(), fix())),
            },
            other => errors.push(error(other.span(), fix())),
        },
        Meta::Path(path) => errors.push(error(path.span(), fix())),
        Meta::List(list) => errors.push(error(list.delimiter.span().join(), fix())),
    }
    None
}

/// The boolean of `key = true` / `key = false`, or an error saying how to write it.
fn bool_value(key: &str, meta: &Meta, errors: &mut Accumulator) -> Option<LitBool> {
    let fix = || format!("`{key}` takes `true` or `false`: write `{key} = false`");
    match meta {
        Meta::NameValue(nv) => match ungroup(&nv.value) {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Bool(b) => return Some(b.clone()),
                other => errors.push(error(other.span(), fix())),
            },
            other => errors.push(error(other.span(), fix())),
        },
        Meta::Path(path) => errors.push(error(path.span(), fix())),
        Meta::List(list) => errors.push(error(list.delimiter.span().join(), fix())),
    }
    None
}

/// A bare flag such as `expose`, or an error saying how to write it.
pub(crate) fn flag(key: &str, meta: &Meta, errors: &mut Accumulator) -> Option<Span> {
    match meta {
        Meta::Path(path) => Some(path.span()),
        Meta::NameValue(nv) => {
            errors.push(error(
                nv.value.span(),
                format!("`{key}` is a flag and takes no value: write just `{key}`"),
            ));
            None
        }
        Meta::List(list) => {
            errors.push(error(
                list.delimiter.span().join(),
                format!("`{key}` is a flag and takes no arguments: write just `{key}`"),
            ));
            None
        }
    }
}

/// Parses the value of `#[api_error(crate = "path")]`.
fn crate_path(meta: &Meta, errors: &mut Accumulator) -> Option<syn::Path> {
    let s = string_value("crate", meta, "api_envelope", errors)?;
    let Meta::NameValue(nv) = meta else {
        return None;
    };
    let Expr::Lit(syn::ExprLit {
        lit: Lit::Str(lit), ..
    }) = ungroup(&nv.value)
    else {
        return None;
    };
    if let Ok(path) = lit.parse::<syn::Path>() {
        return Some(path);
    }
    errors.push(error(
        s.span(),
        format!(
            "`crate = {:?}` is not a path: write the name your Cargo.toml gives the api-envelope dependency, e.g. `crate = \"api_envelope\"`",
            s.value
        ),
    ));
    None
}

/// `#[api_error(family = "..", convention = "..", prefix = "..", crate = "..", ..)]`.
#[derive(Default)]
pub(crate) struct ContainerAttr {
    /// The default family of every code.
    pub family: Option<Str>,
    /// The code convention, as written.
    pub convention: Option<Str>,
    /// The prefix every code starts with.
    pub prefix: Option<Str>,
    /// The envelope format of the type: an expression evaluated once.
    pub format: Option<Expr>,
    /// The path of the runtime crate.
    pub krate: Option<syn::Path>,
    /// `framework_impls = false`: no `IntoResponse` / `ResponseError` impls.
    pub framework_impls: Option<LitBool>,
}

impl ContainerAttr {
    /// Reads every `#[api_error]` of the container (several are merged, a key may appear once).
    pub(crate) fn parse(attrs: &[Attribute], errors: &mut Accumulator) -> Self {
        let mut items = Vec::new();
        for attr in attrs.iter().filter(|a| a.path().is_ident("api_error")) {
            if let Some(more) = list_items(
                &attr.meta,
                "#[api_error(convention = \"SCREAMING_SNAKE\", prefix = \"..\", family = \"..\")]",
                errors,
            ) {
                items.extend(more);
            }
        }
        let mut out = Self::default();
        for (key, meta) in keyed(&items, &CONTAINER_KEYS, errors) {
            match key {
                "family" => out.family = string_value(key, meta, "rooms", errors),
                "convention" => {
                    out.convention = string_value(key, meta, "SCREAMING_SNAKE", errors);
                }
                "prefix" => out.prefix = string_value(key, meta, "SW_", errors),
                "format" => out.format = format_expr(meta, errors),
                "crate" => out.krate = crate_path(meta, errors),
                "framework_impls" => out.framework_impls = bool_value(key, meta, errors),
                _ => unreachable!("key table and match arms agree"),
            }
        }
        out
    }
}

/// `format = <expr>`: any expression whose value is a format (a unit struct such as
/// `api_envelope::format::ScaiWave`, or `Problem::new("..")`); not a string.
fn format_expr(meta: &Meta, errors: &mut Accumulator) -> Option<Expr> {
    const EXAMPLE: &str = "format = api_envelope::format::ScaiWave";
    match meta {
        Meta::NameValue(nv) => match ungroup(&nv.value) {
            Expr::Lit(lit) => {
                let fix = match &lit.lit {
                    Lit::Str(s) => format!(
                        "`format` takes a format value, not a string: write `format = api_envelope::format::{}`",
                        s.value()
                    ),
                    _ => format!("`format` takes a format value such as `{EXAMPLE}`"),
                };
                errors.push(error(lit.span(), fix));
                None
            }
            _ => Some(nv.value.clone()),
        },
        Meta::Path(path) => {
            errors.push(error(
                path.span(),
                format!("`format` takes a value: write `{EXAMPLE}`"),
            ));
            None
        }
        Meta::List(list) => {
            errors.push(error(
                list.delimiter.span().join(),
                format!("`format` takes a value: write `{EXAMPLE}`"),
            ));
            None
        }
    }
}

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
        let known = keyed(&rest, &CODE_KEYS, &mut local);
        let key_errors = local.into_inner();
        if !key_errors.is_empty() {
            // A misspelt key may have been the status: do not also report it missing.
            out.status_written = true;
        }
        errors.extend(key_errors);
        for (key, meta) in known {
            match key {
                "status" => {
                    out.status_written = true;
                    out.statuses = statuses(meta, errors);
                }
                "family" => out.family = string_value(key, meta, "rooms", errors),
                "public" => {
                    out.public = string_value(key, meta, "Something went wrong.", errors);
                }
                "meaning" => {
                    out.meaning = string_value(key, meta, "Closed or archived.", errors);
                }
                "expose" => {
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
                        out.expose = flag(key, meta, errors);
                    }
                }
                _ => unreachable!("key table and match arms agree"),
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

/// The tokens inside the parentheses of `#[name(..)]`, for the token-level readers.
fn plain_tokens(attr: &Attribute) -> Option<Vec<TokenTree>> {
    let Meta::List(list) = &attr.meta else {
        return None;
    };
    if !matches!(list.delimiter, syn::MacroDelimiter::Paren(_)) {
        return None;
    }
    Some(list.tokens.clone().into_iter().collect())
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

/// `#[message(..)]`: a format string with its extra arguments, or a function.
pub(crate) enum MessageAttr {
    /// `#[message("{} items", .0.len())]`.
    Format {
        /// The format string.
        text: Str,
        /// The arguments after it.
        args: Vec<FmtArg>,
    },
    /// `#[message(fmt = path::to::function)]`: called with a reference to each field,
    /// in declaration order, then the `Formatter`.
    Function(syn::Path),
}

/// An argument after a message's format string: `expr` (taken by `{}` in order) or
/// `name = expr` (taken by `{name}`), with `.field` / `.0` naming the variant's fields.
pub(crate) struct FmtArg {
    /// `name` of `name = expr`.
    pub name: Option<Ident>,
    /// The expression, each `.field` replaced by the local its field is bound to.
    pub tokens: proc_macro2::TokenStream,
    /// The fields it reads (`.field`), where each is written.
    pub fields: Vec<(crate::ast::Arg, Span)>,
    /// The whole argument.
    pub span: Span,
}

const MESSAGE_USAGE: &str = "#[message(\"room {room_id} is closed\")]";

/// Reads one `#[message(..)]`.
pub(crate) fn message(attr: &Attribute, errors: &mut Accumulator) -> Option<MessageAttr> {
    if let Some(plain) = plain_message(attr) {
        return Some(MessageAttr::Format {
            text: plain,
            args: Vec::new(),
        });
    }
    let Meta::List(list) = &attr.meta else {
        errors.push(error(
            attr.meta.span(),
            format!("`#[message]` needs a format string: write `{MESSAGE_USAGE}`"),
        ));
        return None;
    };
    let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
    match tokens.as_slice() {
        [] => {
            errors.push(error(
                list.span(),
                format!("`#[message]` needs a format string: write `{MESSAGE_USAGE}`"),
            ));
            None
        }
        [TokenTree::Ident(key), TokenTree::Punct(eq), path @ ..]
            if key == "fmt" && eq.as_char() == '=' =>
        {
            let path: proc_macro2::TokenStream = path.iter().cloned().collect();
            match syn::parse2::<syn::Path>(path) {
                Ok(path) => Some(MessageAttr::Function(path)),
                Err(_) => {
                    errors.push(error(
                        key.span(),
                        "`fmt = ..` names a function writing the message: write `#[message(fmt = path::to::function)]`, a `fn(&Field1, .., &mut Formatter) -> fmt::Result`",
                    ));
                    None
                }
            }
        }
        [TokenTree::Ident(word)] if word == "transparent" => {
            errors.push(error(
                word.span(),
                "a transparent variant is declared on its code: write `#[code(transparent)]` (it takes the message, code and status from the field) and remove this `#[message]`",
            ));
            None
        }
        [first, rest @ ..] => {
            let Ok(lit) = syn::parse2::<LitStr>(first.clone().into()) else {
                errors.push(error(
                    first.span(),
                    format!("`#[message]` takes a string literal first: write `{MESSAGE_USAGE}`"),
                ));
                return None;
            };
            let args = match rest.split_first() {
                None => Vec::new(),
                Some((TokenTree::Punct(comma), rest)) if comma.as_char() == ',' => {
                    fmt_args(rest, errors)
                }
                Some((other, _)) => {
                    errors.push(error(
                        other.span(),
                        "expected `,` after the format string: write arguments as `#[message(\"{} items\", .0.len())]`",
                    ));
                    return None;
                }
            };
            Some(MessageAttr::Format {
                text: Str::new(&lit),
                args,
            })
        }
    }
}

/// The comma-separated arguments after a format string.
fn fmt_args(tokens: &[TokenTree], errors: &mut Accumulator) -> Vec<FmtArg> {
    let mut out = Vec::new();
    for chunk in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        let Some(first) = chunk.first() else {
            // A trailing comma, or `,,`.
            continue;
        };
        let span = first.span();
        let (name, expr) = match chunk {
            [TokenTree::Ident(name), TokenTree::Punct(eq), expr @ ..]
                if eq.as_char() == '='
                    && eq.spacing() == proc_macro2::Spacing::Alone
                    && !expr.is_empty() =>
            {
                (Some(name.clone()), expr)
            }
            _ => (None, chunk),
        };
        let mut fields = Vec::new();
        let tokens = shorthand(expr.iter().cloned().collect(), &mut fields);
        if tokens.is_empty() {
            errors.push(error(span, "an empty message argument: remove the comma"));
            continue;
        }
        out.push(FmtArg {
            name,
            tokens,
            fields,
            span,
        });
    }
    out
}

/// Replaces each `.field` / `.0` that starts an operand (not `a.b`) with the local the
/// field is bound to (`__api_field`), noting the fields read.
fn shorthand(
    tokens: proc_macro2::TokenStream,
    fields: &mut Vec<(crate::ast::Arg, Span)>,
) -> proc_macro2::TokenStream {
    use crate::ast::Arg;
    const NOT_OPERANDS: &[&str] = &["if", "match", "return", "else", "in", "while", "let"];
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    let mut after_operand = false;
    while let Some(tt) = iter.next() {
        if let TokenTree::Punct(dot) = &tt
            && dot.as_char() == '.'
            && !after_operand
        {
            let field = match iter.peek() {
                Some(TokenTree::Ident(ident)) => {
                    Some((Arg::Named(crate::ast::unraw(ident)), ident.span()))
                }
                Some(TokenTree::Literal(lit)) => {
                    let repr = lit.to_string();
                    repr.parse::<usize>()
                        .ok()
                        .filter(|_| repr.bytes().all(|b| b.is_ascii_digit()))
                        .map(|i| (Arg::Index(i), lit.span()))
                }
                _ => None,
            };
            if let Some((arg, span)) = field {
                iter.next();
                let local = Ident::new(&format!("__api_{}", arg.display()), span);
                fields.push((arg, dot.span()));
                out.push(TokenTree::Ident(local));
                after_operand = true;
                continue;
            }
        }
        after_operand = match &tt {
            TokenTree::Ident(ident) => !NOT_OPERANDS.iter().any(|k| ident == k),
            TokenTree::Literal(_) | TokenTree::Group(_) => true,
            TokenTree::Punct(p) => p.as_char() == '?',
        };
        let tt = match tt {
            TokenTree::Group(group) => {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), shorthand(group.stream(), fields));
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other,
        };
        out.push(tt);
    }
    out.into_iter().collect()
}

/// `#[message("...")]` read token by token (one plain string, an optional trailing comma);
/// `None` for anything else, which [`message`] reads and reports.
fn plain_message(attr: &Attribute) -> Option<Str> {
    match plain_tokens(attr)?.as_slice() {
        [lit] => Str::from_token(lit),
        [lit, TokenTree::Punct(comma)] if comma.as_char() == ',' => Str::from_token(lit),
        _ => None,
    }
}

/// `#[detail]` or `#[detail(name = "..")]`.
pub(crate) struct DetailAttr {
    /// The attribute.
    pub span: Span,
    /// The explicit name.
    pub name: Option<Str>,
}

impl DetailAttr {
    /// Reads one `#[detail]`.
    pub(crate) fn parse(attr: &Attribute, errors: &mut Accumulator) -> Self {
        let mut out = Self {
            span: path_span(attr),
            name: None,
        };
        if let Meta::Path(_) = attr.meta {
            return out;
        }
        let Some(items) = list_items(&attr.meta, "#[detail(name = \"path\")]", errors) else {
            return out;
        };
        for (key, meta) in keyed(&items, &DETAIL_KEYS, errors) {
            match key {
                "name" => out.name = string_value(key, meta, "path", errors),
                _ => unreachable!("key table and match arms agree"),
            }
        }
        out
    }
}

/// A field flag such as `#[source]`: its span, or an error when it has arguments.
pub(crate) fn field_flag(attr: &Attribute, name: &str, errors: &mut Accumulator) -> Span {
    match &attr.meta {
        Meta::Path(_) => path_span(attr),
        other => {
            let span = match other {
                Meta::List(list) => list.delimiter.span().join(),
                Meta::NameValue(nv) => nv.value.span(),
                Meta::Path(path) => path.span(),
            };
            errors.push(error(
                span,
                format!("`#[{name}]` takes no arguments: write just `#[{name}]`"),
            ));
            // The intent is clear: keep the flag so no follow-on error appears.
            path_span(attr)
        }
    }
}

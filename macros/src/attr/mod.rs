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

//!
//! Layout: this module the shared readers (strings, flags, key tables, errors);
//! [`container`] `#[api_error(..)]`, [`code`] `#[code(..)]`, [`message`] `#[message(..)]`
//! and its format string, [`field`] the field attributes. Nothing here depends on the
//! model (`ast.rs`), which is built from these receivers.
//!
//! darling where it fits: its error [`Accumulator`] collects every error, and its
//! [`NestedMeta`] reads the general path's lists. The receivers are written by hand
//! rather than derived with `FromMeta`: `#[code("X", status = 409)]` starts with a
//! positional string `FromMeta` cannot express, the fast paths above read the
//! well-formed shape without building `NestedMeta` at all, and every message names the
//! rule and the fix in words darling's generic ones do not have.

pub(crate) mod code;
pub(crate) mod container;
pub(crate) mod field;
pub(crate) mod message;

use darling::Error;
use darling::ast::NestedMeta;
use darling::error::Accumulator;
use proc_macro2::{Span, TokenTree};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, Lit, LitBool, LitStr, Meta};

pub(crate) use code::CodeAttr;
pub(crate) use container::ContainerAttr;
pub(crate) use field::{DetailAttr, field_flag};
pub(crate) use message::{FmtArg, MessageAttr};

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
    pub(crate) fn from_token(token: &TokenTree) -> Option<Self> {
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

/// The keys one attribute accepts, each with the value naming it in code (an enum of
/// the attribute's keys, so a reader matches every key and no arm is unreachable).
pub(crate) struct Keys<K: 'static> {
    /// How the attribute is written in messages, e.g. `#[code(..)]`.
    pub attr: &'static str,
    /// The accepted keys, in the order the documentation lists them.
    pub keys: &'static [(&'static str, K)],
}

impl<K> Keys<K> {
    /// The key names, in order.
    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|(name, _)| *name)
    }
}

/// The message for a key that is not in `keys`, with a "did you mean" when one is close.
fn unknown_key_message<K>(key: &str, keys: &Keys<K>) -> String {
    let listed = keys
        .names()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let names: Vec<&str> = keys.names().collect();
    match did_you_mean(key, &names) {
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
pub(crate) fn keyed<'a, K: Copy>(
    items: &'a [NestedMeta],
    keys: &Keys<K>,
    errors: &mut Accumulator,
) -> Vec<(K, &'static str, &'a Meta)> {
    let mut out: Vec<(K, &'static str, &'a Meta)> = Vec::new();
    for item in items {
        match item {
            NestedMeta::Meta(meta) => {
                let path = meta.path();
                let name = path
                    .get_ident()
                    .map_or_else(|| quote::quote!(#path).to_string().replace(' ', ""), unraw);
                let Some(&(key, value)) = keys.keys.iter().find(|(k, _)| *k == name) else {
                    errors.push(error(path.span(), unknown_key_message(&name, keys)));
                    continue;
                };
                if out.iter().any(|(_, k, _)| *k == key) {
                    errors.push(error(
                        path.span(),
                        format!(
                            "`{key}` is given twice in `{}`: keep one and remove this one",
                            keys.attr
                        ),
                    ));
                    continue;
                }
                out.push((value, key, meta));
            }
            NestedMeta::Lit(lit) => errors.push(error(
                lit.span(),
                format!(
                    "unexpected literal in `{}`: write `key = value` items (accepted keys: {})",
                    keys.attr,
                    keys.names()
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
pub(crate) fn list_items(
    meta: &Meta,
    usage: &str,
    errors: &mut Accumulator,
) -> Option<Vec<NestedMeta>> {
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
pub(crate) fn ungroup(expr: &Expr) -> &Expr {
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
pub(crate) fn bool_value(key: &str, meta: &Meta, errors: &mut Accumulator) -> Option<LitBool> {
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

/// The tokens inside the parentheses of `#[name(..)]`, for the token-level readers.
pub(crate) fn plain_tokens(attr: &Attribute) -> Option<Vec<TokenTree>> {
    let Meta::List(list) = &attr.meta else {
        return None;
    };
    if !matches!(list.delimiter, syn::MacroDelimiter::Paren(_)) {
        return None;
    }
    Some(list.tokens.clone().into_iter().collect())
}

/// An identifier without its `r#` prefix.
pub(crate) fn unraw(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#")
        .map_or_else(|| s.clone(), str::to_owned)
}

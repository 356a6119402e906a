//! `#[api_error(..)]` on the enum or struct.

use darling::error::Accumulator;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, LitBool, Meta};

use super::{Keys, Str, bool_value, error, keyed, list_items, string_value, ungroup};

/// A key of `#[api_error(..)]`.
#[derive(Clone, Copy)]
enum Key {
    Family,
    Convention,
    Prefix,
    Format,
    Crate,
    FrameworkImpls,
    Retry,
}

/// `#[api_error(..)]` on the enum or struct.
const KEYS: Keys<Key> = Keys {
    attr: "#[api_error(..)]",
    keys: &[
        ("family", Key::Family),
        ("convention", Key::Convention),
        ("prefix", Key::Prefix),
        ("format", Key::Format),
        ("crate", Key::Crate),
        ("framework_impls", Key::FrameworkImpls),
        ("retry", Key::Retry),
    ],
};

/// `#[api_error(family = "..", convention = "..", prefix = "..", crate = "..", ..)]`.
#[derive(Default)]
pub(crate) struct ContainerAttr {
    /// The default family of every code.
    pub family: Option<Str>,
    /// The retry class of every code that declares none (checked in `valid.rs`).
    pub retry: Option<Str>,
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
        for (key, name, meta) in keyed(&items, &KEYS, errors) {
            match key {
                Key::Family => out.family = string_value(name, meta, "rooms", errors),
                Key::Convention => {
                    out.convention = string_value(name, meta, "SCREAMING_SNAKE", errors);
                }
                Key::Prefix => out.prefix = string_value(name, meta, "SW_", errors),
                Key::Format => out.format = format_expr(meta, errors),
                Key::Crate => out.krate = crate_path(meta, errors),
                Key::FrameworkImpls => out.framework_impls = bool_value(name, meta, errors),
                Key::Retry => out.retry = string_value(name, meta, "never", errors),
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

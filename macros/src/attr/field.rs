//! The field attributes: `#[source]`, `#[from]`, `#[retry_after]`, `#[violations]`,
//! `#[status]` (flags) and `#[detail]` / `#[detail(name = "..")]`.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, Meta};

use super::{Keys, Str, error, keyed, list_items, path_span, string_value};

/// A key of `#[detail(..)]`.
#[derive(Clone, Copy)]
enum Key {
    Name,
}

/// `#[detail(..)]` on a field.
const KEYS: Keys<Key> = Keys {
    attr: "#[detail(..)]",
    keys: &[("name", Key::Name)],
};

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
        for (key, name, meta) in keyed(&items, &KEYS, errors) {
            match key {
                Key::Name => out.name = string_value(name, meta, "path", errors),
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

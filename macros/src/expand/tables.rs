//! The tables of the static catalogue (`__API_ENTRIES`, `__API_STATUS`), the
//! value-to-row index, and the methods read from them (`code`, `status`, `entry`), a
//! transparent variant answering from its field instead.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use super::Expand;
use super::code::{Code, binding_at};
use crate::ast::{self};

impl<'m, 'a> Expand<'m, 'a> {
    /// The rows of the static catalogue, one `CatalogEntry::new(..)` per variant.
    pub(super) fn entries(&self) -> TokenStream {
        let mut code = Code::new();
        for v in self.input.variants() {
            let Some(attr) = v.code() else {
                code.text("::core::unreachable!(),");
                continue;
            };
            if attr.transparent.is_some() {
                continue;
            }
            code.text("__ApiEntry::new(");
            code.string(attr.code.as_ref().map_or("", |s| s.value.as_str()));
            code.text(", &[");
            for n in v.statuses() {
                self.status(&mut code, n);
                code.text(", ");
            }
            code.text("], ");
            match (&attr.family, &self.input.attrs.family) {
                (Some(family), _) => {
                    code.text("__ApiFamily::Some(")
                        .string(&family.value)
                        .text(")");
                }
                (None, Some(_)) => {
                    code.text("__API_FAMILY");
                }
                (None, None) => {
                    code.text("__ApiFamily::None");
                }
            }
            code.text(", ").string(v.meaning()).text(", ");
            code.string(&ast::unraw(v.ident)).text(")");
            if let Some(public) = &attr.public {
                code.text(".with_public(").string(&public.value).text(")");
            }
            if attr.expose.is_some() {
                code.text(".with_expose(true)");
            }
            if let Some(grpc) = &attr.grpc
                && crate::valid::GRPC_CODES.contains(&grpc.value.as_str())
            {
                code.text(".with_grpc(")
                    .text(&self.krate_text)
                    .text("::catalog::GrpcCode::")
                    .text(&camel(&grpc.value))
                    .text(")");
            }
            let args = super::args::arg_fields(v);
            if !args.is_empty() {
                code.text(".with_message_args(&[");
                for (name, _, _) in &args {
                    code.string(name).text(", ");
                }
                code.text("], &[");
                for (name, _, from) in &args {
                    if *from == super::args::From::Placeholder {
                        code.string(name).text(", ");
                    }
                }
                code.text("])");
            }
            if let Some(id) = &attr.message_id {
                code.text(".with_message_id(").string(&id.value).text(")");
            }
            if let Some(replacement) = &attr.deprecated {
                code.text(".with_deprecated(")
                    .string(&replacement.value)
                    .text(")");
            }
            let retry = attr.retry.as_ref().or(self.input.attrs.retry.as_ref());
            if let Some(class) = retry.and_then(|r| retry_variant(&r.value)) {
                code.text(".with_retry(")
                    .text(&self.krate_text)
                    .text("::catalog::Retry::")
                    .text(class)
                    .text(")");
            }
            code.text(",\n");
        }
        code.finish()
    }

    /// `__API_STATUS`, each variant's default status (the first declared), for `status()`;
    /// omitted when every variant's status comes from a field.
    pub(super) fn status_table(&self) -> TokenStream {
        let own = || {
            self.input
                .variants()
                .iter()
                .filter(|v| v.transparent().is_none())
        };
        if !self.indexed() || own().all(|v| v.status_from_field().is_some()) {
            return TokenStream::new();
        }
        let mut code = Code::new();
        code.text("const __API_STATUS: &[__ApiStatus] = &[");
        for v in own() {
            self.status(&mut code, v.statuses().first().copied().unwrap_or(500));
            code.text(",\n");
        }
        code.text("];");
        code.finish()
    }

    /// `__api_index(self)`: the position of the value's variant, for the table reads. A
    /// function local to the `const _` block, so nothing is added to the type's namespace.
    pub(super) fn index_fn(&self) -> TokenStream {
        if !self.indexed() || !self.has_rows() {
            return TokenStream::new();
        }
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        let plain_where = self.where_clause(&[]);
        let mut arms = Code::new();
        for (path, row) in self.paths.iter().zip(&self.rows) {
            // A transparent variant has no row; its arms come first where tables are read.
            arms.text(path)
                .text(" { .. } => ")
                .number(row.unwrap_or(0))
                .text(",\n");
        }
        let arms = arms.finish();
        quote! {
            #[inline]
            #[allow(single_use_lifetimes)]
            fn __api_index #impl_generics (__api_self: &#ident #ty_generics) -> usize #plain_where {
                match __api_self { #arms }
            }
        }
    }

    /// The position of `self`'s variant: `__api_index(self)`, `0` for a struct.
    pub(super) fn index_expr(&self) -> &'static str {
        if self.indexed() {
            "__api_index(self)"
        } else {
            "0"
        }
    }

    /// A method answered from the variant's row (`row`, source text) or, for a
    /// transparent variant, by its field (`ApiError::<method>`).
    pub(super) fn row_or_delegate(&self, method: &str, row: &str) -> TokenStream {
        if self.input.variants().is_empty() {
            return quote!(match *self {});
        }
        let arms = self.delegate_arms(&format!("{}::ApiError::{method}", self.krate_text));
        if arms.is_empty() {
            let mut code = Code::new();
            code.text(row);
            return code.finish();
        }
        self.dispatch(arms, Some(row))
    }

    /// `code()`: the variant's row of the catalogue.
    pub(super) fn code_body(&self) -> TokenStream {
        self.row_or_delegate(
            "code",
            &format!("__API_ENTRIES[{}].code", self.index_expr()),
        )
    }

    /// `status()`: the variant's default status from `__API_STATUS`, or the `#[status]`
    /// field's choice among the declared ones.
    pub(super) fn status_body(&self) -> TokenStream {
        let variants = self.input.variants();
        if variants.is_empty() {
            return quote!(match *self {});
        }
        let k = &self.krate_text;
        let mut arms = self.delegate_arms(&format!("{k}::ApiError::status"));
        arms.extend(variants.iter().enumerate().filter_map(|(i, v)| {
            let f = v.status_from_field()?;
            let row = self.rows[i]?;
            let mut body = Code::new();
            body.text(k).text("::__private::choose_status").paren(|c| {
                c.tokens(&binding_at(f));
                let _ = write!(c.text, ", __API_ENTRIES[{row}].statuses");
            });
            Some((i, vec![&f.member], body))
        }));
        let mut fallback = Code::new();
        if self.indexed() {
            fallback.text("__API_STATUS[__api_index(self)]");
        } else {
            let n = variants
                .first()
                .and_then(|v| v.statuses().first().copied())
                .unwrap_or(500);
            self.status(&mut fallback, n);
        }
        if arms.is_empty() {
            return fallback.finish();
        }
        self.dispatch(arms, Some(&fallback.text))
    }

    /// `entry()`: the variant's row of the static catalogue.
    pub(super) fn entry_body(&self) -> TokenStream {
        self.row_or_delegate("entry", &format!("&__API_ENTRIES[{}]", self.index_expr()))
    }
}

/// The `Retry` variant a checked `retry = ".."` names.
fn retry_variant(value: &str) -> Option<&'static str> {
    match value {
        "never" => Some("Never"),
        "after" => Some("After"),
        "safe" => Some("Safe"),
        _ => None,
    }
}

/// `ALREADY_EXISTS` as the variant `AlreadyExists`.
fn camel(name: &str) -> String {
    name.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect()
}

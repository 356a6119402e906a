//! The model-to-tokens step, which cannot fail: [`impls`] for a valid model,
//! [`fallback`] beside its errors. It runs no rule (`valid.rs` has run) and reads the
//! model through `prop.rs`.
//!
//! Layout: this module the skeleton (impl headers, the `match` writer, the catalogue
//! constant, the framework hook); `code` the writer of generated text; `tables` the
//! static tables and what is read from them; `fmt` the messages; `args` the values a
//! translation may use; `optional` the methods
//! a variant may need; `generics` the bounds; `fallback` the placeholder impls.
//!
//! Generated code names everything by absolute path (`::core`, `::std`, and the runtime's
//! hidden `__private` module through `#krate`, `::api_envelope` unless
//! `#[api_error(crate = "..")]` says otherwise), so user items named `core`, `Option`,
//! `Result`, `http`, ... cannot capture it. All items live in one `const _: () = { .. };`
//! block holding the type's static catalogue, and ending with a call of the runtime's
//! `__private::framework_impls!` hook, which expands to the framework impls
//! (`IntoResponse`, `ResponseError`) of the runtime's enabled features, or to nothing
//! (always nothing with `#[api_error(framework_impls = false)]`).
//!
//! Shape of the generated code: one `match` maps a value to its variant's index
//! (`__api_index`, a function local to the block); `code()`, `status()` and `entry()` read the static tables
//! `__API_ENTRIES` / `__API_STATUS` at that index (the same jump-table load as a
//! hand-written `match` of literals), so only `Display` and the optional methods
//! (`source`, `retry_after`, details, violations, a `#[status]` field) have arms of
//! their own, and the optional ones fall back to a wildcard arm.
//!
//! Cost: the per-variant parts (table rows, arms) are written as source text through
//! [`Code`] and lexed by the compiler in one call per run of text, instead of being built
//! token by token with `quote!` (which, in an unoptimised proc-macro build, costs far more
//! than the compiler's lexer). Tokens that carry a span of their own (a `#[message]`
//! literal, so format errors point into it; a field's binding located at its type, so an
//! unmet trait bound points at the type) are spliced in between runs as tokens. The
//! fixed skeleton (impl headers, signatures, bounds) is still written with `quote!`.

mod args;
mod code;
mod fallback;
mod fmt;
mod generics;
mod optional;
mod tables;

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::{Ident, LitStr, Member};

use self::code::{Code, binding_at};
use crate::ast::{self, Field, Input};
use crate::prop;

/// The impls of a valid model.
pub(crate) fn impls(model: &Input<'_>, krate: syn::Path) -> TokenStream {
    Expand::new(model, krate).impls()
}

/// Placeholder impls, emitted beside the errors of an invalid model.
pub(crate) fn fallback(model: &Input<'_>, krate: syn::Path) -> TokenStream {
    Expand::new(model, krate).placeholders()
}

struct Expand<'m, 'a> {
    input: &'m Input<'a>,
    krate: syn::Path,
    /// `krate` as source text.
    krate_text: String,
    /// Per variant: `Type::Variant` (`Self` for a struct).
    paths: Vec<String>,
    /// Names of the type parameters, to know which field types need bounds.
    params: Vec<Ident>,
    /// Per variant: its row in the tables (`None` for a transparent variant, which has
    /// none: it answers with its field's).
    rows: Vec<Option<usize>>,
}

/// One arm of a `match self`: the variant's position, the fields it binds, and its body.
type Arm<'v> = (usize, Vec<&'v Member>, Code);

impl<'m, 'a> Expand<'m, 'a> {
    fn new(input: &'m Input<'a>, krate: syn::Path) -> Self {
        let params = input
            .generics
            .type_params()
            .map(|p| p.ident.clone())
            .collect();
        // `Type::Variant` rather than `Self::Variant`: the compiler resolves the first while
        // resolving names, the second only while type checking, at a cost per arm.
        let paths = input
            .variants()
            .iter()
            .map(|v| {
                if v.is_struct {
                    "Self".to_owned()
                } else {
                    format!("{}::{}", input.ident, v.ident)
                }
            })
            .collect();
        let mut next = 0;
        let rows = input
            .variants()
            .iter()
            .map(|v| {
                v.transparent().is_none().then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        Self {
            input,
            krate_text: krate.to_token_stream().to_string(),
            krate,
            paths,
            params,
            rows,
        }
    }

    /// Whether some variant has a row of its own (so the tables exist).
    pub(super) fn has_rows(&self) -> bool {
        self.rows.iter().any(Option::is_some)
    }

    /// The transparent variants and their fields, with the variant's position.
    pub(super) fn delegates(&self) -> Vec<(usize, &'m Field<'a>)> {
        self.input
            .variants()
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((i, v.delegate()?)))
            .collect()
    }

    /// One arm per transparent variant, calling `callee(field)` (`callee` as text).
    pub(super) fn delegate_arms(&self, callee: &str) -> Vec<Arm<'m>> {
        self.delegates()
            .into_iter()
            .map(|(i, f)| {
                let mut body = Code::new();
                body.text(callee).paren(|c| {
                    c.tokens(&binding_at(f));
                });
                (i, vec![&f.member], body)
            })
            .collect()
    }

    /// Writes `Type::V { a: __api_a, 0: __api_0, .. }` binding `fields`.
    pub(super) fn pattern(&self, code: &mut Code, index: usize, fields: &[&Member]) {
        code.text(&self.paths[index]).text(" {");
        for member in fields {
            let name = prop::member_name(member);
            match member {
                Member::Named(ident) => {
                    let _ = write!(code.text, "{ident}: __api_{name}, ");
                }
                Member::Unnamed(index) => {
                    let _ = write!(code.text, "{}: __api_{name}, ", index.index);
                }
            }
        }
        code.text(".. }");
    }

    /// A `match self` over `arms`, or for a struct a `let` of its one pattern.
    /// `fallback` is the body for variants without an arm (omitted when every variant has one).
    pub(super) fn dispatch(&self, arms: Vec<Arm<'_>>, fallback: Option<&str>) -> TokenStream {
        let total = self.input.variants().len();
        let mut code = Code::new();
        if let ast::Shape::Struct(_) = self.input.shape {
            match (arms.into_iter().next(), fallback) {
                (Some((_, fields, body)), _) if fields.is_empty() => {
                    code.append(body);
                }
                (Some((index, fields, body)), _) => {
                    code.text("let ");
                    self.pattern(&mut code, index, &fields);
                    code.text(" = self; ").append(body);
                }
                (None, Some(fallback)) => {
                    code.text(fallback);
                }
                (None, None) => {
                    code.text("::core::unreachable!()");
                }
            }
            return code.finish();
        }
        if total == 0 {
            return quote!(match *self {});
        }
        let all = arms.len() == total;
        code.text("match self").brace(|code| {
            for (index, fields, body) in arms {
                self.pattern(code, index, &fields);
                code.text(" => ").append(body).text(",\n");
            }
            if let Some(fallback) = fallback
                && !all
            {
                code.text("_ => ").text(fallback).text(",");
            }
        });
        code.finish()
    }

    pub(super) fn ty_parts(&self) -> (TokenStream, TokenStream, &Ident) {
        let (impl_generics, ty_generics, _) = self.input.generics.split_for_impl();
        (
            quote!(#impl_generics),
            quote!(#ty_generics),
            self.input.ident,
        )
    }

    pub(super) fn name_lit(&self) -> LitStr {
        LitStr::new(&ast::unraw(self.input.ident), self.input.ident.span())
    }

    /// Whether this is an enum with at least one variant (so values have an index).
    pub(super) fn indexed(&self) -> bool {
        matches!(&self.input.shape, ast::Shape::Enum(v) if !v.is_empty())
    }

    /// Writes a status constant (through the `__ApiStatus` alias of `impls`).
    pub(super) fn status(&self, code: &mut Code, n: u16) {
        match crate::tables::status_const(u64::from(n)) {
            Some(name) => {
                code.text("__ApiStatus::").text(name);
            }
            // Not reached: the statuses were checked.
            None => {
                let _ = write!(code.text, "{}::__private::status({n})", self.krate_text);
            }
        }
    }

    pub(super) fn impls(&self) -> TokenStream {
        let krate = &self.krate;
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        let name = self.name_lit();
        let convention = format_ident!("{}", self.input.convention().variant());
        let prefix = self.input.prefix();
        let entries = self.entries();
        let status_table = self.status_table();
        let index_fn = self.index_fn();

        let display_bounds = self.display_bounds();
        let mut error_bounds = display_bounds.clone();
        error_bounds.extend(self.debug_bound());
        error_bounds.extend(self.source_bounds());
        let mut api_bounds = error_bounds.clone();
        api_bounds.extend(self.api_bounds());
        let display_where = self.where_clause(&display_bounds);
        let error_where = self.where_clause(&error_bounds);
        let api_where = self.where_clause(&api_bounds);

        let display = self.display_body();
        let source = self.source_fn();
        let froms = self.conversions(false);
        let api = self.api_body();
        let framework = self.framework_impls(&api_where);
        let boxed = self.boxed_from(&api_bounds, false);
        let catalog = self.catalog_const();
        let catalogued_bounds: Vec<TokenStream> = self
            .generic_delegates()
            .into_iter()
            .map(|ty| quote!(#ty: #krate::Catalogued))
            .collect();
        let catalogued_where = self.where_clause(&catalogued_bounds);
        // A non-generic type's union is checked where it is declared.
        let force_union = (self.input.generics.params.is_empty()
            && !self.nested_catalogs().is_empty())
        .then(|| quote!(const _: #krate::Catalog = <#ident as #krate::Catalogued>::CATALOG;));

        // Short local names for what every row of the tables repeats.
        let inherit_family = self
            .input
            .variants()
            .iter()
            .any(|v| v.code().is_some_and(|c| c.family.is_none()));
        let family = self
            .input
            .attrs
            .family
            .as_ref()
            .filter(|_| inherit_family)
            .map(|f| {
                let f = &f.value;
                quote!(const __API_FAMILY: __ApiFamily = __ApiFamily::Some(#f);)
            });
        let aliases = (!self.input.variants().is_empty()).then(|| {
            quote! {
                type __ApiEntry = #krate::CatalogEntry;
                type __ApiStatus = #krate::__private::StatusCode;
                type __ApiFamily = ::core::option::Option<&'static str>;
                #family
            }
        });

        quote! {
            const _: () = {
                #aliases
                const __API_ENTRIES: &[#krate::CatalogEntry] = &[#entries];
                #status_table
                const __API_CATALOG: #krate::Catalog = #krate::Catalog::new(
                    #name,
                    #krate::Convention::#convention,
                    #prefix,
                    __API_ENTRIES,
                );
                #force_union

                #index_fn

                #[automatically_derived]
                impl #impl_generics ::core::fmt::Display for #ident #ty_generics #display_where {
                    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        #display
                    }
                }

                #[automatically_derived]
                impl #impl_generics ::std::error::Error for #ident #ty_generics #error_where {
                    #source
                }

                #(#froms)*

                #[automatically_derived]
                impl #impl_generics #krate::ApiError for #ident #ty_generics #api_where {
                    #api
                }

                #[automatically_derived]
                impl #impl_generics #krate::Catalogued for #ident #ty_generics #catalogued_where {
                    const CATALOG: #krate::Catalog = #catalog;
                }

                #boxed

                #framework
            };
        }
    }

    /// `Catalogued::CATALOG`: the own rows, joined with the catalogues of the transparent
    /// fields' types (checked for repeated codes when evaluated).
    pub(super) fn catalog_const(&self) -> TokenStream {
        let krate = &self.krate;
        let nested = self.nested_catalogs();
        if nested.is_empty() {
            return quote!(__API_CATALOG);
        }
        quote! {
            #krate::__private::union_catalog(
                __API_CATALOG,
                &[#(<#nested as #krate::Catalogued>::CATALOG),*],
            )
        }
    }

    /// `From<Self> for Box<dyn ApiError + Send + Sync>`, so `?` boxes the error in a
    /// handler returning one. Not for a type with lifetime parameters (the box is
    /// `'static`); the bound is higher-ranked so that a type that is not `Send + Sync`
    /// simply has no such `From`.
    pub(super) fn boxed_from(&self, extra: &[TokenStream], placeholder: bool) -> TokenStream {
        if self.input.generics.lifetimes().next().is_some() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        let mut bounds = extra.to_vec();
        bounds.push(quote! {
            for<'__api_box> #ident #ty_generics: #krate::ApiError
                + ::core::marker::Send
                + ::core::marker::Sync
                + 'static
        });
        let where_clause = self.where_clause(&bounds);
        let body = if placeholder {
            quote!(::core::unreachable!())
        } else {
            quote!(::std::boxed::Box::new(__api_error))
        };
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ident #ty_generics>
                for ::std::boxed::Box<
                    dyn #krate::ApiError + ::core::marker::Send + ::core::marker::Sync + 'static,
                >
            #where_clause
            {
                fn from(__api_error: #ident #ty_generics) -> Self {
                    #body
                }
            }
        }
    }

    /// The runtime's hook for the framework impls (`IntoResponse`, `ResponseError`): which
    /// exist depends on the runtime's features, so the derive only passes the type.
    /// Nothing with `#[api_error(framework_impls = false)]`.
    pub(super) fn framework_impls(&self, where_clause: &TokenStream) -> TokenStream {
        if self
            .input
            .attrs
            .framework_impls
            .as_ref()
            .is_some_and(|b| !b.value)
        {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        quote! {
            #krate::__private::framework_impls! {
                [#impl_generics] [#ident #ty_generics] [#where_clause]
            }
        }
    }

    pub(super) fn api_body(&self) -> TokenStream {
        let krate = &self.krate;
        let code = self.code_body();
        let status = self.status_body();
        let entry = self.entry_body();
        let retry_after = self.retry_after_fn();
        let details = self.details_fns();
        let violations = self.violations_fn();
        let format = self.format_fn();
        let wire = self.wire_fn();
        let wire_text = self.wire_text_fn();
        let message_args = self.message_args_fn();
        let catalog = if self.nested_catalogs().is_empty() {
            quote!(&__API_CATALOG)
        } else {
            quote!(const { &<Self as #krate::Catalogued>::CATALOG })
        };
        quote! {
            #[inline]
            fn code(&self) -> &'static str {
                #code
            }

            #[inline]
            fn status(&self) -> #krate::__private::StatusCode {
                #status
            }

            #[inline]
            fn entry(&self) -> &'static #krate::CatalogEntry {
                #entry
            }

            #retry_after

            #details

            #violations

            #format

            #wire

            #wire_text

            #message_args

            fn catalog() -> &'static #krate::Catalog {
                #catalog
            }
        }
    }
}

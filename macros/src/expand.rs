//! The entry point ([`fn@derive`]) and the model-to-tokens step, which cannot fail.
//!
//! Generated code names everything by absolute path (`::core`, `::std`, and the runtime's
//! hidden `__private` module through `#krate`, `::api_envelope` unless
//! `#[api_error(crate = "..")]` says otherwise), so user items named `core`, `Option`,
//! `Result`, `http`, ... cannot capture it. All items live in one `const _: () = { .. };`
//! block holding the type's static catalogue, and ending with a call of the runtime's
//! `__private::framework_impls!` hook, which expands to the framework impls
//! (`IntoResponse`, `ResponseError`) of the runtime's enabled features, or to nothing.

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::{DeriveInput, Ident, LitStr, Member, Type};

use crate::ast::{self, Arg, Field, Input, Piece, SpecPart, Variant};

/// Expands `#[derive(ApiError)]`: parses, checks every rule, and generates the impls, or,
/// when a rule fails, every error plus placeholder impls (so no follow-on errors appear).
pub fn derive(input: TokenStream) -> TokenStream {
    let node = match syn::parse2::<DeriveInput>(input) {
        Ok(node) => node,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = darling::Error::accumulator();
    let model = ast::input(&node, &mut errors);
    crate::valid::check(&model, &mut errors);
    let krate: syn::Path = model
        .attrs
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::api_envelope));
    match errors.finish() {
        Ok(()) => Expand::new(&model, krate).impls(),
        Err(e) if matches!(model.shape, ast::Shape::Union(_)) => e.write_errors(),
        Err(e) => {
            let errors = e.write_errors();
            let placeholders = Expand::new(&model, krate).placeholders();
            quote!(#errors #placeholders)
        }
    }
}

struct Expand<'m, 'a> {
    input: &'m Input<'a>,
    krate: syn::Path,
    /// Names of the type parameters, to know which field types need bounds.
    params: Vec<Ident>,
}

/// The local a field is bound to in a `match` arm.
fn binding(member: &Member) -> Ident {
    format_ident!("__api_{}", ast::member_name(member))
}

/// The same local, pointing at the field's type in diagnostics (an unmet trait bound of
/// a `#[status]`, `#[retry_after]`, `#[detail]` or `#[violations]` field is reported there).
fn binding_at(field: &Field<'_>) -> Ident {
    Ident::new(
        &format!("__api_{}", ast::member_name(&field.member)),
        Span::call_site().located_at(syn::spanned::Spanned::span(field.ty)),
    )
}

fn arg_binding(arg: &Arg) -> String {
    match arg {
        Arg::Named(name) => format!("__api_{name}"),
        Arg::Index(i) => format!("__api_{i}"),
    }
}

impl<'m, 'a> Expand<'m, 'a> {
    fn new(input: &'m Input<'a>, krate: syn::Path) -> Self {
        let params = input
            .generics
            .type_params()
            .map(|p| p.ident.clone())
            .collect();
        Self {
            input,
            krate,
            params,
        }
    }

    /// Whether a type mentions a type parameter (and so needs an explicit bound).
    fn is_generic(&self, ty: &Type) -> bool {
        fn scan(tokens: TokenStream, params: &[Ident]) -> bool {
            tokens.into_iter().any(|tt| match tt {
                TokenTree::Ident(ident) => params.contains(&ident),
                TokenTree::Group(group) => scan(group.stream(), params),
                _ => false,
            })
        }
        !self.params.is_empty() && scan(quote!(#ty), &self.params)
    }

    /// `where` with the type's own predicates plus `extra`.
    fn where_clause(&self, extra: &[TokenStream]) -> TokenStream {
        let own = self.input.generics.where_clause.as_ref().map(|w| {
            let predicates = w.predicates.iter();
            quote!(#(#predicates,)*)
        });
        let mut unique: Vec<String> = Vec::new();
        let extra: Vec<&TokenStream> = extra
            .iter()
            .filter(|t| {
                let s = t.to_string();
                let new = !unique.contains(&s);
                unique.push(s);
                new
            })
            .collect();
        if own.is_none() && extra.is_empty() {
            quote!()
        } else {
            quote!(where #own #(#extra,)*)
        }
    }

    /// `Self` or `Self::Variant`.
    fn path(v: &Variant<'_>) -> TokenStream {
        if v.is_struct {
            quote!(Self)
        } else {
            let ident = v.ident;
            quote!(Self::#ident)
        }
    }

    /// `Self::V { a: __api_a, 0: __api_0, .. }` binding `fields`.
    fn pattern(v: &Variant<'_>, fields: &[&Member]) -> TokenStream {
        let path = Self::path(v);
        let bindings = fields.iter().map(|m| binding(m));
        quote!(#path { #(#fields: #bindings,)* .. })
    }

    /// A `match self` over `arms`, or for a struct a `let` of its one pattern.
    /// `fallback` is the body for variants without an arm (omitted when every variant has one).
    fn dispatch(
        &self,
        arms: Vec<(&Variant<'_>, Vec<&Member>, TokenStream)>,
        fallback: Option<TokenStream>,
    ) -> TokenStream {
        let total = self.input.variants().len();
        if let ast::Shape::Struct(_) = self.input.shape {
            return match (arms.into_iter().next(), fallback) {
                (Some((v, fields, body)), _) if fields.is_empty() => {
                    let _ = v;
                    body
                }
                (Some((v, fields, body)), _) => {
                    let pat = Self::pattern(v, &fields);
                    quote!(let #pat = self; #body)
                }
                (None, Some(fallback)) => fallback,
                (None, None) => quote!(::core::unreachable!()),
            };
        }
        if total == 0 {
            return quote!(match *self {});
        }
        let all = arms.len() == total;
        let arms = arms.into_iter().map(|(v, fields, body)| {
            let pat = Self::pattern(v, &fields);
            quote!(#pat => #body,)
        });
        let rest = match fallback {
            Some(fallback) if !all => quote!(_ => #fallback,),
            _ => quote!(),
        };
        quote!(match self { #(#arms)* #rest })
    }

    fn ty_parts(&self) -> (TokenStream, TokenStream, &Ident) {
        let (impl_generics, ty_generics, _) = self.input.generics.split_for_impl();
        (
            quote!(#impl_generics),
            quote!(#ty_generics),
            self.input.ident,
        )
    }

    /// `Self: Debug` for a generic type (the `Error` supertrait needs it).
    fn debug_bound(&self) -> Vec<TokenStream> {
        if self.params.is_empty() {
            Vec::new()
        } else {
            let (_, ty_generics, ident) = self.ty_parts();
            vec![quote!(#ident #ty_generics: ::core::fmt::Debug)]
        }
    }

    fn name_lit(&self) -> LitStr {
        LitStr::new(&ast::unraw(self.input.ident), self.input.ident.span())
    }

    // ---------------------------------------------------------------- success

    fn impls(&self) -> TokenStream {
        let krate = &self.krate;
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        let name = self.name_lit();
        let convention = format_ident!("{}", self.input.convention().variant());
        let prefix = self.input.prefix();
        let entries = self.input.variants().iter().map(|v| self.entry(v));

        let display_bounds = self.display_bounds();
        let mut error_bounds = display_bounds.clone();
        error_bounds.extend(self.debug_bound());
        error_bounds.extend(self.source_bounds());
        let mut api_bounds = error_bounds.clone();
        api_bounds.extend(self.api_bounds());
        let display_where = self.where_clause(&display_bounds);
        let error_where = self.where_clause(&error_bounds);
        let api_where = self.where_clause(&api_bounds);
        let plain_where = self.where_clause(&[]);

        let display = self.display_body();
        let source = self.source_fn();
        let froms = self.conversions(false);
        let api = self.api_body();
        let framework = self.framework_impls(&api_where);

        quote! {
            const _: () = {
                const __API_ENTRIES: &[#krate::CatalogEntry] = &[#(#entries),*];
                const __API_CATALOG: #krate::Catalog = #krate::Catalog::new(
                    #name,
                    #krate::Convention::#convention,
                    #prefix,
                    __API_ENTRIES,
                );

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
                impl #impl_generics #krate::Catalogued for #ident #ty_generics #plain_where {
                    const CATALOG: #krate::Catalog = __API_CATALOG;
                }

                #framework
            };
        }
    }

    /// The runtime's hook for the framework impls (`IntoResponse`, `ResponseError`): which
    /// exist depends on the runtime's features, so the derive only passes the type.
    fn framework_impls(&self, where_clause: &TokenStream) -> TokenStream {
        let krate = &self.krate;
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        quote! {
            #krate::__private::framework_impls! {
                [#impl_generics] [#ident #ty_generics] [#where_clause]
            }
        }
    }

    /// One `CatalogEntry::new(..)` expression.
    fn entry(&self, v: &Variant<'_>) -> TokenStream {
        let krate = &self.krate;
        let Some(code) = v.code() else {
            return quote!(::core::unreachable!());
        };
        let code_lit = code
            .code
            .clone()
            .unwrap_or_else(|| LitStr::new("", Span::call_site()));
        let statuses = code.statuses.iter().flat_map(|s| &s.list).map(|s| {
            let n = Literal::u16_unsuffixed(u16::try_from(s.value).unwrap_or(500));
            quote!(#krate::__private::status(#n))
        });
        let family = code.family.as_ref().or(self.input.attrs.family.as_ref());
        let family = family.map_or_else(
            || quote!(::core::option::Option::None),
            |f| quote!(::core::option::Option::Some(#f)),
        );
        let meaning = v.doc.clone().unwrap_or_default();
        let variant = ast::unraw(v.ident);
        let public = code.public.as_ref().map(|p| quote!(.with_public(#p)));
        let expose = code.expose.map(|_| quote!(.with_expose(true)));
        quote! {
            #krate::CatalogEntry::new(#code_lit, &[#(#statuses),*], #family, #meaning, #variant)
                #public #expose
        }
    }

    /// Bounds for generic fields interpolated in messages, by formatting trait.
    fn display_bounds(&self) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for v in self.input.variants() {
            let Some(message) = &v.message else { continue };
            for piece in &message.pieces {
                let Piece::Arg { arg, trait_, .. } = piece else {
                    continue;
                };
                let Some(field) = crate::valid::resolve(v, arg) else {
                    continue;
                };
                if !self.is_generic(field.ty) {
                    continue;
                }
                let trait_ = match trait_.as_str() {
                    "" => "Display",
                    "?" | "x?" | "X?" => "Debug",
                    "x" => "LowerHex",
                    "X" => "UpperHex",
                    "o" => "Octal",
                    "b" => "Binary",
                    "e" => "LowerExp",
                    "E" => "UpperExp",
                    "p" => "Pointer",
                    _ => continue,
                };
                let trait_ = format_ident!("{}", trait_);
                let ty = field.ty;
                out.push(quote!(#ty: ::core::fmt::#trait_));
            }
        }
        out
    }

    fn source_field<'v>(v: &'v Variant<'a>) -> Option<&'v Field<'a>> {
        v.fields
            .iter()
            .find(|f| f.explicit_source())
            .or_else(|| v.fields.iter().find(|f| f.named_source))
    }

    fn source_bounds(&self) -> Vec<TokenStream> {
        self.input
            .variants()
            .iter()
            .filter_map(Self::source_field)
            .filter(|f| self.is_generic(f.ty))
            .map(|f| {
                let ty = f.ty;
                quote!(#ty: ::std::error::Error + 'static)
            })
            .collect()
    }

    fn api_bounds(&self) -> Vec<TokenStream> {
        let krate = &self.krate;
        let mut out = Vec::new();
        for v in self.input.variants() {
            for f in &v.fields {
                if !self.is_generic(f.ty) {
                    continue;
                }
                let ty = f.ty;
                if !f.retry_after.is_empty() {
                    out.push(quote!(#ty: #krate::__private::RetryAfter));
                }
                if !f.detail.is_empty() {
                    out.push(quote!(#ty: #krate::__private::Serialize));
                }
                if !f.violations.is_empty() {
                    out.push(quote!(#ty: ::core::convert::AsRef<[#krate::Violation]>));
                }
                if !f.status.is_empty() {
                    out.push(quote!(#ty: #krate::__private::AsStatus));
                }
            }
        }
        out
    }

    fn display_body(&self) -> TokenStream {
        let arms = self
            .input
            .variants()
            .iter()
            .map(|v| {
                if let Some(message) = &v.message {
                    let (lit, members, args) = rewrite(v, message);
                    (
                        v,
                        members,
                        quote!(::core::write!(__formatter, #lit #(, #args)*)),
                    )
                } else {
                    let doc = v.doc.clone().unwrap_or_default();
                    (
                        v,
                        Vec::new(),
                        quote!(::core::fmt::Formatter::write_str(__formatter, #doc)),
                    )
                }
            })
            .collect();
        self.dispatch(arms, None)
    }

    fn source_fn(&self) -> TokenStream {
        let krate = &self.krate;
        let arms: Vec<_> = self
            .input
            .variants()
            .iter()
            .filter_map(|v| {
                let f = Self::source_field(v)?;
                let b = binding(&f.member);
                let span = f.ty.span_or_call_site();
                let body = quote_spanned!(span=> ::core::option::Option::Some(#b.as_dyn_error()));
                Some((v, vec![&f.member], body))
            })
            .collect();
        if arms.is_empty() {
            return quote!();
        }
        let body = self.dispatch(arms, Some(quote!(::core::option::Option::None)));
        quote! {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                use #krate::__private::AsDynError as _;
                #body
            }
        }
    }

    /// `From<T>` for every `#[from]` field (placeholder bodies in the error case).
    fn conversions(&self, placeholder: bool) -> Vec<TokenStream> {
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        let where_clause = self.where_clause(&[]);
        let mut seen: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for v in self.input.variants() {
            for f in v.fields.iter().filter(|f| !f.from.is_empty()) {
                let ty = f.ty;
                let key = quote!(#ty).to_string();
                if placeholder && seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let body = if placeholder || v.fields.len() != 1 {
                    quote!(::core::unreachable!())
                } else {
                    let path = Self::path(v);
                    let member = &f.member;
                    quote!(#path { #member: __api_source })
                };
                let arg = if placeholder {
                    quote!(_)
                } else {
                    quote!(__api_source)
                };
                out.push(quote! {
                    #[automatically_derived]
                    impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                        fn from(#arg: #ty) -> Self {
                            #body
                        }
                    }
                });
            }
        }
        out
    }

    fn api_body(&self) -> TokenStream {
        let krate = &self.krate;
        let code = self.code_body();
        let status = self.status_body();
        let entry = self.entry_body();
        let retry_after = self.retry_after_fn();
        let details = self.details_fns();
        let violations = self.violations_fn();
        let format = self.format_fn();
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

            fn catalog() -> &'static #krate::Catalog {
                &__API_CATALOG
            }
        }
    }

    /// `declared_format()` from `#[api_error(format = ..)]`: the expression, evaluated
    /// once into a static. A value that is no format is reported on the expression.
    fn format_fn(&self) -> TokenStream {
        let Some(expr) = &self.input.attrs.format else {
            return TokenStream::new();
        };
        let krate = &self.krate;
        let boxed = quote_spanned! {syn::spanned::Spanned::span(expr)=>
            #krate::integrations::__boxed_format(#expr)
        };
        quote! {
            fn declared_format(
                &self,
            ) -> ::core::option::Option<
                &'static (dyn #krate::format::Format + ::core::marker::Send + ::core::marker::Sync),
            > {
                static __API_FORMAT: #krate::__private::std::sync::LazyLock<
                    #krate::__private::std::boxed::Box<
                        dyn #krate::format::Format + ::core::marker::Send + ::core::marker::Sync,
                    >,
                > = #krate::__private::std::sync::LazyLock::new(|| { #boxed });
                ::core::option::Option::Some(&**__API_FORMAT)
            }
        }
    }

    /// `code()`: a literal per variant.
    fn code_body(&self) -> TokenStream {
        let arms = self
            .input
            .variants()
            .iter()
            .map(|v| {
                let lit = v.code().and_then(|c| c.code.clone());
                (v, Vec::new(), quote!(#lit))
            })
            .collect();
        self.dispatch(arms, None)
    }

    /// `status()`: a constant per variant, or the `#[status]` field's choice.
    fn status_body(&self) -> TokenStream {
        let krate = &self.krate;
        let arms = self
            .input
            .variants()
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let statuses: Vec<u16> = v
                    .code()
                    .and_then(|c| c.statuses.as_ref())
                    .map(|s| s.list.iter().map(|s| u16::try_from(s.value).unwrap_or(500)).collect())
                    .unwrap_or_default();
                let status_field = v.fields.iter().find(|f| !f.status.is_empty());
                match status_field {
                    Some(f) if statuses.len() > 1 => {
                        let b = binding_at(f);
                        let i = Literal::usize_unsuffixed(i);
                        (
                            v,
                            vec![&f.member],
                            quote!(#krate::__private::choose_status(#b, __API_ENTRIES[#i].statuses)),
                        )
                    }
                    _ => {
                        let n = Literal::u16_unsuffixed(statuses.first().copied().unwrap_or(500));
                        (v, Vec::new(), quote!(const { #krate::__private::status(#n) }))
                    }
                }
            })
            .collect();
        self.dispatch(arms, None)
    }

    /// `entry()`: the variant's row of the static catalogue.
    fn entry_body(&self) -> TokenStream {
        let arms = self
            .input
            .variants()
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let i = Literal::usize_unsuffixed(i);
                (v, Vec::new(), quote!(&__API_ENTRIES[#i]))
            })
            .collect();
        self.dispatch(arms, None)
    }

    /// `retry_after()`, when a variant has a `#[retry_after]` field.
    fn retry_after_fn(&self) -> Option<TokenStream> {
        let krate = &self.krate;
        let arms: Vec<_> = self
            .input
            .variants()
            .iter()
            .filter_map(|v| {
                let f = v.fields.iter().find(|f| !f.retry_after.is_empty())?;
                let b = binding_at(f);
                Some((
                    v,
                    vec![&f.member],
                    quote!(#krate::__private::RetryAfter::retry_after(#b)),
                ))
            })
            .collect();
        if arms.is_empty() {
            return None;
        }
        let body = self.dispatch(arms, Some(quote!(::core::option::Option::None)));
        Some(quote! {
            fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
                #body
            }
        })
    }

    /// `has_details()` and `visit_details()`, when a variant has a `#[detail]` field.
    fn details_fns(&self) -> Option<TokenStream> {
        let krate = &self.krate;
        let variants = self.input.variants();
        let arms: Vec<_> = variants
            .iter()
            .filter_map(|v| {
                let fields: Vec<&Field<'_>> =
                    v.fields.iter().filter(|f| !f.detail.is_empty()).collect();
                if fields.is_empty() {
                    return None;
                }
                let calls = fields.iter().map(|f| {
                    let name = f.detail[0].name.as_ref().map_or_else(|| f.name(), LitStr::value);
                    let b = binding_at(f);
                    quote!(#krate::DetailVisitor::detail(__visitor, #name, #krate::Detail::new(#b));)
                });
                let members = fields.iter().map(|f| &f.member).collect();
                Some((v, members, quote!({ #(#calls)* })))
            })
            .collect();
        if arms.is_empty() {
            return None;
        }
        let has =
            if matches!(self.input.shape, ast::Shape::Struct(_)) || arms.len() == variants.len() {
                quote!(true)
            } else {
                let pats = arms.iter().map(|(v, _, _)| Self::pattern(v, &[]));
                quote!(::core::matches!(self, #(#pats)|*))
            };
        let body = self.dispatch(arms, Some(quote!({})));
        Some(quote! {
            fn has_details(&self) -> bool {
                #has
            }

            fn visit_details(&self, __visitor: &mut dyn #krate::DetailVisitor) {
                #body
            }
        })
    }

    /// `violations()`, when a variant has a `#[violations]` field.
    fn violations_fn(&self) -> Option<TokenStream> {
        let krate = &self.krate;
        let arms: Vec<_> = self
            .input
            .variants()
            .iter()
            .filter_map(|v| {
                let f = v.fields.iter().find(|f| !f.violations.is_empty())?;
                let b = binding_at(f);
                Some((
                    v,
                    vec![&f.member],
                    quote!(::core::convert::AsRef::<[#krate::Violation]>::as_ref(#b)),
                ))
            })
            .collect();
        if arms.is_empty() {
            return None;
        }
        let body = self.dispatch(arms, Some(quote!(&[])));
        Some(quote! {
            fn violations(&self) -> &[#krate::Violation] {
                #body
            }
        })
    }

    // ---------------------------------------------------------------- errors

    /// Impls with unreachable bodies, emitted beside the errors so that code using the
    /// type (`?`, `.code()`, `E::CATALOG`) reports nothing more.
    fn placeholders(&self) -> TokenStream {
        let krate = &self.krate;
        let (impl_generics, ty_generics, ident) = self.ty_parts();
        let name = self.name_lit();
        let plain_where = self.where_clause(&[]);
        let debug_where = self.where_clause(&self.debug_bound());
        let froms = self.conversions(true);
        let framework = self.framework_impls(&debug_where);
        quote! {
            #[allow(unreachable_code, clippy::all, clippy::pedantic)]
            const _: () = {
                const __API_CATALOG: #krate::Catalog = #krate::Catalog::new(
                    #name,
                    #krate::Convention::Any,
                    "",
                    &[],
                );

                impl #impl_generics ::core::fmt::Display for #ident #ty_generics #plain_where {
                    fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        ::core::unreachable!()
                    }
                }

                impl #impl_generics ::std::error::Error for #ident #ty_generics #debug_where {}

                #(#froms)*

                impl #impl_generics #krate::ApiError for #ident #ty_generics #debug_where {
                    fn code(&self) -> &'static str {
                        ::core::unreachable!()
                    }

                    fn status(&self) -> #krate::__private::StatusCode {
                        ::core::unreachable!()
                    }

                    fn entry(&self) -> &'static #krate::CatalogEntry {
                        ::core::unreachable!()
                    }

                    fn catalog() -> &'static #krate::Catalog {
                        &__API_CATALOG
                    }
                }

                impl #impl_generics #krate::Catalogued for #ident #ty_generics #plain_where {
                    const CATALOG: #krate::Catalog = __API_CATALOG;
                }

                #framework
            };
        }
    }
}

/// Rewrites a message so every placeholder names the local its field is bound to:
/// returns the new literal (with the original's span), the fields to bind, and the
/// `name = value` arguments of `write!`.
fn rewrite<'v>(
    v: &'v Variant<'_>,
    message: &ast::Message,
) -> (LitStr, Vec<&'v Member>, Vec<TokenStream>) {
    let mut out = String::new();
    let mut used: Vec<(Arg, bool)> = Vec::new();
    let mut note = |arg: &Arg, width: bool| {
        if let Some(entry) = used.iter_mut().find(|(a, _)| a == arg) {
            entry.1 |= width;
        } else {
            used.push((arg.clone(), width));
        }
    };
    for piece in &message.pieces {
        match piece {
            Piece::Text(text) => out.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Piece::Arg { arg, spec, .. } => {
                note(arg, false);
                out.push('{');
                out.push_str(&arg_binding(arg));
                if !spec.is_empty() {
                    out.push(':');
                    for part in spec {
                        match part {
                            SpecPart::Text(text) => out.push_str(text),
                            SpecPart::Ref(arg) => {
                                note(arg, true);
                                out.push_str(&arg_binding(arg));
                                out.push('$');
                            }
                        }
                    }
                }
                out.push('}');
            }
        }
    }
    let mut members = Vec::new();
    let mut args = Vec::new();
    for (arg, width) in used {
        let Some(field) = crate::valid::resolve(v, &arg) else {
            continue;
        };
        let b = binding(&field.member);
        members.push(&field.member);
        // Width and precision arguments must be `usize`, not `&usize`.
        args.push(if width {
            quote!(#b = *#b)
        } else {
            quote!(#b = #b)
        });
    }
    (LitStr::new(&out, message.lit.span()), members, args)
}

/// The span of a type, for generated code that should point at it.
trait SpanOrCallSite {
    fn span_or_call_site(&self) -> Span;
}

impl SpanOrCallSite for Type {
    fn span_or_call_site(&self) -> Span {
        // Resolve in the call-site context (the local is generated) but point at the type.
        Span::call_site().located_at(syn::spanned::Spanned::span(self))
    }
}

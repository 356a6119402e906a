//! The entry point ([`fn@derive`]) and the model-to-tokens step, which cannot fail.
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

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::{DeriveInput, Ident, LitStr, Member, Type};

use crate::ast::{self, Arg, Field, Input, Mark, Piece, SpecPart, Variant};

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

// ------------------------------------------------------------------------ the writer

/// Generated code: source text (whole tokens, balanced delimiters), lexed into tokens by
/// the compiler once per run, with spanned tokens and groups holding them spliced in
/// between runs.
#[derive(Default)]
struct Code {
    /// Lexed so far.
    tokens: TokenStream,
    /// Text after `tokens`, not lexed yet.
    text: String,
}

impl Code {
    fn new() -> Self {
        Self::default()
    }

    /// Appends source text.
    fn text(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends `value` as a string literal.
    fn string(&mut self, value: &str) -> &mut Self {
        self.text.push('"');
        let _ = write!(self.text, "{}", value.escape_default());
        self.text.push_str("\" ");
        self
    }

    /// Appends a number (an unsuffixed integer literal).
    fn number(&mut self, n: usize) -> &mut Self {
        let _ = write!(self.text, "{n} ");
        self
    }

    /// Appends tokens as they are (with their spans).
    fn tokens(&mut self, tokens: &impl ToTokens) -> &mut Self {
        self.flush();
        tokens.to_tokens(&mut self.tokens);
        self
    }

    /// Appends a `( .. )` group written by `inner`.
    fn paren(&mut self, inner: impl FnOnce(&mut Code)) -> &mut Self {
        self.group(Delimiter::Parenthesis, inner)
    }

    /// Appends a `{ .. }` group written by `inner`.
    fn brace(&mut self, inner: impl FnOnce(&mut Code)) -> &mut Self {
        self.group(Delimiter::Brace, inner)
    }

    fn group(&mut self, delimiter: Delimiter, inner: impl FnOnce(&mut Code)) -> &mut Self {
        let mut code = Code::new();
        inner(&mut code);
        if code.tokens.is_empty() {
            // Only text: stays text.
            let (open, close) = match delimiter {
                Delimiter::Parenthesis => ('(', ')'),
                Delimiter::Brace => ('{', '}'),
                Delimiter::Bracket => ('[', ']'),
                Delimiter::None => (' ', ' '),
            };
            self.text.push(open);
            self.text.push_str(&code.text);
            self.text.push(close);
            return self;
        }
        self.flush();
        let group = Group::new(delimiter, code.finish());
        self.tokens.extend([TokenTree::Group(group)]);
        self
    }

    /// Appends another piece of code.
    fn append(&mut self, other: Code) -> &mut Self {
        if !other.tokens.is_empty() {
            self.flush();
            // Whole streams, not tree by tree.
            self.tokens.extend([other.tokens]);
        }
        self.text.push_str(&other.text);
        self
    }

    /// Lexes the pending text.
    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        // As a whole stream: extending with its trees would walk them one by one.
        self.tokens.extend([lex(&self.text)]);
        self.text.clear();
    }

    fn finish(mut self) -> TokenStream {
        self.flush();
        self.tokens
    }
}

/// Lexes generated text. Inside the compiler it goes straight to the compiler's lexer:
/// `proc_macro2`'s `from_str` would first lex it a second time with its own lexer (to
/// reject what the compiler cannot recover from), which for this text, generated here from
/// identifiers, numbers and escaped strings, is pure cost. A failure is a bug of this module.
///
/// Never panics: should the text not lex, the expansion carries a `compile_error!` asking
/// for a bug report instead.
fn lex(text: &str) -> TokenStream {
    if proc_macro::is_available() {
        if let Ok(tokens) = text.parse::<proc_macro::TokenStream>() {
            return tokens.into();
        }
    } else if let Ok(tokens) = text.parse() {
        return tokens;
    }
    quote! {
        ::core::compile_error! {
            "api-envelope: the derive generated code that does not lex; this is a bug, please report it with the input"
        }
    }
}

// ------------------------------------------------------------------------ names

/// The local a field is bound to in a `match` arm.
fn binding(member: &Member) -> Ident {
    format_ident!("__api_{}", ast::member_name(member))
}

/// The same local, pointing at the field's type in diagnostics (an unmet trait bound of
/// a `#[status]`, `#[retry_after]`, `#[detail]` or `#[violations]` field is reported there).
fn binding_at(field: &Field<'_>) -> Ident {
    Ident::new(
        &format!("__api_{}", ast::member_name(&field.member)),
        field.ty.span_or_call_site(),
    )
}

/// The local a placeholder reads: the field's binding (`__api_room_id`, `__api_0`), or
/// for an argument after the format string, `__api_arg_<position>`.
fn arg_binding(message: &ast::Message, arg: &Arg) -> String {
    if let Some(i) = message.extra(arg) {
        return format!("__api_arg_{i}");
    }
    match arg {
        Arg::Named(name) => format!("__api_{name}"),
        Arg::Index(i) | Arg::Positional(i) => format!("__api_{i}"),
    }
}

// ------------------------------------------------------------------------ expansion

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
    fn has_rows(&self) -> bool {
        self.rows.iter().any(Option::is_some)
    }

    /// The transparent variants and their fields, with the variant's position.
    fn delegates(&self) -> Vec<(usize, &'m Field<'a>)> {
        self.input
            .variants()
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((i, v.delegate()?)))
            .collect()
    }

    /// One arm per transparent variant, calling `callee(field)` (`callee` as text).
    fn delegate_arms(&self, callee: &str) -> Vec<Arm<'m>> {
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

    /// Writes `Type::V { a: __api_a, 0: __api_0, .. }` binding `fields`.
    fn pattern(&self, code: &mut Code, index: usize, fields: &[&Member]) {
        code.text(&self.paths[index]).text(" {");
        for member in fields {
            let name = ast::member_name(member);
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
    fn dispatch(&self, arms: Vec<Arm<'_>>, fallback: Option<&str>) -> TokenStream {
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

    /// Whether this is an enum with at least one variant (so values have an index).
    fn indexed(&self) -> bool {
        matches!(&self.input.shape, ast::Shape::Enum(v) if !v.is_empty())
    }

    /// The statuses of a variant's code, as numbers.
    fn statuses(v: &Variant<'_>) -> Vec<u16> {
        v.code()
            .and_then(|c| c.statuses.as_ref())
            .map(|s| {
                s.list
                    .iter()
                    .map(|s| u16::try_from(s.value).unwrap_or(500))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Writes a status constant (through the `__ApiStatus` alias of `impls`).
    fn status(&self, code: &mut Code, n: u16) {
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

    // ---------------------------------------------------------------- success

    fn impls(&self) -> TokenStream {
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
    fn catalog_const(&self) -> TokenStream {
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
    fn boxed_from(&self, extra: &[TokenStream], placeholder: bool) -> TokenStream {
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
    fn framework_impls(&self, where_clause: &TokenStream) -> TokenStream {
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

    /// The rows of the static catalogue, one `CatalogEntry::new(..)` per variant.
    fn entries(&self) -> TokenStream {
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
            for n in Self::statuses(v) {
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
            code.text(",\n");
        }
        code.finish()
    }

    /// Whether `status()` reads the variant's status from a `#[status]` field (when its
    /// code declares several).
    fn status_from_field<'v>(v: &'v Variant<'a>) -> Option<&'v Field<'a>> {
        let f = v.fields.iter().find(|f| f.has(Mark::Status))?;
        (Self::statuses(v).len() > 1).then_some(f)
    }

    /// `__API_STATUS`, each variant's default status (the first declared), for `status()`;
    /// omitted when every variant's status comes from a field.
    fn status_table(&self) -> TokenStream {
        let own = || {
            self.input
                .variants()
                .iter()
                .filter(|v| v.transparent().is_none())
        };
        if !self.indexed() || own().all(|v| Self::status_from_field(v).is_some()) {
            return TokenStream::new();
        }
        let mut code = Code::new();
        code.text("const __API_STATUS: &[__ApiStatus] = &[");
        for v in own() {
            self.status(&mut code, Self::statuses(v).first().copied().unwrap_or(500));
            code.text(",\n");
        }
        code.text("];");
        code.finish()
    }

    /// `__api_index(self)`: the position of the value's variant, for the table reads. A
    /// function local to the `const _` block, so nothing is added to the type's namespace.
    fn index_fn(&self) -> TokenStream {
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

    /// Bounds for generic fields interpolated in messages, by formatting trait.
    fn display_bounds(&self) -> Vec<TokenStream> {
        let mut out = Vec::new();
        if self.params.is_empty() {
            return out;
        }
        for ty in self.generic_delegates() {
            out.push(quote!(#ty: ::core::fmt::Display));
        }
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
        if self.params.is_empty() {
            return Vec::new();
        }
        let delegated = self
            .generic_delegates()
            .into_iter()
            .map(|ty| quote!(#ty: ::std::error::Error));
        self.input
            .variants()
            .iter()
            .filter(|v| v.delegate().is_none())
            .filter_map(Self::source_field)
            .filter(|f| self.is_generic(f.ty))
            .map(|f| {
                let ty = ast::option_inner(f.ty).unwrap_or(f.ty);
                quote!(#ty: ::std::error::Error + 'static)
            })
            .chain(delegated)
            .collect()
    }

    /// The transparent fields whose type mentions a type parameter (they need bounds).
    fn generic_delegates(&self) -> Vec<&'m Type> {
        self.delegates()
            .into_iter()
            .filter(|(_, f)| self.is_generic(f.ty))
            .map(|(_, f)| f.ty)
            .collect()
    }

    /// The types whose catalogues join the type's own: the transparent fields' types (a
    /// boxed error's catalogue is empty: its codes are not known at compile time).
    fn nested_catalogs(&self) -> Vec<&'m Type> {
        self.delegates().into_iter().map(|(_, f)| f.ty).collect()
    }

    fn api_bounds(&self) -> Vec<TokenStream> {
        let krate = &self.krate;
        let mut out = Vec::new();
        if self.params.is_empty() {
            return out;
        }
        for ty in self.generic_delegates() {
            out.push(quote!(#ty: #krate::ApiError + #krate::Catalogued));
        }
        for v in self.input.variants() {
            for f in &v.fields {
                if !self.is_generic(f.ty) {
                    continue;
                }
                let ty = f.ty;
                if f.has(Mark::RetryAfter) {
                    out.push(quote!(#ty: #krate::__private::RetryAfter));
                }
                if f.has(Mark::Detail) {
                    out.push(quote!(#ty: #krate::__private::Serialize));
                }
                if f.has(Mark::Violations) {
                    out.push(quote!(#ty: ::core::convert::AsRef<[#krate::Violation]>));
                }
                if f.has(Mark::Status) {
                    out.push(quote!(#ty: #krate::__private::AsStatus));
                }
            }
        }
        out
    }

    /// `Display`: `write_str` of a fixed text (a message without placeholders, or the doc
    /// comment), else `write!` of the message rewritten to name the bound fields.
    fn display_body(&self) -> TokenStream {
        let arms = self
            .input
            .variants()
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mut body = Code::new();
                if let Some(f) = v.delegate() {
                    body.text("::core::fmt::Display::fmt").paren(|c| {
                        c.tokens(&binding_at(f)).text(", __formatter");
                    });
                    return (i, vec![&f.member], body);
                }
                match &v.message {
                    Some(message) if message.function.is_some() => {
                        // `path(&field, .., __formatter)`, every field in order.
                        let members: Vec<&Member> = v.fields.iter().map(|f| &f.member).collect();
                        body.tokens(&message.function).paren(|c| {
                            for f in &v.fields {
                                c.tokens(&binding_at(f)).text(", ");
                            }
                            c.text("__formatter");
                        });
                        (i, members, body)
                    }
                    Some(message) if !message.plain => {
                        let (lit, members, args) = rewrite(v, message, None);
                        body.text("::core::write!").paren(|c| {
                            c.text("__formatter, ").tokens(&lit).append(args);
                        });
                        (i, members, body)
                    }
                    Some(message) => {
                        body.text("::core::fmt::Formatter::write_str(__formatter, ")
                            .string(&message.text())
                            .text(")");
                        (i, Vec::new(), body)
                    }
                    None => {
                        body.text("::core::fmt::Formatter::write_str(__formatter, ")
                            .string(v.doc.as_deref().unwrap_or_default())
                            .text(")");
                        (i, Vec::new(), body)
                    }
                }
            })
            .collect();
        self.dispatch(arms, None)
    }

    fn source_fn(&self) -> TokenStream {
        let krate = &self.krate;
        // A transparent variant's source is its field's (the field is the error itself,
        // not its cause), as thiserror's `#[error(transparent)]`.
        let mut arms = self.delegate_arms("::std::error::Error::source");
        arms.extend(
            self.input
                .variants()
                .iter()
                .enumerate()
                .filter(|(_, v)| v.delegate().is_none())
                .filter_map(|(i, v)| {
                    let f = Self::source_field(v)?;
                    let b = binding(&f.member);
                    let span = f.ty.span_or_call_site();
                    let mut body = Code::new();
                    if ast::option_inner(f.ty).is_some() {
                        // `#[source] cause: Option<E>`: the source when there is one.
                        body.tokens(&quote_spanned! {span=>
                            match #b {
                                ::core::option::Option::Some(__api_source) => {
                                    ::core::option::Option::Some(__api_source.as_dyn_error())
                                }
                                ::core::option::Option::None => ::core::option::Option::None,
                            }
                        });
                    } else {
                        body.tokens(
                            &quote_spanned!(span=> ::core::option::Option::Some(#b.as_dyn_error())),
                        );
                    }
                    Some((i, vec![&f.member], body))
                }),
        );
        if arms.is_empty() {
            return quote!();
        }
        let body = self.dispatch(arms, Some("::core::option::Option::None"));
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
            let converts = |f: &&Field<'_>| f.has(Mark::From) || v.delegate().is_some();
            for f in v.fields.iter().filter(converts) {
                let ty = f.ty;
                if placeholder {
                    let key = quote!(#ty).to_string();
                    if seen.contains(&key) {
                        continue;
                    }
                    seen.push(key);
                }
                let body = if placeholder || v.fields.len() != 1 {
                    quote!(::core::unreachable!())
                } else {
                    let path = if v.is_struct {
                        quote!(Self)
                    } else {
                        let ident = v.ident;
                        quote!(Self::#ident)
                    };
                    let member = match &f.member {
                        Member::Unnamed(index) => Member::Unnamed(syn::Index {
                            index: index.index,
                            span: f.ty.span_or_call_site(),
                        }),
                        named => named.clone(),
                    };
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
        let wire = self.wire_fn();
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

            fn catalog() -> &'static #krate::Catalog {
                #catalog
            }
        }
    }

    /// `declared_format()` from `#[api_error(format = ..)]`: the expression, evaluated
    /// once into a static. A value that is no format is reported on the expression.
    fn format_fn(&self) -> TokenStream {
        let Some(expr) = &self.input.attrs.format else {
            // Without a format of its own, a transparent variant renders as its field
            // would have.
            let k = &self.krate_text;
            let krate = &self.krate;
            let arms = self.delegate_arms(&format!("{k}::ApiError::declared_format"));
            if arms.is_empty() {
                return TokenStream::new();
            }
            let body = self.dispatch(arms, Some("::core::option::Option::None"));
            return quote! {
                fn declared_format(
                    &self,
                ) -> ::core::option::Option<
                    &'static (dyn #krate::format::Format + ::core::marker::Send + ::core::marker::Sync),
                > {
                    #body
                }
            };
        };
        let krate = &self.krate;
        let boxed = quote_spanned! {syn::spanned::Spanned::span(expr)=>
            #krate::__private::__boxed_format(#expr)
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

    /// The position of `self`'s variant: `__api_index(self)`, `0` for a struct.
    fn index_expr(&self) -> &'static str {
        if self.indexed() {
            "__api_index(self)"
        } else {
            "0"
        }
    }

    /// A method answered from the variant's row (`row`, source text) or, for a
    /// transparent variant, by its field (`ApiError::<method>`).
    fn row_or_delegate(&self, method: &str, row: &str) -> TokenStream {
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
    fn code_body(&self) -> TokenStream {
        self.row_or_delegate(
            "code",
            &format!("__API_ENTRIES[{}].code", self.index_expr()),
        )
    }

    /// `status()`: the variant's default status from `__API_STATUS`, or the `#[status]`
    /// field's choice among the declared ones.
    fn status_body(&self) -> TokenStream {
        let variants = self.input.variants();
        if variants.is_empty() {
            return quote!(match *self {});
        }
        let k = &self.krate_text;
        let mut arms = self.delegate_arms(&format!("{k}::ApiError::status"));
        arms.extend(variants.iter().enumerate().filter_map(|(i, v)| {
            let f = Self::status_from_field(v)?;
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
                .and_then(|v| Self::statuses(v).first().copied())
                .unwrap_or(500);
            self.status(&mut fallback, n);
        }
        if arms.is_empty() {
            return fallback.finish();
        }
        self.dispatch(arms, Some(&fallback.text))
    }

    /// `entry()`: the variant's row of the static catalogue.
    fn entry_body(&self) -> TokenStream {
        self.row_or_delegate("entry", &format!("&__API_ENTRIES[{}]", self.index_expr()))
    }

    /// The arms of a method that passes one marked field per variant to `callee`
    /// (`callee(field)`); variants without the marked field fall to the method's default.
    fn one_field_arms(&self, marked: fn(&Field<'_>) -> bool, callee: &[&str]) -> Vec<Arm<'_>> {
        self.input
            .variants()
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let f = v.fields.iter().find(|f| marked(f))?;
                let mut body = Code::new();
                for part in callee {
                    body.text(part);
                }
                body.paren(|c| {
                    c.tokens(&binding_at(f));
                });
                Some((i, vec![&f.member], body))
            })
            .collect()
    }

    /// `retry_after()`, when a variant has a `#[retry_after]` field.
    fn retry_after_fn(&self) -> Option<TokenStream> {
        let k = &self.krate_text;
        let mut arms = self.one_field_arms(
            |f| f.has(Mark::RetryAfter),
            &[k, "::__private::RetryAfter::retry_after"],
        );
        arms.extend(self.delegate_arms(&format!("{k}::ApiError::retry_after")));
        if arms.is_empty() {
            return None;
        }
        let body = self.dispatch(arms, Some("::core::option::Option::None"));
        Some(quote! {
            fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
                #body
            }
        })
    }

    /// `has_details()` and `visit_details()`, when a variant has a `#[detail]` field.
    fn details_fns(&self) -> Option<TokenStream> {
        let krate = &self.krate;
        let k = &self.krate_text;
        let variants = self.input.variants();
        let arms: Vec<_> = variants
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let fields: Vec<&Field<'_>> =
                    v.fields.iter().filter(|f| f.has(Mark::Detail)).collect();
                if fields.is_empty() {
                    return None;
                }
                let mut body = Code::new();
                body.brace(|c| {
                    for f in &fields {
                        let name = f
                            .detail()
                            .and_then(|d| d.detail_name.as_ref())
                            .map_or_else(|| f.name(), |s| s.value.clone());
                        c.text(k).text("::DetailVisitor::detail").paren(|c| {
                            c.text("__visitor, ")
                                .string(&name)
                                .text(", ")
                                .text(k)
                                .text("::Detail::new")
                                .paren(|c| {
                                    c.tokens(&binding_at(f));
                                });
                        });
                        c.text(";");
                    }
                });
                let members = fields.iter().map(|f| &f.member).collect();
                Some((i, members, body))
            })
            .collect();
        let delegates = self.delegates();
        if arms.is_empty() && delegates.is_empty() {
            return None;
        }
        if !delegates.is_empty() {
            return Some(self.delegating_details_fns(arms));
        }
        let has =
            if matches!(self.input.shape, ast::Shape::Struct(_)) || arms.len() == variants.len() {
                quote!(true)
            } else {
                let mut code = Code::new();
                code.text("::core::matches!").paren(|c| {
                    c.text("self, ");
                    for (n, (i, _, _)) in arms.iter().enumerate() {
                        if n > 0 {
                            c.text(" | ");
                        }
                        self.pattern(c, *i, &[]);
                    }
                });
                code.finish()
            };
        let body = self.dispatch(arms, Some("{}"));
        Some(quote! {
            fn has_details(&self) -> bool {
                #has
            }

            fn visit_details(&self, __visitor: &mut dyn #krate::DetailVisitor) {
                #body
            }
        })
    }

    /// `has_details()` and `visit_details()` of a type with transparent variants: the
    /// `#[detail]` arms (`visits`) and, for each transparent variant, its field's.
    fn delegating_details_fns(&self, visits: Vec<Arm<'m>>) -> TokenStream {
        let krate = &self.krate;
        let k = &self.krate_text;
        let mut has = self.delegate_arms(&format!("{k}::ApiError::has_details"));
        for (i, _, _) in &visits {
            let mut body = Code::new();
            body.text("true");
            has.push((*i, Vec::new(), body));
        }
        let has = self.dispatch(has, Some("false"));
        let mut visit: Vec<Arm<'m>> = self
            .delegates()
            .into_iter()
            .map(|(i, f)| {
                let mut body = Code::new();
                body.text(k).text("::ApiError::visit_details").paren(|c| {
                    c.tokens(&binding_at(f)).text(", __visitor");
                });
                (i, vec![&f.member], body)
            })
            .collect();
        visit.extend(visits);
        let visit = self.dispatch(visit, Some("{}"));
        quote! {
            fn has_details(&self) -> bool {
                #has
            }

            fn visit_details(&self, __visitor: &mut dyn #krate::DetailVisitor) {
                #visit
            }
        }
    }

    /// `fmt_wire()`, the message as the wire shows it, when it differs from `Display`:
    /// a transparent variant's is its field's, and a message interpolating a source
    /// shows the source's wire text (its public text when it is a 5xx `ApiError`),
    /// unless the variant says `expose = "all"`.
    fn wire_fn(&self) -> Option<TokenStream> {
        let k = &self.krate_text;
        let mut arms: Vec<Arm<'m>> = Vec::new();
        for (i, v) in self.input.variants().iter().enumerate() {
            if let Some(f) = v.delegate() {
                let mut body = Code::new();
                body.text(k).text("::ApiError::fmt_wire").paren(|c| {
                    c.tokens(&binding_at(f)).text(", __formatter");
                });
                arms.push((i, vec![&f.member], body));
                continue;
            }
            let Some(message) = &v.message else { continue };
            if message.plain || message.function.is_some() || v.code().is_some_and(|c| c.expose_all)
            {
                continue;
            }
            let interpolates_source = message.pieces.iter().any(|p| {
                matches!(p, Piece::Arg { arg, .. }
                    if crate::valid::resolve(v, arg)
                        .is_some_and(|f| f.explicit_source() || f.named_source))
            });
            if !interpolates_source {
                continue;
            }
            let (lit, members, args) = rewrite(v, message, Some(k));
            let mut body = Code::new();
            body.text("::core::write!").paren(|c| {
                c.text("__formatter, ").tokens(&lit).append(args);
            });
            arms.push((i, members, body));
        }
        if arms.is_empty() {
            return None;
        }
        let body = self.dispatch(arms, Some("::core::fmt::Display::fmt(self, __formatter)"));
        Some(quote! {
            fn fmt_wire(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        })
    }

    /// `violations()`, when a variant has a `#[violations]` field.
    fn violations_fn(&self) -> Option<TokenStream> {
        let krate = &self.krate;
        let k = &self.krate_text;
        let mut arms = self.one_field_arms(
            |f| f.has(Mark::Violations),
            &["::core::convert::AsRef::<[", k, "::Violation]>::as_ref"],
        );
        arms.extend(self.delegate_arms(&format!("{k}::ApiError::violations")));
        if arms.is_empty() {
            return None;
        }
        let body = self.dispatch(arms, Some("&[]"));
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
        let boxed = self.boxed_from(&self.debug_bound(), true);
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

                #boxed

                #framework
            };
        }
    }
}

/// Rewrites a message so every placeholder names the local it reads: returns the new
/// literal (with the original's span), the fields to bind, and the `, name = value`
/// arguments of `write!` (a field's binding, or an argument's expression, spanned as
/// written).
fn rewrite<'v>(
    v: &'v Variant<'_>,
    message: &ast::Message,
    wire: Option<&str>,
) -> (LitStr, Vec<&'v Member>, Code) {
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
                out.push_str(&arg_binding(message, arg));
                if !spec.is_empty() {
                    out.push(':');
                    for part in spec {
                        match part {
                            SpecPart::Text(text) => out.push_str(text),
                            SpecPart::Ref(arg) => {
                                note(arg, true);
                                out.push_str(&arg_binding(message, arg));
                                out.push('$');
                            }
                        }
                    }
                }
                out.push('}');
            }
        }
    }
    let mut members: Vec<&'v Member> = Vec::new();
    let mut args = Code::new();
    for (arg, width) in used {
        if let Some(i) = message.extra(&arg) {
            // An argument is a value already.
            let _ = write!(args.text, ", __api_arg_{i} = ");
            args.paren(|c| {
                c.tokens(&message.args[i].tokens);
            });
            for (field, _) in &message.args[i].fields {
                if let Some(f) = crate::valid::resolve(v, field)
                    && !members.contains(&&f.member)
                {
                    members.push(&f.member);
                }
            }
            continue;
        }
        let Some(field) = crate::valid::resolve(v, &arg) else {
            continue;
        };
        let b = format!("__api_{}", ast::member_name(&field.member));
        // Width and precision arguments must be `usize`, not `&usize`.
        let deref = if width { "*" } else { "" };
        if !members.contains(&&field.member) {
            members.push(&field.member);
        }
        // The value located at the field's type: a field that is not `Display` is
        // reported there, not at the derive.
        let _ = write!(args.text, ", {b} = {deref}");
        match wire {
            // On the wire, a source that is an `ApiError` shows what it would show there
            // (its public text on a 5xx); any other source, its `Display`.
            Some(k) if field.explicit_source() || field.named_source => {
                args.brace(|c| {
                    let _ = write!(
                        c.text,
                        "use {k}::__private::{{WireKind as _, PlainKind as _}}; "
                    );
                    c.paren(|c| {
                        c.text("&").tokens(&binding_at(field));
                    })
                    .text(".__api_wire_kind().shown")
                    .paren(|c| {
                        c.tokens(&binding_at(field));
                    });
                });
            }
            _ => {
                args.tokens(&binding_at(field));
            }
        }
    }
    (LitStr::new(&out, message.span), members, args)
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

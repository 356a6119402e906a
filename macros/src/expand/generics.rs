//! The bounds of a generic type's impls, added for generic fields the way thiserror
//! does (`Display` for interpolated fields, `Error + 'static` for sources, the
//! runtime's traits for marked fields, `ApiError + Catalogued` for transparent ones).

use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::{Ident, Type};

use super::Expand;
use crate::ast::{Mark, Piece, Variant};
use crate::prop;

impl<'m, 'a> Expand<'m, 'a> {
    /// Whether a type mentions a type parameter (and so needs an explicit bound).
    pub(super) fn is_generic(&self, ty: &Type) -> bool {
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
    pub(super) fn where_clause(&self, extra: &[TokenStream]) -> TokenStream {
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

    /// `Self: Debug` for a generic type (the `Error` supertrait needs it).
    pub(super) fn debug_bound(&self) -> Vec<TokenStream> {
        if self.params.is_empty() {
            Vec::new()
        } else {
            let (_, ty_generics, ident) = self.ty_parts();
            vec![quote!(#ident #ty_generics: ::core::fmt::Debug)]
        }
    }

    /// Bounds for generic fields interpolated in messages, by formatting trait.
    pub(super) fn display_bounds(&self) -> Vec<TokenStream> {
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
                let Some(field) = v.resolve(arg) else {
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

    pub(super) fn source_bounds(&self) -> Vec<TokenStream> {
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
            .filter_map(Variant::source_field)
            .filter(|f| self.is_generic(f.ty))
            .map(|f| {
                let ty = prop::option_inner(f.ty).unwrap_or(f.ty);
                quote!(#ty: ::std::error::Error + 'static)
            })
            .chain(delegated)
            .collect()
    }

    /// The transparent fields whose type mentions a type parameter (they need bounds).
    pub(super) fn generic_delegates(&self) -> Vec<&'m Type> {
        self.delegates()
            .into_iter()
            .filter(|(_, f)| self.is_generic(f.ty))
            .map(|(_, f)| f.ty)
            .collect()
    }

    /// The types whose catalogues join the type's own: the transparent fields' types (a
    /// boxed error's catalogue is empty: its codes are not known at compile time).
    pub(super) fn nested_catalogs(&self) -> Vec<&'m Type> {
        self.delegates().into_iter().map(|(_, f)| f.ty).collect()
    }

    pub(super) fn api_bounds(&self) -> Vec<TokenStream> {
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
}

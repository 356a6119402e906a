//! What the derive emits beside its errors: impls with unreachable bodies, so code
//! using the type (`?`, `.code()`, `E::CATALOG`) reports nothing more.

use proc_macro2::TokenStream;
use quote::quote;

use super::Expand;

impl<'m, 'a> Expand<'m, 'a> {
    /// Impls with unreachable bodies, emitted beside the errors so that code using the
    /// type (`?`, `.code()`, `E::CATALOG`) reports nothing more.
    pub(super) fn placeholders(&self) -> TokenStream {
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

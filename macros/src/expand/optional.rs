//! The optional methods, generated only when a variant needs them: `source`, `From`
//! conversions, `retry_after`, details, violations, the declared format.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Member;

use super::code::{Code, SpanOrCallSite as _, binding, binding_at};
use super::{Arm, Expand};
use crate::ast::{self, Field, Mark};
use crate::prop;

impl<'m, 'a> Expand<'m, 'a> {
    pub(super) fn source_fn(&self) -> TokenStream {
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
                    let f = v.source_field()?;
                    let b = binding(&f.member);
                    let span = f.ty.span_or_call_site();
                    let mut body = Code::new();
                    if prop::option_inner(f.ty).is_some() {
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
    pub(super) fn conversions(&self, placeholder: bool) -> Vec<TokenStream> {
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

    /// `declared_format()` from `#[api_error(format = ..)]`: the expression, evaluated
    /// once into a static. A value that is no format is reported on the expression.
    pub(super) fn format_fn(&self) -> TokenStream {
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

    /// The arms of a method that passes one marked field per variant to `callee`
    /// (`callee(field)`); variants without the marked field fall to the method's default.
    pub(super) fn one_field_arms(
        &self,
        marked: fn(&Field<'_>) -> bool,
        callee: &[&str],
    ) -> Vec<Arm<'_>> {
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
    pub(super) fn retry_after_fn(&self) -> Option<TokenStream> {
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
    pub(super) fn details_fns(&self) -> Option<TokenStream> {
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
                        // A name that needs no JSON escaping (checked here) may be
                        // written as it is.
                        let plain = prop::json_plain(&name);
                        let method = if plain {
                            "::DetailVisitor::plain_detail"
                        } else {
                            "::DetailVisitor::detail"
                        };
                        c.text(k).text(method).paren(|c| {
                            c.text("__visitor, ").string(&name).text(", ");
                            if prop::scalar(f.ty) {
                                // A string, integer or `bool`: written without `serde`.
                                c.paren(|c| {
                                    c.text("&")
                                        .text(k)
                                        .text("::__private::DetailArg")
                                        .paren(|c| {
                                            c.tokens(&binding_at(f));
                                        });
                                })
                                .text(".__api_detail()");
                            } else {
                                c.text(k).text("::Detail::new").paren(|c| {
                                    c.tokens(&binding_at(f));
                                });
                            }
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
                #[allow(unused_imports)]
                use #krate::__private::{FastDetail as _, SerdeDetail as _};
                #body
            }
        })
    }

    /// `has_details()` and `visit_details()` of a type with transparent variants: the
    /// `#[detail]` arms (`visits`) and, for each transparent variant, its field's.
    pub(super) fn delegating_details_fns(&self, visits: Vec<Arm<'m>>) -> TokenStream {
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
                #[allow(unused_imports)]
                use #krate::__private::{FastDetail as _, SerdeDetail as _};
                #visit
            }
        }
    }

    /// `violations()`, when a variant has a `#[violations]` field.
    pub(super) fn violations_fn(&self) -> Option<TokenStream> {
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
}

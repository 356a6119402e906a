//! `visit_message_args()`: the values a translation of a message may use.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Member;

use super::code::{Code, binding_at};
use super::{Arm, Expand};
use crate::ast::{Field, Mark, Piece, Variant};
use crate::prop;

impl<'m, 'a> Expand<'m, 'a> {
    /// `visit_message_args()`: for each variant, the fields its message interpolates (by
    /// name, a tuple field as `_0`; never a source, whose text is not the wire's) and its
    /// `#[detail]` fields (by detail name), each name once; a transparent variant its
    /// field's. `None` when no variant has any (the trait's default, the details, is
    /// then nothing either).
    pub(super) fn message_args_fn(&self) -> Option<TokenStream> {
        let k = &self.krate_text;
        let mut arms: Vec<Arm<'m>> = Vec::new();
        for (i, v) in self.input.variants().iter().enumerate() {
            if let Some(f) = v.delegate() {
                let mut body = Code::new();
                body.text(k)
                    .text("::ApiError::visit_message_args")
                    .paren(|c| {
                        c.tokens(&binding_at(f)).text(", __visitor");
                    });
                arms.push((i, vec![&f.member], body));
                continue;
            }
            let mut names: Vec<String> = Vec::new();
            let mut members: Vec<&'m Member> = Vec::new();
            let mut body = Code::new();
            for (name, f, from) in arg_fields(v) {
                if from == From::Placeholder || prop::scalar(f.ty) {
                    push_arg(&mut body, &mut names, &mut members, name, f, k);
                } else {
                    // A detail of another type, not necessarily `Display`: its JSON, as
                    // the wire shows it.
                    body.text(k).text("::__private::detail_arg").paren(|c| {
                        c.text(k).text("::Detail::new").paren(|c| {
                            c.tokens(&binding_at(f));
                        });
                        c.text(", |__arg| __visitor").paren(|c| {
                            c.string(&name).text(", __arg");
                        });
                    });
                    body.text(";");
                    names.push(name);
                    if !members.contains(&&f.member) {
                        members.push(&f.member);
                    }
                }
            }
            if names.is_empty() {
                continue;
            }
            let mut block = Code::new();
            block.brace(|c| {
                c.append(body);
            });
            arms.push((i, members, block));
        }
        if arms.is_empty() {
            return None;
        }
        let krate = &self.krate;
        let body = self.dispatch(arms, Some("{}"));
        Some(quote! {
            fn visit_message_args(
                &self,
                __visitor: &mut dyn ::core::ops::FnMut(&str, #krate::localize::MessageArg<'_>),
            ) {
                #[allow(unused_imports)]
                use #krate::__private::{DisplayArg as _, FastArg as _, NoArg as _};
                #body
            }
        })
    }
}

/// Where an argument comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum From {
    /// A field the message interpolates.
    Placeholder,
    /// A `#[detail]` field (that the message does not interpolate under that name).
    Detail,
}

/// The arguments of a variant, each name once: the fields its message interpolates (by
/// name, a tuple field as `_0`; never a source, whose text is not the wire's, nor one
/// written with a spec such as `{x:?}`), then its
/// `#[detail]` fields (by detail name). What `visit_message_args` reports and the
/// catalogue lists.
pub(super) fn arg_fields<'v, 'a>(v: &'v Variant<'a>) -> Vec<(String, &'v Field<'a>, From)> {
    let mut out: Vec<(String, &'v Field<'a>, From)> = Vec::new();
    if let Some(message) = &v.message {
        for piece in &message.pieces {
            let Piece::Arg { arg, spec, trait_ } = piece else {
                continue;
            };
            // A placeholder with a spec (`{x:?}`, `{x:>8}`) shows a text of its own: not
            // a value to translate.
            if !spec.is_empty() || !trait_.is_empty() {
                continue;
            }
            let Some(field) = v.resolve(arg) else {
                continue;
            };
            if field.explicit_source() || field.named_source {
                continue;
            }
            let name = match &field.member {
                Member::Named(_) => field.name(),
                Member::Unnamed(index) => format!("_{}", index.index),
            };
            if !out.iter().any(|(n, _, _)| *n == name) {
                out.push((name, field, From::Placeholder));
            }
        }
    }
    for f in v.fields.iter().filter(|f| f.has(Mark::Detail)) {
        let name = f
            .detail()
            .and_then(|d| d.detail_name.as_ref())
            .map_or_else(|| f.name(), |s| s.value.clone());
        if !out.iter().any(|(n, _, _)| *n == name) {
            out.push((name, f, From::Detail));
        }
    }
    out
}

/// `if let Some(__arg) = (&&&MsgArg(field)).__api_arg() { __visitor("name", __arg); }`,
/// once per name: a string, number or `bool` as itself, any other `Display` by its text
/// (a type of no `Display` is skipped: the message reports it).
fn push_arg<'m>(
    body: &mut Code,
    names: &mut Vec<String>,
    members: &mut Vec<&'m Member>,
    name: String,
    f: &'m Field<'_>,
    k: &str,
) {
    if names.contains(&name) {
        return;
    }
    body.text("if let ::core::option::Option::Some(__arg) = ")
        .paren(|c| {
            c.text("&&&")
                .text(k)
                .text("::__private::MsgArg")
                .paren(|c| {
                    c.tokens(&binding_at(f));
                });
        })
        .text(".__api_arg()")
        .brace(|c| {
            c.text("__visitor").paren(|c| {
                c.string(&name).text(", __arg");
            });
            c.text(";");
        });
    names.push(name);
    if !members.contains(&&f.member) {
        members.push(&f.member);
    }
}

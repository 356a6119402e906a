//! `Display` and `fmt_wire`: each message rewritten to name the locals its placeholders
//! read (fields, and the arguments after the format string), a function message
//! called, a transparent variant writing its field's.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{LitStr, Member};

use super::code::{Code, binding_at};
use super::{Arm, Expand};
use crate::ast::{self, Arg, Piece, SpecPart, Variant};
use crate::prop;

impl<'m, 'a> Expand<'m, 'a> {
    /// `Display`: `write_str` of a fixed text (a message without placeholders, or the doc
    /// comment), else `write!` of the message rewritten to name the bound fields.
    pub(super) fn display_body(&self) -> TokenStream {
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

    /// `fmt_wire()`, the message as the wire shows it, when it differs from `Display`:
    /// a transparent variant's is its field's, and a message interpolating a source
    /// shows the source's wire text (its public text when it is a 5xx `ApiError`),
    /// unless the variant says `expose = "all"`.
    pub(super) fn wire_fn(&self) -> Option<TokenStream> {
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
                    if v.resolve(arg)
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
}

impl<'m, 'a> Expand<'m, 'a> {
    /// `write_wire_text()`, the wire text written straight into a JSON string, for the
    /// variants where that can skip `fmt`: a fixed text, or a message whose placeholders
    /// are all plain `{field}` of a string, integer or `bool` field (no spec, no argument
    /// expression, no source); a transparent variant writes its field's. Every other
    /// variant formats its `fmt_wire` (the trait's default).
    pub(super) fn wire_text_fn(&self) -> Option<TokenStream> {
        let k = &self.krate_text;
        let mut arms: Vec<Arm<'m>> = Vec::new();
        for (i, v) in self.input.variants().iter().enumerate() {
            let mut body = Code::new();
            if let Some(f) = v.delegate() {
                body.text(k).text("::ApiError::write_wire_text").paren(|c| {
                    c.tokens(&binding_at(f)).text(", __text");
                });
                arms.push((i, vec![&f.member], body));
                continue;
            }
            let members = match &v.message {
                None => {
                    text_piece(&mut body, v.doc.as_deref().unwrap_or_default());
                    Vec::new()
                }
                Some(message) if message.function.is_none() && message.args.is_empty() => {
                    let Some(members) = fast_pieces(&mut body, v, message, k) else {
                        continue;
                    };
                    members
                }
                Some(_) => continue,
            };
            body.text("::core::result::Result::Ok(())");
            let mut block = Code::new();
            block.brace(|c| {
                c.append(body);
            });
            arms.push((i, members, block));
        }
        if arms.is_empty() {
            return None;
        }
        let fallback = format!("{k}::__private::wire_text(self, __text)");
        let body = self.dispatch(arms, Some(&fallback));
        let krate = &self.krate;
        Some(quote! {
            fn write_wire_text(
                &self,
                __text: &mut #krate::format::JsonText<'_>,
            ) -> ::core::fmt::Result {
                #[allow(unused_imports)]
                use #krate::__private::{DisplayText as _, FastText as _};
                #body
            }
        })
    }
}

/// Writes a variant's message pieces, or `None` when one of them needs `fmt`.
fn fast_pieces<'v>(
    body: &mut Code,
    v: &'v Variant<'_>,
    message: &ast::Message,
    k: &str,
) -> Option<Vec<&'v Member>> {
    let mut members: Vec<&'v Member> = Vec::new();
    for piece in &message.pieces {
        match piece {
            Piece::Text(text) => text_piece(body, text),
            Piece::Arg { arg, spec, trait_ } => {
                let field = v.resolve(arg)?;
                if !spec.is_empty()
                    || !trait_.is_empty()
                    || field.explicit_source()
                    || field.named_source
                    || !prop::scalar(field.ty)
                {
                    return None;
                }
                if !members.contains(&&field.member) {
                    members.push(&field.member);
                }
                body.paren(|c| {
                    c.text("&").text(k).text("::__private::TextArg").paren(|c| {
                        c.tokens(&binding_at(field));
                    });
                })
                .text(".__api_text(__text)?;");
            }
        }
    }
    Some(members)
}

/// `__text.plain("..")?;` for a text that needs no JSON escaping (checked here, at
/// compile time), else `__text.str("..")?;`.
fn text_piece(body: &mut Code, text: &str) {
    if text.is_empty() {
        return;
    }
    let plain = prop::json_plain(text);
    body.text(if plain {
        "__text.plain("
    } else {
        "__text.str("
    })
    .string(text)
    .text(")?;");
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
                if let Some(f) = v.resolve(field)
                    && !members.contains(&&f.member)
                {
                    members.push(&f.member);
                }
            }
            continue;
        }
        let Some(field) = v.resolve(&arg) else {
            continue;
        };
        let b = format!("__api_{}", prop::member_name(&field.member));
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

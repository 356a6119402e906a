//! The writer of generated code ([`Code`]): source text lexed by the compiler in one call
//! per run, spanned tokens spliced in between; and the locals fields are bound to.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::{Ident, Member, Type};

use crate::ast::Field;
use crate::prop;

/// Generated code: source text (whole tokens, balanced delimiters), lexed into tokens by
/// the compiler once per run, with spanned tokens and groups holding them spliced in
/// between runs.
#[derive(Default)]
pub(super) struct Code {
    /// Lexed so far.
    tokens: TokenStream,
    /// Text after `tokens`, not lexed yet.
    pub(super) text: String,
}

impl Code {
    pub(super) fn new() -> Self {
        Self::default()
    }

    /// Appends source text.
    pub(super) fn text(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends `value` as a string literal.
    pub(super) fn string(&mut self, value: &str) -> &mut Self {
        self.text.push('"');
        let _ = write!(self.text, "{}", value.escape_default());
        self.text.push_str("\" ");
        self
    }

    /// Appends a number (an unsuffixed integer literal).
    pub(super) fn number(&mut self, n: usize) -> &mut Self {
        let _ = write!(self.text, "{n} ");
        self
    }

    /// Appends tokens as they are (with their spans).
    pub(super) fn tokens(&mut self, tokens: &impl ToTokens) -> &mut Self {
        self.flush();
        tokens.to_tokens(&mut self.tokens);
        self
    }

    /// Appends a `( .. )` group written by `inner`.
    pub(super) fn paren(&mut self, inner: impl FnOnce(&mut Code)) -> &mut Self {
        self.group(Delimiter::Parenthesis, inner)
    }

    /// Appends a `{ .. }` group written by `inner`.
    pub(super) fn brace(&mut self, inner: impl FnOnce(&mut Code)) -> &mut Self {
        self.group(Delimiter::Brace, inner)
    }

    pub(super) fn group(
        &mut self,
        delimiter: Delimiter,
        inner: impl FnOnce(&mut Code),
    ) -> &mut Self {
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
    pub(super) fn append(&mut self, other: Code) -> &mut Self {
        if !other.tokens.is_empty() {
            self.flush();
            // Whole streams, not tree by tree.
            self.tokens.extend([other.tokens]);
        }
        self.text.push_str(&other.text);
        self
    }

    /// Lexes the pending text.
    pub(super) fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        // As a whole stream: extending with its trees would walk them one by one.
        self.tokens.extend([lex(&self.text)]);
        self.text.clear();
    }

    pub(super) fn finish(mut self) -> TokenStream {
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

/// The local a field is bound to in a `match` arm.
pub(super) fn binding(member: &Member) -> Ident {
    format_ident!("__api_{}", prop::member_name(member))
}

/// The same local, pointing at the field's type in diagnostics (an unmet trait bound of
/// a `#[status]`, `#[retry_after]`, `#[detail]` or `#[violations]` field is reported there).
pub(super) fn binding_at(field: &Field<'_>) -> Ident {
    Ident::new(
        &format!("__api_{}", prop::member_name(&field.member)),
        field.ty.span_or_call_site(),
    )
}

/// The span of a type, for generated code that should point at it.
pub(super) trait SpanOrCallSite {
    fn span_or_call_site(&self) -> Span;
}

impl SpanOrCallSite for Type {
    fn span_or_call_site(&self) -> Span {
        // Resolve in the call-site context (the local is generated) but point at the type.
        Span::call_site().located_at(syn::spanned::Spanned::span(self))
    }
}

//! `#[message(..)]`: its format string (split into text and placeholders, as `format!`
//! reads it), the arguments after it, or `fmt = path`.

use darling::error::Accumulator;
use proc_macro2::{Span, TokenTree};
use syn::spanned::Spanned;
use syn::{Attribute, Ident, LitStr, Meta};

use super::{Str, error, plain_tokens, unraw};

/// `#[message(..)]`: a format string with its extra arguments, or a function.
pub(crate) enum MessageAttr {
    /// `#[message("{} items", .0.len())]`.
    Format {
        /// The format string.
        text: Str,
        /// The arguments after it.
        args: Vec<FmtArg>,
    },
    /// `#[message(fmt = path::to::function)]`: called with a reference to each field,
    /// in declaration order, then the `Formatter`.
    Function(syn::Path),
}

/// An argument after a message's format string: `expr` (taken by `{}` in order) or
/// `name = expr` (taken by `{name}`), with `.field` / `.0` naming the variant's fields.
pub(crate) struct FmtArg {
    /// `name` of `name = expr`.
    pub name: Option<Ident>,
    /// The expression, each `.field` replaced by the local its field is bound to.
    pub tokens: proc_macro2::TokenStream,
    /// The fields it reads (`.field`), where each is written.
    pub fields: Vec<(Arg, Span)>,
    /// The whole argument.
    pub span: Span,
}

const MESSAGE_USAGE: &str = "#[message(\"room {room_id} is closed\")]";

/// Reads one `#[message(..)]`.
pub(crate) fn message(attr: &Attribute, errors: &mut Accumulator) -> Option<MessageAttr> {
    if let Some(plain) = plain_message(attr) {
        return Some(MessageAttr::Format {
            text: plain,
            args: Vec::new(),
        });
    }
    let Meta::List(list) = &attr.meta else {
        errors.push(error(
            attr.meta.span(),
            format!("`#[message]` needs a format string: write `{MESSAGE_USAGE}`"),
        ));
        return None;
    };
    let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
    match tokens.as_slice() {
        [] => {
            errors.push(error(
                list.span(),
                format!("`#[message]` needs a format string: write `{MESSAGE_USAGE}`"),
            ));
            None
        }
        [TokenTree::Ident(key), TokenTree::Punct(eq), path @ ..]
            if key == "fmt" && eq.as_char() == '=' =>
        {
            let path: proc_macro2::TokenStream = path.iter().cloned().collect();
            match syn::parse2::<syn::Path>(path) {
                Ok(path) => Some(MessageAttr::Function(path)),
                Err(_) => {
                    errors.push(error(
                        key.span(),
                        "`fmt = ..` names a function writing the message: write `#[message(fmt = path::to::function)]`, a `fn(&Field1, .., &mut Formatter) -> fmt::Result`",
                    ));
                    None
                }
            }
        }
        [TokenTree::Ident(word)] if word == "transparent" => {
            errors.push(error(
                word.span(),
                "a transparent variant is declared on its code: write `#[code(transparent)]` (it takes the message, code and status from the field) and remove this `#[message]`",
            ));
            None
        }
        [first, rest @ ..] => {
            let Ok(lit) = syn::parse2::<LitStr>(first.clone().into()) else {
                errors.push(error(
                    first.span(),
                    format!("`#[message]` takes a string literal first: write `{MESSAGE_USAGE}`"),
                ));
                return None;
            };
            let args = match rest.split_first() {
                None => Vec::new(),
                Some((TokenTree::Punct(comma), rest)) if comma.as_char() == ',' => {
                    fmt_args(rest, errors)
                }
                Some((other, _)) => {
                    errors.push(error(
                        other.span(),
                        "expected `,` after the format string: write arguments as `#[message(\"{} items\", .0.len())]`",
                    ));
                    return None;
                }
            };
            Some(MessageAttr::Format {
                text: Str::new(&lit),
                args,
            })
        }
    }
}

/// The comma-separated arguments after a format string.
fn fmt_args(tokens: &[TokenTree], errors: &mut Accumulator) -> Vec<FmtArg> {
    let mut out = Vec::new();
    for chunk in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        let Some(first) = chunk.first() else {
            // A trailing comma, or `,,`.
            continue;
        };
        let span = first.span();
        let (name, expr) = match chunk {
            [TokenTree::Ident(name), TokenTree::Punct(eq), expr @ ..]
                if eq.as_char() == '='
                    && eq.spacing() == proc_macro2::Spacing::Alone
                    && !expr.is_empty() =>
            {
                (Some(name.clone()), expr)
            }
            _ => (None, chunk),
        };
        let mut fields = Vec::new();
        let tokens = shorthand(expr.iter().cloned().collect(), &mut fields);
        if tokens.is_empty() {
            errors.push(error(span, "an empty message argument: remove the comma"));
            continue;
        }
        out.push(FmtArg {
            name,
            tokens,
            fields,
            span,
        });
    }
    out
}

/// Replaces each `.field` / `.0` that starts an operand (not `a.b`) with the local the
/// field is bound to (`__api_field`), noting the fields read.
fn shorthand(
    tokens: proc_macro2::TokenStream,
    fields: &mut Vec<(Arg, Span)>,
) -> proc_macro2::TokenStream {
    const NOT_OPERANDS: &[&str] = &["if", "match", "return", "else", "in", "while", "let"];
    let mut out = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    let mut after_operand = false;
    while let Some(tt) = iter.next() {
        if let TokenTree::Punct(dot) = &tt
            && dot.as_char() == '.'
            && !after_operand
        {
            let field = match iter.peek() {
                Some(TokenTree::Ident(ident)) => Some((Arg::Named(unraw(ident)), ident.span())),
                Some(TokenTree::Literal(lit)) => {
                    let repr = lit.to_string();
                    repr.parse::<usize>()
                        .ok()
                        .filter(|_| repr.bytes().all(|b| b.is_ascii_digit()))
                        .map(|i| (Arg::Index(i), lit.span()))
                }
                _ => None,
            };
            if let Some((arg, span)) = field {
                iter.next();
                let local = Ident::new(&format!("__api_{}", arg.display()), span);
                fields.push((arg, dot.span()));
                out.push(TokenTree::Ident(local));
                after_operand = true;
                continue;
            }
        }
        after_operand = match &tt {
            TokenTree::Ident(ident) => !NOT_OPERANDS.iter().any(|k| ident == k),
            TokenTree::Literal(_) | TokenTree::Group(_) => true,
            TokenTree::Punct(p) => p.as_char() == '?',
        };
        let tt = match tt {
            TokenTree::Group(group) => {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), shorthand(group.stream(), fields));
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other,
        };
        out.push(tt);
    }
    out.into_iter().collect()
}

/// `#[message("...")]` read token by token (one plain string, an optional trailing comma);
/// `None` for anything else, which [`message`] reads and reports.
fn plain_message(attr: &Attribute) -> Option<Str> {
    match plain_tokens(attr)?.as_slice() {
        [lit] => Str::from_token(lit),
        [lit, TokenTree::Punct(comma)] if comma.as_char() == ',' => Str::from_token(lit),
        _ => None,
    }
}

/// One piece of a message.
pub(crate) enum Piece {
    /// Literal text (unescaped).
    Text(String),
    /// `{arg:spec}`.
    Arg {
        /// The field named.
        arg: Arg,
        /// The spec after `:`, as pieces so `width$` arguments can be renamed.
        spec: Vec<SpecPart>,
        /// The formatting trait (`""`, `"?"`, `"x"`, ...).
        trait_: String,
    },
}

/// A part of a format spec.
pub(crate) enum SpecPart {
    /// Text kept as is.
    Text(String),
    /// `name$` or `0$`: a field giving a width or precision.
    Ref(Arg),
}

/// What a placeholder names.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Arg {
    /// `{room_id}` (raw prefix removed): a named argument after the format string, else
    /// the field.
    Named(String),
    /// `{0}`: the field.
    Index(usize),
    /// `{}`: the next positional argument after the format string (its position).
    Positional(usize),
}

impl Arg {
    /// As written in the message.
    pub(crate) fn display(&self) -> String {
        match self {
            Arg::Named(name) => name.clone(),
            Arg::Index(i) => i.to_string(),
            Arg::Positional(_) => String::new(),
        }
    }
}

/// Parses a format string in the syntax of `format!`, with every argument naming a field.
pub(crate) fn parse_format(s: &str) -> Result<Vec<Piece>, String> {
    let mut positional = 0;
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|p| p.1) == Some('{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek().map(|p| p.1) == Some('}') => {
                chars.next();
                text.push('}');
            }
            '}' => {
                return Err(
                    "invalid message: unmatched `}`; write `}}` for a literal brace".into(),
                );
            }
            '{' => {
                let mut inner = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    inner.push(c);
                }
                if !closed {
                    return Err(
                        "invalid message: unmatched `{`; close the placeholder with `}` or write `{{` for a literal brace"
                            .into(),
                    );
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                let piece = placeholder(&inner, positional)?;
                if let Piece::Arg {
                    arg: Arg::Positional(_),
                    ..
                } = piece
                {
                    positional += 1;
                }
                pieces.push(piece);
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// Parses the inside of `{..}`.
fn placeholder(inner: &str, positional: usize) -> Result<Piece, String> {
    let (name, spec) = match inner.find(':') {
        Some(i) => (&inner[..i], Some(&inner[i + 1..])),
        None => (inner, None),
    };
    let implicit = name.is_empty().then_some(Arg::Positional(positional));
    let arg = implicit.or_else(|| arg(name)).ok_or_else(|| {
        if name.trim().is_empty() {
            format!(
                "`{{{inner}}}` names no field: messages interpolate fields by name or position, as in `{{room_id}}` or `{{0}}`"
            )
        } else {
            format!(
                "`{{{inner}}}` is not a valid placeholder: name a field, as in `{{room_id}}`, `{{0}}` or `{{count:>5}}`"
            )
        }
    })?;
    let mut parts = Vec::new();
    let mut trait_ = String::new();
    if let Some(spec) = spec {
        if spec.contains(".*") {
            return Err(format!(
                "`{{{inner}}}`: `.*` precision takes an extra argument, which messages cannot pass; name a field instead, as in `{{value:.prec$}}`"
            ));
        }
        let (parts_, t) = spec_parts(spec)?;
        parts = parts_;
        trait_ = t;
    }
    Ok(Piece::Arg {
        arg,
        spec: parts,
        trait_,
    })
}

/// A placeholder's argument: `room_id`, `r#type` or `0`.
fn arg(name: &str) -> Option<Arg> {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        return name.parse().ok().map(Arg::Index);
    }
    let bare = name.strip_prefix("r#").unwrap_or(name);
    let mut chars = bare.chars();
    let first = chars.next()?;
    if (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && bare != "_"
    {
        Some(Arg::Named(bare.to_owned()))
    } else {
        None
    }
}

/// Splits a spec into text and `name$` references, and finds its formatting trait.
fn spec_parts(spec: &str) -> Result<(Vec<SpecPart>, String), String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    // The first character may be a fill character (anything, even `$`) when followed by
    // an alignment.
    if chars.len() >= 2 && matches!(chars[1], '<' | '^' | '>') {
        text.push(chars[0]);
        text.push(chars[1]);
        i = 2;
    }
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if i < chars.len() && chars[i] == '$' {
                let arg = arg(&word).ok_or_else(|| {
                    format!(
                        "`{word}$` in a message must name a field giving the width or precision"
                    )
                })?;
                if !text.is_empty() {
                    parts.push(SpecPart::Text(std::mem::take(&mut text)));
                }
                parts.push(SpecPart::Ref(arg));
                i += 1;
            } else {
                text.push_str(&word);
            }
        } else {
            text.push(c);
            i += 1;
        }
    }
    // The trait is what trails the last digit/`$`/`.`: `?`, `x?`, `x`, `e`, ... or nothing.
    let trait_: String = {
        let all: String = parts
            .iter()
            .map(|p| match p {
                SpecPart::Text(t) => t.as_str(),
                SpecPart::Ref(_) => "$",
            })
            .chain(std::iter::once(text.as_str()))
            .collect();
        let skip_fill = if all
            .chars()
            .nth(1)
            .is_some_and(|c| matches!(c, '<' | '^' | '>'))
        {
            2
        } else {
            0
        };
        let body: String = all.chars().skip(skip_fill).collect();
        body.trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '<' | '^' | '>' | '+' | '-' | '#' | '.' | '$')
        })
        .to_owned()
    };
    if !text.is_empty() {
        parts.push(SpecPart::Text(text));
    }
    Ok((parts, trait_))
}

//! What the model says about itself, asked by the rules (`valid.rs`) and the expansion
//! alike: a variant's code in effect, its transparent field, its statuses, the field a
//! placeholder names, its source; a field's marks; a message's arguments.

use proc_macro2::Span;
use syn::{Member, Type};

use crate::ast::{Arg, Field, Mark, Marked, Message, Piece, Variant, unraw};
use crate::attr::CodeAttr;

impl<'a> Variant<'a> {
    /// The first `#[code]`, the one in effect.
    pub(crate) fn code(&self) -> Option<&CodeAttr> {
        self.codes.first()
    }

    /// `#[code(transparent)]`: where it is written.
    pub(crate) fn transparent(&self) -> Option<Span> {
        self.code().and_then(|c| c.transparent)
    }

    /// The field a transparent variant delegates to (its only one).
    pub(crate) fn delegate(&self) -> Option<&Field<'a>> {
        match self.fields.as_slice() {
            [only] if self.transparent().is_some() => Some(only),
            _ => None,
        }
    }

    /// The catalogue meaning: `#[code(meaning = "..")]`, else the doc comment, else `""`.
    pub(crate) fn meaning(&self) -> &str {
        self.code()
            .and_then(|c| c.meaning.as_ref())
            .map(|m| m.value.as_str())
            .or(self.doc.as_deref())
            .unwrap_or("")
    }

    /// The statuses of a variant's code, as numbers.
    pub(crate) fn statuses(&self) -> Vec<u16> {
        self.code()
            .and_then(|c| c.statuses.as_ref())
            .map(|s| {
                s.list
                    .iter()
                    .map(|s| u16::try_from(s.value).unwrap_or(500))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `status()` reads the variant's status from a `#[status]` field (when its
    /// code declares several).
    pub(crate) fn status_from_field(&self) -> Option<&Field<'a>> {
        let f = self.fields.iter().find(|f| f.has(Mark::Status))?;
        (self.statuses().len() > 1).then_some(f)
    }

    /// The field `Error::source` returns: `#[source]` / `#[from]`, else one named `source`.
    pub(crate) fn source_field(&self) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|f| f.explicit_source())
            .or_else(|| self.fields.iter().find(|f| f.named_source))
    }

    /// The field a placeholder names (`None` for an argument after the format string).
    pub(crate) fn resolve(&self, arg: &Arg) -> Option<&Field<'a>> {
        if let Some(message) = &self.message
            && message.extra(arg).is_some()
        {
            return None;
        }
        self.fields.iter().find(|f| match (arg, &f.member) {
            (Arg::Named(name), syn::Member::Named(ident)) => crate::ast::unraw(ident) == *name,
            (Arg::Index(i), syn::Member::Unnamed(index)) => index.index as usize == *i,
            _ => false,
        })
    }
}

impl Field<'_> {
    /// Its name for messages: `room_id` or `0`.
    pub(crate) fn name(&self) -> String {
        member_name(&self.member)
    }

    /// Where each `mark` is written on it.
    pub(crate) fn spans(&self, mark: Mark) -> impl Iterator<Item = Span> + '_ {
        self.marks
            .iter()
            .filter(move |m| m.mark == mark)
            .map(|m| m.span)
    }

    /// Where the first `mark` is written, if it is.
    pub(crate) fn first(&self, mark: Mark) -> Option<Span> {
        self.spans(mark).next()
    }

    /// Whether `mark` is on it.
    pub(crate) fn has(&self, mark: Mark) -> bool {
        self.first(mark).is_some()
    }

    /// Its first `#[detail]`.
    pub(crate) fn detail(&self) -> Option<&Marked> {
        self.marks.iter().find(|m| m.mark == Mark::Detail)
    }

    /// Whether an explicit `#[source]` or `#[from]` marks it.
    pub(crate) fn explicit_source(&self) -> bool {
        self.has(Mark::Source) || self.has(Mark::From)
    }
}

impl Message {
    /// The argument after the format string a placeholder takes (its position in
    /// `args`): `{}` by order, `{name}` by name; `None` for a field.
    pub(crate) fn extra(&self, arg: &Arg) -> Option<usize> {
        match arg {
            Arg::Positional(n) => self
                .args
                .iter()
                .enumerate()
                .filter(|(_, a)| a.name.is_none())
                .nth(*n)
                .map(|(i, _)| i),
            Arg::Named(name) => self
                .args
                .iter()
                .position(|a| a.name.as_ref().is_some_and(|n| unraw(n) == *name)),
            Arg::Index(_) => None,
        }
    }

    /// The text of a message without placeholders (`{{` and `}}` unescaped).
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if let Piece::Text(text) = piece {
                out.push_str(text);
            }
        }
        out
    }
}

/// `T` of `Option<T>` (also written `std::option::Option<T>` / `core::option::Option<T>`).
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(tp) = ty else {
        return match ty {
            Type::Group(g) => option_inner(&g.elem),
            Type::Paren(p) => option_inner(&p.elem),
            _ => None,
        };
    };
    if tp.qself.is_some() {
        return None;
    }
    let names: Vec<String> = tp
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if !matches!(
        names.as_slice(),
        ["Option"] | ["std" | "core", "option", "Option"]
    ) {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &tp.path.segments.last()?.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// Whether a field of type `ty` is a string, an integer (at most 64 bits) or a `bool` as
/// written: `String`, `&str`, `Box<str>`, `Arc<str>`, `Rc<str>`, `Cow<'_, str>`, `u8` to
/// `u64`, `usize`, `i8` to `i64`, `isize`, `bool`. The expansion writes such a field into
/// the body without `fmt` or `serde`; the runtime picks that path by the real type
/// (autoref), so a type alias that happens to be named `String` still gets its own
/// `Display` and `Serialize`.
pub(crate) fn scalar(ty: &Type) -> bool {
    match ty {
        Type::Group(g) => scalar(&g.elem),
        Type::Paren(p) => scalar(&p.elem),
        Type::Reference(r) => r.mutability.is_none() && is_path(&r.elem, "str"),
        Type::Path(tp) if tp.qself.is_none() => {
            let Some(last) = tp.path.segments.last() else {
                return false;
            };
            let name = last.ident.to_string();
            match &last.arguments {
                syn::PathArguments::None => matches!(
                    name.as_str(),
                    "String"
                        | "u8"
                        | "u16"
                        | "u32"
                        | "u64"
                        | "usize"
                        | "i8"
                        | "i16"
                        | "i32"
                        | "i64"
                        | "isize"
                        | "bool"
                ),
                syn::PathArguments::AngleBracketed(args) => {
                    let types: Vec<&Type> = args
                        .args
                        .iter()
                        .filter_map(|a| match a {
                            syn::GenericArgument::Type(t) => Some(t),
                            _ => None,
                        })
                        .collect();
                    matches!(name.as_str(), "Box" | "Arc" | "Rc" | "Cow")
                        && matches!(types.as_slice(), [t] if is_path(t, "str"))
                }
                syn::PathArguments::Parenthesized(_) => false,
            }
        }
        _ => false,
    }
}

/// Whether `text` can go into a JSON string as it is: no control character, `"` or `\`
/// (the runtime's escaper leaves every other character alone).
pub(crate) fn json_plain(text: &str) -> bool {
    !text.chars().any(|c| c < ' ' || c == '"' || c == '\\')
}

/// Whether `ty` is the one-segment path `name`.
fn is_path(ty: &Type, name: &str) -> bool {
    match ty {
        Type::Path(tp) => tp.qself.is_none() && tp.path.is_ident(name),
        Type::Group(g) => is_path(&g.elem, name),
        _ => false,
    }
}

/// `room_id` (raw prefix removed) or `0`.
pub(crate) fn member_name(member: &Member) -> String {
    match member {
        Member::Named(ident) => unraw(ident),
        Member::Unnamed(index) => index.index.to_string(),
    }
}

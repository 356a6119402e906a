//! The model of one `#[derive(ApiError)]` input: the container, its variants (a struct is
//! one variant), their fields and attributes. Every node keeps the span errors point at.
//!
//! Building the model reads the attributes (`attr.rs`) and splits `#[message]` format
//! strings into pieces; it never fails as a whole: problems are pushed into the
//! accumulator and the node is kept with what could be read.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Generics, Ident, Lit, Member, Type};

use crate::attr::{
    self, CONTAINER_ATTRS, CodeAttr, ContainerAttr, DetailAttr, FIELD_ATTRS, Str, VARIANT_ATTRS,
    error,
};

/// The whole input.
pub(crate) struct Input<'a> {
    /// The type's name.
    pub ident: &'a Ident,
    /// The type's generics.
    pub generics: &'a Generics,
    /// `#[api_error(..)]`.
    pub attrs: ContainerAttr,
    /// Its shape.
    pub shape: Shape<'a>,
}

/// Enum, struct, or (rejected) union.
pub(crate) enum Shape<'a> {
    /// One code per variant.
    Enum(Vec<Variant<'a>>),
    /// One code for the type.
    Struct(Variant<'a>),
    /// Rejected in `valid.rs`; kept for the placeholder impls.
    Union(Span),
}

/// A variant, or a struct seen as its only variant.
pub(crate) struct Variant<'a> {
    /// Its name (the struct's name for a struct).
    pub ident: &'a Ident,
    /// Whether this is a struct (patterns use `Self` rather than `Self::Variant`).
    pub is_struct: bool,
    /// Whether the fields are named.
    pub named: bool,
    /// Every `#[code]` on it (exactly one is valid).
    pub codes: Vec<CodeAttr>,
    /// `#[message]`, parsed.
    pub message: Option<Message>,
    /// Spans of `#[message]`s after the first (rejected).
    pub extra_messages: Vec<Span>,
    /// Whether a `#[message]` was written, even a malformed one.
    pub message_written: bool,
    /// The first paragraph of the doc comment, its lines trimmed and joined with spaces
    /// (`None` when absent or blank).
    pub doc: Option<String>,
    /// Its fields.
    pub fields: Vec<Field<'a>>,
    /// A thiserror attribute was written on it (`#[error(..)]`, or `#[status(..)]` for the
    /// code's status), already reported: the errors it would cause are not.
    pub habit: Habit,
}

/// A mistake from another crate's habits, already reported on the variant.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Habit {
    /// `#[error("..")]`: its message is not missing.
    pub message: bool,
    /// `#[error(transparent)]`: its code is not missing.
    pub code: bool,
    /// `#[status(..)]` on the variant: its status is not missing.
    pub status: bool,
}

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
}

/// A field and its attributes.
pub(crate) struct Field<'a> {
    /// `name` or `0`.
    pub member: Member,
    /// Its type.
    pub ty: &'a Type,
    /// `#[source]` (or `#[from]`), each occurrence.
    pub source: Vec<Span>,
    /// Whether it is named `source` (an implicit source).
    pub named_source: bool,
    /// `#[from]`, each occurrence.
    pub from: Vec<Span>,
    /// `#[retry_after]`, each occurrence.
    pub retry_after: Vec<Span>,
    /// `#[detail]`, each occurrence.
    pub detail: Vec<DetailAttr>,
    /// `#[violations]`, each occurrence.
    pub violations: Vec<Span>,
    /// `#[status]`, each occurrence.
    pub status: Vec<Span>,
}

impl Field<'_> {
    /// Its name for messages: `room_id` or `0`.
    pub(crate) fn name(&self) -> String {
        member_name(&self.member)
    }

    /// Whether an explicit `#[source]` or `#[from]` marks it.
    pub(crate) fn explicit_source(&self) -> bool {
        !self.source.is_empty() || !self.from.is_empty()
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

/// `room_id` (raw prefix removed) or `0`.
pub(crate) fn member_name(member: &Member) -> String {
    match member {
        Member::Named(ident) => unraw(ident),
        Member::Unnamed(index) => index.index.to_string(),
    }
}

/// An identifier without its `r#` prefix.
pub(crate) fn unraw(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#")
        .map_or_else(|| s.clone(), str::to_owned)
}

/// A parsed `#[message]`.
pub(crate) struct Message {
    /// The literal's span (the path's, for a function).
    pub span: Span,
    /// Whether it has no placeholder nor argument (its text is [`Message::text`]).
    pub plain: bool,
    /// Text and placeholders, in order (none for a function).
    pub pieces: Vec<Piece>,
    /// The arguments after the format string.
    pub args: Vec<attr::FmtArg>,
    /// `#[message(fmt = path)]`: the function writing the message.
    pub function: Option<syn::Path>,
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

/// Builds the model. Never fails: errors go to `errors`.
pub(crate) fn input<'a>(node: &'a DeriveInput, errors: &mut Accumulator) -> Input<'a> {
    let attrs = ContainerAttr::parse(&node.attrs, errors);
    let shape = match &node.data {
        Data::Enum(data) => {
            reject_misplaced(&node.attrs, "enum", &[VARIANT_ATTRS, FIELD_ATTRS], errors);
            Shape::Enum(
                data.variants
                    .iter()
                    .map(|v| variant(&v.ident, &v.attrs, &v.fields, false, errors))
                    .collect(),
            )
        }
        Data::Struct(data) => {
            reject_misplaced(&node.attrs, "struct", &[FIELD_ATTRS], errors);
            Shape::Struct(variant(
                &node.ident,
                &node.attrs,
                &data.fields,
                true,
                errors,
            ))
        }
        Data::Union(data) => Shape::Union(data.union_token.span),
    };
    Input {
        ident: &node.ident,
        generics: &node.generics,
        attrs,
        shape,
    }
}

/// Reports derive attributes placed where they do not belong.
fn reject_misplaced(
    attrs: &[Attribute],
    place: &str,
    forbidden: &[&[&str]],
    errors: &mut Accumulator,
) {
    for attr in attrs {
        let Some(ident) = attr.path().get_ident() else {
            continue;
        };
        let name = ident.to_string();
        if !forbidden.iter().any(|group| group.contains(&name.as_str())) {
            continue;
        }
        let fix = if name == "status" && place != "field" {
            "the status of a code is a key of `#[code]`: write `#[code(\"ROOM_FROZEN\", status = 409)]`; `#[status]` marks a field choosing among several declared statuses".to_owned()
        } else if CONTAINER_ATTRS.contains(&name.as_str()) {
            "put it on the enum or struct".to_owned()
        } else if VARIANT_ATTRS.contains(&name.as_str()) {
            if place == "enum" {
                "an enum has one code per variant: put it on each variant".to_owned()
            } else {
                "put it on the variant (or on the struct itself)".to_owned()
            }
        } else {
            "put it on a field".to_owned()
        };
        errors.push(error(
            ident.span(),
            format!(
                "`#[{name}]` does not belong on {} {place}: {fix}",
                if place == "enum" { "an" } else { "a" }
            ),
        ));
    }
}

/// Adds the lines of one `#[doc = ".."]` to `lines`: each trimmed (a blank line is kept
/// as `""`: it ends a paragraph).
fn doc_lines(attr: &Attribute, lines: &mut Vec<String>) {
    let syn::Meta::NameValue(nv) = &attr.meta else {
        return;
    };
    let Expr::Lit(lit) = &nv.value else { return };
    let Lit::Str(s) = &lit.lit else { return };
    let text = attr::str_value(s);
    if text.trim().is_empty() {
        // `///` alone: a paragraph break.
        lines.push(String::new());
        return;
    }
    for line in text.lines() {
        let line = line.trim();
        // Block doc comments often carry a leading `*` on each line.
        let line = line
            .strip_prefix("* ")
            .unwrap_or(if line == "*" { "" } else { line });
        lines.push(line.to_owned());
    }
}

fn variant<'a>(
    ident: &'a Ident,
    attrs: &'a [Attribute],
    fields: &'a Fields,
    is_struct: bool,
    errors: &mut Accumulator,
) -> Variant<'a> {
    let place = if is_struct { "struct" } else { "variant" };
    if !is_struct {
        reject_misplaced(attrs, place, &[CONTAINER_ATTRS, FIELD_ATTRS], errors);
    }
    let mut out = Variant {
        ident,
        is_struct,
        named: matches!(fields, Fields::Named(_)),
        codes: Vec::new(),
        message: None,
        extra_messages: Vec::new(),
        message_written: false,
        doc: None,
        fields: Vec::new(),
        habit: Habit::default(),
    };
    // The doc comment: each line trimmed; its first paragraph joined with spaces.
    let mut doc = Vec::new();
    for attr in attrs {
        let Some(name) = attr.path().get_ident() else {
            continue;
        };
        match name.to_string().as_str() {
            "doc" => doc_lines(attr, &mut doc),
            "code" => out.codes.push(CodeAttr::parse(attr, errors)),
            "error" => {
                errors.push(error(
                    attr::path_span(attr),
                    "`#[error(..)]` is thiserror's attribute: write the message as `#[message(\"...\")]`, and `#[error(transparent)]` as `#[code(transparent)]`",
                ));
                let transparent = matches!(&attr.meta, syn::Meta::List(list)
                    if list.tokens.to_string().trim() == "transparent");
                out.habit.message = true;
                out.habit.code |= transparent;
            }
            "status" => out.habit.status = true,
            "message" => {
                if out.message_written {
                    out.extra_messages.push(attr::path_span(attr));
                    continue;
                }
                out.message_written = true;
                match attr::message(attr, errors) {
                    Some(attr::MessageAttr::Format { text, args }) => {
                        out.message = message(text, args, errors);
                    }
                    Some(attr::MessageAttr::Function(path)) => {
                        out.message = Some(Message {
                            span: syn::spanned::Spanned::span(&path),
                            plain: false,
                            pieces: Vec::new(),
                            args: Vec::new(),
                            function: Some(path),
                        });
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }
    // The first paragraph is the message and the meaning; the rest stays documentation.
    let paragraph: Vec<&str> = doc
        .iter()
        .map(String::as_str)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    if !paragraph.is_empty() {
        out.doc = Some(paragraph.join(" "));
    }
    for (i, f) in fields.iter().enumerate() {
        out.fields.push(field(i, f, errors));
    }
    out
}

fn field<'a>(index: usize, node: &'a syn::Field, errors: &mut Accumulator) -> Field<'a> {
    let member = match &node.ident {
        Some(ident) => Member::Named(ident.clone()),
        // The span is set where the member is written out (`From` impls), only then
        // paying for a type's span.
        None => Member::Unnamed(syn::Index {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            span: Span::call_site(),
        }),
    };
    let named_source = matches!(&member, Member::Named(i) if unraw(i) == "source");
    let mut out = Field {
        member,
        ty: &node.ty,
        source: Vec::new(),
        named_source,
        from: Vec::new(),
        retry_after: Vec::new(),
        detail: Vec::new(),
        violations: Vec::new(),
        status: Vec::new(),
    };
    reject_misplaced(
        &node.attrs,
        "field",
        &[CONTAINER_ATTRS, VARIANT_ATTRS],
        errors,
    );
    for attr in &node.attrs {
        let Some(ident) = attr.path().get_ident() else {
            continue;
        };
        let name = ident.to_string();
        let list = match name.as_str() {
            "source" => &mut out.source,
            "from" => &mut out.from,
            "retry_after" => &mut out.retry_after,
            "violations" => &mut out.violations,
            "status" => &mut out.status,
            "detail" => {
                out.detail.push(DetailAttr::parse(attr, errors));
                continue;
            }
            "error" => {
                errors.push(error(
                    ident.span(),
                    "`#[error(..)]` is thiserror's attribute and means nothing on a field: the variant's message is `#[message(\"...\")]`; remove it",
                ));
                continue;
            }
            _ => continue,
        };
        list.push(attr::field_flag(attr, &name, errors));
    }
    out
}

/// Splits a `#[message]` format string into text and placeholders.
fn message(s: Str, args: Vec<attr::FmtArg>, errors: &mut Accumulator) -> Option<Message> {
    match parse_format(&s.value) {
        Ok(pieces) => Some(Message {
            span: s.span,
            plain: args.is_empty() && pieces.iter().all(|p| matches!(p, Piece::Text(_))),
            pieces,
            args,
            function: None,
        }),
        Err(why) => {
            errors.push(error(s.span(), why));
            None
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

/// How codes are spelled (`#[api_error(convention = "..")]`); mirrors the runtime's
/// `Convention`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Convention {
    /// No convention: any non-empty code of printable ASCII without `"`, `\` or whitespace.
    Any,
    /// `SW_ROOM_FROZEN`.
    ScreamingSnake,
    /// `secret_not_found`.
    SnakeCase,
    /// `auth.token.invalid`, `service.not-ready`, `http.403`.
    Dotted,
}

impl Convention {
    /// The accepted names, as written in `convention = ".."`.
    pub(crate) const NAMES: &'static [&'static str] =
        &["SCREAMING_SNAKE", "snake_case", "dotted", "any"];

    /// The convention of a name.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name {
            "SCREAMING_SNAKE" => Some(Self::ScreamingSnake),
            "snake_case" => Some(Self::SnakeCase),
            "dotted" => Some(Self::Dotted),
            "any" => Some(Self::Any),
            _ => None,
        }
    }

    /// The runtime `Convention` variant.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Self::Any => "Any",
            Self::ScreamingSnake => "ScreamingSnake",
            Self::SnakeCase => "SnakeCase",
            Self::Dotted => "Dotted",
        }
    }
}

impl Input<'_> {
    /// The declared convention (`Any` when absent or misspelled, which `valid.rs` reports).
    pub(crate) fn convention(&self) -> Convention {
        self.attrs
            .convention
            .as_ref()
            .and_then(|s| Convention::from_name(&s.value))
            .unwrap_or(Convention::Any)
    }

    /// The declared prefix (`""` when none).
    pub(crate) fn prefix(&self) -> &str {
        self.attrs.prefix.as_ref().map_or("", |s| s.value.as_str())
    }
}

impl<'a> Input<'a> {
    /// The variants (the struct as its one variant; none for a union).
    pub(crate) fn variants(&self) -> &[Variant<'a>] {
        match &self.shape {
            Shape::Enum(variants) => variants,
            Shape::Struct(variant) => std::slice::from_ref(variant),
            Shape::Union(_) => &[],
        }
    }
}

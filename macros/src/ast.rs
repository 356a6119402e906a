//! The model of one `#[derive(ApiError)]` input: the container, its variants (a struct is
//! one variant), their fields and attributes. Every node keeps the span errors point at.
//!
//! Building the model reads the attributes (`attr/`, which also splits `#[message]`
//! format strings into pieces); it never fails as a whole: problems are pushed into the
//! accumulator and the node is kept with what could be read.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Generics, Ident, Lit, Member, Type};

pub(crate) use crate::attr::message::{Arg, Piece, SpecPart, parse_format};
pub(crate) use crate::attr::unraw;
use crate::attr::{self, CodeAttr, ContainerAttr, DetailAttr, Str, error};
use crate::tables::{CONTAINER_ATTRS, FIELD_ATTRS, HABIT_ATTRS, VARIANT_ATTRS};

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

/// A field and its attributes.
pub(crate) struct Field<'a> {
    /// `name` or `0`.
    pub member: Member,
    /// Its type.
    pub ty: &'a Type,
    /// Whether it is named `source` (an implicit source).
    pub named_source: bool,
    /// Its helper attributes, in the order written.
    pub marks: Vec<Marked>,
}

/// A field's helper attribute, in the order of [`FIELD_ATTRS`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `#[source]`.
    Source,
    /// `#[from]`.
    From,
    /// `#[retry_after]`.
    RetryAfter,
    /// `#[detail]`.
    Detail,
    /// `#[violations]`.
    Violations,
    /// `#[status]`.
    Status,
}

impl Mark {
    /// Every mark, in the order of [`FIELD_ATTRS`].
    pub(crate) const ALL: [Self; 6] = [
        Self::Source,
        Self::From,
        Self::RetryAfter,
        Self::Detail,
        Self::Violations,
        Self::Status,
    ];

    /// Its attribute's name, as [`FIELD_ATTRS`] lists it.
    pub(crate) fn name(self) -> &'static str {
        FIELD_ATTRS[self as usize]
    }

    fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// One helper attribute on a field: which, and where it is written.
pub(crate) struct Marked {
    /// Which attribute.
    pub mark: Mark,
    /// The attribute's name, where errors about it point.
    pub span: Span,
    /// `name = ".."` of `#[detail(name = "..")]`.
    pub detail_name: Option<Str>,
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
            habit if HABIT_ATTRS.contains(&habit) => {
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
                match attr::message::message(attr, errors) {
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
        named_source,
        marks: Vec::new(),
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
        if HABIT_ATTRS.contains(&name.as_str()) {
            errors.push(error(
                ident.span(),
                "`#[error(..)]` is thiserror's attribute and means nothing on a field: the variant's message is `#[message(\"...\")]`; remove it",
            ));
            continue;
        }
        let Some(mark) = Mark::named(&name) else {
            continue;
        };
        out.marks.push(if mark == Mark::Detail {
            let detail = DetailAttr::parse(attr, errors);
            Marked {
                mark,
                span: detail.span,
                detail_name: detail.name,
            }
        } else {
            Marked {
                mark,
                span: attr::field_flag(attr, &name, errors),
                detail_name: None,
            }
        });
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

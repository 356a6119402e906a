//! Messages from Fluent (`.ftl`) files: [`FluentLocalizer`], and the coverage check of a
//! catalogue's translations ([`coverage`], [`assert_covered`]).
//!
//! Each code's message is the Fluent message of its id
//! ([`super::message_id`]: `SW_ROOM_FROZEN` is `sw-room-frozen`), formatted
//! with the error's arguments ([`ApiError::visit_message_args`]): strings as strings,
//! integers and floats as Fluent numbers (so `{ $count -> [one] .. *[other] .. }`
//! chooses by the locale's plural rules), `bool`s as `"true"` / `"false"`.
//!
//! The chain for a locale is RFC 4647 lookup: the tag itself, then the tag with its last
//! subtag removed, and so on (`de-CH-1996` → `de-CH` → `de`); where none of them has the
//! message (or it cannot be formatted: a variable it names is missing), the error keeps
//! its catalogue text. A missing id never reaches the wire.
//!
//! A 5xx whose message stays internal (no `expose`) is formatted with its `#[detail]`
//! fields only: its translation is of the public text, and the internal fields are not
//! passed. Unicode isolation marks around placeables are off (they would reach JSON
//! bodies as invisible characters).
//!
//! ```
//! use api_envelope::{ApiError, Context};
//! use api_envelope::format::ScaiWave;
//! use api_envelope::localize::fluent::FluentLocalizer;
//!
//! #[derive(Debug, ApiError)]
//! enum RoomError {
//!     /// Room is full.
//!     #[code("SW_ROOM_CAPACITY", status = 409)]
//!     #[message("room {room_id} holds {limit} members")]
//!     Capacity { #[detail] room_id: String, limit: u32 },
//! }
//!
//! let localizer = FluentLocalizer::new()
//!     .with_ftl("de", "sw-room-capacity = { $limit ->\n    [one] Raum { $room_id } fasst ein Mitglied\n   *[other] Raum { $room_id } fasst { $limit } Mitglieder\n}\n")
//!     .unwrap();
//! let one = RoomError::Capacity { room_id: "r1".into(), limit: 1 };
//! let ctx = Context::new().locale("de-AT").localizer(&localizer);
//! assert_eq!(ctx.localize_error(&one).as_deref(), Some("Raum r1 fasst ein Mitglied"));
//! let eight = RoomError::Capacity { room_id: "r1".into(), limit: 8 };
//! assert_eq!(ctx.localize_error(&eight).as_deref(), Some("Raum r1 fasst 8 Mitglieder"));
//! // No French: the catalogue's own message.
//! let ctx = Context::new().locale("fr").localizer(&localizer);
//! assert_eq!(ctx.localize_error(&eight), None);
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use super::{MessageArg, detail_arg, message_id};
use crate::catalog::{Catalog, CatalogEntry};
use crate::{ApiError, Detail, Localizer};

/// A [`Localizer`] over Fluent bundles, one per locale (see the [module docs](self)).
pub struct FluentLocalizer {
    /// The locales, in the order they were added (the first is the default for
    /// negotiation).
    locales: Vec<String>,
    bundles: Vec<(LanguageIdentifier, FluentBundle<FluentResource>)>,
}

impl fmt::Debug for FluentLocalizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FluentLocalizer")
            .field("locales", &self.locales)
            .finish_non_exhaustive()
    }
}

impl Default for FluentLocalizer {
    fn default() -> Self {
        Self::new()
    }
}

/// A translation that cannot be loaded: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The locale it was for.
    pub locale: String,
    /// The file, when read from one.
    pub file: Option<PathBuf>,
    /// The line (1-based; 0 when not about a line).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}", file.display())?,
            None => write!(f, "locale {}", self.locale)?,
        }
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for LoadError {}

impl FluentLocalizer {
    /// No locale yet.
    #[must_use]
    pub fn new() -> Self {
        Self {
            locales: Vec::new(),
            bundles: Vec::new(),
        }
    }

    /// Adds the messages of `source` (Fluent syntax) to `locale` (a BCP 47 tag).
    ///
    /// # Errors
    /// A [`LoadError`] for a tag that is none, a syntax error (its line), or a message
    /// defined twice for the locale.
    pub fn with_ftl(self, locale: &str, source: &str) -> Result<Self, LoadError> {
        self.add(locale, source.to_owned(), None)
    }

    /// Loads a directory: `DIR/<locale>.ftl` files and `DIR/<locale>/*.ftl` files (each
    /// locale's files in name order; locales in name order).
    ///
    /// # Errors
    /// A [`LoadError`] for an unreadable file or anything [`with_ftl`](Self::with_ftl)
    /// rejects.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, LoadError> {
        let dir = dir.as_ref();
        let io = |path: &Path, e: std::io::Error| LoadError {
            locale: String::new(),
            file: Some(path.to_owned()),
            line: 0,
            reason: e.to_string(),
        };
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        let mut out = Self::new();
        for path in entries {
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let locale = stem.to_owned();
            let files: Vec<PathBuf> = if path.is_dir() {
                let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                    .map_err(|e| io(&path, e))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                    .collect();
                files.sort();
                files
            } else if path.extension().is_some_and(|x| x == "ftl") {
                vec![path.clone()]
            } else {
                continue;
            };
            for file in files {
                let source = std::fs::read_to_string(&file).map_err(|e| io(&file, e))?;
                out = out.add(&locale, source, Some(file))?;
            }
        }
        Ok(out)
    }

    fn add(
        mut self,
        locale: &str,
        source: String,
        file: Option<PathBuf>,
    ) -> Result<Self, LoadError> {
        let fail = |line: usize, reason: String| LoadError {
            locale: locale.to_owned(),
            file: file.clone(),
            line,
            reason,
        };
        let tag: LanguageIdentifier = locale
            .parse()
            .map_err(|e| fail(0, format!("`{locale}` is not a language tag: {e}")))?;
        let line_of = |pos: usize| source[..pos.min(source.len())].matches('\n').count() + 1;
        let resource = match FluentResource::try_new(source.clone()) {
            Ok(resource) => resource,
            Err((_, errors)) => {
                let first = &errors[0];
                return Err(fail(line_of(first.pos.start), format!("{:?}", first.kind)));
            }
        };
        let at = match self.bundles.iter().position(|(t, _)| *t == tag) {
            Some(at) => at,
            None => {
                let mut bundle = FluentBundle::new_concurrent(vec![tag.clone()]);
                bundle.set_use_isolating(false);
                self.bundles.push((tag, bundle));
                self.locales.push(locale.to_owned());
                self.bundles.len() - 1
            }
        };
        if let Err(errors) = self.bundles[at].1.add_resource(resource) {
            let reason = errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            return Err(fail(0, reason));
        }
        Ok(self)
    }

    /// The bundles `locale` asks for, most specific first (RFC 4647 lookup).
    fn chain(&self, locale: &str) -> Vec<&FluentBundle<FluentResource>> {
        let mut out = Vec::new();
        let mut range = locale.trim();
        while !range.is_empty() && range != "*" {
            // The tags as added, compared without parsing (ASCII case-insensitively, as
            // BCP 47 tags compare).
            if let Some(at) = self
                .locales
                .iter()
                .position(|l| l.eq_ignore_ascii_case(range))
            {
                out.push(&self.bundles[at].1);
            }
            range = match range.rfind('-') {
                Some(at) => &range[..at],
                None => "",
            };
            // A single-character subtag left at the end is dropped with it (RFC 4647 §3.4).
            if range.len() >= 2 && range.as_bytes()[range.len() - 2] == b'-' {
                range = &range[..range.len() - 2];
            }
        }
        out
    }

    /// The message `id` in `locale` (or the nearest locale of its chain), formatted with
    /// `args`; `None` when none has it or it cannot be formatted.
    #[must_use]
    pub fn format(&self, locale: &str, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        first_formatted(&self.chain(locale), id, args)
    }

    /// [`format`](Self::format) with the arguments made only when a bundle of the chain
    /// has the message (an unknown locale or id costs no argument).
    fn format_lazily<'a>(
        &self,
        locale: &str,
        id: &str,
        args: impl FnOnce() -> FluentArgs<'a>,
    ) -> Option<String> {
        let chain = self.chain(locale);
        if !chain.iter().any(|bundle| bundle.has_message(id)) {
            return None;
        }
        first_formatted(&chain, id, Some(&args()))
    }

    /// The locales, in the order they were added.
    #[must_use]
    pub fn locale_names(&self) -> &[String] {
        &self.locales
    }

    /// The message of `id` in exactly `locale` (no chain), for the coverage check.
    fn pattern(&self, locale: &str, id: &str) -> Option<&ast::Pattern<&str>> {
        let tag: LanguageIdentifier = locale.parse().ok()?;
        let (_, bundle) = self.bundles.iter().find(|(t, _)| *t == tag)?;
        bundle.get_message(id)?.value()
    }
}

/// The message `id` of the first bundle of `chain` that has it and formats it without an
/// error.
fn first_formatted(
    chain: &[&FluentBundle<FluentResource>],
    id: &str,
    args: Option<&FluentArgs<'_>>,
) -> Option<String> {
    for bundle in chain {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if errors.is_empty() {
            return Some(text.into_owned());
        }
    }
    None
}

/// An argument as a Fluent value.
fn fluent_value(arg: MessageArg<'_>) -> FluentValue<'static> {
    match arg {
        MessageArg::Str(s) => FluentValue::from(s.to_owned()),
        MessageArg::U64(n) => FluentValue::from(n),
        MessageArg::I64(n) => FluentValue::from(n),
        MessageArg::F64(n) => FluentValue::from(n),
        MessageArg::Bool(b) => FluentValue::from(if b { "true" } else { "false" }),
        MessageArg::Display(d) => FluentValue::from(d.to_string()),
    }
}

/// Whether `err`'s message stays internal on the wire (a 5xx without `expose`).
fn hidden(err: &dyn ApiError) -> bool {
    !crate::format::shows_own_message(err)
}

impl Localizer for FluentLocalizer {
    fn localize(&self, code: &str, locale: &str) -> Option<Cow<'_, str>> {
        self.format(locale, &super::derived_id(code), None)
            .map(Cow::Owned)
    }

    fn localize_error(&self, err: &dyn ApiError, locale: &str) -> Option<Cow<'_, str>> {
        let id = message_id(err.entry());
        let args = || {
            let mut args = FluentArgs::new();
            if hidden(err) {
                err.visit_details(&mut |name: &'static str, value: Detail<'_>| {
                    detail_arg(value, |arg| args.set(name, fluent_value(arg)));
                });
            } else {
                err.visit_message_args(&mut |name, arg| {
                    args.set(name.to_owned(), fluent_value(arg));
                });
            }
            args
        };
        self.format_lazily(locale, &id, args).map(Cow::Owned)
    }

    fn locales(&self) -> Option<&[String]> {
        Some(&self.locales)
    }
}

/// One gap the coverage check found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Gap {
    /// The locale has no message for the code.
    Missing {
        /// The code.
        code: &'static str,
        /// Its message id.
        id: String,
    },
    /// A placeholder names no value the code's error passes.
    UnknownArg {
        /// The code.
        code: &'static str,
        /// The variable.
        arg: String,
    },
    /// The default message shows a value the translation leaves out.
    DroppedArg {
        /// The code.
        code: &'static str,
        /// The value.
        arg: String,
    },
    /// Two codes derive the same message id (declare `message_id` on one).
    SharedId {
        /// The message id.
        id: String,
        /// The codes.
        codes: [&'static str; 2],
    },
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { code, id } => write!(f, "`{code}`: no message `{id}`"),
            Self::UnknownArg { code, arg } => write!(
                f,
                "`{code}`: `{{ ${arg} }}` names no field of the error (a field the message interpolates, or a #[detail])"
            ),
            Self::DroppedArg { code, arg } => write!(
                f,
                "`{code}`: leaves out `{{ ${arg} }}`, which the default message shows"
            ),
            Self::SharedId { id, codes } => write!(
                f,
                "`{}` and `{}` both have the message id `{id}`: declare `message_id = \"..\"` on one",
                codes[0], codes[1]
            ),
        }
    }
}

/// What [`coverage`] found: per locale, its gaps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Each locale (in the localizer's order) and its gaps.
    pub locales: Vec<(String, Vec<Gap>)>,
    /// Gaps of the catalogue itself (shared ids).
    pub catalogue: Vec<Gap>,
}

impl Coverage {
    /// Whether nothing is missing.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.catalogue.is_empty() && self.locales.iter().all(|(_, gaps)| gaps.is_empty())
    }
}

impl fmt::Display for Coverage {
    /// The gaps, per locale.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for gap in &self.catalogue {
            writeln!(f, "catalogue: {gap}")?;
        }
        for (locale, gaps) in &self.locales {
            if gaps.is_empty() {
                continue;
            }
            writeln!(f, "{locale}: {} gaps", gaps.len())?;
            for gap in gaps {
                writeln!(f, "  {gap}")?;
            }
        }
        Ok(())
    }
}

/// The variables a pattern names, in any variant of any select.
fn variables<'s>(pattern: &ast::Pattern<&'s str>, out: &mut Vec<&'s str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables<'s>(expression: &ast::Expression<&'s str>, out: &mut Vec<&'s str>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables<'s>(inline: &ast::InlineExpression<&'s str>, out: &mut Vec<&'s str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => out.push(id.name),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for arg in &arguments.positional {
                inline_variables(arg, out);
            }
            for arg in &arguments.named {
                inline_variables(&arg.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// Whether `entry`'s message stays internal (a 5xx without `expose`): its translation
/// may use its details only, and owes none of the default's values.
fn entry_hidden(entry: &CatalogEntry) -> bool {
    entry.status().is_server_error() && !entry.expose
}

/// Checks `localizer` against `catalogs` (each with its nested catalogues): every code
/// has a message in every locale; every placeholder names a value the error passes; no
/// translation leaves out a value the default message shows. A hidden 5xx's
/// translation may name its details only, and owes none.
#[must_use]
pub fn coverage<'a>(
    localizer: &FluentLocalizer,
    catalogs: impl IntoIterator<Item = &'a Catalog>,
) -> Coverage {
    let entries: Vec<&'static CatalogEntry> =
        catalogs.into_iter().flat_map(Catalog::iter).collect();
    let mut catalogue = Vec::new();
    let mut ids: BTreeMap<String, &'static str> = BTreeMap::new();
    for entry in &entries {
        let id = message_id(entry).into_owned();
        if let Some(other) = ids.insert(id.clone(), entry.code)
            && other != entry.code
        {
            catalogue.push(Gap::SharedId {
                id,
                codes: [other, entry.code],
            });
        }
    }
    let mut locales = Vec::new();
    for locale in &localizer.locales {
        let mut gaps = Vec::new();
        for entry in &entries {
            let id = message_id(entry);
            let Some(pattern) = localizer.pattern(locale, &id) else {
                gaps.push(Gap::Missing {
                    code: entry.code,
                    id: id.into_owned(),
                });
                continue;
            };
            let mut used = Vec::new();
            variables(pattern, &mut used);
            let hidden = entry_hidden(entry);
            let allowed = |name: &str| {
                if hidden {
                    // The details come after the placeholders in `message_args`.
                    entry.message_args[entry.message_uses.len()..].contains(&name)
                } else {
                    entry.message_args.contains(&name)
                }
            };
            let mut seen: Vec<&str> = Vec::new();
            for name in used.iter().copied() {
                if !allowed(name) && !seen.contains(&name) {
                    gaps.push(Gap::UnknownArg {
                        code: entry.code,
                        arg: name.to_owned(),
                    });
                }
                seen.push(name);
            }
            if !hidden {
                for name in entry.message_uses {
                    if !used.contains(name) {
                        gaps.push(Gap::DroppedArg {
                            code: entry.code,
                            arg: (*name).to_owned(),
                        });
                    }
                }
            }
        }
        locales.push((locale.clone(), gaps));
    }
    Coverage { locales, catalogue }
}

/// Fails the calling test when [`coverage`] finds a gap, listing them per locale.
///
/// # Panics
/// As said.
#[track_caller]
pub fn assert_covered<'a>(
    localizer: &FluentLocalizer,
    catalogs: impl IntoIterator<Item = &'a Catalog>,
) {
    let coverage = coverage(localizer, catalogs);
    assert!(
        coverage.is_complete(),
        "the translations do not cover the catalogue:\n{coverage}"
    );
}

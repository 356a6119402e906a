//! The message policy: which text an envelope shows for an error, and how it is cut.
//!
//! In order of preference: the [`Localizer`](crate::Localizer)'s text for the code in the
//! context's locale; on a 5xx that did not opt in with `expose`, the [`public_text`];
//! else the error's own wire text ([`ApiError::fmt_wire`]). Whichever it is, it is cut at
//! [`MAX_MESSAGE_BYTES`](super::limits::MAX_MESSAGE_BYTES) and marked (see
//! [`limits`](super::limits)). An error whose `Display` fails (returns `Err` without its
//! output failing) fails the render, whichever way the message is written
//! ([`JsonWriter::message`](super::JsonWriter::message), [`Message`] through `serde` or
//! `Display`); the [`render`](crate::render) functions then fall back to the public text.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::{Serialize, Serializer};

use super::limits::{self, Capped};
use http::StatusCode;

use crate::{ApiError, CatalogEntry, Context, Violation};

/// What a render error says when a message's `Display` failed.
pub(crate) const DISPLAY_FAILED: &str = "the error's Display failed";

/// The text a 5xx shows instead of its internal message: the entry's `public` text, else
/// the catalogue meaning, else the canonical reason phrase.
#[must_use]
pub fn public_text(err: &dyn ApiError) -> &'static str {
    Facts::of(err).public_text()
}

/// Whether the wire may show the error's own `Display`: any non-5xx, and a 5xx whose
/// variant opted in (`#[code(..., expose)]`).
#[must_use]
pub fn shows_own_message(err: &dyn ApiError) -> bool {
    Facts::of(err).own
}

/// What the formats ask of an error, asked once per body: its entry, its status, and
/// whether its own message may be shown.
#[derive(Clone, Copy)]
pub(crate) struct Facts {
    pub(crate) entry: &'static CatalogEntry,
    pub(crate) status: StatusCode,
    /// [`shows_own_message`].
    pub(crate) own: bool,
}

impl Facts {
    #[inline]
    pub(crate) fn of(err: &dyn ApiError) -> Self {
        let entry = err.entry();
        let status = err.status();
        Self {
            entry,
            status,
            own: !status.is_server_error() || entry.expose,
        }
    }

    /// [`public_text`].
    pub(crate) fn public_text(&self) -> &'static str {
        match self.entry.public {
            Some(text) => text,
            None if !self.entry.meaning.is_empty() => self.entry.meaning,
            None => super::reason(self.status),
        }
    }

    /// [`shown_violations`](super::shown_violations).
    #[inline]
    pub(crate) fn violations<'e>(&self, err: &'e dyn ApiError) -> &'e [Violation] {
        if self.own { err.violations() } else { &[] }
    }
}

/// Which text an envelope's message is (see [`Message`]).
pub(crate) enum MessageText<'a> {
    /// The localizer's text.
    Localized(Cow<'a, str>),
    /// The error's own wire text.
    Own,
    /// The public text of a 5xx.
    Public(&'static str),
}

impl<'a> MessageText<'a> {
    pub(crate) fn of(err: &dyn ApiError, ctx: &Context<'a>) -> Self {
        Self::with(err, ctx, &Facts::of(err))
    }

    #[inline]
    pub(crate) fn with(err: &dyn ApiError, ctx: &Context<'a>, facts: &Facts) -> Self {
        // The code is looked up only when there is someone to ask.
        if let (Some(localizer), Some(locale)) = (ctx.get_localizer(), ctx.get_locale())
            && let Some(text) = localizer.localize_error(err, locale)
        {
            return Self::Localized(text);
        }
        if facts.own {
            Self::Own
        } else {
            Self::Public(facts.public_text())
        }
    }
}

/// An error's message as the wire shows it ([`ApiError::fmt_wire`]).
pub(crate) struct WireMessage<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: ApiError + ?Sized> fmt::Display for WireMessage<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_wire(f)
    }
}

/// The message an envelope shows, streamed without an intermediate `String`.
///
/// `Display` writes the text the message policy chooses (the localised text, a 5xx's
/// [`public_text`], else the error's wire text), cut at [`MAX_MESSAGE_BYTES`](limits::MAX_MESSAGE_BYTES) and marked with `…` (formatting the
/// error's `Display` stops there). `Serialize` writes the same as a JSON string (through
/// `Serializer::collect_str`, which `serde_json` streams and escapes), and fails (rather
/// than panicking in `serde_json`) when the error's `Display` fails.
///
/// The built-in formats write the message with
/// [`JsonWriter::message`](super::JsonWriter::message) instead, which takes the derive's
/// literal runs ([`ApiError::write_wire_text`]); the text is the same.
#[derive(Clone, Copy)]
pub struct Message<'a> {
    err: &'a dyn ApiError,
    ctx: &'a Context<'a>,
}

impl<'a> Message<'a> {
    /// The message of `err` in `ctx`.
    #[must_use]
    pub fn new(err: &'a dyn ApiError, ctx: &'a Context<'a>) -> Self {
        Self { err, ctx }
    }

    fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match MessageText::of(self.err, self.ctx) {
            MessageText::Localized(text) => write!(out, "{}", Capped(&text)),
            MessageText::Own => limits::capped_into(out, format_args!("{}", WireMessage(self.err))),
            MessageText::Public(text) => write!(out, "{}", Capped(text)),
        }
    }
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Message({:?})", self.err.code())
    }
}

impl Serialize for Message<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `serde_json`'s `collect_str` panics on a `Display` that fails while its output
        // does not: the failure is noted, the string closed, and the error returned.
        let display_failed = Cell::new(false);
        let ok = serializer.collect_str(&Tolerant {
            message: self,
            display_failed: &display_failed,
        })?;
        if display_failed.get() {
            return Err(serde::ser::Error::custom(DISPLAY_FAILED));
        }
        Ok(ok)
    }
}

/// A message whose `Display` failing is noted rather than returned.
struct Tolerant<'a> {
    message: &'a Message<'a>,
    display_failed: &'a Cell<bool>,
}

impl fmt::Display for Tolerant<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Tracked {
            inner: f,
            failed: false,
        };
        match self.message.write_to(&mut out) {
            Err(_) if !out.failed => {
                self.display_failed.set(true);
                Ok(())
            }
            result => result,
        }
    }
}

/// A formatter that remembers whether writing to it failed.
struct Tracked<'a, 'b> {
    inner: &'a mut fmt::Formatter<'b>,
    failed: bool,
}

impl fmt::Write for Tracked<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let result = self.inner.write_str(s);
        self.failed |= result.is_err();
        result
    }
}

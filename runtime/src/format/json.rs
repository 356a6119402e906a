//! [`JsonWriter`]: an envelope written straight into its buffer, the fixed text as is and
//! everything else through `serde_json`.

use std::fmt::{self, Write as _};
use std::io;

use serde::{Serialize, Serializer as _};

use super::limits::{self, DepthLimit, MAX_MESSAGE_BYTES, TRUNCATION_MARKER};
use super::{RenderError, public_text, shows_own_message};
use crate::{ApiError, Context, Detail, Violation};

/// Writes one JSON document to the end of a buffer: the envelope's own objects, arrays,
/// keys and the error's code as they are (they never need escaping), and every other
/// value through `serde_json` (escaped, nothing copied first).
///
/// The built-in formats are written with it; a format of your own can be too (or can
/// serialise its own `Serialize` structs with [`write_json`](super::write_json)).
/// Commas are placed for you: start each member with [`key`](Self::key) and each array
/// element with [`item`](Self::item).
///
/// ```
/// use api_envelope::format::{Format, JsonWriter, RenderError};
/// use api_envelope::http::HeaderValue;
/// use api_envelope::{ApiError, Context};
///
/// /// `{"code":"...","message":"...","details":{...}}`
/// struct Flat;
///
/// impl Format for Flat {
///     fn content_type(&self) -> HeaderValue {
///         HeaderValue::from_static("application/json")
///     }
///     fn write_body(&self, err: &dyn ApiError, ctx: &Context<'_>, out: &mut Vec<u8>) -> Result<(), RenderError> {
///         let mut w = JsonWriter::new(out);
///         w.begin_object();
///         w.key("code");
///         w.code(err);
///         w.key("message");
///         w.message(err, ctx)?;
///         if err.has_details() {
///             w.key("details");
///             w.begin_object();
///             w.details(err, &[])?;
///             w.end_object();
///         }
///         w.end_object();
///         Ok(())
///     }
/// }
///
/// #[derive(Debug, ApiError)]
/// enum RoomError {
///     /// Closed or archived.
///     #[code("SW_ROOM_FROZEN", status = 409)]
///     #[message("room {room_id} is \"closed\"")]
///     Frozen { #[detail] room_id: String },
/// }
///
/// let mut out = Vec::new();
/// let err = RoomError::Frozen { room_id: "r1".into() };
/// err.write_body(&Flat, &Context::new(), &mut out).unwrap();
/// assert_eq!(
///     out,
///     br#"{"code":"SW_ROOM_FROZEN","message":"room r1 is \"closed\"","details":{"room_id":"r1"}}"#
/// );
/// ```
///
/// Nesting: the writer counts the objects and arrays it opens, and a value serialised
/// inside them ([`value`](Self::value), [`detail`](Self::detail)) fails with a
/// [`RenderError`] when the whole body would nest deeper than
/// [`MAX_DEPTH`](limits::MAX_DEPTH) levels (the writer's own levels are not limited).
#[derive(Debug)]
pub struct JsonWriter<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
    first: bool,
    /// What the body's `serde` values may still take ([`limits::MAX_VALUES_BYTES`]).
    values_left: usize,
}

impl<'a> JsonWriter<'a> {
    /// A writer appending to `out`.
    #[inline]
    #[must_use]
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Self {
            out,
            depth: 0,
            first: true,
            values_left: limits::MAX_VALUES_BYTES,
        }
    }

    /// Opens an object: `{`.
    #[inline]
    pub fn begin_object(&mut self) {
        self.out.push(b'{');
        self.depth += 1;
        self.first = true;
    }

    /// Closes an object: `}`.
    #[inline]
    pub fn end_object(&mut self) {
        self.out.push(b'}');
        self.depth = self.depth.saturating_sub(1);
        self.first = false;
    }

    /// Opens an array: `[`.
    #[inline]
    pub fn begin_array(&mut self) {
        self.out.push(b'[');
        self.depth += 1;
        self.first = true;
    }

    /// Closes an array: `]`.
    #[inline]
    pub fn end_array(&mut self) {
        self.out.push(b']');
        self.depth = self.depth.saturating_sub(1);
        self.first = false;
    }

    /// Starts a member of the open object: `"key":` (after a comma unless it is the
    /// first). The key is written as it is: it must not need escaping (no `"`, `\` or
    /// control character; checked in debug builds). Use [`key_str`](Self::key_str) for
    /// any other text.
    #[inline]
    pub fn key(&mut self, key: &'static str) {
        debug_assert!(plain(key), "{key:?} needs escaping: use `key_str`");
        self.separate();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    /// Starts a member whose key is any text (escaped): a detail field's name.
    #[inline]
    pub fn key_str(&mut self, key: &str) {
        self.separate();
        self.str(key);
        self.out.push(b':');
    }

    /// Starts an element of the open array (a comma unless it is the first).
    #[inline]
    pub fn item(&mut self) {
        self.separate();
    }

    /// Appends `json` as it is: JSON text the caller vouches for. It does not start a
    /// member or element (call [`key`](Self::key) or [`item`](Self::item) first).
    #[inline]
    pub fn raw(&mut self, json: &str) {
        self.out.extend_from_slice(json.as_bytes());
    }

    /// The error's code as a string, written as it is: a catalogue code never needs
    /// escaping ([`CatalogEntry::new`](crate::CatalogEntry::new) checks it).
    #[inline]
    pub fn code(&mut self, err: &dyn ApiError) {
        let code = err.entry().code;
        debug_assert!(plain(code), "{code:?} is no catalogue code");
        self.out.push(b'"');
        self.out.extend_from_slice(code.as_bytes());
        self.out.push(b'"');
    }

    /// `s` as a JSON string, escaped by `serde_json`.
    #[inline]
    pub fn str(&mut self, s: &str) {
        ok(serde_json::Serializer::new(&mut *self.out).serialize_str(s));
    }

    /// A number.
    #[inline]
    pub fn u64(&mut self, n: u64) {
        ok(serde_json::Serializer::new(&mut *self.out).serialize_u64(n));
    }

    /// What `value` displays, as a JSON string, streamed and escaped by `serde_json`
    /// without an intermediate `String`, cut at [`MAX_MESSAGE_BYTES`] as [`limits`] says
    /// (formatting stops at the cut).
    ///
    /// # Errors
    /// When `value`'s `Display` fails.
    pub fn display(&mut self, value: &dyn fmt::Display) -> Result<(), RenderError> {
        let mut text = Text::new(self.out, MAX_MESSAGE_BYTES);
        let result = write!(text, "{value}");
        text.finish(result)
    }

    /// A text cut at [`MAX_MESSAGE_BYTES`] as [`limits`] says (a violation's message).
    pub fn capped(&mut self, s: &str) {
        let mut text = Text::new(self.out, MAX_MESSAGE_BYTES);
        let result = text.write_str(s);
        let _ = text.finish(result);
    }

    /// The message of `err` in `ctx`, as [`Message`](super::Message) chooses it and cut
    /// at [`MAX_MESSAGE_BYTES`]: streamed from the error's `Display` (or the localised or
    /// public text) and escaped by `serde_json` on the way, in one formatting pass; the
    /// `Display` stops at the cut.
    ///
    /// # Errors
    /// When the error's `Display` fails.
    pub fn message(&mut self, err: &dyn ApiError, ctx: &Context<'_>) -> Result<(), RenderError> {
        let mut text = Text::new(self.out, MAX_MESSAGE_BYTES);
        let result = match MessageText::of(err, ctx) {
            MessageText::Localized(s) => text.write_str(&s),
            MessageText::Own => write!(text, "{}", super::WireMessage(err)),
            MessageText::Public(s) => text.write_str(s),
        };
        text.finish(result)
    }

    /// Any `Serialize` value, through `serde_json` (compact), nested at most as deep as
    /// [`MAX_DEPTH`](limits::MAX_DEPTH) allows below the levels already open.
    ///
    /// # Errors
    /// When `value` fails to serialise or would nest too deep.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), RenderError> {
        value.serialize(&mut self.serializer())?;
        Ok(())
    }

    /// A `#[detail]` value: like [`value`](Self::value), without a type-erased detour.
    ///
    /// # Errors
    /// When the value fails to serialise or would nest too deep.
    pub fn detail(&mut self, value: Detail<'_>) -> Result<(), RenderError> {
        value.write_json(&mut self.serializer())?;
        Ok(())
    }

    /// The `#[detail]` fields of `err` as members of the open object (`"name":value`),
    /// leaving out those named in `skip`.
    ///
    /// # Errors
    /// When a value fails to serialise or would nest too deep.
    pub fn details(&mut self, err: &dyn ApiError, skip: &[&str]) -> Result<(), RenderError> {
        self.each_detail(err, |w, name, value| {
            if !skip.contains(&name) {
                w.key_str(name);
                w.detail(value)?;
            }
            Ok(())
        })
    }

    /// Calls `f` with this writer and each `#[detail]` field of `err`, stopping at the
    /// first error.
    ///
    /// # Errors
    /// The first error `f` returns.
    pub fn each_detail(
        &mut self,
        err: &dyn ApiError,
        mut f: impl FnMut(&mut Self, &'static str, Detail<'_>) -> Result<(), RenderError>,
    ) -> Result<(), RenderError> {
        super::try_for_each_detail(err, |name, value| f(self, name, value))
    }

    /// Calls `f` with this writer and each violation an envelope lists (at most
    /// [`MAX_VIOLATIONS`](limits::MAX_VIOLATIONS), then the entry counting the rest; see
    /// [`limits`]), stopping at the first error.
    ///
    /// # Errors
    /// The first error `f` returns.
    pub fn each_violation(
        &mut self,
        violations: &[Violation],
        mut f: impl FnMut(&mut Self, &Violation) -> Result<(), RenderError>,
    ) -> Result<(), RenderError> {
        limits::try_for_each_listed(violations, |v| f(self, v))
    }

    fn serializer(&mut self) -> JsonSerializer<'_> {
        serde_json::Serializer::with_formatter(
            limits::Budgeted::new(&mut *self.out, &mut self.values_left),
            DepthLimit::at(self.depth),
        )
    }

    #[inline]
    fn separate(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }
}

/// The serializer detail values are written with.
pub(crate) type JsonSerializer<'a> = serde_json::Serializer<limits::Budgeted<'a>, DepthLimit>;

/// Discards the result of writing a string or number into a `Vec`, which cannot fail.
/// (Forgotten rather than dropped: the compiler cannot see that it is always `Ok`, and
/// dropping it would call the error's destructor glue on every string.)
fn ok(result: serde_json::Result<()>) {
    debug_assert!(result.is_ok());
    std::mem::forget(result);
}

/// Whether `s` can be written in a JSON string as it is.
fn plain(s: &str) -> bool {
    s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\')
}

/// Which text an envelope's message is (see [`Message`](super::Message)).
pub(crate) enum MessageText<'a> {
    /// The localizer's text.
    Localized(std::borrow::Cow<'a, str>),
    /// The error's own `Display`.
    Own,
    /// The public text of a 5xx.
    Public(&'static str),
}

impl<'a> MessageText<'a> {
    pub(crate) fn of(err: &dyn ApiError, ctx: &Context<'a>) -> Self {
        // The code is looked up only when there is someone to ask.
        if let (Some(localizer), Some(locale)) = (ctx.get_localizer(), ctx.get_locale())
            && let Some(text) = localizer.localize(err.code(), locale)
        {
            return Self::Localized(text);
        }
        if shows_own_message(err) {
            Self::Own
        } else {
            Self::Public(public_text(err))
        }
    }
}

/// A JSON string being streamed: each piece escaped by `serde_json` as it comes, cut
/// after `left` bytes of text.
struct Text<'a> {
    out: &'a mut Vec<u8>,
    left: usize,
    cut: bool,
}

impl<'a> Text<'a> {
    fn new(out: &'a mut Vec<u8>, limit: usize) -> Self {
        out.push(b'"');
        Self {
            out,
            left: limit,
            cut: false,
        }
    }

    fn escape(&mut self, s: &str) {
        let escaped =
            serde_json::Serializer::with_formatter(&mut *self.out, Unquoted).serialize_str(s);
        ok(escaped);
    }

    /// Closes the string: a cut text gets the marker; a failed `Display` is an error.
    fn finish(self, result: fmt::Result) -> Result<(), RenderError> {
        if self.cut {
            self.out.extend_from_slice(TRUNCATION_MARKER.as_bytes());
        } else {
            result?;
        }
        self.out.push(b'"');
        Ok(())
    }
}

impl fmt::Write for Text<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(left) = self.left.checked_sub(s.len()) {
            self.left = left;
            self.escape(s);
            Ok(())
        } else {
            self.escape(&s[..s.floor_char_boundary(self.left)]);
            self.left = 0;
            self.cut = true;
            // Stop the value's `Display`: nothing after the cut is sent.
            Err(fmt::Error)
        }
    }
}

/// `serde_json`'s compact output without the quotes around strings: its escaping of
/// one piece of a longer string.
struct Unquoted;

impl serde_json::ser::Formatter for Unquoted {
    fn begin_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn end_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }
}

//! [`JsonWriter`]: an envelope written straight into its buffer, the fixed text as is,
//! strings and numbers through the crate's own escaper (`serde_json`'s bytes), and other
//! values through `serde_json`; [`JsonText`]: one JSON string streamed into it.

use std::fmt;

use serde::Serialize;

use super::RenderError;
use super::escape::{self, escape_into, quoted_into};
use super::limits::{self, Cut, DepthLimit, MAX_MESSAGE_BYTES, TRUNCATION_MARKER};
use super::message::{DISPLAY_FAILED, Facts, MessageText};
use crate::details::Repr;
use crate::{ApiError, Context, Detail, Violation};

/// Writes one JSON document to the end of a buffer: the envelope's own objects, arrays,
/// keys and the error's code as they are (they never need escaping), strings escaped
/// straight into the buffer, and every other value through `serde_json` (nothing copied
/// first).
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
        debug_assert!(escape::plain(key), "{key:?} needs escaping: use `key_str`");
        self.separate();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    /// Starts a member whose key is any text (escaped): a detail field's name.
    #[inline]
    pub fn key_str(&mut self, key: &str) {
        self.separate();
        quoted_into(self.out, key);
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

    /// The title of the error (its catalogue meaning, else the reason phrase of its
    /// status) as a JSON string: copied as it is when the entry found it plain.
    #[inline]
    pub(crate) fn title(&mut self, facts: &Facts) {
        match facts.entry.plain_meaning() {
            Some(meaning) if !meaning.is_empty() => self.plain_str(meaning),
            Some(_) => self.plain_str(super::reason(facts.status)),
            None => self.str(facts.entry.meaning),
        }
    }

    /// A string known to need no escaping, with its quotes.
    #[inline]
    fn plain_str(&mut self, s: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(b'"');
    }

    /// Appends `json`, fixed JSON text the caller vouches for, that opens `levels` objects
    /// or arrays: the fixed start of an envelope in one copy, as
    /// `w.raw_open(r#"{"error":{"code":"#, 2)`. The levels count as
    /// [`begin_object`](Self::begin_object)'s do; the next [`key`](Self::key) or
    /// [`item`](Self::item) is preceded by a comma (the text is taken to end inside a
    /// member, or after one).
    #[inline]
    pub fn raw_open(&mut self, json: &'static str, levels: usize) {
        self.out.extend_from_slice(json.as_bytes());
        self.depth += levels;
        self.first = false;
    }

    /// Appends `json`, fixed JSON text the caller vouches for, that closes `levels`
    /// objects or arrays (`"}}"`); the next key or item is preceded by a comma.
    #[inline]
    pub fn raw_close(&mut self, json: &'static str, levels: usize) {
        self.out.extend_from_slice(json.as_bytes());
        self.depth = self.depth.saturating_sub(levels);
        self.first = false;
    }

    /// The error's code as a string, written as it is: a catalogue code never needs
    /// escaping ([`CatalogEntry::new`](crate::CatalogEntry::new) checks it).
    #[inline]
    pub fn code(&mut self, err: &dyn ApiError) {
        let code = err.entry().code;
        debug_assert!(escape::plain(code), "{code:?} is no catalogue code");
        self.out.push(b'"');
        self.out.extend_from_slice(code.as_bytes());
        self.out.push(b'"');
    }

    /// `s` as a JSON string, escaped (the bytes `serde_json` writes for it).
    #[inline]
    pub fn str(&mut self, s: &str) {
        quoted_into(self.out, s);
    }

    /// A number.
    #[inline]
    pub fn u64(&mut self, n: u64) {
        escape::u64_into(self.out, n);
    }

    /// What `value` displays, as a JSON string, streamed and escaped without an
    /// intermediate `String`, cut at [`MAX_MESSAGE_BYTES`] as [`limits`] says
    /// (formatting stops at the cut).
    ///
    /// # Errors
    /// When `value`'s `Display` fails.
    pub fn display(&mut self, value: &dyn fmt::Display) -> Result<(), RenderError> {
        let mut text = JsonText::open(self.out);
        let result = text.display(value);
        text.close(result)
    }

    /// A text cut at [`MAX_MESSAGE_BYTES`] as [`limits`] says (a violation's message).
    pub fn capped(&mut self, s: &str) {
        let mut text = JsonText::open(self.out);
        let result = text.str(s);
        // Writing a `str` fails only at a cut, which `close` marks.
        let _ = text.close(result);
    }

    /// The message of `err` in `ctx`, as [`Message`](super::Message) chooses it and cut
    /// at [`MAX_MESSAGE_BYTES`]: the error's wire text as
    /// [`ApiError::write_wire_text`] writes it (for a derived error, the message's fixed
    /// text as literal runs and each placeholder escaped straight into the body), or the
    /// localised or public text, in one pass; the error's text stops at the cut.
    ///
    /// # Errors
    /// When the error's `Display` fails.
    pub fn message(&mut self, err: &dyn ApiError, ctx: &Context<'_>) -> Result<(), RenderError> {
        self.message_with(err, ctx, &Facts::of(err))
    }

    /// [`message`](Self::message) with the error's facts already read.
    #[inline]
    pub(crate) fn message_with(
        &mut self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        facts: &Facts,
    ) -> Result<(), RenderError> {
        let mut text = JsonText::open(self.out);
        let result = match MessageText::with(err, ctx, facts) {
            MessageText::Localized(s) => text.str(&s),
            MessageText::Own => err.write_wire_text(&mut text),
            MessageText::Public(s) => text.str(s),
        };
        text.close(result)
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

    /// A `#[detail]` value: like [`value`](Self::value), without a type-erased detour; a
    /// string, integer or `bool` detail written without `serde` (a string cut as
    /// [`limits`] says).
    ///
    /// # Errors
    /// When the value fails to serialise, would nest too deep, or the body's values would
    /// take more than [`MAX_VALUES_BYTES`](limits::MAX_VALUES_BYTES).
    pub fn detail(&mut self, value: Detail<'_>) -> Result<(), RenderError> {
        let before = self.out.len();
        match value.0 {
            Repr::Str(s) if s.len() <= MAX_MESSAGE_BYTES => quoted_into(self.out, s),
            Repr::Str(s) => {
                let mut text = JsonText::open(self.out);
                let result = text.str(s);
                let _ = text.close(result);
            }
            Repr::U64(n) => escape::u64_into(self.out, n),
            Repr::I64(n) => escape::i64_into(self.out, n),
            Repr::Bool(b) => self
                .out
                .extend_from_slice(if b { b"true" } else { b"false" }),
            Repr::Value(v) => {
                v.write_json(&mut self.serializer())?;
                return Ok(());
            }
        }
        let written = self.out.len() - before;
        match self.values_left.checked_sub(written) {
            Some(left) => {
                self.values_left = left;
                Ok(())
            }
            None => Err(limits::too_large()),
        }
    }

    /// The `#[detail]` fields of `err` as members of the open object (`"name":value`),
    /// leaving out those named in `skip`.
    ///
    /// # Errors
    /// When a value fails to serialise or would nest too deep.
    pub fn details(&mut self, err: &dyn ApiError, skip: &[&str]) -> Result<(), RenderError> {
        let mut members = Members {
            w: self,
            skip,
            result: Ok(()),
        };
        err.visit_details(&mut members);
        members.result
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

/// The visitor of [`JsonWriter::details`]: each detail as a member of the open object.
struct Members<'w, 'a, 's> {
    w: &'w mut JsonWriter<'a>,
    skip: &'s [&'s str],
    result: Result<(), RenderError>,
}

impl Members<'_, '_, '_> {
    /// Whether `name` is one to leave out: the length and first byte compared before the
    /// text (a format's reserved names are few and short).
    #[inline]
    fn skips(&self, name: &str) -> bool {
        self.skip.iter().any(|s| {
            s.len() == name.len() && s.as_bytes().first() == name.as_bytes().first() && *s == name
        })
    }
}

impl crate::DetailVisitor for Members<'_, '_, '_> {
    fn detail(&mut self, name: &'static str, value: Detail<'_>) {
        if self.result.is_ok() && !self.skips(name) {
            self.w.key_str(name);
            self.result = self.w.detail(value);
        }
    }

    fn plain_detail(&mut self, name: &'static str, value: Detail<'_>) {
        if self.result.is_ok() && !self.skips(name) {
            debug_assert!(escape::plain(name), "{name:?} needs escaping: use `detail`");
            self.w.separate();
            self.w.plain_str(name);
            self.w.out.push(b':');
            self.result = self.w.detail(value);
        }
    }
}

/// The serializer detail values are written with.
pub(crate) type JsonSerializer<'a> = serde_json::Serializer<limits::Budgeted<'a>, DepthLimit>;

/// One JSON string being written into a body, cut at
/// [`MAX_MESSAGE_BYTES`](limits::MAX_MESSAGE_BYTES) bytes of text as [`limits`] says:
/// what [`ApiError::write_wire_text`] writes the message into.
///
/// Each piece is escaped as it comes (the bytes `serde_json` would write), straight into
/// the body. Every method returns `Err` once the text is cut, so a `?` after each piece
/// stops the rest of the message; the writer then ends the string with `…`. A derived
/// error writes its message's fixed text with [`plain`](Self::plain) and each placeholder
/// with [`str`](Self::str), [`u64`](Self::u64), [`i64`](Self::i64) or
/// [`display`](Self::display); it also implements `fmt::Write`.
///
/// ```
/// use api_envelope::format::{JsonWriter, ScaiDrive};
/// use api_envelope::{ApiError, Context};
///
/// #[derive(Debug, ApiError)]
/// enum RoomError {
///     /// Closed or archived.
///     #[code("SW_ROOM_FROZEN", status = 409)]
///     #[message("room \"{room_id}\" closed {days} days ago")]
///     Frozen { room_id: String, days: u32 },
/// }
///
/// // The derive's `write_wire_text`: `plain("room \\\"")`, `str(room_id)`, ...
/// let err = RoomError::Frozen { room_id: "r\n1".into(), days: 3 };
/// let mut out = Vec::new();
/// JsonWriter::new(&mut out).message(&err, &Context::new()).unwrap();
/// assert_eq!(out, br#""room \"r\n1\" closed 3 days ago""#);
/// assert_eq!(out, serde_json::to_vec(&err.to_string()).unwrap());
/// ```
#[derive(Debug)]
pub struct JsonText<'a> {
    out: &'a mut Vec<u8>,
    cut: Cut,
}

impl<'a> JsonText<'a> {
    /// Opens the string (`"`).
    #[inline]
    fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'"');
        Self {
            out,
            cut: Cut::new(MAX_MESSAGE_BYTES),
        }
    }

    /// Appends `s`, escaped.
    ///
    /// # Errors
    /// When the text is cut (at this piece or before).
    #[inline]
    pub fn str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.out, self.cut.take(s));
        self.go_on()
    }

    /// Appends text that needs no escaping (no `"`, `\` or control character; checked
    /// in debug builds), as it is: the fixed text of a derived message, which the derive
    /// checked at compile time.
    ///
    /// # Errors
    /// When the text is cut (at this piece or before).
    #[inline]
    pub fn plain(&mut self, s: &str) -> fmt::Result {
        debug_assert!(escape::plain(s), "{s:?} needs escaping: use `str`");
        self.out.extend_from_slice(self.cut.take(s).as_bytes());
        self.go_on()
    }

    /// Appends `n` in decimal.
    ///
    /// # Errors
    /// When the text is cut (at this piece or before).
    #[inline]
    pub fn u64(&mut self, n: u64) -> fmt::Result {
        self.plain(itoa::Buffer::new().format(n))
    }

    /// Appends `n` in decimal.
    ///
    /// # Errors
    /// When the text is cut (at this piece or before).
    #[inline]
    pub fn i64(&mut self, n: i64) -> fmt::Result {
        self.plain(itoa::Buffer::new().format(n))
    }

    /// Appends what `value` displays, escaped piece by piece as it is formatted (the
    /// formatting stops at the cut).
    ///
    /// # Errors
    /// When the text is cut, or `value`'s `Display` fails.
    pub fn display(&mut self, value: &dyn fmt::Display) -> fmt::Result {
        fmt::write(self, format_args!("{value}"))
    }

    #[inline]
    fn go_on(&self) -> fmt::Result {
        if self.cut.is_cut() {
            Err(fmt::Error)
        } else {
            Ok(())
        }
    }

    /// Closes the string: a cut text gets the marker; a failed `Display` is an error.
    #[inline]
    fn close(self, result: fmt::Result) -> Result<(), RenderError> {
        if self.cut.is_cut() {
            self.out.extend_from_slice(TRUNCATION_MARKER.as_bytes());
        } else if result.is_err() {
            return Err(RenderError::new(DISPLAY_FAILED));
        }
        self.out.push(b'"');
        Ok(())
    }
}

impl fmt::Write for JsonText<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.str(s)
    }
}

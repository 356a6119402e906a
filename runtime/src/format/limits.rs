//! Limits on what an envelope carries, so that rendering an error never panics, never
//! overflows the stack and never allocates in proportion to a hostile input.
//!
//! An error path must not be the thing that fails: an error whose message interpolates a
//! 50 MB request field, a validation error listing a million violations or a
//! `#[detail]` nested ten thousand levels deep still renders as a bounded, valid
//! envelope. Every built-in format applies these limits; a format of your own gets them
//! by writing with a [`JsonWriter`](crate::format::JsonWriter), or by streaming its message
//! with [`Message`](crate::format::Message) and serialising with
//! [`write_json`](crate::format::write_json).
//!
//! | what | limit | beyond it |
//! |---|---|---|
//! | the message (`message`, `detail`; localised text included) | [`MAX_MESSAGE_BYTES`] bytes of UTF-8 | cut to its longest prefix of at most that many bytes that ends on a character boundary, followed by [`TRUNCATION_MARKER`] (`…`) |
//! | each violation's text (`msg`, `message`, `detail` of an entry) | [`MAX_MESSAGE_BYTES`] bytes | the same cut |
//! | the request id (body and headers) | [`MAX_REQUEST_ID_BYTES`] bytes | cut on a character boundary |
//! | the path a Problem `instance` is made from | [`MAX_INSTANCE_BYTES`] bytes | cut on a character boundary, then percent-encoded |
//! | violations listed | [`MAX_VIOLATIONS`] | the first [`MAX_VIOLATIONS`] are listed, followed by one entry of kind [`OMITTED_KIND`] saying how many were left out ([`omitted`]) |
//! | each string inside a value (a `#[detail]`'s, a violation's `input`, `ctx`, `type`, `loc` segment, a key) | [`MAX_MESSAGE_BYTES`] bytes | the same cut |
//! | the values of one body together (details, violation inputs and contexts, lists written through `serde`) | [`MAX_VALUES_BYTES`] bytes of JSON | the body is refused, as for the depth (next row) |
//! | nesting of the body (objects and arrays, the envelope's own included) | [`MAX_DEPTH`] levels | the body is refused: [`write_body`](crate::ApiError::write_body) returns a [`RenderError`](crate::format::RenderError) and leaves its buffer as it was, and [`to_response`](crate::ApiError::to_response) falls back to the error without details or violations, with its public text (see [`render`](crate::render)) |
//!
//! A message or violation text at or under the limit is sent unchanged. The depth limit
//! keeps every body readable by `serde_json`'s default recursion limit (128). A
//! `#[detail]` value or a violation's `input` nested up to `MAX_DEPTH - 4` (60) levels
//! renders in every built-in format, and a value in a violation's `ctx` up to
//! `MAX_DEPTH - 5`: the deepest envelopes (ScaiWave's and ScaiGrid's lists,
//! `{"error":{"details":[{"input":..}]}}`) put a value 4 levels down.
//!
//! The marker entry of a long violation list takes the shape of the format's other
//! entries, with an empty location and [`OMITTED_KIND`] as its kind:
//!
//! ```
//! use api_envelope::format::ScaiDrive;
//! use api_envelope::format::limits::MAX_VIOLATIONS;
//! use api_envelope::{ApiError, Context, Violation};
//!
//! #[derive(Debug, ApiError)]
//! enum InputError {
//!     /// Request body failed validation.
//!     #[code("validation_error", status = 422)]
//!     #[message("invalid request")]
//!     Invalid { #[violations] violations: Vec<Violation> },
//! }
//!
//! let violations = (0..MAX_VIOLATIONS + 7)
//!     .map(|i| Violation::new(["body", "items"], "bad item").at(i))
//!     .collect();
//! let res = InputError::Invalid { violations }.to_response(&ScaiDrive, &Context::new());
//! let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
//! let listed = body["detail"].as_array().unwrap();
//! assert_eq!(listed.len(), MAX_VIOLATIONS + 1);
//! assert_eq!(
//!     listed[MAX_VIOLATIONS],
//!     serde_json::json!({"type": "too_many_violations", "loc": [],
//!                        "msg": "7 more violations were left out", "input": 7})
//! );
//! ```
//!
//! Costs: the message is counted in the same pass that escapes it into the body (no copy,
//! no second formatting pass); a violation text is cut without copying; the depth is one
//! counter in the JSON writer and formatter. Only a violation list over the limit
//! allocates (the marker entry's text).

use std::borrow::Cow;
use std::fmt;
use std::io;

use serde::{Serialize, Serializer};

use crate::violation::Violation;

/// The most bytes of a message (or of one violation's text) sent as it is.
pub const MAX_MESSAGE_BYTES: usize = 8 * 1024;

/// What follows a message cut at [`MAX_MESSAGE_BYTES`]: `…` (U+2026, three bytes).
pub const TRUNCATION_MARKER: &str = "\u{2026}";

/// The most bytes of a request id an envelope carries (in its body, and, made
/// header-safe, in a header); a longer one is cut (the serving integrations replace an
/// incoming id over 128 characters before it gets here).
pub const MAX_REQUEST_ID_BYTES: usize = 128;

/// The most bytes of the request path an RFC 9457 `instance` is made from; a longer
/// path is cut (then percent-encoded as any other).
pub const MAX_INSTANCE_BYTES: usize = 2048;

/// The most violations an envelope lists; the rest are counted in one last entry.
pub const MAX_VIOLATIONS: usize = 100;

/// The kind (Pydantic `type`, ScaiKey `code`) of the entry that counts the violations
/// left out.
pub const OMITTED_KIND: &str = "too_many_violations";

/// The deepest nesting of arrays and objects a body may have, counting the envelope's
/// own: `{"error":{"details":{...}}}` is three levels deep.
pub const MAX_DEPTH: usize = 64;

/// The violations an envelope lists and how many are left out: at most
/// [`MAX_VIOLATIONS`] of them, in order.
///
/// ```
/// use api_envelope::Violation;
/// use api_envelope::format::limits::{MAX_VIOLATIONS, listed};
///
/// let many = vec![Violation::new(["q"], "bad"); MAX_VIOLATIONS + 2];
/// let (shown, left_out) = listed(&many);
/// assert_eq!((shown.len(), left_out), (MAX_VIOLATIONS, 2));
/// assert_eq!(listed(&many[..3]).1, 0);
/// ```
#[must_use]
pub fn listed(violations: &[Violation]) -> (&[Violation], usize) {
    if violations.len() <= MAX_VIOLATIONS {
        (violations, 0)
    } else {
        (
            &violations[..MAX_VIOLATIONS],
            violations.len() - MAX_VIOLATIONS,
        )
    }
}

/// The entry that stands for `count` violations left out: an empty location, kind
/// [`OMITTED_KIND`], the message `"<count> more violations were left out"` and the count
/// as its `input`.
#[must_use]
pub fn omitted(count: usize) -> Violation {
    Violation::new(Vec::<crate::Segment>::new(), omitted_message(count))
        .kind(OMITTED_KIND)
        .input(count)
}

fn omitted_message(count: usize) -> Cow<'static, str> {
    if count == 1 {
        Cow::Borrowed("1 more violation was left out")
    } else {
        Cow::Owned(format!("{count} more violations were left out"))
    }
}

/// Calls `f` with each violation an envelope lists: the first [`MAX_VIOLATIONS`], then
/// the [`omitted`] entry when some were left out.
///
/// # Errors
/// The first error `f` returns.
pub fn try_for_each_listed<E>(
    violations: &[Violation],
    mut f: impl FnMut(&Violation) -> Result<(), E>,
) -> Result<(), E> {
    let (shown, left_out) = listed(violations);
    for v in shown {
        f(v)?;
    }
    if left_out > 0 {
        f(&omitted(left_out))?;
    }
    Ok(())
}

/// The number of entries an envelope lists for `violations`: at most
/// `MAX_VIOLATIONS + 1`.
#[must_use]
pub fn listed_len(violations: &[Violation]) -> usize {
    let (shown, left_out) = listed(violations);
    shown.len() + usize::from(left_out > 0)
}

/// What is left of one text's byte allowance: the one implementation of "cut at N bytes
/// on a UTF-8 boundary, then mark it" that every limit above uses (the message, a
/// violation's text, a string inside a value).
///
/// The text passes through [`take`](Self::take) piece by piece; once a piece does not fit,
/// its longest prefix ending on a character boundary is kept, the text is cut, and nothing
/// after it is taken. The writer then ends the text with [`TRUNCATION_MARKER`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cut {
    left: usize,
    cut: bool,
}

impl Cut {
    /// An allowance of `limit` bytes.
    #[inline]
    pub(crate) const fn new(limit: usize) -> Self {
        Self {
            left: limit,
            cut: false,
        }
    }

    /// The part of `s` that may be sent: all of it while it fits, else its longest prefix
    /// ending on a character boundary (after which the text is cut); nothing once cut.
    #[inline]
    pub(crate) fn take<'s>(&mut self, s: &'s str) -> &'s str {
        if let Some(left) = self.left.checked_sub(s.len())
            && !self.cut
        {
            self.left = left;
            return s;
        }
        self.cut_at(s)
    }

    #[cold]
    fn cut_at<'s>(&mut self, s: &'s str) -> &'s str {
        if self.cut {
            return "";
        }
        let kept = &s[..s.floor_char_boundary(self.left)];
        self.left = 0;
        self.cut = true;
        kept
    }

    /// Takes one byte of text (a character written as an escape counts as the one byte
    /// it stands for); `false` (and the text cut) when none is left.
    #[inline]
    pub(crate) fn take_byte(&mut self) -> bool {
        if self.cut {
            return false;
        }
        match self.left.checked_sub(1) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                self.cut = true;
                false
            }
        }
    }

    /// Whether the text was cut.
    #[inline]
    pub(crate) const fn is_cut(&self) -> bool {
        self.cut
    }
}

/// Writes what `args` formats to `f`, cut at [`MAX_MESSAGE_BYTES`] as the
/// [module docs](self) say. Formatting stops at the cut, so a huge `Display` costs no
/// more than the limit.
///
/// # Errors
/// When `f` or the formatted value fails (a cut is not a failure).
pub fn write_capped(f: &mut fmt::Formatter<'_>, args: fmt::Arguments<'_>) -> fmt::Result {
    capped_into(f, args)
}

/// [`write_capped`] into any `fmt::Write`.
pub(crate) fn capped_into<W: fmt::Write + ?Sized>(
    out: &mut W,
    args: fmt::Arguments<'_>,
) -> fmt::Result {
    let mut writer = CapWriter {
        inner: out,
        cut: Cut::new(MAX_MESSAGE_BYTES),
    };
    let result = fmt::write(&mut writer, args);
    if writer.cut.is_cut() {
        writer.inner.write_str(TRUNCATION_MARKER)
    } else {
        result
    }
}

struct CapWriter<'a, W: ?Sized> {
    inner: &'a mut W,
    cut: Cut,
}

impl<W: fmt::Write + ?Sized> fmt::Write for CapWriter<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.inner.write_str(self.cut.take(s))?;
        if self.cut.is_cut() {
            // Stop the value's `Display`: nothing after the cut is sent.
            return Err(fmt::Error);
        }
        Ok(())
    }
}

/// A text serialised cut at [`MAX_MESSAGE_BYTES`] (a violation's message).
#[derive(Debug, Clone, Copy)]
pub struct Capped<'a>(pub &'a str);

impl Capped<'_> {
    /// The text sent and whether it was cut.
    fn kept(&self) -> (&str, bool) {
        let mut cut = Cut::new(MAX_MESSAGE_BYTES);
        let kept = cut.take(self.0);
        (kept, cut.is_cut())
    }
}

impl fmt::Display for Capped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kept, cut) = self.kept();
        f.write_str(kept)?;
        if cut {
            f.write_str(TRUNCATION_MARKER)?;
        }
        Ok(())
    }
}

impl Serialize for Capped<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.kept() {
            (kept, false) => serializer.serialize_str(kept),
            _ => serializer.collect_str(self),
        }
    }
}

/// The most bytes of JSON the values of one body (its `#[detail]` values, violation
/// inputs, contexts and lists, everything written through `serde`) may take together;
/// beyond it the body is refused, as for [`MAX_DEPTH`].
pub const MAX_VALUES_BYTES: usize = 256 * 1024;

/// The output of `serde` values: a `Vec` with a byte budget shared by the values of one
/// body ([`MAX_VALUES_BYTES`]); a write over it fails, so a huge value stops at once.
pub(crate) struct Budgeted<'a> {
    out: &'a mut Vec<u8>,
    left: &'a mut usize,
}

impl<'a> Budgeted<'a> {
    pub(crate) fn new(out: &'a mut Vec<u8>, left: &'a mut usize) -> Self {
        Self { out, left }
    }
}

impl io::Write for Budgeted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(left) = self.left.checked_sub(buf.len()) else {
            return Err(io::Error::other(TooLarge));
        };
        *self.left = left;
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The render error of values over [`MAX_VALUES_BYTES`].
pub(crate) fn too_large() -> crate::format::RenderError {
    crate::format::RenderError::new(TooLarge)
}

/// The error of values over [`MAX_VALUES_BYTES`].
#[derive(Debug)]
struct TooLarge;

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the body's values would take more than {MAX_VALUES_BYTES} bytes"
        )
    }
}

impl std::error::Error for TooLarge {}

/// `serde_json`'s compact output, refusing to nest deeper than [`MAX_DEPTH`] and cutting
/// every string (a value's, a key's) at [`MAX_MESSAGE_BYTES`] bytes, then `…`.
#[derive(Debug)]
pub(crate) struct DepthLimit {
    depth: usize,
    /// What the open string may still take.
    string: Cut,
}

impl DepthLimit {
    /// The formatter of a value written inside `depth` levels already open.
    pub(crate) fn at(depth: usize) -> Self {
        Self {
            depth,
            string: Cut::new(MAX_MESSAGE_BYTES),
        }
    }

    fn enter(&mut self) -> io::Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(io::Error::other(TooDeep));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

/// The error of a body nested deeper than [`MAX_DEPTH`].
#[derive(Debug)]
struct TooDeep;

impl fmt::Display for TooDeep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the body would nest deeper than {MAX_DEPTH} levels")
    }
}

impl std::error::Error for TooDeep {}

impl serde_json::ser::Formatter for DepthLimit {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.enter()?;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.leave();
        writer.write_all(b"]")
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.enter()?;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.leave();
        writer.write_all(b"}")
    }

    fn begin_string<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.string = Cut::new(MAX_MESSAGE_BYTES);
        writer.write_all(b"\"")
    }

    fn end_string<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        if self.string.is_cut() {
            writer.write_all(TRUNCATION_MARKER.as_bytes())?;
        }
        writer.write_all(b"\"")
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        writer.write_all(self.string.take(fragment).as_bytes())
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> io::Result<()> {
        // The cut counts the text's own bytes (as `Capped` and the message do): an
        // escaped character is one byte of it.
        if self.string.take_byte() {
            serde_json::ser::CompactFormatter.write_char_escape(writer, escape)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Show<'a>(&'a str);

    impl fmt::Display for Show<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_capped(f, format_args!("{}", self.0))
        }
    }

    #[test]
    fn cuts_on_a_char_boundary() {
        let exact = "a".repeat(MAX_MESSAGE_BYTES);
        assert_eq!(Show(&exact).to_string(), exact);
        let over = format!("{exact}b");
        assert_eq!(Show(&over).to_string(), format!("{exact}…"));
        // A 3-byte char straddling the limit is left out whole.
        let straddle = format!("{}€", "a".repeat(MAX_MESSAGE_BYTES - 1));
        assert_eq!(
            Show(&straddle).to_string(),
            format!("{}…", "a".repeat(MAX_MESSAGE_BYTES - 1))
        );
        assert_eq!(Capped(&straddle).to_string(), Show(&straddle).to_string());
        assert_eq!(Capped(&exact).to_string(), exact);
    }

    #[test]
    fn omitted_entry() {
        assert_eq!(omitted(1).message, "1 more violation was left out");
        assert_eq!(omitted(5).message, "5 more violations were left out");
        assert_eq!(omitted(5).kind, OMITTED_KIND);
        assert!(omitted(5).loc.is_empty());
        assert_eq!(omitted(5).input, Some(serde_json::json!(5)));
    }
}

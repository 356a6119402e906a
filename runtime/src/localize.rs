//! Localised messages: the arguments an error gives a translation, and the message id of
//! each code.
//!
//! A [`Localizer`](crate::Localizer) may translate by code alone, or (with
//! [`Localizer::localize_error`](crate::Localizer::localize_error)) with the error's own
//! fields: [`ApiError::visit_message_args`](crate::ApiError::visit_message_args) reports
//! the fields its message interpolates and its `#[detail]` fields as [`MessageArg`]s,
//! numbers as numbers (so a translation's plural rules see them).
//!
//! The feature `fluent` adds [`FluentLocalizer`](fluent::FluentLocalizer), backed by
//! Fluent bundles, and the coverage check of `.ftl` files.
//!
//! ```
//! use api_envelope::ApiError;
//! use api_envelope::localize::{MessageArg, message_id};
//!
//! #[derive(Debug, ApiError)]
//! enum RoomError {
//!     /// Room is full.
//!     #[code("SW_ROOM_CAPACITY", status = 409)]
//!     #[message("room {room_id} holds {limit} members")]
//!     Capacity { #[detail] room_id: String, limit: u32 },
//! }
//!
//! let err = RoomError::Capacity { room_id: "r1".into(), limit: 8 };
//! let mut args = Vec::new();
//! err.visit_message_args(&mut |name, value| args.push((name.to_owned(), value.to_string())));
//! assert_eq!(args, [("room_id".to_owned(), "r1".to_owned()), ("limit".to_owned(), "8".to_owned())]);
//! assert_eq!(message_id(err.entry()), "sw-room-capacity");
//! ```

use std::borrow::Cow;
use std::fmt;

use crate::catalog::CatalogEntry;
use crate::details::{Detail, Repr};

#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub mod fluent;

/// One argument of a localised message: a field's value, numbers kept as numbers.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum MessageArg<'a> {
    /// A string.
    Str(&'a str),
    /// An unsigned integer.
    U64(u64),
    /// A signed integer.
    I64(i64),
    /// A floating-point number.
    F64(f64),
    /// A `bool` (Fluent has none: passed as `"true"` / `"false"`).
    Bool(bool),
    /// Any other value, by its `Display`.
    Display(&'a dyn fmt::Display),
}

impl fmt::Debug for MessageArg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Str(s) => f.debug_tuple("Str").field(s).finish(),
            Self::U64(n) => f.debug_tuple("U64").field(n).finish(),
            Self::I64(n) => f.debug_tuple("I64").field(n).finish(),
            Self::F64(n) => f.debug_tuple("F64").field(n).finish(),
            Self::Bool(b) => f.debug_tuple("Bool").field(b).finish(),
            Self::Display(d) => f.debug_tuple("Display").field(&d.to_string()).finish(),
        }
    }
}

impl fmt::Display for MessageArg<'_> {
    /// The value as the default message shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Str(s) => f.write_str(s),
            Self::U64(n) => n.fmt(f),
            Self::I64(n) => n.fmt(f),
            Self::F64(n) => n.fmt(f),
            Self::Bool(b) => b.fmt(f),
            Self::Display(d) => d.fmt(f),
        }
    }
}

/// A detail value as an argument: strings, integers and `bool`s as they are, any other
/// value by its JSON text.
pub(crate) fn detail_arg<R>(value: Detail<'_>, f: impl FnOnce(MessageArg<'_>) -> R) -> R {
    match value.0 {
        Repr::Str(s) => f(MessageArg::Str(s)),
        Repr::U64(n) => f(MessageArg::U64(n)),
        Repr::I64(n) => f(MessageArg::I64(n)),
        Repr::Bool(b) => f(MessageArg::Bool(b)),
        Repr::Value(_) => {
            let mut out = Vec::new();
            let text = match crate::format::write_json(&mut out, &value) {
                Ok(()) => String::from_utf8(out).unwrap_or_default(),
                Err(_) => String::new(),
            };
            // A JSON string's own text, any other value as JSON.
            let shown = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(serde_json::Value::String(s)) => s,
                _ => text,
            };
            f(MessageArg::Str(&shown))
        }
    }
}

/// The message id of `entry` in a translation (a Fluent message id): the one declared
/// with `#[code(.., message_id = "..")]`, else the code in lower case with every run of
/// characters other than ASCII letters and digits a single `-` (`SW_ROOM_FROZEN` →
/// `sw-room-frozen`, `auth.api_key.expired` → `auth-api-key-expired`), prefixed with
/// `e-` when it would not start with a letter (Fluent ids do).
///
/// ```
/// use api_envelope::catalog::CatalogEntry;
/// use api_envelope::http::StatusCode;
/// use api_envelope::localize::message_id;
///
/// let entry = |code| CatalogEntry::new(code, &[StatusCode::CONFLICT], None, "", "V");
/// assert_eq!(message_id(&entry("SW_ROOM_FROZEN")), "sw-room-frozen");
/// assert_eq!(message_id(&entry("auth.api_key.expired")), "auth-api-key-expired");
/// assert_eq!(message_id(&entry("http.413")), "http-413");
/// assert_eq!(message_id(&entry("404")), "e-404");
/// assert_eq!(message_id(&entry("x").with_message_id("room-closed")), "room-closed");
/// ```
#[must_use]
pub fn message_id(entry: &CatalogEntry) -> Cow<'static, str> {
    if let Some(id) = entry.message_id {
        return Cow::Borrowed(id);
    }
    Cow::Owned(derived_id(entry.code))
}

/// The derived message id of `code` (see [`message_id`]).
#[must_use]
pub fn derived_id(code: &str) -> String {
    let mut id = String::with_capacity(code.len() + 2);
    let mut dash = false;
    for c in code.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !id.is_empty() {
                id.push('-');
            }
            dash = false;
            id.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "e-");
    }
    id
}

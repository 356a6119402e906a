//! The `#[detail]` fields of an error, read without allocating.

use std::fmt;

use crate::format::json::JsonSerializer;

/// One detail value, borrowed from the error: anything `serde::Serialize`.
///
/// Formats serialise it straight into the body; no intermediate value is built. A string,
/// an integer or a `bool` ([`str`](Self::str), [`u64`](Self::u64), [`i64`](Self::i64),
/// [`bool`](Self::bool); the derive picks these for fields of those types) is written by
/// the built-in formats without `serde`; any other value ([`new`](Self::new)) through its
/// own `Serialize` impl (one virtual call). Through the `Serialize` impl of `Detail`
/// itself (any other serializer) a value goes through `erased-serde`.
///
/// ```
/// use api_envelope::Detail;
///
/// let json = |d: Detail<'_>| serde_json::to_string(&d).unwrap();
/// assert_eq!(json(Detail::str("r_42")), r#""r_42""#);
/// assert_eq!(json(Detail::u64(7)), "7");
/// assert_eq!(json(Detail::new(&vec![1, 2])), "[1,2]");
/// ```
#[derive(Clone, Copy)]
pub struct Detail<'a>(pub(crate) Repr<'a>);

/// What a [`Detail`] holds.
#[derive(Clone, Copy)]
pub(crate) enum Repr<'a> {
    Str(&'a str),
    U64(u64),
    I64(i64),
    Bool(bool),
    Value(&'a dyn Value),
}

impl<'a> Detail<'a> {
    /// Wraps a borrowed serialisable value.
    pub fn new<T: serde::Serialize>(value: &'a T) -> Self {
        Self(Repr::Value(value))
    }

    /// A string (the same JSON as `Detail::new(&s)`, written without `serde`).
    #[must_use]
    pub const fn str(s: &'a str) -> Self {
        Self(Repr::Str(s))
    }

    /// An unsigned integer.
    #[must_use]
    pub const fn u64(n: u64) -> Self {
        Self(Repr::U64(n))
    }

    /// A signed integer.
    #[must_use]
    pub const fn i64(n: i64) -> Self {
        Self(Repr::I64(n))
    }

    /// A boolean.
    #[must_use]
    pub const fn bool(b: bool) -> Self {
        Self(Repr::Bool(b))
    }
}

/// A detail value: its `Serialize` impl for the JSON serializer of the built-in formats,
/// and type-erased for any other. One blanket impl, so every `Serialize` type has both.
pub(crate) trait Value {
    fn write_json(&self, ser: &mut JsonSerializer<'_>) -> Result<(), serde_json::Error>;
    fn erased(&self) -> &dyn erased_serde::Serialize;
}

impl<T: serde::Serialize> Value for T {
    fn write_json(&self, ser: &mut JsonSerializer<'_>) -> Result<(), serde_json::Error> {
        self.serialize(ser)
    }

    fn erased(&self) -> &dyn erased_serde::Serialize {
        self
    }
}

impl fmt::Debug for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Str(s) => write!(f, "Detail({s:?})"),
            Repr::U64(n) => write!(f, "Detail({n})"),
            Repr::I64(n) => write!(f, "Detail({n})"),
            Repr::Bool(b) => write!(f, "Detail({b})"),
            Repr::Value(_) => f.write_str("Detail(..)"),
        }
    }
}

impl serde::Serialize for Detail<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Repr::Str(s) => serializer.serialize_str(s),
            Repr::U64(n) => serializer.serialize_u64(n),
            Repr::I64(n) => serializer.serialize_i64(n),
            Repr::Bool(b) => serializer.serialize_bool(b),
            Repr::Value(v) => erased_serde::serialize(v.erased(), serializer),
        }
    }
}

/// Receives the `#[detail]` fields of an error, in declaration order.
///
/// Implemented for every `FnMut(&'static str, Detail<'_>)`.
pub trait DetailVisitor {
    /// Called once per detail field with its name (the field name, or the
    /// `#[detail(name = "...")]`) and its value.
    fn detail(&mut self, name: &'static str, value: Detail<'_>);

    /// The same as [`detail`](Self::detail), for a name that needs no JSON escaping (no
    /// `"`, `\` or control character): a format may write it as it is. The derive calls
    /// it for every name it can check at compile time (a field's name always, a
    /// `#[detail(name = "..")]` that is plain); a hand-written impl may call it only for
    /// such names (checked in debug builds by the built-in formats). Calls
    /// [`detail`](Self::detail) unless overridden.
    fn plain_detail(&mut self, name: &'static str, value: Detail<'_>) {
        self.detail(name, value);
    }
}

impl<F: FnMut(&'static str, Detail<'_>)> DetailVisitor for F {
    fn detail(&mut self, name: &'static str, value: Detail<'_>) {
        self(name, value);
    }
}

//! The `#[detail]` fields of an error, read without allocating.

use std::fmt;

use crate::format::json::JsonSerializer;

/// One detail value, borrowed from the error: anything `serde::Serialize`.
///
/// Formats serialise it straight into the body; no intermediate value is built. The
/// built-in formats call the value's own `Serialize` impl directly (one virtual call);
/// through the `Serialize` impl of `Detail` itself (any other serializer) it goes through
/// `erased-serde`.
#[derive(Clone, Copy)]
pub struct Detail<'a>(&'a dyn Value);

impl<'a> Detail<'a> {
    /// Wraps a borrowed serialisable value.
    pub fn new<T: serde::Serialize>(value: &'a T) -> Self {
        Self(value)
    }

    /// Serialises the value as the built-in formats do.
    pub(crate) fn write_json(self, ser: &mut JsonSerializer<'_>) -> Result<(), serde_json::Error> {
        self.0.write_json(ser)
    }
}

/// A detail value: its `Serialize` impl for the JSON serializer of the built-in formats,
/// and type-erased for any other. One blanket impl, so every `Serialize` type has both.
trait Value {
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
        f.write_str("Detail(..)")
    }
}

impl serde::Serialize for Detail<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        erased_serde::serialize(self.0.erased(), serializer)
    }
}

/// Receives the `#[detail]` fields of an error, in declaration order.
///
/// Implemented for every `FnMut(&'static str, Detail<'_>)`.
pub trait DetailVisitor {
    /// Called once per detail field with its name (the field name, or the
    /// `#[detail(name = "...")]`) and its value.
    fn detail(&mut self, name: &'static str, value: Detail<'_>);
}

impl<F: FnMut(&'static str, Detail<'_>)> DetailVisitor for F {
    fn detail(&mut self, name: &'static str, value: Detail<'_>) {
        self(name, value);
    }
}

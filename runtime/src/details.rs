//! The `#[detail]` fields of an error, read without allocating.

use std::fmt;

/// One detail value, borrowed from the error: anything `serde::Serialize`.
///
/// Formats serialise it straight into the body; no intermediate value is built.
#[derive(Clone, Copy)]
pub struct Detail<'a>(&'a dyn erased_serde::Serialize);

impl<'a> Detail<'a> {
    /// Wraps a borrowed serialisable value.
    pub fn new<T: serde::Serialize>(value: &'a T) -> Self {
        Self(value)
    }
}

impl fmt::Debug for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Detail(..)")
    }
}

impl serde::Serialize for Detail<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        erased_serde::serialize(self.0, serializer)
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

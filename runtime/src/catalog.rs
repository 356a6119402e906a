//! The static catalogue of an error type: one [`CatalogEntry`] per code.
//!
//! `#[derive(ApiError)]` builds the catalogue at compile time from the variants'
//! attributes and doc comments, so it can be read without a value:
//! [`ApiError::catalog`](crate::ApiError::catalog) or
//! [`Catalogued::CATALOG`].

use http::StatusCode;

/// How the codes of one error type are spelled.
///
/// Chosen on the enum with `#[api_error(convention = "...")]` and checked at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Convention {
    /// No convention declared: any non-empty code without whitespace.
    Any,
    /// `UPPER_SNAKE_CASE`: segments of `[A-Z0-9]` joined by single `_` (ScaiWave, ScaiGrid).
    ScreamingSnake,
    /// `lower_snake_case`: segments of `[a-z0-9]` joined by single `_` (ScaiKey).
    SnakeCase,
    /// Dot-namespaced: segments of `[a-z0-9_-]` joined by `.` (Sonny Labs:
    /// `auth.token.invalid`, `service.not-ready`, `http.403`).
    Dotted,
}

impl Convention {
    /// The name used in `#[api_error(convention = "...")]`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::ScreamingSnake => "SCREAMING_SNAKE",
            Self::SnakeCase => "snake_case",
            Self::Dotted => "dotted",
        }
    }
}

/// One row of a catalogue: everything a reference page says about one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogEntry {
    /// The stable, machine-readable code, e.g. `SW_ROOM_FROZEN`: printable ASCII without
    /// `"` or `\`, as [`new`](Self::new) checks. The formats write it into bodies without
    /// escaping, so an entry must not be given another code after `new`.
    pub code: &'static str,
    /// Every HTTP status the code is documented with; the first is the default.
    /// Never empty.
    pub statuses: &'static [StatusCode],
    /// The family (reference-page section) the code belongs to, if declared.
    pub family: Option<&'static str>,
    /// The catalogue meaning: the variant's doc comment (may be empty).
    pub meaning: &'static str,
    /// The Rust name of the variant (or of the struct).
    pub variant: &'static str,
    /// A text declared safe to show in place of the internal message on a 5xx
    /// (`#[code(..., public = "...")]`).
    pub public: Option<&'static str>,
    /// Whether the variant opted in to showing its own message even on a 5xx
    /// (`#[code(..., expose)]`).
    pub expose: bool,
}

impl CatalogEntry {
    /// Builds an entry; used by the derive, and by hand-written [`ApiError`](crate::ApiError) impls.
    ///
    /// The code must be printable ASCII (`' '` to `'~'`) without `"` or `\`: the formats
    /// write it into the body as it is, without escaping. The derive's conventions only
    /// accept such codes; a hand-written entry is checked here.
    ///
    /// # Panics
    /// When `statuses` is empty or `code` holds another character (at compile time when
    /// used in a `const` or `static`, as the derive and the examples do):
    ///
    /// ```compile_fail,E0080
    /// use api_envelope::CatalogEntry;
    /// use api_envelope::http::StatusCode;
    ///
    /// const BAD: CatalogEntry =
    ///     CatalogEntry::new("SW_\"QUOTED\"", &[StatusCode::CONFLICT], None, "", "Quoted");
    /// ```
    #[must_use]
    pub const fn new(
        code: &'static str,
        statuses: &'static [StatusCode],
        family: Option<&'static str>,
        meaning: &'static str,
        variant: &'static str,
    ) -> Self {
        assert!(
            !statuses.is_empty(),
            "a catalogue entry needs at least one status"
        );
        assert!(
            is_wire_code(code),
            "a code must be printable ASCII without `\"` or `\\` (it is written into bodies unescaped)"
        );
        Self {
            code,
            statuses,
            family,
            meaning,
            variant,
            public: None,
            expose: false,
        }
    }

    /// Sets the public text shown on a 5xx instead of the internal message.
    #[must_use]
    pub const fn with_public(mut self, public: &'static str) -> Self {
        self.public = Some(public);
        self
    }

    /// Lets the variant's own message reach the wire even on a 5xx.
    #[must_use]
    pub const fn with_expose(mut self, expose: bool) -> Self {
        self.expose = expose;
        self
    }

    /// The default (first declared) status.
    #[must_use]
    pub const fn status(&self) -> StatusCode {
        self.statuses[0]
    }
}

/// Whether `code` can be written into a JSON string as it is: printable ASCII (`' '` to
/// `'~'`) other than `"` and `\`.
const fn is_wire_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < b' ' || b > b'~' || b == b'"' || b == b'\\' {
            return false;
        }
        i += 1;
    }
    true
}

/// The catalogue of one error type: its name, code convention and entries in
/// declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Catalog {
    /// The Rust name of the error type.
    pub name: &'static str,
    /// The code convention the derive checked.
    pub convention: Convention,
    /// The code prefix the derive checked (`""` when none).
    pub prefix: &'static str,
    /// One entry per code of the type's own variants, in declaration order.
    pub entries: &'static [CatalogEntry],
    /// The catalogues of the types its transparent variants wrap
    /// (`#[code(transparent)]`), in declaration order: the type answers their codes too.
    pub nested: &'static [Catalog],
}

impl Catalog {
    /// Builds a catalogue; used by the derive and by hand-written impls.
    #[must_use]
    pub const fn new(
        name: &'static str,
        convention: Convention,
        prefix: &'static str,
        entries: &'static [CatalogEntry],
    ) -> Self {
        Self {
            name,
            convention,
            prefix,
            entries,
            nested: &[],
        }
    }

    /// The same catalogue, also answering the codes of `nested` (the catalogues of the
    /// types its transparent variants wrap).
    #[must_use]
    pub const fn with_nested(mut self, nested: &'static [Catalog]) -> Self {
        self.nested = nested;
        self
    }

    /// The entry of `code`, if this catalogue has it.
    ///
    /// ```
    /// use api_envelope::{ApiError, Catalogued};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum E {
    ///     /// Closed or archived.
    ///     #[code("SW_ROOM_FROZEN", status = 409)]
    ///     Frozen,
    /// }
    /// let entry = E::CATALOG.get("SW_ROOM_FROZEN").unwrap();
    /// assert_eq!(entry.meaning, "Closed or archived.");
    /// assert!(E::CATALOG.get("SW_NOPE").is_none());
    /// ```
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&'static CatalogEntry> {
        self.entries.iter().find(|e| e.code == code)
    }

    /// The number of codes.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the catalogue has no codes.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Types whose catalogue is a compile-time constant (every `#[derive(ApiError)]` type).
///
/// The constant is what lets several enums be joined into one product catalogue and
/// checked for repeated codes at compile time.
pub trait Catalogued {
    /// The whole catalogue of the type.
    const CATALOG: Catalog;
}

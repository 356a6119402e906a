//! An error standing for one catalogue entry.

use std::fmt;

use http::StatusCode;

use crate::ApiError;
use crate::catalog::{Catalog, CatalogEntry, Convention};

/// An error standing for one catalogue entry, with no fields: its code, one of its
/// documented statuses, and its catalogue meaning as message.
///
/// What an OpenAPI example or a demo server shows for a code without a real value of the
/// error type at hand; every format renders it like a unit variant.
///
/// ```
/// use api_envelope::format::ScaiWave;
/// use api_envelope::integrations::CatalogSample;
/// use api_envelope::{ApiError, Catalogued, Context};
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     /// A downstream dependency is unreachable.
///     #[code("UPSTREAM_UNAVAILABLE", status = [502, 503])]
///     Unavailable { #[status] status: u16 },
/// }
/// let entry = E::CATALOG.get("UPSTREAM_UNAVAILABLE").unwrap();
/// let sample = CatalogSample::new(entry).with_status(503).unwrap();
/// assert_eq!(sample.status(), 503);
/// let res = sample.to_response(&ScaiWave, &Context::new());
/// assert_eq!(
///     res.body().as_slice(),
///     br#"{"error":{"code":"UPSTREAM_UNAVAILABLE","message":"A downstream dependency is unreachable."}}"#
/// );
/// assert!(CatalogSample::new(entry).with_status(500).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogSample {
    entry: &'static CatalogEntry,
    status: StatusCode,
}

/// The catalogue of [`CatalogSample`] as a type: empty (each value names its own entry).
static SAMPLE_CATALOG: Catalog = Catalog::new("CatalogSample", Convention::Any, "", &[]);

impl CatalogSample {
    /// The sample of `entry`, with its default (first) status.
    #[must_use]
    pub const fn new(entry: &'static CatalogEntry) -> Self {
        Self {
            entry,
            status: entry.status(),
        }
    }

    /// The same sample with another of the entry's documented statuses, or `None` when
    /// the entry does not declare `status`.
    #[must_use]
    pub fn with_status(self, status: u16) -> Option<Self> {
        let status = *self.entry.statuses.iter().find(|s| s.as_u16() == status)?;
        Some(Self { status, ..self })
    }

    /// The samples of every entry of `catalog` (its nested catalogues' too, in the order
    /// of [`Catalog::iter`]), one per documented status.
    pub fn all(catalog: &'static Catalog) -> impl Iterator<Item = Self> {
        catalog.iter().flat_map(|entry| {
            entry
                .statuses
                .iter()
                .map(move |&status| Self { entry, status })
        })
    }
}

impl fmt::Display for CatalogSample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entry.meaning.is_empty() {
            f.write_str(self.status.canonical_reason().unwrap_or("Error"))
        } else {
            f.write_str(self.entry.meaning)
        }
    }
}

impl std::error::Error for CatalogSample {}

impl ApiError for CatalogSample {
    fn code(&self) -> &'static str {
        self.entry.code
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn entry(&self) -> &'static CatalogEntry {
        self.entry
    }

    fn catalog() -> &'static Catalog {
        &SAMPLE_CATALOG
    }
}

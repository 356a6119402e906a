//! # api-envelope
//!
//! Web-service errors declared once, checked at compile time, and rendered in the
//! envelope your API documents.
//!
//! ```
//! use api_envelope::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
//! enum RoomError {
//!     /// Closed or archived.
//!     #[code("SW_ROOM_FROZEN", status = 409)]
//!     #[message("room {room_id} is closed")]
//!     Frozen { room_id: String },
//! }
//!
//! let err = RoomError::Frozen { room_id: "r1".into() };
//! assert_eq!(err.code(), "SW_ROOM_FROZEN");
//! assert_eq!(err.status(), api_envelope::http::StatusCode::CONFLICT);
//! assert_eq!(err.family(), Some("rooms"));
//! assert_eq!(err.meaning(), "Closed or archived.");
//! assert_eq!(err.to_string(), "room r1 is closed");
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod catalog;
pub mod details;
pub mod violation;

#[doc(hidden)]
pub mod __private;

use std::time::Duration;

pub use http;

/// Derives [`ApiError`], `Display`, `std::error::Error` and `From` for an error enum or struct.
///
/// See the crate documentation for the attributes.
pub use api_envelope_macros::ApiError;

pub use catalog::{Catalog, CatalogEntry, Catalogued, Convention};
pub use details::{Detail, DetailVisitor};
pub use violation::{Segment, Violation};

/// An error that knows its wire identity: a stable code, an HTTP status, a family, a
/// catalogue meaning, and what goes in an envelope's details.
///
/// Implemented by `#[derive(ApiError)]`; object safe, so formats work on `&dyn ApiError`.
pub trait ApiError: std::error::Error {
    /// The stable machine-readable code, e.g. `SW_ROOM_FROZEN`.
    fn code(&self) -> &'static str;

    /// The HTTP status of this value: the code's status, or for a code documented with
    /// several statuses, the one its `#[status]` field chose.
    fn status(&self) -> http::StatusCode;

    /// This value's row of the catalogue.
    fn entry(&self) -> &'static CatalogEntry;

    /// The family (reference-page section) of the code, if declared.
    fn family(&self) -> Option<&'static str> {
        self.entry().family
    }

    /// The catalogue meaning of the code (the variant's doc comment).
    fn meaning(&self) -> &'static str {
        self.entry().meaning
    }

    /// How long the client should wait before retrying (`#[retry_after]`).
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// Whether [`visit_details`](Self::visit_details) reports anything for this value.
    fn has_details(&self) -> bool {
        false
    }

    /// Reports each `#[detail]` field of this value to `visitor`.
    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
        let _ = visitor;
    }

    /// The field violations of a validation error (`#[violations]`).
    fn violations(&self) -> &[Violation] {
        &[]
    }

    /// The whole catalogue of the type, readable without a value.
    fn catalog() -> &'static Catalog
    where
        Self: Sized;
}

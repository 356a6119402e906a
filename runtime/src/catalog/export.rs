//! The catalogue as JSON, for tools in any language: a documented, versioned schema.
//!
//! A document ([`product_json`]) is
//!
//! ```json
//! {
//!   "schema": "api-envelope/catalog",
//!   "version": 1,
//!   "product": "ScaiWave",
//!   "codes": [
//!     {
//!       "code": "SW_ROOM_FROZEN",
//!       "status": 409,
//!       "statuses": [409],
//!       "family": "rooms",
//!       "section": "Rooms",
//!       "meaning": "Room is closed or archived.",
//!       "retry": "never",
//!       "grpc": "ABORTED",
//!       "deprecated": null,
//!       "type": "RoomError",
//!       "variant": "Frozen"
//!     }
//!   ]
//! }
//! ```
//!
//! | member | value |
//! |---|---|
//! | `schema`, `version` | `"api-envelope/catalog"` and [`VERSION`]; a later version only adds members, or changes this number |
//! | `product` | the product's name |
//! | `codes` | one object per code, in reference-page order |
//! | `code` | the stable code |
//! | `status` | the default HTTP status (the first of `statuses`) |
//! | `statuses` | every status it is documented with |
//! | `family` | its family, or `null` |
//! | `section` | the heading of the reference-page section listing it (a product document only; `null` otherwise) |
//! | `meaning` | the catalogue meaning (may be `""`) |
//! | `retry` | `"never"`, `"after"` or `"safe"` ([`Retry`](super::Retry)) |
//! | `grpc` | the gRPC status code name ([`CatalogEntry::grpc`](super::CatalogEntry::grpc)) |
//! | `deprecated` | the code replacing it, or `null` |
//! | `type`, `variant` | the Rust error type and variant declaring it |
//!
//! ```
//! use api_envelope::{ApiError, Catalogued};
//! use api_envelope::catalog::export::catalogs_json;
//!
//! #[derive(Debug, ApiError)]
//! enum RoomError {
//!     /// Room is closed or archived.
//!     #[code("SW_ROOM_FROZEN", status = 409, family = "rooms")]
//!     Frozen,
//! }
//!
//! let codes = catalogs_json([&RoomError::CATALOG]);
//! assert_eq!(codes[0]["code"], "SW_ROOM_FROZEN");
//! assert_eq!(codes[0]["grpc"], "ABORTED");
//! assert_eq!(codes[0]["type"], "RoomError");
//! ```

use serde_json::{Value, json};

use super::{Catalog, CatalogEntry};
use crate::product::Product;

/// The schema's name.
pub const SCHEMA: &str = "api-envelope/catalog";

/// The schema's version.
pub const VERSION: u32 = 1;

/// One code as a `codes` member (`section` the reference-page heading, when known).
#[must_use]
pub fn entry_json(entry: &CatalogEntry, error_type: &str, section: Option<&str>) -> Value {
    json!({
        "code": entry.code,
        "status": entry.status().as_u16(),
        "statuses": entry.statuses.iter().map(http::StatusCode::as_u16).collect::<Vec<_>>(),
        "family": entry.family,
        "section": section,
        "meaning": entry.meaning,
        "retry": entry.retry.as_str(),
        "grpc": entry.grpc().as_str(),
        "deprecated": entry.deprecated,
        "type": error_type,
        "variant": entry.variant,
    })
}

/// The codes of `catalogs` (each with its nested catalogues), in declaration order.
#[must_use]
pub fn catalogs_json<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> Vec<Value> {
    let mut out = Vec::new();
    for catalog in catalogs {
        collect(catalog, &mut out);
    }
    out
}

fn collect(catalog: &Catalog, out: &mut Vec<Value>) {
    for entry in catalog.entries {
        out.push(entry_json(entry, catalog.name, None));
    }
    for nested in catalog.nested {
        collect(nested, out);
    }
}

/// The whole document of `product` (see the [module docs](self)).
#[must_use]
pub fn product_json(product: &Product) -> Value {
    let codes: Vec<Value> = product
        .rows()
        .map(|row| entry_json(row.entry, row.catalog.name, Some(row.section.heading)))
        .collect();
    json!({
        "schema": SCHEMA,
        "version": VERSION,
        "product": product.name,
        "codes": codes,
    })
}

//! The five product backends api-envelope serves, each declaring its whole error
//! catalogue the way that backend would: one module per product, several error enums per
//! product (one per area), and a [`Product`] constant joining them under the headings of
//! the product's published reference page.
//!
//! ```
//! use api_envelope::ApiError;
//! use api_envelope_examples::scaiwave::{self, RoomError};
//!
//! let err = RoomError::Frozen { room_id: "room_1".into() };
//! assert_eq!(err.code(), "SW_ROOM_FROZEN");
//! assert_eq!(scaiwave::PRODUCT.get("SW_ROOM_FROZEN").unwrap().section.heading, "Rooms");
//! assert_eq!(api_envelope_examples::product("scaiwave").unwrap().len(), 72);
//! ```

use api_envelope::format::{Format, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::{ApiError, Product};

pub mod backend;
#[cfg(feature = "tonic")]
pub mod grpc;
pub mod scaidrive;
pub mod scaigrid;
pub mod scaikey;
pub mod scaiwave;
pub mod server;
#[cfg(feature = "actix-web")]
pub mod server_actix;
pub mod sonny;

/// Every product, under the name the binaries take on the command line, in seed order.
pub const PRODUCTS: [(&str, Product); 5] = [
    ("scaiwave", scaiwave::PRODUCT),
    ("scaigrid", scaigrid::PRODUCT),
    ("scaidrive", scaidrive::PRODUCT),
    ("scaikey", scaikey::PRODUCT),
    ("sonny", sonny::PRODUCT),
];

/// The product called `name` on the command line (`scaiwave`, `scaigrid`, `scaidrive`,
/// `scaikey`, `sonny`).
#[must_use]
pub fn product(name: &str) -> Option<Product> {
    PRODUCTS.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

/// The command-line names of the products, joined with `sep`.
#[must_use]
pub fn product_names(sep: &str) -> String {
    PRODUCTS.map(|(n, _)| n).join(sep)
}

/// The envelope format the product called `name` answers in; Sonny Labs' RFC 9457
/// problems point their `type` at `https://docs.sonnylabs.example/errors/<code>`.
#[must_use]
pub fn format(name: &str) -> Option<Box<dyn Format + Send + Sync>> {
    Some(match name {
        "scaiwave" => Box::new(ScaiWave),
        "scaigrid" => Box::new(ScaiGrid),
        "scaidrive" => Box::new(ScaiDrive),
        "scaikey" => Box::new(ScaiKey),
        "sonny" => Box::new(Problem::new("https://docs.sonnylabs.example/errors/")),
        _ => return None,
    })
}

/// A few realistic errors of the product called `name` (its module's `samples()`).
#[must_use]
pub fn samples(name: &str) -> Option<Vec<Box<dyn ApiError + Send + Sync>>> {
    Some(match name {
        "scaiwave" => scaiwave::samples(),
        "scaigrid" => scaigrid::samples(),
        "scaidrive" => scaidrive::samples(),
        "scaikey" => scaikey::samples(),
        "sonny" => sonny::samples(),
        _ => return None,
    })
}

// A product joins several enums; a code declared by two of them is a compile error
// naming the code and both variants.
use api_envelope::{ApiError, Catalogued, Product, Section};

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_ROOM_", family = "rooms")]
pub enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    Frozen,
}

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "misc")]
pub enum MiscError {
    /// Generic.
    #[code("SW_NOT_FOUND", status = 404)]
    NotFound,
    /// Closed or archived, again.
    #[code("SW_ROOM_FROZEN", status = 409)]
    RoomFrozen,
}

pub const PRODUCT: Product = Product::new(
    "ScaiWave",
    &[Section::new("Rooms", &["rooms"]), Section::new("Misc", &["misc"])],
    &[RoomError::CATALOG, MiscError::CATALOG],
);

fn main() {}

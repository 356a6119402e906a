use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Dots are not in Fluent ids.
    #[code("SW_ROOM_FROZEN", status = 409, message_id = "room.frozen")]
    Frozen,
    /// An id starts with a letter.
    #[code("SW_ROOM_GONE", status = 410, message_id = "1-gone")]
    Gone,
}

fn main() {}

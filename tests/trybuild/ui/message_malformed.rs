use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Unclosed.
    #[code("A", status = 400)]
    #[message("room {room_id is closed")]
    A { room_id: String },
    /// Positional without a field.
    #[code("B", status = 400)]
    #[message("room {} is closed")]
    B { room_id: String },
    /// Extra arguments.
    #[code("C", status = 400)]
    #[message("room {} is closed", room_id)]
    C { room_id: String },
    /// Two messages.
    #[code("D", status = 400)]
    #[message("one")]
    #[message("two")]
    D,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN", status = 409)]
    #[message("room {room} is closed")]
    Frozen { room_id: String },
    /// A tuple variant named by name.
    #[code("NOTE_NOT_FOUND", status = 404)]
    #[message("note {path} not found")]
    NoteMissing(String),
    /// Out of range.
    #[code("PLAN_BAD_STEP", status = 400)]
    #[message("step {0} of {1}")]
    BadStep(u32),
    /// A unit variant.
    #[code("SW_BUSY", status = 409)]
    #[message("busy: {reason}")]
    Busy,
}

fn main() {}

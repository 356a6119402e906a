//! Several faults in one enum: all are reported in one compile, and code using the enum
//! reports nothing more (no "ApiError is not implemented", no missing `From`).
use api_envelope::{ApiError, Catalogued};

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_")]
enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 420)]
    #[message("room {room} is closed")]
    Frozen { room_id: String },

    /// Tenant max_participants reached.
    #[code("SW_ROOM_FROZEN", status = 409, famliy = "rooms")]
    Capacity,

    #[code("sw_note_missing", status = 404)]
    NoteMissing,

    /// Bug.
    #[code("SW_INTERNAL_ERROR", status = 500)]
    Internal(#[from] std::io::Error),
}

fn use_it() -> Result<(), RoomError> {
    let err = RoomError::Capacity;
    let _ = (err.code(), err.status(), err.to_string(), RoomError::CATALOG.len());
    std::fs::read("x")?;
    Ok(())
}

fn main() {
    let _ = use_it();
}

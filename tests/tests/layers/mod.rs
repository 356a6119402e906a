//! The layered service error of `layered.rs` and `http_layered.rs`: `Outer` →
//! `AppError` → `RoomError` / `MiscError` (→ `io::Error`), one `#[code(transparent)]` per
//! layer.

use std::io;
use std::time::Duration;

use api_envelope::{ApiError, Violation};

/// The innermost layer: a room's errors.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
pub enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen {
        #[detail]
        room_id: String,
    },
    /// Storage failed.
    #[code("SW_INTERNAL_ERROR", status = 500, public = "Internal error.")]
    #[message("storage at 10.0.0.7: {0}")]
    Storage(#[from] io::Error),
    /// Slow down.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429)]
    Limited {
        #[retry_after]
        wait: Duration,
    },
}

/// Another inner layer: validation.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "misc")]
pub enum MiscError {
    /// Pydantic schema validation failed.
    #[code("SW_VALIDATION_ERROR", status = 422)]
    #[message("request validation failed")]
    Validation {
        #[violations]
        violations: Vec<Violation>,
    },
}

/// The service's error: every layer's code on the wire, as its own.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "app")]
pub enum AppError {
    #[code(transparent)]
    Room(RoomError),
    #[code(transparent)]
    Misc(MiscError),
    /// Down for maintenance.
    #[code("SW_MAINTENANCE", status = 503)]
    Maintenance,
}

/// A transparent struct, around the app's error: the third layer.
#[derive(Debug, ApiError)]
#[code(transparent)]
pub struct Outer(pub AppError);

fn storage() -> Result<(), io::Error> {
    Err(io::Error::other("disk full"))
}

/// The room layer's operation: its storage fails.
pub fn room_op() -> Result<(), RoomError> {
    storage()?;
    Ok(())
}

/// The app layer's operation, over the room's.
pub fn app_op() -> Result<(), AppError> {
    room_op()?;
    Ok(())
}

/// The app's failure for `case` (`frozen`, `storage`, `limited`, anything else invalid).
pub fn app_case(case: &str) -> Result<(), AppError> {
    match case {
        "frozen" => Err(RoomError::Frozen {
            room_id: "r1".into(),
        })?,
        "storage" => app_op(),
        "limited" => Err(RoomError::Limited {
            wait: Duration::from_secs(7),
        })?,
        _ => Err(MiscError::Validation {
            violations: vec![Violation::new(["body", "text"], "Field required").kind("missing")],
        })?,
    }
}

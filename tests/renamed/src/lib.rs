//! `api-envelope` as a renamed dependency: the crate has no `api_envelope` in scope at all,
//! so every path the derive generates must go through `#[api_error(crate = "envelope")]`.
#![deny(unused_qualifications, clippy::pedantic)]

use envelope::ApiError;

/// A room error, declared through the renamed crate.
#[derive(Debug, ApiError)]
#[api_error(
    crate = "envelope",
    convention = "SCREAMING_SNAKE",
    prefix = "SW_",
    family = "rooms"
)]
pub enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen {
        /// The room.
        #[detail]
        room_id: String,
    },
    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "events")]
    RateLimited {
        /// Seconds to wait.
        #[retry_after]
        seconds: u64,
    },
    /// Downstream unreachable.
    #[code("SW_SERVICE_UNAVAILABLE", status = [502, 503])]
    Unavailable {
        /// Which of the two.
        #[status]
        status: u16,
        /// The cause.
        #[source]
        cause: std::io::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::RoomError;
    use envelope::format::ScaiWave;
    use envelope::{ApiError, Catalogued, Context};

    #[test]
    fn renamed_crate_renders() {
        let err = RoomError::Frozen {
            room_id: "r1".into(),
        };
        assert_eq!(err.code(), "SW_ROOM_FROZEN");
        assert_eq!(err.status(), envelope::http::StatusCode::CONFLICT);
        assert_eq!(RoomError::CATALOG.len(), 3);
        let resp = err.to_response(&ScaiWave, &Context::new());
        assert_eq!(
            std::str::from_utf8(resp.body()).unwrap(),
            r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed","details":{"room_id":"r1"}}}"#
        );
        let unavailable = RoomError::Unavailable {
            status: 502,
            cause: std::io::Error::other("x"),
        };
        assert_eq!(unavailable.status().as_u16(), 502);
    }
}

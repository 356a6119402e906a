//! **T**: what most services write today: `thiserror` for `Display` / `Error`, a
//! hand-written `code()` / `status()` / `meaning()` match, and the envelope built with an
//! owned `String` message (`err.to_string()`) in the same structs as L.

use http::{Response, StatusCode};

use crate::Fmt;
use crate::fixture::{Request, TYPE_BASE};
use crate::limit::respond;
use crate::shapes::{
    Drive, Grid, GridDetail, GridError, GridMeta, Key, KeyError, Problem, RoomDetails, Streamed,
    TypeUri, Wave, WaveError,
};

/// The same enum as [`crate::ours::RoomError`], with `thiserror`.
#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// Closed or archived.
    #[error("room {room_id} is closed")]
    Frozen {
        /// The room.
        room_id: String,
    },
    /// Room not found.
    #[error("room {room_id} not found")]
    NotFound {
        /// The room.
        room_id: String,
    },
    /// Caller is not a member of the resource.
    #[error("caller is not a member of the room")]
    NotMember,
    /// Op invalid for this `room_type`.
    #[error("operation invalid for room type {room_type}")]
    TypeInvariant {
        /// The room type.
        room_type: String,
    },
    /// Tenant max_participants reached.
    #[error("room {room_id} is full")]
    Capacity {
        /// The room.
        room_id: String,
    },
    /// Tenant rate cap hit.
    #[error("rate limit exceeded, retry in {seconds}s")]
    RateLimited {
        /// Retry hint.
        seconds: u64,
    },
    /// Bug.
    #[error("internal error")]
    Internal(#[source] std::io::Error),
}

impl RoomError {
    /// The hand-written code match.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::Frozen { .. } => "SW_ROOM_FROZEN",
            Self::NotFound { .. } => "SW_ROOM_NOT_FOUND",
            Self::NotMember => "SW_NOT_MEMBER",
            Self::TypeInvariant { .. } => "SW_ROOM_TYPE_INVARIANT",
            Self::Capacity { .. } => "SW_ROOM_CAPACITY",
            Self::RateLimited { .. } => "SW_RATE_LIMIT_EXCEEDED",
            Self::Internal(_) => "SW_INTERNAL_ERROR",
        }
    }

    /// The hand-written status match.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Frozen { .. } | Self::Capacity { .. } => StatusCode::CONFLICT,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::NotMember => StatusCode::FORBIDDEN,
            Self::TypeInvariant { .. } => StatusCode::BAD_REQUEST,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The hand-written catalogue meaning.
    #[must_use]
    pub fn meaning(&self) -> &'static str {
        match self {
            Self::Frozen { .. } => "Closed or archived.",
            Self::NotFound { .. } => "Room not found.",
            Self::NotMember => "Caller is not a member of the resource.",
            Self::TypeInvariant { .. } => "Op invalid for this `room_type`.",
            Self::Capacity { .. } => "Tenant max_participants reached.",
            Self::RateLimited { .. } => "Tenant rate cap hit.",
            Self::Internal(_) => "Bug.",
        }
    }

    /// The hand-written detail field (only `SW_ROOM_FROZEN` has one).
    #[must_use]
    pub fn room_id(&self) -> &str {
        match self {
            Self::Frozen { room_id } => room_id,
            _ => "",
        }
    }
}

/// The benchmarks' value.
#[must_use]
pub fn frozen() -> RoomError {
    RoomError::Frozen {
        room_id: crate::fixture::ROOM_ID.to_owned(),
    }
}

/// Writes the body of `err` in `fmt` at the end of `buf`, with an owned message.
///
/// # Panics
/// Never: serialising these structs into a `Vec` cannot fail.
pub fn body(fmt: Fmt, err: &RoomError, req: &Request, buf: &mut Vec<u8>) {
    let code = err.code();
    let owned = err.to_string();
    let message = owned.as_str();
    let room_id = err.room_id();
    let r = match fmt {
        Fmt::ScaiWave => {
            let error = WaveError {
                code,
                message,
                details: RoomDetails { room_id },
            };
            serde_json::to_writer(&mut *buf, &Wave { error })
        }
        Fmt::ScaiGrid => serde_json::to_writer(
            &mut *buf,
            &Grid {
                status: "error",
                error: GridError {
                    code,
                    message,
                    details: [GridDetail {
                        field: "room_id",
                        message,
                        value: room_id,
                    }],
                },
                meta: GridMeta {
                    request_id: &req.request_id,
                },
            },
        ),
        Fmt::ScaiDrive => serde_json::to_writer(&mut *buf, &Drive { detail: message }),
        Fmt::ScaiKey => serde_json::to_writer(
            &mut *buf,
            &Key {
                error: KeyError {
                    code,
                    message,
                    details: RoomDetails { room_id },
                    request_id: &req.request_id,
                },
            },
        ),
        Fmt::Problem => serde_json::to_writer(
            &mut *buf,
            &Problem {
                type_: Streamed(TypeUri {
                    base: TYPE_BASE,
                    code,
                }),
                title: err.meaning(),
                status: err.status().as_u16(),
                detail: message,
                instance: &req.instance,
                code,
                room_id,
            },
        ),
    };
    r.expect("serialising into a Vec cannot fail");
}

/// The whole `http::Response` of `err` in `fmt`.
#[must_use]
pub fn response(fmt: Fmt, err: &RoomError, req: &Request) -> Response<Vec<u8>> {
    let mut buf = Vec::with_capacity(256);
    body(fmt, err, req, &mut buf);
    respond(fmt, err.status(), buf, req)
}

/// One value of each variant, in declaration order (for the `code()` / `status()` arm).
#[must_use]
pub fn all_variants() -> Vec<RoomError> {
    vec![
        frozen(),
        RoomError::NotFound {
            room_id: "r_7".to_owned(),
        },
        RoomError::NotMember,
        RoomError::TypeInvariant {
            room_type: "dm".to_owned(),
        },
        RoomError::Capacity {
            room_id: "r_9".to_owned(),
        },
        RoomError::RateLimited { seconds: 30 },
        RoomError::Internal(std::io::Error::other("disk on fire")),
    ]
}

//! **D**, ours: `#[derive(ApiError)]` and the runtime's five formats.

use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::{ApiError, Context};
use http::{Response, StatusCode};

use crate::Fmt;
use crate::fixture::{INSTANCE, ROOM_ID, TYPE_BASE, request_id_value};

/// The benchmarks' error, as a service declares it.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
pub enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen {
        /// The room.
        #[detail]
        room_id: String,
    },
    /// Room not found.
    #[code("SW_ROOM_NOT_FOUND", status = 404)]
    #[message("room {room_id} not found")]
    NotFound {
        /// The room.
        room_id: String,
    },
    /// Caller is not a member of the resource.
    #[code("SW_NOT_MEMBER", status = 403)]
    #[message("caller is not a member of the room")]
    NotMember,
    /// Op invalid for this `room_type`.
    #[code("SW_ROOM_TYPE_INVARIANT", status = 400)]
    #[message("operation invalid for room type {room_type}")]
    TypeInvariant {
        /// The room type.
        room_type: String,
    },
    /// Tenant max_participants reached.
    #[code("SW_ROOM_CAPACITY", status = 409)]
    #[message("room {room_id} is full")]
    Capacity {
        /// The room.
        room_id: String,
    },
    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "events")]
    #[message("rate limit exceeded, retry in {seconds}s")]
    RateLimited {
        /// Retry hint.
        #[retry_after]
        seconds: u64,
    },
    /// Bug.
    #[code("SW_INTERNAL_ERROR", status = 500)]
    #[message("internal error")]
    Internal(#[source] std::io::Error),
}

/// The five formats, built once.
#[derive(Debug)]
pub struct Formats {
    /// ScaiWave.
    pub wave: ScaiWave,
    /// ScaiGrid.
    pub grid: ScaiGrid,
    /// ScaiDrive.
    pub drive: ScaiDrive,
    /// ScaiKey.
    pub key: ScaiKey,
    /// RFC 9457 with the fixture's type base.
    pub problem: Problem,
}

impl Formats {
    /// The five formats.
    #[must_use]
    pub fn new() -> Self {
        Self {
            wave: ScaiWave,
            grid: ScaiGrid,
            drive: ScaiDrive,
            key: ScaiKey,
            problem: Problem::new(TYPE_BASE),
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// Everything D renders from: the error, the formats, the request context.
#[derive(Debug)]
pub struct Fixture {
    /// `SW_ROOM_FROZEN` for room `r_42`.
    pub err: RoomError,
    /// The formats.
    pub formats: Formats,
    /// The request context.
    pub ctx: Context<'static>,
}

impl Fixture {
    /// The benchmarks' fixture.
    #[must_use]
    pub fn new() -> Self {
        Self {
            err: RoomError::Frozen {
                room_id: ROOM_ID.to_owned(),
            },
            formats: Formats::new(),
            // The request id as a server has it: the request's header value (see
            // `fixture::request_id_value`), leaked so the context can be `'static`.
            ctx: Context::new()
                .request_id_value(Box::leak(Box::new(request_id_value())))
                .instance(INSTANCE),
        }
    }
}

impl Default for Fixture {
    fn default() -> Self {
        Self::new()
    }
}

/// Writes the body of the fixture's error in `fmt` at the end of `buf`.
///
/// # Panics
/// Never: the fixture's error always renders.
pub fn body(fmt: Fmt, d: &Fixture, buf: &mut Vec<u8>) {
    let (err, f, ctx) = (&d.err, &d.formats, &d.ctx);
    match fmt {
        Fmt::ScaiWave => err.write_body(&f.wave, ctx, buf),
        Fmt::ScaiGrid => err.write_body(&f.grid, ctx, buf),
        Fmt::ScaiDrive => err.write_body(&f.drive, ctx, buf),
        Fmt::ScaiKey => err.write_body(&f.key, ctx, buf),
        Fmt::Problem => err.write_body(&f.problem, ctx, buf),
    }
    .expect("the fixture renders");
}

/// The whole `http::Response` of the fixture's error in `fmt`.
#[must_use]
pub fn response(fmt: Fmt, d: &Fixture) -> Response<Vec<u8>> {
    let (err, f, ctx) = (&d.err, &d.formats, &d.ctx);
    match fmt {
        Fmt::ScaiWave => err.to_response(&f.wave, ctx),
        Fmt::ScaiGrid => err.to_response(&f.grid, ctx),
        Fmt::ScaiDrive => err.to_response(&f.drive, ctx),
        Fmt::ScaiKey => err.to_response(&f.key, ctx),
        Fmt::Problem => err.to_response(&f.problem, ctx),
    }
}

/// The derived `code()`.
#[must_use]
pub fn code(err: &RoomError) -> &'static str {
    err.code()
}

/// The derived `status()`.
#[must_use]
pub fn status(err: &RoomError) -> StatusCode {
    err.status()
}

/// One value of each variant, in declaration order.
#[must_use]
pub fn all_variants() -> Vec<RoomError> {
    vec![
        RoomError::Frozen {
            room_id: ROOM_ID.to_owned(),
        },
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

//! The generated code names everything by absolute path: user items named like the
//! standard library's, the prelude's or the runtime's cannot capture it.

#![allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]

// The runtime under another name, as `[dependencies] renamed_envelope = { package =
// "api-envelope", .. }` would give it. (Cargo refuses one package under two names in one
// manifest, so the alias is made here; the macros crate's unit tests check that with
// `crate = ".."` the expansion never mentions `api_envelope`.)
extern crate api_envelope as renamed_envelope;

/// Shadows of everything the generated code could accidentally resolve through.
mod shadows {
    pub mod core {}
    pub mod std {}
    pub mod http {}
    pub mod api_envelope {}
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct Ok;
    pub struct None;
    pub struct Err;
    pub struct Box;
    pub struct Vec;
    pub struct String;
    pub trait Display {}
    pub trait Debug {}
    pub trait Error {}
    pub trait From {}
    pub trait Into {}
    pub trait AsRef {}
    pub struct StatusCode;
    pub struct Duration;
    pub struct Formatter;
}

mod user {
    use super::shadows::{
        AsRef, Box, Debug, Display, Duration, Err, Error, Formatter, From, Into, None, Ok, Option,
        Result, Some, StatusCode, String, Vec, api_envelope, core, http, std,
    };

    // Every name above is in scope and wrong; this module still derives cleanly.
    type Unused = (
        Result,
        Option,
        Some,
        Ok,
        None,
        Err,
        Box,
        Vec,
        String,
        StatusCode,
        Duration,
        Formatter,
    );
    trait UsesTraits: Debug + Display + Error + From + Into + AsRef {}
    mod unused_modules {
        #[allow(unused_imports)]
        use super::{api_envelope, core, http, std};
    }

    #[derive(::core::fmt::Debug, ::api_envelope::ApiError)]
    #[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
    pub enum RoomError {
        /// Closed or archived.
        #[code("SW_ROOM_FROZEN", status = 409)]
        #[message("room {room_id} is closed")]
        Frozen { room_id: ::std::string::String },

        /// Tenant rate cap hit.
        #[code("SW_RATE_LIMIT_EXCEEDED", status = 429)]
        RateLimited {
            #[retry_after]
            seconds: ::core::option::Option<u64>,
            #[detail]
            tenant: &'static str,
        },

        /// A downstream dependency is unreachable.
        #[code("SW_UPSTREAM", status = [502, 503])]
        Upstream {
            #[status]
            status: u16,
            #[source]
            cause: ::std::io::Error,
        },

        /// Validation.
        #[code("SW_VALIDATION_ERROR", status = 422)]
        Validation(#[violations] ::std::vec::Vec<::api_envelope::Violation>),

        /// Converted.
        #[code("SW_FMT", status = 500)]
        Fmt(#[from] ::core::fmt::Error),
    }

    /// Through the renamed crate.
    #[derive(::core::fmt::Debug, renamed_envelope::ApiError)]
    #[api_error(crate = "renamed_envelope", convention = "dotted")]
    pub enum Renamed<T> {
        /// A downstream dependency is unreachable.
        #[code("upstream.unavailable", status = [502, 503])]
        #[message("upstream {0} unavailable")]
        Upstream(T, #[status] u16),
        /// Not ready.
        #[code("service.not-ready", status = 503)]
        NotReady {
            #[detail]
            since: T,
        },
    }

    /// A struct through the renamed crate.
    #[derive(::core::fmt::Debug, renamed_envelope::ApiError)]
    #[api_error(crate = "::renamed_envelope")]
    #[code("NOT_FOUND", status = 404)]
    pub struct NotFound;
}

#[test]
fn shadowed_names_do_not_capture_generated_code() {
    use ::api_envelope::{ApiError, Catalogued};
    use user::{NotFound, Renamed, RoomError};

    let err = RoomError::Frozen {
        room_id: "r1".into(),
    };
    assert_eq!(err.to_string(), "room r1 is closed");
    assert_eq!(err.status().as_u16(), 409);
    let err = RoomError::RateLimited {
        seconds: Some(3),
        tenant: "t",
    };
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(3)));
    assert!(err.has_details());
    let err = RoomError::Upstream {
        status: 503,
        cause: std::io::Error::other("x"),
    };
    assert_eq!(err.status().as_u16(), 503);
    assert!(std::error::Error::source(&err).is_some());
    assert!(RoomError::Validation(vec![]).violations().is_empty());
    let err: RoomError = std::fmt::Error.into();
    assert_eq!(err.code(), "SW_FMT");
    assert_eq!(RoomError::CATALOG.len(), 5);

    let err = Renamed::Upstream("db", 502);
    assert_eq!(err.to_string(), "upstream db unavailable");
    assert_eq!(renamed_envelope::ApiError::status(&err).as_u16(), 502);
    assert_eq!(Renamed::<u8>::CATALOG.entries[1].code, "service.not-ready");
    assert_eq!(NotFound.code(), "NOT_FOUND");
}

//! The generated code is clean under strict lints in the user's crate: `clippy::pedantic`,
//! `unused_qualifications`, `missing_docs` and more (run `cargo clippy --all-targets`).

#![deny(
    clippy::all,
    clippy::pedantic,
    unused_qualifications,
    missing_docs,
    unused,
    unreachable_pub,
    trivial_casts,
    trivial_numeric_casts,
    unused_results,
    single_use_lifetimes,
    elided_lifetimes_in_paths,
    explicit_outlives_requirements,
    meta_variable_misuse,
    non_ascii_idents,
    noop_method_call,
    rust_2018_idioms,
    unused_lifetimes,
    unused_macro_rules,
    variant_size_differences
)]
#![allow(clippy::large_enum_variant, variant_size_differences)]

use std::fmt;
use std::time::Duration;

use api_envelope::http::StatusCode;
use api_envelope::{ApiError, Catalogued, Violation};

/// A representative enum with every attribute.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
pub enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed ({count:>5}, {ratio:.2}, {raw:?})")]
    Frozen {
        /// The room.
        room_id: String,
        /// A count.
        count: u32,
        /// A ratio.
        ratio: f64,
        /// Debugged.
        raw: Option<&'static str>,
    },

    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "events")]
    RateLimited {
        /// Seconds.
        #[retry_after]
        seconds: u64,
    },

    /// Waits.
    #[code("SW_WAIT", status = 503, public = "Try again later.")]
    Wait(#[retry_after] Option<Duration>),

    /// Note not found.
    #[code("SW_NOTE_NOT_FOUND", status = 404, family = "notes")]
    #[message("note '{0}' not found")]
    NoteMissing(#[detail(name = "path")] String),

    /// Bug.
    #[code("SW_INTERNAL_ERROR", status = 500)]
    Internal(#[from] std::io::Error),

    /// Upstream.
    #[code("SW_UPSTREAM", status = [502, 503], expose)]
    Upstream {
        /// The status.
        #[status]
        status: StatusCode,
        /// The cause.
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// Validation failed.
    #[code("SW_VALIDATION_ERROR", status = 422)]
    Validation {
        /// The violations.
        #[violations]
        violations: Vec<Violation>,
        /// The width.
        #[detail]
        width: usize,
    },
}

/// A struct.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case")]
#[code("secret_not_found", status = 404)]
#[message("Secret '{path:<width$}' not found")]
pub struct SecretNotFound {
    /// The path.
    #[detail]
    pub path: String,
    /// The width.
    pub width: usize,
}

/// A tuple struct with a source.
#[derive(Debug, ApiError)]
#[code("FMT", status = 500)]
pub struct FmtFailed(#[from] fmt::Error);

/// A unit struct.
#[derive(Debug, ApiError)]
#[code("NOPE", status = 400)]
pub struct Nope;

/// A generic enum.
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted")]
pub enum Generic<'a, T, E>
where
    T: Clone,
{
    /// Shown.
    #[code("generic.shown", status = 400)]
    #[message("{value} / {name}")]
    Shown {
        /// A value.
        value: T,
        /// A name.
        name: &'a str,
    },
    /// Wrapped.
    #[code("generic.wrapped", status = 502)]
    Wrapped(#[source] E),
    /// Detailed.
    #[code("generic.detailed", status = 422)]
    Detailed(#[detail(name = "value")] T, #[retry_after] u32),
}

/// An empty enum.
#[derive(Debug, ApiError)]
pub enum Never {}

/// Every variant overrides the family and takes its status from a field (so the generated
/// code has no shared family and no status table), with its own framework impls.
#[derive(Debug, ApiError)]
#[api_error(family = "unused", framework_impls = false)]
pub enum AllOwn {
    /// Upstream.
    #[code("UPSTREAM", status = [502, 503], family = "upstream", meaning = "")]
    Upstream {
        /// The status.
        #[status]
        status: u16,
    },
}

#[test]
fn lints_pass() {
    let err = RoomError::Frozen {
        room_id: "r".into(),
        count: 1,
        ratio: 0.5,
        raw: None,
    };
    assert_eq!(err.code(), "SW_ROOM_FROZEN");
    assert_eq!(err.to_string(), "room r is closed (    1, 0.50, None)");
    assert_eq!(RoomError::CATALOG.len(), 7);
    let err = SecretNotFound {
        path: "a".into(),
        width: 3,
    };
    assert_eq!(err.to_string(), "Secret 'a  ' not found");
    assert_eq!(Nope.status().as_u16(), 400);
    let err: FmtFailed = fmt::Error.into();
    assert!(std::error::Error::source(&err).is_some());
    let err: Generic<'_, u8, fmt::Error> = Generic::Shown {
        value: 1,
        name: "n",
    };
    assert_eq!(err.to_string(), "1 / n");
    assert_eq!(
        Generic::<'_, u8, fmt::Error>::Detailed(1, 2).retry_after(),
        Some(Duration::from_secs(2))
    );
    assert!(Never::CATALOG.is_empty());
    assert_eq!(AllOwn::Upstream { status: 503 }.status().as_u16(), 503);
    assert_eq!(AllOwn::CATALOG.entries[0].family, Some("upstream"));
}

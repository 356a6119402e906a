//! The arms of the run-time benchmarks: one error, `SW_ROOM_FROZEN` (409, "room r_42 is
//! closed", one `#[detail]` field), rendered in the five envelopes by
//!
//! - **L** ([`limit`]): the limit, hand-written `#[derive(Serialize)]` structs of borrowed
//!   fields, the message streamed with `collect_str`, into a reused buffer;
//! - **L1** ([`literal`]): the envelope's fixed text as literal byte runs, the message
//!   streamed from `Display` and the other dynamic strings escaped with serde_json, no
//!   `Serialize` structs;
//! - **L2** ([`literal2`]): the floor, L1 with the message's fixed words as literals too;
//! - **D** ([`ours`]): `#[derive(ApiError)]` and the runtime's formats;
//! - **T** ([`thiserror_arm`]): `thiserror` with hand-written `code()` / `status()` and an
//!   owned `String` message in the same structs as L;
//! - **H** ([`problem_crate`]): `http-api-problem` building and serialising the RFC 9457
//!   problem;
//! - **V** ([`json_value`]): a `serde_json::json!` value.
//!
//! [`layer`] holds the serving-layer arms: an axum router without a layer, with a no-op
//! layer and with `RequestContextLayer`, and errors through the layer, derived against a
//! hand-written `IntoResponse`.
//!
//! [`input`] holds the validated-input arms: hostile bodies of growing size read as the
//! extractors read them.
//!
//! [`scaling`] holds the scaling fixtures: a message of growing length and an error with a
//! growing number of details, derived (or rendered by the runtime) against L1-style
//! hand-writers of the same bytes.
//!
//! [`check`] asserts once, before any measurement, that the arms produce the same bytes
//! (L, L1, L2, T against D; V and H as the same JSON value, H's extension order being a
//! `HashMap`'s).

pub mod check;
pub mod fixture;
pub mod input;
pub mod json_value;
pub mod layer;
pub mod limit;
pub mod literal;
pub mod literal2;
pub mod ours;
pub mod problem_crate;
pub mod scaling;
pub mod shapes;
pub mod thiserror_arm;

/// The five envelope formats, for arms that dispatch at run time. Every arm matches on it
/// the same way, so the dispatch costs the same everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fmt {
    /// `{"error":{"code","message"}}`
    ScaiWave,
    /// `{"status":"error","error":{...},"meta":{"request_id"}}`
    ScaiGrid,
    /// `{"detail":"..."}`
    ScaiDrive,
    /// `{"error":{"code","message","details","request_id"}}` + `X-Request-ID`
    ScaiKey,
    /// RFC 9457 `application/problem+json`
    Problem,
}

impl Fmt {
    /// All five, in the order of the tables.
    pub const ALL: [Fmt; 5] = [
        Fmt::ScaiWave,
        Fmt::ScaiGrid,
        Fmt::ScaiDrive,
        Fmt::ScaiKey,
        Fmt::Problem,
    ];

    /// The name used in benchmark ids and tables.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Fmt::ScaiWave => "scaiwave",
            Fmt::ScaiGrid => "scaigrid",
            Fmt::ScaiDrive => "scaidrive",
            Fmt::ScaiKey => "scaikey",
            Fmt::Problem => "problem",
        }
    }
}

impl std::fmt::Display for Fmt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The capacity of the reused body buffer: larger than any body, so no arm grows it.
pub const BUF_CAPACITY: usize = 512;

/// A fresh reused buffer.
#[must_use]
pub fn buffer() -> Vec<u8> {
    Vec::with_capacity(BUF_CAPACITY)
}

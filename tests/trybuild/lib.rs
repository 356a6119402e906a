//! The trybuild UI tests of `#[derive(ApiError)]`: `cargo test -p api-envelope-ui`. The
//! cases are `ui/*.rs` (each with its `.stderr`) and `ui/pass/*.rs`; this
//! crate exists so trybuild builds only the runtime for them (see `ui.rs`).

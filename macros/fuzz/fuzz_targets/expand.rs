//! `cargo +nightly fuzz run expand`: arbitrary bytes as a `#[derive(ApiError)]` input.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    expand_fuzz::check(data);
});

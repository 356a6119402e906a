//! `cargo +nightly fuzz run client`: arbitrary bytes as a status, headers and body read
//! back by the client (layout in `src/lib.rs`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    client_fuzz::check(data);
});

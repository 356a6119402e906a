//! Instruction counts (callgrind, through gungraun) of the client reading hostile bodies
//! (`ReadOptions::read`), the shapes of `runtime/tests/hostile` that cost the reader the
//! most per byte, at 64 KiB and at 1 MiB (read whole: the cap is set to the size), against
//! the baseline P: `serde_json::from_slice::<Value>` of the same bytes (which gives up on
//! the first bad byte, where the reader goes on). Also a typical envelope, read and parsed.
//! Linear means the same instructions per byte at both sizes. See BENCHMARKS.md, "The
//! client".
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench client -- --save-summary=json`
//! (needs valgrind and `gungraun-runner` 0.20.0: `benches/install-tools.sh`).

use std::hint::black_box;

use api_envelope::client::ReadOptions;
use api_envelope::http::{HeaderMap, StatusCode};
use gungraun::{library_benchmark, library_benchmark_group, main};

#[path = "../../runtime/tests/hostile/mod.rs"]
mod hostile;

/// A body of shape `index` and about `size` bytes, with the options that read it whole.
fn body((index, size): (usize, usize)) -> (Vec<u8>, ReadOptions) {
    let (_, make) = hostile::shapes()[index];
    (
        make(size),
        ReadOptions::new().max_body_bytes(size.max(1024)),
    )
}

/// The body a ScaiWave server sends for a conflict with one detail.
fn typical(_: ()) -> (Vec<u8>, ReadOptions) {
    (
        br#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r_42 is closed","details":{"room_id":"r_42"},"request_id":"req_01HZX3K9Q2"}}"#
            .to_vec(),
        ReadOptions::new(),
    )
}

#[library_benchmark]
#[bench::typical(setup = typical, args = (()))]
#[bench::zeros_64k(setup = body, args = ((0, 65536)))]
#[bench::zeros_1m(setup = body, args = ((0, 1048576)))]
#[bench::short_strings_64k(setup = body, args = ((3, 65536)))]
#[bench::short_strings_1m(setup = body, args = ((3, 1048576)))]
#[bench::long_message_64k(setup = body, args = ((9, 65536)))]
#[bench::long_message_1m(setup = body, args = ((9, 1048576)))]
#[bench::escapes_64k(setup = body, args = ((12, 65536)))]
#[bench::escapes_1m(setup = body, args = ((12, 1048576)))]
#[bench::drive_violations_64k(setup = body, args = ((13, 65536)))]
#[bench::drive_violations_1m(setup = body, args = ((13, 1048576)))]
#[bench::wave_details_64k(setup = body, args = ((14, 65536)))]
#[bench::wave_details_1m(setup = body, args = ((14, 1048576)))]
#[bench::deep_nests_64k(setup = body, args = ((17, 65536)))]
#[bench::deep_nests_1m(setup = body, args = ((17, 1048576)))]
#[bench::junk_64k(setup = body, args = ((18, 65536)))]
#[bench::junk_1m(setup = body, args = ((18, 1048576)))]
#[bench::rich_violations_64k(setup = body, args = ((27, 65536)))]
#[bench::rich_violations_1m(setup = body, args = ((27, 1048576)))]
fn read((body, options): (Vec<u8>, ReadOptions)) -> Vec<u8> {
    let remote = options.read(StatusCode::CONFLICT, &HeaderMap::new(), black_box(&body));
    drop(black_box(remote));
    body
}

#[library_benchmark]
#[bench::typical(setup = typical, args = (()))]
#[bench::zeros_64k(setup = body, args = ((0, 65536)))]
#[bench::zeros_1m(setup = body, args = ((0, 1048576)))]
#[bench::short_strings_64k(setup = body, args = ((3, 65536)))]
#[bench::short_strings_1m(setup = body, args = ((3, 1048576)))]
#[bench::long_message_64k(setup = body, args = ((9, 65536)))]
#[bench::long_message_1m(setup = body, args = ((9, 1048576)))]
#[bench::escapes_64k(setup = body, args = ((12, 65536)))]
#[bench::escapes_1m(setup = body, args = ((12, 1048576)))]
#[bench::drive_violations_64k(setup = body, args = ((13, 65536)))]
#[bench::drive_violations_1m(setup = body, args = ((13, 1048576)))]
#[bench::wave_details_64k(setup = body, args = ((14, 65536)))]
#[bench::wave_details_1m(setup = body, args = ((14, 1048576)))]
#[bench::deep_nests_64k(setup = body, args = ((17, 65536)))]
#[bench::deep_nests_1m(setup = body, args = ((17, 1048576)))]
#[bench::junk_64k(setup = body, args = ((18, 65536)))]
#[bench::junk_1m(setup = body, args = ((18, 1048576)))]
#[bench::rich_violations_64k(setup = body, args = ((27, 65536)))]
#[bench::rich_violations_1m(setup = body, args = ((27, 1048576)))]
fn parse((body, _): (Vec<u8>, ReadOptions)) -> Vec<u8> {
    drop(black_box(serde_json::from_slice::<serde_json::Value>(
        black_box(&body),
    )));
    body
}

library_benchmark_group!(
    name = client;
    compare_by_id = true;
    benchmarks = read, parse
);

main!(library_benchmark_groups = client);

//! Instruction counts (callgrind, through gungraun) of reading hostile bodies as the
//! extractors read them (`arms::input`): a body of n folders each failing in every field
//! (n = 1,000, 10,000, 100,000: 3·n violations, 100 kept), and one folder whose name is n
//! characters (n = 10,000, 100,000, 1,000,000: one `string_too_long`, its input cut).
//! Linear in the body means the same instructions per byte at every size; the baseline
//! (P) parses the same bodies into a `serde_json::Value` and nothing more. See
//! BENCHMARKS.md, "Validated input".
//!
//! The body is built by an unmeasured setup; measured: parsing it and reading it
//! (`serde_json::from_slice`, then `input::from_value` / `input::validated`), and dropping
//! the violations. The first setup runs [`arms::input::check`].
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench input`
//! (needs valgrind and `gungraun-runner` 0.20.0: `benches/install-tools.sh`).

use std::hint::black_box;
use std::sync::Once;

use arms::input;
use gungraun::{library_benchmark, library_benchmark_group, main};

fn checked<T>(body: T) -> T {
    static CHECK: Once = Once::new();
    CHECK.call_once(input::check);
    body
}

fn failing_fields(n: usize) -> Vec<u8> {
    checked(input::many_failing_fields(n))
}

fn long_string(n: usize) -> Vec<u8> {
    checked(input::one_long_string(n))
}

#[library_benchmark(setup = failing_fields)]
#[bench::fields_1k(1_000)]
#[bench::fields_10k(10_000)]
#[bench::fields_100k(100_000)]
fn many_failing_fields(body: Vec<u8>) -> Vec<u8> {
    drop(black_box(input::read_batch(black_box(&body))));
    body
}

#[library_benchmark(setup = long_string)]
#[bench::string_10k(10_000)]
#[bench::string_100k(100_000)]
#[bench::string_1m(1_000_000)]
fn one_long_string(body: Vec<u8>) -> Vec<u8> {
    drop(black_box(input::read_folder(black_box(&body))));
    body
}

// The baseline (P): the same bodies parsed into a `serde_json::Value` only.
#[library_benchmark]
#[bench::fields_1k(setup = failing_fields, args = (1_000))]
#[bench::fields_10k(setup = failing_fields, args = (10_000))]
#[bench::fields_100k(setup = failing_fields, args = (100_000))]
#[bench::string_10k(setup = long_string, args = (10_000))]
#[bench::string_100k(setup = long_string, args = (100_000))]
#[bench::string_1m(setup = long_string, args = (1_000_000))]
fn parse_only(body: Vec<u8>) -> Vec<u8> {
    drop(black_box(input::parse_only(black_box(&body))));
    body
}

library_benchmark_group!(
    name = input_bodies;
    benchmarks = many_failing_fields, one_long_string, parse_only
);

main!(library_benchmark_groups = input_bodies);

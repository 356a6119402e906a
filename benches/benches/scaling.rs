//! Instruction counts (callgrind, through gungraun) of one body against what it carries
//! (`arms::scaling`): D against an L1-style hand-writer of the same bytes, in ScaiWave and
//! RFC 9457, for a message of 16 B, 1 KiB and 64 KiB (cut at 8 KiB) and for 0, 10 and
//! 1 000 details. See BENCHMARKS.md and `benches/report.py` ("Scaling").
//!
//! As in `instructions`: every benchmark gets its inputs boxed from an unmeasured setup
//! and hands them back, the body goes into a reused buffer (large enough for every case,
//! written once in the setup, then cleared), and the first setup runs
//! [`arms::scaling::check`]. Each setup also renders its own case with both arms and
//! asserts the same bytes before anything is measured.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench scaling -- --save-summary=json`
//! (needs valgrind and `gungraun-runner` 0.20.0: `benches/install-tools.sh`).

use std::sync::Once;

use arms::scaling::{self, DetailsCase, Envelope, TextCase};
use gungraun::{library_benchmark, library_benchmark_group, main};

fn checked() {
    static CHECK: Once = Once::new();
    CHECK.call_once(scaling::check);
}

/// Inputs of a message-length case.
struct TextIn {
    case: TextCase,
    buf: Vec<u8>,
}

/// Inputs of a detail-count case.
struct DetailsIn {
    case: DetailsCase,
    buf: Vec<u8>,
}

fn text_in(env: Envelope, len: usize) -> Box<TextIn> {
    checked();
    let case = TextCase::new(env, len);
    let expected = scaling::check_text(&case);
    let mut buf = scaling::buffer();
    assert!(expected.len() <= buf.capacity(), "the buffer never grows");
    // Touch the buffer once, as the measured call will write it.
    buf.extend_from_slice(&expected);
    buf.clear();
    Box::new(TextIn { case, buf })
}

fn details_in(env: Envelope, n: usize) -> Box<DetailsIn> {
    checked();
    let case = DetailsCase::new(env, n);
    let expected = scaling::check_details(&case);
    let mut buf = scaling::buffer();
    assert!(expected.len() <= buf.capacity(), "the buffer never grows");
    buf.extend_from_slice(&expected);
    buf.clear();
    Box::new(DetailsIn { case, buf })
}

// --- message length ------------------------------------------------------------------------

#[library_benchmark(setup = text_in)]
#[bench::scaiwave_16(Envelope::ScaiWave, 16)]
#[bench::scaiwave_1k(Envelope::ScaiWave, 1024)]
#[bench::scaiwave_64k(Envelope::ScaiWave, 64 * 1024)]
#[bench::problem_16(Envelope::Problem, 16)]
#[bench::problem_1k(Envelope::Problem, 1024)]
#[bench::problem_64k(Envelope::Problem, 64 * 1024)]
fn l1_text(mut i: Box<TextIn>) -> Box<TextIn> {
    i.case.l1_body(&mut i.buf);
    i
}

#[library_benchmark(setup = text_in)]
#[bench::scaiwave_16(Envelope::ScaiWave, 16)]
#[bench::scaiwave_1k(Envelope::ScaiWave, 1024)]
#[bench::scaiwave_64k(Envelope::ScaiWave, 64 * 1024)]
#[bench::problem_16(Envelope::Problem, 16)]
#[bench::problem_1k(Envelope::Problem, 1024)]
#[bench::problem_64k(Envelope::Problem, 64 * 1024)]
fn d_text(mut i: Box<TextIn>) -> Box<TextIn> {
    i.case.d_body(&mut i.buf);
    i
}

library_benchmark_group!(
    name = message_length;
    compare_by_id = true;
    benchmarks = l1_text, d_text
);

// --- detail count --------------------------------------------------------------------------

#[library_benchmark(setup = details_in)]
#[bench::scaiwave_0(Envelope::ScaiWave, 0)]
#[bench::scaiwave_10(Envelope::ScaiWave, 10)]
#[bench::scaiwave_1000(Envelope::ScaiWave, 1000)]
#[bench::problem_0(Envelope::Problem, 0)]
#[bench::problem_10(Envelope::Problem, 10)]
#[bench::problem_1000(Envelope::Problem, 1000)]
fn l1_details(mut i: Box<DetailsIn>) -> Box<DetailsIn> {
    i.case.l1_body(&mut i.buf);
    i
}

#[library_benchmark(setup = details_in)]
#[bench::scaiwave_0(Envelope::ScaiWave, 0)]
#[bench::scaiwave_10(Envelope::ScaiWave, 10)]
#[bench::scaiwave_1000(Envelope::ScaiWave, 1000)]
#[bench::problem_0(Envelope::Problem, 0)]
#[bench::problem_10(Envelope::Problem, 10)]
#[bench::problem_1000(Envelope::Problem, 1000)]
fn d_details(mut i: Box<DetailsIn>) -> Box<DetailsIn> {
    i.case.d_body(&mut i.buf);
    i
}

library_benchmark_group!(
    name = detail_count;
    compare_by_id = true;
    benchmarks = l1_details, d_details
);

main!(library_benchmark_groups = message_length, detail_count);

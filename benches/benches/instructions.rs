//! Instruction counts (callgrind, through gungraun): the primary figure.
//!
//! Every benchmark function receives its inputs, boxed, from a setup function (not
//! measured) and hands the box back, so that only the rendering is counted: no
//! construction of the error or the buffer, no drop, and no copy of the inputs (moving a
//! large tuple by value costs a `memcpy` that differs between arms). Bodies go into a reused buffer (allocated and used
//! once in the setup, then cleared). The setup also runs [`arms::check::all`] once, so a
//! run whose arms render different envelopes fails instead of measuring.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench instructions`
//! (needs valgrind and `gungraun-runner` 0.20.0: `benches/install-tools.sh`).

use std::hint::black_box;
use std::sync::Once;

use api_envelope::ApiError as _;
use arms::fixture::{ROOM_ID, Request};
use arms::{Fmt, buffer, json_value, limit, literal, literal2, ours, problem_crate, thiserror_arm};
use gungraun::{library_benchmark, library_benchmark_group, main};

fn checked() {
    static CHECK: Once = Once::new();
    CHECK.call_once(arms::check::all);
}

// --- inputs ------------------------------------------------------------------------------

/// Inputs of L, L1 and L2 (the same hand-written error and request).
struct LIn {
    fmt: Fmt,
    err: limit::Frozen,
    req: Request,
    buf: Vec<u8>,
}

/// Inputs of D.
struct DIn {
    fmt: Fmt,
    d: ours::Fixture,
    buf: Vec<u8>,
}

/// Inputs of T, V and H.
struct TIn {
    fmt: Fmt,
    err: thiserror_arm::RoomError,
    req: Request,
    buf: Vec<u8>,
}

fn l_in(fmt: Fmt) -> Box<LIn> {
    checked();
    let err = limit::Frozen {
        room_id: ROOM_ID.to_owned(),
    };
    let req = Request::new();
    let mut buf = buffer();
    limit::body(fmt, &err, &req, &mut buf);
    buf.clear();
    Box::new(LIn { fmt, err, req, buf })
}

fn l1_in(fmt: Fmt) -> Box<LIn> {
    checked();
    let err = limit::Frozen {
        room_id: ROOM_ID.to_owned(),
    };
    let req = Request::new();
    let mut buf = buffer();
    literal::body(fmt, &err, &req, &mut buf);
    buf.clear();
    Box::new(LIn { fmt, err, req, buf })
}

fn l2_in(fmt: Fmt) -> Box<LIn> {
    checked();
    let err = limit::Frozen {
        room_id: ROOM_ID.to_owned(),
    };
    let req = Request::new();
    let mut buf = buffer();
    literal2::body(fmt, &err, &req, &mut buf);
    buf.clear();
    Box::new(LIn { fmt, err, req, buf })
}

fn d_in(fmt: Fmt) -> Box<DIn> {
    checked();
    let d = ours::Fixture::new();
    let mut buf = buffer();
    ours::body(fmt, &d, &mut buf);
    buf.clear();
    Box::new(DIn { fmt, d, buf })
}

fn t_in(fmt: Fmt) -> Box<TIn> {
    checked();
    let err = thiserror_arm::frozen();
    let req = Request::new();
    let mut buf = buffer();
    thiserror_arm::body(fmt, &err, &req, &mut buf);
    buf.clear();
    Box::new(TIn { fmt, err, req, buf })
}

// --- bodies into a reused buffer -----------------------------------------------------------

#[library_benchmark(setup = l_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn l_body(mut i: Box<LIn>) -> Box<LIn> {
    limit::body(i.fmt, &i.err, &i.req, &mut i.buf);
    i
}

#[library_benchmark(setup = l1_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn l1_body(mut i: Box<LIn>) -> Box<LIn> {
    literal::body(i.fmt, &i.err, &i.req, &mut i.buf);
    i
}

#[library_benchmark(setup = l2_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn l2_body(mut i: Box<LIn>) -> Box<LIn> {
    literal2::body(i.fmt, &i.err, &i.req, &mut i.buf);
    i
}

#[library_benchmark(setup = d_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn d_body(mut i: Box<DIn>) -> Box<DIn> {
    ours::body(i.fmt, &i.d, &mut i.buf);
    i
}

#[library_benchmark(setup = t_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn t_body(mut i: Box<TIn>) -> Box<TIn> {
    thiserror_arm::body(i.fmt, &i.err, &i.req, &mut i.buf);
    i
}

#[library_benchmark(setup = t_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn v_body(mut i: Box<TIn>) -> Box<TIn> {
    json_value::body(i.fmt, &i.err, &i.req, &mut i.buf);
    i
}

#[library_benchmark(setup = t_in)]
#[bench::problem(Fmt::Problem)]
fn h_body(mut i: Box<TIn>) -> Box<TIn> {
    problem_crate::body(&i.err, &i.req, &mut i.buf);
    i
}

library_benchmark_group!(
    name = body;
    compare_by_id = true;
    benchmarks = l_body, l1_body, l2_body, d_body, t_body, v_body, h_body
);

// --- full http::Response -------------------------------------------------------------------

type Res = http::Response<Vec<u8>>;

#[library_benchmark(setup = l_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn l_response(i: Box<LIn>) -> (Box<LIn>, Res) {
    let res = limit::response(i.fmt, &i.err, &i.req);
    (i, res)
}

#[library_benchmark(setup = l1_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn l1_response(i: Box<LIn>) -> (Box<LIn>, Res) {
    let res = literal::response(i.fmt, &i.err, &i.req);
    (i, res)
}

#[library_benchmark(setup = d_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn d_response(i: Box<DIn>) -> (Box<DIn>, Res) {
    let res = ours::response(i.fmt, &i.d);
    (i, res)
}

#[library_benchmark(setup = t_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn t_response(i: Box<TIn>) -> (Box<TIn>, Res) {
    let res = thiserror_arm::response(i.fmt, &i.err, &i.req);
    (i, res)
}

#[library_benchmark(setup = t_in)]
#[bench::scaiwave(Fmt::ScaiWave)]
#[bench::scaigrid(Fmt::ScaiGrid)]
#[bench::scaidrive(Fmt::ScaiDrive)]
#[bench::scaikey(Fmt::ScaiKey)]
#[bench::problem(Fmt::Problem)]
fn v_response(i: Box<TIn>) -> (Box<TIn>, Res) {
    let res = json_value::response(i.fmt, &i.err, &i.req);
    (i, res)
}

#[library_benchmark(setup = t_in)]
#[bench::problem(Fmt::Problem)]
fn h_response(i: Box<TIn>) -> (Box<TIn>, Res) {
    let res = problem_crate::response(&i.err, &i.req);
    (i, res)
}

library_benchmark_group!(
    name = response;
    compare_by_id = true;
    benchmarks = l_response, l1_response, d_response, t_response, v_response, h_response
);

// --- code() / status(): the derive against a hand-written match ----------------------------
//
// Each call asks every variant of the 7-variant enum once (so no single branch is
// favoured), through `black_box` so nothing is folded.

fn d_variants() -> Vec<ours::RoomError> {
    checked();
    ours::all_variants()
}

fn t_variants() -> Vec<thiserror_arm::RoomError> {
    checked();
    thiserror_arm::all_variants()
}

#[library_benchmark]
#[bench::all_variants(setup = d_variants)]
fn d_code(errs: Vec<ours::RoomError>) -> Vec<ours::RoomError> {
    for e in &errs {
        black_box(black_box(e).code());
    }
    errs
}

#[library_benchmark]
#[bench::all_variants(setup = t_variants)]
fn hand_code(errs: Vec<thiserror_arm::RoomError>) -> Vec<thiserror_arm::RoomError> {
    for e in &errs {
        black_box(black_box(e).code());
    }
    errs
}

#[library_benchmark]
#[bench::all_variants(setup = d_variants)]
fn d_status(errs: Vec<ours::RoomError>) -> Vec<ours::RoomError> {
    for e in &errs {
        black_box(black_box(e).status());
    }
    errs
}

#[library_benchmark]
#[bench::all_variants(setup = t_variants)]
fn hand_status(errs: Vec<thiserror_arm::RoomError>) -> Vec<thiserror_arm::RoomError> {
    for e in &errs {
        black_box(black_box(e).status());
    }
    errs
}

library_benchmark_group!(
    name = code_status;
    benchmarks = d_code, hand_code, d_status, hand_status
);

main!(library_benchmark_groups = body, response, code_status);

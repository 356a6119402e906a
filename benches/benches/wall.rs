//! Wall time and heap allocations per call (divan, with its counting global allocator):
//! the second figure. Same arms and inputs as `instructions.rs`.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench wall`

use std::hint::black_box;

use api_envelope::ApiError as _;
use arms::fixture::{ROOM_ID, Request};
use arms::{Fmt, buffer, json_value, limit, ours, problem_crate, thiserror_arm};
use divan::Bencher;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    arms::check::all();
    divan::main();
}

/// Bodies into a reused buffer (cleared before each call).
mod body {
    use super::*;

    #[divan::bench(args = Fmt::ALL)]
    fn l(bencher: Bencher, fmt: Fmt) {
        let (err, req, mut buf) = (
            limit::Frozen {
                room_id: ROOM_ID.to_owned(),
            },
            Request::new(),
            buffer(),
        );
        bencher.bench_local(|| {
            buf.clear();
            limit::body(fmt, black_box(&err), black_box(&req), &mut buf);
            black_box(&buf);
        });
    }

    #[divan::bench(args = Fmt::ALL)]
    fn d(bencher: Bencher, fmt: Fmt) {
        let (d, mut buf) = (ours::Fixture::new(), buffer());
        bencher.bench_local(|| {
            buf.clear();
            ours::body(fmt, black_box(&d), &mut buf);
            black_box(&buf);
        });
    }

    #[divan::bench(args = Fmt::ALL)]
    fn t(bencher: Bencher, fmt: Fmt) {
        let (err, req, mut buf) = (thiserror_arm::frozen(), Request::new(), buffer());
        bencher.bench_local(|| {
            buf.clear();
            thiserror_arm::body(fmt, black_box(&err), black_box(&req), &mut buf);
            black_box(&buf);
        });
    }

    #[divan::bench(args = Fmt::ALL)]
    fn v(bencher: Bencher, fmt: Fmt) {
        let (err, req, mut buf) = (thiserror_arm::frozen(), Request::new(), buffer());
        bencher.bench_local(|| {
            buf.clear();
            json_value::body(fmt, black_box(&err), black_box(&req), &mut buf);
            black_box(&buf);
        });
    }

    #[divan::bench(args = [Fmt::Problem])]
    fn h(bencher: Bencher, _fmt: Fmt) {
        let (err, req, mut buf) = (thiserror_arm::frozen(), Request::new(), buffer());
        bencher.bench_local(|| {
            buf.clear();
            problem_crate::body(black_box(&err), black_box(&req), &mut buf);
            black_box(&buf);
        });
    }
}

/// The whole `http::Response` (dropped outside the timed region).
mod response {
    use super::*;

    #[divan::bench(args = Fmt::ALL)]
    fn l(bencher: Bencher, fmt: Fmt) {
        let (err, req) = (
            limit::Frozen {
                room_id: ROOM_ID.to_owned(),
            },
            Request::new(),
        );
        bencher.bench_local(|| limit::response(fmt, black_box(&err), black_box(&req)));
    }

    #[divan::bench(args = Fmt::ALL)]
    fn d(bencher: Bencher, fmt: Fmt) {
        let d = ours::Fixture::new();
        bencher.bench_local(|| ours::response(fmt, black_box(&d)));
    }

    #[divan::bench(args = Fmt::ALL)]
    fn t(bencher: Bencher, fmt: Fmt) {
        let (err, req) = (thiserror_arm::frozen(), Request::new());
        bencher.bench_local(|| thiserror_arm::response(fmt, black_box(&err), black_box(&req)));
    }

    #[divan::bench(args = Fmt::ALL)]
    fn v(bencher: Bencher, fmt: Fmt) {
        let (err, req) = (thiserror_arm::frozen(), Request::new());
        bencher.bench_local(|| json_value::response(fmt, black_box(&err), black_box(&req)));
    }

    #[divan::bench(args = [Fmt::Problem])]
    fn h(bencher: Bencher, _fmt: Fmt) {
        let (err, req) = (thiserror_arm::frozen(), Request::new());
        bencher.bench_local(|| problem_crate::response(black_box(&err), black_box(&req)));
    }
}

/// `code()` / `status()` of each of the 7 variants, derive against a hand-written match.
mod code_status {
    use super::*;

    #[divan::bench]
    fn d_code(bencher: Bencher) {
        let errs = ours::all_variants();
        bencher.bench_local(|| {
            for e in &errs {
                black_box(black_box(e).code());
            }
        });
    }

    #[divan::bench]
    fn hand_code(bencher: Bencher) {
        let errs = thiserror_arm::all_variants();
        bencher.bench_local(|| {
            for e in &errs {
                black_box(black_box(e).code());
            }
        });
    }

    #[divan::bench]
    fn d_status(bencher: Bencher) {
        let errs = ours::all_variants();
        bencher.bench_local(|| {
            for e in &errs {
                black_box(black_box(e).status());
            }
        });
    }

    #[divan::bench]
    fn hand_status(bencher: Bencher) {
        let errs = thiserror_arm::all_variants();
        bencher.bench_local(|| {
            for e in &errs {
                black_box(black_box(e).status());
            }
        });
    }
}

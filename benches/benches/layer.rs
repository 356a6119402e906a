//! Instruction counts (callgrind, through gungraun) of one request through an axum
//! router: no layer (A), a no-op layer (B), `RequestContextLayer` (C, C2), a hand-written
//! layer echoing `x-request-id` only (E), and an error
//! through the layer, derived (D) against a hand-written `IntoResponse` (H). See
//! `arms::layer` and BENCHMARKS.md, "The serving layer (axum)".
//!
//! Each benchmark gets the router and the request (built as hyper builds it) boxed from
//! an unmeasured setup, which has already served one request of the same kind (so no
//! one-time initialisation, thread-local registration or first-use allocation is
//! counted). Measured: `poll_ready`, `call`, polling the future to completion and
//! dropping the response, so the whole request is counted. The setup also runs
//! [`arms::layer::check`] once: a run whose D and H differ by a byte fails instead of
//! measuring.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench layer`
//! (needs valgrind and `gungraun-runner` 0.20.0: `benches/install-tools.sh`).

use std::hint::black_box;
use std::sync::Once;

use arms::layer::{self, Case};
use axum::Router;
use axum::body::Body;
use gungraun::{library_benchmark, library_benchmark_group, main};

/// The router and the request of one case.
struct In {
    svc: Router,
    req: Option<http::Request<Body>>,
}

fn serve_in(case: Case) -> Box<In> {
    static CHECK: Once = Once::new();
    CHECK.call_once(layer::check);
    let mut svc = case.router();
    // Warm-up: the same kind of request once, unmeasured.
    drop(layer::call(&mut svc, case.request()));
    Box::new(In {
        svc,
        req: Some(case.request()),
    })
}

#[library_benchmark(setup = serve_in)]
#[bench::a_no_layer(Case::A)]
#[bench::a_no_layer_no_id(Case::ANoId)]
#[bench::b_noop_layer(Case::B)]
#[bench::b_noop_layer_no_id(Case::BNoId)]
#[bench::c_layer(Case::C)]
#[bench::c_layer_no_id(Case::CNoId)]
#[bench::c2_layer_negotiating(Case::C2)]
#[bench::e_echo_id_layer(Case::E)]
#[bench::f_guarded_echo_layer(Case::F)]
#[bench::d_derived_error(Case::D)]
#[bench::h_hand_error(Case::H)]
fn serve(mut i: Box<In>) -> Box<In> {
    let req = i.req.take().expect("one request per run");
    drop(black_box(layer::call(&mut i.svc, req)));
    i
}

library_benchmark_group!(
    name = serving;
    benchmarks = serve
);

main!(library_benchmark_groups = serving);

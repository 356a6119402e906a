//! Heap allocations per render, counted with an instrumented global allocator.
//!
//! One test only, so no other test thread allocates while a region is measured.

mod common;

use std::alloc::System;

use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::{ApiError, Context, Format};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn allocations(f: impl FnOnce()) -> usize {
    let region = Region::new(GLOBAL);
    f();
    region.change().allocations + region.change().reallocations
}

#[test]
fn rendering_allocates_as_little_as_documented() {
    let formats: [&dyn Format; 5] = [
        &ScaiWave,
        &ScaiGrid,
        &ScaiDrive,
        &ScaiKey,
        &Problem::new("https://e.example/"),
    ];
    let ctx = Context::new().request_id("req_1").instance("/v1/rooms/1");
    assert_eq!(api_envelope::format::number_header(0), "0");
    assert_eq!(
        api_envelope::format::number_header(u64::MAX),
        "18446744073709551615"
    );
    let limited = ctx.rate_limit(100, 0, 1_700_000_000);
    let mut buf = Vec::with_capacity(4096);
    for (name, err) in common::cases() {
        for format in formats {
            // The body into a reused buffer: nothing.
            buf.clear();
            let n = allocations(|| err.write_body(format, &ctx, &mut buf).unwrap());
            assert_eq!(n, 0, "write_body of {name}");
            // Also when the format generates the request id.
            buf.clear();
            let n = allocations(|| err.write_body(format, &Context::new(), &mut buf).unwrap());
            assert_eq!(n, 0, "write_body of {name} without id");

            // A whole response: body + header map, plus one per dynamic header value.
            let mut res = None;
            let n = allocations(|| res = Some(err.to_response(format, &ctx)));
            let dynamic = res.as_ref().unwrap().headers().len() - 1;
            assert!(
                n <= 3 + dynamic,
                "to_response of {name}: {n} allocations, {dynamic} dynamic headers"
            );
            res = None;
            let n = allocations(|| res = Some(err.to_response(format, &limited)));
            let dynamic = res.as_ref().unwrap().headers().len() - 1;
            assert!(
                n <= 3 + dynamic,
                "to_response of {name}: {n} allocations, {dynamic} dynamic headers"
            );
        }
        // ScaiKey with the request id taken from the request's header value: the
        // `X-Request-ID` header is that value, cloned (sharing its bytes), so it costs
        // nothing: 3 plus one per other dynamic header (`Retry-After`).
        let incoming = api_envelope::http::HeaderValue::from_str("req_from_client").unwrap();
        drop(incoming.clone()); // as a parsed request's value: its bytes already shared
        let from_header = Context::new().request_id_value(&incoming);
        let mut res = None;
        let n = allocations(|| res = Some(err.to_response(&ScaiKey, &from_header)));
        let dynamic = res.as_ref().unwrap().headers().len() - 2;
        assert!(
            n <= 3 + dynamic,
            "to_response of {name} in ScaiKey, id from a header value: {n}"
        );
        drop(res);
        // The plain cases in ScaiWave / Problem: exactly at most 3.
        if matches!(name, "plain" | "detail" | "violations" | "internal") {
            for format in [&ScaiWave as &dyn Format, &Problem::new("/e/"), &ScaiDrive] {
                let mut res = None;
                let n = allocations(|| res = Some(err.to_response(format, &ctx)));
                assert!(n <= 3, "to_response of {name}: {n}");
                drop(res);
            }
        }
    }
}

//! Peak memory of reading a hostile body, measured with a counting global allocator:
//! at most 8 × the body read (after the cap; a body under `MIN_BUDGET_BASE` counted as
//! that size), whatever its shape.
//!
//! One test only, so no other test thread allocates while a read is measured.

use api_envelope::client::limits::{DEFAULT_MAX_BODY_BYTES, MIN_BUDGET_BASE};
use api_envelope::client::{ReadOptions, RemoteError};
use api_envelope::http::{HeaderMap, HeaderValue, StatusCode};
use peak_alloc::PeakAlloc;

mod hostile;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// The peak of bytes allocated while reading `body` (and keeping what was read).
fn peak(options: &ReadOptions, headers: &HeaderMap, body: &[u8]) -> (usize, RemoteError) {
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let remote = options.read(StatusCode::CONFLICT, headers, body);
    (ALLOC.peak_usage() - before, remote)
}

#[test]
fn peak_memory_is_within_eight_times_the_body_read() {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("req_1"));
    let default = ReadOptions::new();
    let mut worst = (0.0f64, "");
    for (name, make) in hostile::shapes() {
        for (size, options) in [
            (64 * 1024, default),
            (MIN_BUDGET_BASE, default),
            (DEFAULT_MAX_BODY_BYTES, default),
            (4 * DEFAULT_MAX_BODY_BYTES, default),
            (
                4 * DEFAULT_MAX_BODY_BYTES,
                default.max_body_bytes(4 * DEFAULT_MAX_BODY_BYTES),
            ),
        ] {
            let body = make(size);
            let (peak, remote) = peak(&options, &headers, &body);
            let read = body.len().min(options.get_max_body_bytes());
            let ratio = peak as f64 / read.max(MIN_BUDGET_BASE) as f64;
            eprintln!(
                "{name:45} {:>8} bytes (read {read:>8}): peak {peak:>9} = {ratio:.2} x, {:?}",
                body.len(),
                remote.losses
            );
            assert!(!remote.message.is_empty(), "{name}");
            assert!(
                ratio <= 8.0,
                "{name}: {peak} bytes at the peak for {read} bytes read ({ratio:.2} x)"
            );
            if ratio > worst.0 {
                worst = (ratio, name);
            }
        }
    }
    eprintln!("worst: {:.2} x ({})", worst.0, worst.1);
}

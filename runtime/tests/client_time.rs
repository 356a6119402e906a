//! Time linear in the body: every hostile shape, read at 64 KiB and at 16 times that,
//! takes at most a bounded multiple of 16 times as long (a quadratic reader takes 256
//! times as long). Times are the least of several alternated runs, the least noisy
//! figure on a busy two-core machine; the bound (48) leaves room for cache effects.
//!
//! One test only, so no other test thread competes for the cores while it measures.

use std::time::{Duration, Instant};

use api_envelope::client::ReadOptions;
use api_envelope::http::{HeaderMap, StatusCode};

mod hostile;

fn least_time(options: &ReadOptions, body: &[u8], runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let remote = options.read(StatusCode::CONFLICT, &HeaderMap::new(), body);
            std::hint::black_box(&remote);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn every_shape_reads_in_time_linear_in_its_size() {
    const SMALL: usize = 64 * 1024;
    const RATIO: usize = 16;
    const BOUND: f64 = 48.0;
    let mut failures = Vec::new();
    for (name, make) in hostile::shapes() {
        for small_size in [SMALL, 4 * SMALL] {
            let large_size = RATIO * small_size;
            // Read whole: the cap is the large body.
            let options = ReadOptions::new().max_body_bytes(large_size);
            let (small, large) = (make(small_size), make(large_size));
            least_time(&options, &small, 1);
            let (mut t_small, mut t_large) = (Duration::MAX, Duration::MAX);
            for _ in 0..3 {
                t_small = t_small.min(least_time(&options, &small, 3));
                t_large = t_large.min(least_time(&options, &large, 1));
            }
            let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
            let per_mib = t_large.as_secs_f64() * 1024.0 * 1024.0 / large.len() as f64;
            eprintln!(
                "{name:45} {:>8} -> {:>8} bytes: {t_small:>10.2?} -> {t_large:>10.2?} ({ratio:5.1} x, {:.1} ms/MiB)",
                small.len(),
                large.len(),
                per_mib * 1e3,
            );
            if ratio > BOUND {
                failures.push(format!("{name} at {small_size}: {ratio:.1} x"));
            }
        }
    }
    assert!(failures.is_empty(), "not linear: {failures:?}");
}

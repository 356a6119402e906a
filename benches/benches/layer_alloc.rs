//! Heap allocations (and wall time) per request through an axum router, the arms of
//! `benches/layer.rs` (`arms::layer`): a counting global allocator, on only around one
//! request at a time (`poll_ready`, `call`, polling to completion, dropping the
//! response), after three unmeasured requests of the same kind. Every request of a case
//! must allocate the same, or the run fails.
//!
//! `cargo bench --manifest-path benches/Cargo.toml --bench layer_alloc`

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use arms::layer::{self, Case};

/// The system allocator, counting while [`ON`] is set.
struct Counting;

static ON: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicU64 = AtomicU64::new(0);
static REALLOCS: AtomicU64 = AtomicU64::new(0);
static FREES: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call to `System` unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ON.load(Relaxed) {
            ALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(layout.size() as u64, Relaxed);
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if ON.load(Relaxed) {
            ALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(layout.size() as u64, Relaxed);
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ON.load(Relaxed) {
            FREES.fetch_add(1, Relaxed);
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ON.load(Relaxed) {
            REALLOCS.fetch_add(1, Relaxed);
            BYTES.fetch_add(new_size.saturating_sub(layout.size()) as u64, Relaxed);
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What one request allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    allocs: u64,
    reallocs: u64,
    frees: u64,
    bytes: u64,
}

fn counted(f: impl FnOnce()) -> Counts {
    for c in [&ALLOCS, &REALLOCS, &FREES, &BYTES] {
        c.store(0, Relaxed);
    }
    ON.store(true, Relaxed);
    f();
    ON.store(false, Relaxed);
    Counts {
        allocs: ALLOCS.load(Relaxed),
        reallocs: REALLOCS.load(Relaxed),
        frees: FREES.load(Relaxed),
        bytes: BYTES.load(Relaxed),
    }
}

const RUNS: usize = 1000;
const BATCH: usize = 100;
const BATCHES: usize = 60;

fn measure(case: Case) -> (Counts, Duration, Duration) {
    let mut svc = case.router();
    for _ in 0..3 {
        drop(layer::call(&mut svc, case.request()));
    }
    let mut first = None;
    for _ in 0..RUNS {
        let req = case.request();
        let counts = counted(|| drop(black_box(layer::call(&mut svc, req))));
        match first {
            None => first = Some(counts),
            Some(f) => assert_eq!(f, counts, "{case}: requests allocate differently"),
        }
    }
    let mut per_call: Vec<Duration> = (0..BATCHES)
        .map(|_| {
            let reqs: Vec<_> = (0..BATCH).map(|_| case.request()).collect();
            let start = Instant::now();
            for req in reqs {
                drop(black_box(layer::call(&mut svc, black_box(req))));
            }
            start.elapsed() / u32::try_from(BATCH).unwrap_or(1)
        })
        .collect();
    per_call.sort();
    (first.expect("RUNS > 0"), per_call[0], per_call[BATCHES / 2])
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    layer::check();
    let rows: Vec<(Case, Counts, Duration, Duration)> = Case::ALL
        .into_iter()
        .map(|case| {
            let (c, min, median) = measure(case);
            (case, c, min, median)
        })
        .collect();
    println!("### Allocations per request (counting global allocator), wall time per request\n");
    println!("| case | allocations | reallocations | frees | bytes allocated | min | median |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (case, c, min, median) in &rows {
        println!(
            "| {case} | {} | {} | {} | {} | {:.1?} | {:.1?} |",
            c.allocs, c.reallocs, c.frees, c.bytes, min, median
        );
    }
    let get = |k: Case| {
        rows.iter()
            .find(|r| r.0 == k)
            .map(|r| r.1)
            .expect("every case ran")
    };
    let diff = |a: Case, b: Case| {
        let (a, b) = (get(a), get(b));
        (
            a.allocs as i64 - b.allocs as i64,
            a.reallocs as i64 - b.reallocs as i64,
            a.bytes as i64 - b.bytes as i64,
        )
    };
    println!();
    for (what, a, b) in [
        (
            "layer's own cost, with x-request-id (C - B)",
            Case::C,
            Case::B,
        ),
        (
            "layer's own cost, id generated (C no id - B no id)",
            Case::CNoId,
            Case::BNoId,
        ),
        ("negotiating layer's own cost (C2 - B)", Case::C2, Case::B),
        (
            "hand-written id echo over no-op layer (E - B)",
            Case::E,
            Case::B,
        ),
        (
            "hand-written guarded echo over no-op layer (F - B)",
            Case::F,
            Case::B,
        ),
        ("layer over the guarded echo (C - F)", Case::C, Case::F),
        ("no-op layer over no layer (B - A)", Case::B, Case::A),
        ("derived over hand-written error (D - H)", Case::D, Case::H),
    ] {
        let (n, r, bytes) = diff(a, b);
        println!("- {what}: {n:+} allocations, {r:+} reallocations, {bytes:+} bytes");
    }
}

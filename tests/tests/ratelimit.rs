//! The in-process rate limiter (`GovernorLimiter`, feature `governor`): the figures of a
//! 3/minute quota, key isolation, refills, memory housekeeping, and the 429 a ScaiKey
//! service answers with.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use api_envelope::format::ScaiKey;
use api_envelope::integrations::ratelimit::{
    GovernorLimiter, LimitCheck, Quota, RateDecision, RateLimiter,
};
use api_envelope::{ApiError, Context};

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The decision of a limiter that answers at once.
fn ready(limiter: &dyn RateLimiter, key: &str) -> RateDecision {
    match limiter.check(key) {
        LimitCheck::Ready(decision) => decision,
        LimitCheck::Pending(_) => panic!("an in-process limiter answers at once"),
    }
}

#[test]
fn three_per_minute() {
    let limiter = GovernorLimiter::new(Quota::per_minute(3));
    let before = unix_now();
    let allowed: Vec<RateDecision> = (0..3).map(|_| ready(&limiter, "key_1")).collect();
    assert!(allowed.iter().all(|d| d.allowed && d.limit == 3));
    assert!(allowed.iter().all(|d| d.retry_after.is_none()));
    assert_eq!(
        allowed.iter().map(|d| d.remaining).collect::<Vec<_>>(),
        [2, 1, 0]
    );
    // Full again once the requests made are refilled, 20 s each.
    for (d, used) in allowed.iter().zip(1..) {
        assert!(
            (before + 20 * used..=before + 20 * used + 2).contains(&d.reset),
            "reset {} for {used} used (now {before})",
            d.reset
        );
    }

    let denied = ready(&limiter, "key_1");
    assert!(!denied.allowed);
    assert_eq!((denied.limit, denied.remaining), (3, 0));
    let wait = denied
        .retry_after
        .expect("a denied request says when to retry");
    assert!(
        wait >= Duration::from_secs(19) && wait <= Duration::from_secs(21),
        "{wait:?}"
    );
    assert_eq!(denied.retry_after_secs(), Some(20));
    assert!((before + 59..=before + 62).contains(&denied.reset));

    // A denied request costs nothing: the next one waits no longer.
    let again = ready(&limiter, "key_1");
    assert!(!again.allowed);
    assert!(again.retry_after <= denied.retry_after);
}

#[test]
fn keys_are_independent() {
    let limiter = GovernorLimiter::new(Quota::per_minute(3));
    for _ in 0..4 {
        let _ = ready(&limiter, "alice");
    }
    assert!(!ready(&limiter, "alice").allowed);
    assert_eq!(ready(&limiter, "bob").remaining, 2);
    assert_eq!(ready(&limiter, "203.0.113.7").remaining, 2);
    assert_eq!(ready(&limiter, "bob").remaining, 1);
    assert!(!ready(&limiter, "alice").allowed);
    assert_eq!(limiter.len(), 3);
}

#[test]
fn refills_continuously() {
    // 2 per second: one request every 500 ms (margins for a loaded machine).
    let limiter = GovernorLimiter::new(Quota::new(2, Duration::from_secs(1)));
    assert_eq!(ready(&limiter, "k").remaining, 1);
    assert_eq!(ready(&limiter, "k").remaining, 0);
    let denied = ready(&limiter, "k");
    assert!(!denied.allowed);
    assert!(denied.retry_after <= Some(Duration::from_millis(500)));
    assert_eq!(denied.retry_after_secs(), Some(1), "never 0 on the wire");

    std::thread::sleep(Duration::from_millis(600));
    let one = ready(&limiter, "k");
    assert!(one.allowed, "one interval refills one request");
    assert_eq!(one.remaining, 0);

    std::thread::sleep(Duration::from_millis(1_100));
    assert_eq!(
        ready(&limiter, "k").remaining,
        1,
        "a whole window refills the burst"
    );
}

#[test]
fn figures_stay_consistent_under_concurrency() {
    let limiter = Arc::new(GovernorLimiter::new(Quota::per_hour(100)));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let limiter = Arc::clone(&limiter);
            std::thread::spawn(move || {
                (0..50)
                    .map(|_| limiter.decide("shared"))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let decisions: Vec<RateDecision> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("no thread panics"))
        .collect();
    let allowed: Vec<&RateDecision> = decisions.iter().filter(|d| d.allowed).collect();
    assert_eq!(
        allowed.len(),
        100,
        "exactly the burst (a refill takes 36 s)"
    );
    // Each allowed request saw its own remaining figure, 99 down to 0, except that a
    // thread whose clock reading lost a race reports one less (see `GovernorLimiter`):
    // the figures are a permutation of 0..100 with a few places taken one lower.
    let mut remaining: Vec<u64> = allowed.iter().map(|d| d.remaining).collect();
    remaining.sort_unstable();
    let distinct: BTreeSet<u64> = remaining.iter().copied().collect();
    assert_eq!(remaining.last(), Some(&99));
    assert!(
        distinct.len() >= 90,
        "at most a few figures one lower: {remaining:?}"
    );
    for (place, figure) in remaining.iter().enumerate() {
        // Sorted, the k-th figure is k or, where one was reported low, k - 1.
        assert!(
            *figure == place as u64 || *figure + 1 == place as u64,
            "figure {figure} at place {place}: {remaining:?}"
        );
    }
    assert!(
        decisions
            .iter()
            .filter(|d| !d.allowed)
            .all(|d| d.remaining == 0 && d.retry_after.is_some())
    );
    for d in &decisions {
        let figures = d.rate_limit();
        assert_eq!(
            (figures.limit, figures.remaining, figures.reset),
            (d.limit, d.remaining, d.reset)
        );
        assert!(d.remaining < d.limit);
    }
}

#[test]
fn any_key_and_any_quota() {
    let long = "k".repeat(100_000);
    for quota in [
        Quota::new(0, Duration::ZERO),
        Quota::new(u32::MAX, Duration::MAX),
        Quota::new(1, Duration::MAX),
        Quota::new(u32::MAX, Duration::from_nanos(1)),
    ] {
        let limiter = GovernorLimiter::new(quota);
        for key in ["", "\u{0}", "ключ 🔑", "{tag}:*", long.as_str()] {
            let d = limiter.decide(key);
            assert!(d.allowed, "{quota:?} {key:?}");
            assert_eq!(d.limit, u64::from(quota.limit()));
            assert!(d.remaining < d.limit || d.limit == 1);
        }
    }
    // One request per year: the second waits (nearly) the whole year.
    let yearly = GovernorLimiter::new(Quota::new(1, Duration::MAX));
    assert!(yearly.decide("k").allowed);
    let denied = yearly.decide("k");
    assert!(!denied.allowed);
    assert!(denied.retry_after > Some(Quota::MAX_PERIOD - Duration::from_secs(5)));
}

#[test]
fn retain_recent_drops_full_buckets() {
    let limiter = GovernorLimiter::new(Quota::new(1, Duration::from_millis(200)));
    for i in 0..1_000 {
        assert!(limiter.decide(&format!("client-{i}")).allowed);
    }
    assert_eq!(limiter.len(), 1_000);
    limiter.retain_recent();
    assert_eq!(limiter.len(), 1_000, "the buckets are not full again yet");
    std::thread::sleep(Duration::from_millis(500));
    limiter.retain_recent();
    limiter.shrink_to_fit();
    assert!(limiter.is_empty());
    // A dropped key starts afresh, exactly as it would have.
    assert!(limiter.decide("client-1").allowed);
}

#[test]
fn shared_as_a_trait_object() {
    let limiter: Arc<dyn RateLimiter> = Arc::new(GovernorLimiter::new(Quota::per_second(1)));
    assert!(ready(&limiter, "k").allowed);
    assert!(!ready(&*limiter, "k").allowed);
    let debug = format!("{:?}", GovernorLimiter::new(Quota::per_second(1)));
    assert!(debug.starts_with("GovernorLimiter"), "{debug}");
}

#[derive(Debug, ApiError)]
enum KeyError {
    /// Caller-specific rate limit.
    #[code("rate_limited", status = 429)]
    #[message("rate limit exceeded")]
    RateLimited {
        #[retry_after]
        wait: Duration,
    },
}

#[test]
fn a_scaikey_429_from_the_figures() {
    let limiter = GovernorLimiter::new(Quota::per_minute(3));
    for _ in 0..3 {
        let _ = limiter.decide("key_1");
    }
    let d = limiter.decide("key_1");
    let figures = d.rate_limit();
    let ctx = Context::new().request_id("req_1").rate_limit(
        figures.limit,
        figures.remaining,
        figures.reset,
    );
    let err = KeyError::RateLimited {
        wait: d.retry_after.unwrap_or_default(),
    };
    let res = err.to_response(&ScaiKey, &ctx);
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["retry-after"], "20");
    assert_eq!(res.headers()["x-ratelimit-limit"], "3");
    assert_eq!(res.headers()["x-ratelimit-remaining"], "0");
    assert_eq!(
        res.headers()["x-ratelimit-reset"],
        d.reset.to_string().as_str()
    );
    assert_eq!(
        res.body().as_slice(),
        br#"{"error":{"code":"rate_limited","message":"rate limit exceeded","request_id":"req_1"}}"#
    );
}

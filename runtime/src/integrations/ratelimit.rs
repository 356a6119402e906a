//! Rate limiting for the serving layer, independent of any framework.
//!
//! ScaiKey sends `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` on
//! every response, and answers a caller who has used up its quota with a 429
//! `rate_limited` carrying `Retry-After`. A [`RateLimiter`] gives those figures: it
//! [checks](RateLimiter::check) one request of a caller (its API key, or its client
//! address) and answers with a [`RateDecision`], whose
//! [`rate_limit`](RateDecision::rate_limit) goes in the [`Context`](crate::Context) of the
//! response and whose [`retry_after_secs`](RateDecision::retry_after_secs) is the 429's
//! `Retry-After`.
//!
//! The trait and its types need no feature. Two implementations, each behind its own:
//!
//! - `governor`: `GovernorLimiter`, in process (one replica), answered at once
//!   ([`LimitCheck::Ready`]).
//! - `redis`: `RedisLimiter`, shared by every replica through one Redis, answered
//!   later ([`LimitCheck::Pending`]).
//!
//! ```
//! use api_envelope::format::ScaiKey;
//! use api_envelope::integrations::ratelimit::{LimitCheck, RateDecision, RateLimiter};
//! use api_envelope::{ApiError, Context};
//!
//! #[derive(Debug, ApiError)]
//! enum KeyError {
//!     /// Caller-specific rate limit.
//!     #[code("rate_limited", status = 429)]
//!     #[message("rate limit exceeded")]
//!     RateLimited { #[retry_after] seconds: u64 },
//! }
//!
//! /// A limiter whose every caller has used up its quota (a real one keeps buckets).
//! struct Exhausted;
//!
//! impl RateLimiter for Exhausted {
//!     fn check(&self, _key: &str) -> LimitCheck {
//!         LimitCheck::Ready(RateDecision {
//!             allowed: false,
//!             limit: 100,
//!             remaining: 0,
//!             reset: 1_700_000_060,
//!             retry_after: Some(std::time::Duration::from_millis(44_200)),
//!         })
//!     }
//! }
//!
//! // What a middleware does with each request (an in-process limiter answers at once).
//! let LimitCheck::Ready(decision) = Exhausted.check("key_1") else { unreachable!() };
//! let figures = decision.rate_limit();
//! let ctx = Context::new()
//!     .request_id("req_1")
//!     .rate_limit(figures.limit, figures.remaining, figures.reset);
//! if let Some(seconds) = decision.retry_after_secs() {
//!     let res = KeyError::RateLimited { seconds }.to_response(&ScaiKey, &ctx);
//!     assert_eq!(res.status(), 429);
//!     assert_eq!(res.headers()["retry-after"], "45");
//!     assert_eq!(res.headers()["x-ratelimit-limit"], "100");
//!     assert_eq!(res.headers()["x-ratelimit-remaining"], "0");
//!     assert_eq!(res.headers()["x-ratelimit-reset"], "1700000060");
//! }
//! ```
//!
//! # The algorithm
//!
//! Both implementations use GCRA, the generic cell rate algorithm: a [`Quota`] of `limit`
//! requests per `period` lets a caller make `limit` requests at once (the burst), and
//! then one more every emission interval (`period / limit`), refilled continuously rather
//! than in fixed windows. Each caller's bucket is one timestamp, its theoretical arrival
//! time, so the state of a caller is 8 bytes plus its key.
//!
//! The figures of a [`RateDecision`]:
//!
//! - `limit`: the quota's limit (its burst);
//! - `remaining`: how many more requests the caller could make right now, after this one;
//! - `reset`: the Unix second (rounded up) at which the bucket is full again, i.e. at
//!   which `remaining` would be back to `limit - 1` after a request;
//! - `retry_after`: on a denied request, how long until the next request is allowed
//!   (`Retry-After`, see [`retry_after_secs`](RateDecision::retry_after_secs)).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::RateLimit;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateDecision {
    /// Whether the request may go ahead.
    pub allowed: bool,
    /// Requests allowed per window (the quota's burst): `X-RateLimit-Limit`.
    pub limit: u64,
    /// Requests left after this one: `X-RateLimit-Remaining` (0 when denied).
    pub remaining: u64,
    /// Unix seconds at which the bucket is full again: `X-RateLimit-Reset`.
    pub reset: u64,
    /// `Some` only when the request is denied: how long until the next request is allowed.
    pub retry_after: Option<Duration>,
}

impl RateDecision {
    /// The figures as [`Context`](crate::Context)'s [`RateLimit`] (limit, remaining, reset).
    ///
    /// ```
    /// use api_envelope::integrations::ratelimit::RateDecision;
    ///
    /// let decision = RateDecision { allowed: true, limit: 3, remaining: 2, reset: 1_700_000_020, retry_after: None };
    /// let figures = decision.rate_limit();
    /// assert_eq!((figures.limit, figures.remaining, figures.reset), (3, 2, 1_700_000_020));
    /// ```
    #[must_use]
    pub const fn rate_limit(&self) -> RateLimit {
        RateLimit {
            limit: self.limit,
            remaining: self.remaining,
            reset: self.reset,
        }
    }

    /// The framework failure a denial stands for: [`Failure::RateLimited`] with the wait
    /// as its retry hint (both integrations answer it in the product's envelope).
    ///
    /// [`Failure::RateLimited`]: super::Failure::RateLimited
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn rejection(&self) -> super::Rejection {
        let rejection = super::Rejection::new(super::Failure::RateLimited);
        match self.retry_after {
            Some(wait) => rejection.retry_after(wait),
            None => rejection,
        }
    }

    /// The wait as whole seconds for `Retry-After`: rounded up, and at least 1 (a client
    /// told `0` would retry at once, and be denied again). `None` when the request is
    /// allowed.
    ///
    /// ```
    /// use std::time::Duration;
    /// use api_envelope::integrations::ratelimit::RateDecision;
    ///
    /// let denied = |wait| RateDecision { allowed: false, limit: 3, remaining: 0, reset: 0, retry_after: Some(wait) };
    /// assert_eq!(denied(Duration::from_millis(19_001)).retry_after_secs(), Some(20));
    /// assert_eq!(denied(Duration::from_secs(20)).retry_after_secs(), Some(20));
    /// assert_eq!(denied(Duration::from_micros(1)).retry_after_secs(), Some(1));
    /// assert_eq!(denied(Duration::ZERO).retry_after_secs(), Some(1));
    /// ```
    #[must_use]
    pub const fn retry_after_secs(&self) -> Option<u64> {
        match self.retry_after {
            Some(wait) => {
                let secs = ceil_secs(wait);
                Some(if secs == 0 { 1 } else { secs })
            }
            None => None,
        }
    }
}

/// A check that is either answered now (an in-process limiter) or later (a shared store).
pub enum LimitCheck {
    /// The decision, made at once.
    Ready(RateDecision),
    /// The decision, once the store has answered. The future owns everything it needs
    /// (`'static`), so it can be awaited after the limiter is borrowed no longer.
    Pending(Pin<Box<dyn Future<Output = RateDecision> + Send + 'static>>),
}

impl LimitCheck {
    /// The decision: the ready one, or the pending one once it has been awaited.
    ///
    /// ```
    /// use std::task::{Context, Poll, Waker};
    /// use api_envelope::integrations::ratelimit::{LimitCheck, RateDecision};
    ///
    /// // In an async handler: `let decision = limiter.check(key).decision().await;`
    /// let decision = RateDecision { allowed: true, limit: 1, remaining: 0, reset: 0, retry_after: None };
    /// let check = LimitCheck::Pending(Box::pin(async move { decision }));
    /// let mut future = std::pin::pin!(check.decision());
    /// let poll = future.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    /// assert_eq!(poll, Poll::Ready(decision));
    /// ```
    pub async fn decision(self) -> RateDecision {
        match self {
            Self::Ready(decision) => decision,
            Self::Pending(future) => future.await,
        }
    }
}

impl fmt::Debug for LimitCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ready(decision) => f.debug_tuple("Ready").field(decision).finish(),
            Self::Pending(_) => f.write_str("Pending(..)"),
        }
    }
}

/// Decides whether the caller `key` (an API key, or a client address) may make one more
/// request, and says the figures of its quota.
///
/// Each call counts one request of `key` when it is allowed; a denied request costs
/// nothing. Implementations must not panic, whatever the key.
pub trait RateLimiter: Send + Sync + 'static {
    /// Checks (and counts) one request of the caller `key`.
    fn check(&self, key: &str) -> LimitCheck;
}

impl<L: RateLimiter + ?Sized> RateLimiter for Arc<L> {
    fn check(&self, key: &str) -> LimitCheck {
        (**self).check(key)
    }
}

impl<L: RateLimiter + ?Sized> RateLimiter for Box<L> {
    fn check(&self, key: &str) -> LimitCheck {
        (**self).check(key)
    }
}

/// The quota: `limit` requests per `period`, refilled continuously (GCRA).
///
/// A caller may make `limit` requests at once, then one more every
/// [`emission_interval`](Self::emission_interval) (`period / limit`). Building a quota
/// never panics: a `limit` of 0 counts as 1, a `period` is clamped to 1 µs ..=
/// [`MAX_PERIOD`](Self::MAX_PERIOD).
///
/// ```
/// use std::time::Duration;
/// use api_envelope::integrations::ratelimit::Quota;
///
/// let quota = Quota::per_minute(3);
/// assert_eq!(quota.limit(), 3);
/// assert_eq!(quota.period(), Duration::from_secs(60));
/// assert_eq!(quota.emission_interval(), Duration::from_secs(20));
///
/// assert_eq!(Quota::new(0, Duration::ZERO), Quota::new(1, Duration::from_micros(1)));
/// assert_eq!(Quota::new(5, Duration::MAX).period(), Quota::MAX_PERIOD);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quota {
    limit: u32,
    period: Duration,
}

impl Quota {
    /// The longest period: 366 days. Longer ones are clamped to it.
    pub const MAX_PERIOD: Duration = Duration::from_secs(366 * 24 * 60 * 60);

    /// The shortest period: 1 µs. Shorter ones are clamped to it.
    pub const MIN_PERIOD: Duration = Duration::from_micros(1);

    /// `limit` requests per `period` (`limit` at least 1, `period` clamped to
    /// [`MIN_PERIOD`](Self::MIN_PERIOD) ..= [`MAX_PERIOD`](Self::MAX_PERIOD)).
    #[must_use]
    pub const fn new(limit: u32, period: Duration) -> Self {
        let limit = if limit == 0 { 1 } else { limit };
        let period = if period.as_nanos() < Self::MIN_PERIOD.as_nanos() {
            Self::MIN_PERIOD
        } else if period.as_nanos() > Self::MAX_PERIOD.as_nanos() {
            Self::MAX_PERIOD
        } else {
            period
        };
        Self { limit, period }
    }

    /// `n` requests per second (`n` at least 1).
    #[must_use]
    pub const fn per_second(n: u32) -> Self {
        Self::new(n, Duration::from_secs(1))
    }

    /// `n` requests per minute (`n` at least 1).
    #[must_use]
    pub const fn per_minute(n: u32) -> Self {
        Self::new(n, Duration::from_secs(60))
    }

    /// `n` requests per hour (`n` at least 1).
    #[must_use]
    pub const fn per_hour(n: u32) -> Self {
        Self::new(n, Duration::from_secs(60 * 60))
    }

    /// The number of requests per period (the burst), at least 1.
    #[must_use]
    pub const fn limit(&self) -> u32 {
        self.limit
    }

    /// The period the limit is counted over.
    #[must_use]
    pub const fn period(&self) -> Duration {
        self.period
    }

    /// The time one request costs, after which the bucket has room for one more:
    /// `period / limit`, rounded up to whole microseconds (so a quota never allows more
    /// than `limit` requests per period), at least 1 µs.
    #[must_use]
    pub const fn emission_interval(&self) -> Duration {
        Duration::from_micros(self.emission_micros())
    }

    /// [`emission_interval`](Self::emission_interval) in microseconds.
    const fn emission_micros(&self) -> u64 {
        // The period is at most MAX_PERIOD: its microseconds fit a u64 by far.
        let period_us = self.period.as_nanos().div_ceil(1_000) as u64;
        let us = period_us.div_ceil(self.limit as u64);
        if us == 0 { 1 } else { us }
    }

    /// The time an empty bucket takes to be full again: `limit` emission intervals (the
    /// period, up to the rounding of the interval).
    #[cfg_attr(not(any(feature = "redis", test)), allow(dead_code))]
    const fn window_micros(&self) -> u64 {
        self.emission_micros().saturating_mul(self.limit as u64)
    }
}

/// Whole seconds of `d`, rounded up.
const fn ceil_secs(d: Duration) -> u64 {
    let secs = d.as_secs();
    if d.subsec_nanos() > 0 {
        secs.saturating_add(1)
    } else {
        secs
    }
}

/// The time since the Unix epoch on this machine's clock (zero before the epoch).
#[cfg(any(feature = "governor", feature = "redis"))]
fn unix_now() -> Duration {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}

#[cfg(feature = "governor")]
#[cfg_attr(docsrs, doc(cfg(feature = "governor")))]
pub use self::governor_limiter::GovernorLimiter;

#[cfg(feature = "governor")]
mod governor_limiter {
    use std::fmt;
    use std::num::NonZeroU32;
    use std::time::Duration;

    use governor::clock::{Clock, DefaultClock};
    use governor::middleware::StateInformationMiddleware;
    use governor::state::keyed::DefaultKeyedStateStore;

    use super::{LimitCheck, Quota, RateDecision, RateLimiter, ceil_secs, unix_now};

    type Keyed = governor::RateLimiter<
        String,
        DefaultKeyedStateStore<String>,
        DefaultClock,
        StateInformationMiddleware,
    >;

    /// A keyed in-process GCRA rate limiter (the `governor` crate): one bucket per caller
    /// key, in this process only. Every check is answered at once
    /// ([`LimitCheck::Ready`]) and never panics.
    ///
    /// Each replica of a service keeps its own buckets, so behind a load balancer a
    /// caller gets `limit` requests per replica; use `RedisLimiter` (feature `redis`)
    /// for one quota across replicas.
    ///
    /// The decision is exact under any concurrency (governor's compare-and-swap): a key
    /// gets its burst and no more. The `remaining` figure of an allowed request is read
    /// from governor's snapshot, measured against the calling thread's clock reading:
    /// when threads check the same key at the same instant, one of them can report one
    /// less than its exact place (never more, never below 0).
    ///
    /// ```
    /// use api_envelope::integrations::ratelimit::{GovernorLimiter, LimitCheck, Quota, RateLimiter};
    ///
    /// let limiter = GovernorLimiter::new(Quota::per_minute(3));
    /// let remaining: Vec<u64> = (0..3)
    ///     .map(|_| match limiter.check("key_1") {
    ///         LimitCheck::Ready(d) => d.remaining,
    ///         LimitCheck::Pending(_) => unreachable!("answered at once"),
    ///     })
    ///     .collect();
    /// assert_eq!(remaining, [2, 1, 0]);
    ///
    /// let LimitCheck::Ready(denied) = limiter.check("key_1") else { unreachable!() };
    /// assert!(!denied.allowed);
    /// assert_eq!(denied.retry_after_secs(), Some(20)); // one request every 20 s
    /// ```
    ///
    /// # Memory
    ///
    /// Each key seen keeps one entry (the key and 8 bytes) until it is removed. A caller
    /// that sends many distinct keys (made-up API keys, many addresses) grows the map:
    /// call [`retain_recent`](Self::retain_recent) regularly, e.g. once per period from a
    /// background task, to drop every bucket that is full again (indistinguishable from
    /// a new one, so nothing is forgotten), and [`shrink_to_fit`](Self::shrink_to_fit) to
    /// give the memory back. The map then holds at most the keys seen in about the last
    /// two periods.
    ///
    /// ```no_run
    /// # use api_envelope::integrations::ratelimit::{GovernorLimiter, Quota};
    /// let limiter = std::sync::Arc::new(GovernorLimiter::new(Quota::per_minute(100)));
    /// let sweeper = std::sync::Arc::clone(&limiter);
    /// std::thread::spawn(move || loop {
    ///     std::thread::sleep(std::time::Duration::from_secs(60));
    ///     sweeper.retain_recent();
    ///     sweeper.shrink_to_fit();
    /// });
    /// ```
    pub struct GovernorLimiter {
        inner: Keyed,
        quota: Quota,
    }

    impl GovernorLimiter {
        /// A limiter giving every key `quota`.
        #[must_use]
        pub fn new(quota: Quota) -> Self {
            let burst = NonZeroU32::new(quota.limit()).unwrap_or(NonZeroU32::MIN);
            // The emission interval is at least 1 µs, so `with_period` always succeeds.
            let gcra = governor::Quota::with_period(quota.emission_interval())
                .unwrap_or_else(|| governor::Quota::per_second(burst))
                .allow_burst(burst);
            Self {
                inner: governor::RateLimiter::keyed(gcra)
                    .with_middleware::<StateInformationMiddleware>(),
                quota,
            }
        }

        /// The quota every key gets.
        #[must_use]
        pub fn quota(&self) -> Quota {
            self.quota
        }

        /// Checks one request of `key` (the same as [`RateLimiter::check`], without the
        /// [`LimitCheck`] wrapper).
        #[must_use]
        pub fn decide(&self, key: &str) -> RateDecision {
            let limit = self.quota.limit();
            let t = self.quota.emission_interval();
            let outcome = self.inner.check_key(&key.to_owned());
            let now = unix_now();
            match outcome {
                Ok(state) => {
                    let remaining = state.remaining_burst_capacity().min(limit - 1);
                    // The bucket is full again once the requests it lacks are refilled
                    // (an upper bound, at most one interval early: never too soon).
                    let until_full = t.saturating_mul(limit - remaining);
                    RateDecision {
                        allowed: true,
                        limit: u64::from(limit),
                        remaining: u64::from(remaining),
                        reset: ceil_secs(now.saturating_add(until_full)),
                        retry_after: None,
                    }
                }
                Err(not_until) => {
                    let wait = not_until.wait_time_from(self.inner.clock().now());
                    // Allowed again after `wait`; full again `limit - 1` intervals later.
                    let until_full = wait.saturating_add(t.saturating_mul(limit - 1));
                    RateDecision {
                        allowed: false,
                        limit: u64::from(limit),
                        remaining: 0,
                        reset: ceil_secs(now.saturating_add(until_full)),
                        retry_after: Some(wait.max(Duration::from_nanos(1))),
                    }
                }
            }
        }

        /// Drops the buckets of every key that is full again (its state is the same as a
        /// new key's, so no caller gets more than its quota). See [Memory](Self#memory).
        pub fn retain_recent(&self) {
            self.inner.retain_recent();
        }

        /// Gives back the memory of removed keys, as far as the map can.
        pub fn shrink_to_fit(&self) {
            self.inner.shrink_to_fit();
        }

        /// The number of keys held (an estimate while checks run concurrently).
        #[must_use]
        pub fn len(&self) -> usize {
            self.inner.len()
        }

        /// Whether no key is held.
        #[must_use]
        pub fn is_empty(&self) -> bool {
            self.inner.is_empty()
        }
    }

    impl RateLimiter for GovernorLimiter {
        fn check(&self, key: &str) -> LimitCheck {
            LimitCheck::Ready(self.decide(key))
        }
    }

    impl fmt::Debug for GovernorLimiter {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("GovernorLimiter")
                .field("quota", &self.quota)
                .field("keys", &self.len())
                .finish()
        }
    }
}

#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use self::redis_limiter::RedisLimiter;

#[cfg(feature = "redis")]
mod redis_limiter {
    use std::fmt;
    use std::sync::Arc;
    use std::time::Duration;

    use redis::aio::{ConnectionLike, ConnectionManager};

    use super::{LimitCheck, Quota, RateDecision, RateLimiter, unix_now};

    /// GCRA for one request, atomically (a Lua script runs alone on the server).
    ///
    /// KEYS[1]: the caller's bucket (its theoretical arrival time, µs since the epoch).
    /// ARGV[1]: the emission interval (µs), ARGV[2]: the limit, ARGV[3]: the key's TTL
    /// (ms). The time is Redis's own (`TIME`), the same for every replica.
    /// Returns {allowed (1/0), remaining, wait (µs), until full (µs), now (µs)}; all
    /// integers below 2^53, exact in Lua's numbers.
    const GCRA: &str = r"
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tau = t * (limit - 1)
local stored = redis.call('GET', KEYS[1])
local tat = nil
if stored then tat = tonumber(stored) end
if tat == nil or tat < now then tat = now end
if now < tat - tau then
  return {0, 0, tat - tau - now, tat - now, now}
end
local next_tat = tat + t
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', ttl)
return {1, math.floor((now + tau + t - next_tat) / t), 0, next_tat - now, now}
";

    /// The default prefix of the keys [`RedisLimiter`] writes.
    pub const DEFAULT_PREFIX: &str = "api-envelope:rl:";

    struct Shared {
        script: redis::Script,
        prefix: String,
        quota: Quota,
    }

    /// A GCRA rate limiter whose buckets live in Redis, so every replica sharing the
    /// Redis counts the same requests and reports the same figures.
    ///
    /// Each check is one `EVALSHA` of one Lua script (loaded on first use, and again
    /// after a `SCRIPT FLUSH`), which reads and updates the caller's bucket atomically
    /// with the time taken from Redis's `TIME`, not the replica's clock. A bucket is one
    /// string key, `prefix + caller key` (prefix `api-envelope:rl:` unless
    /// [`with_prefix`](Self::with_prefix) says otherwise), expiring after the quota's
    /// period, when it would be full again anyway. A denied request writes nothing.
    ///
    /// The connection is any async redis connection that clones cheaply:
    /// [`ConnectionManager`] (reconnects by itself: the usual choice) or
    /// `redis::aio::MultiplexedConnection`. [`check`](RateLimiter::check) returns
    /// [`LimitCheck::Pending`], a `'static` future holding a clone of the connection, and
    /// needs a tokio runtime to be awaited in.
    ///
    /// # Failing open
    ///
    /// When Redis cannot answer (down, unreachable, timed out, or an unexpected reply),
    /// the request is **allowed**, with `remaining = limit` and `reset` now, and (with the
    /// `tracing` feature) a `WARN` event is emitted, target `api_envelope`, with the error
    /// (never the caller key, which may be a secret). An outage of the limiter's store
    /// thus degrades to no rate limiting rather than taking the whole API down with it;
    /// a service that prefers to refuse can put its own check in front. How long a check
    /// may wait for Redis is the connection's response timeout (500 ms by default for
    /// [`ConnectionManager`]; see `ConnectionManagerConfig::set_response_timeout`).
    ///
    /// ```no_run
    /// # async fn run() -> redis::RedisResult<()> {
    /// use api_envelope::integrations::ratelimit::{Quota, RateLimiter, RedisLimiter};
    ///
    /// let client = redis::Client::open("redis://127.0.0.1/")?;
    /// let manager = redis::aio::ConnectionManager::new(client).await?;
    /// let limiter = RedisLimiter::new(manager, Quota::per_minute(100));
    ///
    /// let decision = limiter.check("key_1").decision().await;
    /// println!("{} of {} left", decision.remaining, decision.limit);
    /// # Ok(())
    /// # }
    /// ```
    pub struct RedisLimiter<C = ConnectionManager> {
        conn: C,
        shared: Arc<Shared>,
    }

    impl<C> RedisLimiter<C>
    where
        C: ConnectionLike + Clone + Send + Sync + 'static,
    {
        /// A limiter giving every key `quota`, over `conn`.
        #[must_use]
        pub fn new(conn: C, quota: Quota) -> Self {
            Self {
                conn,
                shared: Arc::new(Shared {
                    script: redis::Script::new(GCRA),
                    prefix: DEFAULT_PREFIX.to_owned(),
                    quota,
                }),
            }
        }

        /// Prefixes the Redis keys with `prefix` instead of `api-envelope:rl:` (e.g. one
        /// prefix per quota, when a service has several limiters on one Redis).
        #[must_use]
        pub fn with_prefix(self, prefix: impl Into<String>) -> Self {
            Self {
                conn: self.conn,
                shared: Arc::new(Shared {
                    script: self.shared.script.clone(),
                    prefix: prefix.into(),
                    quota: self.shared.quota,
                }),
            }
        }

        /// The quota every key gets.
        #[must_use]
        pub fn quota(&self) -> Quota {
            self.shared.quota
        }

        /// The prefix of the Redis keys.
        #[must_use]
        pub fn prefix(&self) -> &str {
            &self.shared.prefix
        }

        /// The Redis key of the caller `key`'s bucket.
        #[must_use]
        pub fn redis_key(&self, key: &str) -> String {
            let mut full = String::with_capacity(self.shared.prefix.len() + key.len());
            full.push_str(&self.shared.prefix);
            full.push_str(key);
            full
        }

        /// Checks one request of `key` (the same as [`RateLimiter::check`], as a future).
        pub fn decide(&self, key: &str) -> impl Future<Output = RateDecision> + Send + 'static {
            let mut conn = self.conn.clone();
            let shared = Arc::clone(&self.shared);
            let key = self.redis_key(key);
            async move {
                let quota = shared.quota;
                let reply = shared
                    .script
                    .key(key)
                    .arg(quota.emission_micros())
                    .arg(quota.limit())
                    .arg(quota.window_micros().div_ceil(1_000).max(1))
                    .invoke_async::<(i64, i64, i64, i64, i64)>(&mut conn)
                    .await;
                match reply {
                    Ok(reply) => from_reply(quota, reply),
                    Err(err) => fail_open(quota, &err),
                }
            }
        }
    }

    /// The decision the script's reply says.
    fn from_reply(
        quota: Quota,
        (allowed, remaining, wait, until_full, now): (i64, i64, i64, i64, i64),
    ) -> RateDecision {
        let limit = u64::from(quota.limit());
        let micros = |v: i64| u64::try_from(v).unwrap_or(0);
        let allowed = allowed == 1;
        RateDecision {
            allowed,
            limit,
            remaining: micros(remaining).min(limit.saturating_sub(1)),
            reset: micros(now)
                .saturating_add(micros(until_full))
                .div_ceil(1_000_000),
            retry_after: (!allowed).then(|| Duration::from_micros(micros(wait).max(1))),
        }
    }

    /// The decision when Redis could not answer: allowed, the bucket full.
    fn fail_open(quota: Quota, err: &redis::RedisError) -> RateDecision {
        #[cfg(feature = "tracing")]
        ::tracing::warn!(
            target: "api_envelope",
            error = %err,
            "rate limiter: Redis did not answer, request allowed (fail open)"
        );
        #[cfg(not(feature = "tracing"))]
        let _ = err;
        RateDecision {
            allowed: true,
            limit: u64::from(quota.limit()),
            remaining: u64::from(quota.limit()),
            reset: unix_now().as_secs(),
            retry_after: None,
        }
    }

    impl<C> RateLimiter for RedisLimiter<C>
    where
        C: ConnectionLike + Clone + Send + Sync + 'static,
    {
        fn check(&self, key: &str) -> LimitCheck {
            LimitCheck::Pending(Box::pin(self.decide(key)))
        }
    }

    impl<C: Clone> Clone for RedisLimiter<C> {
        fn clone(&self) -> Self {
            Self {
                conn: self.conn.clone(),
                shared: Arc::clone(&self.shared),
            }
        }
    }

    impl<C> fmt::Debug for RedisLimiter<C> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("RedisLimiter")
                .field("quota", &self.shared.quota)
                .field("prefix", &self.shared.prefix)
                .finish_non_exhaustive()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn reply_figures() {
            let quota = Quota::per_minute(3);
            let now = 1_700_000_000_000_000;
            let d = from_reply(quota, (1, 2, 0, 20_000_000, now));
            assert_eq!(
                d,
                RateDecision {
                    allowed: true,
                    limit: 3,
                    remaining: 2,
                    reset: 1_700_000_020,
                    retry_after: None
                }
            );
            let d = from_reply(quota, (0, 0, 19_999_999, 59_999_999, now + 1));
            assert!(!d.allowed);
            assert_eq!(d.reset, 1_700_000_060);
            assert_eq!(d.retry_after_secs(), Some(20));
            // Nonsense from the server never panics and stays in range.
            let d = from_reply(quota, (7, -5, -1, i64::MAX, i64::MAX));
            assert!(!d.allowed);
            assert_eq!(d.remaining, 0);
            assert_eq!(d.retry_after, Some(Duration::from_micros(1)));
            let d = from_reply(quota, (1, i64::MAX, 0, 0, 0));
            assert_eq!(d.remaining, 2);
        }
    }
}

#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use self::redis_limiter::DEFAULT_PREFIX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_clamps() {
        assert_eq!(Quota::new(0, Duration::from_secs(1)).limit(), 1);
        assert_eq!(Quota::new(1, Duration::ZERO).period(), Quota::MIN_PERIOD);
        assert_eq!(Quota::new(1, Duration::MAX).period(), Quota::MAX_PERIOD);
        // Never less than 1 µs per request, rounded up.
        assert_eq!(
            Quota::new(u32::MAX, Duration::from_nanos(1)).emission_interval(),
            Duration::from_micros(1)
        );
        assert_eq!(
            Quota::per_second(3).emission_interval(),
            Duration::from_micros(333_334)
        );
        assert_eq!(
            Quota::per_minute(3).emission_interval(),
            Duration::from_secs(20)
        );
        assert_eq!(Quota::per_hour(1).window_micros(), 3_600_000_000);
        let huge = Quota::new(u32::MAX, Duration::MAX);
        assert!(huge.window_micros() >= 366 * 24 * 3_600 * 1_000_000);
    }

    #[test]
    fn decision_figures() {
        let d = RateDecision {
            allowed: false,
            limit: 3,
            remaining: 0,
            reset: 9,
            retry_after: Some(Duration::MAX),
        };
        assert_eq!(d.retry_after_secs(), Some(u64::MAX));
        assert_eq!(
            d.rate_limit(),
            RateLimit {
                limit: 3,
                remaining: 0,
                reset: 9
            }
        );
        let allowed = RateDecision {
            allowed: true,
            retry_after: None,
            ..d
        };
        assert_eq!(allowed.retry_after_secs(), None);
    }

    #[cfg(feature = "governor")]
    #[test]
    fn governor_figures() {
        let limiter = GovernorLimiter::new(Quota::per_minute(3));
        let before = unix_now().as_secs();
        let mut seen = Vec::new();
        for _ in 0..3 {
            let d = limiter.decide("k");
            assert!(d.allowed);
            assert_eq!(d.limit, 3);
            assert!(d.retry_after.is_none());
            seen.push(d.remaining);
            // Full again after the requests made so far are refilled (20 s each).
            let used = 3 - d.remaining;
            assert!(d.reset >= before + 20 * used && d.reset <= before + 20 * used + 2);
        }
        assert_eq!(seen, [2, 1, 0]);
        let d = limiter.decide("k");
        assert!(!d.allowed);
        assert_eq!(d.remaining, 0);
        let wait = d.retry_after.unwrap_or_default();
        assert!(wait > Duration::from_secs(19) && wait <= Duration::from_secs(20));
        assert!(d.reset >= before + 59 && d.reset <= before + 62);
        assert_eq!(limiter.decide("other").remaining, 2);
        assert_eq!(limiter.len(), 2);
        limiter.retain_recent();
        assert_eq!(limiter.len(), 2, "no bucket is full yet");
    }
}

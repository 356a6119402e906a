//! Whether and when to send a failed request again: the code's declared retry class, the
//! server's retry hint, exponential backoff with jitter, and idempotency.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use http::Method;

use super::RemoteError;
use crate::Catalog;
use crate::catalog::Retry;

/// How a client retries: at most [`max_retries`](Self::max_retries) times, waiting what
/// the server asked (`Retry-After`, ScaiGrid's `retry_after`) or else an exponential
/// backoff from [`base`](Self::base), doubled each retry, never more than
/// [`cap`](Self::cap), with full jitter (a uniform delay between zero and the backoff).
///
/// Which failures are retried is the code's [`Retry`] class: [`Never`](Retry::Never)
/// never; [`After`](Retry::After) only a request that is safe to repeat (an idempotent
/// method, or one sent with an idempotency key); [`Safe`](Retry::Safe) any request. A
/// server asking to wait longer than the cap is not retried (the caller decides).
///
/// ```
/// use std::time::Duration;
/// use api_envelope::catalog::Retry;
/// use api_envelope::client::{RemoteError, RetryPolicy};
/// use api_envelope::http::StatusCode;
///
/// let policy = RetryPolicy::new().without_jitter();
/// let mut busy = RemoteError::new(StatusCode::SERVICE_UNAVAILABLE, Some("busy"), "busy");
/// // A GET (idempotent): backoff 100 ms, 200 ms, 400 ms, then give up.
/// let delays: Vec<_> = (1..=4).map(|n| policy.next(&busy, Retry::After, true, n)).collect();
/// assert_eq!(delays, [Some(Duration::from_millis(100)), Some(Duration::from_millis(200)),
///                     Some(Duration::from_millis(400)), None]);
/// // A POST without an idempotency key is retried only for a code declared safe.
/// assert_eq!(policy.next(&busy, Retry::After, false, 1), None);
/// assert!(policy.next(&busy, Retry::Safe, false, 1).is_some());
/// // The server's hint wins over the backoff.
/// busy.retry_after = Some(Duration::from_secs(2));
/// assert_eq!(policy.next(&busy, Retry::After, true, 1), Some(Duration::from_secs(2)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    base: Duration,
    cap: Duration,
    max_retries: u32,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl RetryPolicy {
    /// 3 retries, 100 ms base, 30 s cap, full jitter.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            base: Duration::from_millis(100),
            cap: Duration::from_secs(30),
            max_retries: 3,
            jitter: true,
        }
    }

    /// The first backoff (doubled each retry).
    #[must_use]
    pub const fn base(mut self, base: Duration) -> Self {
        self.base = base;
        self
    }

    /// The longest wait: no backoff exceeds it, and a server asking for more is not
    /// retried.
    #[must_use]
    pub const fn cap(mut self, cap: Duration) -> Self {
        self.cap = cap;
        self
    }

    /// How many times a request is sent again at most.
    #[must_use]
    pub const fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The backoff itself instead of a uniform delay below it (for tests, or a client
    /// alone against its server).
    #[must_use]
    pub const fn without_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    /// Whether and after how long to send, for the `retry`-th time (1 for the first
    /// retry), a request that failed with `remote`, whose code has the retry class
    /// `class`, and that is `idempotent` ([`is_idempotent`] for its method, or `true`
    /// when it carries an idempotency key). `None`: do not retry.
    #[must_use]
    pub fn next(
        &self,
        remote: &RemoteError,
        class: Retry,
        idempotent: bool,
        retry: u32,
    ) -> Option<Duration> {
        let allowed = match class {
            Retry::Never => false,
            Retry::After => idempotent,
            Retry::Safe => true,
        };
        if !allowed || retry == 0 || retry > self.max_retries {
            return None;
        }
        if let Some(hint) = remote.retry_after {
            // Never earlier than the server asked; never longer than the cap.
            return (hint <= self.cap).then_some(hint);
        }
        let backoff = self
            .base
            .checked_mul(1u32.checked_shl(retry - 1).unwrap_or(u32::MAX))
            .map_or(self.cap, |d| d.min(self.cap));
        Some(if self.jitter {
            backoff.mul_f64(unit_random())
        } else {
            backoff
        })
    }
}

/// Whether requests with `method` are idempotent (RFC 9110 §9.2.2): `GET`, `HEAD`, `PUT`,
/// `DELETE`, `OPTIONS` and `TRACE`. A `POST` or `PATCH` is safe to repeat only with an
/// idempotency key, which the caller knows about.
#[must_use]
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// A uniform number in `[0, 1)`, from std's randomly keyed hasher (no dependency).
fn unit_random() -> f64 {
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    // The top 53 bits, as a fraction.
    #[allow(clippy::cast_precision_loss)]
    let unit = (bits >> 11) as f64 / (1u64 << 53) as f64;
    unit
}

impl RemoteError {
    /// The retry class of this error: its code's declared class in `catalog` (looked up as
    /// [`lookup`](Self::lookup) does) when the catalogue knows it, else the class the
    /// server sent ([`retry_declared`](Self::retry_declared)), else the status's
    /// ([`Retry::for_status`]).
    #[must_use]
    pub fn retry_class(&self, catalog: Option<&Catalog>) -> Retry {
        catalog
            .and_then(|c| self.lookup(c))
            .map(|entry| entry.retry)
            .or(self.retry_declared)
            .unwrap_or(Retry::for_status(self.status))
    }

    /// Whether and after how long to retry, for the `retry`-th time, the request that got
    /// this error, by the default [`RetryPolicy`] and the status's class; see
    /// [`RetryPolicy::next`] with [`retry_class`](Self::retry_class) for a catalogue's
    /// declared classes and a policy of your own.
    ///
    /// ```
    /// use api_envelope::client::{RemoteError, is_idempotent};
    /// use api_envelope::http::{Method, StatusCode};
    ///
    /// let limited = RemoteError::new(StatusCode::TOO_MANY_REQUESTS, Some("rate"), "slow down");
    /// assert!(limited.retry(is_idempotent(&Method::GET), 1).is_some());
    /// let conflict = RemoteError::new(StatusCode::CONFLICT, Some("exists"), "exists");
    /// assert_eq!(conflict.retry(true, 1), None);
    /// ```
    #[must_use]
    pub fn retry(&self, idempotent: bool, retry: u32) -> Option<Duration> {
        RetryPolicy::new().next(self, self.retry_class(None), idempotent, retry)
    }
}

#[cfg(test)]
mod tests {
    use http::StatusCode;

    use super::*;

    #[test]
    fn backoff_doubles_to_the_cap_and_jitter_stays_below_it() {
        let policy = RetryPolicy::new()
            .base(Duration::from_secs(1))
            .cap(Duration::from_secs(5))
            .max_retries(40);
        let busy = RemoteError::new(StatusCode::SERVICE_UNAVAILABLE, None, "");
        let exact = policy.without_jitter();
        let secs: Vec<u64> = (1..=5)
            .map(|n| exact.next(&busy, Retry::After, true, n).unwrap().as_secs())
            .collect();
        assert_eq!(secs, [1, 2, 4, 5, 5]);
        // Far past any shift or multiplication: the cap, no overflow.
        assert_eq!(
            exact.next(&busy, Retry::After, true, 40),
            Some(Duration::from_secs(5))
        );
        for n in 1..=10 {
            let d = policy.next(&busy, Retry::After, true, n).unwrap();
            assert!(d <= Duration::from_secs(5), "{d:?}");
        }
        assert_eq!(policy.next(&busy, Retry::After, true, 0), None);
        assert_eq!(policy.next(&busy, Retry::After, true, 41), None);
    }

    #[test]
    fn a_hint_over_the_cap_is_not_waited_for() {
        let mut busy = RemoteError::new(StatusCode::TOO_MANY_REQUESTS, None, "");
        busy.retry_after = Some(crate::client::limits::MAX_RETRY_AFTER);
        assert_eq!(RetryPolicy::new().next(&busy, Retry::After, true, 1), None);
        busy.retry_after = Some(Duration::ZERO);
        assert_eq!(
            RetryPolicy::new().next(&busy, Retry::After, true, 1),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn methods() {
        assert!(is_idempotent(&Method::PUT) && is_idempotent(&Method::DELETE));
        assert!(!is_idempotent(&Method::POST) && !is_idempotent(&Method::PATCH));
    }
}

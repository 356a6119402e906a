//! What the client reads from headers: the media type, `Retry-After`, `X-Request-ID`
//! and the `X-RateLimit-*` figures, every figure checked.

use std::borrow::Cow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;
use http::header::{CONTENT_TYPE, RETRY_AFTER};

use super::RateLimitInfo;
use super::limits::MAX_RETRY_AFTER;

/// A header's value, trimmed, when it is there and not empty; bytes that are not UTF-8
/// (`obs-text`) read as U+FFFD.
pub(super) fn text<'h>(headers: &'h HeaderMap, name: &str) -> Option<Cow<'h, str>> {
    let value = headers.get(name)?.as_bytes().trim_ascii();
    (!value.is_empty()).then(|| String::from_utf8_lossy(value))
}

/// Whether `Content-Type` is `application/problem+json` (in any case, with parameters
/// or not), and not merely starts with it (`application/problem+jsonx`).
pub(super) fn is_problem(headers: &HeaderMap) -> bool {
    text(headers, CONTENT_TYPE.as_str()).is_some_and(|ct| {
        let essence = ct.split(';').next().unwrap_or_default().trim_ascii();
        essence.eq_ignore_ascii_case("application/problem+json")
    })
}

/// The request id of `X-Request-ID`.
pub(super) fn request_id(headers: &HeaderMap) -> Option<String> {
    text(headers, "x-request-id").map(Cow::into_owned)
}

/// `Retry-After`, when it is delta-seconds or an HTTP date.
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    parse_retry_after(&text(headers, RETRY_AFTER.as_str())?)
}

/// The `X-RateLimit-*` figures, when any is a number.
pub(super) fn rate_limit(headers: &HeaderMap) -> Option<RateLimitInfo> {
    let num = |name| text(headers, name).and_then(|v| decimal(&v));
    let info = RateLimitInfo {
        limit: num("x-ratelimit-limit"),
        remaining: num("x-ratelimit-remaining"),
        reset: num("x-ratelimit-reset"),
    };
    (info != RateLimitInfo::default()).then_some(info)
}

/// A non-negative decimal integer of ASCII digits, saturating at `u64::MAX`.
pub(super) fn decimal(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<u64>().unwrap_or(u64::MAX))
}

/// `Retry-After`: delta-seconds, or an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`)
/// measured from now: zero when it is past, [`MAX_RETRY_AFTER`] when it is further than
/// that (or than any figure can say).
pub(super) fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Some(secs) = decimal(value) {
        return Some(Duration::from_secs(secs));
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Some(match parse_http_date(value)? {
        // `now` is not negative: only a date far in the past saturates, to "no wait".
        At::Secs(at) => {
            u64::try_from(at.saturating_sub(now)).map_or(Duration::ZERO, Duration::from_secs)
        }
        At::Later => MAX_RETRY_AFTER,
        At::Earlier => Duration::ZERO,
    })
}

/// An instant named by an HTTP date.
#[derive(Debug, PartialEq, Eq)]
enum At {
    /// Seconds since the Unix epoch.
    Secs(i64),
    /// Later than `i64` seconds can say.
    Later,
    /// Earlier than `i64` seconds can say.
    Earlier,
}

/// An IMF-fixdate (RFC 9110 §5.6.7), with a year of any length.
fn parse_http_date(value: &str) -> Option<At> {
    let mut parts = value.split_ascii_whitespace();
    let _weekday = parts.next()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year_text = parts.next()?;
    let mut hms = parts.next()?.split(':').map(str::parse::<i64>);
    let (h, m, s) = (hms.next()?.ok()?, hms.next()?.ok()?, hms.next()?.ok()?);
    if hms.next().is_some()
        || parts.next()? != "GMT"
        || parts.next().is_some()
        || !(1..=31).contains(&day)
        || !(0..=23).contains(&h)
        || !(0..=59).contains(&m)
        || !(0..=60).contains(&s)
    {
        return None;
    }
    let (negative, digits) = match year_text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, year_text),
    };
    let beyond = if negative { At::Earlier } else { At::Later };
    let magnitude = decimal(digits)?;
    let Some(year) = i64::try_from(magnitude)
        .ok()
        .map(|y| if negative { -y } else { y })
    else {
        return Some(beyond);
    };
    Some(epoch_secs(year, month, day, h * 3600 + m * 60 + s).map_or(beyond, At::Secs))
}

/// Seconds since the Unix epoch of a civil date and second of the day (Howard
/// Hinnant's days-from-civil), `None` when a figure leaves `i64`.
fn epoch_secs(year: i64, month: i64, day: i64, second_of_day: i64) -> Option<i64> {
    let y = if month <= 2 {
        year.checked_sub(1)?
    } else {
        year
    };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era
        .checked_mul(146_097)?
        .checked_add(doe)?
        .checked_sub(719_468)?;
    days.checked_mul(86_400)?.checked_add(second_of_day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        let date = |s| parse_http_date(s);
        assert_eq!(
            date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(At::Secs(784_111_777))
        );
        assert_eq!(date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(At::Secs(0)));
        assert_eq!(date("Wed, 31 Dec 1969 23:59:59 GMT"), Some(At::Secs(-1)));
        assert_eq!(
            date("Fri, 31 Dec 9223372036854775807 23:59:59 GMT"),
            Some(At::Later)
        );
        assert_eq!(
            date("Fri, 31 Dec -9223372036854775808 23:59:59 GMT"),
            Some(At::Earlier)
        );
        assert_eq!(
            date("Fri, 31 Dec 99999999999999999999999 23:59:59 GMT"),
            Some(At::Later)
        );
        for bad in [
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37:01 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, 06 Nov +1994 08:49:37 GMT",
            "Sun, 06 Nov 19a4 08:49:37 GMT",
            "Sun, -6 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("45"), Some(Duration::from_secs(45)));
        assert_eq!(
            parse_retry_after("123456789012345678901234567890"),
            Some(MAX_RETRY_AFTER)
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-5"), None);
        assert_eq!(parse_retry_after("+5"), None);
    }

    #[test]
    fn media_types() {
        let problem = |ct: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, http::HeaderValue::from_static(ct));
            is_problem(&headers)
        };
        assert!(problem("application/problem+json"));
        assert!(problem("APPLICATION/PROBLEM+JSON;charset=utf-8"));
        assert!(!problem("application/problem+jsonx"));
        assert!(!problem("application/json"));
        assert!(!problem("application/problem"));
    }
}

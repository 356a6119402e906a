//! What the client reads of a response at most, so that a body from a server we do not
//! control never panics, never takes time beyond linear in its length and never takes
//! memory beyond a fixed multiple of it.
//!
//! | what | limit | beyond it |
//! |---|---|---|
//! | the body | [`ReadOptions::max_body_bytes`](super::ReadOptions::max_body_bytes), [`DEFAULT_MAX_BODY_BYTES`] (1 MiB) unless set | only that many bytes are read (cut back to a UTF-8 character boundary); what they hold is read as a body cut short, and [`Losses::body_cut`](super::Losses::body_cut) says so |
//! | the values kept | [`value_budget`]: 1.5 × the body read, counted as at least [`MIN_BUDGET_BASE`] (256 KiB), in the bytes the values built occupy | values past it are skipped (an object keeps the members read so far, a list its entries, a string its first characters), but for the envelope's own members (`code`, `message`, `request_id`, `detail`, `title`, ...), which are still read, from a reserve of [`member_reserve`] (0.5 ×); [`Losses::values_left_out`](super::Losses::values_left_out) |
//! | a value read as text | [`MAX_JSON_TEXT_BYTES`] (8 KiB) | cut, followed by `…` |
//! | nesting | [`MAX_DEPTH`] levels of arrays and objects | a deeper value is skipped (`null` in a list); [`Losses::values_left_out`](super::Losses::values_left_out) |
//! | violations | [`MAX_VIOLATIONS`] | the rest are left out; [`Losses::violations_left_out`](super::Losses::violations_left_out) |
//! | the retry hint | [`MAX_RETRY_AFTER`] | a figure past it (a date in the year 10¹⁹, delta-seconds of 30 digits, `1e300`) is [`MAX_RETRY_AFTER`] |
//! | `X-RateLimit-*` figures | `u64::MAX` | a figure past it is `u64::MAX` |
//!
//! Time: one pass over the body, and each value read once more at most, when it is
//! copied into the fields of [`RemoteError`](super::RemoteError).
//!
//! Memory: at most 8 × the body read, counted as at least [`MIN_BUDGET_BASE`], whatever
//! the body (`runtime/tests/client_memory.rs` measures it with a counting allocator over
//! hostile shapes): the values built are within the budget and the reserve (2 × in all),
//! and copying them into the fields of [`RemoteError`](super::RemoteError) at most
//! triples them (a problem's `title` is its `title` field and, without a `detail`, its
//! message too).

use std::time::Duration;

/// The most bytes of a body read unless [`ReadOptions::max_body_bytes`] says otherwise:
/// 1 MiB.
///
/// [`ReadOptions::max_body_bytes`]: super::ReadOptions::max_body_bytes
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// A body shorter than this is given the memory budget of a body of this length
/// (256 KiB), so that an envelope dense in small values, such as a list of 100
/// violations with their inputs and contexts, is read whole.
pub const MIN_BUDGET_BASE: usize = 256 * 1024;

/// The bytes of values kept from a body of `read` bytes: 1.5 × the body, counted as at
/// least [`MIN_BUDGET_BASE`] (the bytes of the values built: strings, list slots, object
/// entries and their index).
///
/// ```
/// use api_envelope::client::limits::{value_budget, MIN_BUDGET_BASE};
///
/// assert_eq!(value_budget(1 << 20), 3 << 19);
/// assert_eq!(value_budget(10), value_budget(MIN_BUDGET_BASE));
/// ```
#[must_use]
pub const fn value_budget(read: usize) -> usize {
    let base = budget_base(read);
    base.saturating_add(base / 2)
}

/// The bytes more for the envelope's own members (`code`, `message`, `request_id`,
/// `detail`, `title`, ...) once [`value_budget`] is spent: 0.5 × the body, counted as at
/// least [`MIN_BUDGET_BASE`].
#[must_use]
pub const fn member_reserve(read: usize) -> usize {
    budget_base(read) / 2
}

const fn budget_base(read: usize) -> usize {
    if read < MIN_BUDGET_BASE {
        MIN_BUDGET_BASE
    } else {
        read
    }
}

/// The most bytes of JSON text kept where a value is read as text: a ScaiDrive `detail`
/// object without a message member (the message is its JSON text), a `loc` segment that
/// is neither a name nor an index. Past it, the text is cut on a character boundary and
/// followed by `…`: the runtime's own message limit,
/// [`format::limits::MAX_MESSAGE_BYTES`](crate::format::limits::MAX_MESSAGE_BYTES).
pub const MAX_JSON_TEXT_BYTES: usize = crate::format::limits::MAX_MESSAGE_BYTES;

/// The deepest nesting of arrays and objects read (`serde_json`'s own limit): the
/// envelope's own levels included, so `{"error":{"details":{...}}}` is three deep.
pub const MAX_DEPTH: usize = 128;

/// The most violations read: what a renderer within the runtime's limits lists at most,
/// [`format::limits::MAX_VIOLATIONS`](crate::format::limits::MAX_VIOLATIONS) and the
/// entry counting those it left out.
pub const MAX_VIOLATIONS: usize = crate::format::limits::MAX_VIOLATIONS + 1;

/// The longest retry hint: `u64::MAX` seconds, the most `Retry-After` delta-seconds
/// can say in a `u64`. A larger figure is read as this one.
///
/// It does not fit in every clock: add it to an `Instant` or `SystemTime` with
/// `checked_add`.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(u64::MAX);

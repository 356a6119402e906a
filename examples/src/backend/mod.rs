//! The domain logic of the five example backends, independent of any web framework.
//!
//! Each module holds one product's in-memory state (a cheap-to-clone handle over an
//! `Arc<Mutex<..>>`), its request and response bodies (serde types) and its operations,
//! which take plain values and fail with the product's own catalogue errors. The example
//! servers (`--bin server` on axum, `--bin server-actix` on actix-web) only map routes
//! onto these operations.
//!
//! | module | state | errors |
//! |---|---|---|
//! | [`scaiwave`] | rooms (`general`, `frozen`) and their messages | `SW_ROOM_NOT_FOUND`, `SW_ROOM_FROZEN`, `SW_VALIDATION_ERROR` |
//! | [`scaigrid`] | the model catalogue | `MODEL_NOT_FOUND`, `VALIDATION_ERROR` |
//! | [`scaidrive`] | folders and files | 404 `File not found`, 409 name collision, 422 Pydantic entries |
//! | [`scaikey`] | secrets by path (`demo` from the start), soft-deleted ones retained | `authentication_required`, `invalid_path`, `secret_not_found`, `name_conflict`, `secret_exists` |
//! | [`sonny`] | scans (`scn_1`), `Idempotency-Key`s, users | `scans.not_found`, `idempotency.key_reuse_mismatch`, `users.invalid_cursor`, `users.invalid_param` |

use std::sync::{Mutex, MutexGuard, PoisonError};

use api_envelope::ApiError;

pub mod scaidrive;
pub mod scaigrid;
pub mod scaikey;
pub mod scaiwave;
pub mod sonny;

/// An error of any of a product's catalogue types, for an operation that can fail in
/// more than one of them (each renders as itself).
pub type Error = Box<dyn ApiError + Send + Sync>;

/// `err` as an [`Error`].
fn boxed<E: ApiError + Send + Sync + 'static>(err: E) -> Error {
    Box::new(err)
}

/// Locks a store, going on with its data if a panicking request poisoned it (every
/// operation leaves a store consistent before it can panic).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Pydantic's `string_too_short` / `string_too_long` entry for a string of `chars`
/// characters outside `min..=max`, at `loc`, or `None` when it is within.
fn string_length<const N: usize>(
    loc: [&'static str; N],
    value: &str,
    min: usize,
    max: usize,
) -> Option<api_envelope::Violation> {
    use api_envelope::Violation;

    let chars = value.chars().count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if chars < min {
        Some(
            Violation::new(
                loc,
                format!("String should have at least {min} character{}", plural(min)),
            )
            .kind("string_too_short")
            .input(value)
            .ctx("min_length", min),
        )
    } else if chars > max {
        Some(
            Violation::new(
                loc,
                format!("String should have at most {max} character{}", plural(max)),
            )
            .kind("string_too_long")
            .input(value)
            .ctx("max_length", max),
        )
    } else {
        None
    }
}

/// Pydantic's `greater_than_equal` / `less_than_equal` entry for `value` outside
/// `ge..=le`, at `loc`, with `input` (the raw text of a query parameter, the number of a
/// body field), or `None` when it is within.
fn int_range<const N: usize>(
    loc: [&'static str; N],
    value: impl Into<i128>,
    input: serde_json::Value,
    ge: i64,
    le: i64,
) -> Option<api_envelope::Violation> {
    use api_envelope::Violation;

    let value: i128 = value.into();
    if value < i128::from(ge) {
        Some(
            Violation::new(
                loc,
                format!("Input should be greater than or equal to {ge}"),
            )
            .kind("greater_than_equal")
            .input(input)
            .ctx("ge", ge),
        )
    } else if value > i128::from(le) {
        Some(
            Violation::new(loc, format!("Input should be less than or equal to {le}"))
                .kind("less_than_equal")
                .input(input)
                .ctx("le", le),
        )
    } else {
        None
    }
}

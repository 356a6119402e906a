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

/// `validator`'s `length` error for `count` characters or items outside `min..=max`, with
/// the params its derive adds (`min` / `max` as declared, the `value`), or `None` within.
/// The examples write their `Validate` impls by hand with these: `validator`'s derive
/// brings a second `syn` (see DESIGN.md).
fn length<V: serde::Serialize>(
    value: &V,
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
) -> Option<validator::ValidationError> {
    let out = min.is_some_and(|min| count < min) || max.is_some_and(|max| count > max);
    out.then(|| {
        let mut e = validator::ValidationError::new("length");
        if let Some(min) = min {
            e.add_param("min".into(), &min);
        }
        if let Some(max) = max {
            e.add_param("max".into(), &max);
        }
        e.add_param("value".into(), value);
        e
    })
}

/// `validator`'s `range` error for `value` outside `min..=max`, as its derive makes it,
/// or `None` within.
fn range(value: i128, min: i64, max: i64) -> Option<validator::ValidationError> {
    (value < i128::from(min) || value > i128::from(max)).then(|| {
        let mut e = validator::ValidationError::new("range");
        e.add_param("min".into(), &min);
        e.add_param("max".into(), &max);
        // Saturated to 64 bits (validator's params are JSON numbers); still beyond the
        // bound it broke.
        let shown = i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX });
        e.add_param("value".into(), &shown);
        e
    })
}

/// A rule of the service's own (`code`, its message, the value it rejected), as a
/// `validator` custom function returns it; the violation's type is `code`.
fn rule<V: serde::Serialize>(
    code: &'static str,
    message: String,
    value: &V,
) -> validator::ValidationError {
    let mut e = validator::ValidationError::new(code).with_message(message.into());
    e.add_param("value".into(), value);
    e
}

/// The errors of one `Validate` run, from each field's check.
fn field_errors<const N: usize>(
    checks: [(&'static str, Option<validator::ValidationError>); N],
) -> Result<(), validator::ValidationErrors> {
    let mut errors = validator::ValidationErrors::new();
    for (field, error) in checks {
        if let Some(error) = error {
            errors.add(field, error);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// `value`'s constraints as violations under `root`, for an operation called without
/// the extractor (`Valid<..>`) that checks them on the wire.
fn constraints<T: validator::Validate>(
    value: &T,
    root: &'static str,
) -> Result<(), Vec<api_envelope::Violation>> {
    value
        .validate()
        .map_err(|errors| api_envelope::input::constraint_violations(&errors, root))
}

//! ScaiKey's secrets, by path: bearer authentication, path rules, and soft deletion
//! with a retention period.
//!
//! - A path is 1 to [`MAX_PATH`] characters of `[A-Za-z0-9/_.-]`, in non-empty segments
//!   other than `.` and `..`; anything else is `invalid_path` (400).
//! - `demo` exists from the start.
//! - Writing a path that holds a live secret is `name_conflict` (409, "Name already
//!   taken"); writing one whose secret was deleted and is still retained is
//!   `secret_exists` (409, the page's "Soft-deleted path in retention").
//! - A deleted secret is retained for [`RETENTION`]; it reads as `secret_not_found`.
//!
//! ```
//! use api_envelope::ApiError;
//! use api_envelope_examples::backend::scaikey::{Vault, authenticate};
//!
//! assert_eq!(authenticate(None).unwrap_err().code(), "authentication_required");
//! assert!(authenticate(Some("Bearer t0k3n")).is_ok());
//!
//! let vault = Vault::seeded();
//! assert_eq!(vault.get("demo").unwrap().value, "s3cr3t");
//! assert_eq!(vault.put("demo", "x".into()).unwrap_err().code(), "name_conflict");
//! assert_eq!(vault.get("a//b").unwrap_err().code(), "invalid_path");
//! vault.delete("demo").unwrap();
//! assert_eq!(vault.get("demo").unwrap_err().code(), "secret_not_found");
//! assert_eq!(vault.put("demo", "x".into()).unwrap_err().code(), "secret_exists");
//! ```

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Error, lock};
use crate::scaikey::{AuthError, ConflictError, NotFoundError, ValidationError};

/// The longest secret path, in bytes.
pub const MAX_PATH: usize = 512;
/// How long a deleted secret's path stays retained.
pub const RETENTION: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// An authenticated caller: the token of its `Authorization: Bearer` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token(pub String);

/// The caller of a request from its `Authorization` header (`None` when absent).
///
/// # Errors
/// `authentication_required` without a header; `token_invalid` when it is not a
/// `Bearer` token.
pub fn authenticate(authorization: Option<&str>) -> Result<Token, AuthError> {
    let value = authorization.ok_or(AuthError::AuthenticationRequired)?;
    match value.trim().split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Token(token.trim().to_owned()))
        }
        _ => Err(AuthError::TokenInvalid),
    }
}

/// The body of `PUT /v1/secrets/{path}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewSecret {
    /// The secret's value.
    pub value: String,
}

/// A secret as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Secret {
    /// Its path.
    pub path: String,
    /// Its value.
    pub value: String,
    /// Its version (1 on creation).
    pub version: u32,
}

#[derive(Debug, Clone)]
enum Slot {
    Live(Secret),
    /// Deleted; the path is retained until then (Unix seconds).
    Retained {
        purge_after: u64,
    },
}

/// One tenant's secrets. Clones share the same state.
#[derive(Debug, Clone)]
pub struct Vault(Arc<Mutex<BTreeMap<String, Slot>>>);

/// Checks `path` against ScaiKey's path rules.
///
/// # Errors
/// `invalid_path` (400) when it breaks one.
pub fn check_path(path: &str) -> Result<(), ValidationError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "/_.-".contains(c);
    let valid = !path.is_empty()
        && path.len() <= MAX_PATH
        && path.chars().all(allowed)
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..");
    if valid {
        Ok(())
    } else {
        Err(ValidationError::InvalidPath {
            path: path.to_owned(),
        })
    }
}

impl Vault {
    /// One secret: `demo`, value `s3cr3t`.
    #[must_use]
    pub fn seeded() -> Self {
        let demo = Secret {
            path: "demo".to_owned(),
            value: "s3cr3t".to_owned(),
            version: 1,
        };
        Self(Arc::new(Mutex::new(
            [("demo".to_owned(), Slot::Live(demo))]
                .into_iter()
                .collect(),
        )))
    }

    /// The secret at `path`.
    ///
    /// # Errors
    /// `invalid_path`; `secret_not_found` when there is no live secret there.
    pub fn get(&self, path: &str) -> Result<Secret, Error> {
        check_path(path).map_err(super::boxed)?;
        match lock(&self.0).get(path) {
            Some(Slot::Live(secret)) => Ok(secret.clone()),
            _ => Err(Box::new(not_found(path))),
        }
    }

    /// Creates the secret at `path`.
    ///
    /// # Errors
    /// `invalid_path`; `name_conflict` when a live secret is there; `secret_exists` when
    /// a deleted one is still retained there.
    pub fn put(&self, path: &str, value: String) -> Result<Secret, Error> {
        check_path(path).map_err(super::boxed)?;
        let mut secrets = lock(&self.0);
        let now = unix_now();
        match secrets.get(path) {
            Some(Slot::Live(_)) => {
                return Err(Box::new(ConflictError::NameConflict {
                    name: path.to_owned(),
                }));
            }
            Some(Slot::Retained { purge_after }) if *purge_after > now => {
                return Err(Box::new(ConflictError::SecretExists {
                    path: path.to_owned(),
                    purge_after: rfc3339(*purge_after),
                }));
            }
            _ => {}
        }
        let secret = Secret {
            path: path.to_owned(),
            value,
            version: 1,
        };
        secrets.insert(path.to_owned(), Slot::Live(secret.clone()));
        Ok(secret)
    }

    /// Deletes the secret at `path`, retaining the path for [`RETENTION`].
    ///
    /// # Errors
    /// `invalid_path`; `secret_not_found` when there is no live secret there.
    pub fn delete(&self, path: &str) -> Result<(), Error> {
        check_path(path).map_err(super::boxed)?;
        let mut secrets = lock(&self.0);
        match secrets.get_mut(path) {
            Some(slot @ Slot::Live(_)) => {
                *slot = Slot::Retained {
                    purge_after: unix_now() + RETENTION.as_secs(),
                };
                Ok(())
            }
            _ => Err(Box::new(not_found(path))),
        }
    }
}

fn not_found(path: &str) -> NotFoundError {
    NotFoundError::Secret {
        path: path.to_owned(),
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `secs` (Unix seconds) as an RFC 3339 UTC timestamp, `2026-01-31T12:00:00Z`.
fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn paths() {
        for ok in ["demo", "envs/prod/db", "a.b_c-d/1"] {
            assert!(check_path(ok).is_ok(), "{ok}");
        }
        let long = "a".repeat(MAX_PATH + 1);
        for bad in [
            "",
            "a//b",
            "a/",
            "/a",
            "../etc",
            "a/./b",
            "a b",
            "caf\u{e9}",
            &long,
        ] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
    }
}

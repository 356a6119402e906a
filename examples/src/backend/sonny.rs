//! Sonny Labs' scans (with `Idempotency-Key` replay) and users (cursor pagination).
//!
//! ```
//! use api_envelope::ApiError;
//! use api_envelope_examples::backend::sonny::{Scans, Users, UsersQuery, idempotency_key};
//!
//! let scans = Scans::seeded();
//! assert_eq!(scans.get("scn_1").unwrap().state, "done");
//! let (first, replayed) = scans.create(Some("key-1"), "https://a.example".into()).unwrap();
//! assert!(!replayed);
//! let (again, replayed) = scans.create(Some("key-1"), "https://a.example".into()).unwrap();
//! assert!(replayed);
//! assert_eq!(again, first);
//! let err = scans.create(Some("key-1"), "https://b.example".into()).unwrap_err();
//! assert_eq!(err.code(), "idempotency.key_reuse_mismatch");
//! assert_eq!(idempotency_key(Some(b"key-1")).unwrap(), Some("key-1"));
//! assert_eq!(idempotency_key(Some("clé".as_bytes())).unwrap_err().code(), "validation.error");
//!
//! let users = Users::seeded();
//! let page = users.page(&UsersQuery { cursor: None, limit: Some(2) }).unwrap();
//! assert_eq!(page.data.len(), 2);
//! let next = users.page(&UsersQuery { cursor: page.next_cursor, limit: Some(2) }).unwrap();
//! assert_eq!(next.data[0].id, "usr_3");
//! let bad = UsersQuery { cursor: Some("nope".into()), limit: None };
//! assert_eq!(users.page(&bad).unwrap_err().code(), "users.invalid_cursor");
//! let bad = UsersQuery { cursor: None, limit: Some(0) };
//! assert_eq!(users.page(&bad).unwrap_err().code(), "users.invalid_param");
//! ```

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{Error, boxed, constraints, field_errors, lock, rule};
use crate::sonny::{IdempotencyError, ScanError, UserError, ValidationError};

/// The longest `Idempotency-Key`, in bytes.
pub const MAX_IDEMPOTENCY_KEY: usize = 255;
/// The default page size of `GET /v1/users`.
pub const DEFAULT_LIMIT: i64 = 20;
/// The largest page of `GET /v1/users`.
pub const MAX_LIMIT: i64 = 100;

/// The body of `POST /v1/scans`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewScan {
    /// What to scan: not blank.
    pub target: String,
}

impl validator::Validate for NewScan {
    /// Bean validation's `@NotBlank` on `target`, as a custom rule.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let blank = self.target.trim().is_empty();
        field_errors([(
            "target",
            blank.then(|| rule("NotBlank", "must not be blank".to_owned(), &self.target)),
        )])
    }
}

/// A scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scan {
    /// Its id (`scn_1`, `scn_2`, ...).
    pub id: String,
    /// What it scans.
    pub target: String,
    /// `queued`, `running` or `done`.
    pub state: String,
}

#[derive(Debug)]
struct ScanState {
    scans: HashMap<String, Scan>,
    /// Each key's target and the scan it created.
    keys: HashMap<String, (String, String)>,
    next: u64,
}

/// One organisation's scans. Clones share the same state.
#[derive(Debug, Clone)]
pub struct Scans(Arc<Mutex<ScanState>>);

impl Scans {
    /// One finished scan, `scn_1` of `https://example.com`.
    #[must_use]
    pub fn seeded() -> Self {
        let scan = Scan {
            id: "scn_1".to_owned(),
            target: "https://example.com".to_owned(),
            state: "done".to_owned(),
        };
        Self(Arc::new(Mutex::new(ScanState {
            scans: [(scan.id.clone(), scan)].into_iter().collect(),
            keys: HashMap::new(),
            next: 2,
        })))
    }

    /// The scan `id`.
    ///
    /// # Errors
    /// `scans.not_found`.
    pub fn get(&self, id: &str) -> Result<Scan, ScanError> {
        lock(&self.0)
            .scans
            .get(id)
            .cloned()
            .ok_or_else(|| ScanError::NotFound {
                scan_id: id.to_owned(),
            })
    }

    /// Queues a scan of `target`; with an `Idempotency-Key` already used for the same
    /// target, the scan it created, and `true` (a replay).
    ///
    /// # Errors
    /// `validation.body_invalid` when the target is blank; `validation.error` when the key
    /// is empty or longer than [`MAX_IDEMPOTENCY_KEY`];
    /// `idempotency.key_reuse_mismatch` when the key was used with another target.
    pub fn create(&self, key: Option<&str>, target: String) -> Result<(Scan, bool), Error> {
        // The extractor (`Valid<Json<NewScan>>`) checks first; this guards direct
        // callers with the same constraints.
        let new = NewScan { target };
        constraints(&new, "body")
            .map_err(|violations| boxed(ValidationError::BodyInvalid { violations }))?;
        let target = new.target;
        if key.is_some_and(|k| k.is_empty() || k.len() > MAX_IDEMPOTENCY_KEY) {
            return Err(Box::new(ValidationError::Error {
                reason: format!("Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} characters"),
            }));
        }
        let mut state = lock(&self.0);
        if let Some(key) = key
            && let Some((used_for, scan_id)) = state.keys.get(key)
        {
            if *used_for != target {
                return Err(Box::new(IdempotencyError::KeyReuseMismatch {
                    idempotency_key: key.to_owned(),
                }));
            }
            if let Some(scan) = state.scans.get(scan_id) {
                return Ok((scan.clone(), true));
            }
        }
        let scan = Scan {
            id: format!("scn_{}", state.next),
            target,
            state: "queued".to_owned(),
        };
        state.next += 1;
        if let Some(key) = key {
            state
                .keys
                .insert(key.to_owned(), (scan.target.clone(), scan.id.clone()));
        }
        state.scans.insert(scan.id.clone(), scan.clone());
        Ok((scan, false))
    }
}

/// The `Idempotency-Key` of a request, from its raw header value (`None` when absent).
///
/// # Errors
/// `validation.error` when it is not visible ASCII (what `http`'s `HeaderValue::to_str`
/// accepts: tab and `0x20..=0x7e`).
pub fn idempotency_key(raw: Option<&[u8]>) -> Result<Option<&str>, ValidationError> {
    let Some(raw) = raw else { return Ok(None) };
    match std::str::from_utf8(raw) {
        Ok(key) if raw.iter().all(|&b| b == b'\t' || (0x20..0x7f).contains(&b)) => Ok(Some(key)),
        _ => Err(ValidationError::Error {
            reason: "Idempotency-Key must be visible ASCII".to_owned(),
        }),
    }
}

/// The query of `GET /v1/users`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct UsersQuery {
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The page size: 1 to [`MAX_LIMIT`], [`DEFAULT_LIMIT`] when absent.
    pub limit: Option<i64>,
}

impl validator::Validate for UsersQuery {
    /// Bean validation's `@Min(1) @Max(100)` on `limit`, as a custom rule.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let out = self.limit.filter(|limit| !(1..=MAX_LIMIT).contains(limit));
        field_errors([(
            "limit",
            out.map(|limit| {
                rule(
                    "Range",
                    format!("must be between 1 and {MAX_LIMIT}"),
                    &limit,
                )
            }),
        )])
    }
}

/// A user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Its id.
    pub id: String,
    /// Its email.
    pub email: String,
}

/// A page of users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserPage {
    /// The users of the page.
    pub data: Vec<User>,
    /// The cursor of the next page, `null` on the last.
    pub next_cursor: Option<String>,
}

/// The organisation's users (read only).
#[derive(Debug, Clone)]
pub struct Users(Arc<Vec<User>>);

impl Users {
    /// Five users, `usr_1` to `usr_5`.
    #[must_use]
    pub fn seeded() -> Self {
        let names = ["ana", "ben", "chloe", "dev", "emil"];
        Self(Arc::new(
            names
                .iter()
                .enumerate()
                .map(|(i, name)| User {
                    id: format!("usr_{}", i + 1),
                    email: format!("{name}@sonnylabs.example"),
                })
                .collect(),
        ))
    }

    /// The page starting at `query.cursor` (the first without one), of `query.limit`
    /// users ([`DEFAULT_LIMIT`] without one).
    ///
    /// # Errors
    /// `users.invalid_cursor` when the cursor does not decode; `users.invalid_param` when
    /// `limit` is outside 1 to [`MAX_LIMIT`].
    pub fn page(&self, query: &UsersQuery) -> Result<UserPage, Error> {
        constraints(query, "query")
            .map_err(|violations| boxed(UserError::InvalidParam { violations }))?;
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        let cursor = query.cursor.as_deref();
        let start = match cursor {
            None => 0,
            Some(cursor) => decode_cursor(cursor)
                .filter(|&offset| offset <= self.0.len())
                .ok_or_else(|| {
                    Box::new(UserError::InvalidCursor {
                        cursor: cursor.to_owned(),
                    }) as Error
                })?,
        };
        let end = start
            .saturating_add(usize::try_from(limit).unwrap_or(usize::MAX))
            .min(self.0.len());
        Ok(UserPage {
            data: self.0[start..end].to_vec(),
            next_cursor: (end < self.0.len()).then(|| encode_cursor(end)),
        })
    }
}

/// An opaque cursor: the hex of `users:<offset>`.
fn encode_cursor(offset: usize) -> String {
    format!("users:{offset}")
        .bytes()
        .fold(String::new(), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// The offset of a cursor, when it is one.
fn decode_cursor(cursor: &str) -> Option<usize> {
    if !cursor.len().is_multiple_of(2) || !cursor.is_ascii() {
        return None;
    }
    let bytes = (0..cursor.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&cursor[i..i + 2], 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("users:")?
        .parse()
        .ok()
}

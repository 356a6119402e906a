//! ScaiDrive's folders and files, validated as FastAPI / Pydantic would.
//!
//! ```
//! use api_envelope::ApiError;
//! use api_envelope_examples::backend::scaidrive::{Drive, FilesQuery, NewFolder};
//!
//! let drive = Drive::seeded();
//! let new = NewFolder { name: "Reports".into(), quota_mb: 100, shared: false };
//! assert_eq!(drive.create_folder(new.clone()).unwrap().id, 1);
//! assert_eq!(drive.create_folder(new).unwrap_err().status(), 409);
//! assert_eq!(drive.file(1).unwrap().name, "welcome.txt");
//! assert_eq!(drive.file(99).unwrap_err().to_string(), "File not found");
//! assert_eq!(drive.files(FilesQuery { limit: Some(500) }).unwrap_err().violations()[0].kind, "less_than_equal");
//! ```

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{Error, boxed, constraints, field_errors, length, lock, range};
use crate::scaidrive::{ConflictError, InputError, ResourceError};

/// The default page size of `GET /v1/files`.
pub const DEFAULT_LIMIT: i128 = 50;
/// The largest page of `GET /v1/files`.
pub const MAX_LIMIT: i64 = 200;
/// The longest folder name, in characters.
pub const MAX_NAME: usize = 255;
/// The largest folder quota, in MB.
pub const MAX_QUOTA_MB: i64 = 1024;

/// The body of `POST /v1/folders`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewFolder {
    /// 1 to [`MAX_NAME`] characters, unique.
    pub name: String,
    /// 0 to [`MAX_QUOTA_MB`].
    pub quota_mb: i64,
    /// Whether the folder is shared.
    pub shared: bool,
}

impl validator::Validate for NewFolder {
    /// What `#[validate(length(min = 1, max = 255))]` on `name` and
    /// `#[validate(range(min = 0, max = 1024))]` on `quota_mb` check.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        field_errors([
            (
                "name",
                length(
                    &self.name,
                    self.name.chars().count(),
                    Some(1),
                    Some(MAX_NAME),
                ),
            ),
            ("quota_mb", range(self.quota_mb.into(), 0, MAX_QUOTA_MB)),
        ])
    }
}

/// A folder as created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Folder {
    /// Its id (1, 2, ...).
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Its quota in MB.
    pub quota_mb: i64,
    /// Whether it is shared.
    pub shared: bool,
}

/// A file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct File {
    /// Its id.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
}

impl validator::Validate for FilesQuery {
    /// What `#[validate(range(min = 1, max = 200))]` on `limit` checks.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        field_errors([(
            "limit",
            self.limit.and_then(|limit| range(limit, 1, MAX_LIMIT)),
        )])
    }
}

/// The query of `GET /v1/files`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub struct FilesQuery {
    /// The page size: 1 to [`MAX_LIMIT`], [`DEFAULT_LIMIT`] when absent (`i128`: FastAPI's
    /// `int` is unbounded, so a 20-digit limit is out of range, not unparseable).
    pub limit: Option<i128>,
}

/// A page of files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilePage {
    /// The files, by id.
    pub items: Vec<File>,
    /// How many files there are in all.
    pub total: usize,
}

#[derive(Debug)]
struct State {
    folders: Vec<Folder>,
    files: BTreeMap<u64, File>,
}

/// One tenant's drive. Clones share the same state.
#[derive(Debug, Clone)]
pub struct Drive(Arc<Mutex<State>>);

impl Drive {
    /// No folder, and two files: 1 `welcome.txt`, 2 `Q3 report.xlsx`.
    #[must_use]
    pub fn seeded() -> Self {
        let file = |id, name: &str, size| {
            (
                id,
                File {
                    id,
                    name: name.to_owned(),
                    size,
                },
            )
        };
        Self(Arc::new(Mutex::new(State {
            folders: Vec::new(),
            files: [
                file(1, "welcome.txt", 312),
                file(2, "Q3 report.xlsx", 48_210),
            ]
            .into_iter()
            .collect(),
        })))
    }

    /// Creates a folder.
    ///
    /// # Errors
    /// 422 with one Pydantic entry per failing field (`string_too_short`,
    /// `string_too_long`, `greater_than_equal`, `less_than_equal`); 409 when a folder of
    /// that name exists.
    pub fn create_folder(&self, new: NewFolder) -> Result<Folder, Error> {
        // The extractor (`Valid<Json<NewFolder>>`) checks first; this guards direct
        // callers with the same constraints.
        constraints(&new, "body")
            .map_err(|violations| boxed(InputError::Validation { violations }))?;
        let mut state = lock(&self.0);
        if state.folders.iter().any(|f| f.name == new.name) {
            return Err(Box::new(ConflictError::NameCollision { name: new.name }));
        }
        let folder = Folder {
            id: state.folders.len() as u64 + 1,
            name: new.name,
            quota_mb: new.quota_mb,
            shared: new.shared,
        };
        state.folders.push(folder.clone());
        Ok(folder)
    }

    /// The file `id`.
    ///
    /// # Errors
    /// 404 `File not found`.
    /// Takes any integer, as FastAPI's unbounded `int` does: a negative or huge id is
    /// not found, not invalid.
    pub fn file(&self, id: i128) -> Result<File, ResourceError> {
        let id = u64::try_from(id).ok();
        lock(&self.0)
            .files
            .get(&id.unwrap_or(0))
            .filter(|_| id.is_some())
            .cloned()
            .ok_or_else(|| ResourceError::NotFound {
                kind: "File".to_owned(),
            })
    }

    /// The first `query.limit` files ([`DEFAULT_LIMIT`] without one).
    ///
    /// # Errors
    /// 422 when `limit` is outside 1 to [`MAX_LIMIT`].
    pub fn files(&self, query: FilesQuery) -> Result<FilePage, InputError> {
        constraints(&query, "query").map_err(|violations| InputError::Validation { violations })?;
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        let state = lock(&self.0);
        let take = usize::try_from(limit).unwrap_or(usize::MAX);
        Ok(FilePage {
            items: state.files.values().take(take).cloned().collect(),
            total: state.files.len(),
        })
    }
}

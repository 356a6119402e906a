//! The catalogue as a contract: a lock file of every code a service answers with, and the
//! check that stops a breaking change to it.
//!
//! Every seed page says "branch on `code`": a code is public API. Removing or renaming
//! one, or changing its status, family or retry class, breaks the clients that branch on
//! it. A [`Lock`] is a committed, reviewable file with one line per code:
//!
//! ```text
//! # api-envelope catalogue lock, version 1: code, statuses, family, retry, meaning hash[, -> replacement]
//! SW_ROOM_CLOSED 409 rooms never 6c1f0bcb1b1e7ba1
//! SW_ROOM_FROZEN 409 rooms never 9d2f5c4b8d1f0e27 -> SW_ROOM_CLOSED
//! ```
//!
//! Fields are separated by one space: the code; the statuses, comma-separated, the
//! default first; the family (`-` for none; `%`, spaces and control characters as `%XX`); the
//! retry class (`never`, `after`, `safe`); the FNV-1a 64-bit hash of the meaning, in hex
//! (so a reworded meaning shows in the diff without the text); and, for a deprecated
//! code, `->` and the code replacing it. Lines are sorted by code; `#` starts a comment.
//!
//! [`Lock::check`] compares a lock with the compiled catalogues ([`Changes`]):
//!
//! | change | verdict |
//! |---|---|
//! | a code removed | **breaking** |
//! | a code renamed (removed, and one added with the same statuses and meaning) | **breaking** |
//! | statuses, family or retry class changed | **breaking** |
//! | deprecated in favour of a code no catalogue has | **breaking** |
//! | a code added | reported |
//! | a meaning changed | reported |
//! | a code newly deprecated, or no longer | reported |
//!
//! Each breaking change says how to accept it: keep the old code answering, declared
//! `#[code("OLD", .., deprecated = "NEW")]` beside the new one (the lock then passes), or
//! write the lock again and commit the diff for review. A service checks its lock in its
//! own `cargo test` with [`assert_locked!`](crate::catalog::assert_locked), which also
//! writes it when `API_ENVELOPE_RELOCK=1` is set.
//!
//! ```
//! use api_envelope::{ApiError, Catalogued};
//! use api_envelope::catalog::lock::Lock;
//!
//! #[derive(Debug, ApiError)]
//! enum RoomError {
//!     /// Closed or archived.
//!     #[code("SW_ROOM_FROZEN", status = 409, family = "rooms")]
//!     Frozen,
//! }
//! #[derive(Debug, ApiError)]
//! enum RoomErrorV2 {
//!     /// Closed or archived.
//!     #[code("SW_ROOM_CLOSED", status = 409, family = "rooms")]
//!     Closed,
//! }
//!
//! let locked = Lock::of([&RoomError::CATALOG]);
//! let text = locked.to_string();
//! assert!(text.contains("\nSW_ROOM_FROZEN 409 rooms never "));
//! assert_eq!(Lock::parse(&text).unwrap(), locked);
//!
//! let changes = Lock::parse(&text).unwrap().check(&Lock::of([&RoomErrorV2::CATALOG]));
//! assert!(changes.is_breaking());
//! assert!(changes.to_string().contains("renamed `SW_ROOM_FROZEN` to `SW_ROOM_CLOSED`"));
//! ```

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::Path;

use super::{Catalog, Retry};
use crate::product::Product;

/// The first line of every lock file (its version is checked when one is read).
pub const HEADER: &str = "# api-envelope catalogue lock, version 1: code, statuses, family, retry, meaning hash[, -> replacement]";

/// The environment variable that makes [`assert_locked!`](crate::catalog::assert_locked)
/// write the lock instead of checking it (any value but empty or `0`).
pub const RELOCK_VAR: &str = "API_ENVELOPE_RELOCK";

/// One code as locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    /// The code.
    pub code: String,
    /// Its statuses, the default first.
    pub statuses: Vec<u16>,
    /// Its family.
    pub family: Option<String>,
    /// Its retry class.
    pub retry: Retry,
    /// The FNV-1a 64-bit hash of its meaning ([`meaning_hash`]).
    pub meaning: u64,
    /// The code replacing it, when deprecated.
    pub deprecated: Option<String>,
}

/// The codes of one or more catalogues, by code (see the [module docs](self)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    codes: BTreeMap<String, Locked>,
}

/// The FNV-1a 64-bit hash of a meaning, as the lock file records it.
///
/// ```
/// use api_envelope::catalog::lock::meaning_hash;
/// assert_eq!(meaning_hash(""), 0xcbf2_9ce4_8422_2325);
/// assert_eq!(meaning_hash("a"), 0xaf63_dc4c_8601_ec8c);
/// ```
#[must_use]
pub const fn meaning_hash(meaning: &str) -> u64 {
    let bytes = meaning.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

impl Lock {
    /// The lock of `catalogs` (each with its nested catalogues). A code listed twice (a
    /// product rejects that at compile time) is locked once, as first seen.
    #[must_use]
    pub fn of<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> Self {
        let mut codes = BTreeMap::new();
        for catalog in catalogs {
            for entry in catalog.iter() {
                codes
                    .entry(entry.code.to_owned())
                    .or_insert_with(|| Locked {
                        code: entry.code.to_owned(),
                        statuses: entry
                            .statuses
                            .iter()
                            .map(http::StatusCode::as_u16)
                            .collect(),
                        family: entry.family.map(str::to_owned),
                        retry: entry.retry,
                        meaning: meaning_hash(entry.meaning),
                        deprecated: entry.deprecated.map(str::to_owned),
                    });
            }
        }
        Self { codes }
    }

    /// The codes, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &Locked> {
        self.codes.values()
    }

    /// How many codes are locked.
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether no code is locked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The locked code `code`.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&Locked> {
        self.codes.get(code)
    }

    /// Reads a lock file.
    ///
    /// # Errors
    /// A [`LockError`] naming the line that is not what [`Display`](fmt::Display) writes
    /// (or a missing or other version header).
    pub fn parse(text: &str) -> Result<Self, LockError> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, first)) if first.trim_end() == HEADER => {}
            Some((_, first)) if first.starts_with("# api-envelope catalogue lock") => {
                return Err(LockError::new(
                    1,
                    "a lock of another version: write it again",
                ));
            }
            _ => {
                return Err(LockError::new(
                    1,
                    "not an api-envelope catalogue lock (its first line is the header)",
                ));
            }
        }
        let mut codes = BTreeMap::new();
        for (i, line) in lines {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let locked = parse_line(line).map_err(|why| LockError::new(i + 1, why))?;
            if codes.insert(locked.code.clone(), locked).is_some() {
                return Err(LockError::new(i + 1, "a code locked twice"));
            }
        }
        Ok(Self { codes })
    }

    /// What changed from this (the committed lock) to `current` (the compiled
    /// catalogues' lock), in code order, breaking changes first.
    #[must_use]
    pub fn check(&self, current: &Self) -> Changes {
        let mut changes = Vec::new();
        let mut removed: Vec<&Locked> = Vec::new();
        let mut added: Vec<&Locked> = Vec::new();
        for old in self.codes.values() {
            match current.codes.get(&old.code) {
                None => removed.push(old),
                Some(new) => compare(old, new, &mut changes),
            }
        }
        for new in current.codes.values() {
            if !self.codes.contains_key(&new.code) {
                added.push(new);
            }
            if let Some(replacement) = &new.deprecated
                && !current.codes.contains_key(replacement)
            {
                changes.push(Change::UnknownReplacement {
                    code: new.code.clone(),
                    replacement: replacement.clone(),
                });
            }
        }
        // A removed code and an added one with the same statuses and meaning: a rename.
        for old in removed {
            let twin = added
                .iter()
                .position(|new| new.statuses == old.statuses && new.meaning == old.meaning);
            match twin {
                Some(at) => {
                    let new = added.remove(at);
                    changes.push(Change::Renamed {
                        from: old.clone(),
                        to: new.clone(),
                    });
                }
                None => changes.push(Change::Removed(old.clone())),
            }
        }
        changes.extend(added.into_iter().map(|new| Change::Added(new.clone())));
        changes.sort_by_key(|c| (!c.is_breaking(), c.code().to_owned()));
        Changes(changes)
    }
}

/// The changes of one code kept under its name.
fn compare(old: &Locked, new: &Locked, changes: &mut Vec<Change>) {
    let code = || old.code.clone();
    if old.statuses != new.statuses {
        changes.push(Change::Statuses {
            code: code(),
            was: old.statuses.clone(),
            now: new.statuses.clone(),
        });
    }
    if old.family != new.family {
        changes.push(Change::Family {
            code: code(),
            was: old.family.clone(),
            now: new.family.clone(),
        });
    }
    if old.retry != new.retry {
        changes.push(Change::Retry {
            code: code(),
            was: old.retry,
            now: new.retry,
        });
    }
    if old.meaning != new.meaning {
        changes.push(Change::Meaning { code: code() });
    }
    if old.deprecated != new.deprecated {
        changes.push(Change::Deprecated {
            code: code(),
            replacement: new.deprecated.clone(),
        });
    }
}

fn parse_line(line: &str) -> Result<Locked, String> {
    let fields: Vec<&str> = line.split(' ').collect();
    let (main, deprecated) = match fields.as_slice() {
        [main @ .., "->", replacement] if main.len() == 5 => (main, Some(*replacement)),
        main if main.len() == 5 => (main, None),
        _ => {
            return Err(format!(
                "expected `code statuses family retry hash [-> replacement]`, found `{line}`"
            ));
        }
    };
    let [code, statuses, family, retry, hash] = [main[0], main[1], main[2], main[3], main[4]];
    let statuses = statuses
        .split(',')
        .map(|s| {
            s.parse::<u16>()
                .ok()
                .filter(|n| (100..=999).contains(n))
                .ok_or_else(|| format!("`{s}` is not a status"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let retry = Retry::from_name(retry).ok_or_else(|| format!("`{retry}` is not a retry class"))?;
    let meaning = u64::from_str_radix(hash, 16)
        .ok()
        .filter(|_| hash.len() == 16)
        .ok_or_else(|| format!("`{hash}` is not a 16-digit hex hash"))?;
    Ok(Locked {
        code: code.to_owned(),
        statuses,
        family: (family != "-").then(|| unescape(family)),
        retry,
        meaning,
        deprecated: deprecated.map(str::to_owned),
    })
}

/// A family as one field: `%`, whitespace and control characters as `%XX`, `-` alone
/// (which means "none") as `%2D`, the empty family as `%`.
fn escape(family: &str) -> String {
    if family.is_empty() {
        return "%".to_owned();
    }
    if family == "-" {
        return "%2D".to_owned();
    }
    let mut out = String::with_capacity(family.len());
    for c in family.chars() {
        if c == '%' || c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The inverse of [`escape`] (a `%` not followed by two hex digits stays as it is).
fn unescape(field: &str) -> String {
    if field == "%" {
        return String::new();
    }
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl fmt::Display for Lock {
    /// The lock file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(HEADER)?;
        f.write_char('\n')?;
        for locked in self.codes.values() {
            f.write_str(&locked.code)?;
            f.write_char(' ')?;
            for (i, status) in locked.statuses.iter().enumerate() {
                if i > 0 {
                    f.write_char(',')?;
                }
                write!(f, "{status}")?;
            }
            match &locked.family {
                Some(family) => write!(f, " {}", escape(family))?,
                None => f.write_str(" -")?,
            }
            write!(f, " {} {:016x}", locked.retry, locked.meaning)?;
            if let Some(replacement) = &locked.deprecated {
                write!(f, " -> {replacement}")?;
            }
            f.write_char('\n')?;
        }
        Ok(())
    }
}

/// A lock file that cannot be read: the line and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockError {
    /// The line (1-based).
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl LockError {
    fn new(line: usize, reason: impl Into<String>) -> Self {
        Self {
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for LockError {}

/// One difference between a lock and the compiled catalogues.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// A locked code no catalogue has any more (breaking).
    Removed(Locked),
    /// A locked code gone, and a new one with the same statuses and meaning (breaking).
    Renamed {
        /// As locked.
        from: Locked,
        /// As compiled.
        to: Locked,
    },
    /// The statuses changed (breaking).
    Statuses {
        /// The code.
        code: String,
        /// As locked.
        was: Vec<u16>,
        /// As compiled.
        now: Vec<u16>,
    },
    /// The family changed (breaking).
    Family {
        /// The code.
        code: String,
        /// As locked.
        was: Option<String>,
        /// As compiled.
        now: Option<String>,
    },
    /// The retry class changed (breaking: clients retry by it).
    Retry {
        /// The code.
        code: String,
        /// As locked.
        was: Retry,
        /// As compiled.
        now: Retry,
    },
    /// Deprecated in favour of a code no catalogue has (breaking).
    UnknownReplacement {
        /// The deprecated code.
        code: String,
        /// The code named as its replacement.
        replacement: String,
    },
    /// A new code (reported).
    Added(Locked),
    /// The meaning was reworded (reported).
    Meaning {
        /// The code.
        code: String,
    },
    /// Newly deprecated (`Some`, the replacement) or no longer (`None`) (reported).
    Deprecated {
        /// The code.
        code: String,
        /// The replacement now declared.
        replacement: Option<String>,
    },
}

impl Change {
    /// Whether clients branching on codes can break.
    #[must_use]
    pub const fn is_breaking(&self) -> bool {
        matches!(
            self,
            Self::Removed(_)
                | Self::Renamed { .. }
                | Self::Statuses { .. }
                | Self::Family { .. }
                | Self::Retry { .. }
                | Self::UnknownReplacement { .. }
        )
    }

    /// The code it is about (the locked one for a rename).
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Self::Removed(l) | Self::Added(l) | Self::Renamed { from: l, .. } => &l.code,
            Self::Statuses { code, .. }
            | Self::Family { code, .. }
            | Self::Retry { code, .. }
            | Self::UnknownReplacement { code, .. }
            | Self::Meaning { code }
            | Self::Deprecated { code, .. } => code,
        }
    }
}

fn statuses(list: &[u16]) -> String {
    list.iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn family(f: Option<&String>) -> String {
    f.map_or_else(|| "none".to_owned(), |f| format!("`{f}`"))
}

impl fmt::Display for Change {
    /// One line: what changed and, for a breaking change, how to accept it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const RELOCK: &str = "or write the lock again to accept it";
        match self {
            Self::Removed(l) => write!(
                f,
                "removed `{}` ({}): clients branching on it break; keep it answering, \
                 declared `#[code(\"{}\", .., deprecated = \"NEW\")]`, {RELOCK}",
                l.code,
                statuses(&l.statuses),
                l.code
            ),
            Self::Renamed { from, to } => write!(
                f,
                "renamed `{}` to `{}` ({}): clients branching on `{}` break; keep `{}` \
                 answering beside the new code, declared `#[code(\"{}\", .., deprecated = \
                 \"{}\")]`, {RELOCK}",
                from.code,
                to.code,
                statuses(&from.statuses),
                from.code,
                from.code,
                from.code,
                to.code
            ),
            Self::Statuses { code, was, now } => write!(
                f,
                "`{code}`: statuses {} became {}: clients dispatching on the status break; \
                 answer the new status with a new code, {RELOCK}",
                statuses(was),
                statuses(now)
            ),
            Self::Family { code, was, now } => write!(
                f,
                "`{code}`: family {} became {}: pages and SDK classes move it; {RELOCK}",
                family(was.as_ref()),
                family(now.as_ref())
            ),
            Self::Retry { code, was, now } => write!(
                f,
                "`{code}`: retry class `{was}` became `{now}`: clients retry by it; {RELOCK}"
            ),
            Self::UnknownReplacement { code, replacement } => write!(
                f,
                "`{code}` is deprecated in favour of `{replacement}`, which no catalogue has: \
                 declare `{replacement}`, or name an existing code"
            ),
            Self::Added(l) => write!(f, "added `{}` ({})", l.code, statuses(&l.statuses)),
            Self::Meaning { code } => write!(f, "`{code}`: meaning reworded"),
            Self::Deprecated {
                code,
                replacement: Some(r),
            } => write!(f, "`{code}`: deprecated, replaced by `{r}`"),
            Self::Deprecated {
                code,
                replacement: None,
            } => write!(f, "`{code}`: no longer deprecated"),
        }
    }
}

/// The changes [`Lock::check`] found, breaking ones first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes(pub Vec<Change>);

impl Changes {
    /// Whether any change is breaking.
    #[must_use]
    pub fn is_breaking(&self) -> bool {
        self.0.iter().any(Change::is_breaking)
    }

    /// Whether nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Changes {
    /// One change per line, `breaking:` or `reported:` first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.0 {
            let verdict = if change.is_breaking() {
                "breaking"
            } else {
                "reported"
            };
            writeln!(f, "{verdict}: {change}")?;
        }
        Ok(())
    }
}

/// What [`assert_locked!`](crate::catalog::assert_locked) accepts as catalogues: a
/// [`Catalog`], a slice or array of them, a [`Product`], or a reference to any.
pub trait Catalogs {
    /// The catalogues.
    fn catalogs(&self) -> Vec<&Catalog>;
}

impl Catalogs for Catalog {
    fn catalogs(&self) -> Vec<&Catalog> {
        vec![self]
    }
}

impl Catalogs for [Catalog] {
    fn catalogs(&self) -> Vec<&Catalog> {
        self.iter().collect()
    }
}

impl<const N: usize> Catalogs for [Catalog; N] {
    fn catalogs(&self) -> Vec<&Catalog> {
        self.iter().collect()
    }
}

impl Catalogs for Product {
    fn catalogs(&self) -> Vec<&Catalog> {
        self.catalogs.iter().collect()
    }
}

impl<T: Catalogs + ?Sized> Catalogs for &T {
    fn catalogs(&self) -> Vec<&Catalog> {
        (**self).catalogs()
    }
}

/// What [`assert_locked!`](crate::catalog::assert_locked) does: with
/// [`RELOCK_VAR`] set, writes the lock of `catalogs` to `path`; else reads `path` and
/// panics when a change is breaking (or the file is missing or unreadable), listing every
/// change and how to accept it.
///
/// # Panics
/// As said: that is how a test fails.
#[track_caller]
pub fn assert_locked_at(path: &Path, catalogs: &[&Catalog]) {
    let current = Lock::of(catalogs.iter().copied());
    let relock = std::env::var(RELOCK_VAR).is_ok_and(|v| !v.is_empty() && v != "0");
    let how = format!(
        "write it with `{RELOCK_VAR}=1 cargo test` (or `catalog --lock`) and commit the diff"
    );
    if relock {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = std::fs::write(path, current.to_string()) {
            panic!("cannot write the catalogue lock {}: {e}", path.display());
        }
        return;
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("no catalogue lock at {} ({e}): {how}", path.display()),
    };
    let locked = match Lock::parse(&text) {
        Ok(locked) => locked,
        Err(e) => panic!(
            "the catalogue lock {} is unreadable, {e}: {how}",
            path.display()
        ),
    };
    let changes = locked.check(&current);
    if changes.is_breaking() {
        panic!(
            "the error catalogue breaks its lock {}:\n{changes}(to accept every change: {how})",
            path.display()
        );
    }
    if !changes.is_empty() {
        eprintln!(
            "catalogue lock {}: compatible changes, write the lock again to record them:\n{changes}",
            path.display()
        );
    }
}

/// Fails the calling test when the catalogues break their committed lock file (see
/// [`catalog::lock`](crate::catalog::lock)): a removed or renamed code, a changed status,
/// family or retry class. Compatible changes (a new code, a reworded meaning) pass and are
/// printed. The path is relative to the calling crate's `Cargo.toml`; with
/// `API_ENVELOPE_RELOCK=1` the lock is written instead (commit the diff for review).
///
/// The catalogues are any number of [`Catalog`]s, slices of them or [`Product`]s.
///
/// ```no_run
/// use api_envelope::{ApiError, Catalogued};
///
/// #[derive(Debug, ApiError)]
/// enum RoomError {
///     /// Closed or archived.
///     #[code("SW_ROOM_FROZEN", status = 409, family = "rooms")]
///     Frozen,
/// }
///
/// #[test]
/// fn the_catalogue_keeps_its_contract() {
///     api_envelope::catalog::assert_locked!("errors.lock", RoomError::CATALOG);
/// }
/// ```
#[macro_export]
macro_rules! assert_locked {
    ($path:expr, $($catalogs:expr),+ $(,)?) => {{
        let mut catalogs = ::std::vec::Vec::new();
        $( catalogs.extend($crate::catalog::lock::Catalogs::catalogs(&$catalogs)); )+
        $crate::catalog::lock::assert_locked_at(
            &::std::path::Path::new(::core::env!("CARGO_MANIFEST_DIR")).join($path),
            &catalogs,
        );
    }};
}

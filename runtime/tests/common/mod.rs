//! A hand-written `ApiError` (no derive): one variant per case the formats must render.

#![allow(dead_code)]

use std::fmt;
use std::time::Duration;

use api_envelope::http::StatusCode;
use api_envelope::{ApiError, Catalog, CatalogEntry, Convention, Detail, DetailVisitor, Violation};

#[derive(Debug)]
pub enum HandError {
    /// 409, plain.
    Frozen { room_id: String },
    /// 404 with a `#[detail]` and an empty meaning.
    NoteMissing { path: String },
    /// 422 with violations.
    Invalid { violations: Vec<Violation> },
    /// 429 with a retry hint.
    RateLimited { retry: Duration },
    /// 500 with a source.
    Internal(std::io::Error),
    /// 502 or 503.
    Upstream { status: u16 },
    /// 503 with a public text.
    Draining { why: String },
    /// 504 that exposes its message.
    Timeout { secs: u64 },
    /// 400 whose message is anything.
    Echo { text: String, detail: String },
    /// 400 with a detail whose `Serialize` fails.
    Broken,
}

const S409: &[StatusCode] = &[StatusCode::CONFLICT];
const S404: &[StatusCode] = &[StatusCode::NOT_FOUND];
const S422: &[StatusCode] = &[StatusCode::UNPROCESSABLE_ENTITY];
const S429: &[StatusCode] = &[StatusCode::TOO_MANY_REQUESTS];
const S500: &[StatusCode] = &[StatusCode::INTERNAL_SERVER_ERROR];
const S502_503: &[StatusCode] = &[StatusCode::BAD_GATEWAY, StatusCode::SERVICE_UNAVAILABLE];
const S503: &[StatusCode] = &[StatusCode::SERVICE_UNAVAILABLE];
const S504: &[StatusCode] = &[StatusCode::GATEWAY_TIMEOUT];
const S400: &[StatusCode] = &[StatusCode::BAD_REQUEST];

pub static ENTRIES: [CatalogEntry; 10] = [
    CatalogEntry::new(
        "SW_ROOM_FROZEN",
        S409,
        Some("rooms"),
        "Closed or archived.",
        "Frozen",
    ),
    CatalogEntry::new("SW_NOTE_NOT_FOUND", S404, Some("notes"), "", "NoteMissing"),
    CatalogEntry::new(
        "SW_VALIDATION_ERROR",
        S422,
        None,
        "Pydantic schema validation failed.",
        "Invalid",
    ),
    CatalogEntry::new(
        "SW_RATE_LIMIT_EXCEEDED",
        S429,
        None,
        "Tenant rate cap hit.",
        "RateLimited",
    ),
    CatalogEntry::new("SW_INTERNAL_ERROR", S500, None, "Bug.", "Internal"),
    CatalogEntry::new(
        "SW_UPSTREAM_UNAVAILABLE",
        S502_503,
        None,
        "A downstream dependency is unreachable.",
        "Upstream",
    ),
    CatalogEntry::new("SW_SERVICE_DRAINING", S503, None, "Draining.", "Draining")
        .with_public("Service is restarting, retry shortly."),
    CatalogEntry::new("SW_PLUGIN_TIMEOUT", S504, None, "", "Timeout").with_expose(true),
    CatalogEntry::new("SW_ECHO", S400, None, "", "Echo"),
    CatalogEntry::new("SW_BROKEN", S400, None, "", "Broken"),
];

pub static CATALOG: Catalog =
    Catalog::new("HandError", Convention::ScreamingSnake, "SW_", &ENTRIES);

impl fmt::Display for HandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Frozen { room_id } => write!(f, "room {room_id} is closed"),
            Self::NoteMissing { path } => write!(f, "note '{path}' not found"),
            Self::Invalid { .. } => f.write_str("request validation failed"),
            Self::RateLimited { retry } => write!(f, "slow down for {}s", retry.as_secs()),
            Self::Internal(e) => write!(f, "database exploded: {e}"),
            Self::Upstream { status } => write!(f, "upstream said {status}: secret-host:5432"),
            Self::Draining { why } => write!(f, "draining because {why}"),
            Self::Timeout { secs } => write!(f, "upstream timed out after {secs}s"),
            Self::Echo { text, .. } => f.write_str(text),
            Self::Broken => f.write_str("broken"),
        }
    }
}

impl std::error::Error for HandError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Internal(e) => Some(e),
            _ => None,
        }
    }
}

/// A detail whose `Serialize` fails.
pub struct Unserialisable;

impl serde::Serialize for Unserialisable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("no"))
    }
}

impl ApiError for HandError {
    fn code(&self) -> &'static str {
        self.entry().code
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Upstream { status } => api_envelope::__private::choose_status(status, S502_503),
            _ => self.entry().status(),
        }
    }

    fn entry(&self) -> &'static CatalogEntry {
        &ENTRIES[match self {
            Self::Frozen { .. } => 0,
            Self::NoteMissing { .. } => 1,
            Self::Invalid { .. } => 2,
            Self::RateLimited { .. } => 3,
            Self::Internal(_) => 4,
            Self::Upstream { .. } => 5,
            Self::Draining { .. } => 6,
            Self::Timeout { .. } => 7,
            Self::Echo { .. } => 8,
            Self::Broken => 9,
        }]
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry } => Some(*retry),
            _ => None,
        }
    }

    fn has_details(&self) -> bool {
        matches!(
            self,
            Self::NoteMissing { .. } | Self::Echo { .. } | Self::Broken
        )
    }

    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
        match self {
            Self::NoteMissing { path } => visitor.detail("path", Detail::new(path)),
            Self::Echo { detail, .. } => visitor.detail("echo", Detail::new(detail)),
            Self::Broken => visitor.detail("broken", Detail::new(&Unserialisable)),
            _ => {}
        }
    }

    fn violations(&self) -> &[Violation] {
        match self {
            Self::Invalid { violations } => violations,
            _ => &[],
        }
    }

    fn catalog() -> &'static Catalog {
        &CATALOG
    }
}

pub fn violations() -> Vec<Violation> {
    vec![
        Violation::new(["body", "name"], "Field required").kind("missing"),
        Violation::new(["body", "items"], "String should have at least 1 character")
            .at(0)
            .kind("string_too_short")
            .input("")
            .ctx("min_length", 1),
    ]
}

/// The six cases every format pins.
pub fn cases() -> Vec<(&'static str, HandError)> {
    vec![
        (
            "plain",
            HandError::Frozen {
                room_id: "r1".into(),
            },
        ),
        ("detail", HandError::NoteMissing { path: "a/b".into() }),
        (
            "violations",
            HandError::Invalid {
                violations: violations(),
            },
        ),
        (
            "retry",
            HandError::RateLimited {
                retry: Duration::from_secs(30),
            },
        ),
        (
            "internal",
            HandError::Internal(std::io::Error::other("password=hunter2")),
        ),
        ("upstream503", HandError::Upstream { status: 503 }),
    ]
}

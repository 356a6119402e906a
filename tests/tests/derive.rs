//! Behaviour of the code `#[derive(ApiError)]` generates.

use std::error::Error as _;
use std::fmt;
use std::time::Duration;

use api_envelope::http::StatusCode;
use api_envelope::{ApiError, Catalog, Catalogued, Convention, Detail, Violation};

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen { room_id: String },

    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "events")]
    RateLimited {
        #[retry_after]
        seconds: u64,
    },

    /// Note not found.
    #[code("SW_NOTE_NOT_FOUND", status = 404, family = "notes")]
    #[message("note '{path}' not found")]
    NoteMissing {
        #[detail]
        path: String,
    },

    /// Bug.
    #[code("SW_INTERNAL_ERROR", status = 500, public = "Something went wrong.")]
    Internal(#[from] std::io::Error),

    /// Downstream (DB / Redis / NATS)
    /// unreachable.
    #[code("SW_SERVICE_UNAVAILABLE", status = 503, expose)]
    Unavailable,

    /// Pydantic schema validation failed (details in `error.details`).
    #[code("SW_VALIDATION_ERROR", status = 422)]
    #[message("{count} invalid fields")]
    Validation {
        count: usize,
        #[violations]
        violations: Vec<Violation>,
    },
}

#[derive(Debug, ApiError)]
enum Formats {
    /// Positional.
    #[code("POSITIONAL", status = 400)]
    #[message("{1} then {0}")]
    Positional(u32, &'static str),

    /// Specs.
    #[code("SPECS", status = 400)]
    #[message("[{n:>5}] [{n:<4}] [{x:#x}] [{f:.2}] [{n:0>width$}]")]
    Specs {
        n: u32,
        x: u32,
        f: f64,
        width: usize,
    },

    /// Debug.
    #[code("DEBUG", status = 400)]
    #[message("got {value:?} and {{literal}} braces")]
    Debug { value: Option<&'static str> },

    /// Raw identifiers.
    #[code("RAW", status = 400)]
    #[message("type {r#type} / {type}")]
    Raw { r#type: &'static str },

    /// Falls back to the doc comment, taken literally: {not a placeholder}.
    #[code("DOC", status = 400)]
    Doc,
}

#[test]
fn display() {
    assert_eq!(
        RoomError::Frozen {
            room_id: "r1".into()
        }
        .to_string(),
        "room r1 is closed"
    );
    assert_eq!(
        RoomError::NoteMissing { path: "a/b".into() }.to_string(),
        "note 'a/b' not found"
    );
    assert_eq!(
        RoomError::RateLimited { seconds: 3 }.to_string(),
        "Tenant rate cap hit."
    );
    assert_eq!(
        RoomError::Unavailable.to_string(),
        "Downstream (DB / Redis / NATS) unreachable.",
        "doc lines are trimmed and joined with a space"
    );
    assert_eq!(Formats::Positional(7, "b").to_string(), "b then 7");
    assert_eq!(
        Formats::Specs {
            n: 42,
            x: 255,
            f: 1.0 / 3.0,
            width: 6
        }
        .to_string(),
        "[   42] [42  ] [0xff] [0.33] [000042]"
    );
    assert_eq!(
        Formats::Debug { value: Some("x") }.to_string(),
        "got Some(\"x\") and {literal} braces"
    );
    assert_eq!(Formats::Raw { r#type: "t" }.to_string(), "type t / t");
    assert_eq!(
        Formats::Doc.to_string(),
        "Falls back to the doc comment, taken literally: {not a placeholder}."
    );
}

#[test]
fn source_and_from() {
    let io = std::io::Error::other("disk on fire");
    let err: RoomError = io.into();
    assert!(matches!(err, RoomError::Internal(_)));
    let source = err.source().expect("a source");
    assert_eq!(source.to_string(), "disk on fire");
    assert!(source.downcast_ref::<std::io::Error>().is_some());
    assert!(RoomError::Unavailable.source().is_none());

    fn through_question_mark() -> Result<(), RoomError> {
        Err(std::io::Error::other("x"))?;
        Ok(())
    }
    assert_eq!(
        through_question_mark().unwrap_err().code(),
        "SW_INTERNAL_ERROR"
    );
}

#[derive(Debug, ApiError)]
enum Sources {
    /// A field named `source` is the source.
    #[code("NAMED", status = 500)]
    Named { source: fmt::Error },
    /// A boxed trait object.
    #[code("BOXED", status = 502)]
    Boxed(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// `#[source]` wins over a field named `source`.
    #[code("EXPLICIT", status = 500)]
    #[message("explicit: {source}")]
    Explicit {
        source: &'static str,
        #[source]
        cause: fmt::Error,
    },
}

#[test]
fn sources() {
    assert!(
        Sources::Named { source: fmt::Error }
            .source()
            .unwrap()
            .is::<fmt::Error>()
    );
    let boxed = Sources::Boxed("upstream said no".into());
    assert_eq!(boxed.source().unwrap().to_string(), "upstream said no");
    let explicit = Sources::Explicit {
        source: "s",
        cause: fmt::Error,
    };
    assert_eq!(explicit.to_string(), "explicit: s");
    assert!(explicit.source().unwrap().is::<fmt::Error>());
}

#[test]
fn code_status_family_meaning() {
    let err = RoomError::Frozen {
        room_id: "r1".into(),
    };
    assert_eq!(err.code(), "SW_ROOM_FROZEN");
    assert_eq!(err.status(), StatusCode::CONFLICT);
    assert_eq!(err.family(), Some("rooms"));
    assert_eq!(err.meaning(), "Closed or archived.");

    let err = RoomError::RateLimited { seconds: 30 };
    assert_eq!(err.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        err.family(),
        Some("events"),
        "the variant's family overrides the enum's"
    );

    let entry = RoomError::Internal(std::io::Error::other("x")).entry();
    assert_eq!(entry.public, Some("Something went wrong."));
    assert!(!entry.expose);
    assert_eq!(entry.variant, "Internal");
    assert!(RoomError::Unavailable.entry().expose);
    assert_eq!(RoomError::Unavailable.entry().public, None);

    assert_eq!(Formats::Doc.family(), None);
}

#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case")]
enum Retry {
    /// Seconds.
    #[code("seconds", status = 429)]
    Seconds(#[retry_after] u32),
    /// A duration.
    #[code("duration", status = 429)]
    Duration {
        #[retry_after]
        after: Duration,
    },
    /// Maybe.
    #[code("maybe", status = 503)]
    Maybe {
        #[retry_after]
        after: Option<std::time::Duration>,
    },
    /// Maybe seconds.
    #[code("maybe_seconds", status = 503)]
    MaybeSeconds {
        #[retry_after]
        after: Option<i64>,
    },
    /// None.
    #[code("none", status = 400)]
    Never,
}

#[test]
fn retry_after() {
    assert_eq!(
        Retry::Seconds(45).retry_after(),
        Some(Duration::from_secs(45))
    );
    let d = Duration::from_millis(1500);
    assert_eq!(Retry::Duration { after: d }.retry_after(), Some(d));
    assert_eq!(Retry::Maybe { after: Some(d) }.retry_after(), Some(d));
    assert_eq!(Retry::Maybe { after: None }.retry_after(), None);
    assert_eq!(
        Retry::MaybeSeconds { after: Some(2) }.retry_after(),
        Some(Duration::from_secs(2))
    );
    assert_eq!(Retry::Never.retry_after(), None);
    assert_eq!(
        RoomError::RateLimited { seconds: 30 }.retry_after(),
        Some(Duration::from_secs(30))
    );
    assert_eq!(RoomError::Unavailable.retry_after(), None);
}

#[derive(serde::Serialize, Debug)]
struct Quota {
    used: u32,
    limit: u32,
}

#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case")]
enum KeyError {
    /// Secret not found.
    #[code("secret_not_found", status = 404)]
    #[message("Secret '{0}' not found")]
    NotFound(#[detail(name = "path")] String),
    /// Hard tenant quota.
    #[code("quota_exceeded", status = 429)]
    #[message("quota hit ({internal})")]
    Quota {
        #[detail]
        tenant: String,
        #[detail(name = "quota")]
        figures: Quota,
        internal: u8,
    },
    /// No details.
    #[code("forbidden", status = 403)]
    Forbidden,
}

fn details(err: &dyn ApiError) -> Vec<(&'static str, serde_json::Value)> {
    let mut out = Vec::new();
    err.visit_details(&mut |name: &'static str, value: Detail<'_>| {
        out.push((name, serde_json::to_value(value).unwrap()));
    });
    out
}

#[test]
fn details_are_visited() {
    let err = KeyError::NotFound("environments/production/missing".into());
    assert!(err.has_details());
    assert_eq!(
        details(&err),
        vec![("path", serde_json::json!("environments/production/missing"))]
    );

    let err = KeyError::Quota {
        tenant: "t1".into(),
        figures: Quota {
            used: 10,
            limit: 10,
        },
        internal: 0,
    };
    assert!(err.has_details());
    assert_eq!(
        details(&err),
        vec![
            ("tenant", serde_json::json!("t1")),
            ("quota", serde_json::json!({"used": 10, "limit": 10})),
        ]
    );
    let _ = KeyError::Quota {
        tenant: String::new(),
        figures: Quota { used: 0, limit: 0 },
        internal: 1,
    };

    assert!(!KeyError::Forbidden.has_details());
    assert!(details(&KeyError::Forbidden).is_empty());
    assert!(!RoomError::Unavailable.has_details());
    assert_eq!(
        details(&RoomError::NoteMissing { path: "n".into() }),
        vec![("path", serde_json::json!("n"))]
    );
}

#[test]
fn violations() {
    let v = Violation::new(["body", "name"], "Field required").kind("missing");
    let err = RoomError::Validation {
        count: 1,
        violations: vec![v.clone()],
    };
    assert_eq!(err.violations(), &[v][..]);
    assert_eq!(err.to_string(), "1 invalid fields");
    assert!(RoomError::Unavailable.violations().is_empty());
}

#[derive(Debug, ApiError)]
#[api_error(convention = "dotted")]
enum SonnyError {
    /// A downstream dependency the dashboard or backend relies on is unreachable.
    #[code("upstream.unavailable", status = [502, 503])]
    Upstream {
        #[status]
        status: u16,
    },
    /// Same, chosen by an `http::StatusCode`.
    #[code("upstream.typed", status = [503, 502, 504])]
    Typed(#[status] StatusCode),
    /// The backend received a request before its readiness probe transitioned to ready.
    #[code("service.not-ready", status = 503)]
    NotReady,
    /// Generic 403.
    #[code("http.403", status = 403)]
    Http403,
}

#[test]
fn status_field_chooses_among_declared() {
    assert_eq!(
        SonnyError::Upstream { status: 502 }.status(),
        StatusCode::BAD_GATEWAY
    );
    assert_eq!(
        SonnyError::Upstream { status: 503 }.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        SonnyError::Upstream { status: 500 }.status(),
        StatusCode::BAD_GATEWAY,
        "an undeclared value falls back to the first declared status"
    );
    assert_eq!(
        SonnyError::Typed(StatusCode::GATEWAY_TIMEOUT)
            .status()
            .as_u16(),
        504
    );
    assert_eq!(
        SonnyError::Typed(StatusCode::IM_A_TEAPOT).status().as_u16(),
        503
    );
    assert_eq!(SonnyError::NotReady.status().as_u16(), 503);
    assert_eq!(SonnyError::Http403.code(), "http.403");

    let entry = SonnyError::Upstream { status: 503 }.entry();
    assert_eq!(
        entry.statuses,
        &[StatusCode::BAD_GATEWAY, StatusCode::SERVICE_UNAVAILABLE]
    );
    assert_eq!(entry.status(), StatusCode::BAD_GATEWAY);
}

#[test]
fn enum_catalog() {
    let catalog: &Catalog = RoomError::catalog();
    assert_eq!(catalog.name, "RoomError");
    assert_eq!(catalog.convention, Convention::ScreamingSnake);
    assert_eq!(catalog.prefix, "SW_");
    let codes: Vec<_> = catalog.entries.iter().map(|e| e.code).collect();
    assert_eq!(
        codes,
        [
            "SW_ROOM_FROZEN",
            "SW_RATE_LIMIT_EXCEEDED",
            "SW_NOTE_NOT_FOUND",
            "SW_INTERNAL_ERROR",
            "SW_SERVICE_UNAVAILABLE",
            "SW_VALIDATION_ERROR",
        ]
    );
    let frozen = catalog.get("SW_ROOM_FROZEN").unwrap();
    assert_eq!(frozen.statuses, &[StatusCode::CONFLICT]);
    assert_eq!(frozen.family, Some("rooms"));
    assert_eq!(frozen.meaning, "Closed or archived.");
    assert_eq!(frozen.variant, "Frozen");
    assert_eq!(RoomError::CATALOG, *catalog);
    assert!(std::ptr::eq(
        RoomError::Frozen {
            room_id: String::new()
        }
        .entry(),
        &catalog.entries[0]
    ));

    assert_eq!(SonnyError::CATALOG.convention, Convention::Dotted);
    assert_eq!(KeyError::CATALOG.convention, Convention::SnakeCase);
    assert_eq!(Formats::CATALOG.convention, Convention::Any);
    assert_eq!(Formats::CATALOG.prefix, "");
}

/// Tenant id doesn't exist.
#[derive(Debug, ApiError)]
#[api_error(family = "tenants")]
#[code("SW_TENANT_NOT_FOUND", status = 404)]
#[message("tenant {tenant} not found")]
struct TenantNotFound {
    #[detail]
    tenant: String,
    #[retry_after]
    retry: Option<u64>,
}

/// Bug.
#[derive(Debug, ApiError)]
#[code("INTERNAL_ERROR", status = 500)]
struct Internal(#[from] std::io::Error);

/// Unit struct.
#[derive(Debug, ApiError)]
#[code("SESSION_EXPIRED", status = 401)]
struct SessionExpired;

#[test]
fn struct_catalog() {
    let err = TenantNotFound {
        tenant: "t1".into(),
        retry: Some(5),
    };
    assert_eq!(err.to_string(), "tenant t1 not found");
    assert_eq!(err.code(), "SW_TENANT_NOT_FOUND");
    assert_eq!(err.status(), StatusCode::NOT_FOUND);
    assert_eq!(err.family(), Some("tenants"));
    assert_eq!(err.meaning(), "Tenant id doesn't exist.");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(5)));
    assert!(err.has_details());
    assert_eq!(details(&err), vec![("tenant", serde_json::json!("t1"))]);
    assert_eq!(TenantNotFound::CATALOG.name, "TenantNotFound");
    assert_eq!(TenantNotFound::CATALOG.entries[0].variant, "TenantNotFound");

    let internal: Internal = std::io::Error::other("boom").into();
    assert_eq!(internal.to_string(), "Bug.");
    assert_eq!(internal.source().unwrap().to_string(), "boom");

    assert_eq!(SessionExpired.to_string(), "Unit struct.");
    assert_eq!(SessionExpired::catalog().len(), 1);
}

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE")]
enum Generic<T, E, D>
where
    D: fmt::Debug,
{
    /// Shown.
    #[code("SHOWN", status = 400)]
    #[message("bad value {0}")]
    Shown(T),
    /// Debugged.
    #[code("DEBUGGED", status = 400)]
    #[message("bad value {0:?}")]
    Debugged(D),
    /// Wrapped.
    #[code("WRAPPED", status = 502)]
    Wrapped(#[source] E),
    /// Detailed.
    #[code("DETAILED", status = 422)]
    Detailed {
        #[detail]
        value: T,
    },
}

#[test]
fn generic_enum() {
    type G = Generic<u32, fmt::Error, Vec<u8>>;
    assert_eq!(G::Shown(3).to_string(), "bad value 3");
    assert_eq!(G::Debugged(vec![1]).to_string(), "bad value [1]");
    assert!(G::Wrapped(fmt::Error).source().unwrap().is::<fmt::Error>());
    assert_eq!(
        details(&G::Detailed { value: 9 }),
        vec![("value", serde_json::json!(9))]
    );
    assert_eq!(G::CATALOG.len(), 4);
    assert_eq!(G::catalog().entries[2].code, "WRAPPED");
    assert_eq!(<Generic<String, std::io::Error, ()>>::CATALOG, G::CATALOG);
}

/// The catalogue is a constant: usable in `const` items and array lengths.
const ROOM_CODES: usize = RoomError::CATALOG.entries.len();
const FIRST_STATUS: StatusCode = RoomError::CATALOG.entries[0].statuses[0];
const SONNY: Catalog = SonnyError::CATALOG;

#[test]
fn catalog_in_const_context() {
    const _: () = assert!(RoomError::CATALOG.len() == 6);
    let codes = [""; ROOM_CODES];
    assert_eq!(codes.len(), 6);
    assert_eq!(FIRST_STATUS, StatusCode::CONFLICT);
    assert_eq!(SONNY.entries[2].code, "service.not-ready");
}

#[derive(Debug, ApiError)]
enum Empty {}

#[test]
fn empty_enum() {
    assert!(Empty::CATALOG.is_empty());
}

#[test]
fn object_safe() {
    let errors: Vec<Box<dyn ApiError>> = vec![
        Box::new(RoomError::Unavailable),
        Box::new(SessionExpired),
        Box::new(SonnyError::Upstream { status: 503 }),
    ];
    let codes: Vec<_> = errors
        .iter()
        .map(|e| (e.code(), e.status().as_u16()))
        .collect();
    assert_eq!(
        codes,
        [
            ("SW_SERVICE_UNAVAILABLE", 503),
            ("SESSION_EXPIRED", 401),
            ("upstream.unavailable", 503)
        ]
    );
}

//! ScaiDrive (files, sharing): all 26 status/condition rows of its reference page.
//!
//! ScaiDrive emits no machine-readable code: errors answer FastAPI-style
//! `{"detail":"<message>"}` (a 422 answers Pydantic's list of field errors) and clients
//! branch on the HTTP status. Every row is still its own variant with an internal
//! `snake_case` code, so the backend can log and count it; the reference page
//! ([`Style::Conditions`]) shows statuses and conditions only, and the catalogue meaning of
//! each variant is its condition text.

use std::io;
use std::time::Duration;

use api_envelope::integrations::{Failures, Fallback};
use api_envelope::{ApiError, Catalogued, Convention, Product, Section, Style, Violation};

/// Authentication and authorisation failures.
///
/// ScaiDrive puts no code on the wire: the codes here are internal names for the
/// catalogue and logs; clients branch on the HTTP status.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "auth_", family = "auth")]
pub enum AuthError {
    /// Token missing, invalid signature, wrong issuer, expired
    #[code("auth_token_rejected", status = 401)]
    #[message("Could not validate credentials: {reason}")]
    TokenRejected {
        /// Why, for the caller.
        reason: String,
    },
    /// User suspended; insufficient scope; user lacks the required permission on the resource
    #[code("auth_forbidden", status = 403)]
    #[message("Missing permission '{permission}' on this resource")]
    Forbidden {
        /// The permission required.
        permission: String,
    },
    /// Action only allowed for the resource owner (ownership transfer, share delete)
    #[code("auth_owner_only", status = 403)]
    #[message("Only the owner can {action}")]
    OwnerOnly {
        /// The owner-only action attempted.
        action: String,
    },
}

/// Malformed path or query input, and request bodies that fail schema validation.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "input_", family = "input")]
pub enum InputError {
    /// Path or query input is malformed
    #[code("input_malformed", status = 400)]
    #[message("Invalid {parameter}: '{value}'")]
    Malformed {
        /// The parameter's name.
        parameter: String,
        /// The value as sent.
        value: String,
    },
    /// Request body fails Pydantic schema validation — `detail` is an array, one entry per failing field. See [Validation errors](/docs/scaidrive/core-concepts/errors#validation-errors-422)
    #[code("input_validation", status = 422)]
    #[message("Request validation failed")]
    Validation {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
}

/// Missing and soft-deleted resources.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "resource_", family = "resources")]
pub enum ResourceError {
    /// Resource doesn't exist, or isn't visible to the caller (we don't distinguish — hides existence from unauthorized callers)
    #[code("resource_not_found", status = 404)]
    #[message("{kind} not found")]
    NotFound {
        /// The kind of resource, e.g. `File`.
        kind: String,
    },
    /// Resource is soft-deleted (restore before reuse), or an invitation/link/upload session has expired
    #[code("resource_gone", status = 410)]
    #[message("{kind} has been deleted or has expired")]
    Gone {
        /// The kind of resource, e.g. `File`.
        kind: String,
    },
}

/// Conflicts with the current state of a resource.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "conflict_", family = "conflicts")]
pub enum ConflictError {
    /// Name collision (file or folder sibling)
    #[code("conflict_name_collision", status = 409)]
    #[message("An item named '{name}' already exists in this folder")]
    NameCollision {
        /// The name already taken.
        name: String,
    },
    /// Sync `base_version_id` doesn't match current server version
    #[code("conflict_version_mismatch", status = 409)]
    #[message("Base version {base_version_id} is not the current version {current_version_id}")]
    VersionMismatch {
        /// The version the client based its change on.
        base_version_id: String,
        /// The server's current version.
        current_version_id: String,
    },
    /// Invitation already accepted or declined
    #[code("conflict_invitation_resolved", status = 409)]
    #[message("Invitation already {status}")]
    InvitationResolved {
        /// The status it is in.
        status: String,
    },
    /// Share member or principal already exists
    #[code("conflict_member_exists", status = 409)]
    #[message("{principal} is already a member of this share")]
    MemberExists {
        /// The member or principal being added.
        principal: String,
    },
    /// Connector sync already running
    #[code("conflict_sync_running", status = 409)]
    #[message("A sync of connector {connector_id} is already running")]
    SyncRunning {
        /// The connector's id.
        connector_id: String,
    },
}

/// Upload size caps and storage quotas.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "storage_", family = "storage")]
pub enum StorageError {
    /// Upload exceeds tenant's per-file size cap
    #[code("storage_file_too_large", status = 413)]
    #[message("File is {size} bytes; the limit is {max_size}")]
    FileTooLarge {
        /// The size sent, in bytes.
        size: u64,
        /// The tenant's per-file cap, in bytes.
        max_size: u64,
    },
    /// Quota would be exceeded (share, user, group, tenant, or partner level). The `detail` message names the level
    #[code("storage_quota_exceeded", status = 507, expose)]
    #[message("Storage quota exceeded at the {level} level")]
    QuotaExceeded {
        /// The quota level: share, user, group, tenant or partner.
        level: String,
    },
}

/// Failures seen by the recipient of an external share link.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "link_", family = "links")]
pub enum LinkError {
    /// Link requires a password and none was supplied, or the password is wrong
    #[code("link_password", status = 401)]
    #[message("This link requires a password")]
    Password {
        /// Whether a (wrong) password was supplied.
        supplied: bool,
    },
    /// Caller IP not in allow-list; email not in allow-list for require_email links
    #[code("link_not_allowed", status = 403)]
    #[message("Access to this link is restricted: {reason}")]
    NotAllowed {
        /// Why, for the caller.
        reason: String,
    },
    /// Link expired, revoked, or disabled
    #[code("link_expired", status = 410)]
    #[message("This link is {state}")]
    Expired {
        /// The current state.
        state: String,
    },
    /// Download or view cap reached
    #[code("link_cap_reached", status = 429)]
    #[message("This link reached its {cap} cap of {limit}")]
    CapReached {
        /// Which cap was reached: `download` or `view`.
        cap: String,
        /// The limit that was hit.
        limit: u32,
    },
}

/// Failures of SMB and SharePoint connectors.
#[derive(Debug, ApiError)]
#[api_error(
    convention = "snake_case",
    prefix = "connector_",
    family = "connectors"
)]
pub enum ConnectorError {
    /// SMB or SharePoint credentials rejected by the external source
    #[code("connector_credentials_rejected", status = 401)]
    #[message("{source_kind} rejected the connector's credentials")]
    CredentialsRejected {
        /// The external source: `SMB` or `SharePoint`.
        source_kind: String,
    },
    /// Connector already syncing
    #[code("connector_already_syncing", status = 409)]
    #[message("Connector {connector_id} is already syncing")]
    AlreadySyncing {
        /// The connector's id.
        connector_id: String,
    },
    /// SMB/SharePoint source unreachable
    #[code("connector_source_unreachable", status = 502)]
    #[message("{source_kind} source unreachable")]
    SourceUnreachable {
        /// The external source: `SMB` or `SharePoint`.
        source_kind: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
}

/// Rate limiting.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "rate_", family = "rate_limit")]
pub enum RateLimitError {
    /// Per-key, per-user, or per-tenant rate limit hit. Honor `Retry-After` header
    #[code("rate_limited", status = 429)]
    #[message("Rate limit exceeded for this {scope}")]
    Limited {
        /// The scope required.
        scope: String,
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
}

/// Server and upstream failures. The wire shows the catalogue meaning, never the cause.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", prefix = "server_", family = "server")]
pub enum ServerError {
    /// Unexpected server failure
    #[code("server_internal", status = 500)]
    #[message("Internal error: {0}")]
    Internal(#[source] io::Error),
    /// ScaiKey, Weaviate, S3, or connector source unreachable
    #[code("server_upstream_unreachable", status = 502)]
    #[message("{upstream} unreachable")]
    UpstreamUnreachable {
        /// The upstream: `ScaiKey`, `Weaviate`, `S3` or a connector source.
        upstream: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
    /// Service draining or readiness probe failing
    #[code("server_unavailable", status = 503)]
    #[message("Service unavailable")]
    Unavailable {
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
    /// Upstream timed out
    #[code("server_upstream_timeout", status = 504)]
    #[message("{upstream} timed out after {timeout:?}")]
    UpstreamTimeout {
        /// The upstream: `ScaiKey`, `Weaviate`, `S3` or a connector source.
        upstream: String,
        /// How long we waited.
        timeout: Duration,
    },
}

/// The whole ScaiDrive catalogue, sectioned like its reference page, drawn as
/// `Status | Condition` tables.
pub const PRODUCT: Product = Product::new(
    "ScaiDrive",
    &[
        Section::new("Authentication and authorization", &["auth"]),
        Section::new("Input validation", &["input"]),
        Section::new("Resources", &["resources"]),
        Section::new("Conflicts", &["conflicts"]),
        Section::new("Storage limits", &["storage"]),
        Section::new("Sharing — external links (recipient-facing)", &["links"]),
        Section::new("Connectors", &["connectors"]),
        Section::new("Rate limiting", &["rate_limit"]),
        Section::new("Server / upstream", &["server"]),
    ],
    &[
        AuthError::CATALOG,
        InputError::CATALOG,
        ResourceError::CATALOG,
        ConflictError::CATALOG,
        StorageError::CATALOG,
        LinkError::CATALOG,
        ConnectorError::CATALOG,
        RateLimitError::CATALOG,
        ServerError::CATALOG,
    ],
)
.with_style(Style::Conditions);

/// A few realistic ScaiDrive errors: a plain 4xx, a conflict, a Pydantic validation error,
/// a 429 with a retry hint, a 507 and 5xx errors with a source.
#[must_use]
pub fn samples() -> Vec<Box<dyn ApiError + Send + Sync>> {
    vec![
        Box::new(ResourceError::NotFound {
            kind: "File".into(),
        }),
        Box::new(ConflictError::NameCollision {
            name: "Q3 report.xlsx".into(),
        }),
        Box::new(InputError::Validation {
            violations: vec![
                Violation::new(["body", "name"], "Field required").kind("missing"),
                Violation::new(
                    ["body", "members"],
                    "Input should be 'viewer', 'editor' or 'owner'",
                )
                .at(1)
                .at("role")
                .kind("enum")
                .input("admin")
                .ctx("expected", "'viewer', 'editor' or 'owner'"),
            ],
        }),
        Box::new(RateLimitError::Limited {
            scope: "user".into(),
            retry_after_secs: 17,
        }),
        Box::new(StorageError::QuotaExceeded {
            level: "tenant".into(),
        }),
        Box::new(ServerError::UpstreamUnreachable {
            upstream: "Weaviate".into(),
            cause: io::Error::new(io::ErrorKind::TimedOut, "weaviate:8080 connect timeout"),
        }),
        Box::new(ServerError::Internal(io::Error::other(
            "NoneType has no attribute 'owner_id'",
        ))),
    ]
}

/// `server_internal` as the serving layer answers a panic: FastAPI's (Starlette's) own
/// text, `Internal Server Error`, in place of the catalogue meaning.
static PANIC: std::sync::LazyLock<api_envelope::CatalogEntry> = std::sync::LazyLock::new(|| {
    <ServerError as Catalogued>::CATALOG
        .get("server_internal")
        .expect("server_internal is in the catalogue")
        .with_public("Internal Server Error")
});

/// What ScaiDrive answers for the serving layer's own failures, for
/// [`Envelopes::failures`](api_envelope::integrations::Envelopes::failures): FastAPI's
/// bodies, since ScaiDrive sends no code (the internal codes below are for logs).
///
/// | failure | status | body |
/// |---|---|---|
/// | no route | 404 | `{"detail":"Not Found"}` (`resource_not_found`) |
/// | wrong method | 405 | `{"detail":"Method Not Allowed"}` |
/// | unparseable or invalid body, invalid or missing parameter | 422 | `{"detail":[{"type","loc","msg","input"}]}` (`input_validation`) |
/// | body over the limit | 413 | `storage_file_too_large` |
/// | rate limited | 429 | `rate_limited`, with `Retry-After` |
/// | panic, internal | 500 | `{"detail":"Internal Server Error"}` (`server_internal`) |
/// | a bare 503 | 503 | `server_unavailable` |
///
/// ```
/// use api_envelope::format::ScaiDrive;
/// use api_envelope::integrations::{Envelopes, Failure, Rejection, RequestInfo};
///
/// let envelopes = Envelopes::new(ScaiDrive).failures(api_envelope_examples::scaidrive::failures());
/// let info = RequestInfo::new("req_1", "/v1/nope");
/// let body = |failure| envelopes.render_failure(&Rejection::new(failure), &info).into_body();
/// assert_eq!(body(Failure::NoRoute), br#"{"detail":"Not Found"}"#);
/// assert_eq!(body(Failure::MethodNotAllowed), br#"{"detail":"Method Not Allowed"}"#);
/// assert_eq!(body(Failure::Panic), br#"{"detail":"Internal Server Error"}"#);
/// ```
#[must_use]
pub fn failures() -> Failures {
    use api_envelope::integrations::Failure;

    let validation = <InputError as Catalogued>::CATALOG
        .get("input_validation")
        .expect("input_validation is in the catalogue");
    let not_found = <ResourceError as Catalogued>::CATALOG
        .get("resource_not_found")
        .expect("resource_not_found is in the catalogue");
    let too_large = <StorageError as Catalogued>::CATALOG
        .get("storage_file_too_large")
        .expect("storage_file_too_large is in the catalogue");
    let rate_limited = <RateLimitError as Catalogued>::CATALOG
        .get("rate_limited")
        .expect("rate_limited is in the catalogue");
    let unavailable = <ServerError as Catalogued>::CATALOG
        .get("server_unavailable")
        .expect("server_unavailable is in the catalogue");
    Failures::new()
        .code(Failure::NoRoute, not_found)
        .code(Failure::BodyUnparseable, validation)
        .code(Failure::BodyInvalid, validation)
        .code(Failure::ParameterInvalid, validation)
        .code(Failure::ParameterMissing, validation)
        .code(Failure::PayloadTooLarge, too_large)
        .code(Failure::RateLimited, rate_limited)
        .code(Failure::Internal, &PANIC)
        .code(Failure::Panic, &PANIC)
        .status(unavailable)
        .fallback(Fallback::reason_phrase("", Convention::SnakeCase))
}

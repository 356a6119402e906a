//! Sonny Labs API: all 33 codes of its reference page.
//!
//! Every error answers an RFC 9457 `application/problem+json` document whose `code`
//! extension is a stable dot-namespaced code (`auth.token.invalid`, `service.not-ready`,
//! `http.403`). The backend has one enum per namespace; the reference page is one flat
//! table, so [`PRODUCT`] has one section gathering every namespace, in the page's
//! (alphabetical) order. `upstream.unavailable` is documented with both 502 and 503: its
//! variant carries the status it answers with.

use std::io;
use std::time::Duration;

use api_envelope::integrations::{Failures, Fallback};
use api_envelope::{ApiError, Catalogued, Product, Section, Violation};

/// Credential and scope failures (`auth.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "auth.", family = "auth")]
pub enum AuthError {
    /// The API key authenticated correctly but its expires_at is in the past.
    #[code("auth.api_key.expired", status = 401)]
    #[message("API key {key_id} expired at {expires_at}")]
    ApiKeyExpired {
        /// The key's id.
        key_id: String,
        /// The expiry time (RFC 3339).
        #[detail]
        expires_at: String,
    },
    /// The principal is authenticated but is not allowed to perform this operation.
    #[code("auth.forbidden", status = 403)]
    #[message("You are not allowed to {operation}")]
    Forbidden {
        /// The operation attempted.
        operation: String,
    },
    /// The credential is valid but does not carry the scope this operation requires.
    #[code("auth.forbidden_scope", status = 403)]
    #[message("This operation requires the '{required_scope}' scope")]
    ForbiddenScope {
        /// The scope the operation requires.
        #[detail]
        required_scope: String,
    },
    /// The request authenticated but no org_id was bound to the session — typically a misconfigured caller.
    #[code("auth.no_org_context", status = 400)]
    #[message("No org_id is bound to this session")]
    NoOrgContext,
    /// Backend variant of auth.forbidden_scope emitted by the scope-enforcement filter.
    #[code("auth.scope.insufficient", status = 403)]
    #[message("Scope '{required_scope}' required")]
    ScopeInsufficient {
        /// The scope the operation requires.
        #[detail]
        required_scope: String,
    },
    /// Alias of auth.scope.insufficient retained for SDK dispatch compatibility.
    #[code("auth.scope.missing", status = 403)]
    #[message("Scope '{required_scope}' missing")]
    ScopeMissing {
        /// The scope the operation requires.
        #[detail]
        required_scope: String,
    },
    /// A credential was supplied but failed signature, format, or expiry validation.
    #[code("auth.token.invalid", status = 401)]
    #[message("Invalid credential: {reason}")]
    TokenInvalid {
        /// Why, for the caller.
        reason: String,
    },
    /// The request reached an authenticated endpoint without a credential the server could verify.
    #[code("auth.unauthenticated", status = 401)]
    #[message("Authentication required")]
    Unauthenticated,
}

/// Fallbacks synthesised from a bare HTTP status (`http.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "http.", family = "http")]
pub enum HttpError {
    /// Generic 403 emitted when a controller throws ResponseStatusException(FORBIDDEN) without a more specific code.
    #[code("http.403", status = 403)]
    #[message("Forbidden: {reason}")]
    Forbidden {
        /// Why, for the caller.
        reason: String,
    },
}

/// `Idempotency-Key` collisions (`idempotency.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "idempotency.", family = "idempotency")]
pub enum IdempotencyError {
    /// The same Idempotency-Key was reused with a different request body.
    #[code("idempotency.key_reuse_mismatch", status = 409)]
    #[message("Idempotency-Key '{idempotency_key}' was used with a different body")]
    KeyReuseMismatch {
        /// The reused `Idempotency-Key`.
        #[detail]
        idempotency_key: String,
    },
}

/// Organisation invite failures (`invites.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "invites.", family = "invites")]
pub enum InviteError {
    /// The accepting user is already a member of the target organisation.
    #[code("invites.already_member", status = 409)]
    #[message("You are already a member of org {org_id}")]
    AlreadyMember {
        /// The organisation's id.
        #[detail]
        org_id: String,
    },
    /// The accepting user's email does not match the email the invite was issued for.
    #[code("invites.email_mismatch", status = 403)]
    #[message("This invite was issued for {invited_email}")]
    EmailMismatch {
        /// The email the invite was issued for.
        #[detail]
        invited_email: String,
    },
    /// The invite token is past its expires_at and is no longer valid.
    #[code("invites.expired", status = 410)]
    #[message("This invite expired at {expires_at}")]
    Expired {
        /// The expiry time (RFC 3339).
        #[detail]
        expires_at: String,
    },
    /// The invite token is unknown to the server, or has been revoked.
    #[code("invites.not_found", status = 404)]
    #[message("Unknown or revoked invite")]
    NotFound,
    /// The accepting principal's WorkOS profile did not return an email — required for the invite-email match check.
    #[code("invites.principal_email_unavailable", status = 403)]
    #[message("Your identity provider returned no email")]
    PrincipalEmailUnavailable,
}

/// Self-service onboarding failures (`onboarding.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "onboarding.", family = "onboarding")]
pub enum OnboardingError {
    /// The signed-in user attempted to create a new org while already belonging to one.
    #[code("onboarding.already_in_org", status = 409)]
    #[message("You already belong to org {org_id}")]
    AlreadyInOrg {
        /// The organisation's id.
        #[detail]
        org_id: String,
    },
    /// Org-creation is disabled in self-hosted deployments — the operator provisions orgs out of band.
    #[code("onboarding.unsupported_in_self_hosted", status = 501, expose)]
    #[message("Org creation is disabled in self-hosted deployments")]
    UnsupportedInSelfHosted,
}

/// Organisation provisioning failures (`org.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "org.", family = "org")]
pub enum OrgError {
    /// The principal is authenticated but no auth.organizations row has been provisioned for their org yet.
    #[code("org.not_provisioned", status = 409)]
    #[message("Org {org_id} is not provisioned yet")]
    NotProvisioned {
        /// The organisation's id.
        #[detail]
        org_id: String,
    },
}

/// Unknown routes and entities (`resource.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "resource.", family = "resource")]
pub enum ResourceError {
    /// The path matched no route or the requested entity does not exist (or is not visible to this principal).
    #[code("resource.not_found", status = 404)]
    #[message("{resource} not found")]
    NotFound {
        /// What was looked up.
        #[detail]
        resource: String,
    },
}

/// Scan endpoint failures (`scans.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "scans.", family = "scans")]
pub enum ScanError {
    /// A query parameter on the scans endpoints failed validation.
    #[code("scans.invalid_param", status = 400)]
    #[message("Invalid scan query parameters")]
    InvalidParam {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
    /// The scan id did not resolve in the principal's org.
    #[code("scans.not_found", status = 404)]
    #[message("Scan {scan_id} not found")]
    NotFound {
        /// The scan's id.
        #[detail]
        scan_id: String,
    },
}

/// Readiness failures during boot (`service.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "service.", family = "service")]
pub enum ServiceError {
    /// The backend received a request before its readiness probe transitioned to ready.
    #[code("service.not-ready", status = 503, expose)]
    #[message("Service is starting up")]
    NotReady {
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
}

/// Billing and fair-use quota exhaustion (`tenant.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "tenant.", family = "tenant")]
pub enum TenantError {
    /// The organisation has exceeded a billing or fair-use quota for the requested operation.
    #[code("tenant.quota_exceeded", status = 429)]
    #[message("Quota '{quota}' of {limit} exceeded")]
    QuotaExceeded {
        /// The quota's name.
        #[detail]
        quota: String,
        /// The limit that was hit.
        #[detail]
        limit: u64,
        /// When the cap resets.
        #[retry_after]
        resets_in: Duration,
    },
}

/// Unreachable downstream dependencies (`upstream.*`): 502 when the dependency failed,
/// 503 when it is known to be down. The page: "safe to retry" (the request did nothing),
/// declared for the whole family with `retry = "safe"`.
#[derive(Debug, ApiError)]
#[api_error(
    convention = "dotted",
    prefix = "upstream.",
    family = "upstream",
    retry = "safe"
)]
pub enum UpstreamError {
    /// A downstream dependency the dashboard or backend relies on is unreachable.
    #[code("upstream.unavailable", status = [502, 503])]
    #[message("{dependency} unreachable")]
    Unavailable {
        /// The unreachable dependency, e.g. `redis`.
        dependency: String,
        /// The status to answer with: 502 or 503.
        #[status]
        status: u16,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
}

/// User listing failures (`users.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "users.", family = "users")]
pub enum UserError {
    /// The opaque pagination cursor on /v1/users could not be decoded.
    #[code("users.invalid_cursor", status = 400)]
    #[message("Cursor '{cursor}' could not be decoded")]
    InvalidCursor {
        /// The cursor as sent.
        #[detail]
        cursor: String,
    },
    /// A query parameter on the users endpoints failed validation.
    #[code("users.invalid_param", status = 400)]
    #[message("Invalid user query parameters")]
    InvalidParam {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
}

/// Request body and parameter validation failures (`validation.*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "dotted", prefix = "validation.", family = "validation")]
pub enum ValidationError {
    /// Request body parsed as JSON but failed bean-validation rules.
    #[code("validation.body_invalid", status = 400)]
    #[message("Request body is invalid")]
    BodyInvalid {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
    /// Request body could not be parsed as JSON at all.
    #[code("validation.body_unparseable", status = 400)]
    #[message("Request body is not JSON: {cause}")]
    BodyUnparseable {
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: serde_json::Error,
    },
    /// Generic 400 surfaced when a request fails ad-hoc validation that is not bucketed into a more specific code.
    #[code("validation.error", status = 400)]
    #[message("{reason}")]
    Error {
        /// Why, for the caller.
        reason: String,
    },
    /// Dashboard BFF variant emitted when a v1 proxy request body is not valid JSON.
    #[code("validation.invalid_json", status = 400)]
    #[message("Proxied request body is not valid JSON: {cause}")]
    InvalidJson {
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: serde_json::Error,
    },
    /// A query or path parameter failed bean-validation rules.
    #[code("validation.parameter_invalid", status = 400)]
    #[message("Invalid parameters")]
    ParameterInvalid {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
    /// A required query or path parameter was not supplied.
    #[code("validation.parameter_missing", status = 400)]
    #[message("Required parameter '{parameter}' is missing")]
    ParameterMissing {
        /// The parameter's name.
        #[detail]
        parameter: String,
    },
    /// A query or path parameter could not be converted to the expected type.
    #[code("validation.parameter_type_mismatch", status = 400)]
    #[message("Parameter '{parameter}' must be {expected}")]
    ParameterTypeMismatch {
        /// The parameter's name.
        #[detail]
        parameter: String,
        /// What was expected.
        #[detail]
        expected: String,
    },
}

/// The whole Sonny Labs catalogue: one section, like its reference page.
pub const PRODUCT: Product = Product::new(
    "Sonny Labs",
    &[Section::new(
        "Error codes",
        &[
            "auth",
            "http",
            "idempotency",
            "invites",
            "onboarding",
            "org",
            "resource",
            "scans",
            "service",
            "tenant",
            "upstream",
            "users",
            "validation",
        ],
    )],
    &[
        AuthError::CATALOG,
        HttpError::CATALOG,
        IdempotencyError::CATALOG,
        InviteError::CATALOG,
        OnboardingError::CATALOG,
        OrgError::CATALOG,
        ResourceError::CATALOG,
        ScanError::CATALOG,
        ServiceError::CATALOG,
        TenantError::CATALOG,
        UpstreamError::CATALOG,
        UserError::CATALOG,
        ValidationError::CATALOG,
    ],
);

/// A few realistic Sonny Labs errors: a plain 4xx, a 4xx with details, a validation error,
/// a 429 with a retry hint, and `upstream.unavailable` with each of its statuses.
#[must_use]
pub fn samples() -> Vec<Box<dyn ApiError + Send + Sync>> {
    vec![
        Box::new(AuthError::TokenInvalid {
            reason: "signature mismatch".into(),
        }),
        Box::new(ScanError::NotFound {
            scan_id: "scn_2b9c41".into(),
        }),
        Box::new(ValidationError::BodyInvalid {
            violations: vec![
                Violation::new(["target", "url"], "must be a valid URL").input("htp:/example"),
                Violation::new(["schedule", "cron"], "must not be blank").kind("NotBlank"),
            ],
        }),
        Box::new(TenantError::QuotaExceeded {
            quota: "scans.monthly".into(),
            limit: 500,
            resets_in: Duration::from_secs(6 * 3600),
        }),
        Box::new(UpstreamError::Unavailable {
            dependency: "WorkOS".into(),
            status: 502,
            cause: io::Error::other("api.workos.com answered 500"),
        }),
        Box::new(UpstreamError::Unavailable {
            dependency: "scanner-pool".into(),
            status: 503,
            cause: io::Error::new(io::ErrorKind::ConnectionRefused, "no healthy scanners"),
        }),
    ]
}

/// What Sonny Labs answers for the serving layer's own failures, for
/// [`Envelopes::failures`](api_envelope::integrations::Envelopes::failures).
///
/// | failure | code |
/// |---|---|
/// | no route | `resource.not_found` (404) |
/// | unparseable body | `validation.body_unparseable` (400) |
/// | invalid body (a field of the wrong type, a broken constraint) | `validation.body_invalid` (400, `errors`) |
/// | a parameter that does not convert | `validation.parameter_type_mismatch` (400) |
/// | a parameter that breaks a constraint | `validation.parameter_invalid` (400, `errors`; `/v1/users` answers its own `users.invalid_param`) |
/// | a missing parameter | `validation.parameter_missing` (400) |
/// | anything else | the page's `http.*` rule: `http.405`, `http.413`, `http.429`, `http.500`, `http.504` |
///
/// ```
/// use api_envelope::integrations::Failure;
///
/// let failures = api_envelope_examples::sonny::failures();
/// assert_eq!(failures.resolve(Failure::NoRoute).entry.code, "resource.not_found");
/// assert_eq!(failures.resolve(Failure::Panic).entry.code, "http.500");
/// ```
#[must_use]
pub fn failures() -> Failures {
    use api_envelope::integrations::Failure;

    let validation = |code| {
        <ValidationError as Catalogued>::CATALOG
            .get(code)
            .expect("the code is in Sonny's validation catalogue")
    };
    let not_found = <ResourceError as Catalogued>::CATALOG
        .get("resource.not_found")
        .expect("resource.not_found is in the catalogue");
    Failures::new()
        .code(Failure::NoRoute, not_found)
        .code(
            Failure::BodyUnparseable,
            validation("validation.body_unparseable"),
        )
        .code_with_message(
            Failure::BodyInvalid,
            validation("validation.body_invalid"),
            "Request body is invalid",
        )
        .code(
            Failure::ParameterInvalid,
            validation("validation.parameter_type_mismatch"),
        )
        .code(
            Failure::ParameterMissing,
            validation("validation.parameter_missing"),
        )
        .code_with_message(
            Failure::ParameterConstraint,
            validation("validation.parameter_invalid"),
            "Invalid parameters",
        )
        .fallback(Fallback::DottedStatus("http"))
}

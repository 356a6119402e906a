//! ScaiKey (secrets, PKI): all 73 codes of its reference page.
//!
//! Every error answers `{"error":{"code","message","details"?,"request_id"}}` with
//! `X-Request-ID` always, the `X-RateLimit-*` headers when known and `Retry-After` on 429;
//! a 422 lists its fields in `details.fields`. Codes are `snake_case`; the backend splits
//! them into one enum per section of the page. The "Not found" codes have no meaning on
//! the page, and none here.

use std::io;
use std::time::Duration;

use api_envelope::integrations::{Failures, Fallback};
use api_envelope::{ApiError, Catalogued, Convention, Product, Section, Violation};

/// Authentication and authorisation failures: credentials and policy evaluation.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", family = "auth")]
pub enum AuthError {
    /// Missing Authorization header
    #[code("authentication_required", status = 401)]
    AuthenticationRequired,
    /// Token exp passed
    #[code("token_expired", status = 401)]
    #[message("Token expired at {expired_at}")]
    TokenExpired {
        /// When the token expired (RFC 3339).
        #[detail]
        expired_at: String,
    },
    /// Signature failed
    #[code("token_invalid", status = 401)]
    TokenInvalid,
    /// Explicitly revoked
    #[code("token_revoked", status = 401)]
    #[message("Token {token_id} was revoked")]
    TokenRevoked {
        /// The token's id.
        token_id: String,
    },
    /// No matching policy rule
    #[code("access_denied", status = 403)]
    #[message("No policy grants '{capability}' on '{path}'")]
    AccessDenied {
        /// The path asked for.
        #[detail]
        path: String,
        /// The capability asked for.
        #[detail]
        capability: String,
    },
    /// Token scope too narrow
    #[code("insufficient_scope", status = 403)]
    #[message("Token scope too narrow; '{required_scope}' required")]
    InsufficientScope {
        /// The scope the operation requires.
        #[detail]
        required_scope: String,
    },
    /// Rule requires fresh MFA
    #[code("mfa_required", status = 403)]
    #[message("A fresh MFA (within {max_age_secs}s) is required")]
    MfaRequired {
        /// How recent the MFA must be, in seconds.
        #[detail]
        max_age_secs: u64,
    },
    /// IP outside allowed ranges
    #[code("ip_not_allowed", status = 403)]
    #[message("IP {ip} is outside the allowed ranges")]
    IpNotAllowed {
        /// The caller's IP address.
        #[detail]
        ip: String,
    },
    /// Outside time window
    #[code("time_window_violation", status = 403)]
    #[message("Access allowed only during {window}")]
    TimeWindowViolation {
        /// The allowed time window.
        #[detail]
        window: String,
    },
    /// Cross-tenant without partner admin
    #[code("tenant_access_denied", status = 403)]
    #[message("Access to tenant {tenant_id} requires partner admin")]
    TenantAccessDenied {
        /// The tenant's id.
        #[detail]
        tenant_id: String,
    },
    /// Generic authorization failure
    #[code("forbidden", status = 403)]
    Forbidden,
}

/// Request validation failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", family = "validation")]
pub enum ValidationError {
    /// Malformed JSON or shape
    #[code("invalid_request", status = 400)]
    #[message("Malformed request: {reason}")]
    InvalidRequest {
        /// Why, for the caller.
        reason: String,
    },
    /// Path format violation
    #[code("invalid_path", status = 400)]
    #[message("Invalid secret path '{path}'")]
    InvalidPath {
        /// The path asked for.
        #[detail]
        path: String,
    },
    /// Unknown secret_type
    #[code("invalid_secret_type", status = 400)]
    #[message("Unknown secret_type '{secret_type}'")]
    InvalidSecretType {
        /// The `secret_type` sent.
        #[detail]
        secret_type: String,
    },
    /// Duration string didn't parse
    #[code("invalid_duration", status = 400)]
    #[message("Cannot parse duration '{value}'")]
    InvalidDuration {
        /// The value as sent.
        #[detail]
        value: String,
    },
    /// Cursor expired or malformed
    #[code("invalid_cursor", status = 400)]
    InvalidCursor,
    /// Policy rules/bindings invalid
    #[code("invalid_policy", status = 400)]
    #[message("Policy '{policy}' is invalid: {reason}")]
    InvalidPolicy {
        /// The policy's name.
        #[detail]
        policy: String,
        /// Why, for the caller.
        reason: String,
    },
    /// Path pattern not a valid glob
    #[code("invalid_glob", status = 400)]
    #[message("'{pattern}' is not a valid glob")]
    InvalidGlob {
        /// The pattern as sent.
        #[detail]
        pattern: String,
    },
    /// Role name invalid
    #[code("invalid_role", status = 400)]
    #[message("Invalid role name '{role}'")]
    InvalidRole {
        /// The role's name.
        #[detail]
        role: String,
    },
    /// Engine/backend config rejected
    #[code("invalid_config", status = 400)]
    #[message("Config of '{engine}' rejected: {reason}")]
    InvalidConfig {
        /// The secrets engine's name.
        #[detail]
        engine: String,
        /// Why, for the caller.
        reason: String,
    },
    /// Field-level validation; see details.fields
    #[code("validation_error", status = 422)]
    #[message("Request validation failed")]
    Validation {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
}

/// Lookups that found nothing. The reference page gives these codes no meaning: the code
/// says it all, and the message names what was looked up.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", family = "not_found")]
pub enum NotFoundError {
    /// Secret '`path`' not found.
    #[code("secret_not_found", status = 404, meaning = "")]
    #[message("Secret '{path}' not found")]
    Secret {
        /// The path asked for.
        #[detail]
        path: String,
    },
    /// Version `version` of secret '`path`' not found.
    #[code("version_not_found", status = 404, meaning = "")]
    #[message("Version {version} of secret '{path}' not found")]
    Version {
        /// The path asked for.
        #[detail]
        path: String,
        /// The version asked for.
        #[detail]
        version: u32,
    },
    /// Policy '`policy`' not found.
    #[code("policy_not_found", status = 404, meaning = "")]
    #[message("Policy '{policy}' not found")]
    Policy {
        /// The policy's name.
        #[detail]
        policy: String,
    },
    /// Binding '`binding_id`' not found.
    #[code("binding_not_found", status = 404, meaning = "")]
    #[message("Binding '{binding_id}' not found")]
    Binding {
        /// The binding's id.
        #[detail]
        binding_id: String,
    },
    /// Webhook '`webhook_id`' not found.
    #[code("webhook_not_found", status = 404, meaning = "")]
    #[message("Webhook '{webhook_id}' not found")]
    Webhook {
        /// The webhook's id.
        #[detail]
        webhook_id: String,
    },
    /// Subscription '`subscription_id`' not found.
    #[code("subscription_not_found", status = 404, meaning = "")]
    #[message("Subscription '{subscription_id}' not found")]
    Subscription {
        /// The subscription's id.
        #[detail]
        subscription_id: String,
    },
    /// Rotation policy of '`path`' not found.
    #[code("rotation_policy_not_found", status = 404, meaning = "")]
    #[message("Rotation policy of '{path}' not found")]
    RotationPolicy {
        /// The path asked for.
        #[detail]
        path: String,
    },
    /// Secret policy of '`path`' not found.
    #[code("secret_policy_not_found", status = 404, meaning = "")]
    #[message("Secret policy of '{path}' not found")]
    SecretPolicy {
        /// The path asked for.
        #[detail]
        path: String,
    },
    /// CA '`ca`' not found.
    #[code("ca_not_found", status = 404, meaning = "")]
    #[message("CA '{ca}' not found")]
    Ca {
        /// The certificate authority's name.
        #[detail]
        ca: String,
    },
    /// Certificate '`serial`' not found.
    #[code("certificate_not_found", status = 404, meaning = "")]
    #[message("Certificate '{serial}' not found")]
    Certificate {
        /// The certificate's serial number.
        #[detail]
        serial: String,
    },
    /// CSR '`csr_id`' not found.
    #[code("csr_not_found", status = 404, meaning = "")]
    #[message("CSR '{csr_id}' not found")]
    Csr {
        /// The CSR's id.
        #[detail]
        csr_id: String,
    },
    /// Trust anchor '`anchor`' not found.
    #[code("trust_anchor_not_found", status = 404, meaning = "")]
    #[message("Trust anchor '{anchor}' not found")]
    TrustAnchor {
        /// The trust anchor asked for.
        #[detail]
        anchor: String,
    },
    /// ACME account '`account`' not found.
    #[code("acme_account_not_found", status = 404, meaning = "")]
    #[message("ACME account '{account}' not found")]
    AcmeAccount {
        /// The ACME account asked for.
        #[detail]
        account: String,
    },
    /// ACME order '`order_id`' not found.
    #[code("acme_order_not_found", status = 404, meaning = "")]
    #[message("ACME order '{order_id}' not found")]
    AcmeOrder {
        /// The ACME order's id.
        #[detail]
        order_id: String,
    },
    /// DNS provider '`provider`' not found.
    #[code("dns_provider_not_found", status = 404, meaning = "")]
    #[message("DNS provider '{provider}' not found")]
    DnsProvider {
        /// The provider's name.
        #[detail]
        provider: String,
    },
    /// Engine '`engine`' not found.
    #[code("engine_not_found", status = 404, meaning = "")]
    #[message("Engine '{engine}' not found")]
    Engine {
        /// The secrets engine's name.
        #[detail]
        engine: String,
    },
    /// Role '`role`' not found.
    #[code("role_not_found", status = 404, meaning = "")]
    #[message("Role '{role}' not found")]
    Role {
        /// The role's name.
        #[detail]
        role: String,
    },
    /// Lease '`lease_id`' not found.
    #[code("lease_not_found", status = 404, meaning = "")]
    #[message("Lease '{lease_id}' not found")]
    Lease {
        /// The lease's id.
        #[detail]
        lease_id: String,
    },
    /// Tenant '`tenant_id`' not found.
    #[code("tenant_not_found", status = 404, meaning = "")]
    #[message("Tenant '{tenant_id}' not found")]
    Tenant {
        /// The tenant's id.
        #[detail]
        tenant_id: String,
    },
    /// Identity '`identity`' not found.
    #[code("identity_not_found", status = 404, meaning = "")]
    #[message("Identity '{identity}' not found")]
    Identity {
        /// The identity's name.
        #[detail]
        identity: String,
    },
    /// Federation backend '`backend`' not found.
    #[code("federation_backend_not_found", status = 404, meaning = "")]
    #[message("Federation backend '{backend}' not found")]
    FederationBackend {
        /// The federated backend or ACME upstream.
        #[detail]
        backend: String,
    },
    /// Export '`export_id`' not found.
    #[code("export_not_found", status = 404, meaning = "")]
    #[message("Export '{export_id}' not found")]
    Export {
        /// The export's id.
        #[detail]
        export_id: String,
    },
}

/// Conflicts with the current state, and expired objects.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", family = "conflict")]
pub enum ConflictError {
    /// Soft-deleted path in retention
    #[code("secret_exists", status = 409, grpc = "ALREADY_EXISTS")]
    #[message("Secret '{path}' is soft-deleted and retained until {purge_after}")]
    SecretExists {
        /// The path asked for.
        #[detail]
        path: String,
        /// When the retained path is purged (RFC 3339).
        #[detail]
        purge_after: String,
    },
    /// Concurrent modification
    #[code("version_conflict", status = 409)]
    #[message("Secret '{path}' is at version {current}, not {expected}")]
    VersionConflict {
        /// The path asked for.
        #[detail]
        path: String,
        /// What was expected.
        #[detail]
        expected: u32,
        /// The current version.
        #[detail]
        current: u32,
    },
    /// Policy has bindings
    #[code("policy_in_use", status = 409)]
    #[message("Policy '{policy}' has {bindings} bindings")]
    PolicyInUse {
        /// The policy's name.
        #[detail]
        policy: String,
        /// How many bindings the policy has.
        #[detail]
        bindings: u32,
    },
    /// Engine has leases
    #[code("engine_in_use", status = 409)]
    #[message("Engine '{engine}' has {leases} active leases")]
    EngineInUse {
        /// The secrets engine's name.
        #[detail]
        engine: String,
        /// How many leases are active.
        #[detail]
        leases: u32,
    },
    /// CA has issued certs
    #[code("ca_has_certificates", status = 409)]
    #[message("CA '{ca}' has issued {certificates} certificates")]
    CaHasCertificates {
        /// The certificate authority's name.
        #[detail]
        ca: String,
        /// How many certificates the CA has issued.
        #[detail]
        certificates: u32,
    },
    /// Name already taken
    #[code("name_conflict", status = 409, grpc = "ALREADY_EXISTS")]
    #[message("Name '{name}' is already taken")]
    NameConflict {
        /// The name already taken.
        #[detail]
        name: String,
    },
    /// Identity already bound
    #[code("binding_conflict", status = 409)]
    #[message("Identity '{identity}' is already bound to '{policy}'")]
    BindingConflict {
        /// The identity's name.
        #[detail]
        identity: String,
        /// The policy's name.
        #[detail]
        policy: String,
    },
    /// expires_at passed
    #[code("secret_expired", status = 410)]
    #[message("Secret '{path}' expired at {expires_at}")]
    SecretExpired {
        /// The path asked for.
        #[detail]
        path: String,
        /// The expiry time (RFC 3339).
        #[detail]
        expires_at: String,
    },
    /// Lease already expired
    #[code("lease_expired", status = 410)]
    #[message("Lease {lease_id} already expired")]
    LeaseExpired {
        /// The lease's id.
        #[detail]
        lease_id: String,
    },
}

/// Rate limits, quotas and unavailability.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", family = "availability")]
pub enum AvailabilityError {
    /// Caller-specific rate limit
    #[code("rate_limited", status = 429)]
    #[message("Rate limit exceeded")]
    RateLimited {
        /// When to retry.
        #[retry_after]
        retry_after: Duration,
    },
    /// Hard tenant quota
    #[code("quota_exceeded", status = 429)]
    #[message("Tenant quota '{quota}' of {limit} reached")]
    QuotaExceeded {
        /// The quota's name.
        #[detail]
        quota: String,
        /// The limit that was hit.
        #[detail]
        limit: u64,
    },
    /// Transient dependency outage
    #[code("service_unavailable", status = 503)]
    #[message("{dependency} unavailable")]
    ServiceUnavailable {
        /// The unreachable dependency, e.g. `redis`.
        dependency: String,
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
    /// Feature gated off at deploy
    #[code("feature_disabled", status = 503, expose)]
    #[message("Feature '{feature}' is disabled on this deployment")]
    FeatureDisabled {
        /// The disabled feature.
        #[detail]
        feature: String,
    },
    /// Operator-scheduled downtime
    #[code("maintenance_mode", status = 503, expose)]
    #[message("Scheduled maintenance in progress")]
    MaintenanceMode {
        /// When to retry.
        #[retry_after]
        retry_after: Duration,
    },
}

/// Server and backend failures. The wire shows the catalogue meaning, never the cause.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", family = "server")]
pub enum ServerError {
    /// Unexpected server error
    #[code("internal_error", status = 500)]
    #[message("Internal error: {0}")]
    Internal(#[source] io::Error),
    /// KMS interaction failed
    #[code("encryption_error", status = 500)]
    #[message("KMS call with key {key_id} failed")]
    Encryption {
        /// The key's id.
        key_id: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
    /// Database or object store error
    #[code("storage_error", status = 500)]
    #[message("Storage error: {0}")]
    Storage(#[source] io::Error),
    /// Federated backend or ACME upstream failed
    #[code("backend_error", status = 502)]
    #[message("Backend '{backend}' failed")]
    Backend {
        /// The federated backend or ACME upstream.
        backend: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
    /// Federated/ACME backend rate-limited us
    #[code(
        "backend_rate_limited",
        status = 502,
        public = "Backend rate-limited; retry later"
    )]
    #[message("Backend '{backend}' rate-limited us")]
    BackendRateLimited {
        /// The federated backend or ACME upstream.
        backend: String,
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
    /// Federated backend timeout
    #[code("backend_timeout", status = 504)]
    #[message("Backend '{backend}' did not answer within {timeout:?}")]
    BackendTimeout {
        /// The federated backend or ACME upstream.
        backend: String,
        /// How long we waited.
        timeout: Duration,
    },
}

/// Dynamic-secret and PKI failures: roles, CSRs, ACME.
#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case", family = "pki")]
pub enum PkiError {
    /// Requested TTL > role max_ttl
    #[code("ttl_exceeds_max", status = 400)]
    #[message("Requested TTL {requested_ttl} exceeds the role's max_ttl {max_ttl}")]
    TtlExceedsMax {
        /// The TTL asked for.
        #[detail]
        requested_ttl: String,
        /// The role's `max_ttl`.
        #[detail]
        max_ttl: String,
    },
    /// CN/SAN not in role's allowed_domains
    #[code("domain_not_allowed", status = 400)]
    #[message("'{domain}' is not in the allowed_domains of role '{role}'")]
    DomainNotAllowed {
        /// The CN or SAN asked for.
        #[detail]
        domain: String,
        /// The role's name.
        #[detail]
        role: String,
    },
    /// CSR key doesn't match role requirement
    #[code("key_type_mismatch", status = 400)]
    #[message("CSR key is {actual}; the role requires {expected}")]
    KeyTypeMismatch {
        /// What was expected.
        #[detail]
        expected: String,
        /// What the request actually carried.
        #[detail]
        actual: String,
    },
    /// CSR failed to parse
    #[code("csr_invalid", status = 400)]
    #[message("CSR failed to parse: {reason}")]
    CsrInvalid {
        /// Why, for the caller.
        reason: String,
    },
    /// CSR already signed or rejected
    #[code("csr_already_processed", status = 409)]
    #[message("CSR {csr_id} was already {status}")]
    CsrAlreadyProcessed {
        /// The CSR's id.
        #[detail]
        csr_id: String,
        /// The status it is in (`csr_status` in the details: `status` is a member of an
        /// RFC 9457 problem, which ScaiKey can negotiate).
        #[detail(name = "csr_status")]
        status: String,
    },
    /// ACME upstream rejected order
    #[code("acme_order_failed", status = 502, expose)]
    #[message("ACME order {order_id} rejected: {problem}")]
    AcmeOrderFailed {
        /// The ACME order's id.
        order_id: String,
        /// The ACME problem document's detail.
        problem: String,
    },
    /// Can't reach backend system
    #[code("engine_unreachable", status = 502)]
    #[message("Engine '{engine}' unreachable")]
    EngineUnreachable {
        /// The secrets engine's name.
        engine: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
}

/// Webhook delivery failures, as reported in delivery logs.
#[derive(Debug, ApiError)]
#[api_error(
    convention = "snake_case",
    prefix = "webhook_",
    family = "webhook_delivery"
)]
pub enum WebhookDeliveryError {
    /// URL can't be used (private IP blocked, etc.)
    #[code("webhook_url_invalid", status = 400)]
    #[message("Webhook URL '{url}' can't be used: {reason}")]
    UrlInvalid {
        /// The destination URL.
        #[detail]
        url: String,
        /// Why, for the caller.
        reason: String,
    },
    /// Non-2xx from destination
    #[code("webhook_delivery_failed", status = 502, expose)]
    #[message("Destination answered {response_status}")]
    DeliveryFailed {
        /// The destination URL.
        #[detail]
        url: String,
        /// The status the destination answered.
        #[detail]
        response_status: u16,
    },
    /// > 10s response time
    #[code("webhook_delivery_timeout", status = 504, expose)]
    #[message("Destination did not answer within 10s")]
    DeliveryTimeout {
        /// The destination URL.
        #[detail]
        url: String,
    },
}

/// The whole ScaiKey catalogue, sectioned like its reference page.
pub const PRODUCT: Product = Product::new(
    "ScaiKey",
    &[
        Section::new("Authentication / authorization", &["auth"]),
        Section::new("Validation", &["validation"]),
        Section::new("Not found", &["not_found"]),
        Section::new("Conflict / state", &["conflict"]),
        Section::new("Rate limit / quota / availability", &["availability"]),
        Section::new("Server / backend", &["server"]),
        Section::new("Dynamic / PKI specific", &["pki"]),
        Section::new("Webhook delivery", &["webhook_delivery"]),
    ],
    &[
        AuthError::CATALOG,
        ValidationError::CATALOG,
        NotFoundError::CATALOG,
        ConflictError::CATALOG,
        AvailabilityError::CATALOG,
        ServerError::CATALOG,
        PkiError::CATALOG,
        WebhookDeliveryError::CATALOG,
    ],
);

/// A few realistic ScaiKey errors: a plain 4xx, a 4xx with details, a validation error,
/// a 429 with a retry hint and 5xx errors with a source.
#[must_use]
pub fn samples() -> Vec<Box<dyn ApiError + Send + Sync>> {
    vec![
        Box::new(AuthError::TokenInvalid),
        Box::new(NotFoundError::Secret {
            path: "environments/production/missing".into(),
        }),
        Box::new(ConflictError::VersionConflict {
            path: "environments/production/db".into(),
            expected: 6,
            current: 7,
        }),
        Box::new(ValidationError::Validation {
            violations: vec![
                Violation::new(["ttl"], "must be a duration such as 30m or 24h")
                    .kind("invalid_duration")
                    .input("forever"),
                Violation::new(["paths"], "must be a valid glob")
                    .at(0)
                    .input("env/[prod"),
            ],
        }),
        Box::new(AvailabilityError::RateLimited {
            retry_after: Duration::from_secs(45),
        }),
        Box::new(ServerError::Encryption {
            key_id: "kms-key-eu-1".into(),
            cause: io::Error::other("AccessDeniedException: kms:Decrypt"),
        }),
        Box::new(PkiError::DomainNotAllowed {
            domain: "evil.example.org".into(),
            role: "web-servers".into(),
        }),
    ]
}

/// What ScaiKey answers for the serving layer's own failures, for
/// [`Envelopes::failures`](api_envelope::integrations::Envelopes::failures).
///
/// | failure | code |
/// |---|---|
/// | unparseable body | `invalid_request` (400, "Malformed JSON or shape") |
/// | invalid body, invalid or missing parameter | `validation_error` (422, `details.fields`) |
/// | rate limited | `rate_limited` (429, `Retry-After`) |
/// | panic, internal | `internal_error` (500) |
/// | a bare 503 | `service_unavailable` |
/// | anything else | the reason phrase in `snake_case`: `not_found`, `method_not_allowed`, `payload_too_large`, `gateway_timeout` |
///
/// ```
/// use api_envelope::integrations::Failure;
///
/// let failures = api_envelope_examples::scaikey::failures();
/// assert_eq!(failures.resolve(Failure::BodyUnparseable).entry.code, "invalid_request");
/// assert_eq!(failures.resolve(Failure::MethodNotAllowed).entry.code, "method_not_allowed");
/// ```
#[must_use]
pub fn failures() -> Failures {
    use api_envelope::integrations::Failure;

    let check = |code| {
        <ValidationError as Catalogued>::CATALOG
            .get(code)
            .expect("the code is in ScaiKey's validation catalogue")
    };
    let validation = check("validation_error");
    let availability = |code| {
        <AvailabilityError as Catalogued>::CATALOG
            .get(code)
            .expect("the code is in ScaiKey's availability catalogue")
    };
    let internal = <ServerError as Catalogued>::CATALOG
        .get("internal_error")
        .expect("internal_error is in the catalogue");
    Failures::new()
        .code(Failure::BodyUnparseable, check("invalid_request"))
        .code(Failure::BodyInvalid, validation)
        .code(Failure::ParameterInvalid, validation)
        .code(Failure::ParameterMissing, validation)
        .code(Failure::RateLimited, availability("rate_limited"))
        .code(Failure::Internal, internal)
        .code(Failure::Panic, internal)
        .status(availability("service_unavailable"))
        .fallback(Fallback::reason_phrase("", Convention::SnakeCase))
}

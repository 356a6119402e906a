//! Every code and status of seed 003 (ScaiKey) is accepted by the derive.

use api_envelope::{ApiError, Catalogued};

#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case")]
pub enum ScaiKeyError {
    /// Missing Authorization header
    #[code("authentication_required", status = 401, family = "Authentication / authorization")]
    AuthenticationRequired,
    /// Token exp passed
    #[code("token_expired", status = 401, family = "Authentication / authorization")]
    TokenExpired,
    /// Signature failed
    #[code("token_invalid", status = 401, family = "Authentication / authorization")]
    TokenInvalid,
    /// Explicitly revoked
    #[code("token_revoked", status = 401, family = "Authentication / authorization")]
    TokenRevoked,
    /// No matching policy rule
    #[code("access_denied", status = 403, family = "Authentication / authorization")]
    AccessDenied,
    /// Token scope too narrow
    #[code("insufficient_scope", status = 403, family = "Authentication / authorization")]
    InsufficientScope,
    /// Rule requires fresh MFA
    #[code("mfa_required", status = 403, family = "Authentication / authorization")]
    MfaRequired,
    /// IP outside allowed ranges
    #[code("ip_not_allowed", status = 403, family = "Authentication / authorization")]
    IpNotAllowed,
    /// Outside time window
    #[code("time_window_violation", status = 403, family = "Authentication / authorization")]
    TimeWindowViolation,
    /// Cross-tenant without partner admin
    #[code("tenant_access_denied", status = 403, family = "Authentication / authorization")]
    TenantAccessDenied,
    /// Generic authorization failure
    #[code("forbidden", status = 403, family = "Authentication / authorization")]
    Forbidden,
    /// Malformed JSON or shape
    #[code("invalid_request", status = 400, family = "Validation")]
    InvalidRequest,
    /// Path format violation
    #[code("invalid_path", status = 400, family = "Validation")]
    InvalidPath,
    /// Unknown secret_type
    #[code("invalid_secret_type", status = 400, family = "Validation")]
    InvalidSecretType,
    /// Duration string didn't parse
    #[code("invalid_duration", status = 400, family = "Validation")]
    InvalidDuration,
    /// Cursor expired or malformed
    #[code("invalid_cursor", status = 400, family = "Validation")]
    InvalidCursor,
    /// Policy rules/bindings invalid
    #[code("invalid_policy", status = 400, family = "Validation")]
    InvalidPolicy,
    /// Path pattern not a valid glob
    #[code("invalid_glob", status = 400, family = "Validation")]
    InvalidGlob,
    /// Role name invalid
    #[code("invalid_role", status = 400, family = "Validation")]
    InvalidRole,
    /// Engine/backend config rejected
    #[code("invalid_config", status = 400, family = "Validation")]
    InvalidConfig,
    /// Field-level validation; see details.fields
    #[code("validation_error", status = 422, family = "Validation")]
    ValidationError,
    #[code("secret_not_found", status = 404, family = "Not found")]
    #[message("secret_not_found")]
    SecretNotFound,
    #[code("version_not_found", status = 404, family = "Not found")]
    #[message("version_not_found")]
    VersionNotFound,
    #[code("policy_not_found", status = 404, family = "Not found")]
    #[message("policy_not_found")]
    PolicyNotFound,
    #[code("binding_not_found", status = 404, family = "Not found")]
    #[message("binding_not_found")]
    BindingNotFound,
    #[code("webhook_not_found", status = 404, family = "Not found")]
    #[message("webhook_not_found")]
    WebhookNotFound,
    #[code("subscription_not_found", status = 404, family = "Not found")]
    #[message("subscription_not_found")]
    SubscriptionNotFound,
    #[code("rotation_policy_not_found", status = 404, family = "Not found")]
    #[message("rotation_policy_not_found")]
    RotationPolicyNotFound,
    #[code("secret_policy_not_found", status = 404, family = "Not found")]
    #[message("secret_policy_not_found")]
    SecretPolicyNotFound,
    #[code("ca_not_found", status = 404, family = "Not found")]
    #[message("ca_not_found")]
    CaNotFound,
    #[code("certificate_not_found", status = 404, family = "Not found")]
    #[message("certificate_not_found")]
    CertificateNotFound,
    #[code("csr_not_found", status = 404, family = "Not found")]
    #[message("csr_not_found")]
    CsrNotFound,
    #[code("trust_anchor_not_found", status = 404, family = "Not found")]
    #[message("trust_anchor_not_found")]
    TrustAnchorNotFound,
    #[code("acme_account_not_found", status = 404, family = "Not found")]
    #[message("acme_account_not_found")]
    AcmeAccountNotFound,
    #[code("acme_order_not_found", status = 404, family = "Not found")]
    #[message("acme_order_not_found")]
    AcmeOrderNotFound,
    #[code("dns_provider_not_found", status = 404, family = "Not found")]
    #[message("dns_provider_not_found")]
    DnsProviderNotFound,
    #[code("engine_not_found", status = 404, family = "Not found")]
    #[message("engine_not_found")]
    EngineNotFound,
    #[code("role_not_found", status = 404, family = "Not found")]
    #[message("role_not_found")]
    RoleNotFound,
    #[code("lease_not_found", status = 404, family = "Not found")]
    #[message("lease_not_found")]
    LeaseNotFound,
    #[code("tenant_not_found", status = 404, family = "Not found")]
    #[message("tenant_not_found")]
    TenantNotFound,
    #[code("identity_not_found", status = 404, family = "Not found")]
    #[message("identity_not_found")]
    IdentityNotFound,
    #[code("federation_backend_not_found", status = 404, family = "Not found")]
    #[message("federation_backend_not_found")]
    FederationBackendNotFound,
    #[code("export_not_found", status = 404, family = "Not found")]
    #[message("export_not_found")]
    ExportNotFound,
    /// Soft-deleted path in retention
    #[code("secret_exists", status = 409, family = "Conflict / state")]
    SecretExists,
    /// Concurrent modification
    #[code("version_conflict", status = 409, family = "Conflict / state")]
    VersionConflict,
    /// Policy has bindings
    #[code("policy_in_use", status = 409, family = "Conflict / state")]
    PolicyInUse,
    /// Engine has leases
    #[code("engine_in_use", status = 409, family = "Conflict / state")]
    EngineInUse,
    /// CA has issued certs
    #[code("ca_has_certificates", status = 409, family = "Conflict / state")]
    CaHasCertificates,
    /// Name already taken
    #[code("name_conflict", status = 409, family = "Conflict / state")]
    NameConflict,
    /// Identity already bound
    #[code("binding_conflict", status = 409, family = "Conflict / state")]
    BindingConflict,
    /// expires_at passed
    #[code("secret_expired", status = 410, family = "Conflict / state")]
    SecretExpired,
    /// Lease already expired
    #[code("lease_expired", status = 410, family = "Conflict / state")]
    LeaseExpired,
    /// Caller-specific rate limit
    #[code("rate_limited", status = 429, family = "Rate limit / quota / availability")]
    RateLimited,
    /// Hard tenant quota
    #[code("quota_exceeded", status = 429, family = "Rate limit / quota / availability")]
    QuotaExceeded,
    /// Transient dependency outage
    #[code("service_unavailable", status = 503, family = "Rate limit / quota / availability")]
    ServiceUnavailable,
    /// Feature gated off at deploy
    #[code("feature_disabled", status = 503, family = "Rate limit / quota / availability")]
    FeatureDisabled,
    /// Operator-scheduled downtime
    #[code("maintenance_mode", status = 503, family = "Rate limit / quota / availability")]
    MaintenanceMode,
    /// Unexpected server error
    #[code("internal_error", status = 500, family = "Server / backend")]
    InternalError,
    /// KMS interaction failed
    #[code("encryption_error", status = 500, family = "Server / backend")]
    EncryptionError,
    /// Database or object store error
    #[code("storage_error", status = 500, family = "Server / backend")]
    StorageError,
    /// Federated backend or ACME upstream failed
    #[code("backend_error", status = 502, family = "Server / backend")]
    BackendError,
    /// Federated/ACME backend rate-limited us
    #[code("backend_rate_limited", status = 502, family = "Server / backend")]
    BackendRateLimited,
    /// Federated backend timeout
    #[code("backend_timeout", status = 504, family = "Server / backend")]
    BackendTimeout,
    /// Requested TTL > role max_ttl
    #[code("ttl_exceeds_max", status = 400, family = "Dynamic / PKI specific")]
    TtlExceedsMax,
    /// CN/SAN not in role's allowed_domains
    #[code("domain_not_allowed", status = 400, family = "Dynamic / PKI specific")]
    DomainNotAllowed,
    /// CSR key doesn't match role requirement
    #[code("key_type_mismatch", status = 400, family = "Dynamic / PKI specific")]
    KeyTypeMismatch,
    /// CSR failed to parse
    #[code("csr_invalid", status = 400, family = "Dynamic / PKI specific")]
    CsrInvalid,
    /// CSR already signed or rejected
    #[code("csr_already_processed", status = 409, family = "Dynamic / PKI specific")]
    CsrAlreadyProcessed,
    /// ACME upstream rejected order
    #[code("acme_order_failed", status = 502, family = "Dynamic / PKI specific")]
    AcmeOrderFailed,
    /// Can't reach backend system
    #[code("engine_unreachable", status = 502, family = "Dynamic / PKI specific")]
    EngineUnreachable,
    /// URL can't be used (private IP blocked, etc.)
    #[code("webhook_url_invalid", status = 400, family = "Webhook delivery")]
    WebhookUrlInvalid,
    /// Non-2xx from destination
    #[code("webhook_delivery_failed", status = 502, family = "Webhook delivery")]
    WebhookDeliveryFailed,
    /// > 10s response time
    #[code("webhook_delivery_timeout", status = 504, family = "Webhook delivery")]
    WebhookDeliveryTimeout,
}

fn main() {
    assert_eq!(ScaiKeyError::CATALOG.len(), 73);
    for (code, statuses) in [
        ("authentication_required", &[401][..]),
        ("token_expired", &[401][..]),
        ("token_invalid", &[401][..]),
        ("token_revoked", &[401][..]),
        ("access_denied", &[403][..]),
        ("insufficient_scope", &[403][..]),
        ("mfa_required", &[403][..]),
        ("ip_not_allowed", &[403][..]),
        ("time_window_violation", &[403][..]),
        ("tenant_access_denied", &[403][..]),
        ("forbidden", &[403][..]),
        ("invalid_request", &[400][..]),
        ("invalid_path", &[400][..]),
        ("invalid_secret_type", &[400][..]),
        ("invalid_duration", &[400][..]),
        ("invalid_cursor", &[400][..]),
        ("invalid_policy", &[400][..]),
        ("invalid_glob", &[400][..]),
        ("invalid_role", &[400][..]),
        ("invalid_config", &[400][..]),
        ("validation_error", &[422][..]),
        ("secret_not_found", &[404][..]),
        ("version_not_found", &[404][..]),
        ("policy_not_found", &[404][..]),
        ("binding_not_found", &[404][..]),
        ("webhook_not_found", &[404][..]),
        ("subscription_not_found", &[404][..]),
        ("rotation_policy_not_found", &[404][..]),
        ("secret_policy_not_found", &[404][..]),
        ("ca_not_found", &[404][..]),
        ("certificate_not_found", &[404][..]),
        ("csr_not_found", &[404][..]),
        ("trust_anchor_not_found", &[404][..]),
        ("acme_account_not_found", &[404][..]),
        ("acme_order_not_found", &[404][..]),
        ("dns_provider_not_found", &[404][..]),
        ("engine_not_found", &[404][..]),
        ("role_not_found", &[404][..]),
        ("lease_not_found", &[404][..]),
        ("tenant_not_found", &[404][..]),
        ("identity_not_found", &[404][..]),
        ("federation_backend_not_found", &[404][..]),
        ("export_not_found", &[404][..]),
        ("secret_exists", &[409][..]),
        ("version_conflict", &[409][..]),
        ("policy_in_use", &[409][..]),
        ("engine_in_use", &[409][..]),
        ("ca_has_certificates", &[409][..]),
        ("name_conflict", &[409][..]),
        ("binding_conflict", &[409][..]),
        ("secret_expired", &[410][..]),
        ("lease_expired", &[410][..]),
        ("rate_limited", &[429][..]),
        ("quota_exceeded", &[429][..]),
        ("service_unavailable", &[503][..]),
        ("feature_disabled", &[503][..]),
        ("maintenance_mode", &[503][..]),
        ("internal_error", &[500][..]),
        ("encryption_error", &[500][..]),
        ("storage_error", &[500][..]),
        ("backend_error", &[502][..]),
        ("backend_rate_limited", &[502][..]),
        ("backend_timeout", &[504][..]),
        ("ttl_exceeds_max", &[400][..]),
        ("domain_not_allowed", &[400][..]),
        ("key_type_mismatch", &[400][..]),
        ("csr_invalid", &[400][..]),
        ("csr_already_processed", &[409][..]),
        ("acme_order_failed", &[502][..]),
        ("engine_unreachable", &[502][..]),
        ("webhook_url_invalid", &[400][..]),
        ("webhook_delivery_failed", &[502][..]),
        ("webhook_delivery_timeout", &[504][..]),
    ] {
        let entry = ScaiKeyError::CATALOG.get(code).unwrap();
        let got: Vec<u16> = entry.statuses.iter().map(|s| s.as_u16()).collect();
        assert_eq!(got, statuses, "{code}");
    }
}

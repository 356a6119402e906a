//! Every code and status of seed 004 (Sonny Labs) is accepted by the derive.

use api_envelope::{ApiError, Catalogued};

#[derive(Debug, ApiError)]
#[api_error(convention = "dotted")]
pub enum SonnyError {
    /// The API key authenticated correctly but its expires_at is in the past.
    #[code("auth.api_key.expired", status = 401, family = "Error codes")]
    AuthApiKeyExpired,
    /// The principal is authenticated but is not allowed to perform this operation.
    #[code("auth.forbidden", status = 403, family = "Error codes")]
    AuthForbidden,
    /// The credential is valid but does not carry the scope this operation requires.
    #[code("auth.forbidden_scope", status = 403, family = "Error codes")]
    AuthForbiddenScope,
    /// The request authenticated but no org_id was bound to the session — typically a misconfigured caller.
    #[code("auth.no_org_context", status = 400, family = "Error codes")]
    AuthNoOrgContext,
    /// Backend variant of auth.forbidden_scope emitted by the scope-enforcement filter.
    #[code("auth.scope.insufficient", status = 403, family = "Error codes")]
    AuthScopeInsufficient,
    /// Alias of auth.scope.insufficient retained for SDK dispatch compatibility.
    #[code("auth.scope.missing", status = 403, family = "Error codes")]
    AuthScopeMissing,
    /// A credential was supplied but failed signature, format, or expiry validation.
    #[code("auth.token.invalid", status = 401, family = "Error codes")]
    AuthTokenInvalid,
    /// The request reached an authenticated endpoint without a credential the server could verify.
    #[code("auth.unauthenticated", status = 401, family = "Error codes")]
    AuthUnauthenticated,
    /// Generic 403 emitted when a controller throws ResponseStatusException(FORBIDDEN) without a more specific code.
    #[code("http.403", status = 403, family = "Error codes")]
    Http403,
    /// The same Idempotency-Key was reused with a different request body.
    #[code("idempotency.key_reuse_mismatch", status = 409, family = "Error codes")]
    IdempotencyKeyReuseMismatch,
    /// The accepting user is already a member of the target organisation.
    #[code("invites.already_member", status = 409, family = "Error codes")]
    InvitesAlreadyMember,
    /// The accepting user's email does not match the email the invite was issued for.
    #[code("invites.email_mismatch", status = 403, family = "Error codes")]
    InvitesEmailMismatch,
    /// The invite token is past its expires_at and is no longer valid.
    #[code("invites.expired", status = 410, family = "Error codes")]
    InvitesExpired,
    /// The invite token is unknown to the server, or has been revoked.
    #[code("invites.not_found", status = 404, family = "Error codes")]
    InvitesNotFound,
    /// The accepting principal's WorkOS profile did not return an email — required for the invite-email match check.
    #[code("invites.principal_email_unavailable", status = 403, family = "Error codes")]
    InvitesPrincipalEmailUnavailable,
    /// The signed-in user attempted to create a new org while already belonging to one.
    #[code("onboarding.already_in_org", status = 409, family = "Error codes")]
    OnboardingAlreadyInOrg,
    /// Org-creation is disabled in self-hosted deployments — the operator provisions orgs out of band.
    #[code("onboarding.unsupported_in_self_hosted", status = 501, family = "Error codes")]
    OnboardingUnsupportedInSelfHosted,
    /// The principal is authenticated but no auth.organizations row has been provisioned for their org yet.
    #[code("org.not_provisioned", status = 409, family = "Error codes")]
    OrgNotProvisioned,
    /// The path matched no route or the requested entity does not exist (or is not visible to this principal).
    #[code("resource.not_found", status = 404, family = "Error codes")]
    ResourceNotFound,
    /// A query parameter on the scans endpoints failed validation.
    #[code("scans.invalid_param", status = 400, family = "Error codes")]
    ScansInvalidParam,
    /// The scan id did not resolve in the principal's org.
    #[code("scans.not_found", status = 404, family = "Error codes")]
    ScansNotFound,
    /// The backend received a request before its readiness probe transitioned to ready.
    #[code("service.not-ready", status = 503, family = "Error codes")]
    ServiceNotReady,
    /// The organisation has exceeded a billing or fair-use quota for the requested operation.
    #[code("tenant.quota_exceeded", status = 429, family = "Error codes")]
    TenantQuotaExceeded,
    /// A downstream dependency the dashboard or backend relies on is unreachable.
    #[code("upstream.unavailable", status = [502, 503], family = "Error codes")]
    UpstreamUnavailable {
        #[status]
        status: u16,
    },
    /// The opaque pagination cursor on /v1/users could not be decoded.
    #[code("users.invalid_cursor", status = 400, family = "Error codes")]
    UsersInvalidCursor,
    /// A query parameter on the users endpoints failed validation.
    #[code("users.invalid_param", status = 400, family = "Error codes")]
    UsersInvalidParam,
    /// Request body parsed as JSON but failed bean-validation rules.
    #[code("validation.body_invalid", status = 400, family = "Error codes")]
    ValidationBodyInvalid,
    /// Request body could not be parsed as JSON at all.
    #[code("validation.body_unparseable", status = 400, family = "Error codes")]
    ValidationBodyUnparseable,
    /// Generic 400 surfaced when a request fails ad-hoc validation that is not bucketed into a more specific code.
    #[code("validation.error", status = 400, family = "Error codes")]
    ValidationError,
    /// Dashboard BFF variant emitted when a v1 proxy request body is not valid JSON.
    #[code("validation.invalid_json", status = 400, family = "Error codes")]
    ValidationInvalidJson,
    /// A query or path parameter failed bean-validation rules.
    #[code("validation.parameter_invalid", status = 400, family = "Error codes")]
    ValidationParameterInvalid,
    /// A required query or path parameter was not supplied.
    #[code("validation.parameter_missing", status = 400, family = "Error codes")]
    ValidationParameterMissing,
    /// A query or path parameter could not be converted to the expected type.
    #[code("validation.parameter_type_mismatch", status = 400, family = "Error codes")]
    ValidationParameterTypeMismatch,
}

fn main() {
    assert_eq!(SonnyError::CATALOG.len(), 33);
    for (code, statuses) in [
        ("auth.api_key.expired", &[401][..]),
        ("auth.forbidden", &[403][..]),
        ("auth.forbidden_scope", &[403][..]),
        ("auth.no_org_context", &[400][..]),
        ("auth.scope.insufficient", &[403][..]),
        ("auth.scope.missing", &[403][..]),
        ("auth.token.invalid", &[401][..]),
        ("auth.unauthenticated", &[401][..]),
        ("http.403", &[403][..]),
        ("idempotency.key_reuse_mismatch", &[409][..]),
        ("invites.already_member", &[409][..]),
        ("invites.email_mismatch", &[403][..]),
        ("invites.expired", &[410][..]),
        ("invites.not_found", &[404][..]),
        ("invites.principal_email_unavailable", &[403][..]),
        ("onboarding.already_in_org", &[409][..]),
        ("onboarding.unsupported_in_self_hosted", &[501][..]),
        ("org.not_provisioned", &[409][..]),
        ("resource.not_found", &[404][..]),
        ("scans.invalid_param", &[400][..]),
        ("scans.not_found", &[404][..]),
        ("service.not-ready", &[503][..]),
        ("tenant.quota_exceeded", &[429][..]),
        ("upstream.unavailable", &[502, 503][..]),
        ("users.invalid_cursor", &[400][..]),
        ("users.invalid_param", &[400][..]),
        ("validation.body_invalid", &[400][..]),
        ("validation.body_unparseable", &[400][..]),
        ("validation.error", &[400][..]),
        ("validation.invalid_json", &[400][..]),
        ("validation.parameter_invalid", &[400][..]),
        ("validation.parameter_missing", &[400][..]),
        ("validation.parameter_type_mismatch", &[400][..]),
    ] {
        let entry = SonnyError::CATALOG.get(code).unwrap();
        let got: Vec<u16> = entry.statuses.iter().map(|s| s.as_u16()).collect();
        assert_eq!(got, statuses, "{code}");
    }
}

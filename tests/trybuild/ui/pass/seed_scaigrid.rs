//! Every code and status of seed 001 (ScaiGrid) is accepted by the derive.

use api_envelope::{ApiError, Catalogued};

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE")]
pub enum ScaiGridError {
    /// No Authorization header
    #[code("AUTH_TOKEN_MISSING", status = 401, family = "Authentication and authorization")]
    AuthTokenMissing,
    /// Invalid or expired token
    #[code("AUTH_TOKEN_INVALID", status = 401, family = "Authentication and authorization")]
    AuthTokenInvalid,
    /// Token lacks a required scope
    #[code("AUTH_INSUFFICIENT_SCOPE", status = 403, family = "Authentication and authorization")]
    AuthInsufficientScope,
    /// User lacks required permission
    #[code("AUTHZ_PERMISSION_DENIED", status = 403, family = "Authentication and authorization")]
    AuthzPermissionDenied,
    /// OAuth flow state invalid/expired
    #[code("AUTH_FLOW_INVALID", status = 401, family = "Authentication and authorization")]
    AuthFlowInvalid,
    /// No account for this email
    #[code("AUTH_IDENTITY_NOT_FOUND", status = 404, family = "Authentication and authorization")]
    AuthIdentityNotFound,
    /// Token expired, refresh required
    #[code("SESSION_EXPIRED", status = 401, family = "Authentication and authorization")]
    SessionExpired,
    /// Invalid service token
    #[code("SERVICE_TOKEN_INVALID", status = 401, family = "Authentication and authorization")]
    ServiceTokenInvalid,
    /// Request body didn't match schema. `details` array has per-field issues
    #[code("VALIDATION_ERROR", status = 422, family = "Validation")]
    ValidationError,
    /// Resource slug already exists
    #[code("SLUG_CONFLICT", status = 409, family = "Validation")]
    SlugConflict,
    /// No frontend model with that slug
    #[code("MODEL_NOT_FOUND", status = 404, family = "Models and backends")]
    ModelNotFound,
    /// Model exists but not enabled for tenant
    #[code("MODEL_ACCESS_DENIED", status = 403, family = "Models and backends")]
    ModelAccessDenied,
    /// All backends for this model are unhealthy
    #[code("MODEL_UNAVAILABLE", status = 503, family = "Models and backends")]
    ModelUnavailable,
    /// Backend doesn't exist
    #[code("BACKEND_NOT_FOUND", status = 404, family = "Models and backends")]
    BackendNotFound,
    /// Upstream provider returned an error
    #[code("BACKEND_ERROR", status = 502, family = "Models and backends")]
    BackendError,
    /// Upstream didn't respond in time
    #[code("BACKEND_TIMEOUT", status = 504, family = "Models and backends")]
    BackendTimeout,
    /// Upstream rate-limited us. `retry_after` present
    #[code("BACKEND_RATE_LIMITED", status = 429, family = "Models and backends")]
    BackendRateLimited,
    /// Upstream sent a response our parsers didn't accept
    #[code("UPSTREAM_SHAPE_MISMATCH", status = 502, family = "Models and backends")]
    UpstreamShapeMismatch,
    /// Provider doesn't exist
    #[code("PROVIDER_NOT_FOUND", status = 404, family = "Providers")]
    ProviderNotFound,
    /// Failed to discover models from provider
    #[code("PROVIDER_DISCOVERY_ERROR", status = 502, family = "Providers")]
    ProviderDiscoveryError,
    /// Can't delete provider with active backends
    #[code("PROVIDER_HAS_BACKENDS", status = 409, family = "Providers")]
    ProviderHasBackends,
    /// ScaiGrid's own rate limiter. `retry_after` present
    #[code("RATE_LIMITED", status = 429, family = "Rate limits and quotas")]
    RateLimited,
    /// Hard quota reached
    #[code("QUOTA_EXCEEDED", status = 429, family = "Rate limits and quotas")]
    QuotaExceeded,
    /// Usage budget exceeded
    #[code("BUDGET_EXCEEDED", status = 429, family = "Rate limits and quotas")]
    BudgetExceeded,
    /// Budget doesn't exist
    #[code("BUDGET_NOT_FOUND", status = 404, family = "Rate limits and quotas")]
    BudgetNotFound,
    #[code("PARTNER_NOT_FOUND", status = 404, family = "Tenancy")]
    #[message("partner_not_found")]
    PartnerNotFound,
    #[code("TENANT_NOT_FOUND", status = 404, family = "Tenancy")]
    #[message("tenant_not_found")]
    TenantNotFound,
    /// Tenant is administratively suspended
    #[code("TENANT_SUSPENDED", status = 403, family = "Tenancy")]
    TenantSuspended,
    /// Partner is administratively suspended
    #[code("PARTNER_SUSPENDED", status = 403, family = "Tenancy")]
    PartnerSuspended,
    #[code("MODULE_NOT_FOUND", status = 404, family = "Modules")]
    #[message("module_not_found")]
    ModuleNotFound,
    /// Module disabled for tenant
    #[code("MODULE_NOT_ENABLED", status = 403, family = "Modules")]
    ModuleNotEnabled,
    /// Required dependency module unavailable
    #[code("MODULE_DEPENDENCY_UNAVAILABLE", status = 424, family = "Modules")]
    ModuleDependencyUnavailable,
    #[code("USER_NOT_FOUND", status = 404, family = "Resources")]
    #[message("user_not_found")]
    UserNotFound,
    #[code("API_KEY_NOT_FOUND", status = 404, family = "Resources")]
    #[message("api_key_not_found")]
    ApiKeyNotFound,
    #[code("GROUP_NOT_FOUND", status = 404, family = "Resources")]
    #[message("group_not_found")]
    GroupNotFound,
    #[code("GROUP_ROLE_NOT_FOUND", status = 404, family = "Resources")]
    #[message("group_role_not_found")]
    GroupRoleNotFound,
    #[code("TENANT_TEMPLATE_NOT_FOUND", status = 404, family = "Resources")]
    #[message("tenant_template_not_found")]
    TenantTemplateNotFound,
    #[code("MODULE_PERMISSION_NOT_FOUND", status = 404, family = "Resources")]
    #[message("module_permission_not_found")]
    ModulePermissionNotFound,
    #[code("CUSTOM_ROLE_NOT_FOUND", status = 404, family = "Resources")]
    #[message("custom_role_not_found")]
    CustomRoleNotFound,
    #[code("ROUTING_POLICY_NOT_FOUND", status = 404, family = "Resources")]
    #[message("routing_policy_not_found")]
    RoutingPolicyNotFound,
    #[code("MODEL_ACCESS_NOT_FOUND", status = 404, family = "Resources")]
    #[message("model_access_not_found")]
    ModelAccessNotFound,
    #[code("MODEL_GROUP_NOT_FOUND", status = 404, family = "Resources")]
    #[message("model_group_not_found")]
    ModelGroupNotFound,
    #[code("BATCH_NOT_FOUND", status = 404, family = "Resources")]
    #[message("batch_not_found")]
    BatchNotFound,
    #[code("SESSION_NOT_FOUND", status = 404, family = "Resources")]
    #[message("session_not_found")]
    SessionNotFound,
    #[code("ROOM_NOT_FOUND", status = 404, family = "Resources")]
    #[message("room_not_found")]
    RoomNotFound,
    #[code("ROOM_MEMBER_NOT_FOUND", status = 404, family = "Resources")]
    #[message("room_member_not_found")]
    RoomMemberNotFound,
    /// Caller not a room member
    #[code("ROOM_ACCESS_DENIED", status = 403, family = "Resources")]
    RoomAccessDenied,
    /// OAI Responses API
    #[code("RESPONSE_NOT_FOUND", status = 404, family = "Resources")]
    ResponseNotFound,
    #[code("WEBHOOK_NOT_FOUND", status = 404, family = "Resources")]
    #[message("webhook_not_found")]
    WebhookNotFound,
    #[code("CHECKPOINT_NOT_FOUND", status = 404, family = "Resources")]
    #[message("checkpoint_not_found")]
    CheckpointNotFound,
    #[code("CHECKPOINT_ALREADY_RESOLVED", status = 409, family = "Resources")]
    #[message("checkpoint_already_resolved")]
    CheckpointAlreadyResolved,
    /// User not authorized to resolve
    #[code("CHECKPOINT_ASSIGNEE_DENIED", status = 403, family = "Resources")]
    CheckpointAssigneeDenied,
    /// Delegation scopes exceed user's own permissions
    #[code("DELEGATION_INVALID", status = 400, family = "Delegation")]
    DelegationInvalid,
    /// ScaiInfer node doesn't exist
    #[code("INFERENCE_NODE_NOT_FOUND", status = 404, family = "Inference infrastructure")]
    InferenceNodeNotFound,
    /// Node must be online for this command
    #[code("NODE_NOT_ONLINE", status = 409, family = "Inference infrastructure")]
    NodeNotOnline,
    /// Could not connect to node
    #[code("NODE_UNAVAILABLE", status = 502, family = "Inference infrastructure")]
    NodeUnavailable,
    /// Node doesn't support registry browsing
    #[code("REGISTRY_NOT_AVAILABLE", status = 501, family = "Inference infrastructure")]
    RegistryNotAvailable,
    #[code("CORE_NOT_FOUND", status = 404, family = "Cores (ScaiCore)")]
    #[message("core_not_found")]
    CoreNotFound,
    /// Inbound webhook signature verification failed
    #[code("WEBHOOK_VERIFICATION_ERROR", status = 401, family = "Webhooks")]
    WebhookVerificationError,
    /// Gateway is shutting down; retry shortly
    #[code("SERVICE_DRAINING", status = 503, family = "Service state")]
    ServiceDraining,
    /// A dependency (Redis, MariaDB) is down
    #[code("SERVICE_UNAVAILABLE", status = 503, family = "Service state")]
    ServiceUnavailable,
    /// Bot doesn't exist
    #[code("SCAIBOT_BOT_NOT_FOUND", status = 404, family = "Module-specific errors")]
    ScaibotBotNotFound,
    /// Conversation doesn't exist
    #[code("SCAIBOT_CONVERSATION_NOT_FOUND", status = 404, family = "Module-specific errors")]
    ScaibotConversationNotFound,
    /// Message doesn't exist in the queue
    #[code("SCAIQUEUE_MESSAGE_NOT_FOUND", status = 404, family = "Module-specific errors")]
    ScaiqueueMessageNotFound,
    /// Claim expired or is held by another consumer
    #[code("SCAIQUEUE_CLAIM_INVALID", status = 409, family = "Module-specific errors")]
    ScaiqueueClaimInvalid,
    /// Bunker doesn't exist
    #[code("BUNKER_NOT_FOUND", status = 404, family = "Module-specific errors")]
    BunkerNotFound,
    /// Bunker must be running for this operation
    #[code("BUNKER_NOT_RUNNING", status = 409, family = "Module-specific errors")]
    BunkerNotRunning,
    /// Tenant's bunker quota reached
    #[code("BUNKER_QUOTA_EXCEEDED", status = 429, family = "Module-specific errors")]
    BunkerQuotaExceeded,
    /// Lifecycle transition not allowed from the current state
    #[code("BUNKER_TRANSITION_ERROR", status = 409, family = "Module-specific errors")]
    BunkerTransitionError,
    /// Worker is offline or draining
    #[code("WORKER_UNAVAILABLE", status = 503, family = "Module-specific errors")]
    WorkerUnavailable,
    /// No worker matches the bunker's requirements
    #[code("NO_SUITABLE_WORKER", status = 503, family = "Module-specific errors")]
    NoSuitableWorker,
    /// Image doesn't exist
    #[code("IMAGE_NOT_FOUND", status = 404, family = "Module-specific errors")]
    ImageNotFound,
    /// Bridge doesn't exist
    #[code("BRIDGE_NOT_FOUND", status = 404, family = "Module-specific errors")]
    BridgeNotFound,
    /// Availability group doesn't exist
    #[code("AVAILABILITY_GROUP_NOT_FOUND", status = 404, family = "Module-specific errors")]
    AvailabilityGroupNotFound,
    /// Quota profile doesn't exist
    #[code("QUOTA_PROFILE_NOT_FOUND", status = 404, family = "Module-specific errors")]
    QuotaProfileNotFound,
    /// Tenant already has another quota profile assigned
    #[code("QUOTA_ASSIGNMENT_CONFLICT", status = 409, family = "Module-specific errors")]
    QuotaAssignmentConflict,
    /// Lifecycle mode not allowed for the tenant
    #[code("LIFECYCLE_MODE_DENIED", status = 403, family = "Module-specific errors")]
    LifecycleModeDenied,
    /// Network profile not allowed for the tenant
    #[code("NETWORK_PROFILE_DENIED", status = 403, family = "Module-specific errors")]
    NetworkProfileDenied,
    /// Peer list checksum doesn't match its content
    #[code("PEERS_BAD_SHA", status = 400, family = "Module-specific errors")]
    PeersBadSha,
    /// Peer request lacks the worker id header
    #[code("PEERS_MISSING_WORKER_HEADER", status = 400, family = "Module-specific errors")]
    PeersMissingWorkerHeader,
    /// Collection doesn't exist
    #[code("COLLECTION_NOT_FOUND", status = 404, family = "Module-specific errors")]
    CollectionNotFound,
    /// Document doesn't exist in the collection
    #[code("DOCUMENT_NOT_FOUND", status = 404, family = "Module-specific errors")]
    DocumentNotFound,
    /// Training job doesn't exist
    #[code("TRAINING_JOB_NOT_FOUND", status = 404, family = "Module-specific errors")]
    TrainingJobNotFound,
    /// Evaluation doesn't exist
    #[code("EVALUATION_NOT_FOUND", status = 404, family = "Module-specific errors")]
    EvaluationNotFound,
    /// Persona doesn't exist
    #[code("PERSONA_NOT_FOUND", status = 404, family = "Module-specific errors")]
    PersonaNotFound,
    /// Persona is a draft; publish it before use
    #[code("PERSONA_NOT_PUBLISHED", status = 409, family = "Module-specific errors")]
    PersonaNotPublished,
    /// Skill doesn't exist
    #[code("SKILL_NOT_FOUND", status = 404, family = "Module-specific errors")]
    SkillNotFound,
    /// Skill version was yanked
    #[code("SKILL_VERSION_YANKED", status = 410, family = "Module-specific errors")]
    SkillVersionYanked,
    /// Link session doesn't exist
    #[code("SCAILINK_SESSION_NOT_FOUND", status = 404, family = "Module-specific errors")]
    ScailinkSessionNotFound,
    /// Capability not granted to the link
    #[code("SCAILINK_CAPABILITY_DENIED", status = 403, family = "Module-specific errors")]
    ScailinkCapabilityDenied,
    /// Failed to sync from ScaiKey
    #[code("SYNC_ERROR", status = 502, family = "Sync")]
    SyncError,
    /// Unexpected server-side error. Always report with request ID
    #[code("INTERNAL_ERROR", status = 500, family = "Generic fallback")]
    InternalError,
}

fn main() {
    assert_eq!(ScaiGridError::CATALOG.len(), 92);
    for (code, statuses) in [
        ("AUTH_TOKEN_MISSING", &[401][..]),
        ("AUTH_TOKEN_INVALID", &[401][..]),
        ("AUTH_INSUFFICIENT_SCOPE", &[403][..]),
        ("AUTHZ_PERMISSION_DENIED", &[403][..]),
        ("AUTH_FLOW_INVALID", &[401][..]),
        ("AUTH_IDENTITY_NOT_FOUND", &[404][..]),
        ("SESSION_EXPIRED", &[401][..]),
        ("SERVICE_TOKEN_INVALID", &[401][..]),
        ("VALIDATION_ERROR", &[422][..]),
        ("SLUG_CONFLICT", &[409][..]),
        ("MODEL_NOT_FOUND", &[404][..]),
        ("MODEL_ACCESS_DENIED", &[403][..]),
        ("MODEL_UNAVAILABLE", &[503][..]),
        ("BACKEND_NOT_FOUND", &[404][..]),
        ("BACKEND_ERROR", &[502][..]),
        ("BACKEND_TIMEOUT", &[504][..]),
        ("BACKEND_RATE_LIMITED", &[429][..]),
        ("UPSTREAM_SHAPE_MISMATCH", &[502][..]),
        ("PROVIDER_NOT_FOUND", &[404][..]),
        ("PROVIDER_DISCOVERY_ERROR", &[502][..]),
        ("PROVIDER_HAS_BACKENDS", &[409][..]),
        ("RATE_LIMITED", &[429][..]),
        ("QUOTA_EXCEEDED", &[429][..]),
        ("BUDGET_EXCEEDED", &[429][..]),
        ("BUDGET_NOT_FOUND", &[404][..]),
        ("PARTNER_NOT_FOUND", &[404][..]),
        ("TENANT_NOT_FOUND", &[404][..]),
        ("TENANT_SUSPENDED", &[403][..]),
        ("PARTNER_SUSPENDED", &[403][..]),
        ("MODULE_NOT_FOUND", &[404][..]),
        ("MODULE_NOT_ENABLED", &[403][..]),
        ("MODULE_DEPENDENCY_UNAVAILABLE", &[424][..]),
        ("USER_NOT_FOUND", &[404][..]),
        ("API_KEY_NOT_FOUND", &[404][..]),
        ("GROUP_NOT_FOUND", &[404][..]),
        ("GROUP_ROLE_NOT_FOUND", &[404][..]),
        ("TENANT_TEMPLATE_NOT_FOUND", &[404][..]),
        ("MODULE_PERMISSION_NOT_FOUND", &[404][..]),
        ("CUSTOM_ROLE_NOT_FOUND", &[404][..]),
        ("ROUTING_POLICY_NOT_FOUND", &[404][..]),
        ("MODEL_ACCESS_NOT_FOUND", &[404][..]),
        ("MODEL_GROUP_NOT_FOUND", &[404][..]),
        ("BATCH_NOT_FOUND", &[404][..]),
        ("SESSION_NOT_FOUND", &[404][..]),
        ("ROOM_NOT_FOUND", &[404][..]),
        ("ROOM_MEMBER_NOT_FOUND", &[404][..]),
        ("ROOM_ACCESS_DENIED", &[403][..]),
        ("RESPONSE_NOT_FOUND", &[404][..]),
        ("WEBHOOK_NOT_FOUND", &[404][..]),
        ("CHECKPOINT_NOT_FOUND", &[404][..]),
        ("CHECKPOINT_ALREADY_RESOLVED", &[409][..]),
        ("CHECKPOINT_ASSIGNEE_DENIED", &[403][..]),
        ("DELEGATION_INVALID", &[400][..]),
        ("INFERENCE_NODE_NOT_FOUND", &[404][..]),
        ("NODE_NOT_ONLINE", &[409][..]),
        ("NODE_UNAVAILABLE", &[502][..]),
        ("REGISTRY_NOT_AVAILABLE", &[501][..]),
        ("CORE_NOT_FOUND", &[404][..]),
        ("WEBHOOK_VERIFICATION_ERROR", &[401][..]),
        ("SERVICE_DRAINING", &[503][..]),
        ("SERVICE_UNAVAILABLE", &[503][..]),
        ("SCAIBOT_BOT_NOT_FOUND", &[404][..]),
        ("SCAIBOT_CONVERSATION_NOT_FOUND", &[404][..]),
        ("SCAIQUEUE_MESSAGE_NOT_FOUND", &[404][..]),
        ("SCAIQUEUE_CLAIM_INVALID", &[409][..]),
        ("BUNKER_NOT_FOUND", &[404][..]),
        ("BUNKER_NOT_RUNNING", &[409][..]),
        ("BUNKER_QUOTA_EXCEEDED", &[429][..]),
        ("BUNKER_TRANSITION_ERROR", &[409][..]),
        ("WORKER_UNAVAILABLE", &[503][..]),
        ("NO_SUITABLE_WORKER", &[503][..]),
        ("IMAGE_NOT_FOUND", &[404][..]),
        ("BRIDGE_NOT_FOUND", &[404][..]),
        ("AVAILABILITY_GROUP_NOT_FOUND", &[404][..]),
        ("QUOTA_PROFILE_NOT_FOUND", &[404][..]),
        ("QUOTA_ASSIGNMENT_CONFLICT", &[409][..]),
        ("LIFECYCLE_MODE_DENIED", &[403][..]),
        ("NETWORK_PROFILE_DENIED", &[403][..]),
        ("PEERS_BAD_SHA", &[400][..]),
        ("PEERS_MISSING_WORKER_HEADER", &[400][..]),
        ("COLLECTION_NOT_FOUND", &[404][..]),
        ("DOCUMENT_NOT_FOUND", &[404][..]),
        ("TRAINING_JOB_NOT_FOUND", &[404][..]),
        ("EVALUATION_NOT_FOUND", &[404][..]),
        ("PERSONA_NOT_FOUND", &[404][..]),
        ("PERSONA_NOT_PUBLISHED", &[409][..]),
        ("SKILL_NOT_FOUND", &[404][..]),
        ("SKILL_VERSION_YANKED", &[410][..]),
        ("SCAILINK_SESSION_NOT_FOUND", &[404][..]),
        ("SCAILINK_CAPABILITY_DENIED", &[403][..]),
        ("SYNC_ERROR", &[502][..]),
        ("INTERNAL_ERROR", &[500][..]),
    ] {
        let entry = ScaiGridError::CATALOG.get(code).unwrap();
        let got: Vec<u16> = entry.statuses.iter().map(|s| s.as_u16()).collect();
        assert_eq!(got, statuses, "{code}");
    }
}

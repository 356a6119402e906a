//! ScaiGrid (AI gateway): all 63 codes of its reference page, plus the module-specific
//! codes its "Module-specific errors" list names.
//!
//! Every error answers
//! `{"status":"error","error":{"code","message","retry_after"?,"details"?},"meta":{"request_id"}}`
//! with `Retry-After` when known. Codes are `SCREAMING_SNAKE` without a common prefix; the
//! gateway splits them into one enum per area and one per module.
//!
//! The reference page names the module codes but not their statuses; the statuses chosen
//! here are the ones the gateway's own codes use for the same kind of failure:
//!
//! | kind | status |
//! |---|---|
//! | `..._NOT_FOUND` | 404 |
//! | `..._DENIED` | 403 |
//! | state conflicts (`BUNKER_NOT_RUNNING`, `BUNKER_TRANSITION_ERROR`, `SCAIQUEUE_CLAIM_INVALID`, `QUOTA_ASSIGNMENT_CONFLICT`, `PERSONA_NOT_PUBLISHED`) | 409 |
//! | `BUNKER_QUOTA_EXCEEDED` | 429, like `QUOTA_EXCEEDED` |
//! | `WORKER_UNAVAILABLE`, `NO_SUITABLE_WORKER` | 503, like `MODEL_UNAVAILABLE` |
//! | `SKILL_VERSION_YANKED` | 410 |
//! | malformed peer requests (`PEERS_BAD_SHA`, `PEERS_MISSING_WORKER_HEADER`) | 400 |

use std::io;
use std::time::Duration;

use api_envelope::integrations::{Failures, Fallback};
use api_envelope::{ApiError, Catalogued, Convention, Product, Section, Violation};

/// Authentication and authorisation failures of the gateway's own API.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "auth")]
pub enum AuthError {
    /// No Authorization header
    #[code("AUTH_TOKEN_MISSING", status = 401)]
    TokenMissing,
    /// Invalid or expired token
    #[code("AUTH_TOKEN_INVALID", status = 401)]
    TokenInvalid,
    /// Token lacks a required scope
    #[code("AUTH_INSUFFICIENT_SCOPE", status = 403)]
    #[message("token lacks scope '{scope}'")]
    InsufficientScope {
        /// The scope required.
        #[detail]
        scope: String,
    },
    /// User lacks required permission
    #[code("AUTHZ_PERMISSION_DENIED", status = 403)]
    #[message("permission '{permission}' required")]
    PermissionDenied {
        /// The permission required.
        #[detail]
        permission: String,
    },
    /// OAuth flow state invalid/expired
    #[code("AUTH_FLOW_INVALID", status = 401)]
    #[message("OAuth flow state '{state}' is invalid or expired")]
    FlowInvalid {
        /// The current state.
        state: String,
    },
    /// No account for this email
    #[code("AUTH_IDENTITY_NOT_FOUND", status = 404)]
    #[message("no account for {email}")]
    IdentityNotFound {
        /// The email address looked up.
        email: String,
    },
    /// Token expired, refresh required
    #[code("SESSION_EXPIRED", status = 401)]
    SessionExpired,
    /// Invalid service token
    #[code("SERVICE_TOKEN_INVALID", status = 401)]
    #[message("invalid service token for {service}")]
    ServiceTokenInvalid {
        /// The calling service.
        service: String,
    },
}

/// Request validation failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "validation")]
pub enum ValidationError {
    /// Request body didn't match schema. `details` array has per-field issues
    #[code("VALIDATION_ERROR", status = 422)]
    #[message("request body didn't match the schema")]
    Invalid {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
    /// Resource slug already exists
    #[code("SLUG_CONFLICT", status = 409)]
    #[message("slug '{slug}' already exists")]
    SlugConflict {
        /// The slug asked for.
        #[detail]
        slug: String,
    },
}

/// Frontend model failures (`MODEL_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "MODEL_", family = "models")]
pub enum ModelError {
    /// No frontend model with that slug
    #[code("MODEL_NOT_FOUND", status = 404)]
    #[message("no model '{model}'")]
    NotFound {
        /// The model's slug.
        #[detail]
        model: String,
    },
    /// Model exists but not enabled for tenant
    #[code("MODEL_ACCESS_DENIED", status = 403)]
    #[message("model '{model}' is not enabled for this tenant")]
    AccessDenied {
        /// The model's slug.
        #[detail]
        model: String,
    },
    /// All backends for this model are unhealthy
    #[code("MODEL_UNAVAILABLE", status = 503, expose)]
    #[message("all backends of '{model}' are unhealthy")]
    Unavailable {
        /// The model's slug.
        model: String,
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
}

/// Backend (upstream provider) failures, listed with the model codes.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "models")]
pub enum BackendError {
    /// Backend doesn't exist
    #[code("BACKEND_NOT_FOUND", status = 404)]
    #[message("backend {backend_id} not found")]
    NotFound {
        /// The backend's id.
        backend_id: String,
    },
    /// Upstream provider returned an error
    #[code("BACKEND_ERROR", status = 502)]
    #[message("backend {backend_id} answered {upstream_status}: {body}")]
    Upstream {
        /// The backend's id.
        backend_id: String,
        /// The status the upstream answered.
        upstream_status: u16,
        /// The upstream response body (logged, never shown on a 5xx).
        body: String,
    },
    /// Upstream didn't respond in time
    #[code("BACKEND_TIMEOUT", status = 504)]
    #[message("backend {backend_id} did not answer within {timeout:?}")]
    Timeout {
        /// The backend's id.
        backend_id: String,
        /// How long we waited.
        timeout: Duration,
    },
    /// Upstream rate-limited us. `retry_after` present
    #[code("BACKEND_RATE_LIMITED", status = 429)]
    #[message("backend {backend_id} rate-limited us")]
    RateLimited {
        /// The backend's id.
        backend_id: String,
        /// When to retry.
        #[retry_after]
        retry_after: Duration,
    },
    /// Upstream sent a response our parsers didn't accept
    #[code("UPSTREAM_SHAPE_MISMATCH", status = 502)]
    #[message("response of backend {backend_id} did not parse")]
    ShapeMismatch {
        /// The backend's id.
        backend_id: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: serde_json::Error,
    },
}

/// Provider failures (`PROVIDER_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "PROVIDER_",
    family = "providers"
)]
pub enum ProviderError {
    /// Provider doesn't exist
    #[code("PROVIDER_NOT_FOUND", status = 404)]
    #[message("provider '{provider}' not found")]
    NotFound {
        /// The provider's name.
        #[detail]
        provider: String,
    },
    /// Failed to discover models from provider
    #[code("PROVIDER_DISCOVERY_ERROR", status = 502)]
    #[message("model discovery from '{provider}' failed")]
    Discovery {
        /// The provider's name.
        provider: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
    /// Can't delete provider with active backends
    #[code("PROVIDER_HAS_BACKENDS", status = 409)]
    #[message("provider '{provider}' still has {backends} active backends")]
    HasBackends {
        /// The provider's name.
        provider: String,
        /// How many active backends it still has.
        #[detail]
        backends: u32,
    },
}

/// Rate limit, quota and budget failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "limits")]
pub enum LimitError {
    /// ScaiGrid's own rate limiter. `retry_after` present
    #[code("RATE_LIMITED", status = 429)]
    #[message("rate limited; retry in {retry_after_secs}s")]
    RateLimited {
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
    /// Hard quota reached
    #[code("QUOTA_EXCEEDED", status = 429)]
    #[message("quota '{quota}' of {limit} reached")]
    QuotaExceeded {
        /// The quota's name.
        #[detail]
        quota: String,
        /// The limit that was hit.
        #[detail]
        limit: u64,
    },
    /// Usage budget exceeded
    #[code("BUDGET_EXCEEDED", status = 429)]
    #[message("budget {budget_id} of {limit_usd} USD exceeded")]
    BudgetExceeded {
        /// The budget's id.
        budget_id: String,
        /// The budget, in US dollars.
        #[detail]
        limit_usd: f64,
    },
    /// Budget doesn't exist
    #[code("BUDGET_NOT_FOUND", status = 404)]
    #[message("budget {budget_id} not found")]
    BudgetNotFound {
        /// The budget's id.
        budget_id: String,
    },
}

/// Partner and tenant failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "tenancy")]
pub enum TenancyError {
    /// Partner `partner_id` not found.
    #[code("PARTNER_NOT_FOUND", status = 404, meaning = "")]
    #[message("partner {partner_id} not found")]
    PartnerNotFound {
        /// The partner's id.
        partner_id: String,
    },
    /// Tenant `tenant_id` not found.
    #[code("TENANT_NOT_FOUND", status = 404, meaning = "")]
    #[message("tenant {tenant_id} not found")]
    TenantNotFound {
        /// The tenant's id.
        tenant_id: String,
    },
    /// Tenant is administratively suspended
    #[code("TENANT_SUSPENDED", status = 403)]
    #[message("tenant {tenant_id} is suspended")]
    TenantSuspended {
        /// The tenant's id.
        tenant_id: String,
    },
    /// Partner is administratively suspended
    #[code("PARTNER_SUSPENDED", status = 403)]
    #[message("partner {partner_id} is suspended")]
    PartnerSuspended {
        /// The partner's id.
        partner_id: String,
    },
}

/// Gateway module failures (`MODULE_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "MODULE_", family = "modules")]
pub enum ModuleError {
    /// Module '`module`' not found.
    #[code("MODULE_NOT_FOUND", status = 404, meaning = "")]
    #[message("module '{module}' not found")]
    NotFound {
        /// The module's name.
        #[detail]
        module: String,
    },
    /// Module disabled for tenant
    #[code("MODULE_NOT_ENABLED", status = 403)]
    #[message("module '{module}' is disabled for this tenant")]
    NotEnabled {
        /// The module's name.
        #[detail]
        module: String,
    },
    /// Required dependency module unavailable
    #[code("MODULE_DEPENDENCY_UNAVAILABLE", status = 424)]
    #[message("module '{module}' needs '{dependency}', which is unavailable")]
    DependencyUnavailable {
        /// The module's name.
        module: String,
        /// The unreachable dependency, e.g. `redis`.
        #[detail]
        dependency: String,
    },
}

/// Lookups of the gateway's administrative resources.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "resources")]
pub enum ResourceError {
    /// User `user_id` not found.
    #[code("USER_NOT_FOUND", status = 404, meaning = "")]
    #[message("user {user_id} not found")]
    UserNotFound {
        /// The user's id.
        user_id: String,
    },
    /// API key `key_id` not found.
    #[code("API_KEY_NOT_FOUND", status = 404, meaning = "")]
    #[message("API key {key_id} not found")]
    ApiKeyNotFound {
        /// The key's id.
        key_id: String,
    },
    /// Group `group_id` not found.
    #[code("GROUP_NOT_FOUND", status = 404, meaning = "")]
    #[message("group {group_id} not found")]
    GroupNotFound {
        /// The group's id.
        group_id: String,
    },
    /// Group `group_id` has no role '`role`'.
    #[code("GROUP_ROLE_NOT_FOUND", status = 404, meaning = "")]
    #[message("group {group_id} has no role '{role}'")]
    GroupRoleNotFound {
        /// The group's id.
        group_id: String,
        /// The role's name.
        role: String,
    },
    /// Tenant template '`template`' not found.
    #[code("TENANT_TEMPLATE_NOT_FOUND", status = 404, meaning = "")]
    #[message("tenant template '{template}' not found")]
    TenantTemplateNotFound {
        /// The template's name.
        template: String,
    },
    /// Module '`module`' has no permission '`permission`'.
    #[code("MODULE_PERMISSION_NOT_FOUND", status = 404, meaning = "")]
    #[message("module '{module}' has no permission '{permission}'")]
    ModulePermissionNotFound {
        /// The module's name.
        module: String,
        /// The permission required.
        permission: String,
    },
    /// Custom role '`role`' not found.
    #[code("CUSTOM_ROLE_NOT_FOUND", status = 404, meaning = "")]
    #[message("custom role '{role}' not found")]
    CustomRoleNotFound {
        /// The role's name.
        role: String,
    },
    /// Routing policy `policy_id` not found.
    #[code("ROUTING_POLICY_NOT_FOUND", status = 404, meaning = "")]
    #[message("routing policy {policy_id} not found")]
    RoutingPolicyNotFound {
        /// The routing policy's id.
        policy_id: String,
    },
    /// No access grant of model '`model`' to tenant `tenant_id`.
    #[code("MODEL_ACCESS_NOT_FOUND", status = 404, meaning = "")]
    #[message("no access grant of model '{model}' to tenant {tenant_id}")]
    ModelAccessNotFound {
        /// The model's slug.
        model: String,
        /// The tenant's id.
        tenant_id: String,
    },
    /// Model group '`group`' not found.
    #[code("MODEL_GROUP_NOT_FOUND", status = 404, meaning = "")]
    #[message("model group '{group}' not found")]
    ModelGroupNotFound {
        /// The group's name.
        group: String,
    },
    /// Batch `batch_id` not found.
    #[code("BATCH_NOT_FOUND", status = 404, meaning = "")]
    #[message("batch {batch_id} not found")]
    BatchNotFound {
        /// The batch's id.
        batch_id: String,
    },
    /// Session `session_id` not found.
    #[code("SESSION_NOT_FOUND", status = 404, meaning = "")]
    #[message("session {session_id} not found")]
    SessionNotFound {
        /// The session's id.
        session_id: String,
    },
    /// Room `room_id` not found.
    #[code("ROOM_NOT_FOUND", status = 404, meaning = "")]
    #[message("room {room_id} not found")]
    RoomNotFound {
        /// The room's id.
        room_id: String,
    },
    /// User `user_id` is not in room `room_id`.
    #[code("ROOM_MEMBER_NOT_FOUND", status = 404, meaning = "")]
    #[message("user {user_id} is not in room {room_id}")]
    RoomMemberNotFound {
        /// The room's id.
        room_id: String,
        /// The user's id.
        user_id: String,
    },
    /// Caller not a room member
    #[code("ROOM_ACCESS_DENIED", status = 403)]
    #[message("not a member of room {room_id}")]
    RoomAccessDenied {
        /// The room's id.
        room_id: String,
    },
    /// OAI Responses API
    #[code("RESPONSE_NOT_FOUND", status = 404)]
    #[message("response {response_id} not found")]
    ResponseNotFound {
        /// The response's id.
        response_id: String,
    },
    /// Webhook `webhook_id` not found.
    #[code("WEBHOOK_NOT_FOUND", status = 404, meaning = "")]
    #[message("webhook {webhook_id} not found")]
    WebhookNotFound {
        /// The webhook's id.
        webhook_id: String,
    },
    /// Checkpoint `checkpoint_id` not found.
    #[code("CHECKPOINT_NOT_FOUND", status = 404, meaning = "")]
    #[message("checkpoint {checkpoint_id} not found")]
    CheckpointNotFound {
        /// The checkpoint's id.
        checkpoint_id: String,
    },
    /// Checkpoint `checkpoint_id` was already `resolution`.
    #[code("CHECKPOINT_ALREADY_RESOLVED", status = 409, meaning = "")]
    #[message("checkpoint {checkpoint_id} was already {resolution}")]
    CheckpointAlreadyResolved {
        /// The checkpoint's id.
        checkpoint_id: String,
        /// How it was resolved: `approved` or `rejected`.
        resolution: String,
    },
    /// User not authorized to resolve
    #[code("CHECKPOINT_ASSIGNEE_DENIED", status = 403)]
    #[message("user {user_id} may not resolve checkpoint {checkpoint_id}")]
    CheckpointAssigneeDenied {
        /// The checkpoint's id.
        checkpoint_id: String,
        /// The user's id.
        user_id: String,
    },
}

/// Delegated-token failures.
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "DELEGATION_",
    family = "delegation"
)]
pub enum DelegationError {
    /// Delegation scopes exceed user's own permissions
    #[code("DELEGATION_INVALID", status = 400)]
    #[message("delegation asks for scopes the user lacks: {excess_scopes:?}")]
    Invalid {
        /// The scopes asked for beyond the user's own.
        #[detail]
        excess_scopes: Vec<String>,
    },
}

/// ScaiInfer node failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "inference")]
pub enum InferenceError {
    /// ScaiInfer node doesn't exist
    #[code("INFERENCE_NODE_NOT_FOUND", status = 404)]
    #[message("inference node {node_id} not found")]
    NodeNotFound {
        /// The node's id.
        node_id: String,
    },
    /// Node must be online for this command
    #[code("NODE_NOT_ONLINE", status = 409)]
    #[message("node {node_id} is {state}")]
    NodeNotOnline {
        /// The node's id.
        node_id: String,
        /// The current state.
        #[detail]
        state: String,
    },
    /// Could not connect to node
    #[code("NODE_UNAVAILABLE", status = 502)]
    #[message("could not connect to node {node_id}")]
    NodeUnavailable {
        /// The node's id.
        node_id: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
    /// Node doesn't support registry browsing
    #[code("REGISTRY_NOT_AVAILABLE", status = 501, expose)]
    #[message("node {node_id} doesn't support registry browsing")]
    RegistryNotAvailable {
        /// The node's id.
        node_id: String,
    },
}

/// ScaiCore failures (`CORE_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "CORE_", family = "cores")]
pub enum CoreError {
    /// Core `core_id` not found.
    #[code("CORE_NOT_FOUND", status = 404, meaning = "")]
    #[message("core {core_id} not found")]
    NotFound {
        /// The core's id.
        core_id: String,
    },
}

/// Inbound webhook failures (`WEBHOOK_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "WEBHOOK_",
    family = "webhooks"
)]
pub enum WebhookError {
    /// Inbound webhook signature verification failed
    #[code("WEBHOOK_VERIFICATION_ERROR", status = 401)]
    #[message("signature of webhook from {sender} failed verification")]
    Verification {
        /// Who sent the webhook.
        sender: String,
    },
}

/// Gateway availability failures (`SERVICE_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SERVICE_",
    family = "service"
)]
pub enum ServiceError {
    /// Gateway is shutting down; retry shortly
    #[code("SERVICE_DRAINING", status = 503, expose)]
    #[message("gateway is shutting down")]
    Draining {
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
    /// A dependency (Redis, MariaDB) is down
    #[code("SERVICE_UNAVAILABLE", status = 503)]
    #[message("{dependency} is down")]
    Unavailable {
        /// The unreachable dependency, e.g. `redis`.
        dependency: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
}

/// ScaiKey synchronisation failures (`SYNC_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SYNC_", family = "sync")]
pub enum SyncError {
    /// Failed to sync from ScaiKey
    #[code("SYNC_ERROR", status = 502)]
    #[message("sync from ScaiKey failed: {cause}")]
    Failed {
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
}

/// The generic fallback for unexpected failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "fallback")]
pub enum InternalError {
    /// Unexpected server-side error. Always report with request ID
    #[code("INTERNAL_ERROR", status = 500)]
    #[message("internal error: {0}")]
    Internal(#[source] io::Error),
}

/// ScaiBot module failures (`SCAIBOT_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SCAIBOT_",
    family = "scaibot"
)]
pub enum ScaiBotError {
    /// Bot doesn't exist
    #[code("SCAIBOT_BOT_NOT_FOUND", status = 404)]
    #[message("bot {bot_id} not found")]
    BotNotFound {
        /// The bot's id.
        bot_id: String,
    },
    /// Conversation doesn't exist
    #[code("SCAIBOT_CONVERSATION_NOT_FOUND", status = 404)]
    #[message("conversation {conversation_id} not found")]
    ConversationNotFound {
        /// The conversation's id.
        conversation_id: String,
    },
}

/// ScaiQueue module failures (`SCAIQUEUE_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SCAIQUEUE_",
    family = "scaiqueue"
)]
pub enum ScaiQueueError {
    /// Message doesn't exist in the queue
    #[code("SCAIQUEUE_MESSAGE_NOT_FOUND", status = 404)]
    #[message("message {message_id} not in queue '{queue}'")]
    MessageNotFound {
        /// The queue's name.
        queue: String,
        /// The message's id.
        message_id: String,
    },
    /// Claim expired or is held by another consumer
    #[code("SCAIQUEUE_CLAIM_INVALID", status = 409)]
    #[message("claim {claim_id} on message {message_id} expired or is held by another consumer")]
    ClaimInvalid {
        /// The message's id.
        message_id: String,
        /// The claim presented by the consumer.
        #[detail]
        claim_id: String,
    },
}

/// ScaiBunker (sandboxed workloads) module failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "scaibunker")]
pub enum BunkerError {
    /// Bunker doesn't exist
    #[code("BUNKER_NOT_FOUND", status = 404)]
    #[message("bunker {bunker_id} not found")]
    NotFound {
        /// The bunker's id.
        bunker_id: String,
    },
    /// Bunker must be running for this operation
    #[code("BUNKER_NOT_RUNNING", status = 409)]
    #[message("bunker {bunker_id} is {state}")]
    NotRunning {
        /// The bunker's id.
        bunker_id: String,
        /// The current state.
        #[detail]
        state: String,
    },
    /// Tenant's bunker quota reached
    #[code("BUNKER_QUOTA_EXCEEDED", status = 429)]
    #[message("bunker quota '{quota}' of {limit} reached")]
    QuotaExceeded {
        /// The quota's name.
        #[detail]
        quota: String,
        /// The limit that was hit.
        #[detail]
        limit: u64,
    },
    /// Lifecycle transition not allowed from the current state
    #[code("BUNKER_TRANSITION_ERROR", status = 409)]
    #[message("bunker {bunker_id} cannot go from {from} to {to}")]
    Transition {
        /// The bunker's id.
        bunker_id: String,
        /// The current lifecycle state.
        #[detail]
        from: String,
        /// The state asked for.
        #[detail]
        to: String,
    },
    /// Worker is offline or draining
    #[code("WORKER_UNAVAILABLE", status = 503)]
    #[message("worker {worker_id} is unavailable")]
    WorkerUnavailable {
        /// The worker's id.
        worker_id: String,
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
    /// No worker matches the bunker's requirements
    #[code("NO_SUITABLE_WORKER", status = 503, expose)]
    #[message("no worker satisfies {requirements}")]
    NoSuitableWorker {
        /// The bunker's placement requirements.
        #[detail]
        requirements: String,
    },
    /// Image doesn't exist
    #[code("IMAGE_NOT_FOUND", status = 404)]
    #[message("image '{image}' not found")]
    ImageNotFound {
        /// The image reference.
        #[detail]
        image: String,
    },
    /// Bridge doesn't exist
    #[code("BRIDGE_NOT_FOUND", status = 404)]
    #[message("bridge {bridge_id} not found")]
    BridgeNotFound {
        /// The bridge's id.
        bridge_id: String,
    },
    /// Availability group doesn't exist
    #[code("AVAILABILITY_GROUP_NOT_FOUND", status = 404)]
    #[message("availability group '{group}' not found")]
    AvailabilityGroupNotFound {
        /// The group's name.
        group: String,
    },
    /// Quota profile doesn't exist
    #[code("QUOTA_PROFILE_NOT_FOUND", status = 404)]
    #[message("quota profile '{profile}' not found")]
    QuotaProfileNotFound {
        /// The profile's name.
        profile: String,
    },
    /// Tenant already has another quota profile assigned
    #[code("QUOTA_ASSIGNMENT_CONFLICT", status = 409)]
    #[message("tenant {tenant_id} already has a quota profile other than '{profile}'")]
    QuotaAssignmentConflict {
        /// The profile's name.
        profile: String,
        /// The tenant's id.
        tenant_id: String,
    },
    /// Lifecycle mode not allowed for the tenant
    #[code("LIFECYCLE_MODE_DENIED", status = 403)]
    #[message("lifecycle mode '{mode}' is not allowed for this tenant")]
    LifecycleModeDenied {
        /// The mode asked for.
        #[detail]
        mode: String,
    },
    /// Network profile not allowed for the tenant
    #[code("NETWORK_PROFILE_DENIED", status = 403)]
    #[message("network profile '{profile}' is not allowed for this tenant")]
    NetworkProfileDenied {
        /// The profile's name.
        #[detail]
        profile: String,
    },
    /// Peer list checksum doesn't match its content
    #[code("PEERS_BAD_SHA", status = 400)]
    #[message("peer list checksum {actual} does not match {expected}")]
    PeersBadSha {
        /// What was expected.
        #[detail]
        expected: String,
        /// What the request actually carried.
        #[detail]
        actual: String,
    },
    /// Peer request lacks the worker id header
    #[code("PEERS_MISSING_WORKER_HEADER", status = 400)]
    #[message("peer request without the X-Worker-Id header")]
    PeersMissingWorkerHeader,
}

/// ScaiMatrix (vector collections) module failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "scaimatrix")]
pub enum MatrixError {
    /// Collection doesn't exist
    #[code("COLLECTION_NOT_FOUND", status = 404)]
    #[message("collection '{collection}' not found")]
    CollectionNotFound {
        /// The collection's name.
        collection: String,
    },
    /// Document doesn't exist in the collection
    #[code("DOCUMENT_NOT_FOUND", status = 404)]
    #[message("document {document_id} not in collection '{collection}'")]
    DocumentNotFound {
        /// The collection's name.
        collection: String,
        /// The document's id.
        document_id: String,
    },
}

/// ScaiMind (training) module failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", family = "scaimind")]
pub enum MindError {
    /// Training job doesn't exist
    #[code("TRAINING_JOB_NOT_FOUND", status = 404)]
    #[message("training job {job_id} not found")]
    TrainingJobNotFound {
        /// The training job's id.
        job_id: String,
    },
    /// Evaluation doesn't exist
    #[code("EVALUATION_NOT_FOUND", status = 404)]
    #[message("evaluation {evaluation_id} not found")]
    EvaluationNotFound {
        /// The evaluation's id.
        evaluation_id: String,
    },
}

/// ScaiPersona module failures (`PERSONA_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "PERSONA_",
    family = "scaipersona"
)]
pub enum PersonaError {
    /// Persona doesn't exist
    #[code("PERSONA_NOT_FOUND", status = 404)]
    #[message("persona '{persona}' not found")]
    NotFound {
        /// The persona's slug.
        persona: String,
    },
    /// Persona is a draft; publish it before use
    #[code("PERSONA_NOT_PUBLISHED", status = 409)]
    #[message("persona '{persona}' is a draft; publish it first")]
    NotPublished {
        /// The persona's slug.
        persona: String,
    },
}

/// ScaiSkills module failures (`SKILL_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SKILL_",
    family = "scaiskills"
)]
pub enum SkillError {
    /// Skill doesn't exist
    #[code("SKILL_NOT_FOUND", status = 404)]
    #[message("skill '{skill}' not found")]
    NotFound {
        /// The skill's name.
        skill: String,
    },
    /// Skill version was yanked
    #[code("SKILL_VERSION_YANKED", status = 410)]
    #[message("version {version} of skill '{skill}' was yanked")]
    VersionYanked {
        /// The skill's name.
        skill: String,
        /// The version asked for.
        #[detail]
        version: String,
    },
}

/// ScaiLink module failures (`SCAILINK_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SCAILINK_",
    family = "scailink"
)]
pub enum ScaiLinkError {
    /// Link session doesn't exist
    #[code("SCAILINK_SESSION_NOT_FOUND", status = 404)]
    #[message("link session {session_id} not found")]
    SessionNotFound {
        /// The session's id.
        session_id: String,
    },
    /// Capability not granted to the link
    #[code("SCAILINK_CAPABILITY_DENIED", status = 403)]
    #[message("capability '{capability}' not granted to this link")]
    CapabilityDenied {
        /// The capability asked for.
        #[detail]
        capability: String,
    },
}

/// The whole ScaiGrid catalogue, sectioned like its reference page; the module codes
/// form the "Module-specific errors" section, one family per module.
pub const PRODUCT: Product = Product::new(
    "ScaiGrid",
    &[
        Section::new("Authentication and authorization", &["auth"]),
        Section::new("Validation", &["validation"]),
        Section::new("Models and backends", &["models"]),
        Section::new("Providers", &["providers"]),
        Section::new("Rate limits and quotas", &["limits"]),
        Section::new("Tenancy", &["tenancy"]),
        Section::new("Modules", &["modules"]),
        Section::new("Resources", &["resources"]),
        Section::new("Delegation", &["delegation"]),
        Section::new("Inference infrastructure", &["inference"]),
        Section::new("Cores (ScaiCore)", &["cores"]),
        Section::new("Webhooks", &["webhooks"]),
        Section::new("Service state", &["service"]),
        Section::new(
            "Module-specific errors",
            &[
                "scaibot",
                "scaiqueue",
                "scaibunker",
                "scaimatrix",
                "scaimind",
                "scaipersona",
                "scaiskills",
                "scailink",
            ],
        ),
        Section::new("Sync", &["sync"]),
        Section::new("Generic fallback", &["fallback"]),
    ],
    &[
        AuthError::CATALOG,
        ValidationError::CATALOG,
        ModelError::CATALOG,
        BackendError::CATALOG,
        ProviderError::CATALOG,
        LimitError::CATALOG,
        TenancyError::CATALOG,
        ModuleError::CATALOG,
        ResourceError::CATALOG,
        DelegationError::CATALOG,
        InferenceError::CATALOG,
        CoreError::CATALOG,
        WebhookError::CATALOG,
        ServiceError::CATALOG,
        SyncError::CATALOG,
        InternalError::CATALOG,
        ScaiBotError::CATALOG,
        ScaiQueueError::CATALOG,
        BunkerError::CATALOG,
        MatrixError::CATALOG,
        MindError::CATALOG,
        PersonaError::CATALOG,
        SkillError::CATALOG,
        ScaiLinkError::CATALOG,
    ],
);

/// A few realistic ScaiGrid errors: a plain 4xx, a 4xx with details, a validation error,
/// 429s with a retry hint, 5xx errors with a source, and a module error.
#[must_use]
pub fn samples() -> Vec<Box<dyn ApiError + Send + Sync>> {
    vec![
        Box::new(AuthError::TokenMissing),
        Box::new(ModelError::NotFound {
            model: "gpt-7-turbo".into(),
        }),
        Box::new(ValidationError::Invalid {
            violations: vec![
                Violation::new(["messages"], "must contain at least 1 item")
                    .kind("too_short")
                    .ctx("min_length", 1),
                Violation::new(["temperature"], "must be less than or equal to 2")
                    .kind("less_than_equal")
                    .input(3.5)
                    .ctx("le", 2),
            ],
        }),
        Box::new(LimitError::RateLimited {
            retry_after_secs: 30,
        }),
        Box::new(BackendError::RateLimited {
            backend_id: "be_openai_eu1".into(),
            retry_after: Duration::from_secs(20),
        }),
        Box::new(BackendError::Upstream {
            backend_id: "be_openai_eu1".into(),
            upstream_status: 500,
            body: r#"{"error":{"message":"The server had an error"}}"#.into(),
        }),
        Box::new(InternalError::Internal(io::Error::other(
            "pool timed out waiting for a connection",
        ))),
        Box::new(BunkerError::NotRunning {
            bunker_id: "bkr_7f3a".into(),
            state: "stopped".into(),
        }),
    ]
}

/// What ScaiGrid answers for the serving layer's own failures, for
/// [`Envelopes::failures`](api_envelope::integrations::Envelopes::failures).
///
/// | failure | code |
/// |---|---|
/// | unparseable or invalid body, invalid or missing parameter | `VALIDATION_ERROR` (422, `details` per field; "request body didn't match the schema" for an invalid body) |
/// | rate limited | `RATE_LIMITED` (429, `retry_after` and `Retry-After`) |
/// | panic, internal | `INTERNAL_ERROR` (500) |
/// | a bare 503 | `SERVICE_UNAVAILABLE` |
/// | anything else | the reason phrase: `NOT_FOUND`, `METHOD_NOT_ALLOWED`, `PAYLOAD_TOO_LARGE`, `GATEWAY_TIMEOUT` |
///
/// ```
/// use api_envelope::integrations::Failure;
///
/// let failures = api_envelope_examples::scaigrid::failures();
/// assert_eq!(failures.resolve(Failure::RateLimited).entry.code, "RATE_LIMITED");
/// assert_eq!(failures.resolve(Failure::NoRoute).entry.code, "NOT_FOUND");
/// ```
#[must_use]
pub fn failures() -> Failures {
    use api_envelope::integrations::Failure;

    let validation = <ValidationError as Catalogued>::CATALOG
        .get("VALIDATION_ERROR")
        .expect("VALIDATION_ERROR is in the catalogue");
    let internal = <InternalError as Catalogued>::CATALOG
        .get("INTERNAL_ERROR")
        .expect("INTERNAL_ERROR is in the catalogue");
    let rate_limited = <LimitError as Catalogued>::CATALOG
        .get("RATE_LIMITED")
        .expect("RATE_LIMITED is in the catalogue");
    let unavailable = <ServiceError as Catalogued>::CATALOG
        .get("SERVICE_UNAVAILABLE")
        .expect("SERVICE_UNAVAILABLE is in the catalogue");
    Failures::new()
        .code(Failure::BodyUnparseable, validation)
        .code_with_message(
            Failure::BodyInvalid,
            validation,
            "request body didn't match the schema",
        )
        .code(Failure::ParameterInvalid, validation)
        .code(Failure::ParameterMissing, validation)
        .code(Failure::RateLimited, rate_limited)
        .code(Failure::Internal, internal)
        .code(Failure::Panic, internal)
        .status(unavailable)
        .fallback(Fallback::reason_phrase("", Convention::ScreamingSnake))
}

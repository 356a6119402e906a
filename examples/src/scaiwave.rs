//! ScaiWave (chat, rooms, AI, calls): all 72 `SW_*` codes of its reference page.
//!
//! Every error answers `{"error":{"code":"SW_*","message":"..."}}`; a 422 adds
//! `error.details`, a 500 adds `error.request_id`. The backend splits its errors into one
//! enum per area (the AI area has two: the AI participant and its plugins), all spelled
//! `SCREAMING_SNAKE` with the `SW_` prefix; [`PRODUCT`] joins them in the order and under
//! the headings of the reference page.

use std::io;
use std::time::Duration;

use api_envelope::integrations::{Failures, Fallback};
use api_envelope::{ApiError, Catalogued, Convention, Product, Section, Violation};

/// Authentication and authorisation failures (`SW_AUTH_*`): tokens, OIDC, permissions.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_AUTH_", family = "auth")]
pub enum AuthError {
    /// Token failed validation.
    #[code("SW_AUTH_INVALID_TOKEN", status = 401)]
    #[message("access token rejected: {reason}")]
    InvalidToken {
        /// Why, for the caller.
        reason: String,
    },
    /// Token expired. Refresh.
    #[code("SW_AUTH_EXPIRED_TOKEN", status = 401)]
    ExpiredToken,
    /// OIDC code exchange failed.
    #[code("SW_AUTH_OIDC_FAILED", status = 400)]
    #[message("OIDC code exchange with {provider} failed")]
    OidcFailed {
        /// The provider's name.
        provider: String,
    },
    /// `redirect_uri` doesn't match config.
    #[code("SW_AUTH_REDIRECT_MISMATCH", status = 400)]
    #[message("redirect_uri '{redirect_uri}' doesn't match the configured callbacks")]
    RedirectMismatch {
        /// The `redirect_uri` sent.
        #[detail]
        redirect_uri: String,
    },
    /// You lack the required permission/role.
    #[code("SW_AUTH_INSUFFICIENT_PERMISSION", status = 403)]
    #[message("permission '{permission}' required")]
    InsufficientPermission {
        /// The permission required.
        #[detail]
        permission: String,
    },
    /// Token's `tenant_id` doesn't match the resource.
    #[code("SW_AUTH_TENANT_MISMATCH", status = 403)]
    #[message("token of tenant {token_tenant} used on a resource of tenant {resource_tenant}")]
    TenantMismatch {
        /// The tenant of the token.
        token_tenant: String,
        /// The tenant owning the resource.
        resource_tenant: String,
    },
}

/// Tenant and membership failures.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "tenant")]
pub enum TenantError {
    /// Tenant id doesn't exist.
    #[code("SW_TENANT_NOT_FOUND", status = 404)]
    #[message("tenant {tenant_id} not found")]
    TenantNotFound {
        /// The tenant's id.
        tenant_id: String,
    },
    /// One of the tenant's limits hit.
    #[code("SW_TENANT_CAPACITY", status = 409)]
    #[message("tenant limit '{limit}' reached ({max})")]
    TenantCapacity {
        /// The limit that was hit.
        #[detail]
        limit: String,
        /// The tenant's maximum.
        #[detail]
        max: u64,
    },
    /// Caller is not a member of the resource.
    #[code("SW_NOT_MEMBER", status = 403)]
    #[message("not a member of {resource_id}")]
    NotMember {
        /// The resource's id.
        resource_id: String,
    },
}

/// Room failures (`SW_ROOM_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_ROOM_", family = "rooms")]
pub enum RoomError {
    /// Room `room_id` not found.
    #[code("SW_ROOM_NOT_FOUND", status = 404, meaning = "")]
    #[message("room {room_id} not found")]
    NotFound {
        /// The room's id.
        #[detail]
        room_id: String,
    },
    /// No access to room `room_id`.
    #[code("SW_ROOM_FORBIDDEN", status = 403, meaning = "")]
    #[message("no access to room {room_id}")]
    Forbidden {
        /// The room's id.
        room_id: String,
    },
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen {
        /// The room's id.
        room_id: String,
    },
    /// Op invalid for this `room_type`.
    #[code("SW_ROOM_TYPE_INVARIANT", status = 400)]
    #[message("'{operation}' is not valid for a {room_type} room")]
    TypeInvariant {
        /// The room's type.
        #[detail]
        room_type: String,
        /// The operation attempted.
        #[detail]
        operation: String,
    },
    /// Tenant max_participants reached.
    #[code("SW_ROOM_CAPACITY", status = 409)]
    #[message("room {room_id} is full ({max_participants} participants)")]
    Capacity {
        /// The room's id.
        room_id: String,
        /// The tenant's participant cap.
        #[detail]
        max_participants: u32,
    },
    /// Sidekick/bridge/incognito/federated.
    #[code("SW_ROOM_EXPORT_REFUSED", status = 400)]
    #[message("{room_type} room {room_id} cannot be exported")]
    ExportRefused {
        /// The room's id.
        room_id: String,
        /// The room's type.
        room_type: String,
    },
    /// Same.
    #[code("SW_ROOM_IMPORT_REFUSED", status = 400)]
    #[message("cannot import into a {room_type} room")]
    ImportRefused {
        /// The room's type.
        room_type: String,
    },
}

/// Event and message failures, including the tenant's message rate cap.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "events")]
pub enum EventError {
    /// Event `event_id` not found.
    #[code("SW_EVENT_NOT_FOUND", status = 404, meaning = "")]
    #[message("event {event_id} not found")]
    EventNotFound {
        /// The event's id.
        #[detail]
        event_id: String,
    },
    /// Past the edit window.
    #[code("SW_EVENT_TOO_OLD_TO_EDIT", status = 409)]
    #[message("event {event_id} is past the {edit_window_secs}s edit window")]
    TooOldToEdit {
        /// The event's id.
        event_id: String,
        /// The edit window, in seconds.
        #[detail]
        edit_window_secs: u64,
    },
    /// Not yours and you lack power.
    #[code("SW_REDACT_FORBIDDEN", status = 403)]
    #[message("you cannot redact event {event_id}")]
    RedactForbidden {
        /// The event's id.
        event_id: String,
    },
    /// > 64 KB.
    #[code("SW_CONTENT_TOO_LARGE", status = 413)]
    #[message("content is {size} bytes; the limit is {limit}")]
    ContentTooLarge {
        /// The size sent, in bytes.
        #[detail]
        size: usize,
        /// The limit that was hit.
        #[detail]
        limit: usize,
    },
    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429)]
    #[message("rate limited; retry in {retry_after:?}")]
    RateLimitExceeded {
        /// When to retry.
        #[retry_after]
        retry_after: Duration,
    },
}

/// Collaborative note failures (`SW_NOTE_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_NOTE_", family = "notes")]
pub enum NoteError {
    /// Note '`path`' not found.
    #[code("SW_NOTE_NOT_FOUND", status = 404, meaning = "")]
    #[message("note '{path}' not found")]
    NotFound {
        /// The path asked for.
        #[detail]
        path: String,
    },
    /// No access to note '`path`'.
    #[code("SW_NOTE_FORBIDDEN", status = 403, meaning = "")]
    #[message("no access to note '{path}'")]
    Forbidden {
        /// The path asked for.
        path: String,
    },
    /// Concurrent edit; resolve via CRDT path.
    #[code("SW_NOTE_CONFLICT", status = 409)]
    #[message("note '{path}' changed: revision {current_revision}, edit based on {base_revision}")]
    Conflict {
        /// The path asked for.
        #[detail]
        path: String,
        /// The revision the edit was based on.
        #[detail]
        base_revision: u64,
        /// The note's current revision.
        #[detail]
        current_revision: u64,
    },
    /// Note storage quota of `quota_bytes` bytes exceeded.
    #[code("SW_NOTE_QUOTA_EXCEEDED", status = 409, meaning = "")]
    #[message("note storage quota of {quota_bytes} bytes exceeded")]
    QuotaExceeded {
        /// The storage quota, in bytes.
        #[detail]
        quota_bytes: u64,
    },
}

/// Workspace failures (`SW_WORKSPACE_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SW_WORKSPACE_",
    family = "workspaces"
)]
pub enum WorkspaceError {
    /// Workspace `workspace_id` not found.
    #[code("SW_WORKSPACE_NOT_FOUND", status = 404, meaning = "")]
    #[message("workspace {workspace_id} not found")]
    NotFound {
        /// The workspace's id.
        workspace_id: String,
    },
    /// No access to workspace `workspace_id`.
    #[code("SW_WORKSPACE_FORBIDDEN", status = 403, meaning = "")]
    #[message("no access to workspace {workspace_id}")]
    Forbidden {
        /// The workspace's id.
        workspace_id: String,
    },
    /// Workspace `workspace_id` must keep at least one owner.
    #[code("SW_WORKSPACE_NEEDS_OWNER", status = 403, meaning = "")]
    #[message("workspace {workspace_id} must keep at least one owner")]
    NeedsOwner {
        /// The workspace's id.
        workspace_id: String,
    },
    /// Workspace slug '`slug`' is taken.
    #[code("SW_WORKSPACE_SLUG_TAKEN", status = 409, meaning = "")]
    #[message("workspace slug '{slug}' is taken")]
    SlugTaken {
        /// The slug asked for.
        #[detail]
        slug: String,
    },
}

/// AI participant failures (`SW_AI_*`): the ScaiGrid token, models, generation budget.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_AI_", family = "ai")]
pub enum AiError {
    /// No ScaiGrid token available.
    #[code("SW_AI_NO_TOKEN", status = 503)]
    NoToken,
    /// Model not registered with this tenant.
    #[code("SW_AI_MODEL_NOT_FOUND", status = 404)]
    #[message("model '{model}' is not registered with this tenant")]
    ModelNotFound {
        /// The model's slug.
        #[detail]
        model: String,
    },
    /// Already generating.
    #[code("SW_AI_BUSY", status = 409)]
    #[message("the AI is already generating in room {room_id}")]
    Busy {
        /// The room's id.
        room_id: String,
    },
    /// Monthly token cap hit.
    #[code("SW_AI_BUDGET_EXCEEDED", status = 429)]
    #[message("monthly token cap of {monthly_tokens} reached")]
    BudgetExceeded {
        /// The monthly token cap.
        #[detail]
        monthly_tokens: u64,
        /// When the cap resets.
        #[retry_after]
        resets_in: Duration,
    },
}

/// Plugin (tool) failures (`SW_PLUGIN_*`), listed with the AI codes.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_PLUGIN_", family = "ai")]
pub enum PluginError {
    /// Plugin disabled for tenant/room.
    #[code("SW_PLUGIN_FORBIDDEN", status = 403)]
    #[message("plugin '{plugin}' is disabled here")]
    Forbidden {
        /// The plugin's name.
        plugin: String,
    },
    /// Plugin '`plugin`' not found.
    #[code("SW_PLUGIN_NOT_FOUND", status = 404, meaning = "")]
    #[message("plugin '{plugin}' not found")]
    NotFound {
        /// The plugin's name.
        #[detail]
        plugin: String,
    },
    /// Tool call exceeded 30s.
    #[code("SW_PLUGIN_TIMEOUT", status = 504)]
    #[message("plugin '{plugin}' did not answer within {timeout_secs}s")]
    Timeout {
        /// The plugin's name.
        plugin: String,
        /// How long we waited, in seconds.
        timeout_secs: u64,
    },
}

/// Plan (multi-step AI task) failures (`SW_PLAN_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_PLAN_", family = "plans")]
pub enum PlanError {
    /// Plan `plan_id` not found.
    #[code("SW_PLAN_NOT_FOUND", status = 404, meaning = "")]
    #[message("plan {plan_id} not found")]
    NotFound {
        /// The plan's id.
        #[detail]
        plan_id: String,
    },
    /// Op requires running.
    #[code("SW_PLAN_NOT_RUNNING", status = 400)]
    #[message("plan {plan_id} is {state}, not running")]
    NotRunning {
        /// The plan's id.
        plan_id: String,
        /// The current state.
        state: String,
    },
    /// Plan `plan_id` cannot be paused while `state`.
    #[code("SW_PLAN_NOT_PAUSABLE", status = 400, meaning = "")]
    #[message("plan {plan_id} cannot be paused while {state}")]
    NotPausable {
        /// The plan's id.
        plan_id: String,
        /// The current state.
        state: String,
    },
    /// Plan `plan_id` cannot run while `state`.
    #[code("SW_PLAN_NOT_RUNNABLE", status = 400, meaning = "")]
    #[message("plan {plan_id} cannot run while {state}")]
    NotRunnable {
        /// The plan's id.
        plan_id: String,
        /// The current state.
        state: String,
    },
    /// > 20 steps.
    #[code("SW_PLAN_TOO_MANY_STEPS", status = 400)]
    #[message("{steps} steps; a plan has at most {max_steps}")]
    TooManySteps {
        /// How many steps were sent.
        #[detail]
        steps: usize,
        /// The most steps a plan may have.
        #[detail]
        max_steps: usize,
    },
    /// A plan needs at least one step.
    #[code("SW_PLAN_EMPTY_STEPS", status = 400, meaning = "")]
    #[message("a plan needs at least one step")]
    EmptySteps,
    /// A plan needs a goal.
    #[code("SW_PLAN_EMPTY_GOAL", status = 400, meaning = "")]
    #[message("a plan needs a goal")]
    EmptyGoal,
    /// Plan has no step `step_id`.
    #[code("SW_PLAN_UNKNOWN_STEP", status = 400, meaning = "")]
    #[message("plan has no step {step_id}")]
    UnknownStep {
        /// The step's id.
        #[detail]
        step_id: String,
    },
    /// Step already done/failed/skipped.
    #[code("SW_PLAN_STEP_TERMINAL", status = 400)]
    #[message("step {step_id} is already {state}")]
    StepTerminal {
        /// The step's id.
        step_id: String,
        /// The current state.
        state: String,
    },
    /// Unknown plan mode '`mode`'.
    #[code("SW_PLAN_BAD_MODE", status = 400, meaning = "")]
    #[message("unknown plan mode '{mode}'")]
    BadMode {
        /// The mode asked for.
        #[detail]
        mode: String,
    },
    /// Cannot advance past step `step_id`.
    #[code("SW_PLAN_BAD_ADVANCE", status = 400, meaning = "")]
    #[message("cannot advance past step {step_id}")]
    BadAdvance {
        /// The step's id.
        step_id: String,
    },
    /// Unknown next action '`action`'.
    #[code("SW_PLAN_BAD_NEXT_ACTION", status = 400, meaning = "")]
    #[message("unknown next action '{action}'")]
    BadNextAction {
        /// The owner-only action attempted.
        #[detail]
        action: String,
    },
    /// `venue=sidekick` without room id.
    #[code("SW_PLAN_NEEDS_SIDEKICK_ROOM", status = 400)]
    #[message("venue=sidekick needs a room id")]
    NeedsSidekickRoom,
    /// Unknown venue '`venue`'.
    #[code("SW_PLAN_BAD_VENUE", status = 400, meaning = "")]
    #[message("unknown venue '{venue}'")]
    BadVenue {
        /// The venue asked for.
        #[detail]
        venue: String,
    },
}

/// Sidekick (background AI task) failures (`SW_SIDEKICK_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SW_SIDEKICK_",
    family = "sidekicks"
)]
pub enum SidekickError {
    /// Sidekick `sidekick_id` not found.
    #[code("SW_SIDEKICK_NOT_FOUND", status = 404, meaning = "")]
    #[message("sidekick {sidekick_id} not found")]
    NotFound {
        /// The sidekick's id.
        sidekick_id: String,
    },
    /// Per-user / per-tenant concurrency hit.
    #[code("SW_SIDEKICK_CAP_REACHED", status = 429)]
    #[message("{limit} sidekicks already running")]
    CapReached {
        /// The limit that was hit.
        #[detail]
        limit: u32,
        /// When to retry, in seconds.
        #[retry_after]
        retry_after_secs: u64,
    },
    /// Task exceeded its wall-clock cap.
    #[code("SW_SIDEKICK_TIMEOUT", status = 504)]
    #[message("task {task_id} exceeded its {wall_clock_secs}s cap")]
    Timeout {
        /// The task's id.
        task_id: String,
        /// The task's wall-clock cap, in seconds.
        wall_clock_secs: u64,
    },
}

/// Voice and video call failures (`SW_CALL_*`).
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_CALL_", family = "calls")]
pub enum CallError {
    /// Call `call_id` not found.
    #[code("SW_CALL_NOT_FOUND", status = 404, meaning = "")]
    #[message("call {call_id} not found")]
    NotFound {
        /// The call's id.
        call_id: String,
    },
    /// Call already terminated.
    #[code("SW_CALL_ENDED", status = 410)]
    #[message("call {call_id} has ended")]
    Ended {
        /// The call's id.
        call_id: String,
    },
    /// Backend ops issue.
    #[code("SW_CALL_LIVEKIT_UNREACHABLE", status = 503)]
    #[message("LiveKit unreachable: {0}")]
    LivekitUnreachable(#[source] io::Error),
    /// Tenant has recordings off.
    #[code("SW_CALL_RECORDING_DISABLED", status = 403)]
    RecordingDisabled,
}

/// Federation failures (`SW_FED_*`): peers, signatures, protocol versions.
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SW_FED_",
    family = "federation"
)]
pub enum FederationError {
    /// Sender server not in `allowed_peers`.
    #[code("SW_FED_PEER_UNKNOWN", status = 403)]
    #[message("server '{server}' is not an allowed peer")]
    PeerUnknown {
        /// The sending server's name.
        #[detail]
        server: String,
    },
    /// Event signature failed verification.
    #[code("SW_FED_SIGNATURE_MISMATCH", status = 401)]
    #[message("signature of event {event_id} from {server} failed verification")]
    SignatureMismatch {
        /// The sending server's name.
        server: String,
        /// The event's id.
        event_id: String,
    },
    /// Unsupported protocol version.
    #[code("SW_FED_PROTOCOL_VERSION", status = 400)]
    #[message("unsupported protocol version {version}")]
    ProtocolVersion {
        /// The version asked for.
        #[detail]
        version: String,
        /// The versions this server speaks.
        #[detail]
        supported: Vec<String>,
    },
    /// Room or tenant has federation disabled.
    #[code("SW_FED_REFUSED", status = 403)]
    #[message("federation is disabled for room {room_id}")]
    Refused {
        /// The room's id.
        room_id: String,
    },
}

/// Bridge (foreign chat system) failures (`SW_BRIDGE_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SW_BRIDGE_",
    family = "bridges"
)]
pub enum BridgeError {
    /// Bridge `bridge_id` not found.
    #[code("SW_BRIDGE_NOT_FOUND", status = 404, meaning = "")]
    #[message("bridge {bridge_id} not found")]
    NotFound {
        /// The bridge's id.
        bridge_id: String,
    },
    /// Inbound HMAC failed.
    #[code("SW_BRIDGE_SIGNATURE_MISMATCH", status = 401)]
    #[message("inbound HMAC for bridge {bridge_id} failed")]
    SignatureMismatch {
        /// The bridge's id.
        bridge_id: String,
    },
    /// Bridge is paused.
    #[code("SW_BRIDGE_PAUSED", status = 409)]
    #[message("bridge {bridge_id} is paused")]
    Paused {
        /// The bridge's id.
        bridge_id: String,
    },
    /// Foreign system unreachable.
    #[code("SW_BRIDGE_TRANSPORT_ERROR", status = 502)]
    #[message("bridge {bridge_id} transport failed")]
    TransportError {
        /// The bridge's id.
        bridge_id: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
}

/// Prompt Studio failures (`SW_STUDIO_*`).
#[derive(Debug, ApiError)]
#[api_error(
    convention = "SCREAMING_SNAKE",
    prefix = "SW_STUDIO_",
    family = "studio"
)]
pub enum StudioError {
    /// Tenant flag off.
    #[code("SW_STUDIO_DISABLED", status = 403)]
    Disabled,
    /// Caller not in allowlist.
    #[code("SW_STUDIO_FORBIDDEN", status = 403)]
    #[message("user {user_id} is not in the Prompt Studio allowlist")]
    Forbidden {
        /// The user's id.
        user_id: String,
    },
    /// No AI participant resolved.
    #[code("SW_STUDIO_NO_PARTICIPANT", status = 404)]
    #[message("no AI participant in room {room_id}")]
    NoParticipant {
        /// The room's id.
        room_id: String,
    },
}

/// Cross-cutting failures: generic not-found, request validation, internal errors, outages.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "misc")]
pub enum MiscError {
    /// Generic.
    #[code("SW_NOT_FOUND", status = 404)]
    #[message("{resource} not found")]
    NotFound {
        /// What was looked up.
        resource: String,
    },
    /// Pydantic schema validation failed (details in `error.details`).
    #[code("SW_VALIDATION_ERROR", status = 422)]
    #[message("request validation failed")]
    Validation {
        /// One entry per failing field.
        #[violations]
        violations: Vec<Violation>,
    },
    /// Bug. Includes a `request_id` to grep server logs.
    #[code(
        "SW_INTERNAL_ERROR",
        status = 500,
        public = "Internal error. Quote the request_id when reporting it."
    )]
    #[message("internal error: {0}")]
    Internal(#[source] io::Error),
    /// Downstream (DB / Redis / NATS) unreachable.
    #[code("SW_SERVICE_UNAVAILABLE", status = 503)]
    #[message("{dependency} unreachable")]
    ServiceUnavailable {
        /// The unreachable dependency, e.g. `redis`.
        dependency: String,
        /// The underlying failure (logged, never on the wire).
        #[source]
        cause: io::Error,
    },
}

/// The whole ScaiWave catalogue, sectioned like its reference page.
pub const PRODUCT: Product = Product::new(
    "ScaiWave",
    &[
        Section::new("Auth (`SW_AUTH_*`)", &["auth"]),
        Section::new("Tenant / membership", &["tenant"]),
        Section::new("Rooms", &["rooms"]),
        Section::new("Events / messages", &["events"]),
        Section::new("Notes", &["notes"]),
        Section::new("Workspaces", &["workspaces"]),
        Section::new("AI", &["ai"]),
        Section::new("Plans", &["plans"]),
        Section::new("Sidekicks", &["sidekicks"]),
        Section::new("Calls", &["calls"]),
        Section::new("Federation", &["federation"]),
        Section::new("Bridges", &["bridges"]),
        Section::new("Prompt Studio", &["studio"]),
        Section::new("Misc", &["misc"]),
    ],
    &[
        AuthError::CATALOG,
        TenantError::CATALOG,
        RoomError::CATALOG,
        EventError::CATALOG,
        NoteError::CATALOG,
        WorkspaceError::CATALOG,
        AiError::CATALOG,
        PluginError::CATALOG,
        PlanError::CATALOG,
        SidekickError::CATALOG,
        CallError::CATALOG,
        FederationError::CATALOG,
        BridgeError::CATALOG,
        StudioError::CATALOG,
        MiscError::CATALOG,
    ],
);

/// A few realistic ScaiWave errors: a plain 4xx, a 4xx with details, a validation error,
/// a 429 with a retry hint and 5xx errors with a source.
#[must_use]
pub fn samples() -> Vec<Box<dyn ApiError + Send + Sync>> {
    vec![
        Box::new(RoomError::Frozen {
            room_id: "room_01HZX3K9".into(),
        }),
        Box::new(NoteError::NotFound {
            path: "handbook/onboarding.md".into(),
        }),
        Box::new(NoteError::Conflict {
            path: "handbook/onboarding.md".into(),
            base_revision: 41,
            current_revision: 43,
        }),
        Box::new(MiscError::Validation {
            violations: vec![
                Violation::new(["body", "content", "body"], "Field required").kind("missing"),
                Violation::new(["body", "mentions"], "Input should be a valid list")
                    .at(2)
                    .kind("list_type")
                    .input("@ana"),
            ],
        }),
        Box::new(EventError::RateLimitExceeded {
            retry_after: Duration::from_secs(12),
        }),
        Box::new(AiError::BudgetExceeded {
            monthly_tokens: 2_000_000,
            resets_in: Duration::from_secs(3 * 24 * 3600),
        }),
        Box::new(MiscError::Internal(io::Error::other(
            "UNIQUE constraint failed: room_members.room_id, room_members.user_id",
        ))),
        Box::new(BridgeError::TransportError {
            bridge_id: "brg_slack_ops".into(),
            cause: io::Error::new(io::ErrorKind::ConnectionRefused, "slack.com:443 refused"),
        }),
    ]
}

/// ScaiWave's messages in English and German (`examples/locales/scaiwave/*.ftl`, one per
/// code, with the error's fields and plural rules), for `Envelopes::localizer`: a
/// request with `Accept-Language: de` gets German messages.
///
/// ```
/// use api_envelope::{ApiError, Context};
/// use api_envelope_examples::scaiwave::{RoomError, localizer};
///
/// let localizer = localizer();
/// let err = RoomError::Frozen { room_id: "r1".into() };
/// let ctx = Context::new().locale("de").localizer(&localizer);
/// assert_eq!(ctx.localize_error(&err).as_deref(), Some("Raum r1 ist geschlossen"));
/// ```
///
/// # Panics
/// Never: the files are embedded and checked by the tests.
#[must_use]
pub fn localizer() -> api_envelope::localize::fluent::FluentLocalizer {
    api_envelope::localize::fluent::FluentLocalizer::new()
        .with_ftl("en", include_str!("../locales/scaiwave/en.ftl"))
        .and_then(|l| l.with_ftl("de", include_str!("../locales/scaiwave/de.ftl")))
        .unwrap_or_else(|e| panic!("ScaiWave's embedded messages: {e}"))
}

/// What ScaiWave answers for the serving layer's own failures (an unknown route, a
/// rejected body or parameter, a body over 64 KB, a panic, ...), for
/// [`Envelopes::failures`](api_envelope::integrations::Envelopes::failures).
///
/// | failure | code |
/// |---|---|
/// | no route | `SW_NOT_FOUND` (404) |
/// | unparseable or invalid body, invalid or missing parameter | `SW_VALIDATION_ERROR` (422, "request validation failed", Pydantic entries in `error.details`) |
/// | body over the limit | `SW_CONTENT_TOO_LARGE` (413) |
/// | rate limited | `SW_RATE_LIMIT_EXCEEDED` (429) |
/// | panic, internal | `SW_INTERNAL_ERROR` (500, with `error.request_id`) |
/// | a bare 503 | `SW_SERVICE_UNAVAILABLE` |
/// | anything else | `SW_` + the reason phrase: `SW_METHOD_NOT_ALLOWED`, `SW_GATEWAY_TIMEOUT` |
///
/// ```
/// use api_envelope::integrations::Failure;
///
/// let failures = api_envelope_examples::scaiwave::failures();
/// assert_eq!(failures.resolve(Failure::BodyUnparseable).entry.code, "SW_VALIDATION_ERROR");
/// assert_eq!(failures.resolve(Failure::BodyUnparseable).status, 422);
/// assert_eq!(failures.resolve(Failure::Timeout).entry.code, "SW_GATEWAY_TIMEOUT");
/// ```
#[must_use]
pub fn failures() -> Failures {
    use api_envelope::integrations::Failure;

    let misc = |code| {
        <MiscError as Catalogued>::CATALOG
            .get(code)
            .expect("the code is in ScaiWave's misc catalogue")
    };
    // `MiscError::Validation`'s message, whoever finds the failing fields.
    const VALIDATION_FAILED: &str = "request validation failed";
    let validation = misc("SW_VALIDATION_ERROR");
    let internal = misc("SW_INTERNAL_ERROR");
    let event = |code| {
        <EventError as Catalogued>::CATALOG
            .get(code)
            .expect("the code is in ScaiWave's events catalogue")
    };
    Failures::new()
        .code(Failure::NoRoute, misc("SW_NOT_FOUND"))
        .code_with_message(Failure::BodyUnparseable, validation, VALIDATION_FAILED)
        .code_with_message(Failure::BodyInvalid, validation, VALIDATION_FAILED)
        .code_with_message(Failure::ParameterInvalid, validation, VALIDATION_FAILED)
        .code_with_message(Failure::ParameterMissing, validation, VALIDATION_FAILED)
        .code(Failure::PayloadTooLarge, event("SW_CONTENT_TOO_LARGE"))
        .code(Failure::RateLimited, event("SW_RATE_LIMIT_EXCEEDED"))
        .code(Failure::Internal, internal)
        .code(Failure::Panic, internal)
        .status(misc("SW_SERVICE_UNAVAILABLE"))
        .fallback(Fallback::reason_phrase("SW_", Convention::ScreamingSnake))
}

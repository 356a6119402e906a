//! Every code and status of seed 000 (ScaiWave) is accepted by the derive.

use api_envelope::{ApiError, Catalogued};

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_")]
pub enum ScaiWaveError {
    /// Token failed validation.
    #[code("SW_AUTH_INVALID_TOKEN", status = 401, family = "Auth (`SW_AUTH_*`)")]
    SwAuthInvalidToken,
    /// Token expired. Refresh.
    #[code("SW_AUTH_EXPIRED_TOKEN", status = 401, family = "Auth (`SW_AUTH_*`)")]
    SwAuthExpiredToken,
    /// OIDC code exchange failed.
    #[code("SW_AUTH_OIDC_FAILED", status = 400, family = "Auth (`SW_AUTH_*`)")]
    SwAuthOidcFailed,
    /// `redirect_uri` doesn't match config.
    #[code("SW_AUTH_REDIRECT_MISMATCH", status = 400, family = "Auth (`SW_AUTH_*`)")]
    SwAuthRedirectMismatch,
    /// You lack the required permission/role.
    #[code("SW_AUTH_INSUFFICIENT_PERMISSION", status = 403, family = "Auth (`SW_AUTH_*`)")]
    SwAuthInsufficientPermission,
    /// Token's `tenant_id` doesn't match the resource.
    #[code("SW_AUTH_TENANT_MISMATCH", status = 403, family = "Auth (`SW_AUTH_*`)")]
    SwAuthTenantMismatch,
    /// Tenant id doesn't exist.
    #[code("SW_TENANT_NOT_FOUND", status = 404, family = "Tenant / membership")]
    SwTenantNotFound,
    /// One of the tenant's limits hit.
    #[code("SW_TENANT_CAPACITY", status = 409, family = "Tenant / membership")]
    SwTenantCapacity,
    /// Caller is not a member of the resource.
    #[code("SW_NOT_MEMBER", status = 403, family = "Tenant / membership")]
    SwNotMember,
    #[code("SW_ROOM_NOT_FOUND", status = 404, family = "Rooms")]
    #[message("sw_room_not_found")]
    SwRoomNotFound,
    #[code("SW_ROOM_FORBIDDEN", status = 403, family = "Rooms")]
    #[message("sw_room_forbidden")]
    SwRoomForbidden,
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409, family = "Rooms")]
    SwRoomFrozen,
    /// Op invalid for this `room_type`.
    #[code("SW_ROOM_TYPE_INVARIANT", status = 400, family = "Rooms")]
    SwRoomTypeInvariant,
    /// Tenant max_participants reached.
    #[code("SW_ROOM_CAPACITY", status = 409, family = "Rooms")]
    SwRoomCapacity,
    /// Sidekick/bridge/incognito/federated.
    #[code("SW_ROOM_EXPORT_REFUSED", status = 400, family = "Rooms")]
    SwRoomExportRefused,
    /// Same.
    #[code("SW_ROOM_IMPORT_REFUSED", status = 400, family = "Rooms")]
    SwRoomImportRefused,
    #[code("SW_EVENT_NOT_FOUND", status = 404, family = "Events / messages")]
    #[message("sw_event_not_found")]
    SwEventNotFound,
    /// Past the edit window.
    #[code("SW_EVENT_TOO_OLD_TO_EDIT", status = 409, family = "Events / messages")]
    SwEventTooOldToEdit,
    /// Not yours and you lack power.
    #[code("SW_REDACT_FORBIDDEN", status = 403, family = "Events / messages")]
    SwRedactForbidden,
    /// > 64 KB.
    #[code("SW_CONTENT_TOO_LARGE", status = 413, family = "Events / messages")]
    SwContentTooLarge,
    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "Events / messages")]
    SwRateLimitExceeded,
    #[code("SW_NOTE_NOT_FOUND", status = 404, family = "Notes")]
    #[message("sw_note_not_found")]
    SwNoteNotFound,
    #[code("SW_NOTE_FORBIDDEN", status = 403, family = "Notes")]
    #[message("sw_note_forbidden")]
    SwNoteForbidden,
    /// Concurrent edit; resolve via CRDT path.
    #[code("SW_NOTE_CONFLICT", status = 409, family = "Notes")]
    SwNoteConflict,
    #[code("SW_NOTE_QUOTA_EXCEEDED", status = 409, family = "Notes")]
    #[message("sw_note_quota_exceeded")]
    SwNoteQuotaExceeded,
    #[code("SW_WORKSPACE_NOT_FOUND", status = 404, family = "Workspaces")]
    #[message("sw_workspace_not_found")]
    SwWorkspaceNotFound,
    #[code("SW_WORKSPACE_FORBIDDEN", status = 403, family = "Workspaces")]
    #[message("sw_workspace_forbidden")]
    SwWorkspaceForbidden,
    #[code("SW_WORKSPACE_NEEDS_OWNER", status = 403, family = "Workspaces")]
    #[message("sw_workspace_needs_owner")]
    SwWorkspaceNeedsOwner,
    #[code("SW_WORKSPACE_SLUG_TAKEN", status = 409, family = "Workspaces")]
    #[message("sw_workspace_slug_taken")]
    SwWorkspaceSlugTaken,
    /// No ScaiGrid token available.
    #[code("SW_AI_NO_TOKEN", status = 503, family = "AI")]
    SwAiNoToken,
    /// Model not registered with this tenant.
    #[code("SW_AI_MODEL_NOT_FOUND", status = 404, family = "AI")]
    SwAiModelNotFound,
    /// Already generating.
    #[code("SW_AI_BUSY", status = 409, family = "AI")]
    SwAiBusy,
    /// Monthly token cap hit.
    #[code("SW_AI_BUDGET_EXCEEDED", status = 429, family = "AI")]
    SwAiBudgetExceeded,
    /// Plugin disabled for tenant/room.
    #[code("SW_PLUGIN_FORBIDDEN", status = 403, family = "AI")]
    SwPluginForbidden,
    #[code("SW_PLUGIN_NOT_FOUND", status = 404, family = "AI")]
    #[message("sw_plugin_not_found")]
    SwPluginNotFound,
    /// Tool call exceeded 30s.
    #[code("SW_PLUGIN_TIMEOUT", status = 504, family = "AI")]
    SwPluginTimeout,
    #[code("SW_PLAN_NOT_FOUND", status = 404, family = "Plans")]
    #[message("sw_plan_not_found")]
    SwPlanNotFound,
    /// Op requires running.
    #[code("SW_PLAN_NOT_RUNNING", status = 400, family = "Plans")]
    SwPlanNotRunning,
    #[code("SW_PLAN_NOT_PAUSABLE", status = 400, family = "Plans")]
    #[message("sw_plan_not_pausable")]
    SwPlanNotPausable,
    #[code("SW_PLAN_NOT_RUNNABLE", status = 400, family = "Plans")]
    #[message("sw_plan_not_runnable")]
    SwPlanNotRunnable,
    /// > 20 steps.
    #[code("SW_PLAN_TOO_MANY_STEPS", status = 400, family = "Plans")]
    SwPlanTooManySteps,
    #[code("SW_PLAN_EMPTY_STEPS", status = 400, family = "Plans")]
    #[message("sw_plan_empty_steps")]
    SwPlanEmptySteps,
    #[code("SW_PLAN_EMPTY_GOAL", status = 400, family = "Plans")]
    #[message("sw_plan_empty_goal")]
    SwPlanEmptyGoal,
    #[code("SW_PLAN_UNKNOWN_STEP", status = 400, family = "Plans")]
    #[message("sw_plan_unknown_step")]
    SwPlanUnknownStep,
    /// Step already done/failed/skipped.
    #[code("SW_PLAN_STEP_TERMINAL", status = 400, family = "Plans")]
    SwPlanStepTerminal,
    #[code("SW_PLAN_BAD_MODE", status = 400, family = "Plans")]
    #[message("sw_plan_bad_mode")]
    SwPlanBadMode,
    #[code("SW_PLAN_BAD_ADVANCE", status = 400, family = "Plans")]
    #[message("sw_plan_bad_advance")]
    SwPlanBadAdvance,
    #[code("SW_PLAN_BAD_NEXT_ACTION", status = 400, family = "Plans")]
    #[message("sw_plan_bad_next_action")]
    SwPlanBadNextAction,
    /// `venue=sidekick` without room id.
    #[code("SW_PLAN_NEEDS_SIDEKICK_ROOM", status = 400, family = "Plans")]
    SwPlanNeedsSidekickRoom,
    #[code("SW_PLAN_BAD_VENUE", status = 400, family = "Plans")]
    #[message("sw_plan_bad_venue")]
    SwPlanBadVenue,
    #[code("SW_SIDEKICK_NOT_FOUND", status = 404, family = "Sidekicks")]
    #[message("sw_sidekick_not_found")]
    SwSidekickNotFound,
    /// Per-user / per-tenant concurrency hit.
    #[code("SW_SIDEKICK_CAP_REACHED", status = 429, family = "Sidekicks")]
    SwSidekickCapReached,
    /// Task exceeded its wall-clock cap.
    #[code("SW_SIDEKICK_TIMEOUT", status = 504, family = "Sidekicks")]
    SwSidekickTimeout,
    #[code("SW_CALL_NOT_FOUND", status = 404, family = "Calls")]
    #[message("sw_call_not_found")]
    SwCallNotFound,
    /// Call already terminated.
    #[code("SW_CALL_ENDED", status = 410, family = "Calls")]
    SwCallEnded,
    /// Backend ops issue.
    #[code("SW_CALL_LIVEKIT_UNREACHABLE", status = 503, family = "Calls")]
    SwCallLivekitUnreachable,
    /// Tenant has recordings off.
    #[code("SW_CALL_RECORDING_DISABLED", status = 403, family = "Calls")]
    SwCallRecordingDisabled,
    /// Sender server not in `allowed_peers`.
    #[code("SW_FED_PEER_UNKNOWN", status = 403, family = "Federation")]
    SwFedPeerUnknown,
    /// Event signature failed verification.
    #[code("SW_FED_SIGNATURE_MISMATCH", status = 401, family = "Federation")]
    SwFedSignatureMismatch,
    /// Unsupported protocol version.
    #[code("SW_FED_PROTOCOL_VERSION", status = 400, family = "Federation")]
    SwFedProtocolVersion,
    /// Room or tenant has federation disabled.
    #[code("SW_FED_REFUSED", status = 403, family = "Federation")]
    SwFedRefused,
    #[code("SW_BRIDGE_NOT_FOUND", status = 404, family = "Bridges")]
    #[message("sw_bridge_not_found")]
    SwBridgeNotFound,
    /// Inbound HMAC failed.
    #[code("SW_BRIDGE_SIGNATURE_MISMATCH", status = 401, family = "Bridges")]
    SwBridgeSignatureMismatch,
    /// Bridge is paused.
    #[code("SW_BRIDGE_PAUSED", status = 409, family = "Bridges")]
    SwBridgePaused,
    /// Foreign system unreachable.
    #[code("SW_BRIDGE_TRANSPORT_ERROR", status = 502, family = "Bridges")]
    SwBridgeTransportError,
    /// Tenant flag off.
    #[code("SW_STUDIO_DISABLED", status = 403, family = "Prompt Studio")]
    SwStudioDisabled,
    /// Caller not in allowlist.
    #[code("SW_STUDIO_FORBIDDEN", status = 403, family = "Prompt Studio")]
    SwStudioForbidden,
    /// No AI participant resolved.
    #[code("SW_STUDIO_NO_PARTICIPANT", status = 404, family = "Prompt Studio")]
    SwStudioNoParticipant,
    /// Generic.
    #[code("SW_NOT_FOUND", status = 404, family = "Misc")]
    SwNotFound,
    /// Pydantic schema validation failed (details in `error.details`).
    #[code("SW_VALIDATION_ERROR", status = 422, family = "Misc")]
    SwValidationError,
    /// Bug. Includes a `request_id` to grep server logs.
    #[code("SW_INTERNAL_ERROR", status = 500, family = "Misc")]
    SwInternalError,
    /// Downstream (DB / Redis / NATS) unreachable.
    #[code("SW_SERVICE_UNAVAILABLE", status = 503, family = "Misc")]
    SwServiceUnavailable,
}

fn main() {
    assert_eq!(ScaiWaveError::CATALOG.len(), 72);
    for (code, statuses) in [
        ("SW_AUTH_INVALID_TOKEN", &[401][..]),
        ("SW_AUTH_EXPIRED_TOKEN", &[401][..]),
        ("SW_AUTH_OIDC_FAILED", &[400][..]),
        ("SW_AUTH_REDIRECT_MISMATCH", &[400][..]),
        ("SW_AUTH_INSUFFICIENT_PERMISSION", &[403][..]),
        ("SW_AUTH_TENANT_MISMATCH", &[403][..]),
        ("SW_TENANT_NOT_FOUND", &[404][..]),
        ("SW_TENANT_CAPACITY", &[409][..]),
        ("SW_NOT_MEMBER", &[403][..]),
        ("SW_ROOM_NOT_FOUND", &[404][..]),
        ("SW_ROOM_FORBIDDEN", &[403][..]),
        ("SW_ROOM_FROZEN", &[409][..]),
        ("SW_ROOM_TYPE_INVARIANT", &[400][..]),
        ("SW_ROOM_CAPACITY", &[409][..]),
        ("SW_ROOM_EXPORT_REFUSED", &[400][..]),
        ("SW_ROOM_IMPORT_REFUSED", &[400][..]),
        ("SW_EVENT_NOT_FOUND", &[404][..]),
        ("SW_EVENT_TOO_OLD_TO_EDIT", &[409][..]),
        ("SW_REDACT_FORBIDDEN", &[403][..]),
        ("SW_CONTENT_TOO_LARGE", &[413][..]),
        ("SW_RATE_LIMIT_EXCEEDED", &[429][..]),
        ("SW_NOTE_NOT_FOUND", &[404][..]),
        ("SW_NOTE_FORBIDDEN", &[403][..]),
        ("SW_NOTE_CONFLICT", &[409][..]),
        ("SW_NOTE_QUOTA_EXCEEDED", &[409][..]),
        ("SW_WORKSPACE_NOT_FOUND", &[404][..]),
        ("SW_WORKSPACE_FORBIDDEN", &[403][..]),
        ("SW_WORKSPACE_NEEDS_OWNER", &[403][..]),
        ("SW_WORKSPACE_SLUG_TAKEN", &[409][..]),
        ("SW_AI_NO_TOKEN", &[503][..]),
        ("SW_AI_MODEL_NOT_FOUND", &[404][..]),
        ("SW_AI_BUSY", &[409][..]),
        ("SW_AI_BUDGET_EXCEEDED", &[429][..]),
        ("SW_PLUGIN_FORBIDDEN", &[403][..]),
        ("SW_PLUGIN_NOT_FOUND", &[404][..]),
        ("SW_PLUGIN_TIMEOUT", &[504][..]),
        ("SW_PLAN_NOT_FOUND", &[404][..]),
        ("SW_PLAN_NOT_RUNNING", &[400][..]),
        ("SW_PLAN_NOT_PAUSABLE", &[400][..]),
        ("SW_PLAN_NOT_RUNNABLE", &[400][..]),
        ("SW_PLAN_TOO_MANY_STEPS", &[400][..]),
        ("SW_PLAN_EMPTY_STEPS", &[400][..]),
        ("SW_PLAN_EMPTY_GOAL", &[400][..]),
        ("SW_PLAN_UNKNOWN_STEP", &[400][..]),
        ("SW_PLAN_STEP_TERMINAL", &[400][..]),
        ("SW_PLAN_BAD_MODE", &[400][..]),
        ("SW_PLAN_BAD_ADVANCE", &[400][..]),
        ("SW_PLAN_BAD_NEXT_ACTION", &[400][..]),
        ("SW_PLAN_NEEDS_SIDEKICK_ROOM", &[400][..]),
        ("SW_PLAN_BAD_VENUE", &[400][..]),
        ("SW_SIDEKICK_NOT_FOUND", &[404][..]),
        ("SW_SIDEKICK_CAP_REACHED", &[429][..]),
        ("SW_SIDEKICK_TIMEOUT", &[504][..]),
        ("SW_CALL_NOT_FOUND", &[404][..]),
        ("SW_CALL_ENDED", &[410][..]),
        ("SW_CALL_LIVEKIT_UNREACHABLE", &[503][..]),
        ("SW_CALL_RECORDING_DISABLED", &[403][..]),
        ("SW_FED_PEER_UNKNOWN", &[403][..]),
        ("SW_FED_SIGNATURE_MISMATCH", &[401][..]),
        ("SW_FED_PROTOCOL_VERSION", &[400][..]),
        ("SW_FED_REFUSED", &[403][..]),
        ("SW_BRIDGE_NOT_FOUND", &[404][..]),
        ("SW_BRIDGE_SIGNATURE_MISMATCH", &[401][..]),
        ("SW_BRIDGE_PAUSED", &[409][..]),
        ("SW_BRIDGE_TRANSPORT_ERROR", &[502][..]),
        ("SW_STUDIO_DISABLED", &[403][..]),
        ("SW_STUDIO_FORBIDDEN", &[403][..]),
        ("SW_STUDIO_NO_PARTICIPANT", &[404][..]),
        ("SW_NOT_FOUND", &[404][..]),
        ("SW_VALIDATION_ERROR", &[422][..]),
        ("SW_INTERNAL_ERROR", &[500][..]),
        ("SW_SERVICE_UNAVAILABLE", &[503][..]),
    ] {
        let entry = ScaiWaveError::CATALOG.get(code).unwrap();
        let got: Vec<u16> = entry.statuses.iter().map(|s| s.as_u16()).collect();
        assert_eq!(got, statuses, "{code}");
    }
}

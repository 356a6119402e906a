# ScaiWave's messages in English: the catalogue's own texts, as Fluent messages.
# One message per code; the id is the code in lower case with `-` (SW_ROOM_FROZEN is
# sw-room-frozen). A 5xx that keeps its message internal has its public text.

sw-auth-invalid-token = access token rejected: { $reason }
sw-auth-expired-token = Token expired. Refresh.
sw-auth-oidc-failed = OIDC code exchange with { $provider } failed
sw-auth-redirect-mismatch = redirect_uri '{ $redirect_uri }' doesn't match the configured callbacks
sw-auth-insufficient-permission = permission '{ $permission }' required
sw-auth-tenant-mismatch = token of tenant { $token_tenant } used on a resource of tenant { $resource_tenant }
sw-tenant-not-found = tenant { $tenant_id } not found
sw-tenant-capacity = tenant limit '{ $limit }' reached ({ $max })
sw-not-member = not a member of { $resource_id }
sw-room-not-found = room { $room_id } not found
sw-room-forbidden = no access to room { $room_id }
sw-room-frozen = room { $room_id } is closed
sw-room-type-invariant = '{ $operation }' is not valid for a { $room_type } room
sw-room-capacity = { $max_participants ->
    [one] room { $room_id } is full ({ $max_participants } participant)
   *[other] room { $room_id } is full ({ $max_participants } participants)
}
sw-room-export-refused = { $room_type } room { $room_id } cannot be exported
sw-room-import-refused = cannot import into a { $room_type } room
sw-event-not-found = event { $event_id } not found
sw-event-too-old-to-edit = event { $event_id } is past the { $edit_window_secs }s edit window
sw-redact-forbidden = you cannot redact event { $event_id }
sw-content-too-large = content is { $size } bytes; the limit is { $limit }
sw-rate-limit-exceeded = rate limited; retry later
sw-note-not-found = note '{ $path }' not found
sw-note-forbidden = no access to note '{ $path }'
sw-note-conflict = note '{ $path }' changed: revision { $current_revision }, edit based on { $base_revision }
sw-note-quota-exceeded = note storage quota of { $quota_bytes } bytes exceeded
sw-workspace-not-found = workspace { $workspace_id } not found
sw-workspace-forbidden = no access to workspace { $workspace_id }
sw-workspace-needs-owner = workspace { $workspace_id } must keep at least one owner
sw-workspace-slug-taken = workspace slug '{ $slug }' is taken
sw-ai-no-token = No ScaiGrid token available.
sw-ai-model-not-found = model '{ $model }' is not registered with this tenant
sw-ai-busy = the AI is already generating in room { $room_id }
sw-ai-budget-exceeded = monthly token cap of { $monthly_tokens } reached
sw-plugin-forbidden = plugin '{ $plugin }' is disabled here
sw-plugin-not-found = plugin '{ $plugin }' not found
sw-plugin-timeout = Tool call exceeded 30s.
sw-plan-not-found = plan { $plan_id } not found
sw-plan-not-running = plan { $plan_id } is { $state }, not running
sw-plan-not-pausable = plan { $plan_id } cannot be paused while { $state }
sw-plan-not-runnable = plan { $plan_id } cannot run while { $state }
sw-plan-too-many-steps = { $steps } steps; a plan has at most { $max_steps }
sw-plan-empty-steps = a plan needs at least one step
sw-plan-empty-goal = a plan needs a goal
sw-plan-unknown-step = plan has no step { $step_id }
sw-plan-step-terminal = step { $step_id } is already { $state }
sw-plan-bad-mode = unknown plan mode '{ $mode }'
sw-plan-bad-advance = cannot advance past step { $step_id }
sw-plan-bad-next-action = unknown next action '{ $action }'
sw-plan-needs-sidekick-room = venue=sidekick needs a room id
sw-plan-bad-venue = unknown venue '{ $venue }'
sw-sidekick-not-found = sidekick { $sidekick_id } not found
sw-sidekick-cap-reached = { $limit ->
    [one] { $limit } sidekick already running
   *[other] { $limit } sidekicks already running
}
sw-sidekick-timeout = Task exceeded its wall-clock cap.
sw-call-not-found = call { $call_id } not found
sw-call-ended = call { $call_id } has ended
sw-call-livekit-unreachable = Backend ops issue.
sw-call-recording-disabled = Tenant has recordings off.
sw-fed-peer-unknown = server '{ $server }' is not an allowed peer
sw-fed-signature-mismatch = signature of event { $event_id } from { $server } failed verification
sw-fed-protocol-version = unsupported protocol version { $version }
sw-fed-refused = federation is disabled for room { $room_id }
sw-bridge-not-found = bridge { $bridge_id } not found
sw-bridge-signature-mismatch = inbound HMAC for bridge { $bridge_id } failed
sw-bridge-paused = bridge { $bridge_id } is paused
sw-bridge-transport-error = Foreign system unreachable.
sw-studio-disabled = Tenant flag off.
sw-studio-forbidden = user { $user_id } is not in the Prompt Studio allowlist
sw-studio-no-participant = no AI participant in room { $room_id }
sw-not-found = { $resource } not found
sw-validation-error = request validation failed
sw-internal-error = Internal error. Quote the request_id when reporting it.
sw-service-unavailable = Downstream (DB / Redis / NATS) unreachable.

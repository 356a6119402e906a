# ScaiWave's messages in German. One message per code (the id is the code in lower case
# with `-`); the variables are the error's fields. A 5xx that keeps its message internal
# has its public text.

sw-auth-invalid-token = Zugriffstoken abgelehnt: { $reason }
sw-auth-expired-token = Das Token ist abgelaufen. Bitte erneuern.
sw-auth-oidc-failed = Der OIDC-Code-Austausch mit { $provider } ist fehlgeschlagen
sw-auth-redirect-mismatch = redirect_uri '{ $redirect_uri }' entspricht keiner konfigurierten Callback-Adresse
sw-auth-insufficient-permission = Berechtigung '{ $permission }' erforderlich
sw-auth-tenant-mismatch = Token des Mandanten { $token_tenant } für eine Ressource des Mandanten { $resource_tenant } verwendet
sw-tenant-not-found = Mandant { $tenant_id } nicht gefunden
sw-tenant-capacity = Mandantenlimit '{ $limit }' erreicht ({ $max })
sw-not-member = kein Mitglied von { $resource_id }
sw-room-not-found = Raum { $room_id } nicht gefunden
sw-room-forbidden = kein Zugriff auf Raum { $room_id }
sw-room-frozen = Raum { $room_id } ist geschlossen
sw-room-type-invariant = '{ $operation }' ist für einen Raum vom Typ { $room_type } nicht zulässig
sw-room-capacity = { $max_participants ->
    [one] Raum { $room_id } ist voll ({ $max_participants } Teilnehmer)
   *[other] Raum { $room_id } ist voll ({ $max_participants } Teilnehmende)
}
sw-room-export-refused = Raum { $room_id } vom Typ { $room_type } kann nicht exportiert werden
sw-room-import-refused = Import in einen Raum vom Typ { $room_type } nicht möglich
sw-event-not-found = Ereignis { $event_id } nicht gefunden
sw-event-too-old-to-edit = Ereignis { $event_id } liegt außerhalb des Bearbeitungsfensters von { $edit_window_secs } s
sw-redact-forbidden = Sie dürfen Ereignis { $event_id } nicht schwärzen
sw-content-too-large = Der Inhalt ist { $size } Bytes groß; die Grenze liegt bei { $limit }
sw-rate-limit-exceeded = Zu viele Anfragen; bitte später erneut versuchen
sw-note-not-found = Notiz '{ $path }' nicht gefunden
sw-note-forbidden = kein Zugriff auf Notiz '{ $path }'
sw-note-conflict = Notiz '{ $path }' wurde geändert: Revision { $current_revision }, Bearbeitung auf Basis von { $base_revision }
sw-note-quota-exceeded = Speicherkontingent für Notizen von { $quota_bytes } Bytes überschritten
sw-workspace-not-found = Arbeitsbereich { $workspace_id } nicht gefunden
sw-workspace-forbidden = kein Zugriff auf Arbeitsbereich { $workspace_id }
sw-workspace-needs-owner = Arbeitsbereich { $workspace_id } braucht mindestens einen Eigentümer
sw-workspace-slug-taken = Der Arbeitsbereichs-Slug '{ $slug }' ist vergeben
sw-ai-no-token = Kein ScaiGrid-Token verfügbar.
sw-ai-model-not-found = Modell '{ $model }' ist für diesen Mandanten nicht registriert
sw-ai-busy = Die KI generiert in Raum { $room_id } bereits eine Antwort
sw-ai-budget-exceeded = Monatliches Token-Limit von { $monthly_tokens } erreicht
sw-plugin-forbidden = Plugin '{ $plugin }' ist hier deaktiviert
sw-plugin-not-found = Plugin '{ $plugin }' nicht gefunden
sw-plugin-timeout = Der Werkzeugaufruf hat 30 s überschritten.
sw-plan-not-found = Plan { $plan_id } nicht gefunden
sw-plan-not-running = Plan { $plan_id } ist { $state }, nicht laufend
sw-plan-not-pausable = Plan { $plan_id } kann im Zustand { $state } nicht pausiert werden
sw-plan-not-runnable = Plan { $plan_id } kann im Zustand { $state } nicht ausgeführt werden
sw-plan-too-many-steps = { $steps } Schritte; ein Plan hat höchstens { $max_steps }
sw-plan-empty-steps = Ein Plan braucht mindestens einen Schritt
sw-plan-empty-goal = Ein Plan braucht ein Ziel
sw-plan-unknown-step = Der Plan hat keinen Schritt { $step_id }
sw-plan-step-terminal = Schritt { $step_id } ist bereits { $state }
sw-plan-bad-mode = Unbekannter Planmodus '{ $mode }'
sw-plan-bad-advance = Kein Fortschreiten über Schritt { $step_id } hinaus möglich
sw-plan-bad-next-action = Unbekannte nächste Aktion '{ $action }'
sw-plan-needs-sidekick-room = venue=sidekick braucht eine Raum-ID
sw-plan-bad-venue = Unbekannter Ort '{ $venue }'
sw-sidekick-not-found = Sidekick { $sidekick_id } nicht gefunden
sw-sidekick-cap-reached = { $limit ->
    [one] Es läuft bereits { $limit } Sidekick
   *[other] Es laufen bereits { $limit } Sidekicks
}
sw-sidekick-timeout = Die Aufgabe hat ihre Laufzeitgrenze überschritten.
sw-call-not-found = Anruf { $call_id } nicht gefunden
sw-call-ended = Anruf { $call_id } ist beendet
sw-call-livekit-unreachable = Betriebsproblem im Backend.
sw-call-recording-disabled = Aufnahmen sind für diesen Mandanten deaktiviert.
sw-fed-peer-unknown = Server '{ $server }' ist kein zugelassener Peer
sw-fed-signature-mismatch = Die Signatur von Ereignis { $event_id } von { $server } ist ungültig
sw-fed-protocol-version = Nicht unterstützte Protokollversion { $version }
sw-fed-refused = Föderation ist für Raum { $room_id } deaktiviert
sw-bridge-not-found = Bridge { $bridge_id } nicht gefunden
sw-bridge-signature-mismatch = Eingehende HMAC-Prüfung für Bridge { $bridge_id } fehlgeschlagen
sw-bridge-paused = Bridge { $bridge_id } ist pausiert
sw-bridge-transport-error = Fremdsystem nicht erreichbar.
sw-studio-disabled = Die Funktion ist für diesen Mandanten deaktiviert.
sw-studio-forbidden = Benutzer { $user_id } steht nicht auf der Zulassungsliste von Prompt Studio
sw-studio-no-participant = Kein KI-Teilnehmer in Raum { $room_id }
sw-not-found = { $resource } nicht gefunden
sw-validation-error = Die Validierung der Anfrage ist fehlgeschlagen
sw-internal-error = Interner Fehler. Bitte geben Sie die request_id an, wenn Sie ihn melden.
sw-service-unavailable = Ein nachgelagerter Dienst (DB / Redis / NATS) ist nicht erreichbar.

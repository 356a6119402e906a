//! Localised messages over loopback HTTP: the ScaiWave backend answers in German or
//! English by `Accept-Language`, with the error's fields and plural rules filled in, and
//! says which in `Content-Language`; 5xx stay public; the shipped translations cover the
//! whole catalogue, and a broken one is caught by the coverage check.

mod http_support;

use api_envelope::localize::fluent::{FluentLocalizer, Gap, assert_covered, coverage};
use api_envelope_examples::scaiwave;
use http_support::send;

fn put(path: &str, language: &str) -> http_support::Reply {
    send("PUT", path, None, &[("accept-language", language)])
}

#[test]
fn the_scaiwave_backend_answers_in_the_asked_language() {
    for (language, body, content_language) in [
        (
            "de",
            r#"{"error":{"code":"SW_ROOM_NOT_FOUND","message":"Raum nope nicht gefunden","details":{"room_id":"nope"}}}"#,
            Some("de"),
        ),
        (
            "de-AT, en;q=0.5",
            r#"{"error":{"code":"SW_ROOM_NOT_FOUND","message":"Raum nope nicht gefunden","details":{"room_id":"nope"}}}"#,
            Some("de"),
        ),
        (
            "fr, en;q=0.8, de;q=0.5",
            r#"{"error":{"code":"SW_ROOM_NOT_FOUND","message":"room nope not found","details":{"room_id":"nope"}}}"#,
            Some("en"),
        ),
        (
            "en-GB",
            r#"{"error":{"code":"SW_ROOM_NOT_FOUND","message":"room nope not found","details":{"room_id":"nope"}}}"#,
            Some("en"),
        ),
        // Nothing shipped: the catalogue's own text, no Content-Language.
        (
            "fr",
            r#"{"error":{"code":"SW_ROOM_NOT_FOUND","message":"room nope not found","details":{"room_id":"nope"}}}"#,
            None,
        ),
        (
            "de;q=0",
            r#"{"error":{"code":"SW_ROOM_NOT_FOUND","message":"room nope not found","details":{"room_id":"nope"}}}"#,
            None,
        ),
    ] {
        let reply = send(
            "GET",
            "/scaiwave/v1/rooms/nope",
            None,
            &[("accept-language", language)],
        );
        assert_eq!(reply.status, 404, "{language}");
        assert_eq!(reply.text(), body, "{language}");
        assert_eq!(
            reply.header("content-language"),
            content_language,
            "{language}"
        );
        assert_eq!(reply.header("vary"), Some("accept-language"), "{language}");
    }
    let reply = send(
        "POST",
        "/scaiwave/v1/rooms/frozen/messages",
        Some(br#"{"text":"hallo"}"#),
        &[("accept-language", "de")],
    );
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_ROOM_FROZEN","message":"Raum frozen ist geschlossen"}}"#
    );
}

#[test]
fn plurals_follow_the_number() {
    // `solo` holds one participant, `general` two.
    assert_eq!(
        put("/scaiwave/v1/rooms/solo/participants/ana", "de").status,
        200
    );
    for (path, language, message) in [
        (
            "/scaiwave/v1/rooms/solo/participants/bo",
            "de",
            "Raum solo ist voll (1 Teilnehmer)",
        ),
        (
            "/scaiwave/v1/rooms/solo/participants/bo",
            "en",
            "room solo is full (1 participant)",
        ),
        (
            "/scaiwave/v1/rooms/general/participants/cy",
            "de",
            "Raum general ist voll (2 Teilnehmende)",
        ),
        (
            "/scaiwave/v1/rooms/general/participants/cy",
            "en",
            "room general is full (2 participants)",
        ),
    ] {
        if path.contains("general") {
            put("/scaiwave/v1/rooms/general/participants/ana", "en");
            put("/scaiwave/v1/rooms/general/participants/bo", "en");
        }
        let reply = put(path, language);
        assert_eq!(reply.status, 409, "{path} {language}");
        let body = reply.json();
        assert_eq!(body["error"]["code"], "SW_ROOM_CAPACITY");
        assert_eq!(body["error"]["message"], message, "{path} {language}");
        assert_eq!(reply.header("content-language"), Some(language));
    }
}

#[test]
fn a_5xx_is_localised_from_its_public_text() {
    let reply = send(
        "GET",
        "/scaiwave/samples/SW_INTERNAL_ERROR",
        None,
        &[("accept-language", "de")],
    );
    assert_eq!(reply.status, 500);
    let body = reply.json();
    assert_eq!(
        body["error"]["message"],
        "Interner Fehler. Bitte geben Sie die request_id an, wenn Sie ihn melden."
    );
    // The sample's internal cause stays in the logs.
    assert!(!reply.text().contains("10.0.0"), "{}", reply.text());
    assert_eq!(reply.header("content-language"), Some("de"));
}

#[test]
fn the_shipped_translations_cover_the_catalogue() {
    assert_covered(&scaiwave::localizer(), scaiwave::PRODUCT.catalogs);
    let coverage = coverage(&scaiwave::localizer(), scaiwave::PRODUCT.catalogs);
    assert_eq!(
        coverage
            .locales
            .iter()
            .map(|(l, gaps)| (l.as_str(), gaps.len()))
            .collect::<Vec<_>>(),
        [("en", 0), ("de", 0)]
    );
}

#[test]
fn a_broken_translation_is_listed_per_locale() {
    let de = include_str!("../../examples/locales/scaiwave/de.ftl")
        // A message gone,
        .replace("sw-room-frozen = Raum { $room_id } ist geschlossen\n", "")
        // a placeholder naming no field,
        .replace(
            "Raum { $room_id } nicht gefunden",
            "Raum { $raum } nicht gefunden",
        )
        // a value of the default message left out,
        .replace("Notiz '{ $path }' nicht gefunden", "Notiz nicht gefunden")
        // and an internal field named in a 5xx's public text.
        .replace(
            "Fremdsystem nicht erreichbar.",
            "Fremdsystem { $cause } nicht erreichbar.",
        );
    let broken = FluentLocalizer::new()
        .with_ftl("en", include_str!("../../examples/locales/scaiwave/en.ftl"))
        .unwrap()
        .with_ftl("de", &de)
        .unwrap();
    let coverage = coverage(&broken, scaiwave::PRODUCT.catalogs);
    assert!(!coverage.is_complete());
    let (_, en) = &coverage.locales[0];
    assert!(en.is_empty(), "{en:?}");
    let (_, gaps) = &coverage.locales[1];
    assert_eq!(
        gaps,
        &[
            Gap::UnknownArg {
                code: "SW_ROOM_NOT_FOUND",
                arg: "raum".into()
            },
            Gap::DroppedArg {
                code: "SW_ROOM_NOT_FOUND",
                arg: "room_id".into()
            },
            Gap::Missing {
                code: "SW_ROOM_FROZEN",
                id: "sw-room-frozen".into()
            },
            Gap::DroppedArg {
                code: "SW_NOTE_NOT_FOUND",
                arg: "path".into()
            },
            Gap::UnknownArg {
                code: "SW_BRIDGE_TRANSPORT_ERROR",
                arg: "cause".into()
            },
        ]
    );
    assert_eq!(
        coverage.to_string(),
        "de: 5 gaps\n  \
         `SW_ROOM_NOT_FOUND`: `{ $raum }` names no field of the error (a field the message interpolates, or a #[detail])\n  \
         `SW_ROOM_NOT_FOUND`: leaves out `{ $room_id }`, which the default message shows\n  \
         `SW_ROOM_FROZEN`: no message `sw-room-frozen`\n  \
         `SW_NOTE_NOT_FOUND`: leaves out `{ $path }`, which the default message shows\n  \
         `SW_BRIDGE_TRANSPORT_ERROR`: `{ $cause }` names no field of the error (a field the message interpolates, or a #[detail])\n"
    );
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        assert_covered(&broken, scaiwave::PRODUCT.catalogs);
    }))
    .unwrap_err();
    let msg = panic.downcast_ref::<String>().unwrap();
    assert!(
        msg.starts_with("the translations do not cover the catalogue:\nde: 5 gaps\n"),
        "{msg}"
    );
}

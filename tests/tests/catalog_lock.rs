//! The catalogue as a contract: every example product matches its committed lock
//! (`examples/locks/`), so renaming, removing or re-statusing a code fails `cargo test`
//! with the change named; the check's verdicts; deprecation kept on the wire, in pages,
//! OpenAPI, the lock and the client.

#![allow(
    dead_code,
    reason = "the catalogues are what these tests read: most variants are never built"
)]

use api_envelope::catalog::Retry;
use api_envelope::catalog::lock::{Change, Lock, assert_locked_at};
use api_envelope::client::RemoteError;
use api_envelope::http::{HeaderMap, StatusCode};
use api_envelope::{ApiError, Catalogued};

#[test]
fn every_example_product_keeps_its_lock() {
    use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};
    api_envelope::catalog::assert_locked!("../examples/locks/scaiwave.lock", scaiwave::PRODUCT);
    api_envelope::catalog::assert_locked!("../examples/locks/scaigrid.lock", scaigrid::PRODUCT);
    api_envelope::catalog::assert_locked!("../examples/locks/scaidrive.lock", scaidrive::PRODUCT);
    api_envelope::catalog::assert_locked!("../examples/locks/scaikey.lock", scaikey::PRODUCT);
    api_envelope::catalog::assert_locked!("../examples/locks/sonny.lock", sonny::PRODUCT);
}

#[derive(Debug, ApiError)]
#[api_error(family = "rooms")]
enum V1 {
    /// Room is closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    Frozen,
    /// Room not found.
    #[code("SW_ROOM_NOT_FOUND", status = 404)]
    Missing,
    /// Too many messages.
    #[code("SW_RATE_LIMITED", status = 429)]
    Limited,
}

/// V1 with `SW_ROOM_FROZEN` renamed, `SW_ROOM_NOT_FOUND` moved to 410 and another
/// family, `SW_RATE_LIMITED` declared never retryable, and a new code.
#[derive(Debug, ApiError)]
#[api_error(family = "rooms")]
enum V2 {
    /// Room is closed or archived.
    #[code("SW_ROOM_CLOSED", status = 409)]
    Closed,
    /// Room not found.
    #[code("SW_ROOM_NOT_FOUND", status = 410, family = "gone")]
    Missing,
    /// Too many messages.
    #[code("SW_RATE_LIMITED", status = 429, retry = "never")]
    Limited,
    /// Message too long.
    #[code("SW_MESSAGE_TOO_LONG", status = 413)]
    TooLong,
}

/// V2 done compatibly: the old code kept answering, deprecated in favour of the new
/// one; a meaning reworded.
#[derive(Debug, ApiError)]
#[api_error(family = "rooms")]
enum V2Compatible {
    /// Room is closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409, deprecated = "SW_ROOM_CLOSED")]
    Frozen,
    /// Room is closed or archived.
    #[code("SW_ROOM_CLOSED", status = 409)]
    Closed,
    /// The room does not exist, or you cannot see it.
    #[code("SW_ROOM_NOT_FOUND", status = 404)]
    Missing,
    /// Too many messages.
    #[code("SW_RATE_LIMITED", status = 429)]
    Limited,
}

fn locked_v1() -> Lock {
    Lock::parse(&Lock::of([&V1::CATALOG]).to_string()).unwrap()
}

#[test]
fn breaking_changes_are_named_with_how_to_accept_them() {
    let changes = locked_v1().check(&Lock::of([&V2::CATALOG]));
    assert!(changes.is_breaking());
    let report = changes.to_string();
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        lines,
        [
            "breaking: `SW_RATE_LIMITED`: retry class `after` became `never`: clients retry by it; or write the lock again to accept it",
            "breaking: renamed `SW_ROOM_FROZEN` to `SW_ROOM_CLOSED` (409): clients branching on `SW_ROOM_FROZEN` break; keep `SW_ROOM_FROZEN` answering beside the new code, declared `#[code(\"SW_ROOM_FROZEN\", .., deprecated = \"SW_ROOM_CLOSED\")]`, or write the lock again to accept it",
            "breaking: `SW_ROOM_NOT_FOUND`: statuses 404 became 410: clients dispatching on the status break; answer the new status with a new code, or write the lock again to accept it",
            "breaking: `SW_ROOM_NOT_FOUND`: family `rooms` became `gone`: pages and SDK classes move it; or write the lock again to accept it",
            "reported: added `SW_MESSAGE_TOO_LONG` (413)",
        ],
        "{report}"
    );
}

#[test]
fn a_removed_code_is_breaking_and_a_compatible_change_passes() {
    #[derive(Debug, ApiError)]
    #[api_error(family = "rooms")]
    enum Fewer {
        /// Room is closed or archived.
        #[code("SW_ROOM_FROZEN", status = 409)]
        Frozen,
    }
    let changes = locked_v1().check(&Lock::of([&Fewer::CATALOG]));
    assert_eq!(changes.0.len(), 2);
    assert!(matches!(&changes.0[0], Change::Removed(l) if l.code == "SW_RATE_LIMITED"));
    assert!(changes.0[0].to_string().starts_with(
        "removed `SW_RATE_LIMITED` (429): clients branching on it break; keep it answering, declared `#[code(\"SW_RATE_LIMITED\", .., deprecated = \"NEW\")]`"
    ));

    let changes = locked_v1().check(&Lock::of([&V2Compatible::CATALOG]));
    assert!(!changes.is_breaking(), "{changes}");
    assert_eq!(
        changes.to_string(),
        "reported: added `SW_ROOM_CLOSED` (409)\n\
         reported: `SW_ROOM_FROZEN`: deprecated, replaced by `SW_ROOM_CLOSED`\n\
         reported: `SW_ROOM_NOT_FOUND`: meaning reworded\n"
    );
    assert!(locked_v1().check(&Lock::of([&V1::CATALOG])).is_empty());
}

#[test]
fn a_replacement_no_catalogue_has_is_breaking() {
    #[derive(Debug, ApiError)]
    enum Dangling {
        /// Old.
        #[code("SW_OLD", status = 409, deprecated = "SW_NEW")]
        Old,
    }
    let lock = Lock::of([&Dangling::CATALOG]);
    let changes = lock.check(&lock);
    assert!(changes.is_breaking());
    assert_eq!(
        changes.to_string(),
        "breaking: `SW_OLD` is deprecated in favour of `SW_NEW`, which no catalogue has: declare `SW_NEW`, or name an existing code\n"
    );
}

#[test]
fn the_lock_file_reads_back_and_rejects_what_it_does_not_write() {
    let lock = Lock::of([&V2Compatible::CATALOG]);
    let text = lock.to_string();
    assert!(
        text.contains("\nSW_ROOM_FROZEN 409 rooms never ") && text.contains(" -> SW_ROOM_CLOSED\n"),
        "{text}"
    );
    assert_eq!(Lock::parse(&text).unwrap(), lock);
    // Sorted by code, one line each after the header.
    assert_eq!(text.lines().count(), 5);
    let codes: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);

    let header = api_envelope::catalog::lock::HEADER;
    for (body, line, why) in [
        ("", 1, "not an api-envelope catalogue lock"),
        (
            "# api-envelope catalogue lock, version 9\n",
            1,
            "another version",
        ),
        (
            &format!("{header}\nSW_X 409 rooms never 1234\n") as &str,
            2,
            "16-digit hex hash",
        ),
        (
            &format!("{header}\nSW_X 4o9 rooms never 0123456789abcdef\n"),
            2,
            "is not a status",
        ),
        (
            &format!("{header}\nSW_X 409 rooms maybe 0123456789abcdef\n"),
            2,
            "not a retry class",
        ),
        (
            &format!("{header}\nSW_X 409 rooms\n"),
            2,
            "expected `code statuses",
        ),
        (
            &format!(
                "{header}\nSW_X 409 - never 0123456789abcdef\nSW_X 410 - never 0123456789abcdef\n"
            ),
            3,
            "a code locked twice",
        ),
    ] {
        let err = Lock::parse(body).unwrap_err();
        assert_eq!(err.line, line, "{body:?}: {err}");
        assert!(err.reason.contains(why), "{body:?}: {err}");
    }
}

#[test]
fn families_with_spaces_or_percent_signs_survive() {
    use api_envelope::catalog::{Catalog, CatalogEntry, Convention};
    static ENTRIES: [CatalogEntry; 4] = [
        CatalogEntry::new(
            "A",
            &[StatusCode::CONFLICT],
            Some("rooms and halls"),
            "",
            "A",
        ),
        CatalogEntry::new("B", &[StatusCode::CONFLICT], Some("100%"), "", "B"),
        CatalogEntry::new("C", &[StatusCode::CONFLICT], Some("-"), "", "C"),
        CatalogEntry::new(
            "D",
            &[StatusCode::BAD_GATEWAY, StatusCode::SERVICE_UNAVAILABLE],
            None,
            "",
            "D",
        ),
    ];
    static CATALOG: Catalog = Catalog::new("Odd", Convention::Any, "", &ENTRIES);
    let lock = Lock::of([&CATALOG]);
    let text = lock.to_string();
    assert!(
        text.contains("\nA 409 rooms%20and%20halls never "),
        "{text}"
    );
    assert!(text.contains("\nB 409 100%25 never "), "{text}");
    assert!(text.contains("\nC 409 %2D never "), "{text}");
    assert!(text.contains("\nD 502,503 - after "), "{text}");
    let back = Lock::parse(&text).unwrap();
    assert_eq!(back, lock);
    assert_eq!(back.get("C").unwrap().family.as_deref(), Some("-"));
    assert_eq!(back.get("D").unwrap().family, None);
    assert_eq!(back.get("D").unwrap().retry, Retry::After);
}

#[test]
fn assert_locked_fails_a_test_naming_the_change() {
    let dir = std::env::temp_dir().join(format!("api-envelope-lock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rooms.lock");
    std::fs::write(&path, Lock::of([&V1::CATALOG]).to_string()).unwrap();
    // As locked, and compatibly changed: passes.
    assert_locked_at(&path, &[&V1::CATALOG]);
    assert_locked_at(&path, &[&V2Compatible::CATALOG]);
    // Broken: the test fails with the report.
    let panic = std::panic::catch_unwind(|| assert_locked_at(&path, &[&V2::CATALOG])).unwrap_err();
    let msg = panic.downcast_ref::<String>().unwrap();
    assert!(
        msg.starts_with(&format!(
            "the error catalogue breaks its lock {}:\n",
            path.display()
        )),
        "{msg}"
    );
    assert!(
        msg.contains("breaking: renamed `SW_ROOM_FROZEN` to `SW_ROOM_CLOSED` (409)"),
        "{msg}"
    );
    assert!(msg.ends_with("(to accept every change: write it with `API_ENVELOPE_RELOCK=1 cargo test` (or `catalog --lock`) and commit the diff)"), "{msg}");
    // No lock file: says how to write one.
    let missing = dir.join("none.lock");
    let panic =
        std::panic::catch_unwind(|| assert_locked_at(&missing, &[&V1::CATALOG])).unwrap_err();
    let msg = panic.downcast_ref::<String>().unwrap();
    assert!(
        msg.starts_with(&format!("no catalogue lock at {}", missing.display())),
        "{msg}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_deprecated_code_stays_on_the_wire_and_is_marked_everywhere() {
    use api_envelope::format::ScaiWave;
    let err = V2Compatible::Frozen;
    assert_eq!(err.code(), "SW_ROOM_FROZEN");
    assert_eq!(err.entry().deprecated, Some("SW_ROOM_CLOSED"));
    let res = err.to_response(&ScaiWave, &api_envelope::Context::new());
    let body: serde_json::Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(body["error"]["code"], "SW_ROOM_FROZEN");

    // The page.
    let page = V2Compatible::CATALOG.reference_page().to_string();
    assert!(
        page.contains("| `SW_ROOM_FROZEN` | 409 | Room is closed or archived. **Deprecated:** use `SW_ROOM_CLOSED`. |"),
        "{page}"
    );
    // OpenAPI.
    let responses = api_envelope::integrations::utoipa::ErrorResponses::new()
        .catalog(&V2Compatible::CATALOG)
        .format(&ScaiWave, None)
        .build();
    let json = serde_json::to_value(&responses).unwrap();
    assert_eq!(
        json["409"]["x-deprecated"],
        serde_json::json!({"SW_ROOM_FROZEN": "SW_ROOM_CLOSED"})
    );
    assert_eq!(
        json["409"]["content"]["application/json"]["examples"]["SW_ROOM_FROZEN"]["summary"],
        "Deprecated: use `SW_ROOM_CLOSED`. Room is closed or archived."
    );
    assert!(json["404"].get("x-deprecated").is_none());
    // The documentation pages.
    const ROOMS: api_envelope::Product = api_envelope::Product::new(
        "Rooms",
        &[api_envelope::Section::new("Rooms", &["rooms"])],
        &[V2Compatible::CATALOG],
    );
    let site = api_envelope::reference::site::Site::new(&ROOMS, &ScaiWave);
    let page = site.page("SW_ROOM_FROZEN").unwrap();
    assert!(
        page.contains("<p class=\"deprecated\"><strong>Deprecated:</strong> still answered, but use <a href=\"SW_ROOM_CLOSED.html\"><code>SW_ROOM_CLOSED</code></a>.</p>"),
        "{page}"
    );
    assert!(
        site.index()
            .contains("<em>Deprecated: use <code>SW_ROOM_CLOSED</code>.</em>")
    );
    // JSON export.
    let codes = api_envelope::catalog::export::catalogs_json([&V2Compatible::CATALOG]);
    assert_eq!(codes[0]["deprecated"], "SW_ROOM_CLOSED");
    assert_eq!(codes[1]["deprecated"], serde_json::Value::Null);

    // The client: an older server's code read as its replacement.
    let remote = RemoteError::from_response(&res).upgraded(&V2Compatible::CATALOG);
    assert_eq!(remote.code.as_deref(), Some("SW_ROOM_CLOSED"));
    assert_eq!(remote.deprecated_code.as_deref(), Some("SW_ROOM_FROZEN"));
    let current = RemoteError::from_parts(
        StatusCode::CONFLICT,
        &HeaderMap::new(),
        br#"{"error":{"code":"SW_ROOM_CLOSED","message":"closed"}}"#,
    )
    .upgraded(&V2Compatible::CATALOG);
    assert_eq!(current.code.as_deref(), Some("SW_ROOM_CLOSED"));
    assert_eq!(current.deprecated_code, None);
}

//! Layered errors: `#[code(transparent)]` variants delegating everything to the error they
//! wrap, three layers deep (`AppError` → `RoomError` → `io::Error`), with one attribute per
//! layer; the catalogue of a wrapping type as the union of its own and the wrapped ones.

use std::error::Error as _;
use std::io;
use std::time::Duration;

use api_envelope::Format;
use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::http::StatusCode;
use api_envelope::{ApiError, Catalogued, Context, Violation};

mod layers;

use layers::{AppError, MiscError, Outer, RoomError, app_case, app_op};

#[test]
fn three_layers_one_attribute_each() {
    let err = app_op().unwrap_err();
    assert_eq!(err.code(), "SW_INTERNAL_ERROR");
    assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(err.family(), Some("rooms"));
    assert_eq!(err.meaning(), "Storage failed.");
    assert_eq!(err.to_string(), "storage at 10.0.0.7: disk full");
    // Each case's code is its layer's.
    for (case, code) in [
        ("frozen", "SW_ROOM_FROZEN"),
        ("limited", "SW_RATE_LIMIT_EXCEEDED"),
        ("invalid", "SW_VALIDATION_ERROR"),
    ] {
        assert_eq!(app_case(case).unwrap_err().code(), code);
    }
    // The wrapped error's source, as thiserror's `#[error(transparent)]`.
    assert_eq!(err.source().unwrap().to_string(), "disk full");
    let res = err.to_response(&ScaiWave, &Context::new().request_id("req_1"));
    assert_eq!(res.status(), 500);
    // The public text only: the internal text never reaches the wire.
    assert_eq!(
        String::from_utf8_lossy(res.body()),
        r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Internal error.","request_id":"req_1"}}"#
    );
}

/// Every built-in format, with a request id and a locale.
fn formats() -> Vec<Box<dyn Format>> {
    vec![
        Box::new(ScaiWave),
        Box::new(ScaiGrid),
        Box::new(ScaiDrive),
        Box::new(ScaiKey),
        Box::new(Problem::new("https://errors.example/")),
    ]
}

/// The whole response (status, every header, body) of `err` in `format`.
fn seen(err: &dyn ApiError, format: &dyn Format) -> (u16, Vec<(String, String)>, String) {
    let ctx = Context::new().request_id("req_7").instance("/v1/rooms/r1");
    let res = err.to_response(format, &ctx);
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("?").to_owned()))
        .collect();
    (
        res.status().as_u16(),
        headers,
        String::from_utf8_lossy(res.body()).into_owned(),
    )
}

#[test]
fn wrapped_renders_as_unwrapped_in_every_format() {
    type Make = Box<dyn Fn() -> RoomError>;
    let cases: Vec<(Make, &str)> = vec![
        (
            Box::new(|| RoomError::Frozen {
                room_id: "r1".into(),
            }),
            "detail",
        ),
        (
            Box::new(|| RoomError::Storage(io::Error::other("disk full"))),
            "5xx",
        ),
        (
            Box::new(|| RoomError::Limited {
                wait: Duration::from_secs(7),
            }),
            "retry",
        ),
    ];
    for format in formats() {
        for (make, what) in &cases {
            let inner = seen(&make(), &*format);
            let app = seen(&AppError::from(make()), &*format);
            let outer = seen(&Outer(AppError::from(make())), &*format);
            assert_eq!(app, inner, "{what}");
            assert_eq!(outer, inner, "{what}");
            assert!(!inner.2.contains("disk full"), "{what}: {}", inner.2);
        }
        let invalid = || MiscError::Validation {
            violations: vec![Violation::new(["body", "text"], "Field required").kind("missing")],
        };
        assert_eq!(
            seen(&AppError::from(invalid()), &*format),
            seen(&invalid(), &*format)
        );
    }
}

#[test]
fn every_part_delegates() {
    let frozen = AppError::from(RoomError::Frozen {
        room_id: "r1".into(),
    });
    assert!(frozen.has_details());
    let res = frozen.to_response(&Problem::new("https://errors.example/"), &Context::new());
    assert_eq!(res.status(), 409);
    assert_eq!(
        String::from_utf8_lossy(res.body()),
        r#"{"type":"https://errors.example/SW_ROOM_FROZEN","title":"Closed or archived.","status":409,"detail":"room r1 is closed","code":"SW_ROOM_FROZEN","room_id":"r1"}"#
    );
    assert_eq!(frozen.family(), Some("rooms"));
    let limited = AppError::from(RoomError::Limited {
        wait: Duration::from_secs(7),
    });
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(7)));
    let invalid = AppError::from(MiscError::Validation {
        violations: vec![Violation::new(["body", "text"], "Field required").kind("missing")],
    });
    assert_eq!(invalid.violations().len(), 1);
    assert_eq!(invalid.status(), 422);
    let own = AppError::Maintenance;
    assert_eq!((own.code(), own.status().as_u16()), ("SW_MAINTENANCE", 503));
    assert!(own.source().is_none());
    let outer = Outer(AppError::from(RoomError::Frozen {
        room_id: "r2".into(),
    }));
    assert_eq!(outer.code(), "SW_ROOM_FROZEN");
    assert_eq!(outer.to_string(), "room r2 is closed");
}

#[test]
fn the_catalogue_is_the_union() {
    let catalog = AppError::CATALOG;
    assert_eq!(catalog.entries.len(), 1);
    assert_eq!(catalog.nested.len(), 2);
    assert_eq!(catalog.nested[0].name, "RoomError");
    assert!(std::ptr::eq(AppError::catalog(), AppError::catalog()));
    assert_eq!(<AppError as ApiError>::catalog().nested.len(), 2);
    assert_eq!(Outer::CATALOG.nested[0].name, "AppError");
}

#[test]
fn boxed_with_question_mark() {
    fn handler() -> Result<(), Box<dyn ApiError + Send + Sync>> {
        app_op()?;
        Ok(())
    }
    let err = handler().unwrap_err();
    assert_eq!(err.code(), "SW_INTERNAL_ERROR");
}

/// Generic layers: the bounds come from the derive.
#[derive(Debug, ApiError)]
enum Generic<E> {
    #[code(transparent)]
    Inner(E),
    /// Own.
    #[code("OWN", status = 400)]
    Own,
}

#[test]
fn generic_transparent() {
    let err: Generic<RoomError> = Generic::from(RoomError::Frozen {
        room_id: "g".into(),
    });
    assert_eq!(err.code(), "SW_ROOM_FROZEN");
    assert_eq!(
        <Generic<RoomError> as Catalogued>::CATALOG.nested[0].name,
        "RoomError"
    );
    assert_eq!(Generic::<RoomError>::Own.code(), "OWN");
}

//! **V**: the envelope as a `serde_json::json!` value from the `thiserror` error of T, then
//! serialised. (`json!` objects are `BTreeMap`s here, so keys come out sorted: V is checked
//! against D as a JSON value, not byte for byte.)

use http::Response;
use serde_json::json;

use crate::Fmt;
use crate::fixture::{Request, TYPE_BASE};
use crate::limit::respond;
use crate::thiserror_arm::RoomError;

/// The envelope of `err` in `fmt` as a value.
#[must_use]
pub fn value(fmt: Fmt, err: &RoomError, req: &Request) -> serde_json::Value {
    match fmt {
        Fmt::ScaiWave => json!({
            "error": {
                "code": err.code(),
                "message": err.to_string(),
                "details": { "room_id": err.room_id() },
            }
        }),
        Fmt::ScaiGrid => {
            let message = err.to_string();
            json!({
                "status": "error",
                "error": {
                    "code": err.code(),
                    "message": message,
                    "details": [{ "field": "room_id", "message": message, "value": err.room_id() }],
                },
                "meta": { "request_id": req.request_id },
            })
        }
        Fmt::ScaiDrive => json!({ "detail": err.to_string() }),
        Fmt::ScaiKey => json!({
            "error": {
                "code": err.code(),
                "message": err.to_string(),
                "details": { "room_id": err.room_id() },
                "request_id": req.request_id,
            }
        }),
        Fmt::Problem => json!({
            "type": format!("{TYPE_BASE}{}", err.code()),
            "title": err.meaning(),
            "status": err.status().as_u16(),
            "detail": err.to_string(),
            "instance": req.instance,
            "code": err.code(),
            "room_id": err.room_id(),
        }),
    }
}

/// Builds the value and serialises it at the end of `buf`.
///
/// # Panics
/// Never: serialising into a `Vec` cannot fail.
pub fn body(fmt: Fmt, err: &RoomError, req: &Request, buf: &mut Vec<u8>) {
    let v = value(fmt, err, req);
    serde_json::to_writer(&mut *buf, &v).expect("serialising into a Vec cannot fail");
}

/// The whole `http::Response` of `err` in `fmt`.
#[must_use]
pub fn response(fmt: Fmt, err: &RoomError, req: &Request) -> Response<Vec<u8>> {
    let mut buf = Vec::with_capacity(256);
    body(fmt, err, req, &mut buf);
    respond(fmt, err.status(), buf, req)
}

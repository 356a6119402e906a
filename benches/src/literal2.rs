//! **L2**, the floor: [`crate::literal`] (L1) with the message's fixed words written as
//! literals too. The message `room {room_id} is closed` becomes `"room ` + the room id
//! escaped as the inside of a string + ` is closed"`: no `Display`, no `fmt::write`, no
//! formatting machinery at all. Only the values (room id, request id, instance) pass
//! through serde_json's escaping.
//!
//! No renderer that takes the message from the error's `Display`, as D and every other
//! arm do, can go below this: it is the cost of copying the fixed bytes and escaping the
//! values. Body only.

use crate::Fmt;
use crate::fixture::Request;
use crate::limit::Frozen;
use crate::literal::{escaped, string};

/// `"room <room id> is closed"`, the fixed words as literals.
#[inline]
fn message(err: &Frozen, buf: &mut Vec<u8>) {
    buf.extend_from_slice(b"\"room ");
    escaped(buf, &err.room_id);
    buf.extend_from_slice(b" is closed\"");
}

/// ScaiWave.
fn wave(err: &Frozen, buf: &mut Vec<u8>) {
    buf.extend_from_slice(b"{\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":");
    message(err, buf);
    buf.extend_from_slice(b",\"details\":{\"room_id\":");
    string(buf, &err.room_id);
    buf.extend_from_slice(b"}}}");
}

/// ScaiGrid.
fn grid(err: &Frozen, req: &Request, buf: &mut Vec<u8>) {
    buf.extend_from_slice(
        b"{\"status\":\"error\",\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":",
    );
    message(err, buf);
    buf.extend_from_slice(b",\"details\":[{\"field\":\"room_id\",\"message\":");
    message(err, buf);
    buf.extend_from_slice(b",\"value\":");
    string(buf, &err.room_id);
    buf.extend_from_slice(b"}]},\"meta\":{\"request_id\":");
    string(buf, &req.request_id);
    buf.extend_from_slice(b"}}");
}

/// ScaiDrive.
fn drive(err: &Frozen, buf: &mut Vec<u8>) {
    buf.extend_from_slice(b"{\"detail\":");
    message(err, buf);
    buf.push(b'}');
}

/// ScaiKey.
fn key(err: &Frozen, req: &Request, buf: &mut Vec<u8>) {
    buf.extend_from_slice(b"{\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":");
    message(err, buf);
    buf.extend_from_slice(b",\"details\":{\"room_id\":");
    string(buf, &err.room_id);
    buf.extend_from_slice(b"},\"request_id\":");
    string(buf, &req.request_id);
    buf.extend_from_slice(b"}}");
}

/// RFC 9457.
fn problem(err: &Frozen, req: &Request, buf: &mut Vec<u8>) {
    buf.extend_from_slice(
        b"{\"type\":\"https://docs.example.com/errors/SW_ROOM_FROZEN\",\
          \"title\":\"Closed or archived.\",\"status\":409,\"detail\":",
    );
    message(err, buf);
    buf.extend_from_slice(b",\"instance\":");
    string(buf, &req.instance);
    buf.extend_from_slice(b",\"code\":\"SW_ROOM_FROZEN\",\"room_id\":");
    string(buf, &err.room_id);
    buf.push(b'}');
}

/// Writes the body of `err` in `fmt` at the end of `buf` (one `match`, as
/// [`crate::limit::body`]).
pub fn body(fmt: Fmt, err: &Frozen, req: &Request, buf: &mut Vec<u8>) {
    match fmt {
        Fmt::ScaiWave => wave(err, buf),
        Fmt::ScaiGrid => grid(err, req, buf),
        Fmt::ScaiDrive => drive(err, buf),
        Fmt::ScaiKey => key(err, req, buf),
        Fmt::Problem => problem(err, req, buf),
    }
}

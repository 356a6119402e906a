//! **L1**, the careful hand-writer without serde's per-field machinery: what a service
//! that writes its envelope by hand, byte by byte, pays.
//!
//! No `#[derive(Serialize)]` struct, no `SerializeStruct` calls, no per-key escaping:
//! the envelope's fixed text (braces, keys, the code, the Problem title and type URI,
//! `"status":409`) goes into the buffer as literal byte runs
//! (`buf.extend_from_slice(b"{\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":")`).
//! Only what changes from one occurrence to the next goes through serde_json:
//!
//! - the message is streamed from the error's `Display` ([`limit::Frozen`]'s
//!   `write!(f, "room {} is closed", ..)`) through serde_json's escaping with
//!   `collect_str` ([`display`]): no intermediate `String`;
//! - every other dynamic string (the room id, the request id, the instance) is escaped
//!   with `serialize_str` ([`string`]).
//!
//! The status is written as a literal (`"status":409`), not with `itoa`: it is fixed for
//! this error, as the code is, so a hand-writer of this error spells it out.
//!
//! The envelope's text is the one of BENCHMARKS.md's "The arms" table; `check::all`
//! asserts byte for byte that it is what D renders. [`crate::literal2`] (L2) goes one step
//! further and also writes the message's fixed words as literals.
//!
//! Writing into a `Vec` cannot fail, so the results of serde_json are discarded as the
//! runtime's own writer discards them ([`ok`]): what is compared is the way of writing,
//! not the error handling around it.

use std::fmt;
use std::io;

use http::{Response, StatusCode};
use serde::Serializer as _;

use crate::Fmt;
use crate::fixture::Request;
use crate::limit::{self, Frozen};

/// Discards the result of writing into a `Vec`, which cannot fail (forgotten rather than
/// dropped, as `api_envelope::format::JsonWriter` does, so no destructor glue runs).
#[inline]
pub fn ok(result: serde_json::Result<()>) {
    debug_assert!(result.is_ok(), "writing into a Vec cannot fail");
    std::mem::forget(result);
}

/// Appends `s` as a JSON string (quotes included), escaped by serde_json.
#[inline]
pub fn string(buf: &mut Vec<u8>, s: &str) {
    ok(serde_json::Serializer::new(&mut *buf).serialize_str(s));
}

/// Appends what `value` displays as a JSON string (quotes included), streamed through
/// serde_json's escaping (`collect_str`): no intermediate `String`.
#[inline]
pub fn display<D: fmt::Display + ?Sized>(buf: &mut Vec<u8>, value: &D) {
    ok(serde_json::Serializer::new(&mut *buf).collect_str(value));
}

/// Appends `s` escaped as the inside of a JSON string (no quotes): a value spliced into a
/// string whose fixed words are literals (L2's message).
#[inline]
pub fn escaped(buf: &mut Vec<u8>, s: &str) {
    ok(serde_json::Serializer::with_formatter(&mut *buf, Unquoted).serialize_str(s));
}

/// serde_json's compact output without the quotes around a string: its escaping of one
/// piece of a longer string.
#[derive(Debug, Clone, Copy)]
pub struct Unquoted;

impl serde_json::ser::Formatter for Unquoted {
    #[inline]
    fn begin_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }

    #[inline]
    fn end_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }
}

/// ScaiWave: `{"error":{"code","message","details":{"room_id"}}}`.
#[inline(always)]
fn wave(err: &Frozen, buf: &mut Vec<u8>, message: impl Fn(&mut Vec<u8>, &Frozen)) {
    buf.extend_from_slice(b"{\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":");
    message(buf, err);
    buf.extend_from_slice(b",\"details\":{\"room_id\":");
    string(buf, &err.room_id);
    buf.extend_from_slice(b"}}}");
}

/// ScaiGrid: `{"status":"error","error":{"code","message","details":[{"field","message",
/// "value"}]},"meta":{"request_id"}}`.
#[inline(always)]
fn grid(err: &Frozen, req: &Request, buf: &mut Vec<u8>, message: impl Fn(&mut Vec<u8>, &Frozen)) {
    buf.extend_from_slice(
        b"{\"status\":\"error\",\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":",
    );
    message(buf, err);
    buf.extend_from_slice(b",\"details\":[{\"field\":\"room_id\",\"message\":");
    message(buf, err);
    buf.extend_from_slice(b",\"value\":");
    string(buf, &err.room_id);
    buf.extend_from_slice(b"}]},\"meta\":{\"request_id\":");
    string(buf, &req.request_id);
    buf.extend_from_slice(b"}}");
}

/// ScaiDrive: `{"detail":"<message>"}`.
#[inline(always)]
fn drive(err: &Frozen, buf: &mut Vec<u8>, message: impl Fn(&mut Vec<u8>, &Frozen)) {
    buf.extend_from_slice(b"{\"detail\":");
    message(buf, err);
    buf.push(b'}');
}

/// ScaiKey: `{"error":{"code","message","details":{"room_id"},"request_id"}}`.
#[inline(always)]
fn key(err: &Frozen, req: &Request, buf: &mut Vec<u8>, message: impl Fn(&mut Vec<u8>, &Frozen)) {
    buf.extend_from_slice(b"{\"error\":{\"code\":\"SW_ROOM_FROZEN\",\"message\":");
    message(buf, err);
    buf.extend_from_slice(b",\"details\":{\"room_id\":");
    string(buf, &err.room_id);
    buf.extend_from_slice(b"},\"request_id\":");
    string(buf, &req.request_id);
    buf.extend_from_slice(b"}}");
}

/// RFC 9457: `type` (base and code), `title`, `status` and the code as literals; `detail`,
/// `instance` and the `room_id` extension dynamic.
#[inline(always)]
fn problem(
    err: &Frozen,
    req: &Request,
    buf: &mut Vec<u8>,
    message: impl Fn(&mut Vec<u8>, &Frozen),
) {
    buf.extend_from_slice(
        b"{\"type\":\"https://docs.example.com/errors/SW_ROOM_FROZEN\",\
          \"title\":\"Closed or archived.\",\"status\":409,\"detail\":",
    );
    message(buf, err);
    buf.extend_from_slice(b",\"instance\":");
    string(buf, &req.instance);
    buf.extend_from_slice(b",\"code\":\"SW_ROOM_FROZEN\",\"room_id\":");
    string(buf, &err.room_id);
    buf.push(b'}');
}

/// Writes the body of `err` in `fmt` at the end of `buf` (one `match`, as
/// [`limit::body`]).
pub fn body(fmt: Fmt, err: &Frozen, req: &Request, buf: &mut Vec<u8>) {
    body_with(fmt, err, req, buf, display::<Frozen>);
}

/// The envelopes of L1 and L2, which differ only in how the message is written
/// (`message`): monomorphised and inlined per arm, so each arm's code is its own
/// hand-writer's.
#[inline(always)]
pub(crate) fn body_with(
    fmt: Fmt,
    err: &Frozen,
    req: &Request,
    buf: &mut Vec<u8>,
    message: impl Fn(&mut Vec<u8>, &Frozen),
) {
    match fmt {
        Fmt::ScaiWave => wave(err, buf, message),
        Fmt::ScaiGrid => grid(err, req, buf, message),
        Fmt::ScaiDrive => drive(err, buf, message),
        Fmt::ScaiKey => key(err, req, buf, message),
        Fmt::Problem => problem(err, req, buf, message),
    }
}

/// The whole `http::Response` of `err` in `fmt`, built as [`limit::response`] builds L's:
/// one body allocation of the same capacity (256 bytes), then the same headers
/// ([`limit::respond`]).
#[must_use]
pub fn response(fmt: Fmt, err: &Frozen, req: &Request) -> Response<Vec<u8>> {
    let mut buf = Vec::with_capacity(256);
    body(fmt, err, req, &mut buf);
    limit::respond(fmt, StatusCode::CONFLICT, buf, req)
}

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
use crate::literal::escaped;

/// `"room <room id> is closed"`, the fixed words as literals.
#[inline]
fn message(err: &Frozen, buf: &mut Vec<u8>) {
    buf.extend_from_slice(b"\"room ");
    escaped(buf, &err.room_id);
    buf.extend_from_slice(b" is closed\"");
}

/// Writes the body of `err` in `fmt` at the end of `buf` (one `match`, as
/// [`crate::limit::body`]).
pub fn body(fmt: Fmt, err: &Frozen, req: &Request, buf: &mut Vec<u8>) {
    crate::literal::body_with(fmt, err, req, buf, |buf, err| message(err, buf));
}

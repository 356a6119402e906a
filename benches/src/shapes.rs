//! The five envelopes as hand-written `#[derive(Serialize)]` structs of borrowed fields,
//! generic over the message `M` so that L (a streamed message) and T (an owned `String`)
//! share exactly the same shapes.

use std::fmt;

use serde::{Serialize, Serializer};

/// A message streamed into the serializer with `collect_str`: no intermediate `String`.
#[derive(Clone, Copy)]
pub struct Streamed<D>(pub D);

impl<D: fmt::Display> Serialize for Streamed<D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// `{"error":{"code","message","details":{...}}}`
#[derive(Serialize)]
pub struct Wave<'a, M> {
    /// The error object.
    pub error: WaveError<'a, M>,
}

/// ScaiWave's `error`.
#[derive(Serialize)]
pub struct WaveError<'a, M> {
    /// The code.
    pub code: &'a str,
    /// The message.
    pub message: M,
    /// The detail fields.
    pub details: RoomDetails<'a>,
}

/// `{"status":"error","error":{"code","message","details":[{"field","message","value"}]},
/// "meta":{"request_id"}}`
#[derive(Serialize)]
pub struct Grid<'a, M> {
    /// Always `"error"`.
    pub status: &'static str,
    /// The error object.
    pub error: GridError<'a, M>,
    /// The request facts.
    pub meta: GridMeta<'a>,
}

/// ScaiGrid's `error`.
#[derive(Serialize)]
pub struct GridError<'a, M> {
    /// The code.
    pub code: &'a str,
    /// The message.
    pub message: M,
    /// One entry per detail field.
    pub details: [GridDetail<'a, M>; 1],
}

/// One entry of ScaiGrid's `details`: the field, the message, the value.
#[derive(Serialize)]
pub struct GridDetail<'a, M> {
    /// The field name.
    pub field: &'a str,
    /// The message (again).
    pub message: M,
    /// The field's value.
    pub value: &'a str,
}

/// ScaiGrid's `meta`.
#[derive(Serialize)]
pub struct GridMeta<'a> {
    /// The request id.
    pub request_id: &'a str,
}

/// `{"detail":"<message>"}`
#[derive(Serialize)]
pub struct Drive<M> {
    /// The message.
    pub detail: M,
}

/// `{"error":{"code","message","details":{...},"request_id"}}`
#[derive(Serialize)]
pub struct Key<'a, M> {
    /// The error object.
    pub error: KeyError<'a, M>,
}

/// ScaiKey's `error`.
#[derive(Serialize)]
pub struct KeyError<'a, M> {
    /// The code.
    pub code: &'a str,
    /// The message.
    pub message: M,
    /// The detail fields.
    pub details: RoomDetails<'a>,
    /// The request id.
    pub request_id: &'a str,
}

/// The `#[detail]` fields of `SW_ROOM_FROZEN`.
#[derive(Serialize)]
pub struct RoomDetails<'a> {
    /// The room.
    pub room_id: &'a str,
}

/// RFC 9457: `type`, `title`, `status`, `detail`, `instance`, extension `code`, and the
/// detail field as an extension.
#[derive(Serialize)]
pub struct Problem<'a, T, M> {
    /// The type URI: base followed by the code.
    #[serde(rename = "type")]
    pub type_: T,
    /// The code's meaning.
    pub title: &'a str,
    /// The status number.
    pub status: u16,
    /// This occurrence's message.
    pub detail: M,
    /// This occurrence's URI.
    pub instance: &'a str,
    /// The code.
    pub code: &'a str,
    /// The detail field, as an extension member (written out, not `#[serde(flatten)]`,
    /// which would go through a map serializer and cost more).
    pub room_id: &'a str,
}

/// `base` followed by `code`, streamed.
#[derive(Clone, Copy)]
pub struct TypeUri<'a> {
    /// The base URI.
    pub base: &'a str,
    /// The code.
    pub code: &'a str,
}

impl fmt::Display for TypeUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base)?;
        f.write_str(self.code)
    }
}

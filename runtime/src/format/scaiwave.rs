//! ScaiWave: `{"error":{"code","message"}}` (seed 000).

use http::HeaderValue;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{APPLICATION_JSON, Details, Format, Message, PydanticErrors, RenderError, write_json};
use crate::{ApiError, Context};

/// The ScaiWave envelope (seed 000): `application/json`, no other header.
///
/// ```text
/// {"error":{"code":"SW_...","message":"...","details"?:...,"request_id"?:"..."}}
/// ```
///
/// - `details` on a validation error (any value with violations): the Pydantic-style list
///   `[{"type","loc","msg","input"?,"ctx"?}]` (the page: "details in `error.details`").
/// - `details` on any other error with `#[detail]` fields: an object `{"name": value}`,
///   the same shape ScaiKey uses. (A value with both: the list, followed by one entry
///   `{"type":"detail","loc":["name"],"msg":<message>,"input":value}` per detail field.)
/// - `request_id` on every 5xx when the [`Context`] has one, so the operator can find the
///   real cause in the logs (the page: "Includes a `request_id` to grep server logs").
///   No id is invented: without one in the context, the key is left out.
/// - A 5xx shows its public text, never the internal message (see [`Message`]).
/// - No `Retry-After`: the page documents no header.
///
/// ```
/// use api_envelope::format::ScaiWave;
/// use api_envelope::{ApiError, Context, Violation};
///
/// #[derive(Debug, ApiError)]
/// enum RoomError {
///     /// Closed or archived.
///     #[code("SW_ROOM_FROZEN", status = 409)]
///     #[message("room {room_id} is closed")]
///     Frozen { #[detail] room_id: String },
///     /// Pydantic schema validation failed.
///     #[code("SW_VALIDATION_ERROR", status = 422)]
///     #[message("invalid request")]
///     Invalid { #[violations] violations: Vec<Violation> },
///     /// Bug.
///     #[code("SW_INTERNAL_ERROR", status = 500)]
///     #[message("db: {0}")]
///     Internal(#[source] std::io::Error),
/// }
///
/// let ctx = Context::new().request_id("req_1");
/// let body = |e: &RoomError| {
///     let mut out = Vec::new();
///     e.write_body(&ScaiWave, &ctx, &mut out).unwrap();
///     String::from_utf8(out).unwrap()
/// };
///
/// assert_eq!(
///     body(&RoomError::Frozen { room_id: "r1".into() }),
///     r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed","details":{"room_id":"r1"}}}"#
/// );
/// let missing = Violation::new(["body", "name"], "Field required").kind("missing");
/// assert_eq!(
///     body(&RoomError::Invalid { violations: vec![missing] }),
///     r#"{"error":{"code":"SW_VALIDATION_ERROR","message":"invalid request","details":[{"type":"missing","loc":["body","name"],"msg":"Field required"}]}}"#
/// );
/// assert_eq!(
///     body(&RoomError::Internal(std::io::Error::other("password=hunter2"))),
///     r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Bug.","request_id":"req_1"}}"#
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScaiWave;

impl Format for ScaiWave {
    fn content_type(&self) -> HeaderValue {
        APPLICATION_JSON
    }

    fn write_body(
        &self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        write_json(out, &Envelope { err, ctx })
    }
}

struct Envelope<'a> {
    err: &'a dyn ApiError,
    ctx: &'a Context<'a>,
}

impl Serialize for Envelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(
            "error",
            &Body {
                err: self.err,
                ctx: self.ctx,
            },
        )?;
        map.end()
    }
}

struct Body<'a> {
    err: &'a dyn ApiError,
    ctx: &'a Context<'a>,
}

impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (err, ctx) = (self.err, self.ctx);
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", err.code())?;
        map.serialize_entry("message", &Message::new(err, ctx))?;
        if !err.violations().is_empty() {
            map.serialize_entry("details", &ValidationDetails { err, ctx })?;
        } else if err.has_details() {
            map.serialize_entry("details", &Details::new(err))?;
        }
        if err.status().is_server_error()
            && let Some(id) = ctx.get_request_id()
        {
            map.serialize_entry("request_id", id)?;
        }
        map.end()
    }
}

/// The Pydantic list, then one entry per `#[detail]` field.
struct ValidationDetails<'a> {
    err: &'a dyn ApiError,
    ctx: &'a Context<'a>,
}

impl Serialize for ValidationDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (err, ctx) = (self.err, self.ctx);
        if !err.has_details() {
            return PydanticErrors(err.violations()).serialize(serializer);
        }
        let mut seq = serializer.serialize_seq(None)?;
        super::limits::try_for_each_listed(err.violations(), |v| {
            seq.serialize_element(&super::PydanticEntry(v))
        })?;
        super::try_for_each_detail(err, |name, value| {
            seq.serialize_element(&DetailEntry {
                name,
                value,
                message: Message::new(err, ctx),
            })
        })?;
        seq.end()
    }
}

struct DetailEntry<'a> {
    name: &'static str,
    value: crate::Detail<'a>,
    message: Message<'a>,
}

impl Serialize for DetailEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("type", "detail")?;
        map.serialize_entry("loc", &[self.name])?;
        map.serialize_entry("msg", &self.message)?;
        map.serialize_entry("input", &self.value)?;
        map.end()
    }
}

//! ScaiWave: `{"error":{"code","message"}}` (seed 000).

use http::HeaderValue;

use super::{
    APPLICATION_JSON, Facts, Format, JsonWriter, PydanticEntry, PydanticErrors, RenderError,
};
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
/// - A 5xx shows its public text, never the internal message (see [`Message`](super::Message)).
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
        let facts = Facts::of(err);
        let mut w = JsonWriter::new(out);
        // The fixed text in runs; the code needs no escaping (`CatalogEntry::new`).
        w.raw_open(r#"{"error":{"code":""#, 2);
        w.raw(facts.entry.code);
        w.raw(r#"","message":"#);
        w.message_with(err, ctx, &facts)?;
        let violations = facts.violations(err);
        if !violations.is_empty() {
            w.key("details");
            validation_details(&mut w, err, ctx, violations)?;
        } else if err.has_details() {
            w.key("details");
            w.begin_object();
            w.details(err, &[])?;
            w.end_object();
        }
        if facts.status.is_server_error()
            && let Some(id) = ctx.get_request_id()
        {
            w.key("request_id");
            w.str(id);
        }
        w.raw_close("}}", 2);
        Ok(())
    }
}

/// The Pydantic list, then one `{"type":"detail","loc":[name],"msg","input"}` entry per
/// `#[detail]` field.
fn validation_details(
    w: &mut JsonWriter<'_>,
    err: &dyn ApiError,
    ctx: &Context<'_>,
    violations: &[crate::Violation],
) -> Result<(), RenderError> {
    if !err.has_details() {
        return w.value(&PydanticErrors(violations));
    }
    w.begin_array();
    w.each_violation(violations, |w, v| {
        w.item();
        w.value(&PydanticEntry(v))
    })?;
    w.each_detail(err, |w, name, value| {
        w.item();
        w.begin_object();
        w.key("type");
        w.raw(r#""detail""#);
        w.key("loc");
        w.begin_array();
        w.item();
        w.str(name);
        w.end_array();
        w.key("msg");
        w.message(err, ctx)?;
        w.key("input");
        w.detail(value)?;
        w.end_object();
        Ok(())
    })?;
    w.end_array();
    Ok(())
}

//! ScaiGrid: `{"status":"error","error":{...},"meta":{"request_id"}}` (seed 001).

use http::{HeaderMap, HeaderValue};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{
    APPLICATION_JSON, Format, LocPath, Message, RenderError, insert_retry_after,
    request_id_or_generate, retry_after_secs, write_json,
};
use crate::{ApiError, Context};

/// The ScaiGrid envelope (seed 001): `application/json`, plus `Retry-After` (seconds,
/// rounded up) whenever the error has a retry hint.
///
/// ```text
/// {"status":"error",
///  "error":{"code":"...","message":"...","retry_after"?:30,"details"?:[{"field","message"}]},
///  "meta":{"request_id":"req_..."}}
/// ```
///
/// - `retry_after`: the retry hint in whole seconds (rounded up), when the error has one.
/// - `details`: one `{"field","message"}` per violation (`field` is the dotted path,
///   `body.items[0].name`), then one `{"field","message","value"}` per `#[detail]` field:
///   `field` is the detail's name, `message` the error's message and `value` the detail
///   itself, so every entry keeps the documented `field`/`message` strings.
/// - `meta.request_id` is always there: the context's id, or a generated `req_...` one
///   ([`requires_request_id`](Format::requires_request_id) is `true`).
///
/// ```
/// use api_envelope::format::ScaiGrid;
/// use api_envelope::{ApiError, Context};
///
/// #[derive(Debug, ApiError)]
/// enum GridError {
///     /// ScaiGrid's own rate limiter.
///     #[code("RATE_LIMITED", status = 429)]
///     #[message("slow down")]
///     RateLimited { #[retry_after] seconds: u64 },
///     /// No frontend model with that slug.
///     #[code("MODEL_NOT_FOUND", status = 404)]
///     #[message("model {slug} not found")]
///     ModelNotFound { #[detail] slug: String },
/// }
///
/// let ctx = Context::new().request_id("req_1");
/// let res = GridError::RateLimited { seconds: 30 }.to_response(&ScaiGrid, &ctx);
/// assert_eq!(res.headers()["retry-after"], "30");
/// assert_eq!(
///     res.body().as_slice(),
///     br#"{"status":"error","error":{"code":"RATE_LIMITED","message":"slow down","retry_after":30},"meta":{"request_id":"req_1"}}"#
/// );
///
/// let res = GridError::ModelNotFound { slug: "gpt-x".into() }.to_response(&ScaiGrid, &ctx);
/// assert_eq!(
///     res.body().as_slice(),
///     br#"{"status":"error","error":{"code":"MODEL_NOT_FOUND","message":"model gpt-x not found","details":[{"field":"slug","message":"model gpt-x not found","value":"gpt-x"}]},"meta":{"request_id":"req_1"}}"#
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScaiGrid;

impl Format for ScaiGrid {
    fn content_type(&self) -> HeaderValue {
        APPLICATION_JSON
    }

    fn write_body(
        &self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        let mut generated = None;
        let request_id = request_id_or_generate(ctx, &mut generated);
        write_json(
            out,
            &Envelope {
                err,
                ctx,
                request_id,
            },
        )
    }

    fn write_headers(&self, err: &dyn ApiError, _ctx: &Context<'_>, headers: &mut HeaderMap) {
        insert_retry_after(err, headers);
    }

    fn requires_request_id(&self) -> bool {
        true
    }
}

struct Envelope<'a> {
    err: &'a dyn ApiError,
    ctx: &'a Context<'a>,
    request_id: &'a str,
}

impl Serialize for Envelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("status", "error")?;
        map.serialize_entry(
            "error",
            &Body {
                err: self.err,
                ctx: self.ctx,
            },
        )?;
        map.serialize_entry(
            "meta",
            &Meta {
                request_id: self.request_id,
            },
        )?;
        map.end()
    }
}

#[derive(Serialize)]
struct Meta<'a> {
    request_id: &'a str,
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
        if let Some(secs) = retry_after_secs(err) {
            map.serialize_entry("retry_after", &secs)?;
        }
        if !err.violations().is_empty() || err.has_details() {
            map.serialize_entry("details", &DetailList { err, ctx })?;
        }
        map.end()
    }
}

struct DetailList<'a> {
    err: &'a dyn ApiError,
    ctx: &'a Context<'a>,
}

impl Serialize for DetailList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (err, ctx) = (self.err, self.ctx);
        let mut seq = serializer.serialize_seq(None)?;
        super::limits::try_for_each_listed(err.violations(), |v| {
            seq.serialize_element(&FieldEntry {
                field: LocPath(&v.loc),
                message: super::limits::Capped(&v.message),
                value: None::<crate::Detail<'_>>,
            })
        })?;
        let message = Message::new(err, ctx);
        super::try_for_each_detail(err, |name, value| {
            seq.serialize_element(&FieldEntry {
                field: name,
                message,
                value: Some(value),
            })
        })?;
        seq.end()
    }
}

#[derive(Serialize)]
struct FieldEntry<F, M, V> {
    field: F,
    message: M,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<V>,
}

//! ScaiGrid: `{"status":"error","error":{...},"meta":{"request_id"}}` (seed 001).

use http::{HeaderMap, HeaderValue};

use super::{
    APPLICATION_JSON, Format, JsonWriter, LocPath, RenderError, insert_retry_after,
    request_id_or_generate, retry_after_secs,
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
        let facts = super::Facts::of(err);
        let mut w = JsonWriter::new(out);
        // The fixed text in runs; the code needs no escaping (`CatalogEntry::new`).
        w.raw_open(r#"{"status":"error","error":{"code":""#, 2);
        w.raw(facts.entry.code);
        w.raw(r#"","message":"#);
        w.message_with(err, ctx, &facts)?;
        if let Some(secs) = retry_after_secs(err) {
            w.key("retry_after");
            w.u64(secs);
        }
        let violations = facts.violations(err);
        if !violations.is_empty() || err.has_details() {
            w.key("details");
            detail_list(&mut w, err, ctx, &facts, violations)?;
        }
        w.raw_close("}", 1);
        w.raw_open(r#","meta":{"request_id":"#, 1);
        w.str(request_id);
        w.raw_close("}}", 2);
        Ok(())
    }

    fn write_headers(&self, err: &dyn ApiError, _ctx: &Context<'_>, headers: &mut HeaderMap) {
        insert_retry_after(err, headers);
    }

    fn requires_request_id(&self) -> bool {
        true
    }
}

/// `{"field","message"}` per violation, then `{"field","message","value"}` per
/// `#[detail]` field.
fn detail_list(
    w: &mut JsonWriter<'_>,
    err: &dyn ApiError,
    ctx: &Context<'_>,
    facts: &super::Facts,
    violations: &[crate::Violation],
) -> Result<(), RenderError> {
    w.begin_array();
    w.each_violation(violations, |w, v| {
        w.item();
        w.begin_object();
        w.key("field");
        w.display(&LocPath(&v.loc))?;
        w.key("message");
        w.capped(&v.message);
        w.end_object();
        Ok(())
    })?;
    w.each_detail(err, |w, name, value| {
        w.item();
        w.begin_object();
        w.key("field");
        w.str(name);
        w.key("message");
        w.message_with(err, ctx, facts)?;
        w.key("value");
        w.detail(value)?;
        w.end_object();
        Ok(())
    })?;
    w.end_array();
    Ok(())
}

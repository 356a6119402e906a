//! ScaiKey: `{"error":{"code","message","details","request_id"}}` plus headers (seed 003).

use http::{HeaderMap, HeaderName, HeaderValue};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::{
    APPLICATION_JSON, Format, JsonWriter, LocPath, RenderError, insert_retry_after, limits,
    number_header, request_id_header, request_id_or_generate,
};
use crate::{ApiError, Context, Violation};

/// `X-Request-ID`.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// `X-RateLimit-Limit`.
pub const X_RATELIMIT_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
/// `X-RateLimit-Remaining`.
pub const X_RATELIMIT_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
/// `X-RateLimit-Reset`.
pub const X_RATELIMIT_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

/// The ScaiKey envelope (seed 003), `application/json`.
///
/// ```text
/// {"error":{"code":"...","message":"...","details"?:{...},"request_id":"req_..."}}
/// ```
///
/// - `details`: an object of the `#[detail]` fields (`{"path":"..."}`, as on the page); a
///   value with violations adds `details.fields`, one `{"field","message","code"}` per
///   violation (`field` the dotted path, `code` the violation's kind). A detail field
///   named `fields` is left out when there are violations.
/// - `request_id` on every response, 5xx included: the context's id, or a generated
///   `req_` + 16 hex digits one ([`requires_request_id`](Format::requires_request_id)).
///
/// Headers: `X-Request-ID` on every response (the same id; sanitised for the header as
/// [`header_safe_request_id`](crate::context::header_safe_request_id) says, while the
/// body keeps it as given; with [`Context::request_id_value`] the request's own header
/// value is sent back, without an allocation); `X-RateLimit-Limit`, `-Remaining` and `-Reset` when the
/// context has rate-limit figures; `Retry-After` (seconds, rounded up) when the error has
/// a retry hint.
///
/// ```
/// use api_envelope::format::ScaiKey;
/// use api_envelope::{ApiError, Context};
///
/// #[derive(Debug, ApiError)]
/// enum KeyError {
///     /// Secret not found.
///     #[code("secret_not_found", status = 404)]
///     #[message("Secret '{path}' not found")]
///     SecretNotFound { #[detail] path: String },
///     /// Caller-specific rate limit.
///     #[code("rate_limited", status = 429)]
///     #[message("rate limited")]
///     RateLimited { #[retry_after] seconds: u64 },
/// }
///
/// let ctx = Context::new().request_id("req_abc").rate_limit(100, 0, 1_700_000_000);
/// let err = KeyError::SecretNotFound { path: "environments/production/missing".into() };
/// let res = err.to_response(&ScaiKey, &ctx);
/// assert_eq!(
///     res.body().as_slice(),
///     br#"{"error":{"code":"secret_not_found","message":"Secret 'environments/production/missing' not found","details":{"path":"environments/production/missing"},"request_id":"req_abc"}}"#
/// );
/// assert_eq!(res.headers()["x-request-id"], "req_abc");
/// assert_eq!(res.headers()["x-ratelimit-limit"], "100");
/// assert_eq!(res.headers()["x-ratelimit-remaining"], "0");
/// assert_eq!(res.headers()["x-ratelimit-reset"], "1700000000");
///
/// let res = KeyError::RateLimited { seconds: 45 }.to_response(&ScaiKey, &Context::new());
/// assert_eq!(res.headers()["retry-after"], "45");
/// let id = res.headers()["x-request-id"].to_str().unwrap();
/// assert!(id.starts_with("req_"));
/// let body = format!(r#"{{"error":{{"code":"rate_limited","message":"rate limited","request_id":"{id}"}}}}"#);
/// assert_eq!(res.body().as_slice(), body.as_bytes());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScaiKey;

impl Format for ScaiKey {
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
        w.raw_open(r#"{"error":{"code":""#, 2);
        w.raw(facts.entry.code);
        w.raw(r#"","message":"#);
        w.message_with(err, ctx, &facts)?;
        let violations = facts.violations(err);
        if violations.is_empty() {
            if err.has_details() {
                w.key("details");
                w.begin_object();
                w.details(err, &[])?;
                w.end_object();
            }
        } else {
            w.key("details");
            w.begin_object();
            w.details(err, &["fields"])?;
            w.key("fields");
            w.value(&Fields(violations))?;
            w.end_object();
        }
        // After `code` and `message`: a comma always.
        w.raw(r#","request_id":"#);
        w.str(request_id);
        w.raw_close("}}", 2);
        Ok(())
    }

    fn write_headers(&self, err: &dyn ApiError, ctx: &Context<'_>, headers: &mut HeaderMap) {
        // The request's own header value when there is one (a clone shares its bytes),
        // else the id made header-safe (one allocation).
        let value = ctx.get_request_id_value().cloned().unwrap_or_else(|| {
            let mut generated = None;
            request_id_header(request_id_or_generate(ctx, &mut generated))
        });
        headers.insert(X_REQUEST_ID, value);
        self.write_success_headers(ctx, headers);
        insert_retry_after(err, headers);
    }

    /// `X-RateLimit-Limit`, `-Remaining` and `-Reset` when the context has the figures
    /// (seed 003: on every response).
    fn write_success_headers(&self, ctx: &Context<'_>, headers: &mut HeaderMap) {
        if let Some(rl) = ctx.get_rate_limit() {
            headers.insert(X_RATELIMIT_LIMIT, number_header(rl.limit));
            headers.insert(X_RATELIMIT_REMAINING, number_header(rl.remaining));
            headers.insert(X_RATELIMIT_RESET, number_header(rl.reset));
        }
    }

    fn requires_request_id(&self) -> bool {
        true
    }
}

struct Fields<'a>(&'a [Violation]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(limits::listed_len(self.0)))?;
        limits::try_for_each_listed(self.0, |v| {
            seq.serialize_element(&FieldEntry {
                field: LocPath(&v.loc),
                message: limits::Capped(&v.message),
                code: &v.kind,
            })
        })?;
        seq.end()
    }
}

#[derive(Serialize)]
struct FieldEntry<'a> {
    field: LocPath<'a>,
    message: limits::Capped<'a>,
    code: &'a str,
}

//! ScaiDrive: FastAPI's `{"detail": ...}` (seed 002).

use http::{HeaderMap, HeaderValue};

use super::{
    APPLICATION_JSON, Format, JsonWriter, PydanticErrors, RenderError, insert_retry_after,
};
use crate::{ApiError, Context};

/// The ScaiDrive envelope (seed 002): FastAPI style, `application/json`, plus
/// `Retry-After` (seconds, rounded up) whenever the error has a retry hint.
///
/// ```text
/// {"detail":"<message>"}
/// {"detail":[{"type","loc","msg","input"?,"ctx"?}]}      (a value with violations: the 422)
/// ```
///
/// ScaiDrive never emits a code: the HTTP status is the signal. `#[detail]` fields are not
/// rendered either (the page promises `detail` is a display string), and neither is a
/// request id. `loc` mixes strings and integers, as Pydantic's does.
///
/// ```
/// use api_envelope::format::ScaiDrive;
/// use api_envelope::{ApiError, Context, Violation};
///
/// #[derive(Debug, ApiError)]
/// enum DriveError {
///     /// Name collision.
///     #[code("NAME_CONFLICT", status = 409)]
///     #[message("'{name}' already exists in this folder")]
///     NameConflict { name: String },
///     /// Request body fails Pydantic schema validation.
///     #[code("VALIDATION", status = 422)]
///     Invalid { #[violations] violations: Vec<Violation> },
/// }
///
/// let ctx = Context::new();
/// let res = DriveError::NameConflict { name: "a.txt".into() }.to_response(&ScaiDrive, &ctx);
/// assert_eq!(res.status(), 409);
/// assert_eq!(res.body().as_slice(), br#"{"detail":"'a.txt' already exists in this folder"}"#);
///
/// let too_short = Violation::new(["body", "items"], "String should have at least 1 character")
///     .at(0)
///     .kind("string_too_short")
///     .input("")
///     .ctx("min_length", 1);
/// let res = DriveError::Invalid { violations: vec![too_short] }.to_response(&ScaiDrive, &ctx);
/// assert_eq!(
///     res.body().as_slice(),
///     br#"{"detail":[{"type":"string_too_short","loc":["body","items",0],"msg":"String should have at least 1 character","input":"","ctx":{"min_length":1}}]}"#
/// );
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScaiDrive;

impl Format for ScaiDrive {
    fn content_type(&self) -> HeaderValue {
        APPLICATION_JSON
    }

    fn write_body(
        &self,
        err: &dyn ApiError,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        let mut w = JsonWriter::new(out);
        let facts = super::Facts::of(err);
        w.raw_open(r#"{"detail":"#, 1);
        let violations = facts.violations(err);
        if violations.is_empty() {
            w.message_with(err, ctx, &facts)?;
        } else {
            w.value(&PydanticErrors(violations))?;
        }
        w.raw_close("}", 1);
        Ok(())
    }

    fn write_headers(&self, err: &dyn ApiError, _ctx: &Context<'_>, headers: &mut HeaderMap) {
        insert_retry_after(err, headers);
    }
}

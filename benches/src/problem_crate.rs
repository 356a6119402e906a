//! **H**: `http-api-problem` (RFC 7807 / 9457) building the same problem from the `thiserror`
//! error of T and serialising it, as its users write it.

use http::Response;
use http::header::{CONTENT_TYPE, HeaderValue};
use http_api_problem::{HttpApiProblem, PROBLEM_JSON_MEDIA_TYPE};

use crate::fixture::{Request, TYPE_BASE};
use crate::thiserror_arm::RoomError;

/// Builds the problem: owned `type`, `title`, `detail`, `instance` strings and the
/// extensions `code` and `room_id` as `serde_json::Value`s in a `HashMap`.
#[must_use]
pub fn build(err: &RoomError, req: &Request) -> HttpApiProblem {
    HttpApiProblem::new(err.status())
        .type_url(format!("{TYPE_BASE}{}", err.code()))
        .title(err.meaning())
        .detail(err.to_string())
        .instance(req.instance.as_str())
        .value("code", &err.code())
        .value("room_id", &err.room_id())
}

/// Builds and serialises the problem at the end of `buf`.
///
/// # Panics
/// Never: serialising into a `Vec` cannot fail.
pub fn body(err: &RoomError, req: &Request, buf: &mut Vec<u8>) {
    let problem = build(err, req);
    serde_json::to_writer(&mut *buf, &problem).expect("serialising into a Vec cannot fail");
}

/// The whole `http::Response`, as the crate's own `to_*_response` helpers build it
/// (`json_bytes`, `Content-Type: application/problem+json`; no `Content-Length`, which
/// the server adds).
#[must_use]
pub fn response(err: &RoomError, req: &Request) -> Response<Vec<u8>> {
    let problem = build(err, req);
    let mut res = Response::new(problem.json_bytes());
    *res.status_mut() = problem
        .status
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(PROBLEM_JSON_MEDIA_TYPE),
    );
    res
}

//! **L**, the limit: what a careful hand-written renderer costs. Borrowed-field
//! `#[derive(Serialize)]` structs ([`crate::shapes`]), the message streamed with
//! `collect_str` from a hand-written `Display`, serialised into a reused buffer.

use std::fmt;

use http::HeaderMap;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use http::{Response, StatusCode};

use crate::Fmt;
use crate::fixture::{CODE, JSON, MEANING, PROBLEM_JSON, Request, TYPE_BASE};
use crate::shapes::{
    Drive, Grid, GridDetail, GridError, GridMeta, Key, KeyError, Problem, RoomDetails, Streamed,
    TypeUri, Wave, WaveError,
};

/// The hand-written error value of the limit: the same fields as the derived variant.
#[derive(Debug, Clone)]
pub struct Frozen {
    /// The room.
    pub room_id: String,
}

/// The message, as any hand-written (or derived) `Display` writes it.
impl fmt::Display for Frozen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "room {} is closed", self.room_id)
    }
}

/// Writes the body of `err` in `fmt` at the end of `buf`.
///
/// # Panics
/// Never: serialising these structs into a `Vec` cannot fail.
pub fn body(fmt: Fmt, err: &Frozen, req: &Request, buf: &mut Vec<u8>) {
    let message = Streamed(err);
    let room_id = err.room_id.as_str();
    let r = match fmt {
        Fmt::ScaiWave => {
            let error = WaveError {
                code: CODE,
                message,
                details: RoomDetails { room_id },
            };
            serde_json::to_writer(&mut *buf, &Wave { error })
        }
        Fmt::ScaiGrid => serde_json::to_writer(
            &mut *buf,
            &Grid {
                status: "error",
                error: GridError {
                    code: CODE,
                    message,
                    details: [GridDetail {
                        field: "room_id",
                        message,
                        value: room_id,
                    }],
                },
                meta: GridMeta {
                    request_id: &req.request_id,
                },
            },
        ),
        Fmt::ScaiDrive => serde_json::to_writer(&mut *buf, &Drive { detail: message }),
        Fmt::ScaiKey => serde_json::to_writer(
            &mut *buf,
            &Key {
                error: KeyError {
                    code: CODE,
                    message,
                    details: RoomDetails { room_id },
                    request_id: &req.request_id,
                },
            },
        ),
        Fmt::Problem => serde_json::to_writer(
            &mut *buf,
            &Problem {
                type_: Streamed(TypeUri {
                    base: TYPE_BASE,
                    code: CODE,
                }),
                title: MEANING,
                status: 409,
                detail: message,
                instance: &req.instance,
                code: CODE,
                room_id,
            },
        ),
    };
    r.expect("serialising into a Vec cannot fail");
}

/// The headers of `fmt` on a response of `status` (content type, and ScaiKey's
/// `X-Request-ID`; ScaiGrid's and ScaiKey's `Retry-After` do not apply to a 409).
pub fn respond(fmt: Fmt, status: StatusCode, body: Vec<u8>, req: &Request) -> Response<Vec<u8>> {
    let content_type = if fmt == Fmt::Problem {
        PROBLEM_JSON
    } else {
        JSON
    };
    let mut headers = HeaderMap::with_capacity(2);
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if fmt == Fmt::ScaiKey {
        // The request's own header value, cloned (it shares the request's bytes).
        headers.insert(
            HeaderName::from_static("x-request-id"),
            req.request_id_value.clone(),
        );
    }
    let mut res = Response::new(body);
    *res.status_mut() = status;
    *res.headers_mut() = headers;
    res
}

/// The whole `http::Response` of `err` in `fmt`: one body allocation of the right size
/// class, then the headers.
#[must_use]
pub fn response(fmt: Fmt, err: &Frozen, req: &Request) -> Response<Vec<u8>> {
    let mut buf = Vec::with_capacity(256);
    body(fmt, err, req, &mut buf);
    respond(fmt, StatusCode::CONFLICT, buf, req)
}

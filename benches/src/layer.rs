//! The serving-layer arms (issue 11, item 4): one axum router
//! (`Router::new().route("/v1/rooms/{id}", get(..)).with_state(state)`) called through
//! `tower_service::Service` with a request built as hyper's HTTP/1 server builds it, its
//! future polled to completion with a no-op waker (no handler here ever pends), the
//! response dropped by the caller inside the measured region.
//!
//! | arm | router | handler |
//! |---|---|---|
//! | **A** | no layer | `async fn ok() -> &'static str` (200) |
//! | **B** | `.layer(NoopLayer)`: forwards `poll_ready` / `call`, returns the inner future unchanged | the same |
//! | **C** | `.layer(RequestContextLayer::new(Envelopes::new(ScaiWave)))` | the same |
//! | **E** | `.layer(EchoIdLayer)`: a hand-written layer that only echoes a usable `x-request-id` (the floor of what any request-id layer pays) | the same |
//! | **C2** | `.layer(RequestContextLayer::new(Envelopes::new(ScaiKey).allow_problem(..)))` (negotiates: captures `Accept`) | the same |
//! | **D** | C's layer | `Err(RoomError::Frozen { room_id })`, the `#[derive(ApiError)]` error of [`ours`](crate::ours) (409) |
//! | **H** | C's layer | `Err(HandFrozen { room_id })`, a hand-written `IntoResponse` writing the same bytes |
//!
//! Each arm runs with the request carrying `x-request-id: req_0123456789abcdef` and
//! (A, B, C) without it, where the layer generates one. [`check`] asserts once that D and
//! H answer byte for byte the same (status, headers in order, body), and that every arm
//! answers what it should.

use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use api_envelope::format::{Problem, ScaiKey, ScaiWave};
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::axum::RequestContextLayer;
use axum::Router;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::{Bytes, BytesMut};
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, Uri, Version};
use serde::Serializer as _;

use crate::fixture::{ROOM_ID, TYPE_BASE};
use crate::ours::RoomError;

/// The route.
pub const ROUTE: &str = "/v1/rooms/{id}";
/// The request's path.
pub const PATH: &str = "/v1/rooms/r1";
/// The request's `x-request-id`.
pub const INCOMING_ID: &str = "req_0123456789abcdef";

/// The benchmarks' cases: an arm and whether the request carries `x-request-id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// A, no layer.
    A,
    /// A, no `x-request-id`.
    ANoId,
    /// B, a no-op layer.
    B,
    /// B, no `x-request-id`.
    BNoId,
    /// C, `RequestContextLayer` with ScaiWave.
    C,
    /// C, no `x-request-id` (the layer generates one).
    CNoId,
    /// C2, `RequestContextLayer` with ScaiKey, negotiating RFC 9457.
    C2,
    /// E, a hand-written layer echoing `x-request-id` and nothing else.
    E,
    /// F, E plus the guarantees every request pays for: the facts current per poll, the
    /// inner future's panic caught.
    F,
    /// D, the derived error through C's layer.
    D,
    /// H, the hand-written `IntoResponse` through C's layer.
    H,
}

impl Case {
    /// Every case, in the order of the tables.
    pub const ALL: [Case; 11] = [
        Case::A,
        Case::ANoId,
        Case::B,
        Case::BNoId,
        Case::C,
        Case::CNoId,
        Case::C2,
        Case::E,
        Case::F,
        Case::D,
        Case::H,
    ];

    /// The name used in benchmark ids and tables.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Case::A => "a_no_layer",
            Case::ANoId => "a_no_layer_no_id",
            Case::B => "b_noop_layer",
            Case::BNoId => "b_noop_layer_no_id",
            Case::C => "c_layer",
            Case::CNoId => "c_layer_no_id",
            Case::C2 => "c2_layer_negotiating",
            Case::E => "e_echo_id_layer",
            Case::F => "f_guarded_echo_layer",
            Case::D => "d_derived_error",
            Case::H => "h_hand_error",
        }
    }

    /// Whether the request carries `x-request-id`.
    #[must_use]
    pub const fn incoming_id(self) -> bool {
        !matches!(self, Case::ANoId | Case::BNoId | Case::CNoId)
    }

    /// The case's router.
    pub fn router(self) -> Router {
        match self {
            Case::A | Case::ANoId => base(get(ok)),
            Case::B | Case::BNoId => base(get(ok)).layer(NoopLayer),
            Case::C | Case::CNoId => base(get(ok)).layer(wave_layer()),
            Case::C2 => base(get(ok)).layer(key_layer()),
            Case::E => base(get(ok)).layer(EchoIdLayer),
            Case::F => base(get(ok)).layer(GuardedEchoLayer),
            Case::D => base(get(frozen_derived)).layer(wave_layer()),
            Case::H => base(get(frozen_hand)).layer(wave_layer()),
        }
    }

    /// The case's request, as hyper builds it.
    #[must_use]
    pub fn request(self) -> Request<Body> {
        request(self.incoming_id())
    }
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The service's state (a handler would extract it; these do not, axum still clones it
/// per request).
#[derive(Debug, Clone)]
pub struct AppState {
    /// Something shared.
    pub name: Arc<str>,
}

fn base(route: axum::routing::MethodRouter<AppState>) -> Router {
    Router::new().route(ROUTE, route).with_state(AppState {
        name: Arc::from("rooms"),
    })
}

/// C's layer: ScaiWave.
#[must_use]
pub fn wave_layer() -> RequestContextLayer {
    RequestContextLayer::new(Envelopes::new(ScaiWave))
}

/// C2's layer: ScaiKey, a client may ask for RFC 9457 (`Accept` captured).
#[must_use]
pub fn key_layer() -> RequestContextLayer {
    RequestContextLayer::new(Envelopes::new(ScaiKey).allow_problem(Problem::new(TYPE_BASE)))
}

async fn ok() -> &'static str {
    "ok"
}

async fn frozen_derived() -> Result<&'static str, RoomError> {
    Err(RoomError::Frozen {
        room_id: ROOM_ID.to_owned(),
    })
}

async fn frozen_hand() -> Result<&'static str, HandFrozen> {
    Err(HandFrozen {
        room_id: ROOM_ID.to_owned(),
    })
}

// --- the no-op layer -----------------------------------------------------------------------

/// B's layer: what a careful hand-writer writes for a layer doing nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoopLayer;

impl<S> tower_layer::Layer<S> for NoopLayer {
    type Service = Noop<S>;

    fn layer(&self, inner: S) -> Noop<S> {
        Noop(inner)
    }
}

/// [`NoopLayer`]'s service: forwards `poll_ready` and `call`, returns the inner future.
#[derive(Debug, Clone)]
pub struct Noop<S>(S);

impl<S: tower_service::Service<R>, R> tower_service::Service<R> for Noop<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    #[inline]
    fn call(&mut self, req: R) -> S::Future {
        self.0.call(req)
    }
}

// --- the hand-written request-id layer ------------------------------------------------------

/// E's layer: what a hand-writer writes to send a request's `x-request-id` back, and
/// nothing else (no generated id, no facts for errors, no panic catching): the floor of
/// any layer echoing the id.
#[derive(Debug, Clone, Copy, Default)]
pub struct EchoIdLayer;

impl<S> tower_layer::Layer<S> for EchoIdLayer {
    type Service = EchoId<S>;

    fn layer(&self, inner: S) -> EchoId<S> {
        EchoId(inner)
    }
}

/// [`EchoIdLayer`]'s service.
#[derive(Debug, Clone)]
pub struct EchoId<S>(S);

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The request's `x-request-id` when usable (1 to 128 visible ASCII characters), as E
/// and F take it.
fn usable_id(headers: &HeaderMap) -> Option<HeaderValue> {
    headers
        .get(&X_REQUEST_ID)
        .filter(|v| {
            let b = v.as_bytes();
            !b.is_empty() && b.len() <= 128 && b.iter().all(u8::is_ascii_graphic)
        })
        .cloned()
}

/// Sends `id` back on `res` unless the handler set its own, as E and F do.
#[inline]
fn echo(res: &mut Response, id: Option<HeaderValue>) {
    if let Some(id) = id
        && let http::header::Entry::Vacant(slot) = res.headers_mut().entry(X_REQUEST_ID)
    {
        slot.insert(id);
    }
}

impl<S, B> tower_service::Service<Request<B>> for EchoId<S>
where
    S: tower_service::Service<Request<B>, Response = Response>,
    S::Future: Unpin,
{
    type Response = Response;
    type Error = S::Error;
    type Future = EchoIdFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let id = usable_id(req.headers());
        EchoIdFuture {
            inner: self.0.call(req),
            id,
        }
    }
}

/// [`EchoId`]'s future: the inner one, the id inserted into its response.
#[derive(Debug)]
pub struct EchoIdFuture<F> {
    inner: F,
    id: Option<HeaderValue>,
}

impl<F, E> Future for EchoIdFuture<F>
where
    F: Future<Output = Result<Response, E>> + Unpin,
{
    type Output = Result<Response, E>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut res = match std::pin::Pin::new(&mut self.inner).poll(cx) {
            Poll::Ready(Ok(res)) => res,
            other => return other,
        };
        echo(&mut res, self.id.take());
        Poll::Ready(Ok(res))
    }
}

// --- the hand-written guarded request-id layer ----------------------------------------------

/// F's layer: E, plus what the issue asks of every request, written by hand as tightly as
/// it goes without unsafe code: the facts an error needs (the id and the path, cheap
/// clones) made current by reference for each poll of the inner future (a `scoped-tls`
/// pointer, restored on unwind), and the inner future's panic caught (answered with a bare
/// 500 carrying the id). No envelope, no generated id, no re-rendering, no rate limit:
/// the floor of any layer keeping the issue's success-path guarantees.
#[derive(Debug, Clone, Copy, Default)]
pub struct GuardedEchoLayer;

impl<S> tower_layer::Layer<S> for GuardedEchoLayer {
    type Service = GuardedEcho<S>;

    fn layer(&self, inner: S) -> GuardedEcho<S> {
        GuardedEcho(inner)
    }
}

/// [`GuardedEchoLayer`]'s service.
#[derive(Debug, Clone)]
pub struct GuardedEcho<S>(S);

/// What F keeps of a request for its errors.
#[derive(Debug)]
pub struct EchoFacts {
    /// The usable incoming id.
    pub id: Option<HeaderValue>,
    /// The path (an error's instance).
    pub path: Option<http::uri::PathAndQuery>,
}

scoped_tls::scoped_thread_local!(
    /// F's facts, current while its inner future is polled.
    pub static ECHO_FACTS: EchoFacts
);

impl<S, B> tower_service::Service<Request<B>> for GuardedEcho<S>
where
    S: tower_service::Service<Request<B>, Response = Response>,
    S::Future: Unpin,
{
    type Response = Response;
    type Error = S::Error;
    type Future = GuardedEchoFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let id = usable_id(req.headers());
        let path = req.uri().path_and_query().cloned();
        GuardedEchoFuture {
            inner: self.0.call(req),
            facts: EchoFacts { id, path },
        }
    }
}

/// [`GuardedEcho`]'s future.
#[derive(Debug)]
pub struct GuardedEchoFuture<F> {
    inner: F,
    facts: EchoFacts,
}

impl<F, E> Future for GuardedEchoFuture<F>
where
    F: Future<Output = Result<Response, E>> + Unpin,
{
    type Output = Result<Response, E>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let inner = &mut this.inner;
        let polled = ECHO_FACTS.set(&this.facts, || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                std::pin::Pin::new(inner).poll(cx)
            }))
        });
        let mut res = match polled {
            Ok(Poll::Ready(Ok(res))) => res,
            Ok(other) => return other,
            Err(_) => {
                let mut res = Response::new(Body::empty());
                *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                res
            }
        };
        echo(&mut res, this.facts.id.take());
        Poll::Ready(Ok(res))
    }
}

// --- the hand-written error ----------------------------------------------------------------

/// H's error: `SW_ROOM_FROZEN` with a hand-written `IntoResponse` writing D's bytes: the
/// literal JSON, the dynamic parts (the message with the room id, the room id) escaped by
/// serde_json, `content-type: application/json`.
#[derive(Debug)]
pub struct HandFrozen {
    /// The room.
    pub room_id: String,
}

impl IntoResponse for HandFrozen {
    fn into_response(self) -> Response {
        let mut body = Vec::with_capacity(128);
        body.extend_from_slice(br#"{"error":{"code":"SW_ROOM_FROZEN","message":"#);
        // Infallible: a `Vec` and a `Display` of string pieces.
        let _ = serde_json::Serializer::new(&mut body)
            .collect_str(&format_args!("room {} is closed", self.room_id));
        body.extend_from_slice(br#","details":{"room_id":"#);
        let _ = serde_json::to_writer(&mut body, &self.room_id);
        body.extend_from_slice(b"}}}");
        let mut res = Response::new(Body::from(body));
        *res.status_mut() = StatusCode::CONFLICT;
        res.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        res
    }
}

// --- the request, as hyper builds it --------------------------------------------------------

/// The request head as it arrives on the socket.
fn head(incoming_id: bool) -> Vec<u8> {
    let mut head = format!(
        "GET {PATH} HTTP/1.1\r\nhost: rooms.example.com\r\nuser-agent: bench-client/1.0\r\naccept: */*\r\n"
    );
    if incoming_id {
        head.push_str("x-request-id: ");
        head.push_str(INCOMING_ID);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// The request as hyper's HTTP/1 server builds it: the head read into a `BytesMut`,
/// split off and frozen, the URI and every header value a slice of those shared bytes
/// (`Uri::from_maybe_shared`, `HeaderValue::from_maybe_shared`), the names through
/// `HeaderName::from_bytes` (standard names are constants, `x-request-id` is copied), a
/// `HeaderMap` sized for the headers, no extensions. The body is axum's empty `Body`
/// (hyper's `Incoming` cannot be built outside hyper; axum boxes it the same way).
///
/// # Panics
/// Never: the head is well formed.
#[must_use]
pub fn request(incoming_id: bool) -> Request<Body> {
    let mut read = BytesMut::with_capacity(8192);
    read.extend_from_slice(&head(incoming_id));
    let len = read.len();
    let slice: Bytes = read.split_to(len).freeze();

    let text = std::str::from_utf8(&slice).expect("the head is ASCII");
    let mut lines = text.split("\r\n");
    let start = lines.next().expect("a request line");
    let mut parts = start.split(' ');
    let (method, target) = (parts.next().expect("method"), parts.next().expect("target"));
    let offset = |s: &str| s.as_ptr() as usize - slice.as_ptr() as usize;
    let sub = |s: &str| slice.slice(offset(s)..offset(s) + s.len());

    let uri = Uri::from_maybe_shared(sub(target)).expect("a valid URI");
    let fields: Vec<(&str, &str)> = lines
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_once(": ").expect("a header line"))
        .collect();
    let mut headers = HeaderMap::with_capacity(fields.len());
    for (name, value) in fields {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
        let value = HeaderValue::from_maybe_shared(sub(value)).expect("a header value");
        headers.append(name, value);
    }

    let mut req = Request::new(Body::empty());
    *req.method_mut() = Method::from_bytes(method.as_bytes()).expect("a method");
    *req.uri_mut() = uri;
    *req.version_mut() = Version::HTTP_11;
    *req.headers_mut() = headers;
    req
}

// --- calling -------------------------------------------------------------------------------

/// Calls `svc` with `req` as a server does (`poll_ready`, then `call`), polling the future
/// with a no-op waker until it is ready.
///
/// # Panics
/// When the router pends (no handler here does).
#[inline]
pub fn call(svc: &mut Router, req: Request<Body>) -> Response {
    let mut cx = Context::from_waker(Waker::noop());
    let ready: Poll<Result<(), Infallible>> =
        tower_service::Service::<Request<Body>>::poll_ready(svc, &mut cx);
    assert!(ready.is_ready(), "a router is always ready");
    let mut fut = pin!(tower_service::Service::call(svc, req));
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(Ok(res)) => return res,
            Poll::Ready(Err(never)) => match never {},
            Poll::Pending => {}
        }
    }
}

/// The body of a response (its bodies are all ready at once).
///
/// # Panics
/// When the body pends or fails (none here does).
#[must_use]
pub fn body_bytes(res: Response) -> (http::response::Parts, Bytes) {
    let (parts, body) = res.into_parts();
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = pin!(axum::body::to_bytes(body, usize::MAX));
    match fut.as_mut().poll(&mut cx) {
        Poll::Ready(Ok(bytes)) => (parts, bytes),
        Poll::Ready(Err(e)) => panic!("body failed: {e}"),
        Poll::Pending => panic!("body pended"),
    }
}

fn header_list(parts: &http::response::Parts) -> Vec<(String, Vec<u8>)> {
    parts
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.as_bytes().to_vec()))
        .collect()
}

/// The expected body of D and H.
pub const FROZEN_BODY: &str = r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r_42 is closed","details":{"room_id":"r_42"}}}"#;

/// The honesty check, once before measuring: each arm answers what it should, D and H the
/// same bytes (status, headers in order, body).
///
/// # Panics
/// When an arm answers something else.
pub fn check() {
    for case in Case::ALL {
        let (parts, body) = body_bytes(call(&mut case.router(), case.request()));
        let name = case.name();
        let id = parts.headers.get("x-request-id");
        match case {
            Case::A | Case::ANoId | Case::B | Case::BNoId => {
                assert_eq!(parts.status, StatusCode::OK, "{name}");
                assert_eq!(&body[..], b"ok", "{name}");
                assert!(id.is_none(), "{name}: no layer sets x-request-id");
            }
            Case::C | Case::C2 | Case::E | Case::F => {
                assert_eq!(parts.status, StatusCode::OK, "{name}");
                assert_eq!(&body[..], b"ok", "{name}");
                assert_eq!(
                    id.expect("x-request-id"),
                    INCOMING_ID,
                    "{name}: the id echoed"
                );
            }
            Case::CNoId => {
                assert_eq!(parts.status, StatusCode::OK, "{name}");
                let id = id.expect("x-request-id").to_str().expect("ASCII");
                assert!(
                    id.starts_with("req_") && id != INCOMING_ID,
                    "{name}: a generated id"
                );
            }
            Case::D | Case::H => {
                assert_eq!(parts.status, StatusCode::CONFLICT, "{name}");
                assert_eq!(
                    std::str::from_utf8(&body).expect("UTF-8"),
                    FROZEN_BODY,
                    "{name}"
                );
                assert_eq!(id.expect("x-request-id"), INCOMING_ID, "{name}");
                assert_eq!(parts.headers[CONTENT_TYPE], "application/json", "{name}");
            }
        }
    }
    let (d, d_body) = body_bytes(call(&mut Case::D.router(), Case::D.request()));
    let (h, h_body) = body_bytes(call(&mut Case::H.router(), Case::H.request()));
    assert_eq!(d.status, h.status, "D and H: status");
    assert_eq!(d.version, h.version, "D and H: version");
    assert_eq!(header_list(&d), header_list(&h), "D and H: headers");
    assert_eq!(d_body, h_body, "D and H: body");
}

#[cfg(test)]
mod tests {
    #[test]
    fn arms_answer_the_same() {
        super::check();
    }
}

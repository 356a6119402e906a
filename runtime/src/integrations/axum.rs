//! axum: every response of a router in its product's envelope.
//!
//! - [`RequestContextLayer`], a tower layer (`Router::layer`): gives each request its id
//!   (`X-Request-ID` when it is 1 to 128 visible ASCII characters, else a new one), sends
//!   that id back on **every** response, makes the request's facts current while the
//!   handler runs, asks the service's rate limiter (if any) first, catches a handler's
//!   panic (the product's public 500; the payload only logged), and re-renders the
//!   framework's own bare error responses (the router's empty 404 and 405, a text/plain
//!   rejection, a 413 or 408 from tower-http) in the product's envelope with the
//!   product's codes ([`Failures`](super::Failures)).
//! - `IntoResponse` for every type deriving [`ApiError`](derive@crate::ApiError), so
//!   handlers return `Result<T, MyError>` directly, and for `Box<dyn ApiError + Send +
//!   Sync>` (and its `+ Send` and bare flavours), rendered as the error inside is, for a
//!   handler failing with errors of several types; [`Envelope<E>`] for errors
//!   implementing [`ApiError`] by hand and for an `Arc<dyn ApiError + Send + Sync>`
//!   (which cannot be an `IntoResponse` itself: neither is this crate's);
//!   [`into_response`] for a `&dyn ApiError`.
//! - Extractors [`Json`], [`Path`], [`Query`] and [`Form`]: axum's, with each failure a
//!   [`Rejection`] in the product's envelope, with the failing field's location, a
//!   Pydantic type, message and input.
//! - [`RequestContext`], an extractor: the request's id, instance and
//!   [`Context`](crate::Context), for logging or for rendering by hand.
//!
//! # How the response learns about the request
//!
//! `IntoResponse::into_response` receives only the error, not the request. The layer
//! captures what an error may need (cheap clones: the request id's header value, the
//! path, and only where the service negotiates or localises, an `Accept` line that can
//! name a problem document and `Accept-Language`), keeps them in its future, and makes
//! them current **by reference** while the handler's future is polled (a pointer in a
//! scoped thread-local, restored after each poll and on unwind); axum converts the
//! handler's return value to a response inside that future, so [`into_response`] finds
//! them and renders once, in the right format, straight from the borrowed facts.
//! `Accept` is parsed only then, and the instance encoded only by the format that writes
//! one. A response produced outside the layer (no layer installed, or in a task the
//! handler spawned) falls back to [`Envelopes::default`] and a generated request id.
//!
//! # Timeouts and body limits
//!
//! Put tower-http's `TimeoutLayer` (any status: a 408 or 504 is re-rendered as
//! [`Failure::Timeout`]) and axum's `DefaultBodyLimit` or
//! tower-http's `RequestBodyLimitLayer` (413, [`Failure::PayloadTooLarge`])
//! **inside** this layer, that is, call `.layer(RequestContextLayer::..)` last.
//!
//! ```
//! use api_envelope::format::{Problem, ScaiKey};
//! use api_envelope::integrations::axum::{Json, RequestContext, RequestContextLayer};
//! use api_envelope::integrations::Envelopes;
//! use api_envelope::ApiError;
//! use axum::{Router, routing::put};
//!
//! #[derive(Debug, ApiError)]
//! enum KeyError {
//!     /// Secret not found.
//!     #[code("secret_not_found", status = 404)]
//!     #[message("secret not found")]
//!     SecretNotFound,
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Put { value: String }
//!
//! async fn secret(ctx: RequestContext, Json(body): Json<Put>) -> Result<String, KeyError> {
//!     let _id = ctx.request_id(); // for logs
//!     let _ = body.value;
//!     Err(KeyError::SecretNotFound)
//! }
//!
//! let app: Router = Router::new().route("/v1/secrets/{*path}", put(secret)).layer(
//!     RequestContextLayer::new(
//!         Envelopes::new(ScaiKey).allow_problem(Problem::new("https://docs.example.com/errors/")),
//!     ),
//! );
//! ```

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll, ready};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, OriginalUri, RawPathParams};
use axum::response::{IntoResponse, Response};
use http::Request;
use http::header::Entry;
use http::header::{ACCEPT, ACCEPT_LANGUAGE, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use http::request::Parts;
use http::uri::PathAndQuery;
use serde::de::DeserializeOwned;

use super::current::{self, Facts, Guarded, KEPT_HEADERS, KeepResponse, Panic};
use super::envelopes::{Envelopes, RateKey};
use super::failure::{Failure, Rejection};
use super::negotiate::accepts_problem_lines;
use super::ratelimit::{LimitCheck, RateDecision};
use super::rejection::{self, Place};
use super::request::{View, request_id_value};
pub use super::{Envelope, RequestContext};
use crate::{ApiError, RateLimit};

/// Renders `err` for the request being served: with the facts and policy of the
/// enclosing [`RequestContextLayer`], or without one, [`Envelopes::default`] and a
/// generated request id.
#[must_use]
pub fn into_response(err: &dyn ApiError) -> Response {
    current::render_current(err)
}

impl<E: ApiError> IntoResponse for Envelope<E> {
    fn into_response(self) -> Response {
        into_response(&self.0)
    }
}

impl IntoResponse for Rejection {
    /// The product's envelope for this failure, with its codes.
    fn into_response(self) -> Response {
        current::render_current_failure(&self).map(Body::from)
    }
}

/// A fallback handler answering [`Failure::NoRoute`] in the product's envelope:
/// `Router::fallback(no_route)` (a nested router needs its own, inside its layer).
pub async fn no_route() -> Rejection {
    Rejection::new(Failure::NoRoute)
}

/// What [`RequestContextLayer`] captures of one request: cheap clones, read only when
/// an error is rendered (and then borrowed, see [`View`]).
pub(crate) struct HttpFacts {
    envelopes: Envelopes,
    /// Header-safe: the incoming id when usable, else a generated one.
    request_id: HeaderValue,
    /// The path (and query) of the request as the client sent it (`OriginalUri` when
    /// nested).
    path: Option<PathAndQuery>,
    /// What only a negotiating or localising service reads, and only when the request
    /// has it (most requests: nothing, so the facts stay small to move).
    negotiation: Option<Box<Negotiation>>,
    rate: Option<RateLimit>,
    generated: bool,
}

/// The headers a negotiating or localising service keeps of a request.
struct Negotiation {
    /// The `Accept` lines, when one of them can name a problem document at all.
    accept: Vec<HeaderValue>,
    /// `Accept-Language`, when the service localises.
    language: Option<HeaderValue>,
}

/// Whether an `Accept` line mentions `problem` (ASCII case-insensitively): one that does
/// not can never prefer a problem document, so it need not be kept.
fn mentions_problem(line: &[u8]) -> bool {
    line.windows(7).any(|w| w.eq_ignore_ascii_case(b"problem"))
}

scoped_tls::scoped_thread_local!(static CURRENT: HttpFacts);

impl Facts for HttpFacts {
    fn key() -> &'static scoped_tls::ScopedKey<Self> {
        &CURRENT
    }

    fn envelopes(&self) -> &Envelopes {
        &self.envelopes
    }

    fn view(&self) -> View<'_> {
        let negotiates = self.envelopes.negotiates_problem();
        View {
            locale: self
                .negotiation
                .as_ref()
                .and_then(|n| n.language.as_ref())
                .and_then(|v| v.to_str().ok())
                .and_then(|v| super::negotiate_language(v, self.envelopes.available_locales())),
            prefers_problem: negotiates
                && self.negotiation.as_ref().is_some_and(|n| {
                    accepts_problem_lines(n.accept.iter().map(HeaderValue::as_bytes))
                }),
            ..self.plain_view()
        }
    }

    fn render_as<RB: From<Vec<u8>>>(&self, err: &dyn ApiError) -> Response<RB> {
        if !self.envelopes.is_plain() {
            return self.envelopes.render_view(err, &self.view());
        }
        // Nothing to negotiate or localise: the facts as they are, no format to choose.
        let view = self.plain_view();
        self.envelopes
            .render_plain(err, &view.context(), || view.request_id())
    }
}

impl HttpFacts {
    /// The facts for a render that neither negotiates nor localises.
    #[inline(always)]
    fn plain_view(&self) -> View<'_> {
        View {
            // Checked (visible ASCII) when captured: its text is read only if shown.
            request_id_text: "",
            request_id_value: Some(&self.request_id),
            generated: self.generated,
            path: self.path.as_ref().map_or("", PathAndQuery::path),
            locale: None,
            prefers_problem: false,
            rate_limit: self.rate,
        }
    }

    fn capture<B>(envelopes: &Envelopes, req: &Request<B>) -> Self {
        let headers = req.headers();
        let incoming = headers.get(envelopes.get_request_id_header());
        let (request_id, generated) = request_id_value(incoming);
        if generated && let Some(incoming) = incoming {
            current::log_replaced_request_id(incoming.as_bytes(), &request_id);
        }
        let uri = req
            .extensions()
            .get::<OriginalUri>()
            .map_or_else(|| req.uri(), |o| &o.0);
        let keep_accept = envelopes.negotiates_problem()
            && headers
                .get_all(ACCEPT)
                .iter()
                .any(|v| mentions_problem(v.as_bytes()));
        let language = envelopes
            .localizes()
            .then(|| headers.get(ACCEPT_LANGUAGE).cloned())
            .flatten();
        let negotiation = (keep_accept || language.is_some()).then(|| {
            Box::new(Negotiation {
                accept: if keep_accept {
                    headers.get_all(ACCEPT).iter().cloned().collect()
                } else {
                    Vec::new()
                },
                language,
            })
        });
        Self {
            envelopes: envelopes.clone(),
            request_id,
            path: uri.path_and_query().cloned(),
            negotiation,
            rate: None,
            generated,
        }
    }

    /// Renders a framework failure with these facts.
    fn render_failure(&self, rejection: &Rejection) -> Response<Vec<u8>> {
        self.envelopes.render_failure_view(rejection, &self.view())
    }

    /// The finished response: a framework's bare error re-rendered, the request id and
    /// the format's success headers added. The last use of the facts: the id moves into
    /// the response.
    fn finish<RB: From<Vec<u8>>>(&mut self, res: &mut Response<RB>) {
        let bare = current::bare_error(
            res.status().as_u16(),
            || res.headers().get(CONTENT_TYPE).map(HeaderValue::as_bytes),
            || res.extensions().get::<KeepResponse>().is_some(),
            || res.headers().get(RETRY_AFTER).map(HeaderValue::as_bytes),
        );
        if let Some(rejection) = bare {
            let mut rendered = self.render_failure(&rejection);
            for name in KEPT_HEADERS {
                if let Some(v) = res.headers().get(&name) {
                    rendered.headers_mut().insert(name, v.clone());
                }
            }
            *res = rendered.map(RB::from);
        }
        if let Some(rl) = self.rate {
            let ctx = crate::Context::new()
                .trusted_request_id_value(&self.request_id)
                .rate_limit(rl.limit, rl.remaining, rl.reset);
            self.envelopes
                .format()
                .write_success_headers(&ctx, res.headers_mut());
        }
        if let Entry::Vacant(slot) = res
            .headers_mut()
            .entry(self.envelopes.get_request_id_header())
        {
            slot.insert(std::mem::replace(
                &mut self.request_id,
                HeaderValue::from_static(""),
            ));
        }
    }

    /// The response to a caught panic.
    fn panicked<RB: From<Vec<u8>>>(&mut self, panic: &Panic) -> Response<RB> {
        current::log_panic(panic, self.request_id.to_str().unwrap_or(""));
        let mut res = self
            .render_failure(&Rejection::new(Failure::Panic))
            .map(RB::from);
        self.finish(&mut res);
        res
    }
}

/// A tower layer keeping every response of a router in its product's envelope (see the
/// [module docs](self)).
///
/// Apply it with `Router::layer`, after (outside) any timeout and body-limit layer; it
/// then also covers the router's fallback.
#[derive(Debug, Clone, Default)]
pub struct RequestContextLayer {
    envelopes: Envelopes,
}

impl RequestContextLayer {
    /// A layer rendering errors as `envelopes` says.
    #[must_use]
    pub fn new(envelopes: Envelopes) -> Self {
        Self { envelopes }
    }

    /// The service's policy.
    #[must_use]
    pub fn envelopes(&self) -> &Envelopes {
        &self.envelopes
    }
}

impl<S> tower_layer::Layer<S> for RequestContextLayer {
    type Service = RequestContextService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestContextService {
            inner,
            envelopes: self.envelopes.clone(),
        }
    }
}

/// The service [`RequestContextLayer`] wraps around an inner one.
#[derive(Debug, Clone)]
pub struct RequestContextService<S> {
    inner: S,
    envelopes: Envelopes,
}

/// The caller a rate limiter counts for `req`.
fn rate_key<B>(key: &RateKey, req: &Request<B>) -> String {
    let address = || {
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
    };
    match key {
        RateKey::Header(name) => req
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map_or_else(address, str::to_owned),
        RateKey::ClientAddress => address(),
        #[allow(
            unreachable_patterns,
            reason = "non_exhaustive: later keys count by address"
        )]
        _ => address(),
    }
}

impl<S, B, RB> tower_service::Service<Request<B>> for RequestContextService<S>
where
    S: tower_service::Service<Request<B>, Response = Response<RB>> + Clone + 'static,
    RB: From<Vec<u8>>,
{
    type Response = Response<RB>;
    type Error = S::Error;
    type Future = RequestContextFuture<S, B>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let facts = HttpFacts::capture(&self.envelopes, &req);
        if self.envelopes.get_rate_limiter().is_some() {
            return self.call_limited(req, facts);
        }
        start(&mut self.inner, req, facts)
    }
}

impl<S> RequestContextService<S> {
    /// [`call`](tower_service::Service::call) for a rate-limited service: the limiter
    /// first.
    #[inline(never)]
    fn call_limited<B, RB>(
        &mut self,
        req: Request<B>,
        mut facts: HttpFacts,
    ) -> RequestContextFuture<S, B>
    where
        S: tower_service::Service<Request<B>, Response = Response<RB>> + Clone + 'static,
        RB: From<Vec<u8>>,
    {
        if let Some((limiter, key)) = self.envelopes.get_rate_limiter() {
            match limiter.check(&rate_key(key, &req)) {
                LimitCheck::Ready(decision) => {
                    if let Some(res) = apply_decision(&mut facts, decision) {
                        return RequestContextFuture::done(res);
                    }
                }
                LimitCheck::Pending(check) => {
                    // The ready service goes with the request; a clone stays for the
                    // next call (tower's contract for services called later).
                    let clone = self.inner.clone();
                    let service = std::mem::replace(&mut self.inner, clone);
                    return RequestContextFuture {
                        state: State::Checking {
                            checking: Some(Box::new(Checking {
                                check,
                                service,
                                req,
                                facts,
                            })),
                        },
                    };
                }
            }
        }
        start(&mut self.inner, req, facts)
    }
}

/// A request waiting for a rate limiter's answer (boxed: only a shared store pends, and
/// the request must not make every future larger).
struct Checking<S, B> {
    check: Pin<Box<dyn Future<Output = RateDecision> + Send>>,
    service: S,
    req: Request<B>,
    facts: HttpFacts,
}

/// Records a limiter's decision in the facts; the response when the caller is out of
/// requests.
fn apply_decision<RB: From<Vec<u8>>>(
    facts: &mut HttpFacts,
    decision: RateDecision,
) -> Option<Response<RB>> {
    facts.rate = Some(decision.rate_limit());
    if decision.allowed {
        return None;
    }
    let mut res = facts.render_failure(&decision.rejection()).map(RB::from);
    facts.finish(&mut res);
    Some(res)
}

/// Whether `S::call` runs none of the application's code: axum's [`Route`](axum::routing::Route)
/// (what `Router::layer` wraps, one per endpoint and fallback) and [`Router`](axum::Router)
/// (a layer around the whole router) only clone the endpoint and defer everything else,
/// handler, extractors and the endpoint's own `call` included, to the future. Their
/// `call` then needs neither the facts current nor a panic guard (one constant after
/// monomorphisation).
fn calls_no_user_code<S: 'static>() -> bool {
    use std::any::TypeId;
    let s = TypeId::of::<S>();
    s == TypeId::of::<axum::routing::Route>() || s == TypeId::of::<axum::Router>()
}

/// Calls the inner service with the facts current, catching a panic in the call itself
/// (unless [`calls_no_user_code`]: the inner future is then made in place).
#[inline]
fn start<S, B, RB>(
    service: &mut S,
    req: Request<B>,
    mut facts: HttpFacts,
) -> RequestContextFuture<S, B>
where
    S: tower_service::Service<Request<B>, Response = Response<RB>> + 'static,
    RB: From<Vec<u8>>,
{
    if calls_no_user_code::<S>() {
        return RequestContextFuture::running(service.call(req), facts);
    }
    match current::run_with(&facts, || service.call(req)) {
        Ok(future) => RequestContextFuture::running(future, facts),
        Err(panic) => RequestContextFuture::done(facts.panicked(&panic)),
    }
}

pin_project_lite::pin_project! {
    /// The future of [`RequestContextService`].
    pub struct RequestContextFuture<S, B>
    where
        S: tower_service::Service<Request<B>>,
    {
        #[pin]
        state: State<S, B>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProj]
    enum State<S, B>
    where
        S: tower_service::Service<Request<B>>,
    {
        Checking {
            checking: Option<Box<Checking<S, B>>>,
        },
        Running {
            #[pin]
            guarded: Guarded<S::Future, HttpFacts>,
        },
        Done {
            response: Option<S::Response>,
        },
    }
}

impl<S, B> RequestContextFuture<S, B>
where
    S: tower_service::Service<Request<B>>,
{
    /// The inner future, polled with `facts` current.
    #[inline(always)]
    fn running(future: S::Future, facts: HttpFacts) -> Self {
        Self {
            state: State::Running {
                guarded: Guarded::new(future, facts),
            },
        }
    }

    fn done(response: S::Response) -> Self {
        Self {
            state: State::Done {
                response: Some(response),
            },
        }
    }
}

impl<S, B> fmt::Debug for RequestContextFuture<S, B>
where
    S: tower_service::Service<Request<B>>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestContextFuture")
    }
}

impl<S, B, RB> Future for RequestContextFuture<S, B>
where
    S: tower_service::Service<Request<B>, Response = Response<RB>> + 'static,
    RB: From<Vec<u8>>,
{
    type Output = Result<Response<RB>, S::Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        loop {
            let next = match self.as_mut().project().state.project() {
                StateProj::Checking { checking } => {
                    let Some(pending) = checking else {
                        return Poll::Pending;
                    };
                    let decision = ready!(pending.check.as_mut().poll(cx));
                    let Some(pending) = checking.take() else {
                        return Poll::Pending;
                    };
                    let Checking {
                        mut service,
                        req,
                        mut facts,
                        ..
                    } = *pending;
                    match apply_decision(&mut facts, decision) {
                        Some(res) => Self::done(res),
                        None => start(&mut service, req, facts),
                    }
                }
                StateProj::Running { mut guarded } => {
                    let out = ready!(guarded.as_mut().poll(cx));
                    let facts = guarded.facts();
                    return Poll::Ready(match out {
                        Ok(Ok(mut res)) => {
                            facts.finish(&mut res);
                            Ok(res)
                        }
                        Ok(Err(err)) => Err(err),
                        Err(panic) => Ok(facts.panicked(&panic)),
                    });
                }
                StateProj::Done { response } => {
                    return match response.take() {
                        Some(res) => Poll::Ready(Ok(res)),
                        None => Poll::Pending,
                    };
                }
            };
            self.as_mut().project().state.set(next.state);
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        if let Some(ctx) = Self::current() {
            return Ok(ctx);
        }
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(&parts.uri, |o| &o.0);
        Ok(Self::without_layer(uri.path(), &parts.headers))
    }
}

/// axum's `Json`, failing with the product's envelope: a body that is not JSON is
/// [`Failure::BodyUnparseable`] (`json_invalid`), one of the wrong shape
/// [`Failure::BodyInvalid`] (the failing field, its Pydantic type and input), a
/// `Content-Type` other than JSON [`Failure::UnsupportedMediaType`] (none at all is read
/// as JSON), a body over the limit [`Failure::PayloadTooLarge`]. As a response, it is
/// axum's `Json`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Rejection;

    async fn from_request(req: Request<Body>, state: &S) -> Result<Self, Rejection> {
        rejection::decode_json(&json_body(req, state).await?).map(Json)
    }
}

/// A JSON request's body: another `Content-Type` is [`Failure::UnsupportedMediaType`]
/// (none at all is read as JSON), a body over the limit [`Failure::PayloadTooLarge`].
async fn json_body<S: Send + Sync>(req: Request<Body>, state: &S) -> Result<Bytes, Rejection> {
    if let Some(ct) = req.headers().get(CONTENT_TYPE)
        && !rejection::is_json_content_type(ct.as_bytes())
    {
        return Err(Rejection::new(Failure::UnsupportedMediaType));
    }
    Bytes::from_request(req, state)
        .await
        .map_err(|e| Rejection::new(Failure::from_status(e.status())))
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// axum's `Path`, failing with the product's envelope: the route's parameters read as
/// [`input::from_params`](crate::input::from_params) reads them (a struct by name, a
/// tuple by position, a single value), every segment that does not convert a
/// [`Failure::ParameterInvalid`] violation (location `path`, the parameter's name,
/// Pydantic's `int_parsing` and the like, the raw text as input); one that is not UTF-8
/// once decoded is `string_unicode`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        let params = path_params(parts, state).await?;
        let pairs: Vec<(&str, &str)> = params.iter().collect();
        rejection::decode_params(&pairs, Place::Path).map(Self)
    }
}

/// axum's `Query`, failing with the product's envelope: a missing parameter is
/// [`Failure::ParameterMissing`], one that does not convert [`Failure::ParameterInvalid`]
/// (location `query`, the parameter's name, the raw string as input).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        let query = parts.uri.query().unwrap_or("");
        rejection::decode_urlencoded(query.as_bytes(), Place::Query).map(Query)
    }
}

/// axum's `Form`, failing with the product's envelope: a URL-encoded body (or the query
/// of a `GET` or `HEAD`); a field that is missing or does not convert is
/// [`Failure::BodyInvalid`], another `Content-Type` [`Failure::UnsupportedMediaType`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = Rejection;

    async fn from_request(req: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let (pairs, place) = form_pairs(req, state).await?;
        rejection::decode_urlencoded(&pairs, place).map(Form)
    }
}

/// A form's pairs: the query of a `GET` or `HEAD`, else a URL-encoded body (another
/// `Content-Type` is [`Failure::UnsupportedMediaType`]).
async fn form_pairs<S: Send + Sync>(
    req: Request<Body>,
    state: &S,
) -> Result<(Bytes, Place), Rejection> {
    if req.method() == http::Method::GET || req.method() == http::Method::HEAD {
        let query = req.uri().query().unwrap_or("");
        return Ok((Bytes::copy_from_slice(query.as_bytes()), Place::Query));
    }
    let is_form = req
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|ct| rejection::is_form_content_type(ct.as_bytes()));
    if !is_form {
        return Err(Rejection::new(Failure::UnsupportedMediaType));
    }
    let bytes = Bytes::from_request(req, state)
        .await
        .map_err(|e| Rejection::new(Failure::from_status(e.status())))?;
    Ok((bytes, Place::Body))
}

/// The route's parameters, or the rejection of a segment that is not UTF-8.
async fn path_params<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Result<RawPathParams, Rejection> {
    use axum::extract::rejection::RawPathParamsRejection;
    match RawPathParams::from_request_parts(parts, state).await {
        Ok(params) => Ok(params),
        Err(RawPathParamsRejection::InvalidUtf8InPathParam(e)) => {
            // axum names the parameter only in its text: "Invalid UTF-8 in `key`".
            let text = e.body_text();
            let key = text.split('`').nth(1).unwrap_or("");
            Err(rejection::path_not_utf8(key))
        }
        Err(_) => Err(Rejection::new(Failure::Internal)),
    }
}

/// One of the extractors [`Json`], [`Query`], [`Path`] or [`Form`], whose value is then
/// checked against the constraints its type declares with the `validator` crate
/// (`#[derive(validator::Validate)]`): the type errors and the constraint violations in
/// one list, in field order, as Pydantic reports them (see
/// [`input::validated`](crate::input::validated)).
///
/// ```ignore
/// #[derive(serde::Deserialize, validator::Validate)]
/// struct NewFolder {
///     #[validate(length(min = 1, max = 255))]
///     name: String,
///     #[validate(range(min = 0, max = 1024))]
///     quota_mb: i64,
///     shared: bool,
/// }
///
/// async fn create(Valid(Json(folder)): Valid<Json<NewFolder>>) { /* .. */ }
/// ```
#[cfg(feature = "validator")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Valid<E>(pub E);

#[cfg(feature = "validator")]
impl<T, S> FromRequest<S> for Valid<Json<T>>
where
    T: DeserializeOwned + validator::Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(req: Request<Body>, state: &S) -> Result<Self, Rejection> {
        rejection::decode_json_valid(&json_body(req, state).await?).map(|v| Self(Json(v)))
    }
}

#[cfg(feature = "validator")]
impl<T, S> FromRequest<S> for Valid<Form<T>>
where
    T: DeserializeOwned + validator::Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(req: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let (pairs, place) = form_pairs(req, state).await?;
        rejection::decode_urlencoded_valid(&pairs, place).map(|v| Self(Form(v)))
    }
}

#[cfg(feature = "validator")]
impl<T, S> FromRequestParts<S> for Valid<Query<T>>
where
    T: DeserializeOwned + validator::Validate,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejection> {
        let query = parts.uri.query().unwrap_or("");
        rejection::decode_urlencoded_valid(query.as_bytes(), Place::Query).map(|v| Self(Query(v)))
    }
}

#[cfg(feature = "validator")]
impl<T, S> FromRequestParts<S> for Valid<Path<T>>
where
    T: DeserializeOwned + validator::Validate + Send,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Rejection> {
        let params = path_params(parts, state).await?;
        let pairs: Vec<(&str, &str)> = params.iter().collect();
        rejection::decode_params_valid(&pairs, Place::Path).map(|v| Self(Path(v)))
    }
}

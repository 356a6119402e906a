//! actix-web: errors returned from handlers as their envelopes.
//!
//! - [`RequestContextMiddleware`], an actix middleware (`App::wrap`, `Scope::wrap`) doing
//!   what the axum layer does: the request id (`X-Request-ID` when usable, else a new
//!   one) on **every** response, the request's facts current while the handler runs, the
//!   rate limiter asked first, a handler's panic caught (the product's public 500), and
//!   actix's own bare error responses (the empty 404 of an unmatched route, the 405 with
//!   `Allow`, an extractor's text/plain error) re-rendered in the product's envelope with
//!   the product's codes; with [`timeout`](RequestContextMiddleware::timeout), a handler
//!   that takes too long is [`Failure::Timeout`].
//! - Extractors [`Json`], [`Path`] and [`Query`]: actix-web's, read as
//!   [`crate::input`] reads them, so **every** failing field or parameter is a violation
//!   in the product's envelope (location, Pydantic type, message, input).
//! - [`configure`]: the configs of actix-web's own extractors (`JsonConfig`, `PathConfig`,
//!   `QueryConfig`, `FormConfig`) whose errors are [`Rejection`]s in the product's
//!   envelope (serde's first error only), with a body limit.
//! - `ResponseError` for every type deriving [`ApiError`](derive@crate::ApiError), so
//!   handlers return `Result<T, MyError>` directly, and `?` converts `MyError` into
//!   `actix_web::Error`; and for `Box<dyn ApiError + Send + Sync>` (and its `+ Send` and
//!   bare flavours), rendered as the error inside is, for a handler failing with errors
//!   of several types.
//! - [`Envelope<E>`]: any [`ApiError`] as a `ResponseError` (for errors implementing it
//!   by hand, and for an `Arc<dyn ApiError + Send + Sync>`, which cannot be a
//!   `ResponseError` itself: neither is this crate's). [`error_response`] does the same
//!   for a `&dyn ApiError`.
//! - [`RequestContext`], an extractor: the request's id, instance and
//!   [`Context`](crate::Context), for logging or for rendering by hand.
//!
//! It behaves as the axum integration does, from the same [`Envelopes`]: the same
//! [choice of format](super#choosing-the-format) (RFC 9457 when negotiated, then the
//! format declared on the error type, then the service's), request ids and instances.
//!
//! # Dependencies
//!
//! actix-web (4.18, without its default features) depends on `derive_more` 2 and
//! `tracing-attributes`, which bring their own `syn` 2. This feature is the only one that
//! does: without it, the tree holds the one `syn` 3 of `api-envelope-macros`.
//!
//! # How the response learns about the request
//!
//! `ResponseError::error_response` receives only the error, not the request. The
//! middleware therefore wraps the inner service's future so that, each time it is
//! polled, the request's facts are current on the polling thread (and only then); actix
//! turns a handler's `Err` into its response inside that future, so [`error_response`]
//! finds them and renders once. An `Err` that a service between the middleware and the
//! handler returns is rendered by the middleware itself, with the request's facts. A
//! response produced outside the middleware falls back to [`Envelopes::default`] and a
//! generated request id.
//!
//! ```
//! use actix_web::{App, web};
//! use api_envelope::format::{Problem, ScaiKey};
//! use api_envelope::integrations::actix_web::{RequestContext, RequestContextMiddleware};
//! use api_envelope::integrations::Envelopes;
//! use api_envelope::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum KeyError {
//!     /// Secret not found.
//!     #[code("secret_not_found", status = 404)]
//!     #[message("secret not found")]
//!     SecretNotFound,
//! }
//!
//! async fn secret(ctx: RequestContext) -> Result<String, KeyError> {
//!     let _id = ctx.request_id(); // for logs
//!     Err(KeyError::SecretNotFound)
//! }
//!
//! let app = App::new()
//!     .configure(api_envelope::integrations::actix_web::configure(64 * 1024))
//!     .wrap(RequestContextMiddleware::new(
//!         Envelopes::new(ScaiKey).allow_problem(Problem::new("https://docs.example.com/errors/")),
//!     ))
//!     .route("/v1/secrets/{path:.*}", web::get().to(secret));
//! ```

use std::convert::Infallible;
use std::fmt;
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;

use ::actix_web::body::{BoxBody, EitherBody, MessageBody};
use ::actix_web::dev::{Payload, Service, ServiceRequest, ServiceResponse, Transform};
use ::actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use ::actix_web::http::StatusCode;
use ::actix_web::http::header::{self, HeaderMap};
use ::actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};

use super::Envelopes;
use super::current::{self, Facts, Guarded, KEPT_HEADERS, KeepResponse, Panic};
use super::envelopes::RateKey;
use super::failure::{Failure, Rejection};
use super::ratelimit::{LimitCheck, RateDecision};
use super::rejection::{self, Place};
use super::request::{RequestHeaders, View, usable_request_id};
pub use super::{Envelope, RequestContext};
use crate::{ApiError, RateLimit};

/// The status of `err` as actix-web's `StatusCode` (actix-web uses `http` 0.2).
#[must_use]
pub fn status_code(err: &dyn ApiError) -> StatusCode {
    to_actix_status(err.status())
}

/// Renders `err` for the request being served: with the facts and policy of the
/// enclosing [`RequestContextMiddleware`], or without one, [`Envelopes::default`] and a
/// generated request id.
#[must_use]
pub fn error_response(err: &dyn ApiError) -> HttpResponse {
    to_actix_response(current::render_current(err))
}

/// A rendered response (from [`Envelopes::render`] or [`RequestContext::render`]) as an
/// actix-web response: the same status, headers and body.
#[must_use]
pub fn to_actix_response(res: http::Response<Vec<u8>>) -> HttpResponse {
    let (parts, body) = res.into_parts();
    let mut out = HttpResponse::with_body(to_actix_status(parts.status), body);
    copy_headers(&parts.headers, out.headers_mut());
    out.map_into_boxed_body()
}

/// Appends every header of an `http` 1 map to actix-web's.
fn copy_headers(from: &http::HeaderMap, to: &mut HeaderMap) {
    for (name, value) in from {
        let name = header::HeaderName::from_bytes(name.as_str().as_bytes());
        let value = header::HeaderValue::from_bytes(value.as_bytes());
        if let (Ok(name), Ok(value)) = (name, value) {
            to.append(name, value);
        }
    }
}

fn to_actix_status(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl RequestHeaders for HeaderMap {
    fn first(&self, name: &http::HeaderName) -> Option<&str> {
        self.get(name.as_str()).and_then(|v| v.to_str().ok())
    }

    fn accepts_problem(&self) -> bool {
        super::accepts_problem_lines(
            self.get_all(header::ACCEPT)
                .map(header::HeaderValue::as_bytes),
        )
    }
}

impl<E: ApiError> ResponseError for Envelope<E> {
    fn status_code(&self) -> StatusCode {
        status_code(&self.0)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        error_response(&self.0)
    }
}

impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        let status = current::current_envelopes().map_or_else(
            || self.failure().default_status(),
            |envelopes| envelopes.get_failures().resolve(self.failure()).status,
        );
        to_actix_status(status)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        to_actix_response(current::render_current_failure(self))
    }
}

/// What [`RequestContextMiddleware`] keeps of one request: cheap clones (the id's
/// header value, the URI, `Accept` / `Accept-Language` only when the service negotiates
/// or localises), read only when an error is rendered. (Not the request handle itself:
/// actix-web's router needs it unshared.)
pub(crate) struct ActixFacts {
    envelopes: Envelopes,
    request_id: header::HeaderValue,
    generated: bool,
    uri: ::actix_web::http::Uri,
    accept: Vec<header::HeaderValue>,
    language: Option<header::HeaderValue>,
    rate: Option<RateLimit>,
}

scoped_tls::scoped_thread_local!(static CURRENT: ActixFacts);

impl Facts for ActixFacts {
    fn key() -> &'static scoped_tls::ScopedKey<Self> {
        &CURRENT
    }

    fn envelopes(&self) -> &Envelopes {
        &self.envelopes
    }

    fn view(&self) -> View<'_> {
        View {
            request_id_text: self.request_id.to_str().unwrap_or(""),
            // An `http` 0.2 value: the format makes its own header from the text.
            request_id_value: None,
            generated: self.generated,
            path: self.uri.path(),
            locale: self
                .language
                .as_ref()
                .and_then(|v| v.to_str().ok())
                .and_then(|v| super::negotiate_language(v, self.envelopes.available_locales())),
            prefers_problem: self.envelopes.negotiates_problem()
                && super::accepts_problem_lines(
                    self.accept.iter().map(header::HeaderValue::as_bytes),
                ),
            rate_limit: self.rate,
        }
    }
}

impl ActixFacts {
    fn capture(envelopes: &Envelopes, req: &ServiceRequest) -> Self {
        let headers = req.headers();
        let incoming = headers.get(envelopes.get_request_id_header().as_str());
        let usable = incoming.filter(|v| usable_request_id(v.as_bytes()));
        let (request_id, generated) = match usable {
            Some(v) => (v.clone(), false),
            None => {
                let fresh = super::request::generated_value();
                if let Some(incoming) = incoming {
                    current::log_replaced_request_id(incoming.as_bytes(), &fresh);
                }
                let value = header::HeaderValue::from_bytes(fresh.as_bytes())
                    .unwrap_or_else(|_| header::HeaderValue::from_static("req_"));
                (value, true)
            }
        };
        let accept = if envelopes.negotiates_problem() {
            headers.get_all(header::ACCEPT).cloned().collect()
        } else {
            Vec::new()
        };
        let language = if envelopes.localizes() {
            headers.get(header::ACCEPT_LANGUAGE).cloned()
        } else {
            None
        };
        Self {
            envelopes: envelopes.clone(),
            request_id,
            generated,
            uri: req.uri().clone(),
            accept,
            language,
            rate: None,
        }
    }

    fn render(&self, rejection: &Rejection) -> HttpResponse {
        to_actix_response(self.envelopes.render_failure_view(rejection, &self.view()))
    }

    /// The finished response: a bare error re-rendered, the request id and the format's
    /// success headers added.
    fn finish<B>(&self, res: HttpResponse<B>) -> HttpResponse<EitherBody<B>> {
        let bare = current::bare_error(
            res.status().as_u16(),
            || {
                res.headers()
                    .get(header::CONTENT_TYPE)
                    .map(header::HeaderValue::as_bytes)
            },
            || res.extensions().get::<KeepResponse>().is_some(),
            || {
                res.headers()
                    .get(header::RETRY_AFTER)
                    .map(header::HeaderValue::as_bytes)
            },
        );
        let mut res = match bare {
            Some(rejection) => {
                let mut rendered = self.render(&rejection);
                for name in KEPT_HEADERS {
                    if let (Some(v), Ok(name)) = (
                        res.headers().get(name.as_str()),
                        header::HeaderName::from_bytes(name.as_str().as_bytes()),
                    ) {
                        rendered.headers_mut().insert(name, v.clone());
                    }
                }
                rendered.map_into_right_body()
            }
            None => res.map_into_left_body(),
        };
        let name = self.envelopes.get_request_id_header().as_str();
        if !res.headers().contains_key(name)
            && let Ok(name) = header::HeaderName::from_bytes(name.as_bytes())
        {
            res.headers_mut().insert(name, self.request_id.clone());
        }
        if let Some(rl) = self.rate {
            let value = http::HeaderValue::from_bytes(self.request_id.as_bytes()).ok();
            let ctx = match &value {
                Some(v) => crate::Context::new().request_id_value(v),
                None => crate::Context::new(),
            }
            .rate_limit(rl.limit, rl.remaining, rl.reset);
            let mut extra = http::HeaderMap::new();
            self.envelopes
                .format()
                .write_success_headers(&ctx, &mut extra);
            // Set, not appended: an error response rendered already carries them.
            for (name, value) in &extra {
                let name = header::HeaderName::from_bytes(name.as_str().as_bytes());
                let value = header::HeaderValue::from_bytes(value.as_bytes());
                if let (Ok(name), Ok(value)) = (name, value) {
                    res.headers_mut().insert(name, value);
                }
            }
        }
        res
    }

    /// The answer to a caught panic: the product's public 500; the payload only logged.
    fn panicked(&self, panic: &Panic) -> ::actix_web::Error {
        current::log_panic(panic, self.request_id.to_str().unwrap_or(""));
        self.answer(&Rejection::new(Failure::Panic))
    }

    /// A response made by the middleware where no request handle is at hand: an error
    /// actix-web turns into this very response.
    fn answer(&self, rejection: &Rejection) -> ::actix_web::Error {
        let res = self.finish(self.render(rejection));
        Prerendered::from_actix(res).into()
    }
}

/// A response rendered by the middleware, handed to actix-web as an error (whose
/// response is it) where the request handle has moved on (a panic, a timeout, an inner
/// service's `Err`).
struct Prerendered {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Prerendered {
    fn from_actix(res: HttpResponse<EitherBody<BoxBody>>) -> Self {
        let status = res.status();
        let headers = res.headers().clone();
        let body =
            ::actix_web::body::to_bytes_limited(res.into_body(), usize::MAX).now_or_never_bytes();
        Self {
            status,
            headers,
            body,
        }
    }
}

/// Reads a body that is already in memory (a rendered envelope) without an executor.
trait NowOrNever {
    fn now_or_never_bytes(self) -> Vec<u8>;
}

impl<F, E> NowOrNever for F
where
    F: Future<
        Output = Result<Result<::actix_web::web::Bytes, E>, ::actix_web::body::BodyLimitExceeded>,
    >,
{
    fn now_or_never_bytes(self) -> Vec<u8> {
        let mut fut = std::pin::pin!(self);
        let mut cx = TaskContext::from_waker(std::task::Waker::noop());
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(Ok(Ok(bytes))) => bytes.to_vec(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Debug for Prerendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prerendered")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Prerendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} answered by the envelope middleware", self.status)
    }
}

impl ResponseError for Prerendered {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let mut res = HttpResponse::with_body(self.status, self.body.clone());
        for (name, value) in &self.headers {
            res.headers_mut().append(name.clone(), value.clone());
        }
        res.map_into_boxed_body()
    }
}

/// An actix middleware keeping every response in its product's envelope (see the
/// [module docs](self)).
///
/// Apply it with `App::wrap` or `Scope::wrap`; nested, the innermost one decides.
#[derive(Debug, Clone, Default)]
pub struct RequestContextMiddleware {
    envelopes: Envelopes,
    timeout: Option<Duration>,
}

impl RequestContextMiddleware {
    /// A middleware rendering errors as `envelopes` says.
    #[must_use]
    pub fn new(envelopes: Envelopes) -> Self {
        Self {
            envelopes,
            timeout: None,
        }
    }

    /// Answers [`Failure::Timeout`] when the handler has not answered after `limit`
    /// (the handler's future is dropped).
    #[must_use]
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = Some(limit);
        self
    }

    /// The service's policy.
    #[must_use]
    pub fn envelopes(&self) -> &Envelopes {
        &self.envelopes
    }
}

impl<S, B> Transform<S, ServiceRequest> for RequestContextMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error> + 'static,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Transform = RequestContextService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RequestContextService {
            inner: Rc::new(service),
            envelopes: self.envelopes.clone(),
            timeout: self.timeout,
        }))
    }
}

/// The service [`RequestContextMiddleware`] wraps around an inner one.
pub struct RequestContextService<S> {
    inner: Rc<S>,
    envelopes: Envelopes,
    timeout: Option<Duration>,
}

impl<S> fmt::Debug for RequestContextService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestContextService")
            .field("envelopes", &self.envelopes)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The caller a rate limiter counts for `req`.
fn rate_key(key: &RateKey, req: &ServiceRequest) -> String {
    let address = || {
        req.peer_addr()
            .map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())
    };
    match key {
        RateKey::Header(name) => req
            .headers()
            .get(name.as_str())
            .and_then(|v| v.to_str().ok())
            .map_or_else(address, str::to_owned),
        #[allow(
            unreachable_patterns,
            reason = "non_exhaustive: later keys count by address"
        )]
        _ => address(),
    }
}

type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;

impl<S, B> Service<ServiceRequest> for RequestContextService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error> + 'static,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = ::actix_web::Error;
    type Future = RequestContextFuture<S, B>;

    ::actix_web::dev::forward_ready!(inner);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let mut facts = ActixFacts::capture(&self.envelopes, &req);
        if let Some((limiter, key)) = self.envelopes.get_rate_limiter() {
            match limiter.check(&rate_key(key, &req)) {
                LimitCheck::Ready(decision) => {
                    if let Some(err) = denied(&mut facts, decision) {
                        return RequestContextFuture::done(Err(err));
                    }
                }
                LimitCheck::Pending(check) => {
                    let inner = Rc::clone(&self.inner);
                    let timeout = self.timeout;
                    let fut: Boxed<Result<ServiceResponse<EitherBody<B>>, ::actix_web::Error>> =
                        Box::pin(async move {
                            let decision = check.await;
                            match denied(&mut facts, decision) {
                                Some(err) => Err(err),
                                None => start(&inner, req, facts, timeout).await,
                            }
                        });
                    return RequestContextFuture(State::Boxed(fut));
                }
            }
        }
        start(&self.inner, req, facts, self.timeout)
    }
}

/// Records a limiter's decision; the response when the caller is out of requests.
fn denied(facts: &mut ActixFacts, decision: RateDecision) -> Option<::actix_web::Error> {
    facts.rate = Some(decision.rate_limit());
    if decision.allowed {
        return None;
    }
    Some(facts.answer(&decision.rejection()))
}

/// Calls the inner service with the facts current, catching a panic in the call.
fn start<S, B>(
    inner: &Rc<S>,
    req: ServiceRequest,
    facts: ActixFacts,
    timeout: Option<Duration>,
) -> RequestContextFuture<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>,
{
    match current::run_with(&facts, || inner.call(req)) {
        Ok(future) => RequestContextFuture(State::Running {
            guarded: Box::pin(Guarded::new(future, facts)),
            deadline: timeout.map(|t| Box::pin(::actix_web::rt::time::sleep(t))),
        }),
        Err(panic) => RequestContextFuture::done(Err(facts.panicked(&panic))),
    }
}

/// The future of [`RequestContextService`].
pub struct RequestContextFuture<S, B>(State<S, B>)
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>;

enum State<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>,
{
    /// The handler runs, with its request's facts current.
    Running {
        /// The inner future.
        guarded: Pin<Box<Guarded<S::Future, ActixFacts>>>,
        /// When the handler has taken too long.
        deadline: Option<Pin<Box<::actix_web::rt::time::Sleep>>>,
    },
    /// A rate-limit check in a shared store, then the handler.
    Boxed(Boxed<Result<ServiceResponse<EitherBody<B>>, ::actix_web::Error>>),
    /// Answered without the handler.
    Done(Option<Box<Result<ServiceResponse<EitherBody<B>>, ::actix_web::Error>>>),
}

impl<S, B> RequestContextFuture<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>,
{
    fn done(res: Result<ServiceResponse<EitherBody<B>>, ::actix_web::Error>) -> Self {
        Self(State::Done(Some(Box::new(res))))
    }
}

impl<S, B> fmt::Debug for RequestContextFuture<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestContextFuture")
    }
}

impl<S, B> Future for RequestContextFuture<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = ::actix_web::Error>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, ::actix_web::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let this = &mut self.get_mut().0;
        match this {
            State::Running { guarded, deadline } => {
                if let Poll::Ready(out) = guarded.as_mut().poll(cx) {
                    let facts = guarded.as_mut().facts();
                    return Poll::Ready(match out {
                        Ok(Ok(res)) => {
                            let (req, res) = res.into_parts();
                            Ok(ServiceResponse::new(req, facts.finish(res)))
                        }
                        Ok(Err(err)) => {
                            let res = facts.finish(err.error_response());
                            Err(Prerendered::from_actix(res).into())
                        }
                        Err(panic) => Err(facts.panicked(&panic)),
                    });
                }
                if let Some(deadline) = deadline
                    && deadline.as_mut().poll(cx).is_ready()
                {
                    let err = guarded
                        .as_mut()
                        .facts()
                        .answer(&Rejection::new(Failure::Timeout));
                    *this = State::Done(None);
                    return Poll::Ready(Err(err));
                }
                Poll::Pending
            }
            State::Boxed(fut) => fut.as_mut().poll(cx),
            State::Done(res) => match res.take() {
                Some(res) => Poll::Ready(*res),
                None => Poll::Pending,
            },
        }
    }
}

impl FromRequest for RequestContext {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(Ok(Self::current().unwrap_or_else(|| {
            Self::without_layer(req.path(), req.headers())
        })))
    }
}

/// actix-web's `web::Json`, failing with the product's envelope and the failing field's
/// location: a body that is not JSON is [`Failure::BodyUnparseable`] (`json_invalid`), one
/// of the wrong shape [`Failure::BodyInvalid`] (the field, its Pydantic type, and the
/// input as Pydantic gives it), another `Content-Type` [`Failure::UnsupportedMediaType`]
/// (none at all is read as JSON), a body over the `PayloadConfig` limit ([`configure`]
/// sets it) [`Failure::PayloadTooLarge`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ::actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        json_body(req, payload, |bytes| {
            rejection::decode_json(bytes).map(Self)
        })
    }
}

/// A JSON request's body decoded by `decode`: another `Content-Type` is
/// [`Failure::UnsupportedMediaType`] (none at all is read as JSON), a body over the
/// `PayloadConfig` limit [`Failure::PayloadTooLarge`].
fn json_body<T: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    decode: fn(&[u8]) -> Result<T, Rejection>,
) -> Pin<Box<dyn Future<Output = Result<T, ::actix_web::Error>>>> {
    let wrong_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| !rejection::is_json_content_type(ct.as_bytes()));
    let bytes = web::Bytes::from_request(req, payload);
    Box::pin(async move {
        if wrong_type {
            return Err(Rejection::new(Failure::UnsupportedMediaType).into());
        }
        let bytes = bytes.await.map_err(|e| {
            let status = e.as_response_error().status_code().as_u16();
            let status =
                http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_REQUEST);
            Rejection::new(Failure::from_status(status))
        })?;
        Ok(decode(&bytes)?)
    })
}

/// One of the extractors [`Json`], [`Query`] or [`Path`], whose value is then checked
/// against the constraints its type declares with the `validator` crate: the type errors
/// and the constraint violations in one list, in field order, as Pydantic reports them
/// (see [`input::validated`](crate::input::validated)).
#[cfg(feature = "validator")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Valid<E>(pub E);

#[cfg(feature = "validator")]
impl<T: serde::de::DeserializeOwned + validator::Validate + 'static> FromRequest
    for Valid<Json<T>>
{
    type Error = ::actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        json_body(req, payload, |bytes| {
            rejection::decode_json_valid(bytes).map(|v| Self(Json(v)))
        })
    }
}

#[cfg(feature = "validator")]
impl<T: serde::de::DeserializeOwned + validator::Validate> FromRequest for Valid<Query<T>> {
    type Error = Rejection;
    type Future = Ready<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            rejection::decode_urlencoded_valid(req.query_string().as_bytes(), Place::Query)
                .map(|v| Self(Query(v))),
        )
    }
}

#[cfg(feature = "validator")]
impl<T: serde::de::DeserializeOwned + validator::Validate> FromRequest for Valid<Path<T>> {
    type Error = Rejection;
    type Future = Ready<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let pairs: Vec<(&str, &str)> = req.match_info().iter().collect();
        ready(rejection::decode_params_valid(&pairs, Place::Path).map(|v| Self(Path(v))))
    }
}

/// actix-web's `web::Query`, failing with the product's envelope: a missing parameter is
/// [`Failure::ParameterMissing`], one that does not convert [`Failure::ParameterInvalid`]
/// (location `query`, the parameter's name, the raw string as input).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Query<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromRequest for Query<T> {
    type Error = Rejection;
    type Future = Ready<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(rejection::decode_urlencoded(req.query_string().as_bytes(), Place::Query).map(Self))
    }
}

/// actix-web's `web::Path`, failing with the product's envelope: the route's parameters
/// read as [`input::from_params`](crate::input::from_params) reads them (a struct by
/// name, a tuple by position, a single value), every one that does not convert a
/// [`Failure::ParameterInvalid`] violation located by its name (location `path`, the
/// parameter's name, Pydantic's `int_parsing` and the like, the raw text as input).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Path<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromRequest for Path<T> {
    type Error = Rejection;
    type Future = Ready<Result<Self, Rejection>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let pairs: Vec<(&str, &str)> = req.match_info().iter().collect();
        ready(rejection::decode_params(&pairs, Place::Path).map(Self))
    }
}

/// Registers extractor configs whose errors are [`Rejection`]s in the product's envelope
/// (for actix-web's own extractors; [`Json`], [`Path`] and [`Query`] report every
/// failing field): `PayloadConfig` (the body limit of [`Json`]),
/// `JsonConfig` (body up to `body_limit` bytes, else [`Failure::PayloadTooLarge`]; not
/// JSON: [`Failure::BodyUnparseable`]; wrong shape: [`Failure::BodyInvalid`]; another
/// content type: [`Failure::UnsupportedMediaType`]), `FormConfig` (the same limit),
/// `PathConfig` and `QueryConfig` ([`Failure::ParameterInvalid`] /
/// [`Failure::ParameterMissing`]). Use with `App::configure` or `Scope::configure`.
pub fn configure(body_limit: usize) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.app_data(web::PayloadConfig::new(body_limit))
            .app_data(
                web::JsonConfig::default()
                    .limit(body_limit)
                    .content_type_required(false)
                    .error_handler(|err, _req| json_rejection(&err).into()),
            )
            .app_data(
                web::FormConfig::default()
                    .limit(body_limit)
                    .error_handler(|err, _req| form_rejection(&err).into()),
            )
            .app_data(
                web::PathConfig::default()
                    .error_handler(|err, req| path_rejection(&err, req).into()),
            )
            .app_data(
                web::QueryConfig::default()
                    .error_handler(|err, req| query_rejection(&err, req).into()),
            );
    }
}

fn json_rejection(err: &JsonPayloadError) -> Rejection {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            Rejection::new(Failure::PayloadTooLarge)
        }
        JsonPayloadError::ContentType => Rejection::new(Failure::UnsupportedMediaType),
        JsonPayloadError::Deserialize(e) => rejection::json_error(e, None),
        _ => Rejection::new(Failure::BadRequest),
    }
}

fn form_rejection(err: &UrlencodedError) -> Rejection {
    match err {
        UrlencodedError::Overflow { .. } => Rejection::new(Failure::PayloadTooLarge),
        UrlencodedError::ContentType => Rejection::new(Failure::UnsupportedMediaType),
        UrlencodedError::Parse(e) => rejection::message_error(Place::Body, &e.to_string(), None),
        _ => Rejection::new(Failure::BadRequest),
    }
}

fn path_rejection(err: &PathError, req: &HttpRequest) -> Rejection {
    let PathError::Deserialize(e) = err else {
        return Rejection::new(Failure::ParameterInvalid);
    };
    // actix names neither the parameter nor the type: the one segment, when there is one.
    let params: Vec<(&str, &str)> = req.match_info().iter().collect();
    let message = e.to_string();
    match params.as_slice() {
        [(key, value)] => rejection::message_error(Place::Path, &message, Some((key, value))),
        _ => rejection::message_error(Place::Path, &message, None),
    }
}

fn query_rejection(err: &QueryPayloadError, req: &HttpRequest) -> Rejection {
    let QueryPayloadError::Deserialize(e) = err else {
        return Rejection::new(Failure::ParameterInvalid);
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let message = e.to_string();
    match pairs.as_slice() {
        [(key, value)] => rejection::message_error(Place::Query, &message, Some((key, value))),
        _ => rejection::message_error(Place::Query, &message, None),
    }
}

//! The format policy of a service: [`Envelopes`], and the choice of a format per error.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use http::header::{CONTENT_LANGUAGE, HeaderName, HeaderValue, VARY};
use http::{HeaderMap, Response};

use super::failure::{Failures, Rejection};
use super::ratelimit::RateLimiter;
#[cfg(any(feature = "axum", feature = "actix-web"))]
use super::request::RequestHeaders;
use super::request::{RequestInfo, View};
use crate::format::{Format, Problem};
use crate::{ApiError, Localizer};

/// The header a request id is read from and sent back in: `X-Request-ID`.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

type SharedFormat = Arc<dyn Format + Send + Sync>;
type SharedLocalizer = Arc<dyn Localizer + Send + Sync>;

/// Where a rate limiter finds the caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RateKey {
    /// The value of this header (e.g. `Authorization` or `X-API-Key`), else the client's
    /// address.
    Header(HeaderName),
    /// The client's address (axum's `ConnectInfo<SocketAddr>`, actix-web's peer address).
    ClientAddress,
}

/// What [`Envelopes`] shares between clones.
struct Inner {
    format: SharedFormat,
    problem: Option<SharedFormat>,
    localizer: Option<SharedLocalizer>,
    request_id_header: HeaderName,
    failures: Failures,
    limiter: Option<(Arc<dyn RateLimiter>, RateKey)>,
}

/// How a service renders its errors: its format, whether clients may negotiate RFC 9457,
/// what its framework failures are called ([`Failures`]), an optional localizer and an
/// optional rate limiter. Cheap to clone (one shared allocation).
#[derive(Clone)]
pub struct Envelopes(Arc<Inner>);

impl fmt::Debug for Envelopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelopes")
            .field("content_type", &self.0.format.content_type())
            .field("negotiates_problem", &self.0.problem.is_some())
            .field("localizer", &self.0.localizer.is_some())
            .field("request_id_header", &self.0.request_id_header)
            .field("failures", &self.0.failures)
            .field("rate_limited", &self.0.limiter.as_ref().map(|(_, key)| key))
            .finish()
    }
}

impl Default for Envelopes {
    /// RFC 9457 with type URIs under `/errors/`, no negotiation, no localizer.
    fn default() -> Self {
        Self::new(Problem::new("/errors/"))
    }
}

impl Envelopes {
    /// Errors are rendered in `format`.
    #[must_use]
    pub fn new(format: impl Format + Send + Sync + 'static) -> Self {
        Self::from_shared(Arc::new(format))
    }

    /// Errors are rendered in a shared format (a format chosen at run time).
    #[must_use]
    pub fn from_shared(format: Arc<dyn Format + Send + Sync>) -> Self {
        Self(Arc::new(Inner {
            format,
            problem: None,
            localizer: None,
            request_id_header: X_REQUEST_ID,
            failures: Failures::new(),
            limiter: None,
        }))
    }

    /// The inner policy, to change before the first clone is shared.
    fn edit(mut self, f: impl FnOnce(&mut Inner)) -> Self {
        match Arc::get_mut(&mut self.0) {
            Some(inner) => f(inner),
            None => {
                let mut inner = Inner {
                    format: Arc::clone(&self.0.format),
                    problem: self.0.problem.clone(),
                    localizer: self.0.localizer.clone(),
                    request_id_header: self.0.request_id_header.clone(),
                    failures: self.0.failures.clone(),
                    limiter: self.0.limiter.clone(),
                };
                f(&mut inner);
                self.0 = Arc::new(inner);
            }
        }
        self
    }

    /// Lets a client that prefers `application/problem+json` (see
    /// [`accepts_problem`](super::accepts_problem)) get its error as `problem` instead of
    /// the service's format, with every header the service's format sends. Responses then
    /// say `Vary: Accept`.
    #[must_use]
    pub fn allow_problem(self, problem: Problem) -> Self {
        self.edit(|i| i.problem = Some(Arc::new(problem)))
    }

    /// Asks `localizer` for each message in the request's locale (the first
    /// `Accept-Language` tag).
    #[must_use]
    pub fn localizer(self, localizer: impl Localizer + Send + Sync + 'static) -> Self {
        self.edit(|i| i.localizer = Some(Arc::new(localizer)))
    }

    /// Reads the request id from `header` (and sends it back in it) instead of
    /// `X-Request-ID`.
    #[must_use]
    pub fn request_id_header(self, header: HeaderName) -> Self {
        self.edit(|i| i.request_id_header = header)
    }

    /// The codes of the framework's own failures (see [`Failures`]).
    #[must_use]
    pub fn failures(self, failures: Failures) -> Self {
        self.edit(|i| i.failures = failures)
    }

    /// Limits each caller's request rate: the layer asks `limiter` before the handler,
    /// answers [`Failure::RateLimited`](super::Failure::RateLimited) with `Retry-After`
    /// when the caller is out of requests, and hands the figures to the format (ScaiKey's
    /// `X-RateLimit-*`, on every response).
    ///
    /// The layer asks before routing, so every request it sees counts, an unmatched
    /// route or a rejected body included: a caller probing unknown paths spends its quota
    /// as any other (put the layer on the routes to limit only, as the example server
    /// does for ScaiGrid's completions).
    #[must_use]
    pub fn rate_limiter(self, limiter: impl RateLimiter, key: RateKey) -> Self {
        self.edit(|i| i.limiter = Some((Arc::new(limiter), key)))
    }

    /// The service's format.
    #[must_use]
    pub fn format(&self) -> &(dyn Format + Send + Sync) {
        &*self.0.format
    }

    /// Whether clients may negotiate RFC 9457.
    #[must_use]
    pub fn negotiates_problem(&self) -> bool {
        self.0.problem.is_some()
    }

    /// The locales of the localizer, when it names them (a request's `Accept-Language`
    /// is matched against them).
    pub(crate) fn available_locales(&self) -> Option<&[String]> {
        self.0.localizer.as_ref()?.locales()
    }

    /// Whether a localizer is set.
    #[must_use]
    pub fn localizes(&self) -> bool {
        self.0.localizer.is_some()
    }

    /// The header the request id is read from and sent back in.
    #[must_use]
    pub fn get_request_id_header(&self) -> &HeaderName {
        &self.0.request_id_header
    }

    /// The codes of the framework's own failures.
    #[must_use]
    pub fn get_failures(&self) -> &Failures {
        &self.0.failures
    }

    /// The rate limiter and where it finds the caller, if any.
    #[must_use]
    pub fn get_rate_limiter(&self) -> Option<(&dyn RateLimiter, &RateKey)> {
        self.0.limiter.as_ref().map(|(l, k)| (&**l, k))
    }

    /// The facts of one request: the request id from its header when it is usable (1 to
    /// 128 visible ASCII characters), else a freshly generated one; the path as instance;
    /// the first `Accept-Language` tag as locale; and whether `Accept` prefers a problem
    /// document.
    #[must_use]
    pub fn request_info(&self, uri: &http::Uri, headers: &HeaderMap) -> RequestInfo {
        RequestInfo::from_headers(self, uri.path(), headers)
    }

    /// [`request_info`](Self::request_info) over any header map (a framework's own).
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn request_info_from(
        &self,
        path: &str,
        headers: &dyn RequestHeaders,
    ) -> RequestInfo {
        RequestInfo::from_headers(self, path, headers)
    }

    /// The format `err` is rendered in for this request (see the
    /// [module docs](super#choosing-the-format)).
    #[must_use]
    pub fn choose<'s>(
        &'s self,
        err: &dyn ApiError,
        info: &RequestInfo,
    ) -> &'s (dyn Format + Send + Sync) {
        self.choose_for(err, info.prefers_problem())
    }

    fn choose_for<'s>(
        &'s self,
        err: &dyn ApiError,
        prefers_problem: bool,
    ) -> &'s (dyn Format + Send + Sync) {
        match &self.0.problem {
            Some(problem) if prefers_problem => &**problem,
            _ => err.declared_format().unwrap_or(&*self.0.format),
        }
    }

    /// Renders `err` for the request `info` describes: the chosen format, a context with
    /// the request's id, instance, locale and rate-limit figures, `Vary: Accept` when the
    /// service negotiates, and (with the `tracing` feature) one event when the status is
    /// a 5xx. A negotiated problem document keeps every header the service's own format
    /// sends (ScaiKey's `X-Request-ID` and `X-RateLimit-*`, `Retry-After`).
    #[must_use]
    pub fn render(&self, err: &dyn ApiError, info: &RequestInfo) -> Response<Vec<u8>> {
        self.render_view(err, &info.view())
    }

    /// [`render`](Self::render) with borrowed facts. The path goes in as it is: the
    /// format that writes an instance (Problem) makes it a URI reference as it writes it,
    /// so a format that shows none pays nothing for it. The body is the caller's type,
    /// made from the bytes in place.
    pub(crate) fn render_view<RB: From<Vec<u8>>>(
        &self,
        err: &dyn ApiError,
        view: &View<'_>,
    ) -> Response<RB> {
        if self.is_plain() {
            return self.render_plain(err, &view.context(), || view.request_id());
        }
        let format = self.choose_for(err, view.prefers_problem);
        let mut ctx = view.context();
        // The localised message, asked once: rendered as it is, and named in
        // `Content-Language`.
        let fixed;
        let mut language = None;
        if let (Some(localizer), Some(locale)) = (&self.0.localizer, view.locale) {
            match crate::render::caught(|| {
                localizer.localize_error(err, locale).map(Cow::into_owned)
            }) {
                Ok(Some(text)) => {
                    fixed = Fixed(text);
                    ctx = ctx.localizer(&fixed);
                    language = HeaderValue::from_str(locale).ok();
                }
                // No message in that locale: the error's own, the localizer not asked
                // again.
                Ok(None) => {}
                // It panicked: the render asks it again and answers the product's 500.
                Err(_) => ctx = ctx.localizer(&**localizer),
            }
        }
        let mut res = match crate::render::try_to_response(err, format, &ctx) {
            Ok(res) => res,
            // The error's own code panicked while rendering: the product's 500, which
            // runs none of it, without the localizer (it may be what panicked).
            Err(_) => {
                return self
                    .render_panicked(err, view.request_id(), view.prefers_problem, &ctx)
                    .map(RB::from);
            }
        };
        if self.0.problem.is_some() {
            let own = err.declared_format().unwrap_or(&*self.0.format);
            if !std::ptr::addr_eq(std::ptr::from_ref(format), std::ptr::from_ref(own)) {
                own.write_headers(err, &ctx, res.headers_mut());
            }
            res.headers_mut()
                .append(VARY, HeaderValue::from_static("accept"));
        }
        if self.0.localizer.is_some() {
            if let Some(language) = language {
                res.headers_mut().insert(CONTENT_LANGUAGE, language);
            }
            res.headers_mut()
                .append(VARY, HeaderValue::from_static("accept-language"));
        }
        #[cfg(feature = "tracing")]
        super::tracing::record(err, Some(view.request_id()));
        res
    }

    /// The product's 500 for an error whose own code panicked while it was rendered:
    /// it runs none of that code, and renders without the localizer (it may be what
    /// panicked).
    #[cold]
    #[inline(never)]
    fn render_panicked(
        &self,
        err: &dyn ApiError,
        request_id: &str,
        prefers_problem: bool,
        ctx: &crate::Context<'_>,
    ) -> Response<Vec<u8>> {
        let code = crate::render::caught(|| err.code()).unwrap_or("");
        log_render_panic(code, request_id);
        let rejection = Rejection::new(super::failure::Failure::Panic);
        let internal = rejection.resolve(&self.0.failures);
        let plain = ctx.without_localizer();
        crate::render::to_response(
            &internal,
            self.choose_for(&internal, prefers_problem),
            &plain,
        )
    }

    /// Whether the service neither negotiates nor localises: an error is then rendered
    /// in its own format with the request's context as it is ([`render_plain`](Self::render_plain)).
    pub(crate) fn is_plain(&self) -> bool {
        self.0.problem.is_none() && self.0.localizer.is_none()
    }

    /// [`render_view`](Self::render_view) for a [plain](Self::is_plain) service,
    /// with the request's context built by the caller (`request_id` read only for a log).
    pub(crate) fn render_plain<'c, RB: From<Vec<u8>>>(
        &self,
        err: &dyn ApiError,
        ctx: &crate::Context<'c>,
        request_id: impl FnOnce() -> &'c str,
    ) -> Response<RB> {
        let format = err.declared_format().unwrap_or(&*self.0.format);
        let res = match crate::render::try_to_response(err, format, ctx) {
            Ok(res) => res,
            Err(_) => {
                return self
                    .render_panicked(err, request_id(), false, ctx)
                    .map(RB::from);
            }
        };
        #[cfg(feature = "tracing")]
        super::tracing::record(err, Some(request_id()));
        res
    }

    /// Renders a framework failure with the service's [`Failures`].
    #[must_use]
    pub fn render_failure(&self, rejection: &Rejection, info: &RequestInfo) -> Response<Vec<u8>> {
        self.render_failure_view(rejection, &info.view())
    }

    /// [`render_failure`](Self::render_failure) with borrowed facts.
    pub(crate) fn render_failure_view(
        &self,
        rejection: &Rejection,
        view: &View<'_>,
    ) -> Response<Vec<u8>> {
        self.render_view(&rejection.resolve(&self.0.failures), view)
    }
}

/// Logs a panic of an error's own code while it was rendered (`tracing` feature): the
/// product's 500 answered instead.
fn log_render_panic(code: &str, request_id: &str) {
    #[cfg(feature = "tracing")]
    ::tracing::error!(
        target: "api_envelope",
        code,
        request_id,
        "rendering the error panicked (its Display, a detail's Serialize or the localizer); answered with the product's 500"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (code, request_id);
}

/// A message already localised: what a render asks the localizer, answered once.
struct Fixed(String);

impl Localizer for Fixed {
    fn localize(&self, _code: &str, _locale: &str) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(&self.0))
    }
}

//! Serving errors over HTTP: the format policy of a service, content negotiation and the
//! per-request facts, independent of any framework, plus one module per integration.
//!
//! [`Envelopes`] is what a service decides once: the format its errors are rendered in,
//! whether a client may ask for RFC 9457 instead (`Accept: application/problem+json`),
//! and a localizer. [`RequestInfo`] is what each request brings: its id (`X-Request-ID`,
//! or a fresh one), its path (the problem `instance`), its locale and whether it prefers
//! a problem document. [`Envelopes::render`] joins the two for one error.
//!
//! The framework integrations are built on these two:
//!
//! - `axum` (the `axum` module): `IntoResponse` and a tower layer, so a handler
//!   returns its error and gets the envelope, with no context threaded by hand.
//! - `actix-web` (the `actix_web` module): the same through `ResponseError` and an
//!   actix middleware.
//! - `tracing` (the `tracing` module): every 5xx rendered through
//!   [`Envelopes::render`] logs one event with its code, status, request id and source
//!   chain.
//! - `utoipa` (the `utoipa` module): OpenAPI schemas of the envelopes and a
//!   response per status with every code as an example.
//!
//! Any other server can use [`Envelopes`] directly: build a [`RequestInfo`] from the
//! request's URI and headers, and [`render`](Envelopes::render) to an `http::Response`.
//!
//! ```
//! use api_envelope::format::{Problem, ScaiGrid};
//! use api_envelope::http::{HeaderMap, HeaderValue, Uri};
//! use api_envelope::integrations::Envelopes;
//! use api_envelope::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum GridError {
//!     /// No frontend model with that slug.
//!     #[code("MODEL_NOT_FOUND", status = 404)]
//!     #[message("model not found")]
//!     ModelNotFound,
//! }
//!
//! let envelopes = Envelopes::new(ScaiGrid).allow_problem(Problem::new("https://docs.example.com/errors/"));
//! let mut headers = HeaderMap::new();
//! headers.insert("x-request-id", HeaderValue::from_static("req_42"));
//!
//! let info = envelopes.request_info(&Uri::from_static("/v1/models/x"), &headers);
//! let res = envelopes.render(&GridError::ModelNotFound, &info);
//! assert_eq!(res.headers()["content-type"], "application/json");
//! assert!(std::str::from_utf8(res.body()).unwrap().contains(r#""request_id":"req_42""#));
//!
//! headers.insert("accept", HeaderValue::from_static("application/problem+json"));
//! let info = envelopes.request_info(&Uri::from_static("/v1/models/x"), &headers);
//! let res = envelopes.render(&GridError::ModelNotFound, &info);
//! assert_eq!(res.headers()["content-type"], "application/problem+json");
//! assert!(std::str::from_utf8(res.body()).unwrap().contains(r#""instance":"/v1/models/x""#));
//! ```
//!
//! # Choosing the format
//!
//! For each error, the first that applies:
//! 1. the problem format, when the service [allows it](Envelopes::allow_problem) and the
//!    request [prefers it](accepts_problem);
//! 2. the format declared on the error type with `#[api_error(format = ...)]`
//!    ([`ApiError::declared_format`]);
//! 3. the service's format ([`Envelopes::new`]; [`Envelopes::default`] is RFC 9457 with
//!    type URIs under `/errors/`).

use std::fmt;
use std::sync::Arc;

use http::header::{ACCEPT, ACCEPT_LANGUAGE, HeaderName, HeaderValue, VARY};
use http::{HeaderMap, Response, Uri};

use crate::context::{GeneratedRequestId, MAX_HEADER_REQUEST_ID};
use crate::format::{Format, Problem};
use crate::{ApiError, Context, Localizer};

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix_web;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
mod sample;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod scope;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod served;
#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub mod tracing;
#[cfg(feature = "utoipa")]
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
pub mod utoipa;

pub use sample::CatalogSample;
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "axum", feature = "actix-web"))))]
pub use served::{Envelope, RequestContext};

/// The header a request id is read from: `X-Request-ID`.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

type SharedFormat = Arc<dyn Format + Send + Sync>;
type SharedLocalizer = Arc<dyn Localizer + Send + Sync>;

/// How a service renders its errors: its format, whether clients may negotiate RFC 9457,
/// and an optional localizer. Cheap to clone (shared).
#[derive(Clone)]
pub struct Envelopes {
    format: SharedFormat,
    problem: Option<SharedFormat>,
    localizer: Option<SharedLocalizer>,
    request_id_header: HeaderName,
}

impl fmt::Debug for Envelopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelopes")
            .field("content_type", &self.format.content_type())
            .field("negotiates_problem", &self.problem.is_some())
            .field("localizer", &self.localizer.is_some())
            .field("request_id_header", &self.request_id_header)
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
        Self {
            format,
            problem: None,
            localizer: None,
            request_id_header: X_REQUEST_ID,
        }
    }

    /// Lets a client that prefers `application/problem+json` (see [`accepts_problem`])
    /// get its error as `problem` instead of the service's format. Responses then say
    /// `Vary: Accept`.
    #[must_use]
    pub fn allow_problem(mut self, problem: Problem) -> Self {
        self.problem = Some(Arc::new(problem));
        self
    }

    /// Asks `localizer` for each message in the request's locale (the first
    /// `Accept-Language` tag).
    #[must_use]
    pub fn localizer(mut self, localizer: impl Localizer + Send + Sync + 'static) -> Self {
        self.localizer = Some(Arc::new(localizer));
        self
    }

    /// Reads the request id from `header` instead of `X-Request-ID`.
    #[must_use]
    pub fn request_id_header(mut self, header: HeaderName) -> Self {
        self.request_id_header = header;
        self
    }

    /// The service's format.
    #[must_use]
    pub fn format(&self) -> &(dyn Format + Send + Sync) {
        &*self.format
    }

    /// Whether clients may negotiate RFC 9457.
    #[must_use]
    pub fn negotiates_problem(&self) -> bool {
        self.problem.is_some()
    }

    /// The facts of one request: the request id from its header when it is usable (1 to
    /// 128 visible ASCII characters), else a freshly generated one; the path as instance;
    /// the first `Accept-Language` tag as locale; and whether `Accept` prefers a problem
    /// document.
    #[must_use]
    pub fn request_info(&self, uri: &Uri, headers: &HeaderMap) -> RequestInfo {
        self.request_info_from(uri.path(), headers)
    }

    /// [`request_info`](Self::request_info) over any header map (a framework's own).
    pub(crate) fn request_info_from(
        &self,
        path: &str,
        headers: &dyn RequestHeaders,
    ) -> RequestInfo {
        let header_id = headers
            .first(&self.request_id_header)
            .filter(|id| usable_request_id(id));
        let (request_id, generated) = match header_id {
            Some(id) => (id.to_owned(), false),
            None => (GeneratedRequestId::new().as_str().to_owned(), true),
        };
        // The header value itself (sharing the request's bytes), for a response header
        // repeating the id without an allocation.
        let request_id_value = if generated {
            None
        } else {
            headers.first_value(&self.request_id_header)
        };
        let locale = headers
            .first(&ACCEPT_LANGUAGE)
            .and_then(|v| v.split(',').next())
            .map(|tag| tag.split(';').next().unwrap_or("").trim())
            .filter(|tag| !tag.is_empty() && *tag != "*")
            .map(str::to_owned);
        let prefers_problem = headers.any(&ACCEPT, accepts_problem);
        RequestInfo {
            request_id,
            request_id_value,
            generated,
            instance: path.to_owned(),
            locale,
            prefers_problem,
        }
    }

    /// The format `err` is rendered in for this request (see the
    /// [module docs](self#choosing-the-format)).
    #[must_use]
    pub fn choose<'s>(
        &'s self,
        err: &dyn ApiError,
        info: &RequestInfo,
    ) -> &'s (dyn Format + Send + Sync) {
        match &self.problem {
            Some(problem) if info.prefers_problem => &**problem,
            _ => err.declared_format().unwrap_or(&*self.format),
        }
    }

    /// Renders `err` for the request `info` describes: the chosen format, a context with
    /// the request's id, instance and locale, `Vary: Accept` when the service negotiates,
    /// and (with the `tracing` feature) one event when the status is a 5xx.
    #[must_use]
    pub fn render(&self, err: &dyn ApiError, info: &RequestInfo) -> Response<Vec<u8>> {
        let format = self.choose(err, info);
        let mut ctx = info.context();
        if let Some(localizer) = &self.localizer {
            ctx = ctx.localizer(&**localizer);
        }
        let mut res = crate::render::to_response(err, format, &ctx);
        if self.problem.is_some() {
            res.headers_mut()
                .append(VARY, HeaderValue::from_static("accept"));
        }
        #[cfg(feature = "tracing")]
        tracing::record(err, Some(&info.request_id));
        res
    }
}

/// Boxes the value of `#[api_error(format = ..)]`; a value that is no format is reported
/// on the expression. Used by the derive.
#[doc(hidden)]
pub fn __boxed_format<F: Format + Send + Sync + 'static>(
    format: F,
) -> Box<dyn Format + Send + Sync> {
    Box::new(format)
}

/// The headers [`Envelopes::request_info`] reads, over the `http` crate's map or a
/// framework's own (actix-web's uses `http` 0.2).
pub(crate) trait RequestHeaders {
    /// The first value of `name`, if it is text.
    fn first(&self, name: &HeaderName) -> Option<&str>;
    /// Whether any text value of `name` satisfies `pred`.
    fn any(&self, name: &HeaderName, pred: fn(&str) -> bool) -> bool;
    /// The first value of `name` as an `http` header value, when the map holds them
    /// (a clone: it shares the request's bytes).
    fn first_value(&self, name: &HeaderName) -> Option<HeaderValue> {
        let _ = name;
        None
    }
}

impl RequestHeaders for HeaderMap {
    fn first(&self, name: &HeaderName) -> Option<&str> {
        self.get(name).and_then(|v| v.to_str().ok())
    }

    fn any(&self, name: &HeaderName, pred: fn(&str) -> bool) -> bool {
        self.get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(pred)
    }

    fn first_value(&self, name: &HeaderName) -> Option<HeaderValue> {
        self.get(name).cloned()
    }
}

/// Whether a request id taken from a header may be used as is.
fn usable_request_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_HEADER_REQUEST_ID && id.bytes().all(|b| b.is_ascii_graphic())
}

/// What one request brings to the rendering of its errors. Build it with
/// [`Envelopes::request_info`].
#[derive(Debug, Clone)]
pub struct RequestInfo {
    request_id: String,
    /// The request's header value of `request_id`, when it came from an `http` header map
    /// (the same id: left out of comparisons).
    request_id_value: Option<HeaderValue>,
    generated: bool,
    instance: String,
    locale: Option<String>,
    prefers_problem: bool,
}

impl PartialEq for RequestInfo {
    fn eq(&self, other: &Self) -> bool {
        self.request_id == other.request_id
            && self.generated == other.generated
            && self.instance == other.instance
            && self.locale == other.locale
            && self.prefers_problem == other.prefers_problem
    }
}

impl Eq for RequestInfo {}

impl RequestInfo {
    /// Facts given by hand: a request id and an instance, nothing negotiated.
    #[must_use]
    pub fn new(request_id: impl Into<String>, instance: impl Into<String>) -> Self {
        Self {
            request_id: request_id.into(),
            request_id_value: None,
            generated: false,
            instance: instance.into(),
            locale: None,
            prefers_problem: false,
        }
    }

    /// The request id (from the request, or generated).
    #[must_use]
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// Whether the request id was generated because the request had none (or an unusable
    /// one).
    #[must_use]
    pub fn request_id_generated(&self) -> bool {
        self.generated
    }

    /// The request path, used as the problem `instance`.
    #[must_use]
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The first `Accept-Language` tag, if any.
    #[must_use]
    pub fn locale(&self) -> Option<&str> {
        self.locale.as_deref()
    }

    /// Whether the request's `Accept` prefers `application/problem+json`.
    #[must_use]
    pub fn prefers_problem(&self) -> bool {
        self.prefers_problem
    }

    /// Sets whether the request prefers a problem document.
    #[must_use]
    pub fn with_prefers_problem(mut self, prefers: bool) -> Self {
        self.prefers_problem = prefers;
        self
    }

    /// The same facts without an instance (for a response rendered outside any request).
    #[must_use]
    pub fn without_instance(mut self) -> Self {
        self.instance.clear();
        self
    }

    /// A [`Context`] borrowing these facts (request id, instance unless empty, locale).
    #[must_use]
    pub fn context(&self) -> Context<'_> {
        let mut ctx = match &self.request_id_value {
            Some(value) => Context::new().request_id_value(value),
            None => Context::new().request_id(&self.request_id),
        };
        if !self.instance.is_empty() {
            ctx = ctx.instance(&self.instance);
        }
        match &self.locale {
            Some(locale) => ctx.locale(locale),
            None => ctx,
        }
    }
}

/// Whether an `Accept` header value prefers `application/problem+json` over plain JSON:
/// it lists `application/problem+json` with a non-zero quality that is higher than that
/// of an explicit `application/json` (wildcards such as `*/*` do not count against it).
/// A tie keeps the service's own format.
///
/// ```
/// use api_envelope::integrations::accepts_problem;
///
/// assert!(accepts_problem("application/problem+json"));
/// assert!(accepts_problem("application/problem+json, */*;q=0.8"));
/// assert!(accepts_problem("application/json;q=0.5, application/problem+json"));
/// assert!(!accepts_problem("application/json, application/problem+json"));
/// assert!(!accepts_problem("application/problem+json;q=0"));
/// assert!(!accepts_problem("*/*"));
/// ```
#[must_use]
pub fn accepts_problem(accept: &str) -> bool {
    let mut problem: Option<f32> = None;
    let mut json: Option<f32> = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .or_else(|| p.trim().strip_prefix("Q="))
            })
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let slot = match media.as_str() {
            "application/problem+json" => &mut problem,
            "application/json" => &mut json,
            _ => continue,
        };
        *slot = Some(slot.map_or(q, |old| old.max(q)));
    }
    match (problem, json) {
        (Some(p), _) if p <= 0.0 => false,
        (Some(p), Some(j)) => p > j,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The full `Display` of an error followed by each of its sources, joined by `": "`:
/// what the logs get and the wire never shows.
///
/// ```
/// use api_envelope::integrations::SourceChain;
///
/// #[derive(Debug)]
/// struct Outer(std::io::Error);
/// impl std::fmt::Display for Outer {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("db query failed") }
/// }
/// impl std::error::Error for Outer {
///     fn source(&self) -> Option<&(dyn std::error::Error + 'static)> { Some(&self.0) }
/// }
/// let err = Outer(std::io::Error::other("connection refused"));
/// assert_eq!(SourceChain(&err).to_string(), "db query failed: connection refused");
/// ```
#[derive(Clone, Copy)]
pub struct SourceChain<'a>(pub &'a dyn std::error::Error);

impl fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)?;
        let mut next = self.0.source();
        while let Some(source) = next {
            write!(f, ": {source}")?;
            next = source.source();
        }
        Ok(())
    }
}

impl fmt::Debug for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

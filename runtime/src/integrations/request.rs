//! The facts of one request that its errors are rendered with: [`RequestInfo`].

use http::HeaderMap;
use http::header::{ACCEPT, ACCEPT_LANGUAGE, HeaderName, HeaderValue};

use super::envelopes::Envelopes;
use super::negotiate::{accepts_problem_lines, uri_reference};
use crate::context::{GeneratedRequestId, MAX_HEADER_REQUEST_ID};
use crate::{Context, RateLimit};

/// The headers [`RequestInfo`] reads, over the `http` crate's map or a framework's own
/// (actix-web's uses `http` 0.2).
pub(crate) trait RequestHeaders {
    /// The first value of `name`, if it is text.
    fn first(&self, name: &HeaderName) -> Option<&str>;
    /// Whether the `Accept` lines, read as one list, prefer a problem document.
    fn accepts_problem(&self) -> bool;
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

    fn accepts_problem(&self) -> bool {
        accepts_problem_lines(self.get_all(ACCEPT).iter().map(HeaderValue::as_bytes))
    }

    fn first_value(&self, name: &HeaderName) -> Option<HeaderValue> {
        self.get(name).cloned()
    }
}

/// Whether a request id taken from a header may be used (and echoed) as is: 1 to
/// [`MAX_HEADER_REQUEST_ID`] visible ASCII characters.
#[must_use]
pub fn usable_request_id(id: &[u8]) -> bool {
    // Without a branch per byte (the compiler vectorises the fold): ids are short, and
    // almost every one is usable, so stopping early saves nothing.
    !id.is_empty()
        && id.len() <= MAX_HEADER_REQUEST_ID
        && id
            .iter()
            .fold(true, |ok, &b| ok & (b.wrapping_sub(b'!') <= b'~' - b'!'))
}

/// A request id for a response header: the incoming one when usable, else a new one.
/// Returns the value and whether it was generated.
#[cfg(feature = "axum")]
pub(crate) fn request_id_value(incoming: Option<&HeaderValue>) -> (HeaderValue, bool) {
    match incoming {
        Some(v) if usable_request_id(v.as_bytes()) => (v.clone(), false),
        _ => (generated_value(), true),
    }
}

/// A fresh request id as a header value (one allocation).
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn generated_value() -> HeaderValue {
    let id = GeneratedRequestId::new();
    HeaderValue::from_str(id.as_str()).unwrap_or_else(|_| HeaderValue::from_static("req_"))
}

/// The facts of one request borrowed for one render: what [`RequestInfo`] owns, read
/// straight from what a layer captured (nothing copied, the instance encoded by the
/// render only).
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    /// The request id's text when there is no [`request_id_value`](Self::request_id_value)
    /// (read it with [`request_id`](Self::request_id)).
    pub(crate) request_id_text: &'a str,
    /// The request id as a header value, header-safe already (1 to 128 visible ASCII
    /// characters: a usable incoming id or a generated one), so a format's header repeats
    /// it with a clone and its text is read only when something shows it.
    pub(crate) request_id_value: Option<&'a HeaderValue>,
    /// Whether the id was generated.
    pub(crate) generated: bool,
    /// The request path (or an instance given by hand), not yet a URI reference.
    pub(crate) path: &'a str,
    /// The first `Accept-Language` tag.
    pub(crate) locale: Option<&'a str>,
    /// Whether `Accept` prefers a problem document.
    pub(crate) prefers_problem: bool,
    /// The caller's rate-limit figures.
    pub(crate) rate_limit: Option<RateLimit>,
}

impl<'a> View<'a> {
    /// The request id.
    pub(crate) fn request_id(&self) -> &'a str {
        match self.request_id_value {
            // Visible ASCII: its bytes are its text.
            Some(value) => std::str::from_utf8(value.as_bytes()).unwrap_or(""),
            None => self.request_id_text,
        }
    }

    /// A [`Context`] with these facts, the path as instance (unless empty).
    #[inline(always)]
    pub(crate) fn context(self) -> Context<'a> {
        let instance = self.path;
        let mut ctx = match self.request_id_value {
            Some(value) => Context::new().trusted_request_id_value(value),
            None => Context::new().request_id(self.request_id_text),
        };
        if !instance.is_empty() {
            ctx = ctx.instance(instance);
        }
        if let Some(rl) = self.rate_limit {
            ctx = ctx.rate_limit(rl.limit, rl.remaining, rl.reset);
        }
        match self.locale {
            Some(locale) => ctx.locale(locale),
            None => ctx,
        }
    }
}

/// What one request brings to the rendering of its errors. Build it with
/// [`Envelopes::request_info`]; the integrations build one only when a handler asks for
/// the [`RequestContext`](super::RequestContext) (their renders borrow the captured facts).
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
    rate_limit: Option<RateLimit>,
}

impl PartialEq for RequestInfo {
    fn eq(&self, other: &Self) -> bool {
        self.request_id == other.request_id
            && self.generated == other.generated
            && self.instance == other.instance
            && self.locale == other.locale
            && self.prefers_problem == other.prefers_problem
            && self.rate_limit == other.rate_limit
    }
}

impl Eq for RequestInfo {}

impl RequestInfo {
    /// Facts given by hand: a request id and an instance (made a valid URI reference),
    /// nothing negotiated.
    #[must_use]
    pub fn new(request_id: impl Into<String>, instance: impl Into<String>) -> Self {
        let instance: String = instance.into();
        Self {
            request_id: request_id.into(),
            request_id_value: None,
            generated: false,
            instance: uri_reference(&instance).into_owned(),
            locale: None,
            prefers_problem: false,
            rate_limit: None,
        }
    }

    /// The facts read from a request's path and headers.
    pub(crate) fn from_headers(
        envelopes: &Envelopes,
        path: &str,
        headers: &dyn RequestHeaders,
    ) -> Self {
        let name = envelopes.get_request_id_header();
        let header_id = headers
            .first(name)
            .filter(|id| usable_request_id(id.as_bytes()));
        let generated_id;
        let (request_id, request_id_value, generated) = match header_id {
            Some(id) => (id, headers.first_value(name), false),
            None => {
                generated_id = GeneratedRequestId::new();
                (generated_id.as_str(), None, true)
            }
        };
        let locale = headers
            .first(&ACCEPT_LANGUAGE)
            .and_then(|v| super::negotiate_language(v, envelopes.available_locales()));
        Self::from_view(&View {
            request_id_text: request_id,
            request_id_value: request_id_value.as_ref(),
            generated,
            path,
            locale,
            prefers_problem: headers.accepts_problem(),
            rate_limit: None,
        })
    }

    /// An owned copy of borrowed facts (the instance made a URI reference).
    pub(crate) fn from_view(view: &View<'_>) -> Self {
        Self {
            request_id: view.request_id().to_owned(),
            request_id_value: view.request_id_value.cloned(),
            generated: view.generated,
            instance: uri_reference(view.path).into_owned(),
            locale: view.locale.map(str::to_owned),
            prefers_problem: view.prefers_problem,
            rate_limit: view.rate_limit,
        }
    }

    /// These facts, borrowed for a render.
    pub(crate) fn view(&self) -> View<'_> {
        View {
            request_id_text: &self.request_id,
            request_id_value: self.request_id_value.as_ref(),
            generated: self.generated,
            path: &self.instance,
            locale: self.locale.as_deref(),
            prefers_problem: self.prefers_problem,
            rate_limit: self.rate_limit,
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

    /// The request path as a valid URI reference, used as the problem `instance`.
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

    /// The caller's rate-limit figures, when a rate limiter counted the request.
    #[must_use]
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// Sets whether the request prefers a problem document.
    #[must_use]
    pub fn with_prefers_problem(mut self, prefers: bool) -> Self {
        self.prefers_problem = prefers;
        self
    }

    /// Sets the caller's rate-limit figures.
    #[must_use]
    pub fn with_rate_limit(mut self, rate_limit: Option<RateLimit>) -> Self {
        self.rate_limit = rate_limit;
        self
    }

    /// The same facts without an instance (for a response rendered outside any request).
    #[must_use]
    pub fn without_instance(mut self) -> Self {
        self.instance.clear();
        self
    }

    /// A [`Context`] borrowing these facts (request id, instance unless empty, locale,
    /// rate-limit figures).
    #[must_use]
    pub fn context(&self) -> Context<'_> {
        self.view().context()
    }
}

//! Per-request facts a format may put in an envelope: request id, instance, rate-limit
//! figures, locale and a [`Localizer`].

use std::borrow::Cow;
use std::fmt;

use http::HeaderValue;

/// Per-request facts a [`Format`](crate::format::Format) may put in an envelope.
///
/// Built in builder style, borrowing everything: building one allocates nothing and it is
/// `Copy`, so a middleware can make one per request for free.
///
/// ```
/// use api_envelope::Context;
///
/// let ctx = Context::new()
///     .request_id("req_1")
///     .instance("/v1/rooms/1")
///     .rate_limit(100, 0, 1_700_000_000)
///     .locale("de");
/// assert_eq!(ctx.get_request_id(), Some("req_1"));
/// assert_eq!(ctx.get_instance(), Some("/v1/rooms/1"));
/// assert_eq!(ctx.get_rate_limit().map(|r| r.remaining), Some(0));
/// assert_eq!(ctx.get_locale(), Some("de"));
/// ```
///
/// # Request ids
///
/// An empty request id counts as none. The body of an envelope carries the id exactly as
/// given (JSON-escaped, so any text is safe there). A header (ScaiKey's `X-Request-ID`)
/// carries it sanitised by [`header_safe_request_id`]: every character that is not visible
/// ASCII (`!` to `~`, U+0021..=U+007E) is replaced by `_`, and the result is cut to its
/// first [`MAX_HEADER_REQUEST_ID`] bytes; rendering never panics and never produces an
/// invalid header. Formats whose envelope always carries an id (ScaiKey, ScaiGrid) get a
/// fresh `req_` + 16 hex digits id when the context has none (see
/// [`Format::requires_request_id`](crate::format::Format::requires_request_id)).
#[derive(Clone, Copy, Default)]
pub struct Context<'a> {
    request_id: Option<&'a str>,
    request_id_value: Option<&'a HeaderValue>,
    instance: Option<&'a str>,
    rate_limit: Option<RateLimit>,
    locale: Option<&'a str>,
    localizer: Option<&'a dyn Localizer>,
}

impl fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("request_id", &self.request_id)
            .field("request_id_value", &self.request_id_value)
            .field("instance", &self.instance)
            .field("rate_limit", &self.rate_limit)
            .field("locale", &self.locale)
            .field("localizer", &self.localizer.map(|_| ".."))
            .finish()
    }
}

/// `text` cut to at most `max` bytes on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    &text[..text.floor_char_boundary(max)]
}

/// The rate-limit figures of the caller, sent by ScaiKey as `X-RateLimit-Limit`,
/// `X-RateLimit-Remaining` and `X-RateLimit-Reset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Requests allowed in the window.
    pub limit: u64,
    /// Requests left in the window.
    pub remaining: u64,
    /// When the window resets, as the service counts it (sent as given; ScaiKey uses Unix
    /// seconds).
    pub reset: u64,
}

impl<'a> Context<'a> {
    /// An empty context: no request id, instance, rate limit, locale or localizer.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            request_id: None,
            request_id_value: None,
            instance: None,
            rate_limit: None,
            locale: None,
            localizer: None,
        }
    }

    /// The same context without its [`Localizer`] (what a render falls back to when the
    /// localizer panicked).
    #[must_use]
    pub const fn without_localizer(mut self) -> Self {
        self.localizer = None;
        self
    }

    /// Sets the request id (an empty one counts as none).
    #[must_use]
    pub const fn request_id(mut self, id: &'a str) -> Self {
        self.request_id = Some(id);
        self.request_id_value = None;
        self
    }

    /// Sets the request id from the header value the request carried it in (its
    /// `X-Request-ID`): the body carries its text, and a response header repeating the id
    /// (ScaiKey's `X-Request-ID`) is a clone of this value. Cloning a value parsed from a
    /// request shares its bytes, so that header costs no allocation.
    ///
    /// The value is reused as it is only when it is header-safe already (1 to
    /// [`MAX_HEADER_REQUEST_ID`] visible ASCII characters); any other text is used as
    /// [`request_id`](Self::request_id) would (sanitised for the header), and a value that
    /// is not text at all sets no request id.
    ///
    /// ```
    /// use api_envelope::Context;
    /// use api_envelope::http::HeaderValue;
    ///
    /// let incoming = HeaderValue::from_static("req_7");
    /// let ctx = Context::new().request_id_value(&incoming);
    /// assert_eq!(ctx.get_request_id(), Some("req_7"));
    /// assert_eq!(ctx.get_request_id_value(), Some(&incoming));
    /// ```
    #[must_use]
    pub fn request_id_value(mut self, value: &'a HeaderValue) -> Self {
        let id = value.to_str().ok();
        self.request_id = id;
        self.request_id_value = id
            .filter(|id| header_safe_request_id(id).as_str() == *id && !id.is_empty())
            .map(|_| value);
        self
    }

    /// [`request_id_value`](Self::request_id_value) for a value known to be header-safe
    /// already (a layer checked it when the request came in, or generated it): nothing is
    /// checked again.
    pub(crate) const fn trusted_request_id_value(mut self, value: &'a HeaderValue) -> Self {
        // The text is read from the value only when something asks for it (most bodies
        // carry no request id).
        self.request_id = None;
        self.request_id_value = Some(value);
        self
    }

    /// Sets the instance: the path of the request, e.g. `/v1/rooms/1` (Problem's `instance`).
    #[must_use]
    pub const fn instance(mut self, path: &'a str) -> Self {
        self.instance = Some(path);
        self
    }

    /// Sets the rate-limit figures (limit, remaining, reset).
    #[must_use]
    pub const fn rate_limit(mut self, limit: u64, remaining: u64, reset: u64) -> Self {
        self.rate_limit = Some(RateLimit {
            limit,
            remaining,
            reset,
        });
        self
    }

    /// Sets the locale of the caller, e.g. `de-CH`, passed to the [`Localizer`].
    #[must_use]
    pub const fn locale(mut self, locale: &'a str) -> Self {
        self.locale = Some(locale);
        self
    }

    /// Sets the localizer asked for a message in the context's locale.
    #[must_use]
    pub const fn localizer(mut self, localizer: &'a dyn Localizer) -> Self {
        self.localizer = Some(localizer);
        self
    }

    /// The request id, if set and not empty.
    #[must_use]
    pub fn get_request_id(&self) -> Option<&'a str> {
        match (self.request_id, self.request_id_value) {
            (Some(id), _) => Some(id),
            // A trusted value: visible ASCII, so its bytes are its text.
            (None, Some(value)) => std::str::from_utf8(value.as_bytes()).ok(),
            (None, None) => None,
        }
        .filter(|id| !id.is_empty())
        .map(|id| cut(id, crate::format::limits::MAX_REQUEST_ID_BYTES))
    }

    /// Whether a request id is set ([`get_request_id`](Self::get_request_id) is `Some`),
    /// without reading its text.
    pub(crate) fn has_request_id(&self) -> bool {
        match self.request_id {
            Some(id) => !id.is_empty(),
            // Trusted values are never empty.
            None => self.request_id_value.is_some_and(|v| !v.is_empty()),
        }
    }

    /// The header value the request id was set from
    /// ([`request_id_value`](Self::request_id_value)), when it can be sent back as it is.
    #[must_use]
    pub const fn get_request_id_value(&self) -> Option<&'a HeaderValue> {
        self.request_id_value
    }

    /// The instance (request path), if set.
    #[must_use]
    pub fn get_instance(&self) -> Option<&'a str> {
        self.instance
            .map(|path| cut(path, crate::format::limits::MAX_INSTANCE_BYTES))
    }

    /// The rate-limit figures, if set.
    #[must_use]
    pub const fn get_rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// The locale, if set.
    #[must_use]
    pub const fn get_locale(&self) -> Option<&'a str> {
        self.locale
    }

    /// The localizer, if set.
    #[must_use]
    pub const fn get_localizer(&self) -> Option<&'a dyn Localizer> {
        self.localizer
    }

    /// The localised message of `code`, when the context has a locale and a localizer
    /// and the localizer knows one.
    #[must_use]
    pub fn localize(&self, code: &str) -> Option<Cow<'a, str>> {
        let localizer = self.localizer?;
        localizer.localize(code, self.locale?)
    }

    /// The localised message of `err` ([`Localizer::localize_error`]), when the context
    /// has a locale and a localizer and the localizer knows one.
    #[must_use]
    pub fn localize_error(&self, err: &dyn crate::ApiError) -> Option<Cow<'a, str>> {
        let localizer = self.localizer?;
        localizer.localize_error(err, self.locale?)
    }
}

/// Replaces the message of an error by code and locale (seed 000: "`message` is
/// human-readable and may be localised").
///
/// Asked only when the [`Context`] has both a locale and a localizer. A localised text
/// replaces the whole message, on any status: on a 5xx it is shown instead of the public
/// message, so it must be as safe to show as that one.
///
/// Implemented for closures `Fn(&str, &str) -> Option<Cow<'static, str>>`:
///
/// ```
/// use api_envelope::{Context, Localizer};
/// use std::borrow::Cow;
///
/// let german = |code: &str, locale: &str| -> Option<Cow<'static, str>> {
///     match (code, locale) {
///         ("SW_ROOM_FROZEN", "de") => Some("Der Raum ist geschlossen.".into()),
///         _ => None,
///     }
/// };
/// let ctx = Context::new().locale("de").localizer(&german);
/// assert_eq!(ctx.localize("SW_ROOM_FROZEN").as_deref(), Some("Der Raum ist geschlossen."));
/// assert_eq!(ctx.localize("SW_NOT_FOUND"), None);
/// ```
pub trait Localizer {
    /// The message of `code` in `locale`, or `None` to keep the error's own message.
    fn localize(&self, code: &str, locale: &str) -> Option<Cow<'_, str>>;

    /// The message of `err` in `locale`, or `None` to keep its own message: what the
    /// renderers ask. A localizer that fills in the error's fields
    /// ([`ApiError::visit_message_args`](crate::ApiError::visit_message_args)) overrides
    /// it; by default it is [`localize`](Self::localize) of the code.
    fn localize_error(&self, err: &dyn crate::ApiError, locale: &str) -> Option<Cow<'_, str>> {
        self.localize(err.code(), locale)
    }

    /// The locales it has messages for, best first, when it knows them: a request's
    /// `Accept-Language` is matched against them (RFC 4647 lookup). `None`: the request's
    /// first language tag is asked as it is.
    fn locales(&self) -> Option<&[String]> {
        None
    }
}

impl<F> Localizer for F
where
    F: Fn(&str, &str) -> Option<Cow<'static, str>>,
{
    fn localize(&self, code: &str, locale: &str) -> Option<Cow<'_, str>> {
        self(code, locale)
    }
}

/// The most bytes of a request id sent in a header.
pub const MAX_HEADER_REQUEST_ID: usize = 128;

/// A request id made fit for a header, held inline (no allocation).
///
/// See [`header_safe_request_id`].
#[derive(Clone, Copy)]
pub struct HeaderRequestId {
    buf: [u8; MAX_HEADER_REQUEST_ID],
    len: usize,
}

impl HeaderRequestId {
    /// The sanitised id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever written.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("_")
    }
}

impl fmt::Debug for HeaderRequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Makes a request id safe for a header value: every character that is not visible ASCII
/// (U+0021..=U+007E: control characters, space, DEL and any non-ASCII character) becomes
/// one `_`, and the result is cut to its first [`MAX_HEADER_REQUEST_ID`] bytes.
///
/// ```
/// use api_envelope::context::header_safe_request_id;
///
/// assert_eq!(header_safe_request_id("req_abc").as_str(), "req_abc");
/// assert_eq!(header_safe_request_id("req\r\nX-Evil: 1").as_str(), "req__X-Evil:_1");
/// assert_eq!(header_safe_request_id("réq").as_str(), "r_q");
/// assert_eq!(header_safe_request_id(&"a".repeat(1000)).as_str().len(), 128);
/// ```
#[must_use]
pub fn header_safe_request_id(id: &str) -> HeaderRequestId {
    let mut out = HeaderRequestId {
        buf: [0; MAX_HEADER_REQUEST_ID],
        len: 0,
    };
    for c in id.chars().take(MAX_HEADER_REQUEST_ID) {
        out.buf[out.len] = if ('!'..='~').contains(&c) {
            c as u8
        } else {
            b'_'
        };
        out.len += 1;
    }
    out
}

/// A freshly generated request id, `req_` followed by 16 lower-case hex digits, held
/// inline (no allocation).
///
/// Unique within a process (a counter) and unpredictable across processes (mixed with the
/// time and std's randomly seeded hasher); std only.
#[derive(Clone, Copy)]
pub struct GeneratedRequestId([u8; 20]);

impl GeneratedRequestId {
    /// Generates a new id.
    ///
    /// ```
    /// let id = api_envelope::context::GeneratedRequestId::new();
    /// assert!(id.as_str().starts_with("req_"));
    /// assert_eq!(id.as_str().len(), 20);
    /// assert_ne!(id.as_str(), api_envelope::context::GeneratedRequestId::new().as_str());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        use std::hash::{BuildHasher, Hasher};
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);

        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut hasher = std::hash::RandomState::new().build_hasher();
        hasher.write_u64(n);
        hasher.write_u128(nanos);
        let mut x = hasher.finish();

        let mut buf = *b"req_0000000000000000";
        for slot in buf[4..].iter_mut().rev() {
            *slot = b"0123456789abcdef"[usize::try_from(x & 0xf).unwrap_or(0)];
            x >>= 4;
        }
        Self(buf)
    }

    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("req_")
    }
}

impl Default for GeneratedRequestId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for GeneratedRequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

//! The framework's own failures (no route, wrong method, a rejected body or parameter, a
//! body over the limit, a timeout, a panic, a rate limit) in the product's envelope, with
//! the product's own codes.
//!
//! Which code stands for which [`Failure`] is data declared with the product
//! ([`Failures`], given to [`Envelopes::failures`](super::Envelopes::failures)), so a
//! sixth product configures its own. A failure the product declares no code for gets one
//! from its [`Fallback`] rule (Sonny Labs' page: `http.<status>`); without a rule, the
//! status's reason phrase in `SCREAMING_SNAKE` (`METHOD_NOT_ALLOWED`).
//!
//! ```
//! use api_envelope::format::ScaiWave;
//! use api_envelope::integrations::{Envelopes, Failure, Failures, Fallback, Rejection, RequestInfo};
//! use api_envelope::{CatalogEntry, Convention};
//! use api_envelope::http::StatusCode;
//!
//! static NOT_FOUND: CatalogEntry =
//!     CatalogEntry::new("SW_NOT_FOUND", &[StatusCode::NOT_FOUND], None, "Generic.", "NotFound");
//!
//! let envelopes = Envelopes::new(ScaiWave).failures(
//!     Failures::new()
//!         .code(Failure::NoRoute, &NOT_FOUND)
//!         .fallback(Fallback::reason_phrase("SW_", Convention::ScreamingSnake)),
//! );
//! let info = RequestInfo::new("req_1", "/nope");
//! let res = envelopes.render_failure(&Rejection::new(Failure::NoRoute), &info);
//! assert_eq!(res.status(), 404);
//! assert_eq!(res.body().as_slice(), br#"{"error":{"code":"SW_NOT_FOUND","message":"Not Found"}}"#);
//!
//! let res = envelopes.render_failure(&Rejection::new(Failure::MethodNotAllowed), &info);
//! assert_eq!(res.status(), 405);
//! assert_eq!(
//!     res.body().as_slice(),
//!     br#"{"error":{"code":"SW_METHOD_NOT_ALLOWED","message":"Method Not Allowed"}}"#
//! );
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use http::StatusCode;

use crate::catalog::{Catalog, CatalogEntry, Convention};
use crate::{ApiError, Violation};

/// A failure the framework produces before, around or instead of a handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Failure {
    /// The path matched no route (404).
    NoRoute,
    /// The path matched, the method did not (405, with `Allow`).
    MethodNotAllowed,
    /// A request the framework refused without saying more (400).
    BadRequest,
    /// The body could not be parsed at all: not JSON, not a form (400).
    BodyUnparseable,
    /// The body parsed but does not have the expected shape: a field missing or of the
    /// wrong type (422).
    BodyInvalid,
    /// The body's `Content-Type` is not one the endpoint reads (415).
    UnsupportedMediaType,
    /// A path or query parameter could not be converted to its type (400).
    ParameterInvalid,
    /// A required path or query parameter is missing (400).
    ParameterMissing,
    /// Every path or query parameter converted, and one breaks a constraint its type
    /// declares (`validator`: a range, a length; 400). A product that declares no code
    /// for it answers as for [`ParameterInvalid`](Self::ParameterInvalid).
    ParameterConstraint,
    /// The body is larger than the configured limit (413).
    PayloadTooLarge,
    /// The handler did not answer in the configured time (504).
    Timeout,
    /// The caller exhausted its rate limit (429, with `Retry-After`).
    RateLimited,
    /// The framework failed on its own (500).
    Internal,
    /// The handler panicked (500). The panic's payload never reaches the wire.
    Panic,
    /// Any other error status the framework answered with.
    Status(StatusCode),
}

impl Failure {
    /// Every kind but [`Status`](Self::Status), in declaration order.
    pub const KINDS: [Self; 14] = [
        Self::NoRoute,
        Self::MethodNotAllowed,
        Self::BadRequest,
        Self::BodyUnparseable,
        Self::BodyInvalid,
        Self::UnsupportedMediaType,
        Self::ParameterInvalid,
        Self::ParameterMissing,
        Self::ParameterConstraint,
        Self::PayloadTooLarge,
        Self::Timeout,
        Self::RateLimited,
        Self::Internal,
        Self::Panic,
    ];

    /// The status the failure has unless the product declares another.
    #[must_use]
    pub const fn default_status(self) -> StatusCode {
        match self {
            Self::NoRoute => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::BadRequest
            | Self::BodyUnparseable
            | Self::ParameterInvalid
            | Self::ParameterMissing
            | Self::ParameterConstraint => StatusCode::BAD_REQUEST,
            Self::BodyInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Timeout => StatusCode::GATEWAY_TIMEOUT,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal | Self::Panic => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Status(status) => status,
        }
    }

    /// The failure a framework's bare error response of `status` stands for (an empty
    /// 404 from the router, a 405, a text/plain 413, ...).
    #[must_use]
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => Self::BadRequest,
            404 => Self::NoRoute,
            405 => Self::MethodNotAllowed,
            408 | 504 => Self::Timeout,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::BodyInvalid,
            429 => Self::RateLimited,
            500 => Self::Internal,
            _ => Self::Status(status),
        }
    }

    /// The message shown when the product declares none: FastAPI's and Starlette's texts
    /// for what they produce (`Not Found`, `Method Not Allowed`, `Internal Server Error`),
    /// the status's reason phrase otherwise.
    #[must_use]
    pub fn default_message(self, status: StatusCode) -> &'static str {
        match self {
            Self::BodyUnparseable => "The request body could not be parsed",
            Self::BodyInvalid => "The request body is invalid",
            Self::ParameterInvalid | Self::ParameterConstraint => "A request parameter is invalid",
            Self::ParameterMissing => "A required request parameter is missing",
            Self::PayloadTooLarge => "The request body is too large",
            Self::Timeout => "The request took too long",
            Self::RateLimited => "Too many requests",
            _ => status.canonical_reason().unwrap_or("Error"),
        }
    }

    const fn index(self) -> Option<usize> {
        Some(match self {
            Self::NoRoute => 0,
            Self::MethodNotAllowed => 1,
            Self::BadRequest => 2,
            Self::BodyUnparseable => 3,
            Self::BodyInvalid => 4,
            Self::UnsupportedMediaType => 5,
            Self::ParameterInvalid => 6,
            Self::ParameterMissing => 7,
            Self::ParameterConstraint => 8,
            Self::PayloadTooLarge => 9,
            Self::Timeout => 10,
            Self::RateLimited => 11,
            Self::Internal => 12,
            Self::Panic => 13,
            Self::Status(_) => return None,
        })
    }
}

/// The code, status and message a product gives one [`Failure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCode {
    /// The catalogue row: the code (and for RFC 9457, the title).
    pub entry: &'static CatalogEntry,
    /// The status sent.
    pub status: StatusCode,
    /// The message, when the failure's default one does not suit the product.
    pub message: Option<&'static str>,
}

/// How a product names a failure it declares no code for, from its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fallback {
    /// `<namespace>.<status>`: Sonny Labs' `http.*` rule ("fallback synthesised when a
    /// controller throws `ResponseStatusException` without a typed code"), e.g. `http.405`.
    DottedStatus(&'static str),
    /// The status's reason phrase in `convention` after `prefix`: `SW_METHOD_NOT_ALLOWED`,
    /// `method_not_allowed`, `http.method-not-allowed` ([`Convention::Dotted`] joins
    /// words with `-` under the prefix). [`Convention::Any`] reads as `SCREAMING_SNAKE`.
    ReasonPhrase {
        /// Put before the phrase (the product's prefix).
        prefix: &'static str,
        /// The product's code convention.
        convention: Convention,
    },
}

impl Fallback {
    /// [`Fallback::ReasonPhrase`].
    #[must_use]
    pub const fn reason_phrase(prefix: &'static str, convention: Convention) -> Self {
        Self::ReasonPhrase { prefix, convention }
    }

    /// The code for `status`.
    #[must_use]
    pub fn code(self, status: StatusCode) -> String {
        match self {
            Self::DottedStatus(ns) => format!("{ns}.{}", status.as_u16()),
            Self::ReasonPhrase { prefix, convention } => {
                let reason = status.canonical_reason().unwrap_or("Error");
                let (sep, upper) = match convention {
                    Convention::SnakeCase => ('_', false),
                    Convention::Dotted => ('-', false),
                    Convention::ScreamingSnake | Convention::Any => ('_', true),
                };
                let mut out = String::from(prefix);
                let mut pending_sep = false;
                for c in reason.chars() {
                    if c.is_ascii_alphanumeric() {
                        if pending_sep && !out.is_empty() && !out.ends_with(['_', '.', '-']) {
                            out.push(sep);
                        }
                        pending_sep = false;
                        out.push(if upper {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        });
                    } else {
                        pending_sep = true;
                    }
                }
                out
            }
        }
    }

    /// The catalogue row for `status`: made once per rule and status for the whole
    /// process (the rows are `'static`; at most one per status and rule is ever made).
    #[must_use]
    pub fn entry(self, status: StatusCode) -> &'static CatalogEntry {
        static MADE: OnceLock<Mutex<HashMap<(Fallback, u16), &'static CatalogEntry>>> =
            OnceLock::new();
        let made = MADE.get_or_init(Mutex::default);
        let mut made = made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        made.entry((self, status.as_u16())).or_insert_with(|| {
            let code: &'static str = Box::leak(wire_safe(self.code(status)).into_boxed_str());
            let statuses: &'static [StatusCode] = Box::leak(Box::new([status]));
            Box::leak(Box::new(CatalogEntry::new(
                code,
                statuses,
                None,
                status.canonical_reason().unwrap_or(""),
                "Fallback",
            )))
        })
    }
}

/// Keeps only the characters a code may have on the wire (printable ASCII without `"`
/// or `\`), so a prefix cannot break a body.
fn wire_safe(code: String) -> String {
    if code
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
        && !code.is_empty()
    {
        code
    } else {
        let kept: String = code
            .chars()
            .filter(|c| (' '..='~').contains(c) && *c != '"' && *c != '\\')
            .collect();
        if kept.is_empty() {
            "error".to_owned()
        } else {
            kept
        }
    }
}

/// What a product answers for each [`Failure`]: declared codes, per status codes, and a
/// [`Fallback`] for the rest.
///
/// Resolution for a failure: the code declared for it ([`Failure::ParameterConstraint`]
/// without one resolves as [`Failure::ParameterInvalid`]); else the code declared for its
/// status ([`status`](Self::status)); else the fallback rule's code for its status (its
/// default status, or the one declared with [`code_with_status`](Self::code_with_status)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failures {
    kinds: [Option<FailureCode>; Failure::KINDS.len()],
    statuses: Vec<FailureCode>,
    fallback: Fallback,
}

impl Default for Failures {
    fn default() -> Self {
        Self::new()
    }
}

impl Failures {
    /// No codes declared; the fallback is the reason phrase in `SCREAMING_SNAKE`.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            kinds: [None; Failure::KINDS.len()],
            statuses: Vec::new(),
            fallback: Fallback::reason_phrase("", Convention::ScreamingSnake),
        }
    }

    /// `failure` answers with `entry`'s code, at the entry's default status.
    #[must_use]
    pub fn code(self, failure: Failure, entry: &'static CatalogEntry) -> Self {
        let status = entry.status();
        self.declare(failure, entry, status, None)
    }

    /// `failure` answers with `entry`'s code at `status` (one of the entry's documented
    /// statuses, or any error status for a [`Fallback`]-made entry).
    #[must_use]
    pub fn code_with_status(
        self,
        failure: Failure,
        entry: &'static CatalogEntry,
        status: StatusCode,
    ) -> Self {
        self.declare(failure, entry, status, None)
    }

    /// `failure` answers with `entry`'s code and `message` instead of the default one.
    ///
    /// On a 5xx entry the message is the error's own (internal) text, as for any 5xx:
    /// it reaches the log (`tracing`), while the wire shows the entry's public text
    /// (`public`, else its meaning), never a text the service did not mark public.
    #[must_use]
    pub fn code_with_message(
        self,
        failure: Failure,
        entry: &'static CatalogEntry,
        message: &'static str,
    ) -> Self {
        let status = entry.status();
        self.declare(failure, entry, status, Some(message))
    }

    /// Every failure of `status` without a code of its own answers with `entry`'s code.
    #[must_use]
    pub fn status(mut self, entry: &'static CatalogEntry) -> Self {
        let code = FailureCode {
            entry,
            status: entry.status(),
            message: None,
        };
        self.statuses.retain(|c| c.status != code.status);
        self.statuses.push(code);
        self
    }

    /// The rule naming failures without a declared code.
    #[must_use]
    pub const fn fallback(mut self, fallback: Fallback) -> Self {
        self.fallback = fallback;
        self
    }

    fn declare(
        mut self,
        failure: Failure,
        entry: &'static CatalogEntry,
        status: StatusCode,
        message: Option<&'static str>,
    ) -> Self {
        let code = FailureCode {
            entry,
            status,
            message,
        };
        match failure.index() {
            Some(i) => self.kinds[i] = Some(code),
            None => {
                self.statuses.retain(|c| c.status != status);
                self.statuses.push(code);
            }
        }
        self
    }

    /// The code, status and message `failure` answers with.
    ///
    /// ```
    /// use api_envelope::CatalogEntry;
    /// use api_envelope::http::StatusCode;
    /// use api_envelope::integrations::{Failure, Failures};
    ///
    /// static MISMATCH: CatalogEntry =
    ///     CatalogEntry::new("param.mismatch", &[StatusCode::BAD_REQUEST], None, "Bad type.", "Mismatch");
    /// static RULE: CatalogEntry =
    ///     CatalogEntry::new("param.rule", &[StatusCode::BAD_REQUEST], None, "Broken rule.", "Rule");
    /// let failures = Failures::new().code(Failure::ParameterInvalid, &MISMATCH);
    /// // Undeclared, a broken constraint answers as a parameter that does not convert...
    /// assert_eq!(failures.resolve(Failure::ParameterConstraint).entry.code, "param.mismatch");
    /// // ...and declared, with its own code.
    /// let failures = failures.code(Failure::ParameterConstraint, &RULE);
    /// assert_eq!(failures.resolve(Failure::ParameterConstraint).entry.code, "param.rule");
    /// assert_eq!(failures.resolve(Failure::ParameterInvalid).entry.code, "param.mismatch");
    /// ```
    #[must_use]
    pub fn resolve(&self, failure: Failure) -> FailureCode {
        if let Some(code) = failure.index().and_then(|i| self.kinds[i]) {
            return code;
        }
        if failure == Failure::ParameterConstraint {
            return self.resolve(Failure::ParameterInvalid);
        }
        let status = failure.default_status();
        if let Some(code) = self.statuses.iter().find(|c| c.status == status) {
            return *code;
        }
        FailureCode {
            entry: self.fallback.entry(status),
            status,
            message: None,
        }
    }
}

/// A framework failure to answer: its kind, plus what the framework knows about it (the
/// failing fields, when to retry, the methods allowed). Rendered with the product's
/// [`Failures`] by [`Envelopes::render_failure`](super::Envelopes::render_failure), and
/// by the integrations' extractors and layers.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    failure: Failure,
    violations: Vec<Violation>,
    retry_after: Option<Duration>,
    message: Option<Cow<'static, str>>,
}

impl Rejection {
    /// A failure with nothing more to say.
    #[must_use]
    pub const fn new(failure: Failure) -> Self {
        Self {
            failure,
            violations: Vec::new(),
            retry_after: None,
            message: None,
        }
    }

    /// The failing fields (an extractor's findings).
    #[must_use]
    pub fn violations(mut self, violations: Vec<Violation>) -> Self {
        self.violations = violations;
        self
    }

    /// When the client may retry (a rate limiter's wait, a `Retry-After`).
    #[must_use]
    pub const fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = Some(wait);
        self
    }

    /// A message of this occurrence in place of the product's (shown on a 4xx only; a 5xx
    /// shows its public text).
    #[must_use]
    pub fn message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// The failure.
    #[must_use]
    pub const fn failure(&self) -> Failure {
        self.failure
    }

    /// The failing fields.
    #[must_use]
    pub fn get_violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The failing fields, owned: for a handler that answers a rejection with an error
    /// of its own (`Result<Valid<Query<T>>, Rejection>` as the extractor).
    #[must_use]
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// This rejection as the product's error.
    #[must_use]
    pub fn resolve<'a>(&'a self, failures: &Failures) -> FrameworkError<'a> {
        FrameworkError {
            rejection: self,
            code: failures.resolve(self.failure),
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(message) => f.write_str(message),
            None => f.write_str(self.failure.default_message(self.failure.default_status())),
        }
    }
}

impl std::error::Error for Rejection {}

/// A [`Rejection`] with the product's code: an [`ApiError`] every format renders.
#[derive(Debug, Clone, Copy)]
pub struct FrameworkError<'a> {
    rejection: &'a Rejection,
    code: FailureCode,
}

impl FrameworkError<'_> {
    /// The failure.
    #[must_use]
    pub const fn failure(&self) -> Failure {
        self.rejection.failure
    }
}

impl fmt::Display for FrameworkError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(message) = &self.rejection.message {
            return f.write_str(message);
        }
        f.write_str(
            self.code
                .message
                .unwrap_or_else(|| self.rejection.failure.default_message(self.code.status)),
        )
    }
}

impl std::error::Error for FrameworkError<'_> {}

/// The catalogue of [`FrameworkError`] as a type: empty (each value names its product's
/// entry).
static FRAMEWORK_CATALOG: Catalog = Catalog::new("FrameworkError", Convention::Any, "", &[]);

impl ApiError for FrameworkError<'_> {
    fn code(&self) -> &'static str {
        self.code.entry.code
    }

    fn status(&self) -> StatusCode {
        self.code.status
    }

    fn entry(&self) -> &'static CatalogEntry {
        self.code.entry
    }

    fn retry_after(&self) -> Option<Duration> {
        self.rejection.retry_after
    }

    fn violations(&self) -> &[Violation] {
        &self.rejection.violations
    }

    fn catalog() -> &'static Catalog {
        &FRAMEWORK_CATALOG
    }
}

//! Seed 004's SDK exception dispatch.

use std::fmt;

use http::StatusCode;

/// The exception class seed 004's Python and TypeScript SDKs raise for an error.
///
/// They "dispatch on code first, then fall back to HTTP status":
///
/// | code namespace / status | class |
/// |---|---|
/// | `auth.*` | `AuthenticationError` |
/// | `validation.*` | `ValidationError` |
/// | `idempotency.*` | `IdempotencyConflictError` |
/// | 403 (any) | `ScopeMissingError` |
/// | 404 (any) | `NotFoundError` |
/// | 429 (any) | `RateLimitError` |
/// | 5xx (any) | `ServerError` |
///
/// Anything else is [`Other`](Self::Other). The namespace is the code up to its first
/// `.`, so it wins over the status: `auth.scope.missing` (403) is an
/// `AuthenticationError`, while `http.403` and `invites.email_mismatch` (403) are
/// `ScopeMissingError`s.
///
/// ```
/// use api_envelope::client::SdkErrorClass;
/// use api_envelope::http::StatusCode;
///
/// let class = |code, status| SdkErrorClass::classify(code, StatusCode::from_u16(status).unwrap());
/// assert_eq!(class(Some("auth.token.invalid"), 401), SdkErrorClass::Authentication);
/// assert_eq!(class(Some("validation.error"), 400), SdkErrorClass::Validation);
/// assert_eq!(class(Some("http.403"), 403), SdkErrorClass::ScopeMissing);
/// assert_eq!(class(Some("upstream.unavailable"), 503), SdkErrorClass::Server);
/// assert_eq!(class(None, 404), SdkErrorClass::NotFound);
/// assert_eq!(class(Some("invites.already_member"), 409), SdkErrorClass::Other);
/// assert_eq!(SdkErrorClass::RateLimit.sdk_name(), "RateLimitError");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SdkErrorClass {
    /// `auth.*`: credential rejected, scope missing, session expired.
    Authentication,
    /// `validation.*`: request body or parameter failed validation.
    Validation,
    /// `idempotency.*`: `Idempotency-Key` collision.
    IdempotencyConflict,
    /// Any other 403.
    ScopeMissing,
    /// Any other 404.
    NotFound,
    /// Any other 429.
    RateLimit,
    /// Any other 5xx.
    Server,
    /// None of the above: the SDKs' base API error.
    Other,
}

impl SdkErrorClass {
    /// Every class, in dispatch order.
    pub const ALL: [Self; 8] = [
        Self::Authentication,
        Self::Validation,
        Self::IdempotencyConflict,
        Self::ScopeMissing,
        Self::NotFound,
        Self::RateLimit,
        Self::Server,
        Self::Other,
    ];

    /// Classifies a code (if any) and status: namespace first, then status.
    #[must_use]
    pub fn classify(code: Option<&str>, status: StatusCode) -> Self {
        if let Some(class) = code.and_then(Self::from_namespace) {
            return class;
        }
        match status.as_u16() {
            403 => Self::ScopeMissing,
            404 => Self::NotFound,
            429 => Self::RateLimit,
            500..=599 => Self::Server,
            _ => Self::Other,
        }
    }

    /// The class a code's namespace alone decides, if it does.
    #[must_use]
    pub fn from_namespace(code: &str) -> Option<Self> {
        let (namespace, rest) = code.split_once('.')?;
        if rest.is_empty() {
            return None;
        }
        match namespace {
            "auth" => Some(Self::Authentication),
            "validation" => Some(Self::Validation),
            "idempotency" => Some(Self::IdempotencyConflict),
            _ => None,
        }
    }

    /// The exception class name in the Python and TypeScript SDKs.
    #[must_use]
    pub const fn sdk_name(self) -> &'static str {
        match self {
            Self::Authentication => "AuthenticationError",
            Self::Validation => "ValidationError",
            Self::IdempotencyConflict => "IdempotencyConflictError",
            Self::ScopeMissing => "ScopeMissingError",
            Self::NotFound => "NotFoundError",
            Self::RateLimit => "RateLimitError",
            Self::Server => "ServerError",
            Self::Other => "APIError",
        }
    }

    /// Whether an SDK may retry the request as is (rate limits and server errors).
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        matches!(self, Self::RateLimit | Self::Server)
    }
}

impl fmt::Display for SdkErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sdk_name())
    }
}

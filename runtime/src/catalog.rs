//! The static catalogue of an error type: one [`CatalogEntry`] per code.
//!
//! `#[derive(ApiError)]` builds the catalogue at compile time from the variants'
//! attributes and doc comments, so it can be read without a value:
//! [`ApiError::catalog`](crate::ApiError::catalog) or
//! [`Catalogued::CATALOG`].

use http::StatusCode;

use crate::compile_time::{Msg, str_eq};

pub mod export;
pub mod lock;

#[doc(inline)]
pub use crate::assert_locked;

/// How the codes of one error type are spelled.
///
/// Chosen on the enum with `#[api_error(convention = "...")]` and checked at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Convention {
    /// No convention declared: any non-empty code without whitespace.
    Any,
    /// `UPPER_SNAKE_CASE`: segments of `[A-Z0-9]` joined by single `_` (ScaiWave, ScaiGrid).
    ScreamingSnake,
    /// `lower_snake_case`: segments of `[a-z0-9]` joined by single `_` (ScaiKey).
    SnakeCase,
    /// Dot-namespaced: segments of `[a-z0-9_-]` joined by `.` (Sonny Labs:
    /// `auth.token.invalid`, `service.not-ready`, `http.403`).
    Dotted,
}

impl Convention {
    /// The name used in `#[api_error(convention = "...")]`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::ScreamingSnake => "SCREAMING_SNAKE",
            Self::SnakeCase => "snake_case",
            Self::Dotted => "dotted",
        }
    }
}

/// One row of a catalogue: everything a reference page says about one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogEntry {
    /// The stable, machine-readable code, e.g. `SW_ROOM_FROZEN`: printable ASCII without
    /// `"` or `\`, as [`new`](Self::new) checks. The formats write it into bodies without
    /// escaping, so an entry must not be given another code after `new`.
    pub code: &'static str,
    /// Every HTTP status the code is documented with; the first is the default.
    /// Never empty.
    pub statuses: &'static [StatusCode],
    /// The family (reference-page section) the code belongs to, if declared.
    pub family: Option<&'static str>,
    /// The catalogue meaning: the variant's doc comment (may be empty).
    pub meaning: &'static str,
    /// The Rust name of the variant (or of the struct).
    pub variant: &'static str,
    /// A text declared safe to show in place of the internal message on a 5xx
    /// (`#[code(..., public = "...")]`).
    pub public: Option<&'static str>,
    /// Whether the variant opted in to showing its own message even on a 5xx
    /// (`#[code(..., expose)]`).
    pub expose: bool,
    /// Whether retrying the same request can succeed: declared with
    /// `#[code(.., retry = "never" | "after" | "safe")]` (or for the whole type with
    /// `#[api_error(retry = "..")]`), else [`Retry::for_status`] of the default status.
    pub retry: Retry,
    /// The gRPC status code declared with `#[code(.., grpc = "ALREADY_EXISTS")]`; `None`
    /// for the one its HTTP status maps to ([`GrpcCode::for_status`], see
    /// [`grpc`](Self::grpc)).
    pub grpc: Option<GrpcCode>,
    /// The code that replaces this one, when it is deprecated
    /// (`#[code("OLD", .., deprecated = "NEW")]`): it still answers with this code, and
    /// pages, OpenAPI, the lock file and the client
    /// ([`RemoteError::upgraded`](crate::client::RemoteError::upgraded)) name the
    /// replacement.
    pub deprecated: Option<&'static str>,
    /// The id of its message in a translation, declared with
    /// `#[code(.., message_id = "..")]`; `None` for the one derived from the code
    /// ([`localize::message_id`](crate::localize::message_id)).
    pub message_id: Option<&'static str>,
    /// The names of the values a translation of its message may use
    /// ([`ApiError::visit_message_args`](crate::ApiError::visit_message_args)): the
    /// fields the message interpolates, then the `#[detail]` fields.
    pub message_args: &'static [&'static str],
    /// The names the default message interpolates (a translation that leaves one out
    /// says less than the default; the coverage check reports it).
    pub message_uses: &'static [&'static str],
    /// What [`new`](Self::new) found the texts need, for the formats to copy them without
    /// a second look.
    pub(crate) checked: Checked,
}

/// The texts of an entry found, when it was built, to need no escaping: the very strings
/// (a format compares the entry's current field with them by address, so a field changed
/// after [`CatalogEntry::new`] is looked at again). Not part of the entry's value: equal
/// and invisible in `Debug`.
#[derive(Clone, Copy)]
pub(crate) struct Checked {
    /// The meaning, when it can go into a JSON string as it is.
    pub(crate) plain_meaning: Option<&'static str>,
    /// The code, when it is one URI path segment as it is (Problem's `type`).
    pub(crate) segment_code: Option<&'static str>,
}

impl Checked {
    const fn of(code: &'static str, meaning: &'static str) -> Self {
        Self {
            plain_meaning: if crate::format::escape::plain(meaning) {
                Some(meaning)
            } else {
                None
            },
            segment_code: if is_segment(code) { Some(code) } else { None },
        }
    }
}

impl std::fmt::Debug for Checked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
}

impl PartialEq for Checked {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Checked {}

impl CatalogEntry {
    /// The meaning when it needs no JSON escaping, as [`new`](Self::new) found it.
    #[inline]
    pub(crate) fn plain_meaning(&self) -> Option<&'static str> {
        self.checked
            .plain_meaning
            .filter(|m| std::ptr::eq(*m, self.meaning))
    }

    /// The code when it is one URI path segment as it is, as [`new`](Self::new) found it.
    #[inline]
    pub(crate) fn segment_code(&self) -> Option<&'static str> {
        self.checked
            .segment_code
            .filter(|c| std::ptr::eq(*c, self.code))
    }
}

const fn is_segment(code: &str) -> bool {
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !crate::integrations::negotiate::is_segment_char(bytes[i]) {
            return false;
        }
        i += 1;
    }
    true
}

impl CatalogEntry {
    /// Builds an entry; used by the derive, and by hand-written [`ApiError`](crate::ApiError) impls.
    ///
    /// The code must be printable ASCII (`' '` to `'~'`) without `"` or `\`: the formats
    /// write it into the body as it is, without escaping. The derive's conventions only
    /// accept such codes; a hand-written entry is checked here.
    ///
    /// # Panics
    /// When `statuses` is empty or `code` holds another character (at compile time when
    /// used in a `const` or `static`, as the derive and the examples do):
    ///
    /// ```compile_fail,E0080
    /// use api_envelope::CatalogEntry;
    /// use api_envelope::http::StatusCode;
    ///
    /// const BAD: CatalogEntry =
    ///     CatalogEntry::new("SW_\"QUOTED\"", &[StatusCode::CONFLICT], None, "", "Quoted");
    /// ```
    #[must_use]
    pub const fn new(
        code: &'static str,
        statuses: &'static [StatusCode],
        family: Option<&'static str>,
        meaning: &'static str,
        variant: &'static str,
    ) -> Self {
        assert!(
            !statuses.is_empty(),
            "a catalogue entry needs at least one status"
        );
        assert!(
            is_wire_code(code),
            "a code must be printable ASCII without `\"` or `\\` (it is written into bodies unescaped)"
        );
        Self {
            code,
            statuses,
            family,
            meaning,
            variant,
            public: None,
            expose: false,
            retry: Retry::for_status(statuses[0]),
            grpc: None,
            deprecated: None,
            message_id: None,
            message_args: &[],
            message_uses: &[],
            checked: Checked::of(code, meaning),
        }
    }

    /// Sets the public text shown on a 5xx instead of the internal message.
    #[must_use]
    pub const fn with_public(mut self, public: &'static str) -> Self {
        self.public = Some(public);
        self
    }

    /// Declares whether retrying the same request can succeed (instead of the default
    /// of the status, [`Retry::for_status`]).
    #[must_use]
    pub const fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// Declares the gRPC status code (instead of the one the HTTP status maps to).
    #[must_use]
    pub const fn with_grpc(mut self, code: GrpcCode) -> Self {
        self.grpc = Some(code);
        self
    }

    /// Marks the code deprecated in favour of `replacement` (which it keeps answering
    /// with until it is removed).
    #[must_use]
    pub const fn with_deprecated(mut self, replacement: &'static str) -> Self {
        self.deprecated = Some(replacement);
        self
    }

    /// Declares the names of the values a translation may use (`args`) and of those the
    /// default message interpolates (`uses`, a part of `args`).
    #[must_use]
    pub const fn with_message_args(
        mut self,
        args: &'static [&'static str],
        uses: &'static [&'static str],
    ) -> Self {
        self.message_args = args;
        self.message_uses = uses;
        self
    }

    /// Declares the id of its message in a translation (instead of the one derived from
    /// the code).
    #[must_use]
    pub const fn with_message_id(mut self, id: &'static str) -> Self {
        self.message_id = Some(id);
        self
    }

    /// The gRPC status code of this code: the declared one, else
    /// [`GrpcCode::for_status`] of the default status.
    #[must_use]
    pub const fn grpc(&self) -> GrpcCode {
        match self.grpc {
            Some(code) => code,
            None => GrpcCode::for_status(self.statuses[0]),
        }
    }

    /// Lets the variant's own message reach the wire even on a 5xx.
    #[must_use]
    pub const fn with_expose(mut self, expose: bool) -> Self {
        self.expose = expose;
        self
    }

    /// The default (first declared) status.
    #[must_use]
    pub const fn status(&self) -> StatusCode {
        self.statuses[0]
    }
}

/// Whether retrying the same request can succeed: a code's retry class, part of its
/// contract as much as its status.
///
/// Declared per code with `#[code("X", status = 503, retry = "safe")]`, or for a whole
/// type with `#[api_error(retry = "never")]`; otherwise it follows the status
/// ([`for_status`](Self::for_status)): a retry may succeed after 429, 502, 503 and 504,
/// and never after any other status (a 409 or 412 conflict included) unless declared.
///
/// ```
/// use api_envelope::catalog::Retry;
/// use api_envelope::{ApiError, http::StatusCode};
///
/// #[derive(Debug, ApiError)]
/// enum Upstream {
///     /// The scanner did not answer; nothing was done.
///     #[code("upstream.timeout", status = 504, retry = "safe")]
///     Timeout,
///     /// Too many requests.
///     #[code("rate.limited", status = 429)]
///     Limited,
///     /// The scan exists already.
///     #[code("scans.exists", status = 409)]
///     Exists,
/// }
///
/// assert_eq!(Upstream::Timeout.entry().retry, Retry::Safe);
/// assert_eq!(Upstream::Limited.entry().retry, Retry::After);
/// assert_eq!(Upstream::Exists.entry().retry, Retry::Never);
/// assert_eq!(Retry::for_status(StatusCode::BAD_GATEWAY), Retry::After);
/// assert_eq!(Retry::Safe.as_str(), "safe");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Retrying the same request cannot succeed: the client has to change something first
    /// (its input, its credentials, the state it conflicts with).
    Never,
    /// A retry can succeed after a wait (the `Retry-After` header, the format's own retry
    /// field, or a backoff), for a request that is safe to repeat (an idempotent method or
    /// an idempotency key).
    After,
    /// A retry can succeed, and is safe whatever the request: the server did nothing
    /// (seed 004: `upstream.*` "safe to retry").
    Safe,
}

impl Retry {
    /// The class of a status when none is declared: [`After`](Self::After) for 429, 502,
    /// 503 and 504, else [`Never`](Self::Never).
    #[must_use]
    pub const fn for_status(status: StatusCode) -> Self {
        match status.as_u16() {
            429 | 502 | 503 | 504 => Self::After,
            _ => Self::Never,
        }
    }

    /// Whether a retry can succeed at all ([`After`](Self::After) or [`Safe`](Self::Safe)).
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        !matches!(self, Self::Never)
    }

    /// The class of a name written by [`as_str`](Self::as_str) (`"safe"`), or `None`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Never, Self::After, Self::Safe]
            .into_iter()
            .find(|r| r.as_str() == name)
    }

    /// The name written in `#[code(.., retry = "..")]`, catalogues and pages: `"never"`,
    /// `"after"` or `"safe"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Never => "never",
            Self::After => "after",
            Self::Safe => "safe",
        }
    }
}

impl std::fmt::Display for Retry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A gRPC status code (the canonical codes of `google.rpc.Code`, `OK` aside): what an
/// error is sent with over gRPC, declared with `#[code(.., grpc = "ALREADY_EXISTS")]` or
/// mapped from its HTTP status ([`for_status`](Self::for_status)). Known without the
/// `tonic` feature, so catalogues and pages carry it whatever is compiled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GrpcCode {
    /// `CANCELLED` (1).
    Cancelled,
    /// `UNKNOWN` (2).
    Unknown,
    /// `INVALID_ARGUMENT` (3).
    InvalidArgument,
    /// `DEADLINE_EXCEEDED` (4).
    DeadlineExceeded,
    /// `NOT_FOUND` (5).
    NotFound,
    /// `ALREADY_EXISTS` (6).
    AlreadyExists,
    /// `PERMISSION_DENIED` (7).
    PermissionDenied,
    /// `RESOURCE_EXHAUSTED` (8).
    ResourceExhausted,
    /// `FAILED_PRECONDITION` (9).
    FailedPrecondition,
    /// `ABORTED` (10).
    Aborted,
    /// `OUT_OF_RANGE` (11).
    OutOfRange,
    /// `UNIMPLEMENTED` (12).
    Unimplemented,
    /// `INTERNAL` (13).
    Internal,
    /// `UNAVAILABLE` (14).
    Unavailable,
    /// `DATA_LOSS` (15).
    DataLoss,
    /// `UNAUTHENTICATED` (16).
    Unauthenticated,
}

/// Every [`GrpcCode`] with its name, in number order.
const GRPC_CODES: [(GrpcCode, &str); 16] = [
    (GrpcCode::Cancelled, "CANCELLED"),
    (GrpcCode::Unknown, "UNKNOWN"),
    (GrpcCode::InvalidArgument, "INVALID_ARGUMENT"),
    (GrpcCode::DeadlineExceeded, "DEADLINE_EXCEEDED"),
    (GrpcCode::NotFound, "NOT_FOUND"),
    (GrpcCode::AlreadyExists, "ALREADY_EXISTS"),
    (GrpcCode::PermissionDenied, "PERMISSION_DENIED"),
    (GrpcCode::ResourceExhausted, "RESOURCE_EXHAUSTED"),
    (GrpcCode::FailedPrecondition, "FAILED_PRECONDITION"),
    (GrpcCode::Aborted, "ABORTED"),
    (GrpcCode::OutOfRange, "OUT_OF_RANGE"),
    (GrpcCode::Unimplemented, "UNIMPLEMENTED"),
    (GrpcCode::Internal, "INTERNAL"),
    (GrpcCode::Unavailable, "UNAVAILABLE"),
    (GrpcCode::DataLoss, "DATA_LOSS"),
    (GrpcCode::Unauthenticated, "UNAUTHENTICATED"),
];

impl GrpcCode {
    /// The code an HTTP status maps to, after Google's AIP-193 and the gRPC HTTP guide:
    ///
    /// | HTTP | gRPC |
    /// |---|---|
    /// | 400, 413, 414, 415, 422 | `INVALID_ARGUMENT` |
    /// | 401 | `UNAUTHENTICATED` |
    /// | 403 | `PERMISSION_DENIED` |
    /// | 404, 410 | `NOT_FOUND` |
    /// | 405, 501 | `UNIMPLEMENTED` |
    /// | 408, 504 | `DEADLINE_EXCEEDED` |
    /// | 409 | `ABORTED` (declare `ALREADY_EXISTS` where that is the meaning) |
    /// | 412, any other 4xx | `FAILED_PRECONDITION` |
    /// | 416 | `OUT_OF_RANGE` |
    /// | 429 | `RESOURCE_EXHAUSTED` |
    /// | 499 | `CANCELLED` |
    /// | 503 | `UNAVAILABLE` |
    /// | any other 5xx | `INTERNAL` |
    /// | anything else | `UNKNOWN` |
    ///
    /// ```
    /// use api_envelope::catalog::GrpcCode;
    /// use api_envelope::http::StatusCode;
    ///
    /// assert_eq!(GrpcCode::for_status(StatusCode::CONFLICT), GrpcCode::Aborted);
    /// assert_eq!(GrpcCode::for_status(StatusCode::BAD_GATEWAY).as_str(), "INTERNAL");
    /// assert_eq!(GrpcCode::from_name("ALREADY_EXISTS"), Some(GrpcCode::AlreadyExists));
    /// ```
    #[must_use]
    pub const fn for_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 | 413 | 414 | 415 | 422 => Self::InvalidArgument,
            401 => Self::Unauthenticated,
            403 => Self::PermissionDenied,
            404 | 410 => Self::NotFound,
            405 | 501 => Self::Unimplemented,
            408 | 504 => Self::DeadlineExceeded,
            409 => Self::Aborted,
            416 => Self::OutOfRange,
            429 => Self::ResourceExhausted,
            499 => Self::Cancelled,
            503 => Self::Unavailable,
            400..=499 => Self::FailedPrecondition,
            500..=599 => Self::Internal,
            _ => Self::Unknown,
        }
    }

    /// Its name, as in `google.rpc.Code` (`"ALREADY_EXISTS"`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        GRPC_CODES[self.number() as usize - 1].1
    }

    /// Its number (`ALREADY_EXISTS` is 6).
    #[must_use]
    pub const fn number(self) -> i32 {
        self as i32 + 1
    }

    /// The code of a name (`"ALREADY_EXISTS"`), as the derive's `grpc = ".."` takes it.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        GRPC_CODES.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }

    /// The code of a number (1 to 16).
    #[must_use]
    pub fn from_number(number: i32) -> Option<Self> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        GRPC_CODES.get(index).map(|(c, _)| *c)
    }
}

impl std::fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether `code` can be written into a JSON string as it is: printable ASCII (`' '` to
/// `'~'`) other than `"` and `\`.
const fn is_wire_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < b' ' || b > b'~' || b == b'"' || b == b'\\' {
            return false;
        }
        i += 1;
    }
    true
}

/// The catalogue of one error type: its name, code convention, its own entries in
/// declaration order, and the catalogues of the types its transparent variants wrap.
///
/// # The union
///
/// A type with transparent variants (`#[code(transparent)] Room(RoomError)`) answers the
/// codes of the types it wraps as well as its own: its catalogue is the *union* of its
/// own rows ([`entries`](Self::entries)) and, recursively, of the [`nested`](Self::nested)
/// catalogues. Every reading method ([`get`](Self::get), [`len`](Self::len),
/// [`iter`](Self::iter), [`rows`](Self::rows), the reference page, a
/// [`Product`](crate::Product) joining it) reads the union, depth first: the own entries,
/// then each nested catalogue in declaration order (its own entries, then its nested
/// ones). The fields are the catalogue's own parts.
///
/// ```
/// use api_envelope::{Catalog, CatalogEntry};
/// use api_envelope::catalog::Convention;
/// use api_envelope::http::StatusCode;
///
/// const ROOMS: Catalog = Catalog::new("RoomError", Convention::ScreamingSnake, "SW_", &[
///     CatalogEntry::new("SW_ROOM_FROZEN", &[StatusCode::CONFLICT], Some("rooms"), "", "Frozen"),
/// ]);
/// const API: Catalog = Catalog::new("ApiFailure", Convention::ScreamingSnake, "SW_", &[
///     CatalogEntry::new("SW_INTERNAL_ERROR", &[StatusCode::INTERNAL_SERVER_ERROR], None, "", "Internal"),
/// ])
/// .with_nested(&[ROOMS]);
///
/// assert_eq!(API.len(), 2);
/// assert_eq!(API.entries.len(), 1); // its own rows only
/// assert_eq!(API.get("SW_ROOM_FROZEN").unwrap().variant, "Frozen");
/// let codes: Vec<_> = API.iter().map(|e| e.code).collect();
/// assert_eq!(codes, ["SW_INTERNAL_ERROR", "SW_ROOM_FROZEN"]);
/// let owners: Vec<_> = API.rows().map(|(catalog, e)| (catalog.name, e.variant)).collect();
/// assert_eq!(owners, [("ApiFailure", "Internal"), ("RoomError", "Frozen")]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Catalog {
    /// The Rust name of the error type.
    pub name: &'static str,
    /// The code convention the derive checked.
    pub convention: Convention,
    /// The code prefix the derive checked (`""` when none).
    pub prefix: &'static str,
    /// One entry per code of the type's own variants, in declaration order. Only the
    /// type's own rows: [`iter`](Self::iter) reads every code it answers.
    pub entries: &'static [CatalogEntry],
    /// The catalogues of the types its transparent variants wrap
    /// (`#[code(transparent)]`), in declaration order: the type answers their codes too.
    pub nested: &'static [Catalog],
}

impl Catalog {
    /// How deep catalogues may nest: a type wrapping a type wrapping a type ... at most
    /// this many levels below the outermost one. [`with_nested`](Self::with_nested) and
    /// [`Product::new`](crate::Product::new) reject deeper unions; the reading methods
    /// do not follow a catalogue nested deeper (which only a hand-made cycle can build).
    pub const MAX_NESTING: usize = MAX_NESTING;

    /// Builds a catalogue; used by the derive and by hand-written impls.
    #[must_use]
    pub const fn new(
        name: &'static str,
        convention: Convention,
        prefix: &'static str,
        entries: &'static [CatalogEntry],
    ) -> Self {
        Self {
            name,
            convention,
            prefix,
            entries,
            nested: &[],
        }
    }

    /// The same catalogue, also answering the codes of `nested` (the catalogues of the
    /// types its transparent variants wrap), replacing any nested catalogues it had.
    ///
    /// # Panics
    /// At compile time when used in a `const` (as the derive does; at run time
    /// otherwise), with a message naming the code, both `Type::Variant`s declaring it
    /// and the fix, when a code appears twice in the union: in the own entries and a
    /// nested catalogue, in two nested catalogues (at any depth), or because the same
    /// type is wrapped twice. Also when the union nests deeper than
    /// [`MAX_NESTING`](Self::MAX_NESTING) levels.
    ///
    /// ```compile_fail,E0080
    /// use api_envelope::{Catalog, CatalogEntry};
    /// use api_envelope::catalog::Convention;
    /// use api_envelope::http::StatusCode;
    ///
    /// const ROOMS: Catalog = Catalog::new("RoomError", Convention::Any, "", &[
    ///     CatalogEntry::new("SW_ROOM_FROZEN", &[StatusCode::CONFLICT], None, "", "Frozen"),
    /// ]);
    /// // error: code `SW_ROOM_FROZEN` appears twice in the catalogue of `ApiFailure`:
    /// // declared by `ApiFailure::Closed` and by `RoomError::Frozen` (a wrapped type); ...
    /// const API: Catalog = Catalog::new("ApiFailure", Convention::Any, "", &[
    ///     CatalogEntry::new("SW_ROOM_FROZEN", &[StatusCode::CONFLICT], None, "", "Closed"),
    /// ])
    /// .with_nested(&[ROOMS]);
    /// ```
    #[must_use]
    pub const fn with_nested(mut self, nested: &'static [Catalog]) -> Self {
        self.nested = nested;
        if let Some(msg) = self.check_union() {
            panic!("{}", msg.as_str());
        }
        self
    }

    /// The entry of `code` in the union (own entries, then the nested catalogues), if
    /// this catalogue has it.
    ///
    /// ```
    /// use api_envelope::{ApiError, Catalogued};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum E {
    ///     /// Closed or archived.
    ///     #[code("SW_ROOM_FROZEN", status = 409)]
    ///     Frozen,
    /// }
    /// let entry = E::CATALOG.get("SW_ROOM_FROZEN").unwrap();
    /// assert_eq!(entry.meaning, "Closed or archived.");
    /// assert!(E::CATALOG.get("SW_NOPE").is_none());
    /// ```
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&'static CatalogEntry> {
        self.iter().find(|e| e.code == code)
    }

    /// The number of codes of the union: the own entries and every nested catalogue's.
    #[must_use]
    pub const fn len(&self) -> usize {
        let mut cursor = Cursor::new(core::slice::from_ref(self));
        let mut n = 0;
        while cursor.advance().is_some() {
            n += 1;
        }
        n
    }

    /// Whether the union has no codes.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        Cursor::new(core::slice::from_ref(self)).advance().is_none()
    }

    /// Every entry of the union, depth first: the own entries in declaration order, then
    /// each nested catalogue's, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = &'static CatalogEntry> + '_ {
        Cursor::new(core::slice::from_ref(self)).map(|found| found.entry)
    }

    /// Every entry of the union, in the order of [`iter`](Self::iter), with the
    /// catalogue declaring it (this one for its own entries, a nested one for the
    /// codes of a wrapped type).
    ///
    /// It takes a `&'static Catalog` so the catalogues it yields live as long as the
    /// entries: what [`ApiError::catalog`](crate::ApiError::catalog) returns, a `static`,
    /// or a constant (`E::CATALOG.rows()`: a constant borrowed in place is `'static`).
    ///
    /// ```
    /// use api_envelope::{ApiError, Catalogued};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum E {
    ///     /// Closed or archived.
    ///     #[code("SW_ROOM_FROZEN", status = 409)]
    ///     Frozen,
    /// }
    /// let (catalog, entry) = E::CATALOG.rows().next().unwrap();
    /// assert_eq!((catalog.name, entry.variant), ("E", "Frozen"));
    /// assert_eq!(E::catalog().rows().count(), 1);
    /// ```
    pub fn rows(
        &'static self,
    ) -> impl Iterator<Item = (&'static Catalog, &'static CatalogEntry)> + use<> {
        Cursor::new(core::slice::from_ref(self)).map(|found| (found.catalog, found.entry))
    }

    /// Every rule of [`with_nested`](Self::with_nested): the message of the first broken one.
    const fn check_union(&self) -> Option<Msg> {
        let mut cursor = Cursor::new(core::slice::from_ref(self));
        while let Some(first) = cursor.advance() {
            let mut rest = cursor;
            while let Some(second) = rest.advance() {
                if str_eq(first.entry.code, second.entry.code) {
                    return Some(self.duplicate(&first, &second));
                }
            }
        }
        if cursor.truncated {
            let msg = Msg::new()
                .push("the catalogue of `")
                .push(self.name)
                .push("` nests wrapped catalogues more than ")
                .push_usize(MAX_NESTING)
                .push(" levels deep (or in a cycle); wrap fewer levels of error types");
            return Some(msg);
        }
        None
    }

    /// The message for a code found twice in the union.
    const fn duplicate(&self, first: &Found<'_>, second: &Found<'_>) -> Msg {
        if first.depth > 0 && same_declaration(first, second) {
            return Msg::new()
                .push("`")
                .push(self.name)
                .push("` wraps `")
                .push(first.catalog.name)
                .push("` twice (two transparent variants wrap it, directly or through other wrapped types), so its code `")
                .push(first.entry.code)
                .push("` (`")
                .push(first.catalog.name)
                .push("::")
                .push(first.entry.variant)
                .push("`) appears twice in the catalogue; wrap each error type in one variant only");
        }
        Msg::new()
            .push("code `")
            .push(first.entry.code)
            .push("` appears twice in the catalogue of `")
            .push(self.name)
            .push("`: declared by `")
            .push(first.catalog.name)
            .push("::")
            .push(first.entry.variant)
            .push(if first.depth > 0 { "` (a wrapped type)" } else { "`" })
            .push(" and by `")
            .push(second.catalog.name)
            .push("::")
            .push(second.entry.variant)
            .push(if second.depth > 0 { "` (a wrapped type)" } else { "`" })
            .push("; a code must name one error: rename one of them, or stop wrapping the type that repeats it")
    }
}

/// Whether two entries found in a union are the same row of the same type, reached
/// twice (the type is wrapped twice): same type name, same variant.
pub(crate) const fn same_declaration(first: &Found<'_>, second: &Found<'_>) -> bool {
    str_eq(first.catalog.name, second.catalog.name)
        && str_eq(first.entry.variant, second.entry.variant)
}

/// [`Catalog::MAX_NESTING`].
const MAX_NESTING: usize = 8;

/// One entry found by a [`Cursor`].
#[derive(Clone, Copy)]
pub(crate) struct Found<'a> {
    /// The catalogue declaring the entry.
    pub(crate) catalog: &'a Catalog,
    /// The catalogue of the list the cursor walks through which it was reached.
    pub(crate) root: &'a Catalog,
    /// How many levels below `root` `catalog` is (0: it is `root`).
    pub(crate) depth: usize,
    /// The entry.
    pub(crate) entry: &'static CatalogEntry,
}

/// A depth-first walk over every entry of a list of catalogues and of their nested ones,
/// usable in `const fn` (the checks) and as an iterator (the readers). It never
/// allocates: the path is a fixed array, so it follows at most [`MAX_NESTING`] levels
/// below the list and records that it skipped deeper ones ([`truncated`](Self::truncated)).
#[derive(Clone, Copy)]
pub(crate) struct Cursor<'a> {
    frames: [Frame<'a>; MAX_NESTING + 1],
    /// The frames in use; 0 when the walk is over.
    depth: usize,
    /// Whether a catalogue nested deeper than [`MAX_NESTING`] was skipped.
    pub(crate) truncated: bool,
}

/// One level of a [`Cursor`]'s path: a list of catalogues, the one being read, and its
/// next own entry.
#[derive(Clone, Copy)]
struct Frame<'a> {
    list: &'a [Catalog],
    at: usize,
    entry: usize,
}

impl<'a> Cursor<'a> {
    /// A walk over `list`, its catalogues in order.
    pub(crate) const fn new(list: &'a [Catalog]) -> Self {
        let frame = Frame {
            list,
            at: 0,
            entry: 0,
        };
        Self {
            frames: [frame; MAX_NESTING + 1],
            depth: 1,
            truncated: false,
        }
    }

    /// The next entry, or `None` at the end.
    pub(crate) const fn advance(&mut self) -> Option<Found<'a>> {
        while self.depth > 0 {
            let level = self.depth - 1;
            let frame = self.frames[level];
            if frame.at >= frame.list.len() {
                // This list is done: back to the catalogue that nests it, which is done too.
                self.depth = level;
                if level > 0 {
                    self.frames[level - 1].at += 1;
                    self.frames[level - 1].entry = 0;
                }
                continue;
            }
            let catalog = &frame.list[frame.at];
            if frame.entry < catalog.entries.len() {
                self.frames[level].entry += 1;
                return Some(Found {
                    catalog,
                    root: &self.frames[0].list[self.frames[0].at],
                    depth: level,
                    entry: &catalog.entries[frame.entry],
                });
            }
            // Its own entries are done: its nested catalogues next, then its sibling.
            if !catalog.nested.is_empty() && self.depth < self.frames.len() {
                self.frames[self.depth] = Frame {
                    list: catalog.nested,
                    at: 0,
                    entry: 0,
                };
                self.depth += 1;
            } else {
                if !catalog.nested.is_empty() {
                    self.truncated = true;
                }
                self.frames[level].at += 1;
                self.frames[level].entry = 0;
            }
        }
        None
    }
}

impl<'a> Iterator for Cursor<'a> {
    type Item = Found<'a>;

    fn next(&mut self) -> Option<Found<'a>> {
        self.advance()
    }
}

/// Types whose catalogue is a compile-time constant (every `#[derive(ApiError)]` type).
///
/// The constant is what lets several enums be joined into one product catalogue and
/// checked for repeated codes at compile time.
pub trait Catalogued {
    /// The whole catalogue of the type.
    const CATALOG: Catalog;
}

#[cfg(test)]
mod tests {
    use http::StatusCode;

    use super::{Catalog, CatalogEntry, Catalogued, Convention};

    const fn entry(code: &'static str, variant: &'static str) -> CatalogEntry {
        CatalogEntry::new(code, &[StatusCode::CONFLICT], None, "", variant)
    }

    const fn catalog(name: &'static str, entries: &'static [CatalogEntry]) -> Catalog {
        Catalog::new(name, Convention::Any, "", entries)
    }

    const STORE: Catalog = catalog("StoreError", &[entry("S1", "Full")]);
    const ROOMS: Catalog =
        catalog("RoomError", &[entry("R1", "Frozen"), entry("R2", "Gone")]).with_nested(&[STORE]);
    const NOTES: Catalog = catalog("NoteError", &[entry("N1", "Missing")]);
    const EMPTY_WRAPPER: Catalog = catalog("Wrapper", &[]).with_nested(&[NOTES]);
    const API: Catalog = crate::__private::union_catalog(
        catalog("ApiFailure", &[entry("A1", "Internal")]),
        &[ROOMS, EMPTY_WRAPPER],
    );

    struct Api;
    impl Catalogued for Api {
        const CATALOG: Catalog = API;
    }

    #[test]
    fn the_union_is_read_depth_first() {
        assert_eq!(API.len(), 5);
        assert_eq!(API.entries.len(), 1);
        assert!(!API.is_empty());
        assert!(!EMPTY_WRAPPER.is_empty());
        const NONE: Catalog = catalog("None", &[]).with_nested(&[catalog("Nil", &[])]);
        assert!(NONE.is_empty());
        assert_eq!(NONE.len(), 0);
        let codes: Vec<_> = API.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["A1", "R1", "R2", "S1", "N1"]);
        let rows: Vec<_> = API.rows().map(|(c, e)| (c.name, e.variant)).collect();
        assert_eq!(
            rows,
            [
                ("ApiFailure", "Internal"),
                ("RoomError", "Frozen"),
                ("RoomError", "Gone"),
                ("StoreError", "Full"),
                ("NoteError", "Missing")
            ]
        );
        assert_eq!(API.get("S1").map(|e| e.variant), Some("Full"));
        assert_eq!(API.get("N1").map(|e| e.variant), Some("Missing"));
        assert!(API.get("Z9").is_none());
        // Through a generic parameter's constant too.
        fn owners<E: Catalogued>() -> Vec<&'static str> {
            E::CATALOG.rows().map(|(c, _)| c.name).collect()
        }
        assert_eq!(owners::<Api>().len(), 5);
    }

    fn panic_text(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
        let err = std::panic::catch_unwind(f).unwrap_err();
        err.downcast_ref::<String>().cloned().unwrap_or_default()
    }

    #[test]
    fn repeated_codes_name_both_declarations() {
        static OWN_AND_NESTED: [Catalog; 1] = [ROOMS];
        static STORE_ROW: [CatalogEntry; 1] = [entry("S1", "Store")];
        let own = panic_text(|| {
            let _ = catalog("Outer", &STORE_ROW).with_nested(&OWN_AND_NESTED);
        });
        assert_eq!(
            own,
            "code `S1` appears twice in the catalogue of `Outer`: declared by `Outer::Store` \
             and by `StoreError::Full` (a wrapped type); a code must name one error: rename \
             one of them, or stop wrapping the type that repeats it"
        );
        static CLASH: [Catalog; 2] = [
            EMPTY_WRAPPER,
            catalog("Other", &[]).with_nested(&[catalog("Deep", &[entry("N1", "Again")])]),
        ];
        let nested = panic_text(|| {
            let _ = catalog("Outer", &[]).with_nested(&CLASH);
        });
        assert_eq!(
            nested,
            "code `N1` appears twice in the catalogue of `Outer`: declared by \
             `NoteError::Missing` (a wrapped type) and by `Deep::Again` (a wrapped type); a \
             code must name one error: rename one of them, or stop wrapping the type that \
             repeats it"
        );
        static TWICE: [Catalog; 2] = [ROOMS, STORE];
        let twice = panic_text(|| {
            let _ = catalog("Outer", &[]).with_nested(&TWICE);
        });
        assert_eq!(
            twice,
            "`Outer` wraps `StoreError` twice (two transparent variants wrap it, directly or \
             through other wrapped types), so its code `S1` (`StoreError::Full`) appears twice \
             in the catalogue; wrap each error type in one variant only"
        );
    }

    /// `outer` wrapping `nested` without the checks of `with_nested`.
    const fn unchecked(mut outer: Catalog, nested: &'static [Catalog]) -> Catalog {
        outer.nested = nested;
        outer
    }

    /// `Ln` nests `n` levels of empty catalogues.
    const L0: Catalog = catalog("L0", &[]);
    const L1: Catalog = unchecked(catalog("L1", &[]), &[L0]);
    const L2: Catalog = unchecked(catalog("L2", &[]), &[L1]);
    const L3: Catalog = unchecked(catalog("L3", &[]), &[L2]);
    const L4: Catalog = unchecked(catalog("L4", &[]), &[L3]);
    const L5: Catalog = unchecked(catalog("L5", &[]), &[L4]);
    const L6: Catalog = unchecked(catalog("L6", &[]), &[L5]);
    const L7: Catalog = unchecked(catalog("L7", &[]), &[L6]);
    const L8: Catalog = unchecked(catalog("L8", &[entry("DEEP", "Deep")]), &[L7]);
    const L9: Catalog = unchecked(catalog("L9", &[]), &[L8]);
    static JUST_L7: [Catalog; 1] = [L7];
    static JUST_L8: [Catalog; 1] = [L8];

    #[test]
    fn nesting_is_bounded() {
        // Wrapping L7 is 8 levels below the outermost catalogue; wrapping L8, 9.
        let _ = catalog("Ok", &[]).with_nested(&JUST_L7);
        let deep = panic_text(|| {
            let _ = catalog("Deep", &[]).with_nested(&JUST_L8);
        });
        assert_eq!(
            deep,
            "the catalogue of `Deep` nests wrapped catalogues more than 8 levels deep (or in \
             a cycle); wrap fewer levels of error types"
        );
        // Built without `with_nested`, a deeper catalogue is read down to the bound: L8's
        // own entry is 1 level below L9 and read, L0 is 9 levels below and skipped.
        const TOP: Catalog = unchecked(catalog("Top", &[entry("T1", "Top")]), &[L9]);
        assert_eq!(TOP.len(), 2);
        assert_eq!(
            TOP.iter().map(|e| e.code).collect::<Vec<_>>(),
            ["T1", "DEEP"]
        );
    }
}

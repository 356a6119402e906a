//! # api-envelope
//!
//! Web-service errors declared once, checked at compile time, and rendered in the
//! envelope your API documents.
//!
//! ```
//! use api_envelope::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
//! enum RoomError {
//!     /// Closed or archived.
//!     #[code("SW_ROOM_FROZEN", status = 409)]
//!     #[message("room {room_id} is closed")]
//!     Frozen { room_id: String },
//! }
//!
//! let err = RoomError::Frozen { room_id: "r1".into() };
//! assert_eq!(err.code(), "SW_ROOM_FROZEN");
//! assert_eq!(err.status(), api_envelope::http::StatusCode::CONFLICT);
//! assert_eq!(err.family(), Some("rooms"));
//! assert_eq!(err.meaning(), "Closed or archived.");
//! assert_eq!(err.to_string(), "room r1 is closed");
//! ```
//!
//! ## Limits
//!
//! Rendering never fails, never panics and never grows with a hostile input: every text
//! that reaches the wire is bounded by one table, [`format::limits`] (the message and
//! each violation text, each string inside a `#[detail]` or a violation's input and
//! context, the values of a body together, the violations listed, the nesting, the
//! request id, the path an `instance` is made from), cut on a character boundary with
//! `…`; user code that panics while rendering is caught ([`render`]); log events escape
//! control characters and are capped (`integrations::tracing`, feature `tracing`).
//!
//! ## Cargo features
//!
//! All off by default. Client decoding ([`client`]) and the framework-neutral serving
//! pieces ([`integrations::Envelopes`]) need none.
//!
//! - `axum`: errors returned from axum handlers as their envelopes, a tower layer keeping
//!   every response in the product's envelope (framework failures, panics, rate limits,
//!   `X-Request-ID` on every response), extractors failing in the envelope, and a
//!   `RequestContext` extractor (`integrations::axum`).
//! - `actix-web`: the same for actix-web, through `ResponseError` and an actix middleware
//!   (`integrations::actix_web`). actix-web depends on `derive_more` 2 and
//!   `tracing-attributes`, which bring their own `syn` 2: this feature brings it, and no
//!   other feature adds a second `syn` to the tree.
//! - `tracing`: every 5xx rendered by an integration logs one event with its code,
//!   status, request id and full source chain (`integrations::tracing`).
//! - `utoipa`: OpenAPI schemas of the five envelopes and a responses listing per status
//!   with every code as an example (`integrations::utoipa`).
//! - `governor`: a keyed in-process rate limiter (`integrations::ratelimit`).
//! - `redis`: a rate limiter shared by a fleet through one atomic Redis script
//!   (`integrations::ratelimit`).

#![cfg_attr(docsrs, feature(doc_cfg))]

mod boxed;
pub mod catalog;
pub mod client;
mod compile_time;
pub mod context;
pub mod details;
pub mod format;
pub mod input;
pub mod integrations;
pub mod localize;
pub mod product;
pub mod reference;
pub mod render;
pub mod sdk;
pub mod violation;

#[doc(hidden)]
pub mod __private;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

use std::time::Duration;

pub use http;
/// The `serde` this crate serialises with, for formats written outside it.
pub use serde;
/// The `serde_json` this crate builds violations and details with (`Violation::input`, `ctx`).
pub use serde_json;

/// Derives [`ApiError`], `Display`, `std::error::Error` and `From` for an error enum or struct.
///
/// With the serving features on, the type is also a framework response, rendered for the
/// request being served: axum's `IntoResponse` (`axum`) and actix-web's `ResponseError`
/// (`actix-web`). These impls follow the features of `api-envelope` (not of the crate
/// deriving), generic types included, with the bounds of the `ApiError` impl. A type
/// needing its own `IntoResponse` or `ResponseError` can wrap the error in a newtype.
///
/// The attributes are documented below, with examples.
pub use api_envelope_macros::ApiError;

pub use catalog::{Catalog, CatalogEntry, Catalogued, Convention};
pub use context::{Context, Localizer, RateLimit};
pub use details::{Detail, DetailVisitor};
pub use format::{Format, RenderError};
pub use product::{Product, Row, Section, Style};
pub use reference::ReferencePage;
pub use violation::{Segment, Violation};

/// An error that knows its wire identity: a stable code, an HTTP status, a family, a
/// catalogue meaning, and what goes in an envelope's details.
///
/// Implemented by `#[derive(ApiError)]`; object safe, so formats work on `&dyn ApiError`.
///
/// # Boxed and shared errors
///
/// `Box<dyn ApiError + Send + Sync>` and `Arc<dyn ApiError + Send + Sync>` (and their
/// `+ Send` and bare flavours) are `ApiError`s too, every method delegating to the error
/// inside: a function failing with errors of several types returns the box, which
/// renders exactly as the error inside does. With the serving features the box is also a
/// framework response (axum's `IntoResponse`, actix-web's `ResponseError`), rendered for
/// the request being served as a derived error is. An `Arc` cannot be one (neither the
/// trait nor `Arc` is this crate's): serve it as `Envelope(arc)`
/// (`integrations::Envelope`, with a serving feature) or `Box::new(arc)`.
///
/// A box's [`catalog`](Self::catalog) is an empty catalogue named `dyn ApiError`: which
/// codes a boxed error can carry is not known at compile time. List the catalogues of the
/// types put in it in a [`Product`].
///
/// There is no blanket `From<E: ApiError>` for the box (it would overlap the reflexive
/// `From<T> for T`, the box being an `ApiError` itself): `#[derive(ApiError)]` generates
/// `From<TheType>` for `Box<dyn ApiError + Send + Sync>` type by type, and any error
/// boxes with `Box::new`.
///
/// ```
/// use api_envelope::format::ScaiWave;
/// use api_envelope::{ApiError, Context};
/// use std::sync::Arc;
///
/// #[derive(Debug, ApiError)]
/// enum RoomError {
///     /// Closed or archived.
///     #[code("SW_ROOM_FROZEN", status = 409)]
///     #[message("room {room_id} is closed")]
///     Frozen { room_id: String },
/// }
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// Bug.
///     #[code("SW_INTERNAL_ERROR", status = 500)]
///     #[message("disk full on {disk}")]
///     Full { disk: String },
/// }
///
/// fn post(room_id: &str) -> Result<(), Box<dyn ApiError + Send + Sync>> {
///     match room_id {
///         "frozen" => Err(Box::new(RoomError::Frozen { room_id: room_id.into() })),
///         _ => Err(Box::new(StoreError::Full { disk: "sda1".into() })),
///     }
/// }
///
/// let ctx = Context::new().request_id("req_1");
/// let frozen = post("frozen").unwrap_err();
/// assert_eq!(frozen.code(), "SW_ROOM_FROZEN");
/// assert_eq!(
///     frozen.to_response(&ScaiWave, &ctx).body().as_slice(),
///     br#"{"error":{"code":"SW_ROOM_FROZEN","message":"room frozen is closed"}}"#
/// );
/// let full = post("general").unwrap_err();
/// let body = full.to_response(&ScaiWave, &ctx).into_body();
/// assert!(!String::from_utf8(body).unwrap().contains("sda1")); // 5xx: public text only
///
/// // Shared: the same rendering.
/// let shared: Arc<dyn ApiError + Send + Sync> = Arc::new(RoomError::Frozen { room_id: "frozen".into() });
/// assert_eq!(shared.to_response(&ScaiWave, &ctx).body(), frozen.to_response(&ScaiWave, &ctx).body());
///
/// // No codes known at compile time.
/// assert!(<Box<dyn ApiError + Send + Sync> as ApiError>::catalog().is_empty());
/// ```
pub trait ApiError: std::error::Error + render::AsDynApiError {
    /// The stable machine-readable code, e.g. `SW_ROOM_FROZEN`.
    fn code(&self) -> &'static str;

    /// The HTTP status of this value: the code's status, or for a code documented with
    /// several statuses, the one its `#[status]` field chose.
    fn status(&self) -> http::StatusCode;

    /// This value's row of the catalogue.
    fn entry(&self) -> &'static CatalogEntry;

    /// The family (reference-page section) of the code, if declared.
    fn family(&self) -> Option<&'static str> {
        self.entry().family
    }

    /// The catalogue meaning of the code (the variant's doc comment).
    fn meaning(&self) -> &'static str {
        self.entry().meaning
    }

    /// How long the client should wait before retrying (`#[retry_after]`).
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// Reports each value a translation of the message may use
    /// ([`localize`]): the fields the message interpolates, by name (a
    /// tuple field as `_0`, `_1`, ..; not a source, nor a placeholder with a spec such as
    /// `{x:?}`), and the `#[detail]` fields, by detail name; each once, numbers as
    /// numbers. This default reports the details.
    fn visit_message_args(&self, visitor: &mut dyn FnMut(&str, localize::MessageArg<'_>)) {
        self.visit_details(&mut |name: &'static str, value: Detail<'_>| {
            localize::detail_arg(value, |arg| visitor(name, arg));
        });
    }

    /// Whether [`visit_details`](Self::visit_details) reports anything for this value.
    fn has_details(&self) -> bool {
        false
    }

    /// Reports each `#[detail]` field of this value to `visitor`.
    fn visit_details(&self, visitor: &mut dyn DetailVisitor) {
        let _ = visitor;
    }

    /// The field violations of a validation error (`#[violations]`).
    fn violations(&self) -> &[Violation] {
        &[]
    }

    /// The envelope format chosen for the type with `#[api_error(format = ...)]`, if any.
    ///
    /// The serving integrations ([`integrations::Envelopes`]) render in it instead of the
    /// service's format (unless the client negotiated RFC 9457).
    fn declared_format(&self) -> Option<&'static (dyn format::Format + Send + Sync)> {
        None
    }

    /// Writes the message as the wire shows it (on a 4xx, or a 5xx whose variant says
    /// `expose`): its `Display`, except that a source the message interpolates which is
    /// itself an `ApiError` with a 5xx status shows its public text, never its internal
    /// one (unless the variant says `expose = "all"`). A transparent variant writes its
    /// field's. `Display` itself, what logs show, keeps every text.
    ///
    /// ```
    /// use api_envelope::{ApiError, Context};
    /// use api_envelope::format::ScaiWave;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum Db {
    ///     /// Storage failed.
    ///     #[code("DB_DOWN", status = 503, public = "Try again shortly.")]
    ///     #[message("connection to 10.0.0.7 refused")]
    ///     Down,
    /// }
    ///
    /// #[derive(Debug, ApiError)]
    /// enum Room {
    ///     /// Could not be saved.
    ///     #[code("ROOM_NOT_SAVED", status = 409)]
    ///     #[message("room not saved: {0}")]
    ///     NotSaved(#[from] Db),
    /// }
    ///
    /// let err = Room::from(Db::Down);
    /// assert_eq!(err.to_string(), "room not saved: connection to 10.0.0.7 refused");
    /// let res = err.to_response(&ScaiWave, &Context::new());
    /// assert_eq!(
    ///     res.body().as_slice(),
    ///     br#"{"error":{"code":"ROOM_NOT_SAVED","message":"room not saved: Try again shortly."}}"#
    /// );
    /// ```
    ///
    /// # Errors
    /// What the formatter returns.
    fn fmt_wire(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }

    /// Writes the wire text ([`fmt_wire`](Self::fmt_wire)) into a JSON string of the body:
    /// what [`JsonWriter::message`](format::JsonWriter::message) calls for the error's own
    /// message.
    ///
    /// The same text as `fmt_wire`, faster: the derive writes each fixed part of a message
    /// as a literal checked at compile time to need no escaping
    /// ([`JsonText::plain`](format::JsonText::plain)), and each placeholder of a string,
    /// integer or `bool` field straight into the body, without `fmt` in between; a
    /// placeholder with a format spec, an argument expression, a source or a field of any
    /// other type formats the variant's `fmt_wire` through `text`, as this default does.
    /// A hand-written impl need not override it; one that does must write exactly what
    /// `fmt_wire` writes.
    ///
    /// # Errors
    /// When the text is cut (then the caller marks it) or the `Display` fails.
    fn write_wire_text(&self, text: &mut format::JsonText<'_>) -> std::fmt::Result {
        text.display(&format::WireMessage(self))
    }

    /// The whole catalogue of the type, readable without a value.
    fn catalog() -> &'static Catalog
    where
        Self: Sized;

    /// Renders this error as a whole `http::Response` in `format`: the status, the
    /// `Content-Type`, the format's headers and the body.
    ///
    /// Never fails and never panics; a `&dyn ApiError` has the same method. See
    /// [`render`] for request-id generation, fallbacks and allocations.
    ///
    /// ```
    /// use api_envelope::format::ScaiWave;
    /// use api_envelope::{ApiError, Context};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum RoomError {
    ///     /// Closed or archived.
    ///     #[code("SW_ROOM_FROZEN", status = 409)]
    ///     #[message("room {room_id} is closed")]
    ///     Frozen { room_id: String },
    /// }
    ///
    /// let err = RoomError::Frozen { room_id: "r1".into() };
    /// let res = err.to_response(&ScaiWave, &Context::new().request_id("req_1"));
    /// assert_eq!(res.status(), 409);
    /// assert_eq!(res.headers()["content-type"], "application/json");
    /// assert_eq!(
    ///     res.body().as_slice(),
    ///     br#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed"}}"#
    /// );
    ///
    /// // The same through a trait object:
    /// let dyn_err: &dyn ApiError = &err;
    /// assert_eq!(dyn_err.to_response(&ScaiWave, &Context::new()).body(), res.body());
    /// ```
    #[must_use]
    fn to_response(&self, format: &dyn Format, ctx: &Context<'_>) -> http::Response<Vec<u8>> {
        render::to_response(self.as_dyn_api_error(), format, ctx)
    }

    /// Writes the body of this error in `format` to the end of `out` (reuse the buffer:
    /// the built-in formats then allocate nothing). A `&dyn ApiError` has the same method.
    ///
    /// ```
    /// use api_envelope::format::ScaiDrive;
    /// use api_envelope::{ApiError, Context};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum DriveError {
    ///     /// Resource doesn't exist.
    ///     #[code("NOT_FOUND", status = 404)]
    ///     #[message("file not found")]
    ///     NotFound,
    /// }
    ///
    /// let mut buf = Vec::with_capacity(256);
    /// DriveError::NotFound.write_body(&ScaiDrive, &Context::new(), &mut buf).unwrap();
    /// assert_eq!(buf, br#"{"detail":"file not found"}"#);
    /// ```
    ///
    /// # Errors
    /// When a value fails to serialise (a `#[detail]` type's `Serialize`, a `Display`
    /// returning an error); `out` is then left as it was.
    fn write_body(
        &self,
        format: &dyn Format,
        ctx: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), RenderError> {
        render::write_body(self.as_dyn_api_error(), format, ctx, out)
    }
}

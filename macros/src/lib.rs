//! The `#[derive(ApiError)]` macro of [api-envelope](https://docs.rs/api-envelope).
//!
//! Use it through the `api_envelope` crate, which re-exports it next to the `ApiError` trait
//! it implements; see [`macro@ApiError`] for the attributes.
//!
//! Layout, one way (attr → ast → valid → expand, no cycles): `tables.rs` the facts (IANA
//! statuses, helper-attribute names), `attr/` reads the attributes (syntax only), `ast.rs`
//! is the model built from them (every node keeps its span), `prop.rs` what the model says
//! about itself, `valid.rs` every rule, `expand/` the model to tokens (which cannot fail
//! and checks nothing); `pipeline.rs` runs them in that order.

mod ast;
mod attr;
mod expand;
mod pipeline;
mod prop;
mod tables;
mod valid;

#[cfg(test)]
mod accept;
#[cfg(test)]
mod harness;
#[cfg(test)]
mod tests;

/// Derives `api_envelope::ApiError`, `Display`, `std::error::Error` (with `source`),
/// `From` for `#[from]` fields, and `api_envelope::Catalogued` for an error enum or struct.
///
/// Every variant of an enum (or the struct itself) declares one stable *code*, its HTTP
/// *status*, and a *message*; its doc comment is the code's *meaning* in the catalogue.
/// What would be wrong on the wire is rejected at compile time, each error pointing at the
/// offending token and saying how to fix it.
///
/// ```
/// use api_envelope::{ApiError, Catalogued};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
/// pub enum RoomError {
///     /// Closed or archived.
///     #[code("SW_ROOM_FROZEN", status = 409)]
///     #[message("room {room_id} is closed")]
///     Frozen { room_id: String },
///
///     /// Tenant rate cap hit.
///     #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "events")]
///     RateLimited {
///         #[retry_after]
///         seconds: u64,
///     },
///
///     /// Note not found.
///     #[code("SW_NOTE_NOT_FOUND", status = 404, family = "notes")]
///     #[message("note '{path}' not found")]
///     NoteMissing {
///         #[detail]
///         path: String,
///     },
///
///     /// Bug.
///     #[code("SW_INTERNAL_ERROR", status = 500, public = "Something went wrong.")]
///     Internal(#[from] std::io::Error),
/// }
///
/// let err = RoomError::Frozen { room_id: "r1".into() };
/// assert_eq!(err.code(), "SW_ROOM_FROZEN");
/// assert_eq!(err.status().as_u16(), 409);
/// assert_eq!(err.family(), Some("rooms"));
/// assert_eq!(err.meaning(), "Closed or archived.");
/// assert_eq!(err.to_string(), "room r1 is closed");
/// assert_eq!(RoomError::CATALOG.len(), 4);
/// ```
///
/// # Container: `#[api_error(..)]` (optional)
///
/// On the enum or struct; every key is optional.
///
/// | key | meaning |
/// |---|---|
/// | `convention = "SCREAMING_SNAKE"` | every code is checked against it: `"SCREAMING_SNAKE"` (`SW_ROOM_FROZEN`), `"snake_case"` (`secret_not_found`), `"dotted"` (lower-case segments of `a-z0-9_-` joined by `.`: `auth.token.invalid`, `service.not-ready`, `http.403`), or `"any"` (the default: letters, digits and `-._~!$&'()*+,;=:@`, safe in a URI path segment, a header and JSON) |
/// | `prefix = "SW_"` | every code starts with it |
/// | `family = "rooms"` | the default family (reference-page section) of every code |
/// | `crate = "path"` | the path of the runtime crate when it is renamed in `Cargo.toml` (default `::api_envelope`) |
/// | `format = expr` | the envelope format this type renders in by default (`ApiError::declared_format`), e.g. `format = api_envelope::format::ScaiWave` |
/// | `retry = "never"` | the retry class of every code that declares none (see `retry` below) |
/// | `framework_impls = false` | no framework impls: by default the derive also implements axum's `IntoResponse` and actix-web's `ResponseError` when those features of the runtime are on; turn that off to write your own |
///
/// Whatever the convention, a code is printable ASCII without `"`, `\` or whitespace
/// (formats write codes unescaped into JSON strings and header values).
///
/// # Variant (or struct): `#[code(..)]` (required, exactly one)
///
/// `#[code("CODE", status = 409, family = "..", public = "..", meaning = "..", retry = "..", grpc = "..", deprecated = "..", message_id = "..", expose)]`
///
/// - `"CODE"` (first, required): the stable code; once per type, following the
///   `convention` and `prefix`.
/// - `status = 409` (required): an error status (400..=599) assigned in the IANA registry.
///   A code documented with several statuses lists them all, the first being the default:
///   `status = [502, 503]`; the variant then has a `#[status]` field choosing one.
/// - `family = "rooms"`: overrides the container's family.
/// - `public = "text"`: the text shown on the wire instead of the internal message on a 5xx.
/// - `retry = "never" | "after" | "safe"`: whether retrying the same request can succeed
///   (`CatalogEntry::retry`, `api_envelope::catalog::Retry`): never; after a wait, for a
///   request safe to repeat; or whatever the request. By default the container's, else the
///   status's: `"after"` for 429, 502, 503 and 504, `"never"` for every other (409 and 412
///   included).
/// - `grpc = "ALREADY_EXISTS"`: the gRPC status code (`CatalogEntry::grpc`) instead of
///   the one the HTTP status maps to (`api_envelope::catalog::GrpcCode::for_status`:
///   409 is `ABORTED`, for instance); one of the names of `google.rpc.Code` but `OK`.
/// - `deprecated = "NEW"`: the code is deprecated in favour of `NEW` (a code of this type
///   or another): the variant keeps answering with `"CODE"`, and the reference page, the
///   OpenAPI responses, the catalogue lock and the client (`RemoteError::upgraded`) name
///   `NEW` (`CatalogEntry::deprecated`).
/// - `message_id = "room-frozen"`: the id of the message in a translation (a Fluent
///   message id, `CatalogEntry::message_id`) instead of the one derived from the code
///   (`api_envelope::localize::message_id`: `SW_ROOM_FROZEN` is `sw-room-frozen`).
/// - `meaning = "text"`: the catalogue meaning (reference-page text), instead of the doc
///   comment; `meaning = ""` for none. The variant keeps its doc comment for rustdoc (and as
///   its message when it has no `#[message]`).
/// - `public = ".."` and `expose` apply to a 5xx only (a 4xx always shows its message;
///   either key on a 4xx is an error).
/// - `expose`: this variant's own message may reach the wire even on a 5xx; a source it
///   interpolates that is a 5xx `ApiError` still shows its public text there.
///   `expose = "all"` shows the sources' own text too.
///
/// `#[code(transparent)]` on a variant (or struct) with one field delegates everything
/// to that field, an `ApiError`: code, status, family, meaning, message, source, details,
/// violations, retry hint, public text and declared format. It also generates
/// `From<FieldType>`, so `?` lifts a lower layer's error into this one, and the type's
/// catalogue is its own rows joined with the field type's (`Catalog::nested`), a code
/// repeated across the union being a compile error. Such a variant has no `#[message]`
/// and no other key.
///
/// ```
/// use api_envelope::{ApiError, Catalogued};
///
/// #[derive(Debug, ApiError)]
/// enum RoomError {
///     /// Storage failed.
///     #[code("SW_INTERNAL_ERROR", status = 500, public = "Internal error.")]
///     #[message("storage: {0}")]
///     Storage(#[from] std::io::Error),
/// }
///
/// #[derive(Debug, ApiError)]
/// enum AppError {
///     #[code(transparent)]
///     Room(RoomError),
///     /// Down for maintenance.
///     #[code("SW_MAINTENANCE", status = 503)]
///     Maintenance,
/// }
///
/// fn save() -> Result<(), RoomError> {
///     Err(std::io::Error::other("disk full"))?
/// }
/// fn handler() -> Result<(), AppError> {
///     Ok(save()?)
/// }
///
/// let err = handler().unwrap_err();
/// assert_eq!((err.code(), err.status().as_u16()), ("SW_INTERNAL_ERROR", 500));
/// assert_eq!(err.to_string(), "storage: disk full");
/// assert_eq!(AppError::CATALOG.len(), 2);
/// assert!(AppError::CATALOG.get("SW_INTERNAL_ERROR").is_some());
/// ```
///
/// Every derived type also converts into `Box<dyn ApiError + Send + Sync>` (when it is
/// `Send + Sync + 'static`), so `?` boxes it in a handler returning the box.
///
/// ```
/// # use api_envelope::ApiError;
/// #[derive(Debug, ApiError)]
/// #[api_error(convention = "dotted")]
/// enum SonnyError {
///     /// A downstream dependency is unreachable.
///     #[code("upstream.unavailable", status = [502, 503])]
///     Upstream {
///         #[status]
///         status: u16,
///     },
///     /// The backend is not ready yet.
///     #[code("service.not-ready", status = 503, expose)]
///     #[message("not ready: {0}")]
///     NotReady(&'static str),
/// }
///
/// assert_eq!(SonnyError::Upstream { status: 503 }.status().as_u16(), 503);
/// // A value can only take a declared status: anything else falls back to the first.
/// assert_eq!(SonnyError::Upstream { status: 500 }.status().as_u16(), 502);
/// ```
///
/// # Variant (or struct): `#[message("..")]` (optional)
///
/// The `Display` text, interpolating fields like `format!`: `{room_id}` for a named field
/// (`{r#type}` or `{type}` for a raw identifier), `{0}` for a tuple field, format specs such
/// as `{count:>5}`, `{path:?}` or `{value:.prec$}` (a width or precision names a `usize`
/// field), and `{{` / `}}` for literal braces. Every placeholder names a field, or an
/// argument given after the string, as with thiserror: `{}` takes the next positional
/// one and `{name}` the one given as `name = expr`, and in an argument `.field` (or `.0`)
/// reads a field: `#[message("{} items, {pct:.1}% full", .0.len(), pct = .1 * 100.0)]`.
/// `#[message(fmt = path::to::function)]` calls a function with a reference to each
/// field, in order, and the `Formatter`.
///
/// Without `#[message]`, the doc comment's first paragraph (each line trimmed, joined with
/// a space) is the message, taken literally; later paragraphs stay rustdoc only. A variant
/// with neither is an error. The first paragraph is also the catalogue *meaning* (`""`
/// when there is none), unless `#[code(.., meaning = "..")]` gives one.
///
/// ```
/// use api_envelope::{ApiError, Catalogued};
///
/// #[derive(Debug, ApiError)]
/// enum TenancyError {
///     /// Partner lookup by id failed (rustdoc only: the catalogue row has no meaning).
///     #[code("PARTNER_NOT_FOUND", status = 404, meaning = "")]
///     #[message("partner {partner_id} not found")]
///     PartnerNotFound { partner_id: String },
/// }
///
/// assert_eq!(TenancyError::CATALOG.entries[0].meaning, "");
/// ```
///
/// # Field attributes
///
/// | attribute | meaning |
/// |---|---|
/// | `#[source]` | the `Error::source` of the variant (a field named `source` is the source too); at most one per variant |
/// | `#[from]` | implies `#[source]` and generates `From<FieldType>`; the field must be the variant's only field |
/// | `#[retry_after]` | the retry hint: an integer number of seconds (`u64`, ..), a `Duration`, or an `Option` of one |
/// | `#[detail]`, `#[detail(name = "key")]` | reported by `visit_details` under the field name (or `name`, required on tuple fields); the type must be `serde::Serialize` |
/// | `#[violations]` | the field violations of a validation error: a `Vec<Violation>` or anything `AsRef<[Violation]>` |
/// | `#[status]` | a `u16` or `http::StatusCode` choosing among the statuses declared with `status = [..]`; an undeclared value gives the first |
///
/// ```
/// # use api_envelope::{ApiError, Violation};
/// # use std::time::Duration;
/// #[derive(Debug, ApiError)]
/// #[api_error(convention = "snake_case")]
/// enum KeyError {
///     /// Caller-specific rate limit.
///     #[code("rate_limited", status = 429)]
///     RateLimited {
///         #[retry_after]
///         wait: Option<Duration>,
///     },
///     /// Field-level validation; see details.fields.
///     #[code("validation_error", status = 422)]
///     Validation {
///         #[violations]
///         fields: Vec<Violation>,
///     },
///     /// Secret not found.
///     #[code("secret_not_found", status = 404)]
///     #[message("Secret '{0}' not found")]
///     SecretNotFound(#[detail(name = "path")] String),
/// }
///
/// let err = KeyError::RateLimited { wait: Some(Duration::from_secs(45)) };
/// assert_eq!(err.retry_after(), Some(Duration::from_secs(45)));
/// assert!(KeyError::SecretNotFound("a/b".into()).has_details());
/// ```
///
/// # Structs
///
/// A struct has one code: `#[code]` and `#[message]` go on the struct itself.
///
/// ```
/// # use api_envelope::ApiError;
/// /// Tenant id doesn't exist.
/// #[derive(Debug, ApiError)]
/// #[code("SW_TENANT_NOT_FOUND", status = 404)]
/// #[message("tenant {tenant} not found")]
/// struct TenantNotFound {
///     #[detail]
///     tenant: String,
/// }
///
/// assert_eq!(TenantNotFound { tenant: "t1".into() }.code(), "SW_TENANT_NOT_FOUND");
/// ```
///
/// Generic types are supported; bounds are added for generic fields the way `thiserror`
/// does (`Display` for interpolated fields, `Error + 'static` for sources, ...).
#[proc_macro_derive(
    ApiError,
    attributes(
        api_error,
        code,
        message,
        source,
        from,
        retry_after,
        detail,
        violations,
        status,
        // Not an attribute of the derive: read only to point thiserror users to
        // `#[message]` and `#[code(transparent)]`.
        error
    )
)]
pub fn derive_api_error(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    pipeline::derive(input.into()).into()
}

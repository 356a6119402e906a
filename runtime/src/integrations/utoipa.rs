//! utoipa: the envelopes and the catalogue in an OpenAPI document.
//!
//! - [`envelope_schema`]: the JSON schema of each built-in envelope, registered under
//!   [`schema_name`] (`ScaiWaveError`, ..., `ProblemDetails`) by [`add_schemas`].
//! - [`ErrorResponses`]: one response per HTTP status of one or more catalogues, for each
//!   format the service sends (its own and, when it negotiates, RFC 9457), with every
//!   code of that status as a named example: the body the format renders for it, and
//!   an [`x-retry`](RETRY_EXTENSION) extension giving each code's retry class (and
//!   [`x-deprecated`](DEPRECATED_EXTENSION) naming replacements).
//! - [`error_codes_extension`]: a product's whole catalogue as the document's
//!   [`x-error-codes`](ERROR_CODES_EXTENSION) extension.
//!
//! ```
//! use api_envelope::client::WireFormat;
//! use api_envelope::format::ScaiKey;
//! use api_envelope::integrations::utoipa::{ErrorResponses, add_schemas};
//! use api_envelope::{ApiError, Catalogued};
//! use utoipa::openapi::{ComponentsBuilder, OpenApiBuilder, PathItem, PathsBuilder, HttpMethod};
//! use utoipa::openapi::path::OperationBuilder;
//!
//! #[derive(Debug, ApiError)]
//! enum KeyError {
//!     /// Secret not found.
//!     #[code("secret_not_found", status = 404)]
//!     SecretNotFound,
//!     /// Environment not found.
//!     #[code("environment_not_found", status = 404)]
//!     EnvironmentNotFound,
//! }
//!
//! let responses = ErrorResponses::new()
//!     .catalog(&KeyError::CATALOG)
//!     .builtin(&ScaiKey, WireFormat::ScaiKey)
//!     .build();
//! let operation = OperationBuilder::new().responses(responses).build();
//! let mut components = ComponentsBuilder::new().build();
//! add_schemas(&mut components);
//! let doc = OpenApiBuilder::new()
//!     .paths(PathsBuilder::new().path("/v1/secrets/{path}", PathItem::new(HttpMethod::Get, operation)))
//!     .components(Some(components))
//!     .build();
//!
//! let json: serde_json::Value = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
//! let not_found = &json["paths"]["/v1/secrets/{path}"]["get"]["responses"]["404"];
//! let media = &not_found["content"]["application/json"];
//! assert_eq!(media["schema"]["$ref"], "#/components/schemas/ScaiKeyError");
//! assert_eq!(media["examples"]["secret_not_found"]["value"]["error"]["code"], "secret_not_found");
//! assert_eq!(media["examples"]["environment_not_found"]["summary"], "Environment not found.");
//! assert_eq!(not_found["x-retry"]["secret_not_found"], "never");
//! ```

use std::collections::BTreeMap;

use serde_json::Value;
use utoipa::PartialSchema;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::extensions::ExtensionsBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{Components, Schema};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Responses, ResponsesBuilder};

use super::CatalogSample;
use crate::catalog::Catalog;
use crate::client::WireFormat;
use crate::format::Format;
use crate::{ApiError as _, Context};

/// The component name of a built-in envelope's schema.
#[must_use]
pub const fn schema_name(format: WireFormat) -> &'static str {
    match format {
        WireFormat::ScaiWave => "ScaiWaveError",
        WireFormat::ScaiGrid => "ScaiGridError",
        WireFormat::ScaiDrive => "ScaiDriveError",
        WireFormat::ScaiKey => "ScaiKeyError",
        WireFormat::Problem => "ProblemDetails",
    }
}

/// A reference to a built-in envelope's schema in `#/components/schemas`.
#[must_use]
pub fn schema_ref(format: WireFormat) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(schema_name(format)))
}

/// Adds the five envelope schemas to `components`, under [`schema_name`].
pub fn add_schemas(components: &mut Components) {
    for format in WireFormat::ALL {
        components
            .schemas
            .insert(schema_name(format).to_owned(), envelope_schema(format));
    }
}

/// The JSON schema of a built-in envelope, as the format's rustdoc describes it
/// (the [`PartialSchema`] of its type in [`schemas`]).
#[must_use]
pub fn envelope_schema(format: WireFormat) -> RefOr<Schema> {
    match format {
        WireFormat::ScaiWave => schemas::ScaiWaveError::schema(),
        WireFormat::ScaiGrid => schemas::ScaiGridError::schema(),
        WireFormat::ScaiDrive => schemas::ScaiDriveError::schema(),
        WireFormat::ScaiKey => schemas::ScaiKeyError::schema(),
        WireFormat::Problem => schemas::ProblemDetails::schema(),
    }
}

/// The envelopes as types, for `#[utoipa::path(responses(... body = ScaiKeyError))]` and
/// `#[openapi(components(schemas(...)))]`. They only describe the wire; nothing renders
/// through them.
pub mod schemas {
    use serde_json::Value;
    use utoipa::ToSchema;

    /// One location segment: a field name or a list index.
    #[derive(Debug, ToSchema)]
    #[serde(untagged)]
    pub enum LocSegment {
        /// A field or key name.
        Field(String),
        /// A list index.
        Index(u64),
    }

    /// A FastAPI/Pydantic validation entry.
    #[derive(Debug, ToSchema)]
    pub struct PydanticEntry {
        /// Machine-readable kind, e.g. `missing`.
        #[schema(rename = "type")]
        pub kind: String,
        /// Where the failing value is: field names and list indexes.
        #[schema(inline)]
        pub loc: Vec<LocSegment>,
        /// What is wrong, for a human.
        pub msg: String,
        /// The offending input.
        pub input: Option<Value>,
        /// Context of the rule, e.g. `{"min_length": 1}`.
        pub ctx: Option<Value>,
    }

    /// ScaiWave error envelope (seed 000): `{"error":{"code","message"}}`; a 422 adds
    /// `error.details`, a 5xx `error.request_id`.
    #[derive(Debug, ToSchema)]
    pub struct ScaiWaveError {
        /// The error.
        #[schema(inline)]
        pub error: ScaiWaveBody,
    }

    /// The `error` member of a ScaiWave envelope.
    #[derive(Debug, ToSchema)]
    pub struct ScaiWaveBody {
        /// Stable machine-readable code (`SW_*`): branch on it.
        pub code: String,
        /// Human-readable message; may be localised.
        pub message: String,
        /// On a validation error the Pydantic-style list of failing fields; otherwise an
        /// object of detail fields.
        pub details: Option<Value>,
        /// On a 5xx: the request id to grep server logs for.
        pub request_id: Option<String>,
    }

    /// ScaiGrid error envelope (seed 001).
    #[derive(Debug, ToSchema)]
    pub struct ScaiGridError {
        /// Always `"error"`.
        #[schema(example = "error")]
        pub status: String,
        /// The error.
        #[schema(inline)]
        pub error: ScaiGridBody,
        /// Response metadata.
        #[schema(inline)]
        pub meta: ScaiGridMeta,
    }

    /// The `error` member of a ScaiGrid envelope.
    #[derive(Debug, ToSchema)]
    pub struct ScaiGridBody {
        /// Stable machine-readable code: branch on it.
        pub code: String,
        /// Human-readable message.
        pub message: String,
        /// Seconds to wait before retrying, when known.
        pub retry_after: Option<u64>,
        /// Per-field issues, then one entry per detail field.
        #[schema(inline)]
        pub details: Option<Vec<ScaiGridDetail>>,
    }

    /// One entry of ScaiGrid's `error.details`.
    #[derive(Debug, ToSchema)]
    pub struct ScaiGridDetail {
        /// Dotted path of the field (`body.items[0].name`), or a detail's name.
        pub field: String,
        /// What is wrong.
        pub message: String,
        /// A detail's value.
        pub value: Option<Value>,
    }

    /// The `meta` member of a ScaiGrid envelope.
    #[derive(Debug, ToSchema)]
    pub struct ScaiGridMeta {
        /// The request id (always present).
        pub request_id: String,
    }

    /// ScaiDrive (FastAPI) error (seed 002): `detail` is a display string, or on a 422
    /// the list of failing fields ([`PydanticEntry`]). The HTTP status is the signal;
    /// there is no code.
    #[derive(Debug, ToSchema)]
    pub struct ScaiDriveError {
        /// A human-readable string, or on a 422 a list of Pydantic entries
        /// (`[{type, loc, msg, input?, ctx?}]`).
        pub detail: Value,
    }

    /// ScaiKey error envelope (seed 003); `X-Request-ID` carries the same request id.
    #[derive(Debug, ToSchema)]
    pub struct ScaiKeyError {
        /// The error.
        #[schema(inline)]
        pub error: ScaiKeyBody,
    }

    /// The `error` member of a ScaiKey envelope.
    #[derive(Debug, ToSchema)]
    pub struct ScaiKeyBody {
        /// Stable machine-readable code (`snake_case`): branch on it.
        pub code: String,
        /// Human-readable message.
        pub message: String,
        /// Detail fields; on a 422, `fields` lists the failing fields
        /// (`[{field, message, code}]`).
        pub details: Option<Value>,
        /// The request id (always present).
        pub request_id: String,
    }

    /// RFC 9457 Problem Details (`application/problem+json`, seed 004), with the `code`
    /// extension; detail fields are further extension members.
    #[derive(Debug, ToSchema)]
    pub struct ProblemDetails {
        /// URI of the code's documentation page.
        #[schema(rename = "type")]
        pub type_uri: String,
        /// The code's meaning, the same for every occurrence.
        pub title: String,
        /// The HTTP status.
        pub status: u16,
        /// This occurrence's explanation.
        pub detail: Option<String>,
        /// The request path.
        pub instance: Option<String>,
        /// Stable dot-namespaced code: branch on it.
        pub code: String,
        /// Failing fields of a validation error.
        #[schema(inline)]
        pub errors: Option<Vec<ProblemViolation>>,
    }

    /// One entry of a problem's `errors`.
    #[derive(Debug, ToSchema)]
    pub struct ProblemViolation {
        /// What is wrong.
        pub detail: String,
        /// JSON Pointer (URI fragment) to the field in the body.
        pub pointer: String,
    }
}

/// The extension on each response naming, for each of its codes, whether a retry can
/// succeed ([`Retry`](crate::catalog::Retry): `never`, `after` or `safe`).
pub const RETRY_EXTENSION: &str = "x-retry";

/// The extension on a response with deprecated codes (`#[code(.., deprecated = "NEW")]`):
/// each such code and the code replacing it. Their examples' summaries say so too.
pub const DEPRECATED_EXTENSION: &str = "x-deprecated";

/// The document-level extension carrying a product's whole catalogue, in the schema of
/// [`catalog::export`](crate::catalog::export) (`schema`, `version`, `product`, `codes`).
pub const ERROR_CODES_EXTENSION: &str = "x-error-codes";

/// The [`x-error-codes`](ERROR_CODES_EXTENSION) extension of `product`, for
/// `OpenApiBuilder::extensions` (or to merge into a document's own).
///
/// ```
/// use api_envelope::integrations::utoipa::{ERROR_CODES_EXTENSION, error_codes_extension};
/// use api_envelope::{ApiError, Catalogued, Product, Section};
/// use utoipa::openapi::OpenApiBuilder;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(family = "rooms")]
/// enum RoomError {
///     /// Room is closed or archived.
///     #[code("SW_ROOM_FROZEN", status = 409)]
///     Frozen,
/// }
/// const PRODUCT: Product = Product::new("ScaiWave", &[Section::new("Rooms", &["rooms"])], &[RoomError::CATALOG]);
///
/// let mut doc = OpenApiBuilder::new().build();
/// doc.extensions = Some(error_codes_extension(&PRODUCT));
/// let json: serde_json::Value = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
/// assert_eq!(json[ERROR_CODES_EXTENSION]["codes"][0]["code"], "SW_ROOM_FROZEN");
/// assert_eq!(json[ERROR_CODES_EXTENSION]["codes"][0]["section"], "Rooms");
/// ```
#[must_use]
pub fn error_codes_extension(product: &crate::Product) -> utoipa::openapi::extensions::Extensions {
    ExtensionsBuilder::new()
        .add(
            ERROR_CODES_EXTENSION,
            crate::catalog::export::product_json(product),
        )
        .build()
}

/// Hand-picked example request id, so examples are stable.
const EXAMPLE_REQUEST_ID: &str = "req_0123456789abcdef";

/// The responses of one or more catalogues: one per HTTP status, for each format the
/// service sends, with each code of the status as a named example.
///
/// Each example is the body the format renders for the code's
/// [`CatalogSample`] (its meaning as message, no details); the example's summary is the
/// code's meaning. A code documented with several statuses appears under each.
#[derive(Clone, Default)]
pub struct ErrorResponses<'a> {
    catalogs: Vec<&'a Catalog>,
    media: Vec<(&'a dyn Format, Option<RefOr<Schema>>)>,
}

impl<'a> ErrorResponses<'a> {
    /// No catalogue, no format yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Lists the codes of `catalog`, those of the types it wraps (its nested catalogues)
    /// included.
    #[must_use]
    pub fn catalog(mut self, catalog: &'a Catalog) -> Self {
        self.catalogs.push(catalog);
        self
    }

    /// Lists the codes of every catalogue (a product's, for instance).
    #[must_use]
    pub fn catalogs(mut self, catalogs: impl IntoIterator<Item = &'a Catalog>) -> Self {
        self.catalogs.extend(catalogs);
        self
    }

    /// Adds a media type: `format`'s content type, with `schema` (or none).
    #[must_use]
    pub fn format(mut self, format: &'a dyn Format, schema: Option<RefOr<Schema>>) -> Self {
        self.media.push((format, schema));
        self
    }

    /// Adds a built-in format, with a reference to its schema ([`add_schemas`]).
    #[must_use]
    pub fn builtin(self, format: &'a dyn Format, wire: WireFormat) -> Self {
        self.format(format, Some(schema_ref(wire)))
    }

    /// The responses, keyed by status, in status order.
    #[must_use]
    pub fn build(&self) -> Responses {
        let mut by_status: BTreeMap<u16, Vec<CatalogSample>> = BTreeMap::new();
        for catalog in &self.catalogs {
            for entry in catalog.iter() {
                for status in entry.statuses {
                    let sample = CatalogSample::new(entry).with_status(status.as_u16());
                    by_status.entry(status.as_u16()).or_default().extend(sample);
                }
            }
        }
        let ctx = Context::new().request_id(EXAMPLE_REQUEST_ID);
        let mut responses = ResponsesBuilder::new();
        for (status, samples) in by_status {
            let reason = http::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Error");
            let codes: Vec<String> = samples
                .iter()
                .map(|s| format!("`{}`", s.entry().code))
                .collect();
            // Whether a retry can succeed, per code (`never`, `after`, `safe`).
            let retry: serde_json::Map<String, Value> = samples
                .iter()
                .map(|s| {
                    let entry = s.entry();
                    (entry.code.to_owned(), Value::from(entry.retry.as_str()))
                })
                .collect();
            // The deprecated codes and their replacements, when any.
            let deprecated: serde_json::Map<String, Value> = samples
                .iter()
                .filter_map(|s| {
                    let entry = s.entry();
                    entry
                        .deprecated
                        .map(|r| (entry.code.to_owned(), Value::from(r)))
                })
                .collect();
            let mut extensions =
                ExtensionsBuilder::new().add(RETRY_EXTENSION, Value::Object(retry));
            if !deprecated.is_empty() {
                extensions = extensions.add(DEPRECATED_EXTENSION, Value::Object(deprecated));
            }
            let mut response = ResponseBuilder::new()
                .description(format!("{reason}: {}", codes.join(", ")))
                .extensions(Some(extensions.build()));
            for (format, schema) in &self.media {
                let examples = samples.iter().map(|sample| {
                    let mut body = Vec::new();
                    let value = crate::render::write_body(sample, *format, &ctx, &mut body)
                        .ok()
                        .and_then(|()| serde_json::from_slice::<Value>(&body).ok());
                    let entry = sample.entry();
                    let summary = match entry.deprecated {
                        Some(replacement) => {
                            format!("Deprecated: use `{replacement}`. {}", entry.meaning)
                        }
                        None => entry.meaning.to_owned(),
                    };
                    let example = ExampleBuilder::new().summary(summary).value(value).build();
                    (sample.entry().code, example)
                });
                let content = ContentBuilder::new()
                    .schema(schema.clone())
                    .examples_from_iter(examples)
                    .build();
                let content_type = format.content_type();
                response =
                    response.content(content_type.to_str().unwrap_or("application/json"), content);
            }
            responses = responses.response(status.to_string(), response.build());
        }
        responses.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_name_their_members() {
        let problem = serde_json::to_value(envelope_schema(WireFormat::Problem)).unwrap();
        let props = problem["properties"].as_object().unwrap();
        for member in [
            "type", "title", "status", "detail", "instance", "code", "errors",
        ] {
            assert!(props.contains_key(member), "{member}: {problem}");
        }
        let grid = serde_json::to_value(envelope_schema(WireFormat::ScaiGrid)).unwrap();
        assert!(grid.to_string().contains(r#""retry_after":{"#), "{grid}");
        let wave = serde_json::to_value(envelope_schema(WireFormat::ScaiWave)).unwrap();
        assert_eq!(wave["required"], serde_json::json!(["error"]), "{wave}");
    }
}

//! The catalogue routes every product serves: codes, samples, OpenAPI, documentation
//! pages, `whoami`; what
//! they answer is framework-neutral (the actix-web backends serve the same functions).

use std::collections::HashMap;
use std::sync::Arc;

use api_envelope::Product;
use api_envelope::client::WireFormat;
use api_envelope::format::{Format, Problem};
use api_envelope::integrations::axum::{Path, Query, RequestContext};
use api_envelope::integrations::utoipa::{ErrorResponses, add_schemas, error_codes_extension};
use api_envelope::integrations::{CatalogSample, Envelopes, Failure, Rejection};
use api_envelope::reference::site::Site;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::{Backend, Samples};
use crate::backend;

/// What the catalogue handlers of one product need.
#[derive(Clone, Copy)]
pub(crate) struct ProductState {
    product: Product,
    samples: Samples,
}

impl ProductState {
    /// The catalogue and samples of `backend`.
    pub(crate) fn new(backend: Backend) -> Self {
        Self {
            product: backend.product(),
            samples: backend.samples(),
        }
    }
}

/// The per-code documentation pages of one product (`api_envelope::reference::site`),
/// made once: `GET /errors/` the index, `GET /errors/{code}` (or `{code}.html`) a code's.
#[derive(Clone)]
pub(crate) struct DocPages(Arc<HashMap<String, String>>);

impl DocPages {
    /// The pages of `backend`, its envelopes in `envelopes`' format.
    pub(crate) fn new(backend: Backend, envelopes: &Envelopes) -> Self {
        let product = backend.product();
        let site = Site::new(&product, envelopes.format());
        let pages = std::iter::once((String::new(), site.index()))
            .chain(product.rows().map(|row| {
                let page = site.page(row.entry.code).unwrap_or_default();
                (row.entry.code.to_owned(), page)
            }))
            .collect();
        Self(Arc::new(pages))
    }

    /// The page at `name` (`""` or `index.html`: the index; a code, with or without
    /// `.html`), or the product's not-found.
    pub(crate) fn get(&self, name: &str) -> Result<String, Rejection> {
        let key = match name {
            "index.html" => "",
            name => name.strip_suffix(".html").unwrap_or(name),
        };
        self.0
            .get(key)
            .cloned()
            .ok_or_else(|| missing(format!("No page for '{name}'")))
    }
}

/// An HTML page.
fn html(page: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// The catalogue routes of one product (`wire` names its format for the OpenAPI
/// schema).
pub(super) fn routes(backend: Backend, envelopes: &Envelopes) -> Router {
    let doc = openapi(backend, envelopes);
    let pages = DocPages::new(backend, envelopes);
    let index = pages.clone();
    Router::new()
        .route(
            "/errors/",
            get(move || async move { index.get("").map(html) }),
        )
        .route(
            "/errors/{page}",
            get(move |Path(page): Path<String>| async move { pages.get(&page).map(html) }),
        )
        .route(
            "/openapi.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], doc) }),
        )
        .route("/codes", get(codes))
        .route("/codes/{code}", get(code))
        .route("/codes/{code}/{status}", get(code_with_status))
        .route("/samples", get(sample_codes))
        .route("/samples/{code}", get(sample))
        .route("/samples/{code}/{status}", get(sample_with_status))
        .route("/whoami", get(get_whoami))
        .with_state(ProductState::new(backend))
}

/// The OpenAPI document of one product: `GET /codes/{code}` answers every code of the
/// catalogue, so its responses list the whole catalogue by status.
pub(crate) fn openapi(backend: Backend, envelopes: &Envelopes) -> String {
    let (product, wire) = (backend.product(), backend.wire());
    use utoipa::openapi::path::{OperationBuilder, ParameterBuilder, ParameterIn};
    use utoipa::openapi::{
        ComponentsBuilder, HttpMethod, InfoBuilder, OpenApiBuilder, PathItem, PathsBuilder,
        Required,
    };

    let problem = Problem::new(backend.problem_type_base());
    let mut responses = ErrorResponses::new()
        .catalogs(product.catalogs)
        .builtin(envelopes.format() as &dyn Format, wire);
    if envelopes.negotiates_problem() {
        responses = responses.builtin(&problem, WireFormat::Problem);
    }
    let operation = OperationBuilder::new()
        .summary(Some("The catalogue sample of one code"))
        .parameter(
            ParameterBuilder::new()
                .name("code")
                .parameter_in(ParameterIn::Path)
                .required(Required::True),
        )
        .responses(responses.build())
        .build();
    let mut components = ComponentsBuilder::new().build();
    add_schemas(&mut components);
    let mut doc = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title(format!("{} errors", product.name))
                .version("1")
                .build(),
        )
        .paths(PathsBuilder::new().path("/codes/{code}", PathItem::new(HttpMethod::Get, operation)))
        .components(Some(components))
        .build();
    // The whole catalogue, for SDK generators and linters.
    doc.extensions = Some(error_codes_extension(&product));
    doc.to_json().unwrap_or_default()
}

/// The query of `GET /codes`.
#[derive(Deserialize)]
pub(crate) struct CodesFilter {
    /// Only the codes documented with this status.
    status: Option<u16>,
}

/// `GET /codes`: the product's codes, one per line (only those documented with the
/// filter's status, when given).
pub(crate) fn code_list(state: ProductState, filter: &CodesFilter) -> String {
    state
        .product
        .entries()
        .filter(|(_, entry)| {
            filter
                .status
                .is_none_or(|s| entry.statuses.iter().any(|st| st.as_u16() == s))
        })
        .map(|(_, entry)| format!("{}\n", entry.code))
        .collect()
}

/// The product's not-found, saying what is missing.
fn missing(message: String) -> Rejection {
    Rejection::new(Failure::NoRoute).message(message)
}

/// `GET /codes/{code}[/{status}]`: the catalogue sample of `code` (with `status`, when
/// documented with it), or the product's not-found.
pub(crate) fn catalog_sample(
    state: ProductState,
    code: &str,
    status: Option<u16>,
) -> Result<backend::Error, Rejection> {
    let Some((_, entry)) = state.product.entries().find(|(_, e)| e.code == code) else {
        return Err(missing(format!(
            "No code '{code}' in the {} catalogue",
            state.product.name
        )));
    };
    let sample = CatalogSample::new(entry);
    match status {
        None => Ok(Box::new(sample)),
        Some(status) => match sample.with_status(status) {
            Some(sample) => Ok(Box::new(sample)),
            None => Err(missing(format!("'{code}' is not documented with {status}"))),
        },
    }
}

/// `GET /samples`: the codes and statuses of the product's sample errors, one per line.
pub(crate) fn sample_list(state: ProductState) -> String {
    (state.samples)()
        .iter()
        .map(|err| format!("{} {}\n", err.code(), err.status().as_u16()))
        .collect()
}

/// `GET /samples/{code}[/{status}]`: the product's sample error of `code` (with
/// `status`, when given), or the product's not-found.
pub(crate) fn real_sample(
    state: ProductState,
    code: &str,
    status: Option<u16>,
) -> Result<backend::Error, Rejection> {
    (state.samples)()
        .into_iter()
        .find(|err| err.code() == code && status.is_none_or(|s| err.status().as_u16() == s))
        .ok_or_else(|| {
            missing(match status {
                None => format!("No sample of '{code}'"),
                Some(status) => format!("No sample of '{code}' with {status}"),
            })
        })
}

/// `GET /whoami`: the request's id, as text.
pub(crate) fn whoami(ctx: &RequestContext) -> String {
    format!("{}\n", ctx.request_id())
}

// ---------------------------------------------------------------------------------------
// The axum handlers

/// A sample error (a box, rendered as the sample inside), or the not-found, as the
/// response.
fn respond(found: Result<backend::Error, Rejection>) -> Response {
    match found {
        Ok(err) => err.into_response(),
        Err(rejection) => rejection.into_response(),
    }
}

async fn codes(State(state): State<ProductState>, Query(filter): Query<CodesFilter>) -> String {
    code_list(state, &filter)
}

async fn code(State(state): State<ProductState>, Path(code): Path<String>) -> Response {
    respond(catalog_sample(state, &code, None))
}

async fn code_with_status(
    State(state): State<ProductState>,
    Path((code, status)): Path<(String, u16)>,
) -> Response {
    respond(catalog_sample(state, &code, Some(status)))
}

async fn sample_codes(State(state): State<ProductState>) -> String {
    sample_list(state)
}

async fn sample(State(state): State<ProductState>, Path(code): Path<String>) -> Response {
    respond(real_sample(state, &code, None))
}

async fn sample_with_status(
    State(state): State<ProductState>,
    Path((code, status)): Path<(String, u16)>,
) -> Response {
    respond(real_sample(state, &code, Some(status)))
}

async fn get_whoami(ctx: RequestContext) -> String {
    whoami(&ctx)
}

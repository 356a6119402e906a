//! An HTTP server answering with the five products' errors, each product in its own
//! envelope.
//!
//! ```text
//! cargo run -p api-envelope-examples --bin server            # 127.0.0.1:3000
//! cargo run -p api-envelope-examples --bin server -- 8080    # 127.0.0.1:8080
//! ```
//!
//! Every product is a nested router with its own [`RequestContextLayer`], so its errors
//! come out in its own format (per-router format) with the request's `X-Request-ID` (or a
//! fresh id) and path:
//!
//! | prefix | format | `Accept: application/problem+json` |
//! |---|---|---|
//! | `/scaiwave` | ScaiWave | ignored |
//! | `/scaigrid` | ScaiGrid | RFC 9457 |
//! | `/scaidrive` | ScaiDrive | ignored |
//! | `/scaikey` | ScaiKey | RFC 9457 |
//! | `/sonny` | RFC 9457 | (already) |
//!
//! Routes under each prefix:
//!
//! - `GET /codes` — the product's codes, one per line.
//! - `GET /codes/{code}` and `/codes/{code}/{status}` — the code's catalogue sample (its
//!   meaning as message), with its default or the given documented status.
//! - `GET /samples` — the codes of the product's realistic sample errors, one per line.
//! - `GET /samples/{code}` and `/samples/{code}/{status}` — that sample error: details,
//!   violations, retry hints, and for a 5xx a source chain that stays in the logs.
//! - `GET /openapi.json` — an OpenAPI document listing, per HTTP status, every code of
//!   the product as an example in each format the product sends.
//! - `GET /whoami` — the request id the layer gave the request (the `RequestContext`
//!   extractor), as text.
//!
//! And typed handlers returning `Result<_, Envelope<E>>` with `?`:
//! `GET /sonny/v1/scans/{id}` (`scans.not_found` unless the id is `scn_1`) and
//! `GET /scaikey/v1/secrets/{*path}` (`secret_not_found` unless the path is `demo`).

use std::net::{Ipv4Addr, SocketAddr};

use api_envelope::client::WireFormat;
use api_envelope::format::{Format, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::integrations::axum::{
    Envelope, RequestContext, RequestContextLayer, into_response,
};
use api_envelope::integrations::utoipa::{ErrorResponses, add_schemas};
use api_envelope::integrations::{CatalogSample, Envelopes};
use api_envelope::{ApiError, Product};
use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// The type base of the RFC 9457 `type` URIs.
pub const PROBLEM_TYPE_BASE: &str = "https://docs.example.com/errors/";

type Samples = fn() -> Vec<Box<dyn ApiError + Send + Sync>>;

/// What the handlers of one product need.
#[derive(Clone, Copy)]
struct ProductState {
    product: Product,
    samples: Samples,
}

/// The whole server: the five products under their prefixes, plus `GET /healthz`.
pub fn app() -> Router {
    let problem = || Problem::new(PROBLEM_TYPE_BASE);
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .nest(
            "/scaiwave",
            product(
                scaiwave::PRODUCT,
                scaiwave::samples,
                WireFormat::ScaiWave,
                Envelopes::new(ScaiWave),
            ),
        )
        .nest(
            "/scaigrid",
            product(
                scaigrid::PRODUCT,
                scaigrid::samples,
                WireFormat::ScaiGrid,
                Envelopes::new(ScaiGrid).allow_problem(problem()),
            ),
        )
        .nest(
            "/scaidrive",
            product(
                scaidrive::PRODUCT,
                scaidrive::samples,
                WireFormat::ScaiDrive,
                Envelopes::new(ScaiDrive),
            ),
        )
        .nest(
            "/scaikey",
            product(
                scaikey::PRODUCT,
                scaikey::samples,
                WireFormat::ScaiKey,
                Envelopes::new(ScaiKey).allow_problem(problem()),
            )
            .merge(
                Router::new()
                    .route("/v1/secrets/{*path}", get(secret))
                    .layer(RequestContextLayer::new(
                        Envelopes::new(ScaiKey).allow_problem(problem()),
                    )),
            ),
        )
        .nest(
            "/sonny",
            product(
                sonny::PRODUCT,
                sonny::samples,
                WireFormat::Problem,
                Envelopes::new(problem()),
            )
            .merge(
                Router::new()
                    .route("/v1/scans/{id}", get(scan))
                    .layer(RequestContextLayer::new(Envelopes::new(problem()))),
            ),
        )
}

/// The common routes of one product, rendered as `envelopes` says (`wire` names its
/// format for the OpenAPI schema).
fn product(product: Product, samples: Samples, wire: WireFormat, envelopes: Envelopes) -> Router {
    let doc = openapi(product, wire, &envelopes);
    Router::new()
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
        .route("/whoami", get(whoami))
        .with_state(ProductState { product, samples })
        .layer(RequestContextLayer::new(envelopes))
}

/// The OpenAPI document of one product: `GET /codes/{code}` answers every code of the
/// catalogue, so its responses list the whole catalogue by status.
fn openapi(product: Product, wire: WireFormat, envelopes: &Envelopes) -> String {
    use utoipa::openapi::path::{OperationBuilder, ParameterBuilder, ParameterIn};
    use utoipa::openapi::{
        ComponentsBuilder, HttpMethod, InfoBuilder, OpenApiBuilder, PathItem, PathsBuilder,
        Required,
    };

    let problem = Problem::new(PROBLEM_TYPE_BASE);
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
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title(format!("{} errors", product.name))
                .version("1")
                .build(),
        )
        .paths(PathsBuilder::new().path("/codes/{code}", PathItem::new(HttpMethod::Get, operation)))
        .components(Some(components))
        .build()
        .to_json()
        .unwrap_or_default()
}

async fn codes(State(state): State<ProductState>) -> String {
    state
        .product
        .entries()
        .map(|(_, entry)| format!("{}\n", entry.code))
        .collect()
}

fn catalog_sample(state: ProductState, code: &str, status: Option<u16>) -> Response {
    let Some((_, entry)) = state.product.entries().find(|(_, e)| e.code == code) else {
        return (StatusCode::NOT_FOUND, format!("no code {code}\n")).into_response();
    };
    let sample = CatalogSample::new(entry);
    match status {
        None => into_response(&sample),
        Some(status) => match sample.with_status(status) {
            Some(sample) => into_response(&sample),
            None => (
                StatusCode::NOT_FOUND,
                format!("{code} is not documented with {status}\n"),
            )
                .into_response(),
        },
    }
}

async fn code(State(state): State<ProductState>, Path(code): Path<String>) -> Response {
    catalog_sample(state, &code, None)
}

async fn code_with_status(
    State(state): State<ProductState>,
    Path((code, status)): Path<(String, u16)>,
) -> Response {
    catalog_sample(state, &code, Some(status))
}

async fn sample_codes(State(state): State<ProductState>) -> String {
    (state.samples)()
        .iter()
        .map(|err| format!("{} {}\n", err.code(), err.status().as_u16()))
        .collect()
}

fn real_sample(state: ProductState, code: &str, status: Option<u16>) -> Response {
    let samples = (state.samples)();
    let found = samples
        .iter()
        .find(|err| err.code() == code && status.is_none_or(|s| err.status().as_u16() == s));
    match found {
        Some(err) => into_response(&**err),
        None => (StatusCode::NOT_FOUND, format!("no sample {code}\n")).into_response(),
    }
}

async fn sample(State(state): State<ProductState>, Path(code): Path<String>) -> Response {
    real_sample(state, &code, None)
}

async fn sample_with_status(
    State(state): State<ProductState>,
    Path((code, status)): Path<(String, u16)>,
) -> Response {
    real_sample(state, &code, Some(status))
}

async fn whoami(ctx: RequestContext) -> String {
    format!("{}\n", ctx.request_id())
}

/// A typed handler: `?` turns the product's error into its envelope.
async fn scan(Path(id): Path<String>) -> Result<String, Envelope<sonny::ScanError>> {
    if id == "scn_1" {
        return Ok("{\"id\":\"scn_1\",\"state\":\"done\"}".to_owned());
    }
    Err(sonny::ScanError::NotFound { scan_id: id })?
}

/// A typed handler with a detail field: `secret_not_found` with `details.path`.
async fn secret(Path(path): Path<String>) -> Result<String, Envelope<scaikey::NotFoundError>> {
    if path == "demo" {
        return Ok("s3cr3t".to_owned());
    }
    Err(scaikey::NotFoundError::Secret { path })?
}

/// Serves [`app`] on `listener` until the process ends.
///
/// # Errors
/// When accepting connections fails.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app()).await
}

#[allow(
    dead_code,
    reason = "the tests include this file as a module and start `serve` themselves"
)]
fn main() -> std::io::Result<()> {
    let port = std::env::args()
        .nth(1)
        .map_or(Ok(3000), |p| p.parse::<u16>())
        .map_err(std::io::Error::other)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
        println!(
            "api-envelope example server on http://{}",
            listener.local_addr()?
        );
        serve(listener).await
    })
}

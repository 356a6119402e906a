//! The catalogue routes every product serves, on actix-web: the same functions as the
//! axum server's (`crate::server::catalog`).

use actix_web::{HttpResponse, ResponseError, web};
use api_envelope::integrations::actix_web::{Path, Query, RequestContext};
use api_envelope::integrations::{Envelopes, Rejection};

use super::get;
use crate::backend;
use crate::server::Backend;
use crate::server::catalog::{self as shared, CodesFilter, DocPages, ProductState};

/// One product's catalogue: what its handlers read, and its OpenAPI document (made
/// once).
#[derive(Clone)]
pub(super) struct Catalog {
    state: ProductState,
    openapi: web::Bytes,
    pages: DocPages,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").finish_non_exhaustive()
    }
}

impl Catalog {
    pub(super) fn new(backend: Backend, envelopes: &Envelopes) -> Self {
        let doc = shared::openapi(backend, envelopes);
        Self {
            state: ProductState::new(backend),
            openapi: doc.into(),
            pages: DocPages::new(backend, envelopes),
        }
    }

    /// Registers the catalogue routes in the product's scope.
    pub(super) fn routes(&self, cfg: &mut web::ServiceConfig) {
        let doc = self.openapi.clone();
        let openapi = move || {
            let doc = doc.clone();
            async move {
                HttpResponse::Ok()
                    .content_type("application/json")
                    .body(doc)
            }
        };
        cfg.app_data(web::Data::new(self.state))
            .app_data(web::Data::new(self.pages.clone()))
            .service(get("/openapi.json", openapi))
            .service(get("/errors/", error_index))
            .service(get("/errors/{page}", error_page))
            .service(get("/codes", codes))
            .service(get("/codes/{code}", code))
            .service(get("/codes/{code}/{status}", code_with_status))
            .service(get("/samples", sample_codes))
            .service(get("/samples/{code}", sample))
            .service(get("/samples/{code}/{status}", sample_with_status))
            .service(get("/whoami", whoami));
    }
}

type State = web::Data<ProductState>;

fn html(page: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page)
}

async fn error_index(pages: web::Data<DocPages>) -> Result<HttpResponse, Rejection> {
    pages.get("").map(html)
}

async fn error_page(
    pages: web::Data<DocPages>,
    Path(page): Path<String>,
) -> Result<HttpResponse, Rejection> {
    pages.get(&page).map(html)
}

/// A sample error as the response, or the product's not-found.
fn respond(found: Result<backend::Error, Rejection>) -> Result<HttpResponse, Rejection> {
    found.map(|err| err.error_response())
}

async fn codes(state: State, Query(filter): Query<CodesFilter>) -> String {
    shared::code_list(**state, &filter)
}

async fn code(state: State, Path(code): Path<String>) -> Result<HttpResponse, Rejection> {
    respond(shared::catalog_sample(**state, &code, None))
}

async fn code_with_status(
    state: State,
    Path((code, status)): Path<(String, u16)>,
) -> Result<HttpResponse, Rejection> {
    respond(shared::catalog_sample(**state, &code, Some(status)))
}

async fn sample_codes(state: State) -> String {
    shared::sample_list(**state)
}

async fn sample(state: State, Path(code): Path<String>) -> Result<HttpResponse, Rejection> {
    respond(shared::real_sample(**state, &code, None))
}

async fn sample_with_status(
    state: State,
    Path((code, status)): Path<(String, u16)>,
) -> Result<HttpResponse, Rejection> {
    respond(shared::real_sample(**state, &code, Some(status)))
}

async fn whoami(ctx: RequestContext) -> String {
    shared::whoami(&ctx)
}

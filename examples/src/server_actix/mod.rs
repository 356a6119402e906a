//! The example server on actix-web (`--bin server-actix`, feature `actix-web`): the same
//! five backends as [`crate::server`] (axum), with the same routes, the same in-memory
//! domain logic ([`crate::backend`]), and the same statuses, codes and bodies.
//!
//! ```text
//! cargo run -p api-envelope-examples --features actix-web --bin server-actix           # 127.0.0.1:3000
//! cargo run -p api-envelope-examples --features actix-web --bin server-actix -- 8080   # 127.0.0.1:8080
//! ```
//!
//! actix-web builds one `App` per worker thread, so the backends' state and rate limiters
//! are made once, in a [`Server`] (or one [`ProductService`]), and every worker's `App`
//! is configured from clones sharing them: [`Server::configure`] is the whole server,
//! [`ProductService::configure_with`] one product with routes of one's own under the same
//! policy (how the tests add a handler that panics or stalls).
//!
//! Every product is a scope under its [prefix](Backend::prefix) wrapped in its own
//! [`RequestContextMiddleware`] (with the product's [`envelopes`] and a
//! [timeout](ServerConfig::timeout)), with the runtime's extractor configs and a body
//! limit of [`BODY_LIMIT`] ([`configure`]), and a default service answering the product's
//! not-found; ScaiKey's middleware counts every request in its quota, and ScaiGrid's
//! completions resource has a middleware of its own with its limiter, as on axum.
//! [`serve`] runs [`Server`] on two workers;
//! [`serve_with`] any configuration.
//!
//! One difference from axum shows on the wire: actix-web writes `Allow` as `GET, HEAD`
//! where axum writes `GET,HEAD`.

use actix_web::{App, FromRequest, Handler, HttpResponse, HttpServer, Resource, Responder, web};
use api_envelope::integrations::actix_web::{RequestContextMiddleware, configure};
use api_envelope::integrations::{Envelopes, Failure, RateKey, Rejection};

use crate::backend;
use crate::server::{BODY_LIMIT, Backend, ServerConfig, envelopes};

mod catalog;
mod products;

/// The whole server: the five products under their prefixes, plus `GET /healthz`; any
/// other path is a 404 in RFC 9457 ([`Envelopes::default`]). Cheap to clone: clones share
/// the backends' state.
#[derive(Debug, Clone)]
pub struct Server {
    products: Vec<ProductService>,
}

impl Server {
    /// The five backends with fresh in-memory state, under `config`.
    #[must_use]
    pub fn new(config: &ServerConfig) -> Self {
        Self {
            products: Backend::ALL
                .iter()
                .map(|&backend| ProductService::new(backend, config))
                .collect(),
        }
    }

    /// Registers the whole server (for `App::configure`, in each worker).
    pub fn configure(&self, cfg: &mut web::ServiceConfig) {
        for product in &self.products {
            product.configure(cfg);
        }
        // Last, so that it only sees what no product's scope matched.
        cfg.service(
            web::scope("")
                .wrap(RequestContextMiddleware::new(Envelopes::default()))
                .service(get("/healthz", healthz))
                .default_service(web::to(no_route)),
        );
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// One product's backend: its policy, its in-memory state and (ScaiGrid, ScaiKey) its
/// rate limiter, made once and shared by every worker's scope.
#[derive(Debug, Clone)]
pub struct ProductService {
    backend: Backend,
    envelopes: Envelopes,
    timeout: std::time::Duration,
    catalog: catalog::Catalog,
    state: products::State,
}

impl ProductService {
    /// `backend` with fresh in-memory state, under `config`.
    #[must_use]
    pub fn new(backend: Backend, config: &ServerConfig) -> Self {
        let policy = envelopes(backend);
        let limited = |quota| {
            policy.clone().rate_limiter(
                crate::server::swept_limiter(quota),
                RateKey::Header(api_envelope::http::header::AUTHORIZATION),
            )
        };
        let (envelopes, state) = match backend {
            Backend::ScaiWave => (policy.clone(), products::State::wave()),
            // Only the completions are rate limited: their own middleware, with the limiter.
            Backend::ScaiGrid => (
                policy.clone(),
                products::State::grid(limited(config.grid_quota)),
            ),
            Backend::ScaiDrive => (policy.clone(), products::State::drive()),
            Backend::ScaiKey => (limited(config.key_quota), products::State::key()),
            Backend::Sonny => (policy.clone(), products::State::sonny()),
        };
        Self {
            backend,
            catalog: catalog::Catalog::new(backend, &policy),
            envelopes,
            timeout: config.timeout,
            state,
        }
    }

    /// The product it serves.
    #[must_use]
    pub const fn backend(&self) -> Backend {
        self.backend
    }

    /// Registers the product's scope (for `App::configure`, in each worker).
    pub fn configure(&self, cfg: &mut web::ServiceConfig) {
        self.configure_with(cfg, |_| {});
    }

    /// [`configure`](Self::configure) with `extra` routes served in the product's scope,
    /// under the same policy: its envelopes, timeout, body limit and default service (and
    /// for ScaiKey its rate limiter).
    pub fn configure_with(
        &self,
        cfg: &mut web::ServiceConfig,
        extra: impl FnOnce(&mut web::ServiceConfig),
    ) {
        let scope = web::scope(self.backend.prefix())
            .wrap(RequestContextMiddleware::new(self.envelopes.clone()).timeout(self.timeout))
            .configure(configure(BODY_LIMIT))
            .configure(|cfg| self.catalog.routes(cfg))
            .configure(extra)
            .configure(|cfg| self.state.routes(cfg))
            .default_service(web::to(no_route));
        cfg.service(scope);
    }
}

/// A default service answering [`Failure::NoRoute`] in the enclosing middleware's
/// envelope.
async fn no_route() -> Result<HttpResponse, Rejection> {
    Err(Rejection::new(Failure::NoRoute))
}

/// A resource at `path` answering `GET` with `handler`, and `HEAD` too, as axum's `get`
/// does (actix-web drops the body).
fn get<F, Args>(path: &str, handler: F) -> Resource
where
    F: Handler<Args> + Clone,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler.clone()))
        .route(web::head().to(handler))
}

/// A handler's answer: a response, or any of the product's catalogue errors, boxed (the
/// box is a `ResponseError`, rendered as the error inside, in the product's envelope).
type Answer = Result<HttpResponse, backend::Error>;

/// Serves [`Server`] (fresh state under `config`) on `listener` until the process ends,
/// on two worker threads of an actix-web system of its own.
///
/// # Errors
/// When the listener cannot be used or serving fails.
pub fn serve(listener: std::net::TcpListener, config: &ServerConfig) -> std::io::Result<()> {
    let server = Server::new(config);
    serve_with(listener, move |cfg| server.configure(cfg))
}

/// Serves any configuration (a test's, built from [`ProductService::configure_with`])
/// as [`serve`] does: `configure` runs once per worker.
///
/// # Errors
/// When the listener cannot be used or serving fails.
pub fn serve_with<F>(listener: std::net::TcpListener, configure: F) -> std::io::Result<()>
where
    F: Fn(&mut web::ServiceConfig) + Send + Clone + 'static,
{
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || App::new().configure(configure.clone()))
            .workers(2)
            .disable_signals()
            .listen(listener)?
            .run()
            .await
    })
}

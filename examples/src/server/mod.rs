//! The example server (`--bin server`): the five products as small backends with
//! in-memory state, each under its prefix and answering every error, its own or the
//! framework's, in its own envelope.
//!
//! ```text
//! cargo run -p api-envelope-examples --bin server            # 127.0.0.1:3000
//! cargo run -p api-envelope-examples --bin server -- 8080    # 127.0.0.1:8080
//! ```
//!
//! [`app`] is the whole server; [`product_router_with`] one product with routes of one's
//! own under the same policy (how the tests add a handler that panics or stalls), and
//! [`envelopes`] its error policy.
//!
//! Every product is a nested router with its own [`RequestContextLayer`] (applied last,
//! outside a [`TimeoutLayer`] answering 504 after [`ServerConfig::timeout`] and a
//! [`DefaultBodyLimit`] of [`BODY_LIMIT`]) and its own fallback, so an unknown route, a
//! wrong method (with `Allow`), a rejected body or parameter, a body over 64 KB, a
//! timeout and a handler panic all come out in the product's envelope with the product's
//! codes ([`envelopes`]), and every response carries `X-Request-ID` (the request's when it
//! is 1 to 128 visible ASCII characters, else a fresh `req_` + 16 hex digits). The
//! backends' domain logic is [`crate::backend`].
//!
#![doc = include_str!("routes.md")]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use api_envelope::client::WireFormat;
use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::integrations::axum::{RequestContextLayer, no_route};
use api_envelope::integrations::ratelimit::{GovernorLimiter, Quota};
use api_envelope::integrations::{Envelopes, RateKey};
use api_envelope::{ApiError, Product};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, header};
use axum::routing::get;
use tower_http::timeout::TimeoutLayer;

use crate::{backend, scaidrive, scaigrid, scaikey, scaiwave, sonny};

pub(crate) mod catalog;
mod products;

/// A type base of RFC 9457 `type` URIs, for examples that need one. The backends use
/// their own, [`Backend::problem_type_base`].
pub const PROBLEM_TYPE_BASE: &str = "https://docs.example.com/errors/";

/// Where the products' documentation lives: a product's Problem `type` is
/// `{DOCS_ORIGIN}{prefix}/errors/{code}`, the path at which the server also serves that
/// code's page (`catalog --site` writes the same tree).
pub const DOCS_ORIGIN: &str = "https://docs.example.com";

/// The largest request body every product reads: 64 KB (ScaiWave's
/// `SW_CONTENT_TOO_LARGE` is "> 64 KB").
pub const BODY_LIMIT: usize = 64 * 1024;

/// What can be tuned in the server: the request timeout and the two rate-limit quotas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerConfig {
    /// How long a request may take before the product answers 504 (default 2 s).
    pub timeout: Duration,
    /// ScaiGrid's quota for `POST /v1/chat/completions`, per caller (default 5 per
    /// minute).
    pub grid_quota: Quota,
    /// ScaiKey's quota for every route, per caller (default 100 per minute).
    pub key_quota: Quota,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(2),
            grid_quota: Quota::per_minute(5),
            key_quota: Quota::per_minute(100),
        }
    }
}

/// One of the five products the server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// ScaiWave: rooms and messages.
    ScaiWave,
    /// ScaiGrid: models and chat completions.
    ScaiGrid,
    /// ScaiDrive: folders and files.
    ScaiDrive,
    /// ScaiKey: secrets.
    ScaiKey,
    /// Sonny Labs: scans and users.
    Sonny,
}

pub(crate) type Samples = fn() -> Vec<Box<dyn ApiError + Send + Sync>>;

impl Backend {
    /// The five, in seed order.
    pub const ALL: [Self; 5] = [
        Self::ScaiWave,
        Self::ScaiGrid,
        Self::ScaiDrive,
        Self::ScaiKey,
        Self::Sonny,
    ];

    /// The prefix it is served under: `/scaiwave`, `/scaigrid`, `/scaidrive`, `/scaikey`,
    /// `/sonny`.
    #[must_use]
    pub const fn prefix(self) -> &'static str {
        match self {
            Self::ScaiWave => "/scaiwave",
            Self::ScaiGrid => "/scaigrid",
            Self::ScaiDrive => "/scaidrive",
            Self::ScaiKey => "/scaikey",
            Self::Sonny => "/sonny",
        }
    }

    /// Its catalogue.
    #[must_use]
    pub const fn product(self) -> Product {
        match self {
            Self::ScaiWave => scaiwave::PRODUCT,
            Self::ScaiGrid => scaigrid::PRODUCT,
            Self::ScaiDrive => scaidrive::PRODUCT,
            Self::ScaiKey => scaikey::PRODUCT,
            Self::Sonny => sonny::PRODUCT,
        }
    }

    /// The base of its RFC 9457 `type` URIs: `https://docs.example.com{prefix}/errors/`,
    /// so a `type` names the code's page ([`DOCS_ORIGIN`]; the server serves the same
    /// path).
    #[must_use]
    pub const fn problem_type_base(self) -> &'static str {
        match self {
            Self::ScaiWave => "https://docs.example.com/scaiwave/errors/",
            Self::ScaiGrid => "https://docs.example.com/scaigrid/errors/",
            Self::ScaiDrive => "https://docs.example.com/scaidrive/errors/",
            Self::ScaiKey => "https://docs.example.com/scaikey/errors/",
            Self::Sonny => "https://docs.example.com/sonny/errors/",
        }
    }

    /// The wire format its errors are in (without negotiation).
    #[must_use]
    pub const fn wire(self) -> WireFormat {
        match self {
            Self::ScaiWave => WireFormat::ScaiWave,
            Self::ScaiGrid => WireFormat::ScaiGrid,
            Self::ScaiDrive => WireFormat::ScaiDrive,
            Self::ScaiKey => WireFormat::ScaiKey,
            Self::Sonny => WireFormat::Problem,
        }
    }

    pub(crate) const fn samples(self) -> Samples {
        match self {
            Self::ScaiWave => scaiwave::samples,
            Self::ScaiGrid => scaigrid::samples,
            Self::ScaiDrive => scaidrive::samples,
            Self::ScaiKey => scaikey::samples,
            Self::Sonny => sonny::samples,
        }
    }
}

/// The error policy of `backend`: its format, whether a client may negotiate RFC 9457
/// (ScaiGrid and ScaiKey), and its codes for the framework's failures (the product
/// module's `failures()`). Without a rate limiter: [`product_router`] adds ScaiGrid's and
/// ScaiKey's, which keep state per server.
#[must_use]
pub fn envelopes(backend: Backend) -> Envelopes {
    let problem = || Problem::new(backend.problem_type_base());
    match backend {
        // ScaiWave is a user product: its messages in English and German by
        // `Accept-Language`.
        Backend::ScaiWave => Envelopes::new(ScaiWave)
            .failures(scaiwave::failures())
            .localizer(scaiwave::localizer()),
        Backend::ScaiGrid => Envelopes::new(ScaiGrid)
            .allow_problem(problem())
            .failures(scaigrid::failures()),
        Backend::ScaiDrive => Envelopes::new(ScaiDrive).failures(scaidrive::failures()),
        Backend::ScaiKey => Envelopes::new(ScaiKey)
            .allow_problem(problem())
            .failures(scaikey::failures()),
        Backend::Sonny => Envelopes::new(problem()).failures(sonny::failures()),
    }
}

/// The whole server: the five products under their prefixes, plus `GET /healthz`; any
/// other path is a 404 in RFC 9457 ([`Envelopes::default`]).
pub fn app(config: &ServerConfig) -> Router {
    let mut app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .fallback(no_route)
        .layer(RequestContextLayer::new(Envelopes::default()));
    // Nested after the top-level layer: each product is wrapped by its own only.
    for backend in Backend::ALL {
        app = app.nest(backend.prefix(), product_router(backend, config));
    }
    app
}

/// One product's router (to nest under its [prefix](Backend::prefix)), with fresh
/// in-memory state.
pub fn product_router(backend: Backend, config: &ServerConfig) -> Router {
    product_router_with(backend, config, Router::new())
}

/// [`product_router`] with `extra` routes served under the same policy: the product's
/// envelopes, timeout, body limit and fallback (and for ScaiKey its rate limiter).
pub fn product_router_with(backend: Backend, config: &ServerConfig, extra: Router) -> Router {
    let envelopes = envelopes(backend);
    let routes = catalog::routes(backend, &envelopes).merge(extra);
    match backend {
        Backend::ScaiWave => guard(routes.merge(products::scaiwave()), envelopes, config),
        Backend::ScaiGrid => {
            let models = crate::backend::scaigrid::Models::seeded();
            // Only the completions are rate limited: their own layer, with the limiter.
            let chat = products::scaigrid_chat(models.clone());
            let limited = envelopes.clone().rate_limiter(
                swept_limiter(config.grid_quota),
                RateKey::Header(header::AUTHORIZATION),
            );
            guard(routes.merge(products::scaigrid(models)), envelopes, config)
                .merge(guard_routes(chat, limited, config))
        }
        Backend::ScaiDrive => guard(routes.merge(products::scaidrive()), envelopes, config),
        Backend::ScaiKey => {
            let limited = envelopes.rate_limiter(
                swept_limiter(config.key_quota),
                RateKey::Header(header::AUTHORIZATION),
            );
            guard(routes.merge(products::scaikey()), limited, config)
        }
        Backend::Sonny => guard(routes.merge(products::sonny()), envelopes, config),
    }
}

/// A governor limiter for `quota` whose idle buckets are swept once a minute by a task
/// of the runtime the server runs on (when there is one), so made-up API keys cannot
/// grow its map without bound; the task ends with the limiter.
pub(crate) fn swept_limiter(quota: Quota) -> Arc<GovernorLimiter> {
    let limiter = Arc::new(GovernorLimiter::new(quota));
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let weak = Arc::downgrade(&limiter);
        runtime.spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            every.tick().await;
            loop {
                every.tick().await;
                let Some(limiter) = weak.upgrade() else { break };
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        });
    }
    limiter
}

/// `routes` with the product's fallback, body limit, timeout and envelopes.
fn guard(routes: Router, envelopes: Envelopes, config: &ServerConfig) -> Router {
    guard_routes(routes.fallback(no_route), envelopes, config)
}

/// `routes` with the body limit and timeout inside the envelopes' layer (applied last,
/// so it re-renders their bare 413 and 504).
fn guard_routes(routes: Router, envelopes: Envelopes, config: &ServerConfig) -> Router {
    routes
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            config.timeout,
        ))
        .layer(RequestContextLayer::new(envelopes))
}

/// A handler's answer: `T`, or any of the product's catalogue errors, boxed (the box is
/// an `IntoResponse`, rendered as the error inside, in the product's envelope).
pub(crate) type Answer<T> = Result<T, backend::Error>;

/// The port the server binaries listen on: their first argument, else 3000.
///
/// # Errors
/// When the argument is not a port number.
pub fn port_arg() -> std::io::Result<u16> {
    std::env::args()
        .nth(1)
        .map_or(Ok(3000), |p| p.parse::<u16>())
        .map_err(std::io::Error::other)
}

/// Serves [`app`] on `listener` until the process ends, with each connection's client
/// address (what the rate limiters count by when a request has no `Authorization`).
///
/// # Errors
/// When accepting connections fails.
pub async fn serve(listener: tokio::net::TcpListener, config: ServerConfig) -> std::io::Result<()> {
    serve_router(listener, app(&config)).await
}

/// Serves any router (a test's, built from [`product_router_with`]) as [`serve`] does.
///
/// # Errors
/// When accepting connections fails.
pub async fn serve_router(
    listener: tokio::net::TcpListener,
    router: Router,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

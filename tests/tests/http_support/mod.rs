//! The example server on a loopback port, and a real HTTP client for it.
//!
//! Each test binary starts the server once (`127.0.0.1:0`, a port the OS picks) on a
//! background thread; it ends with the test process. Requests go through `ureq` over
//! real TCP, with no proxy, a timeout, and statuses >= 400 returned as responses.
//!
//! The shared server ([`base`]) runs with [`roomy`] quotas, so the many requests of one
//! test binary never run out; a test of the rate limits starts its own ([`start`]).

#![allow(dead_code, reason = "each test binary uses part of the support")]

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::OnceLock;
use std::time::Duration;

use api_envelope::client::RemoteError;
use api_envelope::http::{HeaderMap, StatusCode};
use api_envelope::integrations::ratelimit::Quota;

/// The example server (`--bin server` runs its `app`).
pub use api_envelope_examples::server;

pub mod matrix;

/// One response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("UTF-8 body")
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("ASCII header"))
    }

    /// The response decoded by the client side of api-envelope.
    pub fn remote(&self) -> RemoteError {
        RemoteError::from_parts(self.status, &self.headers, &self.body)
    }
}

/// The default configuration with quotas no test binary exhausts (the limiters still
/// count, so ScaiKey still sends `X-RateLimit-*`).
pub fn roomy() -> server::ServerConfig {
    server::ServerConfig {
        grid_quota: Quota::per_minute(1_000_000),
        key_quota: Quota::per_minute(1_000_000),
        ..server::ServerConfig::default()
    }
}

/// Serves `router` (with client addresses) on a fresh loopback port on a background
/// thread; returns its base URL.
pub fn start(router: axum::Router) -> String {
    let listener =
        TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("bind loopback");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let addr = listener.local_addr().expect("local addr");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            server::serve_router(listener, router).await.expect("serve");
        });
    });
    format!("http://{addr}")
}

/// Serves the actix-web example backends as `configure` registers them (once per
/// worker; see `server_actix::serve_with`) on a fresh loopback port on a background
/// thread; returns its base URL.
#[cfg(feature = "actix-web")]
pub fn start_actix<F>(configure: F) -> String
where
    F: Fn(&mut actix_web::web::ServiceConfig) + Send + Clone + 'static,
{
    let listener =
        TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    std::thread::spawn(move || {
        api_envelope_examples::server_actix::serve_with(listener, configure).expect("serve");
    });
    format!("http://{addr}")
}

/// The base URL of the example server ([`server::app`] with [`roomy`] quotas), started
/// on first use.
pub fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| start(server::app(&roomy())))
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into()
    })
}

/// `GET {base}{path}` with `headers`.
pub fn get(path: &str, headers: &[(&str, &str)]) -> Reply {
    send_to(base(), "GET", path, None, headers)
}

/// `method {base}{path}` on the shared server, with a JSON `body` when given.
pub fn send(method: &str, path: &str, body: Option<&[u8]>, headers: &[(&str, &str)]) -> Reply {
    send_to(base(), method, path, body, headers)
}

/// `method {base}{path}` with `headers`, and a body sent as `application/json` when given
/// (unless `headers` name another content type).
pub fn send_to(
    base: &str,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    headers: &[(&str, &str)],
) -> Reply {
    let url = format!("{base}{path}");
    let mut request = ureq::http::Request::builder().method(method).uri(&url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let has_type = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    let res = match body {
        Some(body) => {
            if !has_type {
                request = request.header("content-type", "application/json");
            }
            agent().run(request.body(body.to_vec()).expect("request"))
        }
        None => agent().run(request.body(()).expect("request")),
    };
    let mut res = res.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.body_mut().read_to_vec().expect("read body");
    Reply {
        status,
        headers,
        body,
    }
}

/// Whether `id` is a generated request id: `req_` and 16 hex digits.
pub fn is_generated_id(id: &str) -> bool {
    id.len() == 20 && id.starts_with("req_") && id[4..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A service's own error type: with the serving features on, its derive makes it an axum
/// `IntoResponse` and an actix-web `ResponseError`.
#[derive(Debug, api_envelope::ApiError)]
#[api_error(convention = "dotted", prefix = "rooms.")]
pub enum RoomError {
    /// The room is closed.
    #[code("rooms.frozen", status = 409)]
    #[message("room {room} is frozen")]
    Frozen {
        #[detail]
        room: String,
    },
}

/// A type that declares its own envelope (RFC 9457 under its own base): an expression,
/// evaluated once.
#[derive(Debug, api_envelope::ApiError)]
#[api_error(format = api_envelope::format::Problem::new("https://boards.example.com/errors/"))]
pub enum BoardError {
    /// The board is locked.
    #[code("BOARD_LOCKED", status = 423)]
    Locked,
}

/// A type that declares a unit-struct format.
#[derive(Debug, api_envelope::ApiError)]
#[api_error(format = ::api_envelope::format::ScaiGrid)]
pub enum GridError {
    /// No frontend model with that slug.
    #[code("MODEL_NOT_FOUND", status = 404)]
    ModelNotFound,
}

/// The requests `tests/fastapi/record.py` sent to FastAPI, with its answers
/// (`tests/fastapi/recorded.json`).
pub fn fastapi_recorded() -> Vec<serde_json::Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fastapi/recorded.json");
    let text = std::fs::read_to_string(path).expect("tests/fastapi/recorded.json");
    let all: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    all["requests"].as_array().expect("requests").clone()
}

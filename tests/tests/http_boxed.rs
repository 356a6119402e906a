//! Boxed and shared errors over real loopback HTTP: handlers on axum and on actix-web
//! fail with `Box<dyn ApiError + Send + Sync>` (and an `Arc<dyn ApiError + Send + Sync>`,
//! served as `Envelope(arc)` or `Box::new(arc)`), and each answer is byte for byte the
//! answer of the same error returned unboxed: status, headers and body, in ScaiWave, in
//! RFC 9457 (as the service's format, and negotiated), with the request id, a retry hint,
//! a type's declared format, and 5xx answers showing their public text only.

mod http_support;

use std::sync::{Arc, OnceLock};

use api_envelope::format::{Problem, ScaiKey, ScaiWave};
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::axum::{Envelope, Path, RequestContextLayer};
use api_envelope::{ApiError, Catalog, CatalogEntry, Catalogued, Convention};
use axum::Router;
use axum::routing::get;
use http_support::{BoardError, Reply, is_generated_id, send_to};

const TYPE_BASE: &str = "https://docs.example.com/errors/";

/// What a 5xx knows but must never send: its message and its source's.
const SECRETS: [&str; 3] = ["hunter2", "10.0.0.7", "shard 7"];

/// A service's own errors, derived.
#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
enum WaveError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen {
        #[detail]
        room_id: String,
    },

    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429)]
    #[message("slow down")]
    Limited {
        #[retry_after]
        seconds: u64,
    },

    /// Bug. Includes a `request_id` to grep server logs.
    #[code("SW_INTERNAL_ERROR", status = 500, public = "internal error")]
    #[message("db password=hunter2 rejected")]
    Internal(#[source] std::io::Error),
}

/// An error implementing `ApiError` by hand: a 503 whose text is internal.
#[derive(Debug)]
struct ShardDown;

static SHARD_DOWN: CatalogEntry = CatalogEntry::new(
    "SW_UNAVAILABLE",
    &[api_envelope::http::StatusCode::SERVICE_UNAVAILABLE],
    Some("ops"),
    "A dependency is down.",
    "ShardDown",
)
.with_public("try again later");
static SHARD_CATALOG: Catalog = Catalog::new("ShardDown", Convention::ScreamingSnake, "SW_", &[]);

impl std::fmt::Display for ShardDown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("shard 7 is down")
    }
}

impl std::error::Error for ShardDown {}

impl ApiError for ShardDown {
    fn code(&self) -> &'static str {
        SHARD_DOWN.code
    }
    fn status(&self) -> api_envelope::http::StatusCode {
        SHARD_DOWN.status()
    }
    fn entry(&self) -> &'static CatalogEntry {
        &SHARD_DOWN
    }
    fn catalog() -> &'static Catalog {
        &SHARD_CATALOG
    }
}

/// The cases, each with the path of its unboxed twin under a prefix.
const CASES: [(&str, &str); 5] = [
    ("frozen", "/plain/wave/frozen"),
    ("limited", "/plain/wave/limited"),
    ("internal", "/plain/wave/internal"),
    ("shard", "/plain/shard"),
    ("board", "/plain/board"),
];

/// The ways a case is served boxed or shared.
const WAYS: [&str; 3] = ["boxed", "arc", "arc-boxed"];

fn wave(case: &str) -> WaveError {
    match case {
        "frozen" => WaveError::Frozen {
            room_id: "r1".into(),
        },
        "limited" => WaveError::Limited { seconds: 30 },
        _ => WaveError::Internal(std::io::Error::other("connection to 10.0.0.7 refused")),
    }
}

/// Case `case` as a box (a derived error boxes with `Box::new`, a hand-written one too).
fn boxed(case: &str) -> Box<dyn ApiError + Send + Sync> {
    match case {
        "shard" => Box::new(ShardDown),
        "board" => Box::new(BoardError::Locked),
        _ => Box::new(wave(case)),
    }
}

fn shared(case: &str) -> Arc<dyn ApiError + Send + Sync> {
    Arc::from(boxed(case))
}

/// The headers of a reply, but `date` (the second it was sent) and `content-length`
/// (checked against the body by [`fetch`]: an RFC 9457 instance is the request's path).
fn comparable(reply: &Reply) -> Vec<(String, String)> {
    let mut headers: Vec<_> = reply
        .headers
        .iter()
        .filter(|(name, _)| *name != "date" && *name != "content-length")
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

/// `GET {base}{path}` with `headers`; checks `Content-Length`.
fn fetch(base: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
    let reply = send_to(base, "GET", path, None, headers);
    let length = reply.header("content-length").map(str::parse::<usize>);
    assert_eq!(length, Some(Ok(reply.body.len())), "{path}");
    reply
}

/// Asserts that `boxed` is `plain`, byte for byte, and that no 5xx secret is on the wire.
fn assert_same(plain: &Reply, boxed: &Reply, what: &str) {
    assert_eq!(boxed.status, plain.status, "{what}");
    assert_eq!(comparable(boxed), comparable(plain), "{what}");
    assert_eq!(boxed.text(), plain.text(), "{what}");
    for reply in [plain, boxed] {
        for secret in SECRETS {
            assert!(!reply.text().contains(secret), "{what}: {}", reply.text());
            assert!(
                reply
                    .headers
                    .values()
                    .all(|v| !v.to_str().unwrap().contains(secret)),
                "{what}"
            );
        }
    }
}

/// The exact answers of the cases under each prefix, with `X-Request-ID: req_box`:
/// `(prefix, case, status, content type, retry-after, body)`.
type Expected = (
    &'static str,
    &'static str,
    u16,
    &'static str,
    Option<&'static str>,
    &'static str,
);

const EXPECTED: [Expected; 8] = [
    (
        "/wave",
        "frozen",
        409,
        "application/json",
        None,
        r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r1 is closed","details":{"room_id":"r1"}}}"#,
    ),
    (
        "/wave",
        "limited",
        429,
        "application/json",
        None,
        r#"{"error":{"code":"SW_RATE_LIMIT_EXCEEDED","message":"slow down"}}"#,
    ),
    (
        "/wave",
        "internal",
        500,
        "application/json",
        None,
        r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"internal error","request_id":"req_box"}}"#,
    ),
    (
        "/wave",
        "shard",
        503,
        "application/json",
        None,
        r#"{"error":{"code":"SW_UNAVAILABLE","message":"try again later","request_id":"req_box"}}"#,
    ),
    // The type's declared format, whatever the service's.
    (
        "/wave",
        "board",
        423,
        "application/problem+json",
        None,
        r#"{"type":"https://boards.example.com/errors/BOARD_LOCKED","title":"The board is locked.","status":423,"detail":"The board is locked.","instance":"/wave/boxed/board","code":"BOARD_LOCKED"}"#,
    ),
    (
        "/problem",
        "frozen",
        409,
        "application/problem+json",
        None,
        r#"{"type":"https://docs.example.com/errors/SW_ROOM_FROZEN","title":"Closed or archived.","status":409,"detail":"room r1 is closed","instance":"/problem/boxed/frozen","code":"SW_ROOM_FROZEN","room_id":"r1"}"#,
    ),
    (
        "/problem",
        "limited",
        429,
        "application/problem+json",
        Some("30"),
        r#"{"type":"https://docs.example.com/errors/SW_RATE_LIMIT_EXCEEDED","title":"Tenant rate cap hit.","status":429,"detail":"slow down","instance":"/problem/boxed/limited","code":"SW_RATE_LIMIT_EXCEEDED"}"#,
    ),
    (
        "/problem",
        "internal",
        500,
        "application/problem+json",
        None,
        r#"{"type":"https://docs.example.com/errors/SW_INTERNAL_ERROR","title":"Bug. Includes a `request_id` to grep server logs.","status":500,"detail":"internal error","instance":"/problem/boxed/internal","code":"SW_INTERNAL_ERROR"}"#,
    ),
];

/// The services under test: `/wave` renders ScaiWave, `/problem` RFC 9457, `/keys`
/// ScaiKey and negotiates RFC 9457.
fn services() -> [(&'static str, Envelopes); 3] {
    [
        ("/wave", Envelopes::new(ScaiWave)),
        ("/problem", Envelopes::new(Problem::new(TYPE_BASE))),
        (
            "/keys",
            Envelopes::new(ScaiKey).allow_problem(Problem::new(TYPE_BASE)),
        ),
    ]
}

/// Checks every case of every way against its unboxed twin on the server at `base`,
/// and the exact answers; returns the boxed answers, keyed by path.
fn check_server(base: &str) -> Vec<(String, Reply)> {
    let id = [("x-request-id", "req_box")];
    let mut answers = Vec::new();
    for (prefix, _) in services() {
        for (case, plain_path) in CASES {
            let plain = fetch(base, &format!("{prefix}{plain_path}"), &id);
            assert_eq!(plain.header("x-request-id"), Some("req_box"));
            for way in WAYS {
                let path = format!("{prefix}/{way}/{case}");
                let reply = fetch(base, &path, &id);
                // The instance is the request's path: the twin's differs, and only there.
                let twin = plain.text().replace(plain_path, &format!("/{way}/{case}"));
                let plain = Reply {
                    status: plain.status,
                    headers: plain.headers.clone(),
                    body: twin.into_bytes(),
                };
                assert_same(&plain, &reply, &path);
                answers.push((path, reply));
            }
        }
    }
    for (prefix, case, status, content_type, retry_after, body) in EXPECTED {
        for way in WAYS {
            let path = format!("{prefix}/{way}/{case}");
            let (_, reply) = answers.iter().find(|(p, _)| *p == path).unwrap();
            assert_eq!(reply.status, status, "{path}");
            assert_eq!(reply.header("content-type"), Some(content_type), "{path}");
            assert_eq!(reply.header("retry-after"), retry_after, "{path}");
            assert_eq!(reply.header("x-request-id"), Some("req_box"), "{path}");
            let body = body.replace("/boxed/", &format!("/{way}/"));
            assert_eq!(reply.text(), body, "{path}");
        }
    }

    // Negotiated: `/keys` answers RFC 9457 to a client asking for it, boxed as unboxed.
    let accept = [
        ("x-request-id", "req_neg"),
        ("accept", "application/problem+json"),
    ];
    let plain = fetch(base, "/keys/plain/wave/frozen", &accept);
    let reply = fetch(base, "/keys/boxed/frozen", &accept);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("vary"), Some("accept"));
    assert_eq!(reply.json()["instance"], "/keys/boxed/frozen");
    assert_eq!(comparable(&reply), comparable(&plain));
    assert_eq!(
        reply.text(),
        plain
            .text()
            .replace("/keys/plain/wave/frozen", "/keys/boxed/frozen")
    );
    let json = fetch(base, "/keys/boxed/frozen", &[]);
    assert_eq!(json.header("content-type"), Some("application/json"));
    assert_eq!(json.json()["error"]["code"], "SW_ROOM_FROZEN");

    // No request id given: a fresh one, in ScaiWave's 5xx body and the header alike.
    let reply = fetch(base, "/wave/boxed/internal", &[]);
    let id = reply.header("x-request-id").unwrap();
    assert!(is_generated_id(id), "{id}");
    assert_eq!(reply.json()["error"]["request_id"], id);
    assert_eq!(reply.json()["error"]["message"], "internal error");
    answers
}

// ---------------------------------------------------------------------------------------
// axum

mod on_axum {
    use super::*;

    async fn plain_wave(Path(case): Path<String>) -> Result<(), WaveError> {
        Err(wave(&case))
    }

    async fn plain_shard() -> Result<(), Envelope<ShardDown>> {
        Err(Envelope(ShardDown))
    }

    async fn plain_board() -> Result<(), BoardError> {
        Err(BoardError::Locked)
    }

    async fn boxed_error(Path(case): Path<String>) -> Result<(), Box<dyn ApiError + Send + Sync>> {
        Err(boxed(&case))
    }

    /// An `Arc` is served through the `Envelope` wrapper.
    async fn arc_error(
        Path(case): Path<String>,
    ) -> Result<(), Envelope<Arc<dyn ApiError + Send + Sync>>> {
        Err(Envelope(shared(&case)))
    }

    /// Or boxed again.
    async fn arc_boxed(Path(case): Path<String>) -> Result<(), Box<dyn ApiError + Send + Sync>> {
        Err(Box::new(shared(&case)))
    }

    fn routes() -> Router {
        Router::new()
            .route("/plain/wave/{case}", get(plain_wave))
            .route("/plain/shard", get(plain_shard))
            .route("/plain/board", get(plain_board))
            .route("/boxed/{case}", get(boxed_error))
            .route("/arc/{case}", get(arc_error))
            .route("/arc-boxed/{case}", get(arc_boxed))
    }

    pub(super) fn base() -> &'static str {
        static BASE: OnceLock<String> = OnceLock::new();
        BASE.get_or_init(|| {
            let mut app = Router::new();
            for (prefix, envelopes) in services() {
                app = app.nest(prefix, routes().layer(RequestContextLayer::new(envelopes)));
            }
            http_support::start(app)
        })
    }
}

#[test]
fn axum_serves_boxed_and_shared_errors_as_the_error_inside() {
    check_server(on_axum::base());
}

// ---------------------------------------------------------------------------------------
// actix-web

#[cfg(feature = "actix-web")]
mod on_actix {
    use actix_web::{HttpResponse, web};
    use api_envelope::integrations::actix_web::{Envelope, RequestContextMiddleware};

    use super::*;

    async fn plain_wave(case: web::Path<String>) -> Result<HttpResponse, WaveError> {
        Err(wave(&case))
    }

    async fn plain_shard() -> Result<HttpResponse, Envelope<ShardDown>> {
        Err(Envelope(ShardDown))
    }

    async fn plain_board() -> Result<HttpResponse, BoardError> {
        Err(BoardError::Locked)
    }

    async fn boxed_error(
        case: web::Path<String>,
    ) -> Result<HttpResponse, Box<dyn ApiError + Send + Sync>> {
        Err(boxed(&case))
    }

    /// An `Arc` is served through the `Envelope` wrapper.
    async fn arc_error(
        case: web::Path<String>,
    ) -> Result<HttpResponse, Envelope<Arc<dyn ApiError + Send + Sync>>> {
        Err(Envelope(shared(&case)))
    }

    /// Or boxed again.
    async fn arc_boxed(
        case: web::Path<String>,
    ) -> Result<HttpResponse, Box<dyn ApiError + Send + Sync>> {
        Err(Box::new(shared(&case)))
    }

    fn configure(cfg: &mut web::ServiceConfig) {
        for (prefix, envelopes) in services() {
            cfg.service(
                web::scope(prefix)
                    .wrap(RequestContextMiddleware::new(envelopes))
                    .route("/plain/wave/{case}", web::get().to(plain_wave))
                    .route("/plain/shard", web::get().to(plain_shard))
                    .route("/plain/board", web::get().to(plain_board))
                    .route("/boxed/{case}", web::get().to(boxed_error))
                    .route("/arc/{case}", web::get().to(arc_error))
                    .route("/arc-boxed/{case}", web::get().to(arc_boxed)),
            );
        }
    }

    pub(super) fn base() -> &'static str {
        static BASE: OnceLock<String> = OnceLock::new();
        BASE.get_or_init(|| http_support::start_actix(configure))
    }
}

#[cfg(feature = "actix-web")]
#[test]
fn actix_serves_boxed_and_shared_errors_as_the_error_inside() {
    let actix = check_server(on_actix::base());
    // And as axum does: the same statuses and bodies (the headers differ by framework).
    let axum = check_server(on_axum::base());
    assert_eq!(actix.len(), axum.len());
    for ((path, a), (_, b)) in actix.iter().zip(&axum) {
        assert_eq!(a.status, b.status, "{path}");
        assert_eq!(a.text(), b.text(), "{path}");
    }
}

/// The boxes' catalogue is empty: their codes are the boxed types'.
#[test]
fn a_box_lists_no_codes_of_its_own() {
    assert!(<Box<dyn ApiError + Send + Sync> as ApiError>::catalog().is_empty());
    assert!(<Arc<dyn ApiError + Send + Sync> as ApiError>::catalog().is_empty());
    assert_eq!(WaveError::CATALOG.len(), 3);
}

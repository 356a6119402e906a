//! The actix-web integration over real loopback HTTP: an actix `HttpServer` on
//! `127.0.0.1:0` (its own `System` on a background thread) with `RequestContextMiddleware`,
//! read back with a real client (`ureq`) and decoded by `api_envelope::client`.
//!
//! Handlers return derived error types directly (`ResponseError` comes from the derive),
//! `actix_web::Error` through `?`, or `Envelope<E>`; no context is threaded by hand.

#![cfg(feature = "actix-web")]

mod http_support;

use std::fmt::Display;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::OnceLock;
use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, ResponseError, web};
use api_envelope::client::{FromRemote, RemoteError, SdkErrorClass, WireFormat};
use api_envelope::format::{Format, Problem, ScaiKey, ScaiWave};
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::actix_web::{Envelope, RequestContext, RequestContextMiddleware};
use api_envelope::{ApiError, Context};
use api_envelope_examples::sonny;
use http_support::{BoardError, GridError, Reply, RoomError};

const TYPE_BASE: &str = "https://docs.example.com/errors/";

/// A generic error type: its `ResponseError` carries the bounds of its `ApiError`.
#[derive(Debug, ApiError)]
enum LimitError<T: Display> {
    /// Over the limit.
    #[code("LIMIT_EXCEEDED", status = 422)]
    #[message("{value} is over the limit")]
    Exceeded { value: T },
}

// A derived type is a response of every framework whose feature is on.
const _: () = {
    fn both<T: ResponseError + axum::response::IntoResponse>() {}
    let _ = both::<RoomError>;
    let _ = both::<LimitError<u32>>;
};

async fn post_message(room: web::Path<String>) -> Result<&'static str, RoomError> {
    Err(RoomError::Frozen {
        room: room.into_inner(),
    })
}

async fn board() -> Result<&'static str, BoardError> {
    Err(BoardError::Locked)
}

async fn model() -> Result<&'static str, GridError> {
    Err(GridError::ModelNotFound)
}

async fn limit(value: web::Path<u32>) -> Result<&'static str, LimitError<u32>> {
    Err(LimitError::Exceeded {
        value: value.into_inner(),
    })
}

async fn whoami(ctx: RequestContext) -> String {
    format!("{}\n", ctx.request_id())
}

/// `?` converts the derived error into `actix_web::Error`.
async fn scan(id: web::Path<String>) -> Result<HttpResponse, actix_web::Error> {
    let id = id.into_inner();
    if id != "scn_1" {
        Err(sonny::ScanError::NotFound { scan_id: id })?;
    }
    Ok(HttpResponse::Ok().body(r#"{"id":"scn_1","state":"done"}"#))
}

/// The wrapper, for errors implementing `ApiError` by hand (here a derived one).
async fn wrapped() -> Result<&'static str, Envelope<RoomError>> {
    Err(RoomError::Frozen { room: "w".into() })?
}

/// The server: `/keys` renders ScaiKey and negotiates RFC 9457, `/wave` renders ScaiWave
/// and does not, `/bare` has no middleware.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let listener =
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                HttpServer::new(|| {
                    let routes = || {
                        web::scope("")
                            .route("/v1/rooms/{room}/messages", web::post().to(post_message))
                            .route("/v1/boards/{board}", web::post().to(board))
                            .route("/v1/models/{model}", web::get().to(model))
                            .route("/v1/limits/{value}", web::get().to(limit))
                            .route("/v1/scans/{id}", web::get().to(scan))
                            .route("/v1/wrapped", web::get().to(wrapped))
                            .route("/whoami", web::get().to(whoami))
                    };
                    App::new()
                        .service(
                            web::scope("/keys")
                                .wrap(RequestContextMiddleware::new(
                                    Envelopes::new(ScaiKey).allow_problem(Problem::new(TYPE_BASE)),
                                ))
                                .service(routes()),
                        )
                        .service(
                            web::scope("/wave")
                                .wrap(RequestContextMiddleware::new(Envelopes::new(ScaiWave)))
                                .service(routes()),
                        )
                        .service(web::scope("/bare").service(routes()))
                })
                .workers(1)
                .disable_signals()
                .listen(listener)
                .expect("listen")
                .run()
                .await
                .expect("serve");
            });
        });
        format!("http://{addr}")
    })
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

/// `GET` (or `POST` with `post`) `{base}{path}` with `headers`.
fn call(post: bool, path: &str, headers: &[(&str, &str)]) -> Reply {
    let url = format!("{}{path}", base());
    let mut res = if post {
        let mut request = agent().post(&url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send_empty()
    } else {
        let mut request = agent().get(&url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.call()
    }
    .unwrap_or_else(|e| panic!("{url}: {e}"));
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.body_mut().read_to_vec().expect("read body"),
    }
}

fn get(path: &str, headers: &[(&str, &str)]) -> Reply {
    call(false, path, headers)
}

fn is_generated_id(id: &str) -> bool {
    id.len() == 20 && id.starts_with("req_") && id[4..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// What the format renders locally for the same error, request id and path.
fn local(err: &dyn ApiError, format: &dyn Format, id: &str, path: &str) -> String {
    let ctx = Context::new().request_id(id).instance(path);
    String::from_utf8(api_envelope::render::to_response(err, format, &ctx).into_body()).unwrap()
}

#[test]
fn derived_errors_render_as_their_envelope() {
    let path = "/keys/v1/rooms/r1/messages";
    let reply = call(true, path, &[("x-request-id", "req_room")]);
    assert_eq!(reply.status, 409);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("x-request-id"), Some("req_room"));
    assert_eq!(reply.header("vary"), Some("accept"));
    let err = RoomError::Frozen { room: "r1".into() };
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"rooms.frozen","message":"room r1 is frozen","details":{"room":"r1"},"request_id":"req_room"}}"#
    );
    assert_eq!(reply.text(), local(&err, &ScaiKey, "req_room", path));

    let remote = reply.remote();
    assert_eq!(remote.format, Some(WireFormat::ScaiKey));
    assert_eq!(remote.status, 409);
    assert_eq!(remote.code.as_deref(), Some("rooms.frozen"));
    assert_eq!(remote.message, "room r1 is frozen");
    assert_eq!(remote.detail::<String>("room").as_deref(), Some("r1"));
    assert_eq!(remote.request_id.as_deref(), Some("req_room"));

    // The same error under `/wave`: ScaiWave, no request id in a 4xx body, no `Vary`.
    let path = "/wave/v1/rooms/r2/messages";
    let reply = call(true, path, &[("x-request-id", "req_wave")]);
    assert_eq!(reply.status, 409);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("vary"), None);
    let err = RoomError::Frozen { room: "r2".into() };
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"rooms.frozen","message":"room r2 is frozen","details":{"room":"r2"}}}"#
    );
    assert_eq!(reply.text(), local(&err, &ScaiWave, "req_wave", path));
    assert_eq!(reply.remote().format, Some(WireFormat::ScaiWave));

    // `ResponseError::status_code` is the error's status.
    assert_eq!(ResponseError::status_code(&err).as_u16(), 409);
}

#[test]
fn request_ids_come_from_the_request_or_are_made() {
    // Given: echoed in ScaiKey's header and body.
    let reply = get("/keys/v1/models/m", &[("x-request-id", "req_given")]);
    assert_eq!(reply.json()["meta"]["request_id"], "req_given");
    let reply = call(
        true,
        "/keys/v1/rooms/r/messages",
        &[("x-request-id", "req_given")],
    );
    assert_eq!(reply.header("x-request-id"), Some("req_given"));
    assert_eq!(reply.json()["error"]["request_id"], "req_given");

    // Missing: a fresh `req_` + 16 hex digits, the same in header and body.
    let reply = call(true, "/keys/v1/rooms/r/messages", &[]);
    let id = reply.header("x-request-id").unwrap().to_owned();
    assert!(is_generated_id(&id), "{id}");
    assert_eq!(reply.json()["error"]["request_id"], id.as_str());
    let again = call(true, "/keys/v1/rooms/r/messages", &[]);
    assert_ne!(
        again.header("x-request-id").unwrap(),
        id,
        "one id per request"
    );

    // Unusable (space, too long): replaced.
    let long = "r".repeat(200);
    for bad in ["bad id", long.as_str()] {
        let reply = call(true, "/keys/v1/rooms/r/messages", &[("x-request-id", bad)]);
        let id = reply.json()["error"]["request_id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(is_generated_id(&id), "{bad:?} gave {id}");
    }

    // The extractor sees the same id, with or without the middleware.
    assert_eq!(
        get("/keys/whoami", &[("x-request-id", "req_who")]).text(),
        "req_who\n"
    );
    assert!(is_generated_id(get("/keys/whoami", &[]).text().trim()));
    assert_eq!(
        get("/bare/whoami", &[("x-request-id", "req_bare")]).text(),
        "req_bare\n"
    );
}

#[test]
fn problem_json_is_negotiated_where_the_service_allows_it() {
    let accept = [
        ("accept", "application/problem+json"),
        ("x-request-id", "req_neg"),
    ];

    // `/keys` allows it: RFC 9457 with the full request path as instance.
    let path = "/keys/v1/rooms/r1/messages";
    let reply = call(true, path, &accept);
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("vary"), Some("accept"));
    let err = RoomError::Frozen { room: "r1".into() };
    assert_eq!(
        reply.text(),
        local(&err, &Problem::new(TYPE_BASE), "req_neg", path)
    );
    let body = reply.json();
    assert_eq!(body["type"], format!("{TYPE_BASE}rooms.frozen"));
    assert_eq!(body["status"], 409);
    assert_eq!(body["instance"], path);
    assert_eq!(body["room"], "r1");
    let remote = reply.remote();
    assert_eq!(remote.format, Some(WireFormat::Problem));
    assert_eq!(remote.code.as_deref(), Some("rooms.frozen"));
    assert_eq!(remote.instance.as_deref(), Some(path));

    // Plain JSON preferred, or a tie: the service's own format.
    for accept in [
        "application/json",
        "application/json, application/problem+json",
        "*/*",
    ] {
        let reply = call(true, path, &[("accept", accept)]);
        assert_eq!(
            reply.header("content-type"),
            Some("application/json"),
            "{accept}"
        );
        assert_eq!(reply.json()["error"]["code"], "rooms.frozen", "{accept}");
    }

    // `/wave` does not allow it: ScaiWave whatever the client asks.
    let reply = call(true, "/wave/v1/rooms/r1/messages", &accept);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("vary"), None);
    assert_eq!(reply.json()["error"]["code"], "rooms.frozen");

    // The `Envelope` wrapper negotiates too.
    let reply = get("/keys/v1/wrapped", &accept);
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.json()["instance"], "/keys/v1/wrapped");
    assert_eq!(reply.json()["room"], "w");
}

#[test]
fn the_format_declared_on_the_enum_wins_over_the_service() {
    // RFC 9457 declared on `BoardError` wins over `/keys`' ScaiKey and `/wave`'s ScaiWave.
    for prefix in ["/keys", "/wave"] {
        let path = format!("{prefix}/v1/boards/b1");
        let reply = call(true, &path, &[("x-request-id", "req_board")]);
        assert_eq!(reply.status, 423, "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json")
        );
        let board = Problem::new("https://boards.example.com/errors/");
        assert_eq!(
            reply.text(),
            local(&BoardError::Locked, &board, "req_board", &path)
        );
        let remote = reply.remote();
        assert_eq!(
            remote.type_uri.as_deref(),
            Some("https://boards.example.com/errors/BOARD_LOCKED")
        );
        assert_eq!(remote.instance.as_deref(), Some(path.as_str()));
    }

    // ScaiGrid declared on `GridError`.
    let reply = get("/wave/v1/models/m", &[("x-request-id", "req_m")]);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.text(),
        r#"{"status":"error","error":{"code":"MODEL_NOT_FOUND","message":"No frontend model with that slug."},"meta":{"request_id":"req_m"}}"#
    );
    let remote = reply.remote();
    assert_eq!(remote.format, Some(WireFormat::ScaiGrid));
    assert_eq!(remote.request_id.as_deref(), Some("req_m"));

    // A client's negotiated RFC 9457 comes first where the service allows it.
    let reply = get(
        "/keys/v1/models/m",
        &[("accept", "application/problem+json")],
    );
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.json()["type"], format!("{TYPE_BASE}MODEL_NOT_FOUND"));
}

#[test]
fn generic_error_types_render_with_their_bounds() {
    let reply = get("/keys/v1/limits/7", &[("x-request-id", "req_lim")]);
    assert_eq!(reply.status, 422);
    let remote = reply.remote();
    assert_eq!(remote.code.as_deref(), Some("LIMIT_EXCEEDED"));
    assert_eq!(remote.message, "7 is over the limit");
    assert_eq!(remote.request_id.as_deref(), Some("req_lim"));
}

/// Sonny's SDK: `scans.not_found` rebuilt with its `details.scan_id`.
#[derive(Debug)]
struct ScanSdkError(sonny::ScanError);

impl FromRemote for ScanSdkError {
    fn from_remote(remote: &RemoteError) -> Option<Self> {
        (remote.code.as_deref()? == "scans.not_found")
            .then(|| remote.detail("scan_id"))
            .flatten()
            .map(|scan_id| Self(sonny::ScanError::NotFound { scan_id }))
    }
}

#[test]
fn question_mark_into_actix_error_decodes_back() {
    let ok = get("/keys/v1/scans/scn_1", &[]);
    assert_eq!(ok.status, 200);
    assert_eq!(ok.text(), r#"{"id":"scn_1","state":"done"}"#);

    let reply = get(
        "/keys/v1/scans/scn_9",
        &[
            ("x-request-id", "req_scan"),
            ("accept", "application/problem+json"),
        ],
    );
    assert_eq!(reply.status, 404);
    let decoded = reply.remote().decode::<ScanSdkError>();
    let Some(ScanSdkError(sonny::ScanError::NotFound { scan_id })) = decoded.known() else {
        panic!("{decoded:?}");
    };
    assert_eq!(scan_id, "scn_9");
    assert_eq!(
        decoded.remote().instance.as_deref(),
        Some("/keys/v1/scans/scn_9")
    );
    assert_eq!(decoded.sdk_class(), SdkErrorClass::NotFound);

    // In the service's ScaiKey the detail travels too.
    let decoded = get("/keys/v1/scans/scn_8", &[])
        .remote()
        .decode::<ScanSdkError>();
    let Some(ScanSdkError(sonny::ScanError::NotFound { scan_id })) = decoded.known() else {
        panic!("{decoded:?}");
    };
    assert_eq!(scan_id, "scn_8");
    assert_eq!(decoded.remote().format, Some(WireFormat::ScaiKey));
}

#[test]
fn without_the_middleware_the_defaults_apply() {
    // RFC 9457 under `/errors/`, a generated request id, no instance, no negotiation.
    let reply = call(
        true,
        "/bare/v1/rooms/r1/messages",
        &[("x-request-id", "req_x")],
    );
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("vary"), None);
    let body = reply.json();
    assert_eq!(body["type"], "/errors/rooms.frozen");
    assert!(body.get("instance").is_none(), "{body}");
    let remote = reply.remote();
    assert_eq!(remote.code.as_deref(), Some("rooms.frozen"));
    assert_eq!(remote.message, "room r1 is frozen");
}

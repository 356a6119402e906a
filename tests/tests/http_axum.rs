//! The example server over real loopback HTTP (axum + `RequestContextLayer`), read back
//! with a real client (`ureq`) and decoded by `api_envelope::client`.

mod http_support;

use api_envelope::client::{Decoded, FromRemote, RemoteError, SdkErrorClass, WireFormat};
use api_envelope::format::{
    Details, Format, Message, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave,
};
use api_envelope::http::StatusCode;
use api_envelope::{ApiError, CatalogEntry, Context, Product};
use api_envelope_examples::server::Backend;
use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};
use http_support::{BoardError, GridError, Reply, RoomError, get, is_generated_id};

type Samples = fn() -> Vec<Box<dyn ApiError + Send + Sync>>;

/// One product as the example server serves it.
struct Served {
    prefix: &'static str,
    product: Product,
    samples: Samples,
    format: Box<dyn Format>,
    wire: WireFormat,
    negotiates: bool,
}

fn served() -> Vec<Served> {
    vec![
        Served {
            prefix: "/scaiwave",
            product: scaiwave::PRODUCT,
            samples: scaiwave::samples,
            format: Box::new(ScaiWave),
            wire: WireFormat::ScaiWave,
            negotiates: false,
        },
        Served {
            prefix: "/scaigrid",
            product: scaigrid::PRODUCT,
            samples: scaigrid::samples,
            format: Box::new(ScaiGrid),
            wire: WireFormat::ScaiGrid,
            negotiates: true,
        },
        Served {
            prefix: "/scaidrive",
            product: scaidrive::PRODUCT,
            samples: scaidrive::samples,
            format: Box::new(ScaiDrive),
            wire: WireFormat::ScaiDrive,
            negotiates: false,
        },
        Served {
            prefix: "/scaikey",
            product: scaikey::PRODUCT,
            samples: scaikey::samples,
            format: Box::new(ScaiKey),
            wire: WireFormat::ScaiKey,
            negotiates: true,
        },
        Served {
            prefix: "/sonny",
            product: sonny::PRODUCT,
            samples: sonny::samples,
            format: Box::new(Problem::new(Backend::Sonny.problem_type_base())),
            wire: WireFormat::Problem,
            negotiates: false,
        },
    ]
}

fn content_type(wire: WireFormat) -> &'static str {
    if wire == WireFormat::Problem {
        "application/problem+json"
    } else {
        "application/json"
    }
}

/// The message a catalogue sample shows on the wire.
fn sample_message(entry: &CatalogEntry, status: StatusCode) -> &'static str {
    let own = if entry.meaning.is_empty() {
        status.canonical_reason().unwrap()
    } else {
        entry.meaning
    };
    if status.is_server_error() && !entry.expose {
        entry.public.unwrap_or(own)
    } else {
        own
    }
}

#[test]
fn healthz_answers() {
    let reply = get("/healthz", &[]);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "ok");
}

/// Every code of every product, with each of its documented statuses, over HTTP: status,
/// content type, and the decoded code, message, request id and instance.
#[test]
fn every_code_of_every_product_round_trips() {
    let mut requests = 0;
    for p in served() {
        for (_, entry) in p.product.entries() {
            for status in entry.statuses {
                let path = format!("{}/codes/{}/{}", p.prefix, entry.code, status.as_u16());
                let reply = get(&path, &[("x-request-id", "req_codes")]);
                requests += 1;
                assert_eq!(reply.status, *status, "{path}: {}", reply.text());
                assert_eq!(
                    reply.header("content-type"),
                    Some(content_type(p.wire)),
                    "{path}"
                );
                let remote = reply.remote();
                assert_eq!(remote.format, Some(p.wire), "{path}: {}", reply.text());
                assert_eq!(remote.status, *status);
                let code = (p.wire != WireFormat::ScaiDrive).then_some(entry.code);
                assert_eq!(remote.code.as_deref(), code, "{path}");
                assert_eq!(remote.message, sample_message(entry, *status), "{path}");
                // The layer sends the request's id back on every response, so the
                // client reads it whether or not the envelope carries it.
                assert_eq!(reply.header("x-request-id"), Some("req_codes"), "{path}");
                assert_eq!(remote.request_id.as_deref(), Some("req_codes"), "{path}");
                if p.wire == WireFormat::Problem {
                    assert_eq!(remote.instance.as_deref(), Some(path.as_str()));
                    assert_eq!(
                        remote.type_uri,
                        Some(format!(
                            "{}{}",
                            Backend::Sonny.problem_type_base(),
                            entry.code
                        ))
                    );
                }
            }
        }
    }
    assert!(requests > 250, "{requests} requests");
}

/// Each product's realistic samples: the bytes on the wire are exactly what the format
/// renders locally for the same request id and path, the headers match, nothing of a 5xx's
/// source reaches the wire, and the decoded error has the same code, message, details,
/// violations, request id and retry hint.
#[test]
fn samples_over_http_are_the_formats_output_and_decode_back() {
    for p in served() {
        for (i, err) in (p.samples)().iter().enumerate() {
            let path = format!(
                "{}/samples/{}/{}",
                p.prefix,
                err.code(),
                err.status().as_u16()
            );
            let id = format!("req_sample_{i}");
            let reply = get(&path, &[("x-request-id", &id)]);

            let ctx = Context::new().request_id(&id).instance(&path);
            let local = api_envelope::render::to_response(&**err, &*p.format, &ctx);
            assert_eq!(reply.status, local.status(), "{path}");
            assert_eq!(
                reply.text(),
                std::str::from_utf8(local.body()).unwrap(),
                "{path}"
            );
            for name in ["content-type", "retry-after"] {
                let local_value = local.headers().get(name).map(|v| v.to_str().unwrap());
                assert_eq!(reply.header(name), local_value, "{path}: {name}");
            }
            // ScaiKey's rate limiter counts every request; the figures are the layer's.
            let limit = (p.wire == WireFormat::ScaiKey).then_some("1000000");
            assert_eq!(reply.header("x-ratelimit-limit"), limit, "{path}");
            // On every response, whatever the format.
            assert_eq!(reply.header("x-request-id"), Some(id.as_str()), "{path}");
            if err.status().is_server_error() {
                let mut source = err.source();
                while let Some(s) = source {
                    assert!(!reply.text().contains(&s.to_string()), "{path} leaks {s}");
                    source = s.source();
                }
            }

            let remote = reply.remote();
            assert_eq!(remote.format, Some(p.wire), "{path}");
            let code = (p.wire != WireFormat::ScaiDrive).then_some(err.code());
            assert_eq!(remote.code.as_deref(), code, "{path}");
            if p.wire != WireFormat::ScaiDrive || err.violations().is_empty() {
                assert_eq!(
                    remote.message,
                    Message::new(&**err, &ctx).to_string(),
                    "{path}"
                );
            }
            // ScaiWave documents no retry hint; the others send it (RFC 9457 in
            // `Retry-After`).
            let carries_retry = p.wire != WireFormat::ScaiWave;
            let secs = err
                .retry_after()
                .filter(|_| carries_retry)
                .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0));
            assert_eq!(remote.retry_after.map(|d| d.as_secs()), secs, "{path}");
            assert_eq!(remote.violations.len(), err.violations().len(), "{path}");
            for (got, sent) in remote.violations.iter().zip(err.violations()) {
                assert_eq!(got.message, sent.message, "{path}");
            }
            if p.wire != WireFormat::ScaiDrive {
                let serde_json::Value::Object(mut details) =
                    serde_json::to_value(Details::new(&**err)).unwrap()
                else {
                    unreachable!()
                };
                if p.wire == WireFormat::Problem {
                    for reserved in [
                        "type", "title", "status", "detail", "instance", "code", "errors",
                    ] {
                        details.remove(reserved);
                    }
                }
                if p.wire == WireFormat::ScaiKey && !err.violations().is_empty() {
                    details.remove("fields");
                }
                assert_eq!(remote.details, details, "{path}");
            }
        }
    }
}

#[test]
fn request_ids_come_from_the_request_or_are_made() {
    // Given: echoed in ScaiKey's header and body.
    let reply = get("/scaikey/v1/secrets/x", &[("x-request-id", "req_given")]);
    assert_eq!(reply.header("x-request-id"), Some("req_given"));
    assert_eq!(reply.json()["error"]["request_id"], "req_given");

    // Missing: a fresh `req_` + 16 hex digits, the same in header and body.
    let reply = get("/scaikey/v1/secrets/x", &[]);
    let id = reply.header("x-request-id").unwrap().to_owned();
    assert!(is_generated_id(&id), "{id}");
    assert_eq!(reply.json()["error"]["request_id"], id.as_str());
    let again = get("/scaikey/v1/secrets/x", &[]);
    assert_ne!(
        again.header("x-request-id").unwrap(),
        id,
        "each request gets its own id"
    );

    // Unusable (space, too long): replaced.
    let long = "r".repeat(200);
    for bad in ["bad id", long.as_str()] {
        let reply = get("/scaigrid/codes/MODEL_NOT_FOUND", &[("x-request-id", bad)]);
        let id = reply.json()["meta"]["request_id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(is_generated_id(&id), "{bad:?} gave {id}");
    }

    // The extractor sees the same id.
    assert_eq!(
        get("/scaiwave/whoami", &[("x-request-id", "req_who")]).text(),
        "req_who\n"
    );
    assert!(is_generated_id(get("/scaiwave/whoami", &[]).text().trim()));
}

#[test]
fn problem_json_is_negotiated_where_the_service_allows_it() {
    let accept = [
        ("accept", "application/problem+json"),
        ("x-request-id", "req_neg"),
    ];

    // ScaiGrid allows it: RFC 9457 with the full request path as instance.
    let reply = get("/scaigrid/codes/MODEL_NOT_FOUND", &accept);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("vary"), Some("accept"));
    let body = reply.json();
    assert_eq!(
        body["type"],
        format!("{}MODEL_NOT_FOUND", Backend::ScaiGrid.problem_type_base())
    );
    assert_eq!(body["status"], 404);
    assert_eq!(body["instance"], "/scaigrid/codes/MODEL_NOT_FOUND");
    assert_eq!(body["code"], "MODEL_NOT_FOUND");
    let remote = reply.remote();
    assert_eq!(
        (remote.format, remote.code.as_deref()),
        (Some(WireFormat::Problem), Some("MODEL_NOT_FOUND"))
    );

    // Plain JSON preferred, or a tie: the service's own format.
    for accept in [
        "application/json",
        "application/json, application/problem+json",
        "*/*",
    ] {
        let reply = get("/scaigrid/codes/MODEL_NOT_FOUND", &[("accept", accept)]);
        assert_eq!(
            reply.header("content-type"),
            Some("application/json"),
            "{accept}"
        );
        assert_eq!(reply.json()["status"], "error", "{accept}");
    }

    // ScaiWave does not allow it: ScaiWave whatever the client asks.
    let reply = get("/scaiwave/codes/SW_ROOM_NOT_FOUND", &accept);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(
        reply.header("vary"),
        Some("accept-language"),
        "it localises"
    );
    assert_eq!(reply.json()["error"]["code"], "SW_ROOM_NOT_FOUND");

    // Typed handlers negotiate too.
    let reply = get(
        "/scaikey/v1/secrets/a/b",
        &[accept[0], accept[1], ("authorization", "Bearer t0k3n")],
    );
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.json()["path"], "a/b");
    assert_eq!(reply.json()["instance"], "/scaikey/v1/secrets/a/b");
}

/// What an SDK of Sonny Labs would rebuild: a variant with a field from the details and
/// a unit variant; anything else stays `Unknown`.
#[derive(Debug)]
enum SonnySdkError {
    Scan(sonny::ScanError),
    Unauthenticated(sonny::AuthError),
}

impl FromRemote for SonnySdkError {
    fn from_remote(remote: &RemoteError) -> Option<Self> {
        match remote.code.as_deref()? {
            "scans.not_found" => Some(Self::Scan(sonny::ScanError::NotFound {
                scan_id: remote.detail("scan_id")?,
            })),
            "auth.unauthenticated" => {
                Some(Self::Unauthenticated(sonny::AuthError::Unauthenticated))
            }
            _ => None,
        }
    }
}

/// ScaiKey's SDK: `secret_not_found` rebuilt with its `details.path`.
#[derive(Debug)]
struct KeySdkError(scaikey::NotFoundError);

impl FromRemote for KeySdkError {
    fn from_remote(remote: &RemoteError) -> Option<Self> {
        (remote.code.as_deref()? == "secret_not_found")
            .then(|| {
                remote
                    .detail("path")
                    .map(|path| Self(scaikey::NotFoundError::Secret { path }))
            })
            .flatten()
    }
}

#[test]
fn typed_handlers_decode_back_into_variants() {
    let ok = get("/sonny/v1/scans/scn_1", &[]);
    assert_eq!(ok.status, 200);
    assert_eq!(
        ok.text(),
        r#"{"id":"scn_1","target":"https://example.com","state":"done"}"#
    );

    let reply = get("/sonny/v1/scans/scn_9", &[("x-request-id", "req_scan")]);
    assert_eq!(reply.status, 404);
    let decoded = reply.remote().decode::<SonnySdkError>();
    let Some(SonnySdkError::Scan(sonny::ScanError::NotFound { scan_id })) = decoded.known() else {
        panic!("{decoded:?}");
    };
    assert_eq!(scan_id, "scn_9");
    assert_eq!(
        decoded.remote().instance.as_deref(),
        Some("/sonny/v1/scans/scn_9")
    );
    assert_eq!(decoded.sdk_class(), SdkErrorClass::NotFound);

    let decoded = get("/sonny/codes/auth.unauthenticated", &[])
        .remote()
        .decode::<SonnySdkError>();
    let Some(SonnySdkError::Unauthenticated(err)) = decoded.known() else {
        panic!("{decoded:?}")
    };
    assert_eq!(err.code(), "auth.unauthenticated");
    assert_eq!(decoded.sdk_class(), SdkErrorClass::Authentication);

    let reply = get(
        "/scaikey/v1/secrets/envs/prod/db",
        &[
            ("x-request-id", "req_key"),
            ("authorization", "Bearer t0k3n"),
        ],
    );
    let Decoded::Known {
        error: KeySdkError(err),
        remote,
    } = reply.remote().decode::<KeySdkError>()
    else {
        panic!("not rebuilt: {}", reply.text());
    };
    assert_eq!(err.to_string(), "Secret 'envs/prod/db' not found");
    assert_eq!(err.code(), "secret_not_found");
    assert_eq!(remote.request_id.as_deref(), Some("req_key"));

    // A code this SDK does not know: Unknown, keeping status, code and message.
    let reply = get("/sonny/samples/tenant.quota_exceeded", &[]);
    let decoded = reply.remote().decode::<SonnySdkError>();
    let Decoded::Unknown(remote) = &decoded else {
        panic!("{decoded:?}")
    };
    assert_eq!(remote.status, 429);
    assert_eq!(remote.code.as_deref(), Some("tenant.quota_exceeded"));
    assert_eq!(remote.message, reply.json()["detail"].as_str().unwrap());
    assert!(remote.retry_after.is_some() || reply.json().get("retry_after").is_none());
    assert_eq!(decoded.sdk_class(), SdkErrorClass::RateLimit);
}

/// Seed 004's SDK dispatch, on every Sonny code as served: namespace first, then status.
#[test]
fn sdk_dispatch_of_every_sonny_code() {
    for (_, entry) in sonny::PRODUCT.entries() {
        for status in entry.statuses {
            let remote = get(
                &format!("/sonny/codes/{}/{}", entry.code, status.as_u16()),
                &[],
            )
            .remote();
            let expected = match entry.code.split('.').next().unwrap() {
                "auth" => SdkErrorClass::Authentication,
                "validation" => SdkErrorClass::Validation,
                "idempotency" => SdkErrorClass::IdempotencyConflict,
                _ => match status.as_u16() {
                    403 => SdkErrorClass::ScopeMissing,
                    404 => SdkErrorClass::NotFound,
                    429 => SdkErrorClass::RateLimit,
                    500..=599 => SdkErrorClass::Server,
                    _ => SdkErrorClass::Other,
                },
            };
            assert_eq!(remote.sdk_class(), expected, "{}", entry.code);
        }
    }
    let class = |path: &str| get(path, &[]).remote().sdk_class();
    assert_eq!(
        class("/sonny/codes/auth.scope.missing"),
        SdkErrorClass::Authentication
    );
    assert_eq!(class("/sonny/codes/http.403"), SdkErrorClass::ScopeMissing);
    assert_eq!(
        class("/sonny/codes/resource.not_found"),
        SdkErrorClass::NotFound
    );
    assert_eq!(
        class("/sonny/codes/upstream.unavailable/503"),
        SdkErrorClass::Server
    );
    assert_eq!(
        class("/sonny/codes/service.not-ready"),
        SdkErrorClass::Server
    );
    assert_eq!(
        class("/sonny/codes/idempotency.key_reuse_mismatch"),
        SdkErrorClass::IdempotencyConflict
    );
    assert_eq!(
        class("/sonny/codes/invites.already_member"),
        SdkErrorClass::Other
    );
    // ScaiDrive sends no code: the status alone decides.
    assert_eq!(
        class("/scaidrive/codes/rate_limited"),
        SdkErrorClass::RateLimit
    );
}

/// The OpenAPI document each product serves lists every code, under each of its
/// statuses, as an example in each format the product sends.
#[test]
fn openapi_documents_list_the_catalogue() {
    for p in served() {
        let reply = get(&format!("{}/openapi.json", p.prefix), &[]);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let doc = reply.json();
        assert!(
            doc["openapi"].as_str().unwrap().starts_with("3."),
            "{}",
            p.prefix
        );
        let responses = &doc["paths"]["/codes/{code}"]["get"]["responses"];
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for name in [
            "ScaiWaveError",
            "ScaiGridError",
            "ScaiDriveError",
            "ScaiKeyError",
            "ProblemDetails",
        ] {
            assert!(schemas.contains_key(name), "{name}");
        }
        let mut media = vec![content_type(p.wire)];
        if p.negotiates {
            media.push("application/problem+json");
        }
        for (_, entry) in p.product.entries() {
            for status in entry.statuses {
                let response = &responses[status.as_str()];
                assert!(
                    response["description"]
                        .as_str()
                        .unwrap()
                        .contains(&format!("`{}`", entry.code))
                );
                for media in &media {
                    let content = &response["content"][*media];
                    let example = &content["examples"][entry.code];
                    assert!(
                        example.is_object(),
                        "{} {status} {media}: {}",
                        entry.code,
                        p.prefix
                    );
                    if p.wire != WireFormat::ScaiDrive || *media != "application/json" {
                        assert!(
                            example["value"].to_string().contains(entry.code),
                            "{}",
                            entry.code
                        );
                    }
                    assert!(
                        content["schema"]["$ref"]
                            .as_str()
                            .unwrap()
                            .starts_with("#/components/schemas/")
                    );
                }
            }
        }
    }
}

/// An unknown code, sample or documented status is the product's own not-found (no
/// longer a text/plain 404), saying what is missing; so is an unknown route under a
/// product's prefix, and outside every prefix the default RFC 9457 one.
#[test]
fn unknown_codes_and_routes_are_the_products_404s() {
    let h = [("x-request-id", "req_missing")];
    let reply: Reply = get("/sonny/codes/nope.nothing", &h);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("x-request-id"), Some("req_missing"));
    assert_eq!(
        reply.json(),
        serde_json::json!({
            "type": format!("{}resource.not_found", Backend::Sonny.problem_type_base()),
            "title": sonny::PRODUCT.get("resource.not_found").unwrap().entry.meaning,
            "status": 404,
            "detail": "No code 'nope.nothing' in the Sonny Labs catalogue",
            "instance": "/sonny/codes/nope.nothing",
            "code": "resource.not_found",
        })
    );
    let reply = get("/sonny/codes/upstream.unavailable/500", &h);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.json()["detail"],
        "'upstream.unavailable' is not documented with 500"
    );

    let reply = get("/scaiwave/samples/SW_NOPE", &h);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_NOT_FOUND","message":"No sample of 'SW_NOPE'"}}"#
    );
    let reply = get("/scaidrive/codes/nope", &h);
    assert_eq!(
        reply.text(),
        r#"{"detail":"No code 'nope' in the ScaiDrive catalogue"}"#
    );
    let reply = get("/scaigrid/samples/MODEL_NOT_FOUND/500", &h);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.text(),
        r#"{"status":"error","error":{"code":"NOT_FOUND","message":"No sample of 'MODEL_NOT_FOUND' with 500"},"meta":{"request_id":"req_missing"}}"#
    );
    let reply = get("/scaikey/codes/nope", &h);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"not_found","message":"No code 'nope' in the ScaiKey catalogue","request_id":"req_missing"}}"#
    );

    // Outside every product: the default envelopes (RFC 9457 under `/errors/`).
    let reply = get("/nowhere", &h);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.text(),
        r#"{"type":"/errors/NOT_FOUND","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere","code":"NOT_FOUND"}"#
    );
    assert_eq!(reply.header("x-request-id"), Some("req_missing"));
}

/// A handler returning `Result<_, RoomError>` directly, behind a router-level layer.
#[test]
fn own_error_types_return_from_handlers_directly() {
    use api_envelope::integrations::Envelopes;
    use api_envelope::integrations::axum::RequestContextLayer;
    use axum::Router;
    use axum::extract::Path;
    use axum::routing::post;

    async fn post_message(Path(room): Path<String>) -> Result<&'static str, RoomError> {
        Err(RoomError::Frozen { room })
    }
    async fn board() -> Result<&'static str, BoardError> {
        Err(BoardError::Locked)
    }
    async fn model() -> Result<&'static str, GridError> {
        Err(GridError::ModelNotFound)
    }

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/v1/rooms/{room}/messages", post(post_message))
        .route("/v1/boards/{board}", post(board))
        .route("/v1/models/{model}", post(model))
        .layer(RequestContextLayer::new(Envelopes::new(ScaiKey)));
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });

    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .build()
        .into();
    let mut res = agent
        .post(&format!("http://{addr}/v1/rooms/r1/messages"))
        .header("x-request-id", "req_room")
        .send_empty()
        .unwrap();
    let body = res.body_mut().read_to_vec().unwrap();
    let remote = RemoteError::from_parts(res.status(), res.headers(), &body);
    assert_eq!(res.status(), 409);
    assert_eq!(res.headers()["x-request-id"], "req_room");
    assert_eq!(remote.format, Some(WireFormat::ScaiKey));
    assert_eq!(remote.code.as_deref(), Some("rooms.frozen"));
    assert_eq!(remote.message, "room r1 is frozen");
    assert_eq!(remote.detail::<String>("room").as_deref(), Some("r1"));
    assert_eq!(remote.request_id.as_deref(), Some("req_room"));

    // `#[api_error(format = ..)]` wins over the router's ScaiKey.
    let mut res = agent
        .post(&format!("http://{addr}/v1/boards/b1"))
        .send_empty()
        .unwrap();
    let body = res.body_mut().read_to_vec().unwrap();
    assert_eq!(res.status(), 423);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let remote = RemoteError::from_parts(res.status(), res.headers(), &body);
    assert_eq!(
        remote.type_uri.as_deref(),
        Some("https://boards.example.com/errors/BOARD_LOCKED")
    );
    assert_eq!(remote.instance.as_deref(), Some("/v1/boards/b1"));

    let mut res = agent
        .post(&format!("http://{addr}/v1/models/m"))
        .header("x-request-id", "req_m")
        .send_empty()
        .unwrap();
    let body = res.body_mut().read_to_vec().unwrap();
    let remote = RemoteError::from_parts(res.status(), res.headers(), &body);
    assert_eq!(remote.format, Some(WireFormat::ScaiGrid));
    assert_eq!(remote.request_id.as_deref(), Some("req_m"));
    assert!(
        RoomError::Frozen {
            room: String::new()
        }
        .declared_format()
        .is_none()
    );
}

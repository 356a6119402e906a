//! The failure matrix on actix-web, over real loopback HTTP: for each product (its format
//! and its declared [`Failures`](api_envelope::integrations::Failures)), a success, an
//! unknown route, a wrong method, a wrong-type path parameter, a wrong-type query, an
//! unparseable body, an oversize body, a panic and a timeout, each in the product's
//! envelope with `X-Request-ID`.

#![cfg(feature = "actix-web")]

mod http_support;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::OnceLock;
use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, web};
use api_envelope::client::WireFormat;
use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::actix_web::{Json, Query, RequestContextMiddleware, configure};
use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};
use http_support::Reply;

const TYPE_BASE: &str = "https://docs.example.com/errors/";

/// One product, and what each failure answers there: (status, code) — the code is
/// `None` for ScaiDrive, which sends none.
struct Product {
    prefix: &'static str,
    wire: WireFormat,
    envelopes: fn() -> Envelopes,
    expect: [(u16, Option<&'static str>); 8],
}

/// The order of `Product::expect`.
const CASES: [&str; 8] = [
    "unknown route",
    "wrong method",
    "path type",
    "query type",
    "unparseable body",
    "oversize body",
    "panic",
    "timeout",
];

fn products() -> [Product; 5] {
    [
        Product {
            prefix: "/scaiwave",
            wire: WireFormat::ScaiWave,
            envelopes: || Envelopes::new(ScaiWave).failures(scaiwave::failures()),
            expect: [
                (404, Some("SW_NOT_FOUND")),
                (405, Some("SW_METHOD_NOT_ALLOWED")),
                (422, Some("SW_VALIDATION_ERROR")),
                (422, Some("SW_VALIDATION_ERROR")),
                (422, Some("SW_VALIDATION_ERROR")),
                (413, Some("SW_CONTENT_TOO_LARGE")),
                (500, Some("SW_INTERNAL_ERROR")),
                (504, Some("SW_GATEWAY_TIMEOUT")),
            ],
        },
        Product {
            prefix: "/scaigrid",
            wire: WireFormat::ScaiGrid,
            envelopes: || {
                Envelopes::new(ScaiGrid)
                    .allow_problem(Problem::new(TYPE_BASE))
                    .failures(scaigrid::failures())
            },
            expect: [
                (404, Some("NOT_FOUND")),
                (405, Some("METHOD_NOT_ALLOWED")),
                (422, Some("VALIDATION_ERROR")),
                (422, Some("VALIDATION_ERROR")),
                (422, Some("VALIDATION_ERROR")),
                (413, Some("PAYLOAD_TOO_LARGE")),
                (500, Some("INTERNAL_ERROR")),
                (504, Some("GATEWAY_TIMEOUT")),
            ],
        },
        Product {
            prefix: "/scaidrive",
            wire: WireFormat::ScaiDrive,
            envelopes: || Envelopes::new(ScaiDrive).failures(scaidrive::failures()),
            expect: [
                (404, None),
                (405, None),
                (422, None),
                (422, None),
                (422, None),
                (413, None),
                (500, None),
                (504, None),
            ],
        },
        Product {
            prefix: "/scaikey",
            wire: WireFormat::ScaiKey,
            envelopes: || {
                Envelopes::new(ScaiKey)
                    .allow_problem(Problem::new(TYPE_BASE))
                    .failures(scaikey::failures())
            },
            expect: [
                (404, Some("not_found")),
                (405, Some("method_not_allowed")),
                (422, Some("validation_error")),
                (422, Some("validation_error")),
                (400, Some("invalid_request")),
                (413, Some("payload_too_large")),
                (500, Some("internal_error")),
                (504, Some("gateway_timeout")),
            ],
        },
        Product {
            prefix: "/sonny",
            wire: WireFormat::Problem,
            envelopes: || Envelopes::new(Problem::new(TYPE_BASE)).failures(sonny::failures()),
            expect: [
                (404, Some("resource.not_found")),
                (405, Some("http.405")),
                (400, Some("validation.parameter_type_mismatch")),
                (400, Some("validation.parameter_type_mismatch")),
                (400, Some("validation.body_unparseable")),
                (413, Some("http.413")),
                (500, Some("http.500")),
                (504, Some("http.504")),
            ],
        },
    ]
}

#[derive(serde::Deserialize)]
struct Item {
    #[allow(dead_code, reason = "read by serde only")]
    name: String,
}

#[derive(serde::Deserialize)]
struct Page {
    limit: u32,
}

async fn item(id: web::Path<u64>) -> HttpResponse {
    HttpResponse::Ok().body(format!("item {id}"))
}

async fn list(page: Query<Page>) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} items", page.0.limit))
}

async fn create(_item: Json<Item>) -> HttpResponse {
    HttpResponse::Created().body("created")
}

async fn boom() -> HttpResponse {
    panic!("the database password is hunter2")
}

async fn slow() -> HttpResponse {
    actix_web::rt::time::sleep(Duration::from_secs(5)).await;
    HttpResponse::Ok().finish()
}

fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let listener =
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                HttpServer::new(|| {
                    let mut app = App::new();
                    for p in products() {
                        app = app.service(
                            web::scope(p.prefix)
                                .configure(configure(64 * 1024))
                                .wrap(
                                    RequestContextMiddleware::new((p.envelopes)())
                                        .timeout(Duration::from_millis(300)),
                                )
                                .service(web::resource("/v1/items/{id}").route(web::get().to(item)))
                                .service(
                                    web::resource("/v1/items")
                                        .route(web::get().to(list))
                                        .route(web::post().to(create)),
                                )
                                .route("/v1/boom", web::get().to(boom))
                                .route("/v1/slow", web::get().to(slow)),
                        );
                    }
                    app
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

fn send(method: &str, path: &str, body: Option<&[u8]>, headers: &[(&str, &str)]) -> Reply {
    let url = format!("{}{path}", base());
    let mut req = ureq::http::Request::builder().method(method).uri(&url);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let mut res = match body {
        Some(body) => agent().run(
            req.header("content-type", "application/json")
                .body(body.to_vec())
                .unwrap(),
        ),
        None => agent().run(req.body(()).unwrap()),
    }
    .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    Reply {
        status: res.status(),
        headers: res.headers().clone(),
        body: res.body_mut().read_to_vec().expect("read body"),
    }
}

fn is_generated_id(id: &str) -> bool {
    id.len() == 20 && id.starts_with("req_") && id[4..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn every_failure_is_in_the_products_envelope() {
    let oversize = format!(r#"{{"name":"{}"}}"#, "x".repeat(70 * 1024));
    for p in products() {
        let id = format!("req_matrix{}", &p.prefix[1..]);
        let h = [("x-request-id", id.as_str())];
        let replies = [
            send("GET", &format!("{}/nope", p.prefix), None, &h),
            send("DELETE", &format!("{}/v1/items/7", p.prefix), None, &h),
            send("GET", &format!("{}/v1/items/seven", p.prefix), None, &h),
            send(
                "GET",
                &format!("{}/v1/items?limit=lots", p.prefix),
                None,
                &h,
            ),
            send(
                "POST",
                &format!("{}/v1/items", p.prefix),
                Some(b"{\"name\":"),
                &h,
            ),
            send(
                "POST",
                &format!("{}/v1/items", p.prefix),
                Some(oversize.as_bytes()),
                &h,
            ),
            send("GET", &format!("{}/v1/boom", p.prefix), None, &h),
            send("GET", &format!("{}/v1/slow", p.prefix), None, &h),
        ];
        for ((reply, case), (status, code)) in replies.iter().zip(CASES).zip(p.expect) {
            let what = format!("{} {case}: {}", p.prefix, reply.text());
            assert_eq!(reply.status.as_u16(), status, "{what}");
            let content_type = if p.wire == WireFormat::Problem {
                "application/problem+json"
            } else {
                "application/json"
            };
            assert_eq!(reply.header("content-type"), Some(content_type), "{what}");
            assert_eq!(reply.header("x-request-id"), Some(id.as_str()), "{what}");
            let remote = reply.remote();
            assert_eq!(remote.format, Some(p.wire), "{what}");
            assert_eq!(remote.code.as_deref(), code, "{what}");
            assert!(!reply.text().contains("hunter2"), "{what}");
            if case == "wrong method" {
                assert_eq!(reply.header("allow"), Some("GET"), "{what}");
            }
            if p.wire == WireFormat::Problem {
                let json = reply.json();
                assert_eq!(json["status"], status, "{what}");
                assert!(
                    json["instance"].as_str().unwrap().starts_with(p.prefix),
                    "{what}"
                );
            }
        }
        // The failing field is located, in the product's shape.
        // The failing field's input is echoed (in the Pydantic-style lists; the other shapes carry none).
        let path_type = &replies[2];
        if matches!(p.wire, WireFormat::ScaiDrive | WireFormat::ScaiWave) {
            assert!(
                path_type.text().contains("seven"),
                "{}: {}",
                p.prefix,
                path_type.text()
            );
        }
    }
}

#[test]
fn successes_carry_the_request_id_too() {
    for p in products() {
        let ok = send(
            "GET",
            &format!("{}/v1/items/7", p.prefix),
            None,
            &[("x-request-id", "req_ok_1")],
        );
        assert_eq!(ok.status, 200);
        assert_eq!(ok.text(), "item 7");
        assert_eq!(ok.header("x-request-id"), Some("req_ok_1"));

        let fresh = send("GET", &format!("{}/v1/items?limit=3", p.prefix), None, &[]);
        assert_eq!(fresh.text(), "3 items");
        assert!(is_generated_id(fresh.header("x-request-id").unwrap()));

        // An unusable incoming id (a space, or over 128 bytes) is replaced.
        for bad in ["has space", &"a".repeat(129)] {
            let replaced = send(
                "GET",
                &format!("{}/v1/items/7", p.prefix),
                None,
                &[("x-request-id", bad)],
            );
            assert!(
                is_generated_id(replaced.header("x-request-id").unwrap()),
                "{bad}"
            );
        }
    }
}

#[test]
fn scaidrive_bodies_are_fastapis() {
    let h: [(&str, &str); 0] = [];
    let not_found = send("GET", "/scaidrive/nope", None, &h);
    assert_eq!(not_found.text(), r#"{"detail":"Not Found"}"#);
    let method = send("DELETE", "/scaidrive/v1/items/7", None, &h);
    assert_eq!(method.text(), r#"{"detail":"Method Not Allowed"}"#);
    let query = send("GET", "/scaidrive/v1/items?limit=lots", None, &h);
    assert_eq!(
        query.json(),
        serde_json::json!({"detail": [{
            "type": "int_parsing",
            "loc": ["query", "limit"],
            "msg": "Input should be a valid integer, unable to parse string as an integer",
            "input": "lots"
        }]})
    );
    let path = send("GET", "/scaidrive/v1/items/seven", None, &h);
    assert_eq!(
        path.json()["detail"][0]["loc"],
        serde_json::json!(["path", "id"])
    );
    assert_eq!(path.json()["detail"][0]["input"], "seven");
    let missing = send("POST", "/scaidrive/v1/items", Some(b"{}"), &h);
    assert_eq!(
        missing.json(),
        serde_json::json!({"detail": [{
            "type": "missing",
            "loc": ["body", "name"],
            "msg": "Field required",
            "input": {}
        }]})
    );
}

//! A three-layer service error over real loopback HTTP: a handler failing with
//! `Outer` → `AppError` → `RoomError` (→ `io::Error`), one `#[code(transparent)]` per
//! layer, answers exactly what the innermost error answers (status, headers, body) in
//! every built-in format, with the inner code and status, on axum and on actix-web.

mod http_support;

use api_envelope::ApiError;
use api_envelope::format::{Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave};
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::axum::{Path, RequestContextLayer};
use axum::Router;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http_support::{Reply, send_to, start};

mod layers;

use layers::{AppError, Outer, app_case};

/// The failure of `case` as the innermost layer returns it (boxed: a room's or a
/// validation error).
fn inner(case: &str) -> Result<(), Box<dyn ApiError + Send + Sync>> {
    match app_case(case) {
        Err(AppError::Room(e)) => Err(e.into()),
        Err(AppError::Misc(e)) => Err(e.into()),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(()),
    }
}

fn app(case: &str) -> Result<(), AppError> {
    app_case(case)
}

fn outer(case: &str) -> Result<(), Outer> {
    app(case).map_err(Outer)
}

/// `GET /e/{case}`: the same failure from the layer `x-layer` names (so every answer
/// has the same path, hence the same Problem `instance`).
async fn route(Path(case): Path<String>, headers: HeaderMap) -> Response {
    let layer = headers.get("x-layer").map(|v| v.as_bytes());
    match layer {
        Some(b"inner") => inner(&case).into_response(),
        Some(b"app") => app(&case).into_response(),
        _ => outer(&case).into_response(),
    }
}

async fn own_route() -> Result<(), Outer> {
    Err(Outer(AppError::Maintenance))
}

fn server(envelopes: Envelopes) -> String {
    let router = Router::new()
        .route("/e/{case}", get(route))
        .route("/own", get(own_route))
        .layer(RequestContextLayer::new(envelopes));
    start(router)
}

#[cfg(feature = "actix-web")]
mod on_actix {
    use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
    use api_envelope::integrations::Envelopes;
    use api_envelope::integrations::actix_web::RequestContextMiddleware;

    use super::{app, inner, outer};

    /// `GET /e/{case}` as on axum, the layer named by `x-layer`.
    async fn route(req: HttpRequest, case: web::Path<String>) -> HttpResponse {
        let layer = req.headers().get("x-layer").map(|v| v.as_bytes());
        let failed = match layer {
            Some(b"inner") => inner(&case).err().map(|e| e.error_response()),
            Some(b"app") => app(&case).err().map(|e| e.error_response()),
            _ => outer(&case).err().map(|e| e.error_response()),
        };
        failed.unwrap_or_else(|| HttpResponse::NoContent().finish())
    }

    pub(super) fn server(envelopes: Envelopes) -> String {
        crate::http_support::start_actix(move |cfg| {
            cfg.service(
                web::scope("")
                    .wrap(RequestContextMiddleware::new(envelopes.clone()))
                    .route("/e/{case}", web::get().to(route)),
            );
        })
    }
}

fn seen(reply: &Reply) -> (u16, Vec<(String, String)>, String) {
    let mut headers: Vec<(String, String)> = reply
        .headers
        .iter()
        .filter(|(k, _)| *k != "date")
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("?").to_owned()))
        .collect();
    headers.sort();
    (reply.status.as_u16(), headers, reply.text().to_owned())
}

/// The five formats, each served by `serve`.
fn servers(serve: impl Fn(Envelopes) -> String) -> [(&'static str, String); 5] {
    [
        ("ScaiWave", serve(Envelopes::new(ScaiWave))),
        ("ScaiGrid", serve(Envelopes::new(ScaiGrid))),
        ("ScaiDrive", serve(Envelopes::new(ScaiDrive))),
        ("ScaiKey", serve(Envelopes::new(ScaiKey))),
        (
            "Problem",
            serve(Envelopes::new(Problem::new("https://errors.example/"))),
        ),
    ]
}

#[test]
fn three_layers_answer_as_the_innermost_in_every_format() {
    check_layers(&servers(server));
}

#[cfg(feature = "actix-web")]
#[test]
fn three_layers_answer_as_the_innermost_on_actix_web() {
    check_layers(&servers(on_actix::server));
}

fn check_layers(servers: &[(&'static str, String)]) {
    let cases = [
        ("frozen", 409, "SW_ROOM_FROZEN"),
        ("storage", 500, "SW_INTERNAL_ERROR"),
        ("limited", 429, "SW_RATE_LIMIT_EXCEEDED"),
        ("invalid", 422, "SW_VALIDATION_ERROR"),
    ];
    let id = ("x-request-id", "req_layers");
    for (name, base) in servers {
        for (case, status, code) in cases {
            let path = format!("/e/{case}");
            let at = |layer| send_to(base, "GET", &path, None, &[id, ("x-layer", layer)]);
            let (inner, app, outer) = (at("inner"), at("app"), at("outer"));
            let what = format!("{name} {case}: {}", inner.text());
            assert_eq!(inner.status.as_u16(), status, "{what}");
            assert_eq!(seen(&app), seen(&inner), "{what}");
            assert_eq!(seen(&outer), seen(&inner), "{what}");
            assert!(!outer.text().contains("10.0.0.7"), "{what}");
            assert!(!outer.text().contains("disk full"), "{what}");
            // The client reads the inner code back (ScaiDrive's envelope has no code).
            if *name != "ScaiDrive" {
                assert_eq!(outer.remote().code.as_deref(), Some(code), "{what}");
            }
        }
    }
}

#[test]
fn a_layers_own_code_answers_too() {
    let base = server(Envelopes::new(ScaiWave));
    let reply = send_to(&base, "GET", "/own", None, &[("x-request-id", "req_own")]);
    assert_eq!(reply.status.as_u16(), 503);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_MAINTENANCE","message":"Down for maintenance.","request_id":"req_own"}}"#
    );
}

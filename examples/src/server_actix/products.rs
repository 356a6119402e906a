//! The five products' own routes on actix-web, over [`crate::backend`]: the same routes
//! and operations as the axum server's.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};
use api_envelope::integrations::actix_web::{
    Json, Path, Query, RequestContext, RequestContextMiddleware, Valid,
};
use api_envelope::integrations::{Envelopes, Failure, Rejection};
use serde::Serialize;

use super::{Answer, get};
use crate::backend::sonny as sonny_backend;
use crate::backend::{scaidrive as drive, scaigrid as grid, scaikey as key, scaiwave as wave};
use crate::scaikey;

/// One product's in-memory state, shared by every worker's scope (each a cheap handle).
#[derive(Debug, Clone)]
pub(super) enum State {
    /// ScaiWave's rooms.
    Wave(wave::Rooms),
    /// ScaiGrid's models, and the policy of its rate-limited completions.
    Grid(grid::Models, Envelopes),
    /// ScaiDrive's folders and files.
    Drive(drive::Drive),
    /// ScaiKey's secrets.
    Key(key::Vault),
    /// Sonny Labs' scans and users.
    Sonny(sonny_backend::Scans, sonny_backend::Users),
}

impl State {
    pub(super) fn wave() -> Self {
        Self::Wave(wave::Rooms::seeded())
    }

    /// `limited`: ScaiGrid's envelopes with the completions' rate limiter.
    pub(super) fn grid(limited: Envelopes) -> Self {
        Self::Grid(grid::Models::seeded(), limited)
    }

    pub(super) fn drive() -> Self {
        Self::Drive(drive::Drive::seeded())
    }

    pub(super) fn key() -> Self {
        Self::Key(key::Vault::seeded())
    }

    pub(super) fn sonny() -> Self {
        Self::Sonny(
            sonny_backend::Scans::seeded(),
            sonny_backend::Users::seeded(),
        )
    }

    /// Registers the product's routes in its scope.
    pub(super) fn routes(&self, cfg: &mut web::ServiceConfig) {
        match self {
            Self::Wave(rooms) => {
                cfg.app_data(web::Data::new(rooms.clone()))
                    .service(get("/v1/rooms/{room_id}", wave_room))
                    .service(
                        get("/v1/rooms/{room_id}/messages", wave_messages)
                            .route(web::post().to(wave_post)),
                    )
                    .service(
                        web::resource("/v1/rooms/{room_id}/participants/{user_id}")
                            .route(web::put().to(wave_join)),
                    );
            }
            Self::Grid(models, limited) => {
                // The completions have the limiter in a middleware of their own (inside
                // the product's, which keeps the timeout).
                cfg.app_data(web::Data::new(models.clone()))
                    .service(get("/v1/models", grid_models))
                    .service(get("/v1/models/{slug}", grid_model))
                    .service(
                        web::resource("/v1/chat/completions")
                            .wrap(RequestContextMiddleware::new(limited.clone()))
                            .route(web::post().to(grid_chat)),
                    );
            }
            Self::Drive(store) => {
                cfg.app_data(web::Data::new(store.clone()))
                    .service(
                        web::resource("/v1/folders").route(web::post().to(drive_create_folder)),
                    )
                    .service(get("/v1/files", drive_files))
                    .service(get("/v1/files/{file_id}", drive_file));
            }
            Self::Key(vault) => {
                cfg.app_data(web::Data::new(vault.clone())).service(
                    get("/v1/secrets/{path:.+}", key_get)
                        .route(web::put().to(key_put))
                        .route(web::delete().to(key_delete)),
                );
            }
            Self::Sonny(scans, users) => {
                cfg.app_data(web::Data::new(scans.clone()))
                    .app_data(web::Data::new(users.clone()))
                    .service(web::resource("/v1/scans").route(web::post().to(sonny_create_scan)))
                    .service(get("/v1/scans/{id}", sonny_scan))
                    .service(get("/v1/users", sonny_users));
            }
        }
    }
}

/// `200 OK` with `body` as JSON.
fn ok(body: impl Serialize) -> HttpResponse {
    HttpResponse::Ok().json(body)
}

/// `201 Created` with `body` as JSON.
fn created(body: impl Serialize) -> HttpResponse {
    HttpResponse::Created().json(body)
}

// ---------------------------------------------------------------------------------------
// ScaiWave

async fn wave_room(rooms: web::Data<wave::Rooms>, Path(room_id): Path<String>) -> Answer {
    Ok(ok(rooms.get(&room_id)?))
}

async fn wave_messages(
    rooms: web::Data<wave::Rooms>,
    Path(room_id): Path<String>,
    Valid(Query(page)): Valid<Query<wave::MessagePage>>,
) -> Answer {
    Ok(ok(rooms.messages(&room_id, page)?))
}

async fn wave_join(
    rooms: web::Data<wave::Rooms>,
    Path((room_id, user_id)): Path<(String, String)>,
) -> Answer {
    Ok(ok(rooms.join(&room_id, &user_id)?))
}

async fn wave_post(
    rooms: web::Data<wave::Rooms>,
    Path(room_id): Path<String>,
    Valid(Json(body)): Valid<Json<wave::NewMessage>>,
) -> Answer {
    let message = rooms.post_message(&room_id, body)?;
    Ok(created(message))
}

// ---------------------------------------------------------------------------------------
// ScaiGrid

async fn grid_models(ctx: RequestContext, models: web::Data<grid::Models>) -> HttpResponse {
    ok(grid::Success::new(ctx.request_id(), models.list()))
}

async fn grid_model(
    ctx: RequestContext,
    models: web::Data<grid::Models>,
    Path(slug): Path<String>,
) -> Answer {
    Ok(ok(grid::Success::new(ctx.request_id(), models.get(&slug)?)))
}

async fn grid_chat(
    ctx: RequestContext,
    models: web::Data<grid::Models>,
    Valid(Json(request)): Valid<Json<grid::ChatRequest>>,
) -> Answer {
    let completion = models.complete(&request)?;
    Ok(ok(grid::Success::new(ctx.request_id(), completion)))
}

// ---------------------------------------------------------------------------------------
// ScaiDrive

async fn drive_create_folder(
    store: web::Data<drive::Drive>,
    Valid(Json(new)): Valid<Json<drive::NewFolder>>,
) -> Answer {
    Ok(created(store.create_folder(new)?))
}

async fn drive_files(
    store: web::Data<drive::Drive>,
    Valid(Query(query)): Valid<Query<drive::FilesQuery>>,
) -> Answer {
    Ok(ok(store.files(query)?))
}

async fn drive_file(store: web::Data<drive::Drive>, Path(file_id): Path<i128>) -> Answer {
    Ok(ok(store.file(file_id)?))
}

// ---------------------------------------------------------------------------------------
// ScaiKey

/// ScaiKey's caller, from `Authorization: Bearer <token>` (401 otherwise). The first
/// argument of each handler, so an anonymous request is answered before its path and
/// body are looked at.
struct Caller(#[allow(dead_code, reason = "the demo grants every token")] key::Token);

impl FromRequest for Caller {
    type Error = scaikey::AuthError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let header = req
            .headers()
            .get(header::AUTHORIZATION)
            .map(|v| v.to_str().unwrap_or(""));
        ready(key::authenticate(header).map(Caller))
    }
}

async fn key_get(
    _caller: Caller,
    vault: web::Data<key::Vault>,
    Path(path): Path<String>,
) -> Answer {
    Ok(ok(vault.get(&path)?))
}

async fn key_put(
    _caller: Caller,
    vault: web::Data<key::Vault>,
    Path(path): Path<String>,
    Json(body): Json<key::NewSecret>,
) -> Answer {
    Ok(created(vault.put(&path, body.value)?))
}

async fn key_delete(
    _caller: Caller,
    vault: web::Data<key::Vault>,
    Path(path): Path<String>,
) -> Answer {
    vault.delete(&path)?;
    Ok(HttpResponse::NoContent().finish())
}

// ---------------------------------------------------------------------------------------
// Sonny Labs

async fn sonny_scan(scans: web::Data<sonny_backend::Scans>, Path(id): Path<String>) -> Answer {
    Ok(ok(scans.get(&id)?))
}

async fn sonny_create_scan(
    scans: web::Data<sonny_backend::Scans>,
    req: HttpRequest,
    Valid(Json(body)): Valid<Json<sonny_backend::NewScan>>,
) -> Answer {
    let raw = req.headers().get("idempotency-key").map(|v| v.as_bytes());
    let idempotency_key = sonny_backend::idempotency_key(raw)?;
    let (scan, replayed) = scans.create(idempotency_key, body.target)?;
    let mut res = created(scan);
    if replayed {
        res.headers_mut().insert(
            header::HeaderName::from_static("idempotent-replayed"),
            header::HeaderValue::from_static("true"),
        );
    }
    Ok(res)
}

/// `GET /v1/users`: a `limit` out of range is this endpoint's own
/// `users.invalid_param`; a query that does not convert is the product's
/// `validation.parameter_type_mismatch`, as from any endpoint.
async fn sonny_users(
    users: web::Data<sonny_backend::Users>,
    query: Result<Valid<Query<sonny_backend::UsersQuery>>, Rejection>,
) -> Answer {
    let query = match query {
        Ok(Valid(Query(query))) => query,
        Err(rejection) if rejection.failure() == Failure::ParameterConstraint => {
            let violations = rejection.into_violations();
            return Err(crate::sonny::UserError::InvalidParam { violations }.into());
        }
        Err(rejection) => return Ok(rejection.error_response()),
    };
    Ok(ok(users.page(&query)?))
}

//! The five products' own routes, over [`crate::backend`].

use api_envelope::integrations::axum::{Json, Path, Query, RequestContext, Valid};
use api_envelope::integrations::{Failure, Rejection};
use axum::Router;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use super::Answer;
use crate::backend::sonny as sonny_backend;
use crate::backend::{scaidrive as drive, scaigrid as grid, scaikey as key, scaiwave as wave};
use crate::scaikey;

// ---------------------------------------------------------------------------------------
// ScaiWave

pub(super) fn scaiwave() -> Router {
    Router::new()
        .route("/v1/rooms/{room_id}", get(wave_room))
        .route(
            "/v1/rooms/{room_id}/messages",
            get(wave_messages).post(wave_post),
        )
        .route("/v1/rooms/{room_id}/participants/{user_id}", put(wave_join))
        .with_state(wave::Rooms::seeded())
}

async fn wave_join(
    State(rooms): State<wave::Rooms>,
    Path((room_id, user_id)): Path<(String, String)>,
) -> Answer<Json<wave::Participants>> {
    Ok(Json(rooms.join(&room_id, &user_id)?))
}

async fn wave_room(
    State(rooms): State<wave::Rooms>,
    Path(room_id): Path<String>,
) -> Answer<Json<wave::Room>> {
    Ok(Json(rooms.get(&room_id)?))
}

async fn wave_messages(
    State(rooms): State<wave::Rooms>,
    Path(room_id): Path<String>,
    Valid(Query(page)): Valid<Query<wave::MessagePage>>,
) -> Answer<Json<Vec<wave::Message>>> {
    rooms.messages(&room_id, page).map(Json)
}

async fn wave_post(
    State(rooms): State<wave::Rooms>,
    Path(room_id): Path<String>,
    Valid(Json(body)): Valid<Json<wave::NewMessage>>,
) -> Answer<(StatusCode, Json<wave::Message>)> {
    let message = rooms.post_message(&room_id, body)?;
    Ok((StatusCode::CREATED, Json(message)))
}

// ---------------------------------------------------------------------------------------
// ScaiGrid

pub(super) fn scaigrid(models: grid::Models) -> Router {
    Router::new()
        .route("/v1/models", get(grid_models))
        .route("/v1/models/{slug}", get(grid_model))
        .with_state(models)
}

/// `POST /v1/chat/completions` alone (ScaiGrid rate limits it on its own).
pub(super) fn scaigrid_chat(models: grid::Models) -> Router {
    Router::new()
        .route("/v1/chat/completions", post(grid_chat))
        .with_state(models)
}

fn grid_ok<T>(ctx: &RequestContext, data: T) -> Json<grid::Success<T>> {
    Json(grid::Success::new(ctx.request_id(), data))
}

async fn grid_models(
    ctx: RequestContext,
    State(models): State<grid::Models>,
) -> Json<grid::Success<Vec<grid::Model>>> {
    grid_ok(&ctx, models.list())
}

async fn grid_model(
    ctx: RequestContext,
    State(models): State<grid::Models>,
    Path(slug): Path<String>,
) -> Answer<Json<grid::Success<grid::Model>>> {
    Ok(grid_ok(&ctx, models.get(&slug)?))
}

async fn grid_chat(
    ctx: RequestContext,
    State(models): State<grid::Models>,
    Valid(Json(request)): Valid<Json<grid::ChatRequest>>,
) -> Answer<Json<grid::Success<grid::Completion>>> {
    let completion = models.complete(&request)?;
    Ok(grid_ok(&ctx, completion))
}

// ---------------------------------------------------------------------------------------
// ScaiDrive

pub(super) fn scaidrive() -> Router {
    Router::new()
        .route("/v1/folders", post(drive_create_folder))
        .route("/v1/files", get(drive_files))
        .route("/v1/files/{file_id}", get(drive_file))
        .with_state(drive::Drive::seeded())
}

async fn drive_create_folder(
    State(store): State<drive::Drive>,
    Valid(Json(new)): Valid<Json<drive::NewFolder>>,
) -> Answer<(StatusCode, Json<drive::Folder>)> {
    let folder = store.create_folder(new)?;
    Ok((StatusCode::CREATED, Json(folder)))
}

async fn drive_files(
    State(store): State<drive::Drive>,
    Valid(Query(query)): Valid<Query<drive::FilesQuery>>,
) -> Answer<Json<drive::FilePage>> {
    Ok(Json(store.files(query)?))
}

async fn drive_file(
    State(store): State<drive::Drive>,
    Path(file_id): Path<i128>,
) -> Answer<Json<drive::File>> {
    Ok(Json(store.file(file_id)?))
}

// ---------------------------------------------------------------------------------------
// ScaiKey

pub(super) fn scaikey() -> Router {
    Router::new()
        .route(
            "/v1/secrets/{*path}",
            get(key_get).put(key_put).delete(key_delete),
        )
        .with_state(key::Vault::seeded())
}

/// ScaiKey's caller, from `Authorization: Bearer <token>` (401 otherwise). Extracted
/// before the path and the body, so an anonymous request learns nothing else.
struct Caller(#[allow(dead_code, reason = "the demo grants every token")] key::Token);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = scaikey::AuthError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(header::AUTHORIZATION)
            .map(|v| v.to_str().unwrap_or(""));
        key::authenticate(header).map(Caller)
    }
}

async fn key_get(
    _caller: Caller,
    State(vault): State<key::Vault>,
    Path(path): Path<String>,
) -> Answer<Json<key::Secret>> {
    vault.get(&path).map(Json)
}

async fn key_put(
    _caller: Caller,
    State(vault): State<key::Vault>,
    Path(path): Path<String>,
    Json(body): Json<key::NewSecret>,
) -> Answer<(StatusCode, Json<key::Secret>)> {
    let secret = vault.put(&path, body.value)?;
    Ok((StatusCode::CREATED, Json(secret)))
}

async fn key_delete(
    _caller: Caller,
    State(vault): State<key::Vault>,
    Path(path): Path<String>,
) -> Answer<StatusCode> {
    vault.delete(&path)?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------------------
// Sonny Labs

pub(super) fn sonny() -> Router {
    let scans = Router::new()
        .route("/v1/scans", post(sonny_create_scan))
        .route("/v1/scans/{id}", get(sonny_scan))
        .with_state(sonny_backend::Scans::seeded());
    let users = Router::new()
        .route("/v1/users", get(sonny_users))
        .with_state(sonny_backend::Users::seeded());
    scans.merge(users)
}

async fn sonny_scan(
    State(scans): State<sonny_backend::Scans>,
    Path(id): Path<String>,
) -> Answer<Json<sonny_backend::Scan>> {
    Ok(Json(scans.get(&id)?))
}

async fn sonny_create_scan(
    State(scans): State<sonny_backend::Scans>,
    headers: HeaderMap,
    Valid(Json(body)): Valid<Json<sonny_backend::NewScan>>,
) -> Answer<Response> {
    let idempotency_key =
        sonny_backend::idempotency_key(headers.get("idempotency-key").map(HeaderValue::as_bytes))?;
    let (scan, replayed) = scans.create(idempotency_key, body.target)?;
    let mut res = (StatusCode::CREATED, Json(scan)).into_response();
    if replayed {
        res.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(res)
}

/// `GET /v1/users`: a `limit` out of range is this endpoint's own
/// `users.invalid_param`; a query that does not convert is the product's
/// `validation.parameter_type_mismatch`, as from any endpoint.
async fn sonny_users(
    State(users): State<sonny_backend::Users>,
    query: Result<Valid<Query<sonny_backend::UsersQuery>>, Rejection>,
) -> Answer<Response> {
    let query = match query {
        Ok(Valid(Query(query))) => query,
        Err(rejection) if rejection.failure() == Failure::ParameterConstraint => {
            let violations = rejection.into_violations();
            return Err(crate::sonny::UserError::InvalidParam { violations }.into());
        }
        Err(rejection) => return Ok(rejection.into_response()),
    };
    Ok(Json(users.page(&query)?).into_response())
}

//! The README's axum quick start, compiled (and compared with the README by
//! `examples/tests/readme.rs`): one route, a derived error, the layer.
//!
//! ```text
//! cargo run -p api-envelope-examples --bin quickstart
//! curl -si -X POST localhost:3000/v1/rooms/frozen/messages -H 'content-type: application/json' -d '{"text":"hi"}'
//! ```

use api_envelope::ApiError;
use api_envelope::format::ScaiWave;
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::axum::{Json, Path, RequestContextLayer, no_route};
use axum::{Router, routing::post};

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_")]
enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen { room_id: String },
}

#[derive(serde::Deserialize)]
struct NewMessage {
    text: String,
}

async fn post_message(
    Path(room_id): Path<String>,
    Json(message): Json<NewMessage>,
) -> Result<String, RoomError> {
    if room_id == "frozen" {
        return Err(RoomError::Frozen { room_id });
    }
    Ok(message.text)
}

fn main() -> std::io::Result<()> {
    let app = Router::new()
        .route("/v1/rooms/{room_id}/messages", post(post_message))
        .fallback(no_route)
        .layer(RequestContextLayer::new(Envelopes::new(ScaiWave)));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
        axum::serve(listener, app).await
    })
}

//! `#[api_error(framework_impls = false)]`: the derive emits no framework impl (axum's
//! `IntoResponse`, actix-web's `ResponseError`), so the type can implement its own even
//! with the runtime's serving features on; and `#[code(.., meaning = "..")]` gives the
//! catalogue meaning instead of the doc comment.

use api_envelope::{ApiError, Catalogued};
use axum::response::{IntoResponse, Response};

/// Errors answered by a hand-written `IntoResponse`.
#[derive(Debug, ApiError)]
#[api_error(framework_impls = false, convention = "SCREAMING_SNAKE")]
pub enum OwnResponse {
    /// Rustdoc of the variant (and its message), not its catalogue meaning.
    #[code("ROOM_FROZEN", status = 409, meaning = "Closed or archived.")]
    Frozen,
    /// Documented, with an empty catalogue meaning.
    #[code("ROOM_NOT_FOUND", status = 404, meaning = "")]
    #[message("room not found")]
    NotFound,
}

impl IntoResponse for OwnResponse {
    fn into_response(self) -> Response {
        (self.status(), self.code()).into_response()
    }
}

#[test]
fn the_type_has_its_own_into_response() {
    let frozen = OwnResponse::Frozen;
    assert_eq!(frozen.meaning(), "Closed or archived.");
    assert_eq!(
        frozen.to_string(),
        "Rustdoc of the variant (and its message), not its catalogue meaning."
    );
    assert_eq!(OwnResponse::CATALOG.entries[1].meaning, "");
    let response = frozen.into_response();
    assert_eq!(response.status().as_u16(), 409);
}

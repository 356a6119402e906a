//! What the axum layer guarantees for an inner service's own `call`, over loopback HTTP.
//!
//! Under `Router::layer` the inner service is axum's `Route`, whose `call` runs nothing of
//! the application (the layer then skips its guard there). A service the layer wraps
//! directly (`RequestContextLayer::layer(service)`) may run code in `call`: a panic there
//! is still the product's 500 with the request id, and an error rendered there still
//! finds the request's facts (the product's envelope, the request's id).

mod http_support;

use std::convert::Infallible;
use std::future::{Ready, ready};
use std::task::{Context as TaskContext, Poll};

use api_envelope::format::ScaiWave;
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::axum::RequestContextLayer;
use api_envelope_examples::scaiwave::{self, RoomError};
use axum::Router;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::Request;
use tower_layer::Layer;

/// What an inner service does in its `call`.
#[derive(Clone, Copy)]
enum InCall {
    /// Panics.
    Panic,
    /// Renders a catalogue error there and then.
    Render,
}

impl tower_service::Service<Request<Body>> for InCall {
    type Response = Response;
    type Error = Infallible;
    type Future = Ready<Result<Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut TaskContext<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        match self {
            InCall::Panic => panic!("secret internal detail of {}", req.uri()),
            InCall::Render => ready(Ok(RoomError::Frozen {
                room_id: "r_9".into(),
            }
            .into_response())),
        }
    }
}

fn layer() -> RequestContextLayer {
    RequestContextLayer::new(Envelopes::new(ScaiWave).failures(scaiwave::failures()))
}

#[test]
fn a_panic_in_an_inner_call_is_the_products_500() {
    let router = Router::new().fallback_service(layer().layer(InCall::Panic));
    let base = http_support::start(router);
    let reply = http_support::send_to(&base, "GET", "/x", None, &[("x-request-id", "req_call")]);
    assert_eq!(reply.status.as_u16(), 500);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_INTERNAL_ERROR","message":"Internal error. Quote the request_id when reporting it.","request_id":"req_call"}}"#
    );
    assert_eq!(reply.header("x-request-id"), Some("req_call"));
    assert_eq!(reply.header("content-type"), Some("application/json"));
}

#[test]
fn an_error_rendered_in_an_inner_call_has_the_requests_facts() {
    let router = Router::new().fallback_service(layer().layer(InCall::Render));
    let base = http_support::start(router);
    let reply = http_support::send_to(&base, "GET", "/x", None, &[("x-request-id", "req_in")]);
    assert_eq!(reply.status.as_u16(), 409);
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"SW_ROOM_FROZEN","message":"room r_9 is closed"}}"#
    );
    assert_eq!(reply.header("x-request-id"), Some("req_in"));
    // Without the facts it would be the default format (a problem document).
    assert_eq!(reply.header("content-type"), Some("application/json"));
}

#[test]
fn a_panic_in_a_routed_service_is_caught_in_the_future() {
    // Under `Router::layer`, the layer wraps axum's `Route`: the service's own `call`
    // runs inside the layer's future, still guarded.
    let router = Router::new()
        .route_service("/x", InCall::Panic)
        .layer(layer());
    let base = http_support::start(router);
    let reply = http_support::send_to(&base, "GET", "/x", None, &[("x-request-id", "req_route")]);
    assert_eq!(reply.status.as_u16(), 500);
    assert!(
        reply.text().contains(r#""code":"SW_INTERNAL_ERROR""#),
        "{}",
        reply.text()
    );
    assert!(!reply.text().contains("secret"), "{}", reply.text());
    assert_eq!(reply.header("x-request-id"), Some("req_route"));
}

//! The facts every arm renders: one occurrence of `SW_ROOM_FROZEN`.

/// The variant's code.
pub const CODE: &str = "SW_ROOM_FROZEN";
/// The variant's status.
pub const STATUS: u16 = 409;
/// The catalogue meaning (RFC 9457 `title`).
pub const MEANING: &str = "Closed or archived.";
/// The `#[detail]` field, also interpolated in the message.
pub const ROOM_ID: &str = "r_42";
/// The message, as the derive's `Display` writes it.
pub const MESSAGE: &str = "room r_42 is closed";
/// The request id of the context.
pub const REQUEST_ID: &str = "req_01HZX3K9Q2";
/// The RFC 9457 `instance` of the context.
pub const INSTANCE: &str = "/v1/rooms/r_42/messages";
/// The RFC 9457 type base URI; `type` is the base followed by the code.
pub const TYPE_BASE: &str = "https://docs.example.com/errors/";
/// The content type of the four JSON envelopes.
pub const JSON: &str = "application/json";
/// The content type of RFC 9457.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The request's `X-Request-ID` header value as a server has it: parsed out of the
/// request's bytes, so that a clone shares them (a reference count, no allocation), as
/// with hyper. Every arm that sends the id back in a header (ScaiKey) clones this value.
#[must_use]
pub fn request_id_value() -> http::HeaderValue {
    // A `Bytes` slice of a received buffer: cloning it only bumps its reference count.
    let received = bytes::Bytes::from(REQUEST_ID.as_bytes().to_vec());
    http::HeaderValue::from_maybe_shared(received.slice(..))
        .expect("a request id is a header value")
}

/// The per-request facts of the hand-written arms (L, T, V, H): what a hand-written
/// handler would have at hand in place of `api_envelope::Context`.
#[derive(Debug, Clone)]
pub struct Request {
    /// `X-Request-ID` / `request_id`.
    pub request_id: String,
    /// The request's `X-Request-ID` header value ([`request_id_value`]).
    pub request_id_value: http::HeaderValue,
    /// RFC 9457 `instance`.
    pub instance: String,
}

impl Request {
    /// The benchmarks' request.
    #[must_use]
    pub fn new() -> Self {
        Self {
            request_id: REQUEST_ID.to_owned(),
            request_id_value: request_id_value(),
            instance: INSTANCE.to_owned(),
        }
    }
}

impl Default for Request {
    fn default() -> Self {
        Self::new()
    }
}

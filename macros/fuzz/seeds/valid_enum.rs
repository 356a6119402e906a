#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "rooms")]
pub enum RoomError {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    #[message("room {room_id} is closed")]
    Frozen { #[detail] room_id: String },
    /// Tenant rate cap hit.
    #[code("SW_RATE_LIMIT_EXCEEDED", status = 429, family = "events")]
    RateLimited { #[retry_after] seconds: u64 },
    /// Pydantic schema validation failed.
    #[code("SW_VALIDATION_ERROR", status = 422)]
    Invalid { #[violations] violations: Vec<Violation> },
    /// A downstream dependency is unreachable.
    #[code("SW_UPSTREAM", status = [502, 503], public = "Try again shortly.")]
    #[message("upstream {r#type} failed: {0:?}")]
    Upstream { r#type: String, #[status] status: u16, #[source] cause: std::io::Error },
    /// Bug.
    #[code("SW_INTERNAL_ERROR", status = 500, expose)]
    Internal(#[from] std::io::Error),
}

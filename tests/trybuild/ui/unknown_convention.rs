use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE_CASE")]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN", status = 409)]
    Frozen,
}

fn main() {}

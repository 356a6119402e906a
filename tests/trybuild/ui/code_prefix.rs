use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_")]
enum E {
    /// Closed or archived.
    #[code("SW_ROOM_FROZEN", status = 409)]
    Frozen,
    /// Missing its prefix.
    #[code("ROOM_CAPACITY", status = 409)]
    Capacity,
}

fn main() {}

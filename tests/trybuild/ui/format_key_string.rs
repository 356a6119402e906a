use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[api_error(format = "ScaiWave")]
enum E {
    /// Closed.
    #[code("SW_ROOM_FROZEN", status = 409)]
    Frozen,
}

#[derive(Debug, ApiError)]
#[api_error(format)]
enum F {
    /// Closed.
    #[code("SW_ROOM_FROZEN", status = 409)]
    Frozen,
}

#[derive(Debug, ApiError)]
#[api_error(format = 42u8)]
enum G {
    /// Closed.
    #[code("SW_ROOM_FROZEN", status = 409)]
    Frozen,
}

#[derive(Debug, ApiError)]
#[api_error(format = std::time::Duration::ZERO)]
enum H {
    /// Closed.
    #[code("SW_ROOM_FROZEN", status = 409)]
    Frozen,
}

fn main() {}

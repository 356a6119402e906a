use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN", status = 409)]
    #[code("ROOM_CLOSED", status = 409)]
    Frozen,
}

fn main() {}

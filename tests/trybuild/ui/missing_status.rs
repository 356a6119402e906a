use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN")]
    Frozen,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[code("ROOM_FROZEN", status = 409)]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN", status = 409)]
    #[api_error(prefix = "SW_")]
    #[source]
    Frozen {
        #[code("X", status = 400)]
        room_id: String,
    },
}

fn main() {}

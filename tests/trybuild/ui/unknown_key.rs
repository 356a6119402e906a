use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[api_error(famly = "rooms", colour = "blue")]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN", stauts = 409)]
    Frozen,
    /// Not found.
    #[code("NOTE_NOT_FOUND", status = 404, publik = "Not found.")]
    NoteMissing {
        #[detail(nme = "path")]
        path: String,
    },
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[code("ROOM_NOT_FOUND", status = 404)]
    NotFound,
}

fn main() {}

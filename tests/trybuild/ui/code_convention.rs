use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE")]
enum Screaming {
    /// Lower case.
    #[code("room_frozen", status = 409)]
    Frozen,
    /// Double underscore.
    #[code("ROOM__CAPACITY", status = 409)]
    Capacity,
}

#[derive(Debug, ApiError)]
#[api_error(convention = "snake_case")]
enum Snake {
    /// Camel case.
    #[code("secretNotFound", status = 404)]
    NotFound,
}

#[derive(Debug, ApiError)]
#[api_error(convention = "dotted")]
enum Dotted {
    /// Upper case and an empty segment.
    #[code("Auth..Token", status = 401)]
    Token,
}

fn main() {}

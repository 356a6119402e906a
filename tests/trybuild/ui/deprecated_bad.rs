use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Deprecated in favour of itself.
    #[code("SW_ROOM_FROZEN", status = 409, deprecated = "SW_ROOM_FROZEN")]
    Frozen,
    /// Not a code: the replacement is named by its code.
    #[code("SW_ROOM_GONE", status = 410, deprecated = "use SW_ROOM_CLOSED")]
    Gone,
    /// Empty.
    #[code("SW_ROOM_OLD", status = 409, deprecated = "")]
    Old,
    /// The replacement.
    #[code("SW_ROOM_CLOSED", status = 409)]
    Closed,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Unquoted code.
    #[code(SW_ROOM_FROZEN, status = 409)]
    Unquoted,
    /// A bare status.
    #[code("SW_BARE", 409)]
    Bare,
    /// The status on the variant.
    #[code("SW_OWN_STATUS")]
    #[status(409)]
    OwnStatus,
}

fn main() {}

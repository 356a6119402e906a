use api_envelope::ApiError;

// Whatever the convention, a code is printable ASCII without `"`, `\` or whitespace: formats
// write it raw into JSON strings and header values.
#[derive(Debug, ApiError)]
enum AnyConvention {
    /// A quote.
    #[code("ROOM\"FROZEN", status = 409)]
    Quote,
    /// A backslash.
    #[code("ROOM\\FROZEN", status = 409)]
    Backslash,
    /// Not ASCII.
    #[code("SALLE_FERMÉE", status = 409)]
    NotAscii,
    /// A control character.
    #[code("ROOM_FROZEN\u{7}", status = 409)]
    Control,
}

#[derive(Debug, ApiError)]
#[api_error(convention = "SCREAMING_SNAKE")]
enum Screaming {
    /// Not ASCII, under a convention.
    #[code("SALLE_FERMÉE", status = 409)]
    NotAscii,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN", status = 409)]
    Frozen,
    /// Forgot the code.
    Forgotten,
}

/// A struct needs its code too.
#[derive(Debug, ApiError)]
struct S;

fn main() {}

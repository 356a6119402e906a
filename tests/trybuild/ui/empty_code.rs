use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// No code at all.
    #[code("", status = 409)]
    Frozen,
}

fn main() {}

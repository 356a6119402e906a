use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Not an error.
    #[code("OK", status = 200)]
    Ok,
    /// A redirect.
    #[code("FOUND", status = 302)]
    Found,
    /// Beyond HTTP.
    #[code("NINES", status = 999)]
    Nines,
}

fn main() {}

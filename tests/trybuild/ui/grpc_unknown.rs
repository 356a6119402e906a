use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Lower case.
    #[code("SW_EXISTS", status = 409, grpc = "already_exists")]
    Exists,
    /// Never an error's code.
    #[code("SW_FINE", status = 409, grpc = "OK")]
    Fine,
    /// Not a code.
    #[code("SW_GONE", status = 410, grpc = "GONE")]
    Gone,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Secret not found.
    #[code("secret_not_found", status = 404)]
    #[message("Secret '{0}' not found")]
    NotFound(#[detail] String),
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[code("A", status = 400)]
    #[error("room {0} is closed")]
    A(String),
    #[error(transparent)]
    B(std::io::Error),
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Storage error.
    #[code("STORAGE_ERROR", status = 500)]
    Storage {
        #[from]
        io: std::io::Error,
        path: String,
    },
}

fn main() {}

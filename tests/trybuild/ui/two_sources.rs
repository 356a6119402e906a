use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Storage error.
    #[code("STORAGE_ERROR", status = 500)]
    Storage {
        #[source]
        io: std::io::Error,
        #[source]
        fmt: std::fmt::Error,
    },
}

fn main() {}

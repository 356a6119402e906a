use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Backend failed.
    #[code("BACKEND_ERROR", status = 502)]
    Backend {
        #[status]
        status: u16,
    },
}

fn main() {}

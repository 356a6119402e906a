use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[api_error(retry = "sometimes")]
enum E {
    /// Retried in the wrong case.
    #[code("SW_NEVER", status = 409, retry = "Never")]
    Frozen,
    /// Not a class.
    #[code("SW_BUSY", status = 503, retry = "later")]
    Busy,
    /// Not a string.
    #[code("SW_DOWN", status = 503, retry = true)]
    Down,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Enhance your calm.
    #[code("CALM", status = 420)]
    Calm,
    /// Client closed request.
    #[code("CLOSED", status = 499)]
    Closed,
    /// I'm a teapot.
    #[code("TEAPOT", status = 418)]
    Teapot,
}

fn main() {}

use api_envelope::ApiError;

const CONFLICT: u16 = 409;

#[derive(Debug, ApiError)]
enum E {
    /// A string.
    #[code("A", status = "409")]
    A,
    /// A float.
    #[code("B", status = 409.0)]
    B,
    /// A suffix too small for a status.
    #[code("C", status = 409u8)]
    C,
    /// A constant.
    #[code("D", status = CONFLICT)]
    D,
    /// A flag.
    #[code("F", status)]
    F,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum Inner {
    /// Inner.
    #[code("SAME", status = 400)]
    Inner,
}

#[derive(Debug, ApiError)]
enum Outer {
    #[code(transparent)]
    Wrapped(Inner),
    /// Outer's own, with the inner's code.
    #[code("SAME", status = 409)]
    Own,
}

fn main() {}

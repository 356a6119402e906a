use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Read failed.
    #[code("READ", status = 500)]
    Read(#[from] std::io::Error),
    /// Write failed.
    #[code("WRITE", status = 500)]
    Write(#[from] std::io::Error),
}

#[derive(Debug, ApiError)]
enum Inner {
    /// Inner.
    #[code("INNER", status = 400)]
    Inner,
}

#[derive(Debug, ApiError)]
enum Layers {
    #[code(transparent)]
    A(Inner),
    #[code(transparent)]
    B(Inner),
}

fn main() {}

use api_envelope::ApiError;

struct Opaque;

impl std::fmt::Debug for Opaque {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opaque")
    }
}

#[derive(Debug, ApiError)]
enum E {
    /// A field that is not `Display`.
    #[code("A", status = 400)]
    #[message("value {value}")]
    A { value: Opaque },
}

fn main() {}

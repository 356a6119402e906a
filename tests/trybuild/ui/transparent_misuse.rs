use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum Inner {
    /// Inner.
    #[code("INNER", status = 400)]
    Inner,
}

#[derive(Debug, ApiError)]
#[code("OTHER", status = 400)]
/// Other.
struct Other;

#[derive(Debug, ApiError)]
#[code("THIRD", status = 400)]
/// Third.
struct Third;

#[derive(Debug, ApiError)]
#[code("FOURTH", status = 400)]
/// Fourth.
struct Fourth;

#[derive(Debug, ApiError)]
enum E {
    // Two fields: which one answers?
    #[code(transparent)]
    Two(Inner, u8),
    // A message of its own.
    #[code(transparent)]
    #[message("wrapped")]
    Messaged(Other),
    // A status beside `transparent`.
    #[code(transparent, status = 409)]
    Statused(Third),
    // Field attributes mean nothing here.
    #[code(transparent)]
    Detailed(#[detail(name = "inner")] Fourth),
    // `transparent` belongs on the code.
    #[code("F", status = 400)]
    #[message(transparent)]
    Misplaced(String),
}

fn main() {}

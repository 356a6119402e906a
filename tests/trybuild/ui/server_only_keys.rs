use api_envelope::{ApiError, Violation};

#[derive(Debug, ApiError)]
enum E {
    /// Not found.
    #[code("NOT_FOUND", status = 404, public = "Not here.")]
    NotFound,
    /// Conflict.
    #[code("CONFLICT", status = 409, expose)]
    Conflict,
    /// Bug.
    #[code("BUG", status = 500)]
    Bug {
        #[violations]
        violations: Vec<Violation>,
    },
}

fn main() {}

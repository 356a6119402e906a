use api_envelope::{ApiError, Violation};

#[derive(Debug, ApiError)]
enum E {
    /// CSR already processed.
    #[code("CSR_DONE", status = 409)]
    Done {
        #[detail]
        status: String,
        #[detail(name = "title")]
        heading: String,
    },
    /// Validation.
    #[code("INVALID", status = 422)]
    Invalid {
        #[violations]
        violations: Vec<Violation>,
        #[detail]
        fields: Vec<String>,
    },
}

fn main() {}

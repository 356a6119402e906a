use api_envelope::{ApiError, Violation};

#[derive(Debug, ApiError)]
enum E {
    /// A downstream dependency is unreachable.
    #[code("UPSTREAM", status = [502, 503])]
    Upstream {
        #[status]
        status: u16,
        #[status]
        fallback: u16,
    },
    /// Rate limited.
    #[code("RATE_LIMITED", status = 429)]
    RateLimited {
        #[retry_after]
        seconds: u64,
        #[retry_after]
        minutes: u64,
    },
    /// Validation failed.
    #[code("VALIDATION_ERROR", status = 422)]
    Validation {
        #[violations]
        body: Vec<Violation>,
        #[violations]
        query: Vec<Violation>,
    },
    /// A repeated attribute on one field.
    #[code("NOT_FOUND", status = 404)]
    NotFound {
        #[source]
        #[source]
        io: std::io::Error,
    },
}

fn main() {}

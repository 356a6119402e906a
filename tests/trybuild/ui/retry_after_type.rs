use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Rate limited.
    #[code("RATE_LIMITED", status = 429)]
    RateLimited {
        #[retry_after]
        after: String,
    },
    /// Quota exceeded.
    #[code("QUOTA_EXCEEDED", status = 429)]
    Quota(#[retry_after] f64),
    /// Budget exceeded.
    #[code("BUDGET_EXCEEDED", status = 429)]
    Budget(#[retry_after] Option<Option<u64>>),
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// A downstream dependency is unreachable.
    #[code("UPSTREAM", status = [502, 503])]
    Upstream {
        #[status]
        status: String,
    },
}

fn main() {}

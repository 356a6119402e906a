use api_envelope::ApiError;

#[derive(Debug, ApiError)]
#[api_error(convention = "dotted")]
enum E {
    /// A downstream dependency is unreachable.
    #[code("upstream.unavailable", status = [502, 503, 502])]
    Upstream {
        #[status]
        status: u16,
    },
}

fn main() {}

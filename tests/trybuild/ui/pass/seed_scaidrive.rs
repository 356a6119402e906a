//! Every status of seed 002 (ScaiDrive, which has no codes on the wire) is accepted.

use api_envelope::{ApiError, Catalogued};

#[derive(Debug, ApiError)]
pub enum ScaiDriveError {
    /// Status 401.
    #[code("HTTP_401", status = 401)]
    Status401,
    /// Status 403.
    #[code("HTTP_403", status = 403)]
    Status403,
    /// Status 400.
    #[code("HTTP_400", status = 400)]
    Status400,
    /// Status 422.
    #[code("HTTP_422", status = 422)]
    Status422,
    /// Status 404.
    #[code("HTTP_404", status = 404)]
    Status404,
    /// Status 410.
    #[code("HTTP_410", status = 410)]
    Status410,
    /// Status 409.
    #[code("HTTP_409", status = 409)]
    Status409,
    /// Status 413.
    #[code("HTTP_413", status = 413)]
    Status413,
    /// Status 507.
    #[code("HTTP_507", status = 507)]
    Status507,
    /// Status 429.
    #[code("HTTP_429", status = 429)]
    Status429,
    /// Status 502.
    #[code("HTTP_502", status = 502)]
    Status502,
    /// Status 500.
    #[code("HTTP_500", status = 500)]
    Status500,
    /// Status 503.
    #[code("HTTP_503", status = 503)]
    Status503,
    /// Status 504.
    #[code("HTTP_504", status = 504)]
    Status504,
}

fn main() {
    assert_eq!(ScaiDriveError::CATALOG.len(), 14);
    assert_eq!(ScaiDriveError::Status507.status().as_u16(), 507);
}

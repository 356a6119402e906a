use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Closed or archived.
    #[code("ROOM_FROZEN", status = 409)]
    Frozen,
    /// Tenant max_participants reached.
    #[code("ROOM_CAPACITY", status = 409)]
    Capacity,
    /// Archived.
    #[code("ROOM_FROZEN", status = 410)]
    Archived,
}

fn main() {}

use api_envelope::ApiError;

#[derive(Debug, ApiError)]
enum E {
    /// Unused.
    #[code("A", status = 400)]
    #[message("{} items", .0.len(), .1)]
    A(Vec<u8>, u8),
    /// Too few.
    #[code("B", status = 400)]
    #[message("{} of {}", .0)]
    B(u8),
    /// A bare field name.
    #[code("C", status = 400)]
    #[message("room {} is closed", room_id)]
    C { room_id: String },
    /// No such field.
    #[code("D", status = 400)]
    #[message("{} items", .count)]
    D { items: u8 },
}

fn main() {}

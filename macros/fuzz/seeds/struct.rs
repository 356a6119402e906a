/// Tenant id doesn't exist.
#[code("SW_TENANT_NOT_FOUND", status = 404)]
#[message("tenant {tenant:>8} not found {{literally}}")]
struct TenantNotFound<'a, T: Clone> { #[detail(name = "id")] tenant: &'a str, marker: Option<T> }

//! One table for each fact the derive knows: the IANA-assigned error statuses (with the
//! name of their `http::StatusCode` constant), the derive's helper attributes and where
//! each belongs, and the members the RFC 9457 format writes itself.

/// Every error status assigned in the IANA HTTP Status Code Registry, with its
/// `http::StatusCode` constant.
pub(crate) const STATUSES: &[(u16, &str)] = &[
    (400, "BAD_REQUEST"),
    (401, "UNAUTHORIZED"),
    (402, "PAYMENT_REQUIRED"),
    (403, "FORBIDDEN"),
    (404, "NOT_FOUND"),
    (405, "METHOD_NOT_ALLOWED"),
    (406, "NOT_ACCEPTABLE"),
    (407, "PROXY_AUTHENTICATION_REQUIRED"),
    (408, "REQUEST_TIMEOUT"),
    (409, "CONFLICT"),
    (410, "GONE"),
    (411, "LENGTH_REQUIRED"),
    (412, "PRECONDITION_FAILED"),
    (413, "PAYLOAD_TOO_LARGE"),
    (414, "URI_TOO_LONG"),
    (415, "UNSUPPORTED_MEDIA_TYPE"),
    (416, "RANGE_NOT_SATISFIABLE"),
    (417, "EXPECTATION_FAILED"),
    (421, "MISDIRECTED_REQUEST"),
    (422, "UNPROCESSABLE_ENTITY"),
    (423, "LOCKED"),
    (424, "FAILED_DEPENDENCY"),
    (425, "TOO_EARLY"),
    (426, "UPGRADE_REQUIRED"),
    (428, "PRECONDITION_REQUIRED"),
    (429, "TOO_MANY_REQUESTS"),
    (431, "REQUEST_HEADER_FIELDS_TOO_LARGE"),
    (451, "UNAVAILABLE_FOR_LEGAL_REASONS"),
    (500, "INTERNAL_SERVER_ERROR"),
    (501, "NOT_IMPLEMENTED"),
    (502, "BAD_GATEWAY"),
    (503, "SERVICE_UNAVAILABLE"),
    (504, "GATEWAY_TIMEOUT"),
    (505, "HTTP_VERSION_NOT_SUPPORTED"),
    (506, "VARIANT_ALSO_NEGOTIATES"),
    (507, "INSUFFICIENT_STORAGE"),
    (508, "LOOP_DETECTED"),
    (510, "NOT_EXTENDED"),
    (511, "NETWORK_AUTHENTICATION_REQUIRED"),
];

/// The `http::StatusCode` constant of an assigned error status.
pub(crate) fn status_const(n: u64) -> Option<&'static str> {
    STATUSES
        .iter()
        .find(|(status, _)| u64::from(*status) == n)
        .map(|(_, name)| *name)
}

/// Whether `n` is a 4xx/5xx status assigned in the IANA HTTP Status Code Registry.
pub(crate) fn iana_assigned(n: u64) -> bool {
    status_const(n).is_some()
}

/// The assigned statuses of one class as ranges, for messages: `400-417, 421-426, ..`.
pub(crate) fn assigned_ranges(class: u16) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(u16, u16)> = None;
    let statuses = STATUSES
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| n / 100 == class);
    for n in statuses.chain(std::iter::once(u16::MAX)) {
        run = match run {
            Some((start, end)) if n == end + 1 => Some((start, n)),
            Some((start, end)) => {
                out.push(if start == end {
                    start.to_string()
                } else {
                    format!("{start}-{end}")
                });
                Some((n, n))
            }
            None => Some((n, n)),
        };
    }
    out.join(", ")
}

/// The helper attribute of the container (`#[api_error(..)]`).
pub(crate) const CONTAINER_ATTRS: &[&str] = &["api_error"];
/// The helper attributes of a variant, or of a struct itself.
pub(crate) const VARIANT_ATTRS: &[&str] = &["code", "message"];
/// The helper attributes of a field.
pub(crate) const FIELD_ATTRS: &[&str] = &[
    "source",
    "from",
    "retry_after",
    "detail",
    "violations",
    "status",
];
/// Read only to point a thiserror habit to the derive's spelling (`#[error]`).
pub(crate) const HABIT_ATTRS: &[&str] = &["error"];

/// The members `api_envelope::format::Problem` writes itself (its `RESERVED` list): a
/// `#[detail]` of one of these names would be dropped there.
pub(crate) const PROBLEM_MEMBERS: &[&str] = &[
    "type", "title", "status", "detail", "instance", "code", "errors",
];

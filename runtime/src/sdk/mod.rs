//! Client error modules generated from a catalogue: Python and TypeScript (and the same
//! TypeScript as plain JavaScript), so an SDK's error classes never drift from the codes
//! the service answers with.
//!
//! A module has seed 004's dispatch hierarchy ([`SdkErrorClass`]): a base `APIError`
//! (attributes `code`, `status`, `message`, `request_id` / `requestId`, `details`,
//! `body`), its subclasses `AuthenticationError`, `ValidationError`,
//! `IdempotencyConflictError`, `ScopeMissingError`, `NotFoundError`, `RateLimitError` and
//! `ServerError`, and one class per code ([`class_name`]) under the class its namespace,
//! else its default status, gives, with `CODE`, `STATUS` and `RETRY` (the code's
//! [`Retry`](crate::catalog::Retry) class) and its meaning as documentation.
//!
//! `from_response(status, headers, body)` (TypeScript `fromResponse`) reads any of the
//! five envelopes as the Rust client does ([`RemoteError`](crate::client::RemoteError)):
//! the code (`error.code`, a problem's `code`, none for ScaiDrive), the message
//! (`error.message`, a problem's `detail` else `title`, ScaiDrive's `detail` or its 422
//! list joined as `path: msg; ..`, else the body's text or the status's reason), the
//! request id (`error.request_id`, ScaiGrid's `meta.request_id`, else `X-Request-ID`)
//! and the details. It never throws: a body that is not JSON, or JSON of another shape,
//! gives an `APIError` (or the status's class) keeping the status and what it can; a
//! known code gives its own class, an unknown one its dispatch class with the code and
//! message kept. A deprecated code gives its replacement's class (its `code` stays the
//! wire's).
//!
//! ```
//! use api_envelope::{ApiError, Catalogued};
//! use api_envelope::sdk::{class_name, python, typescript};
//!
//! #[derive(Debug, ApiError)]
//! enum ScanError {
//!     /// The scan id did not resolve.
//!     #[code("scans.not_found", status = 404)]
//!     NotFound,
//!     /// Credential rejected.
//!     #[code("auth.api_key.expired", status = 401)]
//!     KeyExpired,
//! }
//!
//! assert_eq!(class_name("scans.not_found"), "ScansNotFoundError");
//! let py = python("Sonny Labs", [&ScanError::CATALOG]);
//! assert!(py.contains("class ScansNotFoundError(NotFoundError):"));
//! assert!(py.contains("class AuthApiKeyExpiredError(AuthenticationError):"));
//! let ts = typescript("Sonny Labs", [&ScanError::CATALOG]);
//! assert!(ts.contains("export class ScansNotFoundError extends NotFoundError {"));
//! assert!(ts.contains("export function fromResponse(status: number, headers: Record<string, string>, body: string): APIError {"));
//! ```

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::catalog::{Catalog, CatalogEntry};
use crate::client::SdkErrorClass;

mod python;
mod script;

/// The dispatch classes, base first, as the modules define them.
const DISPATCH: [SdkErrorClass; 8] = [
    SdkErrorClass::Other,
    SdkErrorClass::Authentication,
    SdkErrorClass::Validation,
    SdkErrorClass::IdempotencyConflict,
    SdkErrorClass::ScopeMissing,
    SdkErrorClass::NotFound,
    SdkErrorClass::RateLimit,
    SdkErrorClass::Server,
];

/// The class name of `code`: each run of ASCII letters and digits capitalised
/// (`SW_ROOM_FROZEN` → `SwRoomFrozen`, `auth.api_key.expired` → `AuthApiKeyExpired`),
/// `E` first when that starts with a digit, and `Error` last.
///
/// ```
/// use api_envelope::sdk::class_name;
/// assert_eq!(class_name("SW_ROOM_FROZEN"), "SwRoomFrozenError");
/// assert_eq!(class_name("http.413"), "Http413Error");
/// assert_eq!(class_name("404"), "E404Error");
/// ```
#[must_use]
pub fn class_name(code: &str) -> String {
    let mut out = String::new();
    for word in code
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'E');
    }
    out.push_str("Error");
    out
}

/// One code of a module.
struct Code {
    entry: &'static CatalogEntry,
    class: String,
    base: SdkErrorClass,
}

/// The codes of `catalogs`, each with a class name no other code nor dispatch class has
/// (a clash gets `Code` and then a number before `Error`).
fn codes<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> Vec<Code> {
    let mut taken: BTreeSet<String> = DISPATCH.iter().map(|c| c.sdk_name().to_owned()).collect();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for catalog in catalogs {
        for entry in catalog.iter() {
            if !seen.insert(entry.code) {
                continue;
            }
            let mut class = class_name(entry.code);
            if taken.contains(&class) {
                let stem = class.trim_end_matches("Error").to_owned();
                class = format!("{stem}CodeError");
                let mut n = 2;
                while taken.contains(&class) {
                    class = format!("{stem}Code{n}Error");
                    n += 1;
                }
            }
            taken.insert(class.clone());
            out.push(Code {
                entry,
                class,
                base: SdkErrorClass::classify(Some(entry.code), entry.status()),
            });
        }
    }
    out
}

/// `text` as a double-quoted string literal of Python, TypeScript and JSON alike.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Python module of `catalogs` (see the [module docs](self)): Python 3.8 or later,
/// standard library only.
#[must_use]
pub fn python<'a>(product: &str, catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    python::module(product, &codes(catalogs))
}

/// The TypeScript module of `catalogs` (see the [module docs](self)): no dependency,
/// `strict` clean.
#[must_use]
pub fn typescript<'a>(product: &str, catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    script::module(product, &codes(catalogs), true)
}

/// [`typescript`] without its type annotations: the same module as JavaScript (an ES
/// module), for runtimes that take no TypeScript.
#[must_use]
pub fn javascript<'a>(product: &str, catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    script::module(product, &codes(catalogs), false)
}

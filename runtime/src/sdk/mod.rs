//! Client error modules generated from a catalogue: Python and TypeScript (and the same
//! TypeScript as plain JavaScript), so an SDK's error classes never drift from the codes
//! the service answers with.
//!
//! A module has seed 004's dispatch hierarchy ([`SdkErrorClass`]): a base `APIError`
//! (attributes `code`, `status`, `message`, `request_id` / `requestId`, `details`,
//! `body`), its subclasses `AuthenticationError`, `ValidationError`,
//! `IdempotencyConflictError`, `ScopeMissingError`, `NotFoundError`, `RateLimitError` and
//! `ServerError`, and one class per code ([`class_names`]) under the class its namespace,
//! else its default status, gives, with `CODE`, `STATUS` and `RETRY` (the code's
//! [`Retry`](crate::catalog::Retry) class) and its meaning as documentation.
//!
//! `from_response(status, headers, body)` (TypeScript `fromResponse`) reads any of the
//! five envelopes as the Rust client does ([`RemoteError`](crate::client::RemoteError)):
//! the code (`error.code`, a problem's `code` else the last segment of its `type`, none
//! for ScaiDrive), the message (`error.message`, a problem's `detail` else `title`,
//! ScaiDrive's `detail` or its 422 list joined as `path: msg; ..`, else the body's text
//! or the status's reason), the request id (`error.request_id`, ScaiGrid's
//! `meta.request_id`, else `X-Request-ID`) and the details. A known code gives its own
//! class, an unknown one its dispatch class with the code and message kept. A
//! deprecated code gives its replacement's class (its `code` stays the wire's).
//!
//! It never throws. A body that is not JSON, or JSON of another shape, gives an
//! `APIError` (or the status's class) keeping the status and what it can. Python reads
//! invalid UTF-8 as U+FFFD and a number out of range (`1e999`, `NaN`) as lost alone, as
//! the Rust client does; a body nested past the parser's stack is read as no JSON, and a
//! message that would be a value too deep to write as text is the status's reason. Where the Rust client reads on through a body
//! cut short or a stretch of bytes that is no JSON, the modules use their language's
//! JSON parser: such a body keeps its status and a `"code": "..."` found in its text, and
//! its message is the status's reason (JavaScript's parser also takes `NaN` as no JSON).
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
/// This is the name a module gives the code unless it is taken ([`class_names`] gives
/// the names a module uses).
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

/// The names a code's class may not take: the module's own classes, and the exception
/// classes Python and JavaScript define globally, which a module-level class would
/// shadow (`MODULE_NOT_FOUND` would hide Python's `ModuleNotFoundError` from every
/// `from errors import *`).
const RESERVED: &[&str] = &[
    // Python's built-in exceptions (3.8 to 3.13, Windows included).
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "EOFError",
    "EnvironmentError",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "IOError",
    "ImportError",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotADirectoryError",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PermissionError",
    "ProcessLookupError",
    "PythonFinalizationError",
    "RecursionError",
    "ReferenceError",
    "RuntimeError",
    "SyntaxError",
    "SystemError",
    "TabError",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "ValueError",
    "WindowsError",
    "ZeroDivisionError",
    // JavaScript's global error constructors (ReferenceError, SyntaxError and TypeError
    // are above).
    "AggregateError",
    "EvalError",
    "InternalError",
    "RangeError",
    "SuppressedError",
    "URIError",
];

/// The class name each code of `catalogs` has in the modules, in catalogue order: its
/// [`class_name`], unless a dispatch class, a Python or JavaScript built-in exception or
/// an earlier code has it; then `Code` before `Error` (`MODULE_NOT_FOUND` →
/// `ModuleNotFoundCodeError`, Python having a `ModuleNotFoundError`), and then a number
/// from 2 (`Code2`). Every code has one class, in every language, and no two classes
/// share a name. A code repeated in `catalogs` is listed once.
///
/// ```
/// use api_envelope::{ApiError, Catalogued};
/// use api_envelope::sdk::class_names;
///
/// #[derive(Debug, ApiError)]
/// enum ModuleError {
///     /// No such module.
///     #[code("MODULE_NOT_FOUND", status = 404)]
///     Missing,
///     /// Not found (spelled differently).
///     #[code("module.not-found", status = 404)]
///     Gone,
///     /// Generic.
///     #[code("not_found", status = 404)]
///     NotFound,
/// }
///
/// let names = class_names([&ModuleError::CATALOG]);
/// assert_eq!(names, [
///     ("MODULE_NOT_FOUND", "ModuleNotFoundCodeError".to_owned()),
///     ("module.not-found", "ModuleNotFoundCode2Error".to_owned()),
///     ("not_found", "NotFoundCodeError".to_owned()),
/// ]);
/// ```
#[must_use]
pub fn class_names<'a>(
    catalogs: impl IntoIterator<Item = &'a Catalog>,
) -> Vec<(&'static str, String)> {
    codes(catalogs)
        .into_iter()
        .map(|code| (code.entry.code, code.class))
        .collect()
}

/// One code of a module.
struct Code {
    entry: &'static CatalogEntry,
    class: String,
    base: SdkErrorClass,
}

/// The codes of `catalogs`, each with its class name ([`class_names`]).
fn codes<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> Vec<Code> {
    let mut taken: BTreeSet<String> = DISPATCH
        .iter()
        .map(|c| c.sdk_name())
        .chain(RESERVED.iter().copied())
        .map(str::to_owned)
        .collect();
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

/// Each code and the class `from_response` gives it: its own, or for a deprecated code
/// its replacement's when the module has it.
fn code_table(codes: &[Code]) -> impl Iterator<Item = (&'static str, &str)> {
    codes.iter().map(move |code| {
        let target = code
            .entry
            .deprecated
            .and_then(|r| codes.iter().find(|c| c.entry.code == r))
            .unwrap_or(code);
        (code.entry.code, target.class.as_str())
    })
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
///
/// ```
/// use api_envelope::{ApiError, Catalogued};
///
/// #[derive(Debug, ApiError)]
/// enum ScanError {
///     /// The scan id did not resolve.
///     #[code("scans.not_found", status = 404)]
///     NotFound,
/// }
///
/// let module = api_envelope::sdk::python("Sonny Labs", [&ScanError::CATALOG]);
/// assert!(module.contains("class ScansNotFoundError(NotFoundError):\n    \"\"\"The scan id did not resolve.\"\"\"\n\n    CODE = \"scans.not_found\"\n    STATUS = 404\n    RETRY = \"never\"\n"));
/// assert!(module.contains("    \"scans.not_found\": ScansNotFoundError,\n"));
/// ```
#[must_use]
pub fn python<'a>(product: &str, catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    python::module(product, &codes(catalogs))
}

/// The TypeScript module of `catalogs` (see the [module docs](self)): no dependency,
/// `strict` clean.
///
/// ```
/// use api_envelope::{ApiError, Catalogued};
///
/// #[derive(Debug, ApiError)]
/// enum ScanError {
///     /// The scan id did not resolve.
///     #[code("scans.not_found", status = 404)]
///     NotFound,
/// }
///
/// let module = api_envelope::sdk::typescript("Sonny Labs", [&ScanError::CATALOG]);
/// assert!(module.contains("export class ScansNotFoundError extends NotFoundError {\n  static readonly CODE = \"scans.not_found\";\n"));
/// assert!(module.contains("const CODES: Record<string, ErrorClass> = {\n  \"scans.not_found\": ScansNotFoundError,\n"));
/// ```
#[must_use]
pub fn typescript<'a>(product: &str, catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    script::module(product, &codes(catalogs), true)
}

/// [`typescript`] without its type annotations: the same module as JavaScript (an ES
/// module), for runtimes that take no TypeScript.
///
/// ```
/// use api_envelope::{ApiError, Catalogued};
///
/// #[derive(Debug, ApiError)]
/// enum ScanError {
///     /// The scan id did not resolve.
///     #[code("scans.not_found", status = 404)]
///     NotFound,
/// }
///
/// let module = api_envelope::sdk::javascript("Sonny Labs", [&ScanError::CATALOG]);
/// assert!(module.contains("export class ScansNotFoundError extends NotFoundError {\n  static CODE = \"scans.not_found\";\n"));
/// assert!(module.contains("export function fromResponse(status, headers, body) {\n"));
/// ```
#[must_use]
pub fn javascript<'a>(product: &str, catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    script::module(product, &codes(catalogs), false)
}

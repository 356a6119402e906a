//! The Python module.

use std::fmt::Write as _;

use super::{Code, DISPATCH, quoted};
use crate::client::SdkErrorClass;

/// The fixed part: the base class, the dispatch classes and the reader.
const RUNTIME: &str = r#"import json
import math
import re
from typing import Any, Dict, List, Mapping, Optional, Type, Union
from urllib.parse import unquote


class APIError(Exception):
    """An error response: `code` (None when the envelope has none), `status`, `message`,
    `request_id`, `details` and the parsed `body`."""

    CODE: Optional[str] = None
    STATUS: Optional[int] = None
    RETRY: str = "never"

    def __init__(
        self,
        status: int,
        code: Optional[str],
        message: str,
        request_id: Optional[str] = None,
        details: Optional[Dict[str, Any]] = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.details = details if details is not None else {}
        self.body = body

    def __repr__(self) -> str:
        return "%s(status=%r, code=%r, message=%r, request_id=%r)" % (
            type(self).__name__, self.status, self.code, self.message, self.request_id)


class AuthenticationError(APIError):
    """`auth.*`: credential rejected, scope missing, session expired."""


class ValidationError(APIError):
    """`validation.*`: request body or parameter failed validation."""


class IdempotencyConflictError(APIError):
    """`idempotency.*`: `Idempotency-Key` collision."""


class ScopeMissingError(APIError):
    """Any other 403."""


class NotFoundError(APIError):
    """Any other 404."""


class RateLimitError(APIError):
    """Any other 429."""


class ServerError(APIError):
    """Any other 5xx."""


_NAMESPACES: Dict[str, Type[APIError]] = {
    "auth": AuthenticationError,
    "validation": ValidationError,
    "idempotency": IdempotencyConflictError,
}

_REASONS: Dict[int, str] = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
    412: "Precondition Failed", 413: "Payload Too Large", 415: "Unsupported Media Type",
    422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
    501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout",
}


_CODE_IN_TEXT = re.compile(r'"code"\s*:\s*"([^"\\\x00-\x1f]{1,256})"')


def _dispatch(code: Optional[str], status: int) -> Type[APIError]:
    """Seed 004's rule: the code's namespace first, then the status."""
    if code and "." in code:
        namespace, rest = code.split(".", 1)
        if rest and namespace in _NAMESPACES:
            return _NAMESPACES[namespace]
    if status == 403:
        return ScopeMissingError
    if status == 404:
        return NotFoundError
    if status == 429:
        return RateLimitError
    if 500 <= status <= 599:
        return ServerError
    return APIError


def _int(text: str) -> Any:
    try:
        return int(text)
    except ValueError:  # past the interpreter's digit limit: as a float, else lost
        return _float(text)


def _float(text: str) -> Optional[float]:
    value = float(text)
    return value if math.isfinite(value) else None


def _loads(text: str) -> Any:
    """JSON, or None when `text` is none; a value out of range (`1e999`, `NaN`) is lost
    alone, as null."""
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=lambda _: None)
    except (ValueError, RecursionError):
        return None


def _json_text(value: Any) -> Optional[str]:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (ValueError, TypeError, RecursionError):
        return None


def _text(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _json_text(value)
    return None


def _type_code(uri: Any) -> Optional[str]:
    """The code a problem `type` names: its last segment after `/` or `#`,
    percent-decoded; none for `about:blank` or an empty segment."""
    if not isinstance(uri, str) or uri == "about:blank":
        return None
    last = re.split(r"[/#]", uri)[-1]
    return unquote(last, errors="replace") if last else None


def _path(entry: Dict[str, Any]) -> str:
    loc = entry.get("loc")
    if isinstance(loc, list):
        out = ""
        for seg in loc:
            if isinstance(seg, int) and not isinstance(seg, bool) and seg >= 0:
                out += "[%d]" % seg
            else:
                if out:
                    out += "."
                out += seg if isinstance(seg, str) else (_json_text(seg) or "")
        return out
    for key in ("field", "path", "name"):
        if isinstance(entry.get(key), str):
            return entry[key]
    return ""


def _violation_text(entries: List[Any]) -> Optional[str]:
    parts = []
    for entry in entries:
        if isinstance(entry, str):
            parts.append(entry)
            continue
        if not isinstance(entry, dict):
            continue
        msg = next((entry[k] for k in ("msg", "message", "detail") if isinstance(entry.get(k), str)), "")
        path = _path(entry)
        parts.append("%s: %s" % (path, msg) if path else msg)
    return "; ".join(parts) if parts else None


def _fallback(status: int, body: bytes) -> str:
    text = body.strip()
    if 0 < len(text) <= 512 and not text.startswith(b"<") and not text.startswith(b"{"):
        return text.decode("utf-8", "replace")
    return _REASONS.get(status, "HTTP %d" % status)


def from_response(status: int, headers: Mapping[str, str], body: Union[bytes, str]) -> APIError:
    """The error a response stands for; never raises (a body of no known shape keeps the
    status and its text)."""
    try:
        return _read(status, headers, body)
    except Exception:  # a last resort: the reader itself is not expected to fail
        return _dispatch(None, status)(status, None, _REASONS.get(status, "HTTP %s" % status))


def _read(status: int, headers: Mapping[str, str], body: Union[bytes, str]) -> APIError:
    lower = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if isinstance(body, str):
        body = body.encode("utf-8", "replace")
    elif not isinstance(body, bytes):
        body = bytes(body or b"")
    # Invalid UTF-8 reads as U+FFFD, as the Rust client reads it.
    data: Any = _loads(body.decode("utf-8", "replace"))
    code: Optional[str] = None
    message: Optional[str] = None
    request_id: Optional[str] = None
    details: Dict[str, Any] = {}
    is_problem = lower.get("content-type", "").split(";")[0].strip().lower() == "application/problem+json"
    if isinstance(data, dict):
        error = data.get("error")
        problem_members = any(isinstance(data.get(m), str) for m in ("type", "title", "instance", "code"))
        if not is_problem and isinstance(error, dict):
            code = _text(error.get("code"))
            if isinstance(error.get("message"), str):
                message = error["message"]
            if isinstance(error.get("details"), dict):
                details = dict(error["details"])
            grid = data.get("status") == "error" or "meta" in data
            if grid:
                meta = data.get("meta")
                if isinstance(meta, dict) and isinstance(meta.get("request_id"), str):
                    request_id = meta["request_id"]
            elif isinstance(error.get("request_id"), str):
                request_id = error["request_id"]
        elif is_problem or (problem_members and ("detail" in data or "title" in data or "type" in data)):
            code = _text(data.get("code"))
            if code is None:
                code = _type_code(data.get("type"))
            if isinstance(data.get("detail"), str):
                message = data["detail"]
            elif isinstance(data.get("title"), str) and data["title"]:
                message = data["title"]
            reserved = ("type", "title", "status", "detail", "instance", "code", "errors")
            details = {k: v for k, v in data.items() if k not in reserved}
        elif "detail" in data:
            detail = data["detail"]
            if isinstance(detail, str):
                message = detail
            elif isinstance(detail, list):
                message = _violation_text(detail)
            elif isinstance(detail, dict):
                code = _text(detail.get("code"))
                message = next((detail[k] for k in ("message", "msg", "detail") if isinstance(detail.get(k), str)), None)
                if message is None:
                    message = _json_text(detail)
            elif detail is not None:
                message = _json_text(detail)
    if data is None:
        # A body cut short or not quite JSON: its code is kept when it can be read.
        found = _CODE_IN_TEXT.search(body.decode("utf-8", "replace"))
        if found:
            code = found.group(1)
    if request_id is None:
        request_id = lower.get("x-request-id", "").strip() or None
    if message is None:
        message = _fallback(status, body)
    cls = _CODES.get(code) if code is not None else None
    if cls is None:
        cls = _dispatch(code, status)
    return cls(status, code, message, request_id, details, data)
"#;

/// The Python class name of a dispatch class.
fn base_name(class: SdkErrorClass) -> &'static str {
    class.sdk_name()
}

/// The module.
pub(super) fn module(product: &str, codes: &[Code]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\"\"\"{} API errors: seed 004's dispatch hierarchy and one class per code.\n\n\
         Generated by api-envelope (`catalog --sdk python`) from the service's catalogue;\n\
         do not edit. `from_response(status, headers, body)` reads any error response.\n\"\"\"\n",
        product.replace('"', "'")
    );
    out.push_str(RUNTIME);
    debug_assert_eq!(DISPATCH[0], SdkErrorClass::Other);
    for code in codes {
        let entry = code.entry;
        let doc = if entry.meaning.is_empty() {
            format!("`{}`.", entry.code)
        } else {
            entry.meaning.replace("\"\"\"", "'''").replace('\\', "\\\\")
        };
        let _ = write!(
            out,
            "\n\nclass {}({}):\n    \"\"\"{}\"\"\"\n\n    CODE = {}\n    STATUS = {}\n    RETRY = {}\n",
            code.class,
            base_name(code.base),
            doc,
            quoted(entry.code),
            entry.status().as_u16(),
            quoted(entry.retry.as_str()),
        );
        if let Some(replacement) = entry.deprecated {
            let _ = writeln!(out, "    DEPRECATED = {}", quoted(replacement));
        }
    }
    out.push_str("\n\n_CODES: Dict[str, Type[APIError]] = {\n");
    for (code, class) in super::code_table(codes) {
        let _ = writeln!(out, "    {}: {class},", quoted(code));
    }
    out.push_str("}\n\n__all__ = [\"APIError\", \"AuthenticationError\", \"ValidationError\", \"IdempotencyConflictError\", \"ScopeMissingError\", \"NotFoundError\", \"RateLimitError\", \"ServerError\", \"from_response\"");
    for code in codes {
        let _ = write!(out, ", {}", quoted(&code.class));
    }
    out.push_str("]\n");
    out
}

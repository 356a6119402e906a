//! The TypeScript module, and the same without types (JavaScript).

use std::fmt::Write as _;

use super::{Code, quoted};

/// The fixed part. `⟦..⟧` holds TypeScript only (types), dropped for JavaScript.
const RUNTIME: &str = r#"/** An error response: `code` (null when the envelope has none), `status`, `message`, `requestId`, `details` and the parsed `body`. */
export class APIError extends Error {
  static ⟦readonly ⟧CODE⟦: string | null⟧ = null;
  static ⟦readonly ⟧STATUS⟦: number | null⟧ = null;
  static ⟦readonly ⟧RETRY⟦: "never" | "after" | "safe"⟧ = "never";
  ⟦readonly ⟧status⟦: number⟧;
  ⟦readonly ⟧code⟦: string | null⟧;
  ⟦readonly ⟧requestId⟦: string | null⟧;
  ⟦readonly ⟧details⟦: Record<string, unknown>⟧;
  ⟦readonly ⟧body⟦: unknown⟧;

  constructor(status⟦: number⟧, code⟦: string | null⟧, message⟦: string⟧, requestId⟦: string | null⟧ = null, details⟦: Record<string, unknown>⟧ = {}, body⟦: unknown⟧ = null) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.details = details;
    this.body = body;
  }
}

/** `auth.*`: credential rejected, scope missing, session expired. */
export class AuthenticationError extends APIError {}
/** `validation.*`: request body or parameter failed validation. */
export class ValidationError extends APIError {}
/** `idempotency.*`: `Idempotency-Key` collision. */
export class IdempotencyConflictError extends APIError {}
/** Any other 403. */
export class ScopeMissingError extends APIError {}
/** Any other 404. */
export class NotFoundError extends APIError {}
/** Any other 429. */
export class RateLimitError extends APIError {}
/** Any other 5xx. */
export class ServerError extends APIError {}

⟦type ErrorClass = new (status: number, code: string | null, message: string, requestId?: string | null, details?: Record<string, unknown>, body?: unknown) => APIError;
⟧
const NAMESPACES⟦: Record<string, ErrorClass>⟧ = {
  auth: AuthenticationError,
  validation: ValidationError,
  idempotency: IdempotencyConflictError,
};

const REASONS⟦: Record<number, string>⟧ = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
  412: "Precondition Failed", 413: "Payload Too Large", 415: "Unsupported Media Type",
  422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
  501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Seed 004's rule: the code's namespace first, then the status. */
function dispatch(code⟦: string | null⟧, status⟦: number⟧)⟦: ErrorClass⟧ {
  if (code !== null) {
    const dot = code.indexOf(".");
    if (dot > 0 && dot < code.length - 1) {
      const namespace = code.slice(0, dot);
      if (Object.prototype.hasOwnProperty.call(NAMESPACES, namespace)) return NAMESPACES[namespace];
    }
  }
  if (status === 403) return ScopeMissingError;
  if (status === 404) return NotFoundError;
  if (status === 429) return RateLimitError;
  if (status >= 500 && status <= 599) return ServerError;
  return APIError;
}

function isObject(v⟦: unknown⟧)⟦: v is Record<string, unknown>⟧ {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(v⟦: unknown⟧)⟦: string | null⟧ {
  if (typeof v === "string") return v;
  if (typeof v === "number") return JSON.stringify(v);
  return null;
}

function path(entry⟦: Record<string, unknown>⟧)⟦: string⟧ {
  const loc = entry.loc;
  if (Array.isArray(loc)) {
    let out = "";
    for (const seg of loc) {
      if (typeof seg === "number" && Number.isInteger(seg)) out += "[" + seg + "]";
      else {
        if (out) out += ".";
        out += typeof seg === "string" ? seg : JSON.stringify(seg);
      }
    }
    return out;
  }
  for (const key of ["field", "path", "name"]) {
    const v = entry[key];
    if (typeof v === "string") return v;
  }
  return "";
}

function violationText(entries⟦: unknown[]⟧)⟦: string | null⟧ {
  const parts⟦: string[]⟧ = [];
  for (const entry of entries) {
    if (typeof entry === "string") { parts.push(entry); continue; }
    if (!isObject(entry)) continue;
    let msg = "";
    for (const key of ["msg", "message", "detail"]) {
      const v = entry[key];
      if (typeof v === "string") { msg = v; break; }
    }
    const p = path(entry);
    parts.push(p ? p + ": " + msg : msg);
  }
  return parts.length ? parts.join("; ") : null;
}

function fallback(status⟦: number⟧, body⟦: string⟧)⟦: string⟧ {
  const t = body.trim();
  if (t.length > 0 && t.length <= 512 && !t.startsWith("<") && !t.startsWith("{")) return t;
  return REASONS[status] ?? "HTTP " + status;
}

/** The error a response stands for; never throws (a body of no known shape keeps the status and its text). */
export function fromResponse(status⟦: number⟧, headers⟦: Record<string, string>⟧, body⟦: string⟧)⟦: APIError⟧ {
  const lower⟦: Record<string, string>⟧ = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = String(v);
  let data⟦: unknown⟧ = null;
  try { data = JSON.parse(body); } catch { data = null; }
  let code⟦: string | null⟧ = null;
  let message⟦: string | null⟧ = null;
  let requestId⟦: string | null⟧ = null;
  let details⟦: Record<string, unknown>⟧ = {};
  const isProblem = (lower["content-type"] ?? "").split(";")[0].trim().toLowerCase() === "application/problem+json";
  const obj = isObject(data) ? data : null;
  if (obj !== null) {
    const error = obj.error;
    const problemMembers = ["type", "title", "instance", "code"].some((m) => typeof obj[m] === "string");
    if (!isProblem && isObject(error)) {
      code = text(error.code);
      if (typeof error.message === "string") message = error.message;
      if (isObject(error.details)) details = { ...error.details };
      const grid = obj.status === "error" || "meta" in obj;
      if (grid) {
        const meta = obj.meta;
        if (isObject(meta) && typeof meta.request_id === "string") requestId = meta.request_id;
      } else if (typeof error.request_id === "string") requestId = error.request_id;
    } else if (isProblem || (problemMembers && ("detail" in obj || "title" in obj || "type" in obj))) {
      code = text(obj.code);
      if (typeof obj.detail === "string") message = obj.detail;
      else if (typeof obj.title === "string" && obj.title) message = obj.title;
      const reserved = ["type", "title", "status", "detail", "instance", "code", "errors"];
      for (const [k, v] of Object.entries(obj)) if (!reserved.includes(k)) details[k] = v;
    } else if ("detail" in obj) {
      const detail = obj.detail;
      if (typeof detail === "string") message = detail;
      else if (Array.isArray(detail)) message = violationText(detail);
      else if (isObject(detail)) {
        code = text(detail.code);
        for (const key of ["message", "msg", "detail"]) {
          const v = detail[key];
          if (typeof v === "string") { message = v; break; }
        }
        if (message === null) message = JSON.stringify(detail);
      } else if (detail !== null && detail !== undefined) message = JSON.stringify(detail);
    }
  }
  if (data === null) {
    // A body cut short or not quite JSON: its code is kept when it can be read.
    const found = /"code"\s*:\s*"([^"\\\x00-\x1f]{1,256})"/.exec(body);
    if (found) code = found[1];
  }
  if (requestId === null && lower["x-request-id"]) requestId = lower["x-request-id"];
  if (message === null) message = fallback(status, body);
  const cls = (code !== null && Object.prototype.hasOwnProperty.call(CODES, code) ? CODES[code] : undefined) ?? dispatch(code, status);
  return new cls(status, code, message, requestId, details, data);
}
"#;

/// `template` with its `⟦..⟧` parts kept (TypeScript) or dropped (JavaScript).
fn typed(template: &str, types: bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('⟦') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + '⟦'.len_utf8()..];
        let close = inner.find('⟧').unwrap_or(inner.len());
        if types {
            out.push_str(&inner[..close]);
        }
        rest = inner.get(close + '⟧'.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The module, typed or not.
pub(super) fn module(product: &str, codes: &[Code], types: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// {} API errors: seed 004's dispatch hierarchy and one class per code.\n\
         // Generated by api-envelope (`catalog --sdk {}`) from the service's catalogue;\n\
         // do not edit. `fromResponse(status, headers, body)` reads any error response.\n",
        product.replace('\n', " "),
        if types { "typescript" } else { "javascript" }
    );
    out.push_str(&typed(RUNTIME, types));
    let ro = if types { "readonly " } else { "" };
    for code in codes {
        let entry = code.entry;
        let doc = if entry.meaning.is_empty() {
            format!("`{}`.", entry.code)
        } else {
            entry.meaning.replace("*/", "* /")
        };
        let _ = write!(
            out,
            "\n/** {doc} */\nexport class {} extends {} {{\n  static {ro}CODE = {};\n  static {ro}STATUS = {};\n  static {ro}RETRY = {};\n",
            code.class,
            code.base.sdk_name(),
            quoted(entry.code),
            entry.status().as_u16(),
            quoted(entry.retry.as_str()),
        );
        if let Some(replacement) = entry.deprecated {
            let _ = writeln!(out, "  static {ro}DEPRECATED = {};", quoted(replacement));
        }
        out.push_str("}\n");
    }
    out.push_str(&typed(
        "\nconst CODES⟦: Record<string, ErrorClass>⟧ = {\n",
        types,
    ));
    for code in codes {
        let target = code
            .entry
            .deprecated
            .and_then(|r| codes.iter().find(|c| c.entry.code == r))
            .unwrap_or(code);
        let _ = writeln!(out, "  {}: {},", quoted(code.entry.code), target.class);
    }
    out.push_str("};\n");
    out
}

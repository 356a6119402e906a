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

/** JSON text, or null for a value that cannot be written (nested too deep for the stack). */
function jsonText(v⟦: unknown⟧)⟦: string | null⟧ {
  try { return JSON.stringify(v) ?? null; } catch { return null; }
}

function text(v⟦: unknown⟧)⟦: string | null⟧ {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return jsonText(v);
  return null;
}

/** UTF-8 bytes as text, each invalid sequence one U+FFFD (as Rust and Python read them). */
function utf8(bytes⟦: number[]⟧)⟦: string⟧ {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) { out += String.fromCharCode(b); i++; continue; }
    let need = 0, cp = 0, lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else { out += "\uFFFD"; i++; continue; }
    let j = 1;
    for (; j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || c < lo || c > hi) break;
      cp = (cp << 6) | (c & 0x3f);
      lo = 0x80; hi = 0xbf;
    }
    if (j <= need) { out += "\uFFFD"; i += j; continue; }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** `%XX` sequences decoded as UTF-8; a `%` without two hex digits kept as it is. */
function percentDecode(s⟦: string⟧)⟦: string⟧ {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes⟦: number[]⟧ = [];
    for (let i = 0; i < run.length; i += 3) bytes.push(parseInt(run.slice(i + 1, i + 3), 16));
    return utf8(bytes);
  });
}

/** The code a problem `type` names: its last segment after `/` or `#`, percent-decoded; none for `about:blank` or an empty segment. */
function typeCode(uri⟦: unknown⟧)⟦: string | null⟧ {
  if (typeof uri !== "string" || uri === "about:blank") return null;
  const parts = uri.split(/[/#]/);
  const last = parts[parts.length - 1];
  return last ? percentDecode(last) : null;
}

function path(entry⟦: Record<string, unknown>⟧)⟦: string⟧ {
  const loc = entry.loc;
  if (Array.isArray(loc)) {
    let out = "";
    for (const seg of loc) {
      if (typeof seg === "number" && Number.isInteger(seg) && seg >= 0) out += "[" + seg + "]";
      else {
        if (out) out += ".";
        out += typeof seg === "string" ? seg : jsonText(seg) ?? "";
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
  try {
    return read(status, headers, body);
  } catch {
    // A last resort: the reader itself is not expected to fail.
    const cls = dispatch(null, status);
    return new cls(status, null, REASONS[status] ?? "HTTP " + status);
  }
}

function read(status⟦: number⟧, headers⟦: Record<string, string>⟧, body⟦: string⟧)⟦: APIError⟧ {
  const lower⟦: Record<string, string>⟧ = Object.create(null);
  for (const [k, v] of Object.entries(headers ?? {})) lower[k.toLowerCase()] = String(v);
  body = typeof body === "string" ? body : String(body ?? "");
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
      code = text(obj.code) ?? typeCode(obj.type);
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
        if (message === null) message = jsonText(detail);
      } else if (detail !== null && detail !== undefined) message = jsonText(detail);
    }
  }
  if (data === null) {
    // A body cut short or not quite JSON: its code is kept when it can be read.
    const found = /"code"\s*:\s*"([^"\\\x00-\x1f]{1,256})"/.exec(body);
    if (found) code = found[1];
  }
  const headerId = (lower["x-request-id"] ?? "").trim();
  if (requestId === null && headerId) requestId = headerId;
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
    for (code, class) in super::code_table(codes) {
        let _ = writeln!(out, "  {}: {class},", quoted(code));
    }
    out.push_str("};\n");
    out
}

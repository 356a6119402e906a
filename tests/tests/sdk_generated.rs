//! The generated SDK error modules (`api_envelope::sdk`) run by `python3` and `node`
//! against bodies the example server actually sends: every sample of every product, every
//! code's catalogue sample, and hostile ones. Each module's reading (class, code, status, message, request id) must be
//! the Rust client's, and its class seed 004's dispatch. Where `python3` or `node` is
//! missing the test says so and skips that language (CI machines have both).

mod http_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use api_envelope::client::{RemoteError, SdkErrorClass};
use api_envelope::http::{HeaderMap, HeaderValue, StatusCode};
use api_envelope::sdk::{class_name, class_names, javascript, python, typescript};
use api_envelope_examples::server::Backend;
use http_support::get;
use serde_json::{Value, json};

/// One response to read: status, headers, body.
struct Case {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The response to `GET path`, as a case.
fn fetched(path: &str) -> Case {
    let reply = get(path, &[("x-request-id", "req_sdk_1")]);
    let headers = reply
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    Case {
        status: reply.status.as_u16(),
        headers,
        body: reply.body,
    }
}

fn cases(backend: Backend) -> Vec<Case> {
    let prefix = backend.prefix();
    let list = get(&format!("{prefix}/samples"), &[]);
    let mut out = Vec::new();
    for line in list.text().lines() {
        let (code, status) = line.split_once(' ').unwrap();
        out.push(fetched(&format!("{prefix}/samples/{code}/{status}")));
    }
    // Every code of the catalogue, with each status it is documented with.
    for row in backend.product().rows() {
        for status in row.entry.statuses {
            let code = row.entry.code;
            let case = fetched(&format!("{prefix}/codes/{code}/{}", status.as_u16()));
            assert_eq!(case.status, status.as_u16(), "{code}");
            out.push(case);
        }
    }
    // Hostile or foreign bodies: not JSON, cut short, wrong types, an unknown code, a
    // proxy's HTML.
    let hostile: [(u16, &str, &str); 11] = [
        (502, "text/html", "<html><body>Bad gateway</body></html>"),
        (
            500,
            "application/json",
            r#"{"error":{"code":"SW_INTERNAL_ERROR","mess"#,
        ),
        (
            409,
            "application/json",
            r#"{"error":{"code":7,"message":["not","text"]}}"#,
        ),
        (
            418,
            "application/json",
            r#"{"error":{"code":"brand.new_code","message":"something new"}}"#,
        ),
        (
            404,
            "application/problem+json",
            r#"{"type":"x","title":"Gone away","status":404,"code":"resource.gone_forever"}"#,
        ),
        (429, "text/plain", "slow down"),
        // A problem naming its code by `type` only; a code out of range; a body nested
        // past every parser's stack.
        (
            404,
            "application/problem+json",
            r#"{"type":"https://docs.example.com/sonny/errors/scans.not_found","title":"Not found","detail":"no scan"}"#,
        ),
        (
            409,
            "application/json",
            r#"{"error":{"code":1e400,"message":"m"}}"#,
        ),
        (400, "application/json", DEEP.as_str()),
        // A `type` percent-encoded, with a byte that is no UTF-8; `about:blank`.
        (
            409,
            "application/problem+json",
            r#"{"type":"https://e.example/errors/caf%C3%A9%FF%41%zz","title":"T"}"#,
        ),
        (
            403,
            "application/problem+json",
            r#"{"type":"about:blank","title":"Forbidden"}"#,
        ),
    ];
    for (status, content_type, body) in hostile {
        out.push(Case {
            status,
            headers: vec![
                ("content-type".into(), content_type.into()),
                ("x-request-id".into(), "req_h".into()),
            ],
            body: body.as_bytes().to_vec(),
        });
    }
    // Invalid UTF-8, read as U+FFFD; a padded `X-Request-ID`.
    out.push(Case {
        status: 410,
        headers: vec![("x-request-id".into(), "  req_pad ".into())],
        body: b"{\"detail\":\"caf\xFF gone\"}".to_vec(),
    });
    out
}

/// 100 000 nested lists.
static DEEP: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));

/// What the Rust client reads, as the driver scripts print it.
fn expected(backend: Backend, case: &Case) -> Value {
    let mut headers = HeaderMap::new();
    for (k, v) in &case.headers {
        headers.append(
            api_envelope::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    let status = StatusCode::from_u16(case.status).unwrap();
    let remote = RemoteError::from_parts(status, &headers, &case.body);
    let product = backend.product();
    let names = class_names(product.catalogs);
    let class_of = |code: &str| {
        let found = names.iter().find(|(c, _)| *c == code);
        found.map(|(_, class)| class.clone()).unwrap()
    };
    // A known code: its own class (a deprecated one, its replacement's) under the class
    // its namespace, else its default status, gives; any other: seed 004's dispatch.
    let (class, dispatch) = match remote.code.as_deref().and_then(|c| product.get(c)) {
        Some(row) => {
            let entry = row.entry;
            let target = entry.deprecated.unwrap_or(entry.code);
            (
                class_of(target),
                SdkErrorClass::classify(Some(entry.code), entry.status()).sdk_name(),
            )
        }
        None => {
            let dispatch = remote.sdk_class().sdk_name();
            (dispatch.to_owned(), dispatch)
        }
    };
    json!({
        "class": class,
        "dispatch": dispatch,
        "code": remote.code,
        "status": case.status,
        "message": remote.message,
        "request_id": remote.request_id,
    })
}

fn write_cases(dir: &Path, cases: &[Case]) -> PathBuf {
    let list: Vec<Value> = cases
        .iter()
        .map(|c| {
            json!({
                "status": c.status,
                "headers": c.headers.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect::<serde_json::Map<String, Value>>(),
                "body": c.body,
            })
        })
        .collect();
    let path = dir.join("cases.json");
    std::fs::write(&path, serde_json::to_vec(&list).unwrap()).unwrap();
    path
}

const PY_DRIVER: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import builtins
import errors
shadowed = [n for n in errors.__all__ if hasattr(builtins, n)]
assert not shadowed, shadowed
BASES = ["AuthenticationError", "ValidationError", "IdempotencyConflictError", "ScopeMissingError", "NotFoundError", "RateLimitError", "ServerError", "APIError"]
for case in json.load(open(sys.argv[2])):
    e = errors.from_response(case["status"], case["headers"], bytes(case["body"]))
    dispatch = next(c.__name__ for c in type(e).__mro__ if c.__name__ in BASES)
    assert isinstance(e, errors.APIError) and isinstance(e, Exception)
    print(json.dumps({"class": type(e).__name__, "dispatch": dispatch, "code": e.code, "status": e.status, "message": e.message, "request_id": e.request_id}))
"#;

const JS_DRIVER: &str = r#"
import { readFileSync } from "node:fs";
const errors = await import(process.argv[2] + "/errors.mjs");
const shadowed = Object.keys(errors).filter((n) => n in globalThis);
if (shadowed.length) throw new Error("shadows globals: " + shadowed);
const BASES = ["AuthenticationError", "ValidationError", "IdempotencyConflictError", "ScopeMissingError", "NotFoundError", "RateLimitError", "ServerError", "APIError"];
for (const c of JSON.parse(readFileSync(process.argv[3], "utf8"))) {
  // As `fetch`'s `text()` gives it: UTF-8, each invalid sequence U+FFFD.
  const e = errors.fromResponse(c.status, c.headers, Buffer.from(c.body).toString("utf8"));
  let proto = Object.getPrototypeOf(e);
  while (!BASES.includes(proto.constructor.name)) proto = Object.getPrototypeOf(proto);
  if (!(e instanceof errors.APIError) || !(e instanceof Error)) throw new Error("not an APIError");
  console.log(JSON.stringify({ class: e.constructor.name, dispatch: proto.constructor.name, code: e.code, status: e.status, message: e.message, request_id: e.requestId }));
}
"#;

fn available(program: &str) -> bool {
    let ok = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "`{program}` is not installed here: its generated SDK modules are not run (CI machines have it)"
        );
    }
    ok
}

fn run(program: &str, args: &[&str]) -> Vec<Value> {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdk-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_python_modules_read_every_sample_as_the_rust_client_does() {
    if !available("python3") {
        return;
    }
    let mut read = 0;
    for backend in Backend::ALL {
        let product = backend.product();
        let dir = temp_dir(&format!("py-{}", backend.prefix().trim_start_matches('/')));
        std::fs::write(
            dir.join("errors.py"),
            python(product.name, product.catalogs),
        )
        .unwrap();
        let cases = cases(backend);
        let input = write_cases(&dir, &cases);
        std::fs::write(dir.join("driver.py"), PY_DRIVER).unwrap();
        let got = run(
            "python3",
            &[
                dir.join("driver.py").to_str().unwrap(),
                dir.to_str().unwrap(),
                input.to_str().unwrap(),
            ],
        );
        assert_eq!(got.len(), cases.len());
        for (case, got) in cases.iter().zip(&got) {
            assert_eq!(
                got,
                &expected(backend, case),
                "{}: {}",
                backend.prefix(),
                String::from_utf8_lossy(&case.body)
            );
        }
        read += cases.len();
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(read > 60, "{read}");
}

#[test]
fn the_javascript_modules_read_every_sample_as_the_rust_client_does() {
    if !available("node") {
        return;
    }
    for backend in Backend::ALL {
        let product = backend.product();
        let dir = temp_dir(&format!("js-{}", backend.prefix().trim_start_matches('/')));
        std::fs::write(
            dir.join("errors.mjs"),
            javascript(product.name, product.catalogs),
        )
        .unwrap();
        let cases = cases(backend);
        let input = write_cases(&dir, &cases);
        std::fs::write(dir.join("driver.mjs"), JS_DRIVER).unwrap();
        let got = run(
            "node",
            &[
                dir.join("driver.mjs").to_str().unwrap(),
                dir.to_str().unwrap(),
                input.to_str().unwrap(),
            ],
        );
        assert_eq!(got.len(), cases.len());
        for (case, got) in cases.iter().zip(&got) {
            assert_eq!(
                got,
                &expected(backend, case),
                "{}: {}",
                backend.prefix(),
                String::from_utf8_lossy(&case.body)
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn the_typescript_module_is_the_javascript_one_with_its_types() {
    for backend in Backend::ALL {
        let product = backend.product();
        let ts = typescript(product.name, product.catalogs);
        let js = javascript(product.name, product.catalogs);
        assert!(ts.contains("export function fromResponse(status: number, headers: Record<string, string>, body: string): APIError {"));
        assert!(js.contains("export function fromResponse(status, headers, body) {"));
        assert!(ts.contains("  readonly requestId: string | null;"));
        assert!(
            !js.contains("readonly") && !js.contains(": string"),
            "{}",
            backend.prefix()
        );
        // One class per code, each under its dispatch class.
        let names = class_names(product.catalogs);
        assert_eq!(names.len(), product.len());
        for row in product.rows() {
            let entry = row.entry;
            let (_, class) = names.iter().find(|(c, _)| *c == entry.code).unwrap();
            let base = SdkErrorClass::classify(Some(entry.code), entry.status()).sdk_name();
            let head = format!("export class {class} extends {base} {{");
            assert!(ts.contains(&head) && js.contains(&head), "{head}");
        }
    }
}

#[test]
fn class_names_are_unique_and_shadow_no_builtin() {
    for backend in Backend::ALL {
        let product = backend.product();
        let names = class_names(product.catalogs);
        let unique: std::collections::BTreeSet<&str> =
            names.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(unique.len(), names.len(), "{}", backend.prefix());
        for (code, class) in &names {
            // The rule's name, but for ScaiGrid's one code whose name Python has.
            let expected = match *code {
                "MODULE_NOT_FOUND" => "ModuleNotFoundCodeError".to_owned(),
                _ => class_name(code),
            };
            assert_eq!(class, &expected, "{code}");
        }
    }
    let grid = Backend::ScaiGrid.product();
    let py = python(grid.name, grid.catalogs);
    assert!(py.contains("\n\nclass ModuleNotFoundCodeError(NotFoundError):\n"));
    assert!(py.contains("    \"MODULE_NOT_FOUND\": ModuleNotFoundCodeError,\n"));
    assert!(!py.contains("class ModuleNotFoundError"));
    let js = javascript(grid.name, grid.catalogs);
    assert!(js.contains("export class ModuleNotFoundCodeError extends NotFoundError {"));
}

/// Bodies the Rust client reads on through and the modules' JSON parsers do not (see
/// the `sdk` module docs): each module's exact reading.
#[test]
fn bodies_past_the_json_parsers_keep_status_code_and_the_reason() {
    let deep_detail = format!(
        r#"{{"detail":{{"x":{}{}}}}}"#,
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let cut = br#"{"error":{"code":"auth.forbidden","message":"nope","details":{"a":"#;
    let cases = [
        Case {
            status: 409,
            headers: vec![("x-request-id".into(), "req_cut".into())],
            body: cut.to_vec(),
        },
        Case {
            status: 400,
            headers: vec![("x-request-id".into(), "req_deep".into())],
            body: deep_detail.into_bytes(),
        },
    ];
    let want = [
        json!({"class": "AuthForbiddenError", "dispatch": "AuthenticationError", "code": "auth.forbidden", "status": 409, "message": "Conflict", "request_id": "req_cut"}),
        json!({"class": "APIError", "dispatch": "APIError", "code": null, "status": 400, "message": "Bad Request", "request_id": "req_deep"}),
    ];
    // The Rust client reads more of both.
    let rust = |c: &Case| {
        RemoteError::from_parts(
            StatusCode::from_u16(c.status).unwrap(),
            &HeaderMap::new(),
            &c.body,
        )
    };
    assert_eq!(rust(&cases[0]).message, "nope");
    assert!(rust(&cases[1]).message.starts_with(r#"{"x":[[[["#));
    let sonny = Backend::Sonny.product();
    if available("python3") {
        let dir = temp_dir("py-cut");
        std::fs::write(dir.join("errors.py"), python(sonny.name, sonny.catalogs)).unwrap();
        std::fs::write(dir.join("driver.py"), PY_DRIVER).unwrap();
        let input = write_cases(&dir, &cases);
        let args = [dir.join("driver.py"), dir.clone(), input];
        let args: Vec<&str> = args.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(run("python3", &args), want);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    if available("node") {
        let dir = temp_dir("js-cut");
        std::fs::write(
            dir.join("errors.mjs"),
            javascript(sonny.name, sonny.catalogs),
        )
        .unwrap();
        std::fs::write(dir.join("driver.mjs"), JS_DRIVER).unwrap();
        let input = write_cases(&dir, &cases);
        let args = [dir.join("driver.mjs"), dir.clone(), input];
        let args: Vec<&str> = args.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(run("node", &args), want);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! The generated SDK error modules (`api_envelope::sdk`) run by `python3` and `node`
//! against bodies the example server actually sends: every sample of every product, and
//! hostile ones. Each module's reading (class, code, status, message, request id) must be
//! the Rust client's, and its class seed 004's dispatch. Where `python3` or `node` is
//! missing the test says so and skips that language (CI machines have both).

mod http_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use api_envelope::client::{RemoteError, SdkErrorClass};
use api_envelope::http::{HeaderMap, HeaderValue, StatusCode};
use api_envelope::sdk::{class_name, javascript, python, typescript};
use api_envelope_examples::server::Backend;
use http_support::get;
use serde_json::{Value, json};

/// One response to read: status, headers, body.
struct Case {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn cases(backend: Backend) -> Vec<Case> {
    let prefix = backend.prefix();
    let list = get(&format!("{prefix}/samples"), &[]);
    let mut out = Vec::new();
    for line in list.text().lines() {
        let (code, status) = line.split_once(' ').unwrap();
        let reply = get(
            &format!("{prefix}/samples/{code}/{status}"),
            &[("x-request-id", "req_sdk_1")],
        );
        let headers = reply
            .headers
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
            .collect();
        out.push(Case {
            status: reply.status.as_u16(),
            headers,
            body: reply.body,
        });
    }
    // Hostile or foreign bodies: not JSON, cut short, wrong types, an unknown code, a
    // proxy's HTML.
    let hostile: [(u16, &str, &str); 6] = [
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
    out
}

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
    // A known code: its own class (a deprecated one, its replacement's) under the class
    // its namespace, else its default status, gives; any other: seed 004's dispatch.
    let (class, dispatch) = match remote.code.as_deref().and_then(|c| product.get(c)) {
        Some(row) => {
            let entry = row.entry;
            let target = entry.deprecated.unwrap_or(entry.code);
            (
                class_name(target),
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
                "body": String::from_utf8(c.body.clone()).unwrap(),
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
import errors
BASES = ["AuthenticationError", "ValidationError", "IdempotencyConflictError", "ScopeMissingError", "NotFoundError", "RateLimitError", "ServerError", "APIError"]
for case in json.load(open(sys.argv[2])):
    e = errors.from_response(case["status"], case["headers"], case["body"].encode("utf-8"))
    dispatch = next(c.__name__ for c in type(e).__mro__ if c.__name__ in BASES)
    assert isinstance(e, errors.APIError) and isinstance(e, Exception)
    print(json.dumps({"class": type(e).__name__, "dispatch": dispatch, "code": e.code, "status": e.status, "message": e.message, "request_id": e.request_id}))
"#;

const JS_DRIVER: &str = r#"
import { readFileSync } from "node:fs";
const errors = await import(process.argv[2] + "/errors.mjs");
const BASES = ["AuthenticationError", "ValidationError", "IdempotencyConflictError", "ScopeMissingError", "NotFoundError", "RateLimitError", "ServerError", "APIError"];
for (const c of JSON.parse(readFileSync(process.argv[3], "utf8"))) {
  const e = errors.fromResponse(c.status, c.headers, c.body);
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
        for row in product.rows() {
            let entry = row.entry;
            let base = SdkErrorClass::classify(Some(entry.code), entry.status()).sdk_name();
            let head = format!("export class {} extends {base} {{", class_name(entry.code));
            assert!(ts.contains(&head) && js.contains(&head), "{head}");
        }
    }
}

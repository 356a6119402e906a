//! Nothing internal leaks: for every 5xx code of every product catalogue in `examples/`
//! (each of its 5xx statuses), in every format, the internal text of the error (its
//! `Display`, every field that only the `Display` shows) and of its sources appears
//! nowhere in the body or the headers.
//!
//! Each value is built with a marker in every `String` field and in its source error.
//! The wire shows a 5xx's public text instead; only a variant that opted in with
//! `expose` shows its own message (and so the fields it interpolates: those get no
//! marker), and `#[detail]` fields are public by declaration. A new 5xx code in a
//! catalogue fails [`every_5xx_code_is_covered`] until it gets a value here.

use std::collections::BTreeSet;
use std::io;
use std::time::Duration;

use api_envelope::client::RemoteError;
use api_envelope::format::{
    Format, Message, Problem, ScaiDrive, ScaiGrid, ScaiKey, ScaiWave, public_text,
};
use api_envelope::{ApiError, Context};
use api_envelope_examples::{PRODUCTS, scaidrive, scaigrid, scaikey, scaiwave, sonny};

/// What must never reach the wire.
const MARK: &str = "L3AK";

/// A field value carrying the marker.
fn secret(field: &str) -> String {
    format!("{MARK}-{field}-password=hunter2")
}

/// A source error carrying the marker.
fn cause(what: &str) -> io::Error {
    io::Error::other(format!(
        "{MARK}-source-{what}: connection refused to 10.0.0.5"
    ))
}

/// A value for a field an exposed message shows: public by the variant's choice.
const SHOWN: &str = "shown-on-purpose";

type Boxed = Box<dyn ApiError + Send + Sync>;

/// One value per 5xx code (per status, for a code with several), product by product.
fn values() -> Vec<(&'static str, Boxed)> {
    let t = Duration::from_secs(30);
    let json_cause = || serde_json::from_str::<serde_json::Value>("{\"L3AK").unwrap_err();
    let mut out: Vec<(&'static str, Boxed)> = Vec::new();

    {
        use scaiwave::*;
        let product = "scaiwave";
        out.push((product, Box::new(AiError::NoToken)));
        out.push((
            product,
            Box::new(PluginError::Timeout {
                plugin: secret("plugin"),
                timeout_secs: 30,
            }),
        ));
        out.push((
            product,
            Box::new(SidekickError::Timeout {
                task_id: secret("task_id"),
                wall_clock_secs: 600,
            }),
        ));
        out.push((
            product,
            Box::new(CallError::LivekitUnreachable(cause("livekit"))),
        ));
        out.push((
            product,
            Box::new(BridgeError::TransportError {
                bridge_id: secret("bridge_id"),
                cause: cause("bridge"),
            }),
        ));
        out.push((product, Box::new(MiscError::Internal(cause("internal")))));
        out.push((
            product,
            Box::new(MiscError::ServiceUnavailable {
                dependency: secret("dependency"),
                cause: cause("redis"),
            }),
        ));
    }
    {
        use scaigrid::*;
        let product = "scaigrid";
        out.push((
            product,
            Box::new(ModelError::Unavailable {
                model: SHOWN.into(),
                retry_after_secs: 5,
            }),
        ));
        out.push((
            product,
            Box::new(BackendError::Upstream {
                backend_id: secret("backend_id"),
                upstream_status: 599,
                body: secret("body"),
            }),
        ));
        out.push((
            product,
            Box::new(BackendError::Timeout {
                backend_id: secret("backend_id"),
                timeout: t,
            }),
        ));
        out.push((
            product,
            Box::new(BackendError::ShapeMismatch {
                backend_id: secret("backend_id"),
                cause: json_cause(),
            }),
        ));
        out.push((
            product,
            Box::new(ProviderError::Discovery {
                provider: secret("provider"),
                cause: cause("discovery"),
            }),
        ));
        out.push((
            product,
            Box::new(InferenceError::NodeUnavailable {
                node_id: secret("node_id"),
                cause: cause("node"),
            }),
        ));
        out.push((
            product,
            Box::new(InferenceError::RegistryNotAvailable {
                node_id: SHOWN.into(),
            }),
        ));
        out.push((
            product,
            Box::new(ServiceError::Draining {
                retry_after_secs: 5,
            }),
        ));
        out.push((
            product,
            Box::new(ServiceError::Unavailable {
                dependency: secret("dependency"),
                cause: cause("mariadb"),
            }),
        ));
        out.push((
            product,
            Box::new(SyncError::Failed {
                cause: cause("sync"),
            }),
        ));
        out.push((
            product,
            Box::new(InternalError::Internal(cause("internal"))),
        ));
        out.push((
            product,
            Box::new(BunkerError::WorkerUnavailable {
                worker_id: secret("worker_id"),
                retry_after_secs: 5,
            }),
        ));
        out.push((
            product,
            Box::new(BunkerError::NoSuitableWorker {
                requirements: SHOWN.into(),
            }),
        ));
    }
    {
        use scaidrive::*;
        let product = "scaidrive";
        out.push((
            product,
            Box::new(StorageError::QuotaExceeded {
                level: SHOWN.into(),
            }),
        ));
        out.push((
            product,
            Box::new(ConnectorError::SourceUnreachable {
                source_kind: secret("source_kind"),
                cause: cause("smb"),
            }),
        ));
        out.push((product, Box::new(ServerError::Internal(cause("internal")))));
        out.push((
            product,
            Box::new(ServerError::UpstreamUnreachable {
                upstream: secret("upstream"),
                cause: cause("weaviate"),
            }),
        ));
        out.push((
            product,
            Box::new(ServerError::Unavailable {
                retry_after_secs: 5,
            }),
        ));
        out.push((
            product,
            Box::new(ServerError::UpstreamTimeout {
                upstream: secret("upstream"),
                timeout: t,
            }),
        ));
    }
    {
        use scaikey::*;
        let product = "scaikey";
        out.push((
            product,
            Box::new(AvailabilityError::ServiceUnavailable {
                dependency: secret("dependency"),
                retry_after_secs: 5,
            }),
        ));
        out.push((
            product,
            Box::new(AvailabilityError::FeatureDisabled {
                feature: SHOWN.into(),
            }),
        ));
        out.push((
            product,
            Box::new(AvailabilityError::MaintenanceMode { retry_after: t }),
        ));
        out.push((product, Box::new(ServerError::Internal(cause("internal")))));
        out.push((
            product,
            Box::new(ServerError::Encryption {
                key_id: secret("key_id"),
                cause: cause("kms"),
            }),
        ));
        out.push((product, Box::new(ServerError::Storage(cause("storage")))));
        out.push((
            product,
            Box::new(ServerError::Backend {
                backend: secret("backend"),
                cause: cause("acme"),
            }),
        ));
        out.push((
            product,
            Box::new(ServerError::BackendRateLimited {
                backend: secret("backend"),
                retry_after_secs: 5,
            }),
        ));
        out.push((
            product,
            Box::new(ServerError::BackendTimeout {
                backend: secret("backend"),
                timeout: t,
            }),
        ));
        out.push((
            product,
            Box::new(PkiError::AcmeOrderFailed {
                order_id: SHOWN.into(),
                problem: SHOWN.into(),
            }),
        ));
        out.push((
            product,
            Box::new(PkiError::EngineUnreachable {
                engine: secret("engine"),
                cause: cause("engine"),
            }),
        ));
        out.push((
            product,
            Box::new(WebhookDeliveryError::DeliveryFailed {
                url: SHOWN.into(),
                response_status: 500,
            }),
        ));
        out.push((
            product,
            Box::new(WebhookDeliveryError::DeliveryTimeout { url: SHOWN.into() }),
        ));
    }
    {
        use sonny::*;
        let product = "sonny";
        out.push((product, Box::new(OnboardingError::UnsupportedInSelfHosted)));
        out.push((
            product,
            Box::new(ServiceError::NotReady {
                retry_after_secs: 5,
            }),
        ));
        for status in [502, 503] {
            out.push((
                product,
                Box::new(UpstreamError::Unavailable {
                    dependency: secret("dependency"),
                    status,
                    cause: cause("postgres"),
                }),
            ));
        }
    }
    out
}

fn formats() -> [Box<dyn Format>; 5] {
    [
        Box::new(ScaiWave),
        Box::new(ScaiGrid),
        Box::new(ScaiDrive),
        Box::new(ScaiKey),
        Box::new(Problem::new("https://docs.example.com/errors/")),
    ]
}

/// Every text of `err` that must stay off the wire: its `Display` and each source's.
fn internal_texts(err: &dyn ApiError) -> Vec<String> {
    let mut texts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        texts.push(s.to_string());
        source = s.source();
    }
    texts
}

#[test]
fn every_5xx_code_is_covered() {
    let mut catalogued = BTreeSet::new();
    for (name, product) in PRODUCTS {
        for (_, entry) in product.entries() {
            for status in entry.statuses.iter().filter(|s| s.is_server_error()) {
                catalogued.insert((name, entry.code, status.as_u16()));
            }
        }
    }
    let mut covered = BTreeSet::new();
    for (name, err) in values() {
        assert!(err.status().is_server_error(), "{}", err.code());
        let product = api_envelope_examples::product(name).unwrap();
        let row = product
            .get(err.code())
            .unwrap_or_else(|| panic!("{name}: {} is not in the catalogue", err.code()));
        assert_eq!(row.entry, err.entry());
        covered.insert((name, err.code(), err.status().as_u16()));
    }
    let missing: Vec<_> = catalogued.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "5xx codes without a value here: {missing:?}"
    );
    assert_eq!(covered.len(), catalogued.len());
    // 42 codes, `upstream.unavailable` at both 502 and 503.
    assert!(covered.len() >= 43, "{}", covered.len());
}

#[test]
fn no_5xx_shows_its_internal_text_or_its_sources_in_any_format() {
    let ctx = Context::new()
        .request_id("req_leak")
        .instance("/v1/leak")
        .rate_limit(10, 0, 60);
    let mut checked = 0;
    for (product, err) in values() {
        let err: &dyn ApiError = &*err;
        let exposed = err.entry().expose;
        let public = public_text(err);
        for format in formats() {
            let res = err.to_response(&*format, &ctx);
            let what = format!(
                "{product} {} ({}): {}",
                err.code(),
                err.status(),
                String::from_utf8_lossy(res.body())
            );
            assert_eq!(res.status(), err.status(), "{what}");
            let body = std::str::from_utf8(res.body()).expect("UTF-8 body");
            serde_json::from_str::<serde_json::Value>(body).expect("JSON body");
            let headers: Vec<&str> = res
                .headers()
                .values()
                .map(|v| v.to_str().expect("visible ASCII header"))
                .collect();

            // The markers: in no field, no source, no header.
            assert!(!body.contains(MARK), "{what}");
            assert!(
                !headers.iter().any(|h| h.contains(MARK)),
                "{what}: {headers:?}"
            );

            // The whole internal texts, wherever they do not coincide with the public one.
            let texts = internal_texts(err);
            let (display, sources) = texts.split_first().unwrap();
            for text in sources {
                assert!(!body.contains(text.as_str()), "source {text:?} in {what}");
            }
            if !exposed && !public.contains(display.as_str()) {
                assert!(!body.contains(display.as_str()), "{display:?} in {what}");
                assert!(!body.contains(&*escape(display)), "{display:?} in {what}");
            }

            // What the client reads: the public text, or the exposed message.
            let remote = RemoteError::from_response(&res);
            let message = Message::new(err, &ctx).to_string();
            if exposed {
                assert_eq!(message, *display, "{what}");
            } else {
                assert_eq!(message, public, "{what}");
            }
            if err.violations().is_empty() {
                assert_eq!(remote.message, message, "{what}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 43 * 5, "{checked}");
}

/// `text` as it would appear inside a JSON string.
fn escape(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    quoted[1..quoted.len() - 1].to_owned()
}

/// A 5xx of a lower layer, its message holding a secret.
#[derive(Debug, ApiError)]
enum Store {
    /// Storage down.
    #[code("STORE_DOWN", status = 503, public = "Storage is unavailable.")]
    #[message("connection to {dsn} refused")]
    Down { dsn: String },
}

/// Errors wrapping it.
#[derive(Debug, ApiError)]
enum Wrapping {
    /// A 4xx whose message interpolates the 5xx.
    #[code("NOT_SAVED", status = 409)]
    #[message("not saved: {0}")]
    NotSaved(#[from] Store),
    /// A 5xx exposing its own message, not its source's.
    #[code("EXPOSED", status = 500, expose)]
    #[message("failed: {cause}")]
    Exposed {
        #[source]
        cause: Store,
    },
    /// A 5xx exposing its source's text too, on purpose.
    #[code("EXPOSED_ALL", status = 500, expose = "all")]
    #[message("failed: {cause}")]
    ExposedAll {
        #[source]
        cause: Store,
    },
    /// Any error, as it is.
    #[code(transparent)]
    Through(Boxed),
}

fn down() -> Store {
    Store::Down { dsn: secret("dsn") }
}

#[test]
fn a_wrapped_5xx_shows_its_public_text_in_every_format() {
    let ctx = Context::new().request_id("req_wrap");
    let cases: Vec<(Wrapping, Option<&str>)> = vec![
        (
            Wrapping::from(down()),
            Some("not saved: Storage is unavailable."),
        ),
        (
            Wrapping::Exposed { cause: down() },
            Some("failed: Storage is unavailable."),
        ),
        (
            Wrapping::Through(Box::new(down())),
            Some("Storage is unavailable."),
        ),
        (
            Wrapping::Through(Box::new(Wrapping::from(down()))),
            Some("not saved: Storage is unavailable."),
        ),
        (Wrapping::ExposedAll { cause: down() }, None),
    ];
    for (err, shown) in &cases {
        // Logs keep everything.
        assert!(err.to_string().contains(MARK), "{err}");
        for format in formats() {
            let res = err.to_response(&*format, &ctx);
            let body = std::str::from_utf8(res.body()).unwrap();
            match shown {
                Some(text) => {
                    assert!(!body.contains(MARK), "{}: {body}", err.code());
                    assert!(body.contains(text), "{}: {body}", err.code());
                    assert_eq!(Message::new(err, &ctx).to_string(), *text);
                }
                // `expose = "all"`: the variant's choice.
                None => assert!(body.contains(MARK), "{}: {body}", err.code()),
            }
        }
    }
}

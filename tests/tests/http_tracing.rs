//! The `tracing` feature over real loopback HTTP: a rendered 5xx logs one event with its
//! code, status, request id and the full source chain, which the response never shows; a
//! 4xx logs nothing.

mod http_support;

use std::sync::{Arc, Mutex};

use http_support::get;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// One recorded event: its target, level and fields as text.
#[derive(Debug, Clone, Default)]
struct Recorded {
    target: String,
    level: String,
    fields: Vec<(String, String)>,
}

impl Recorded {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Visit for Recorded {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.fields
            .push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.fields
            .push((field.name().to_owned(), value.to_owned()));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.fields
            .push((field.name().to_owned(), value.to_string()));
    }
}

/// A subscriber keeping every event (no spans), for the assertions.
#[derive(Clone, Default)]
struct Collector(Arc<Mutex<Vec<Recorded>>>);

impl Subscriber for Collector {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let meta = event.metadata();
        let mut recorded = Recorded {
            target: meta.target().to_owned(),
            level: meta.level().to_string(),
            fields: Vec::new(),
        };
        event.record(&mut recorded);
        self.0.lock().unwrap().push(recorded);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn ours(collector: &Collector) -> Vec<Recorded> {
    collector
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.target == "api_envelope")
        .cloned()
        .collect()
}

#[test]
fn a_rendered_5xx_logs_its_source_chain_once() {
    let collector = Collector::default();
    tracing::subscriber::set_global_default(collector.clone()).expect("first subscriber");

    // The ScaiDrive sample 503 with an io::Error source.
    let sample = api_envelope_examples::scaidrive::samples()
        .into_iter()
        .find(|e| e.status().is_server_error() && e.source().is_some())
        .expect("a 5xx sample with a source");
    let source = sample.source().unwrap().to_string();
    let path = format!(
        "/scaidrive/samples/{}/{}",
        sample.code(),
        sample.status().as_u16()
    );
    let reply = get(&path, &[("x-request-id", "req_traced")]);
    assert_eq!(reply.status, sample.status());
    assert!(
        !reply.text().contains(&source),
        "the wire shows the source: {}",
        reply.text()
    );

    let events = ours(&collector);
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, "ERROR");
    assert_eq!(event.field("code"), Some(sample.code()));
    assert_eq!(event.field("status"), Some(sample.status().as_str()));
    assert_eq!(event.field("request_id"), Some("req_traced"));
    assert_eq!(event.field("error"), Some(sample.to_string().as_str()));
    let chain = event.field("chain").unwrap();
    assert!(
        chain.starts_with(&sample.to_string()) && chain.ends_with(&source),
        "{chain}"
    );
    assert_eq!(event.field("message"), Some("server error rendered"));

    // A 4xx is the client's: nothing logged.
    let reply = get("/scaidrive/codes/rate_limited", &[]);
    assert_eq!(reply.status, 429);
    let reply = get(
        "/scaikey/v1/secrets/missing",
        &[("authorization", "Bearer t")],
    );
    assert_eq!(reply.status, 404);
    assert_eq!(ours(&collector).len(), 1);

    // A generated request id is the one the envelope carries.
    let reply = get("/scaigrid/codes/INTERNAL_ERROR", &[]);
    assert_eq!(reply.status, 500, "{}", reply.text());
    let events = ours(&collector);
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[1].field("request_id"),
        reply.json()["meta"]["request_id"].as_str()
    );

    // A message cannot forge log lines, nor grow the log without bound; a `Display` that
    // panics while logging is caught.
    let forged =
        Logged::Forged("ok\nINFO admin logged in\r\u{1b}[2J".to_owned() + &"x".repeat(20_000));
    api_envelope::integrations::tracing::record(&forged, Some("req_forged"));
    let events = ours(&collector);
    let error = events[2].field("error").unwrap();
    assert!(
        !error.contains('\n') && !error.contains('\r') && !error.contains('\u{1b}'),
        "{error}"
    );
    assert!(
        error.starts_with("ok\\nINFO admin logged in\\r\\u{1b}[2J"),
        "{error}"
    );
    assert!(error.len() < 9 * 1024, "{}", error.len());
    api_envelope::integrations::tracing::record(&Logged::Panics(Boom), Some("req_boom"));
    let events = ours(&collector);
    assert_eq!(events.len(), 4);
    assert_eq!(events[3].field("error"), Some("(its Display panicked)"));
    assert_eq!(events[3].field("code"), Some("LOGGED_PANICS"));
}

/// A `Display` that panics.
#[derive(Debug)]
struct Boom;

impl std::fmt::Display for Boom {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        panic!("Display of Boom panicked")
    }
}

#[derive(Debug, api_envelope::ApiError)]
enum Logged {
    /// Bug.
    #[code("LOGGED_FORGED", status = 500)]
    #[message("{0}")]
    Forged(String),
    /// Bug.
    #[code("LOGGED_PANICS", status = 500)]
    #[message("{0}")]
    Panics(Boom),
}

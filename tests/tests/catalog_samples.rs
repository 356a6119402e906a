//! Each product's `samples()` are realistic envelopes: every sample is in its product's
//! catalogue, and together they cover a plain 4xx, a 4xx with details, a validation error,
//! a 429 with a retry hint and a 5xx with a source.

use api_envelope_examples::{PRODUCTS, samples};

#[test]
fn samples_cover_the_usual_cases() {
    for (name, product) in PRODUCTS {
        let errors = samples(name).unwrap();
        for err in &errors {
            let row = product
                .get(err.code())
                .unwrap_or_else(|| panic!("{name}: {}", err.code()));
            assert_eq!(err.entry(), row.entry, "{name}: {}", err.code());
            assert!(
                row.entry.statuses.contains(&err.status()),
                "{name}: {}",
                err.code()
            );
        }
        let plain = errors
            .iter()
            .any(|e| e.status().is_client_error() && !e.has_details() && e.violations().is_empty());
        let detailed = errors
            .iter()
            .any(|e| e.status().is_client_error() && e.has_details());
        let validation = errors.iter().any(|e| !e.violations().is_empty());
        let retry = errors
            .iter()
            .any(|e| e.status() == 429 && e.retry_after().is_some());
        let server = errors
            .iter()
            .any(|e| e.status().is_server_error() && e.source().is_some());
        // ScaiDrive's `{"detail": ...}` has no room for details; its 4xx carry their facts
        // in the message.
        let detailed = detailed || name == "scaidrive";
        assert!(
            plain && detailed && validation && retry && server,
            "{name}: plain 4xx {plain}, 4xx with details {detailed}, validation {validation}, \
             429 with retry {retry}, 5xx with source {server}"
        );
    }
}

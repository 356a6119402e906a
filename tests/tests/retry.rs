//! Declared retry semantics: every code of the five products has a retry class, from its
//! declaration or its status, listed on the reference page.

use api_envelope::catalog::Retry;
use api_envelope_examples::PRODUCTS;

/// The codes whose class is declared rather than taken from the status.
const DECLARED: [(&str, Retry); 1] = [("upstream.unavailable", Retry::Safe)];

#[test]
fn every_code_has_the_class_of_its_status_unless_declared() {
    let mut counts = [0usize; 3];
    for (name, product) in PRODUCTS {
        for row in product.rows() {
            let entry = row.entry;
            let expected = DECLARED
                .iter()
                .find(|(code, _)| *code == entry.code)
                .map_or(Retry::for_status(entry.status()), |(_, r)| *r);
            assert_eq!(entry.retry, expected, "{name}: {}", entry.code);
            counts[entry.retry as usize] += 1;
            if [429, 502, 503, 504].contains(&entry.status().as_u16())
                && !DECLARED.iter().any(|(c, _)| *c == entry.code)
            {
                assert_eq!(entry.retry, Retry::After, "{name}: {}", entry.code);
            }
            if [409, 412].contains(&entry.status().as_u16()) {
                assert_eq!(entry.retry, Retry::Never, "{name}: {}", entry.code);
            }
        }
    }
    // Most codes are the client's to fix; a few wait; upstream.* is safe (seed 004).
    assert!(
        counts[0] > 200 && counts[1] > 30 && counts[2] == 1,
        "{counts:?}"
    );
}

#[test]
fn the_reference_page_lists_each_class_when_asked() {
    let (_, sonny) = PRODUCTS.iter().find(|(n, _)| *n == "sonny").unwrap();
    let plain = sonny.reference_page().to_string();
    assert!(
        !plain.contains("Retry"),
        "the seed page's own tables by default"
    );
    let page = sonny.reference_page().with_retry().to_string();
    assert!(page.contains("| Code | HTTP | Meaning | Retry |\n|---|---|---|---|\n"));
    assert!(page.contains(
        "| `upstream.unavailable` | 502, 503 | A downstream dependency the dashboard or backend relies on is unreachable. | safe |\n"
    ));
    assert!(page.contains("| `tenant.quota_exceeded` | 429 |"));
    // Every code of every product, with its own class (ScaiDrive's page lists its
    // codes by status and condition, in catalogue order: its rows are matched in order).
    let mut listed = 0;
    for (name, product) in PRODUCTS {
        let page = product.reference_page().with_retry().to_string();
        let rows: Vec<&str> = page
            .lines()
            .filter(|l| l.starts_with("| `") || l.starts_with("| 4") || l.starts_with("| 5"))
            .collect();
        assert_eq!(rows.len(), product.rows().count(), "{name}");
        let by_code = rows.iter().all(|l| l.starts_with("| `"));
        for (i, row) in product.rows().enumerate() {
            let line = if by_code {
                rows.iter()
                    .find(|l| l.starts_with(&format!("| `{}` |", row.entry.code)))
                    .unwrap_or_else(|| panic!("{name}: {} not listed", row.entry.code))
            } else {
                &rows[i]
            };
            assert!(
                line.ends_with(&format!("| {} |", row.entry.retry.as_str())),
                "{name} {}: {line}",
                row.entry.code
            );
        }
        listed += rows.len();
    }
    assert_eq!(listed, 296, "the 267 seed codes and the backends' own");
}

#[test]
fn the_openapi_responses_give_each_code_its_class() {
    use api_envelope::integrations::utoipa::{ErrorResponses, RETRY_EXTENSION};
    for (name, product) in PRODUCTS {
        let format = api_envelope_examples::format(name).unwrap();
        let responses = ErrorResponses::new()
            .catalogs(product.catalogs)
            .format(&*format, None)
            .build();
        let json = serde_json::to_value(&responses).unwrap();
        let mut listed = 0;
        for row in product.rows() {
            let entry = row.entry;
            for status in entry.statuses {
                let class = &json[status.as_str()][RETRY_EXTENSION][entry.code];
                assert_eq!(class, entry.retry.as_str(), "{name}: {}", entry.code);
                listed += 1;
            }
        }
        let total: usize = json
            .as_object()
            .unwrap()
            .values()
            .map(|r| r[RETRY_EXTENSION].as_object().unwrap().len())
            .sum();
        assert_eq!(total, listed, "{name}: no code listed twice or made up");
    }
}

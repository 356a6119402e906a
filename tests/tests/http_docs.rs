//! The per-code documentation pages over loopback HTTP: every product serves an index
//! and one page per code under `{prefix}/errors/`, and the RFC 9457 `type` of an error
//! names the path of its page (`https://docs.example.com{prefix}/errors/{code}`, the tree
//! `catalog --site` writes), so a client following `type` finds it.

mod http_support;

use api_envelope_examples::server::{Backend, DOCS_ORIGIN};
use http_support::get;

#[test]
fn every_code_has_a_page_and_every_product_an_index() {
    let mut pages = 0;
    for backend in Backend::ALL {
        let prefix = backend.prefix();
        let index = get(&format!("{prefix}/errors/"), &[]);
        assert_eq!(index.status, 200, "{prefix}");
        assert_eq!(
            index.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert!(
            index.header("x-request-id").is_some(),
            "the layer's header on a page too"
        );
        let product = backend.product();
        assert!(
            index
                .text()
                .contains(&format!("<h1>{} error codes</h1>", product.name))
        );
        for row in product.rows() {
            let code = row.entry.code;
            assert!(
                index.text().contains(&format!("<code>{code}</code></a>")),
                "{prefix}: {code} in the index"
            );
            let page = get(&format!("{prefix}/errors/{code}"), &[]);
            assert_eq!(page.status, 200, "{prefix} {code}");
            let html = page.text();
            assert!(
                html.contains(&format!("<h1><code>{code}</code></h1>")),
                "{code}"
            );
            assert!(
                html.contains(&format!(
                    "<tr><th>Retry</th><td><code>{}</code>",
                    row.entry.retry
                )),
                "{code}"
            );
            assert!(html.contains("<h2>Example response</h2>"), "{code}");
            // The same page with the file name a static host uses.
            assert_eq!(
                get(&format!("{prefix}/errors/{code}.html"), &[]).body,
                page.body
            );
            pages += 1;
        }
        // An unknown page: the product's own not-found envelope.
        let missing = get(&format!("{prefix}/errors/NO_SUCH_CODE"), &[]);
        assert_eq!(missing.status, 404, "{prefix}");
        assert!(missing.remote().format.is_some(), "{prefix}: an envelope");
    }
    assert_eq!(pages, 296, "the 267 seed codes and the backends' own");
}

#[test]
fn a_problem_type_resolves_to_its_page() {
    for (path, accept) in [
        ("/sonny/v1/scans/scn_404", "application/json"),
        (
            "/scaikey/codes/secret_not_found",
            "application/problem+json",
        ),
        ("/scaigrid/v1/models/nope", "application/problem+json"),
    ] {
        let reply = get(path, &[("accept", accept), ("authorization", "Bearer t")]);
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json"),
            "{path}"
        );
        let body = reply.json();
        let type_uri = body["type"].as_str().unwrap();
        let page_path = type_uri
            .strip_prefix(DOCS_ORIGIN)
            .unwrap_or_else(|| panic!("{type_uri} is under {DOCS_ORIGIN}"));
        let page = get(page_path, &[]);
        assert_eq!(page.status, 200, "{type_uri}");
        let code = body["code"].as_str().unwrap();
        assert!(
            page.text()
                .contains(&format!("<h1><code>{code}</code></h1>")),
            "{type_uri}"
        );
    }
}

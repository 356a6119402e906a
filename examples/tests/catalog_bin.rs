//! The `catalog` binary prints exactly each product's reference page, and rejects an
//! unknown product with its usage and exit status 2.

use std::process::Command;

fn catalog(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_catalog"))
        .args(args)
        .output()
        .expect("run catalog")
}

#[test]
fn prints_each_product_page() {
    for (name, product) in api_envelope_examples::PRODUCTS {
        let out = catalog(&[name]);
        assert!(out.status.success(), "{name}: {out:?}");
        assert!(
            out.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            product.reference_page().to_string()
        );
    }
}

#[test]
fn retry_adds_each_code_s_class() {
    for (name, product) in api_envelope_examples::PRODUCTS {
        let out = catalog(&["--retry", name]);
        assert!(out.status.success(), "{name}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            product.reference_page().with_retry().to_string()
        );
    }
}

#[test]
fn unknown_product_is_a_usage_error() {
    for args in [&["scaiworld"][..], &[], &["scaiwave", "extra"]] {
        let out = catalog(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(
                "usage: catalog [--retry] <scaiwave | scaigrid | scaidrive | scaikey | sonny>"
            ),
            "{err}"
        );
    }
    let err = String::from_utf8(catalog(&["scaiworld"]).stderr).unwrap();
    assert!(
        err.starts_with("catalog: unknown product `scaiworld`\n"),
        "{err}"
    );
}

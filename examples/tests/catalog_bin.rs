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

#[test]
fn json_is_the_versioned_export() {
    for (name, product) in api_envelope_examples::PRODUCTS {
        let out = catalog(&["--json", name]);
        assert!(out.status.success(), "{name}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json, api_envelope::catalog::export::product_json(&product));
        assert_eq!(json["schema"], "api-envelope/catalog");
        assert_eq!(json["version"], 1);
        assert_eq!(
            json["codes"].as_array().unwrap().len(),
            product.rows().count()
        );
    }
}

#[test]
fn check_passes_on_the_committed_locks_and_fails_on_a_broken_one() {
    let out = catalog(&["--check"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "scaiwave: 72 codes, as locked\nscaigrid: 92 codes, as locked\nscaidrive: 26 codes, as locked\n\
         scaikey: 73 codes, as locked\nsonny: 33 codes, as locked\n"
    );

    // A lock written elsewhere, then edited as if `SW_ROOM_FROZEN` had been 410.
    let dir = std::env::temp_dir().join(format!("catalog-bin-{}", std::process::id()));
    let dir_arg = dir.to_str().unwrap();
    let out = catalog(&["--lock", "scaiwave", "--lock-dir", dir_arg]);
    assert!(out.status.success(), "{out:?}");
    let path = dir.join("scaiwave.lock");
    let lock = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        lock,
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/locks/scaiwave.lock"))
            .unwrap()
    );
    std::fs::write(
        &path,
        lock.replace("\nSW_ROOM_FROZEN 409 ", "\nSW_ROOM_FROZEN 410 "),
    )
    .unwrap();
    let out = catalog(&["--check", "scaiwave", "--lock-dir", dir_arg]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("breaking: `SW_ROOM_FROZEN`: statuses 410 became 409: clients dispatching on the status break"),
        "{text}"
    );
    // A missing lock is a failure that says how to write one.
    let out = catalog(&["--check", "sonny", "--lock-dir", dir_arg]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("(write it with `catalog --lock sonny`)")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_locales_passes_on_the_shipped_translations_and_lists_gaps() {
    let locales = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
    let out = catalog(&["--check-locales", locales]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "scaiwave: de, en: every code, every field\n"
    );
    let dir = std::env::temp_dir().join(format!("catalog-locales-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("scaiwave")).unwrap();
    let de = std::fs::read_to_string(format!("{locales}/scaiwave/de.ftl")).unwrap();
    std::fs::write(
        dir.join("scaiwave/de.ftl"),
        de.replace("sw-room-frozen = Raum { $room_id } ist geschlossen\n", ""),
    )
    .unwrap();
    let out = catalog(&["--check-locales", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "scaiwave: de: gaps\nde: 1 gaps\n  `SW_ROOM_FROZEN`: no message `sw-room-frozen`\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sdk_prints_each_language_s_module() {
    let (_, sonny) = api_envelope_examples::PRODUCTS[4];
    for (lang, module) in [
        (
            "python",
            api_envelope::sdk::python(sonny.name, sonny.catalogs),
        ),
        (
            "typescript",
            api_envelope::sdk::typescript(sonny.name, sonny.catalogs),
        ),
        (
            "javascript",
            api_envelope::sdk::javascript(sonny.name, sonny.catalogs),
        ),
    ] {
        let out = catalog(&["--sdk", lang, "sonny"]);
        assert!(out.status.success(), "{lang}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), module, "{lang}");
    }
    let out = catalog(&["--sdk", "cobol", "sonny"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("catalog: no SDK language `cobol`")
    );
}

//! The `tour` binary: every sample of every product as an HTTP response, narrowed by
//! `--product` and `--code`, with exit status 2 and a clear message on a bad filter.

use std::process::Command;

fn tour(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tour"))
        .args(args)
        .output()
        .expect("run tour");
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn shows_every_sample_of_every_product() {
    let (status, out, err) = tour(&[]);
    assert_eq!(status, Some(0), "{err}");
    let total: usize = api_envelope_examples::PRODUCTS
        .iter()
        .map(|(name, _)| api_envelope_examples::samples(name).unwrap().len())
        .sum();
    assert_eq!(out.matches("HTTP/1.1 ").count(), total);
    for (_, product) in api_envelope_examples::PRODUCTS {
        assert!(
            out.contains(&format!("━━━━ {} ━━━━", product.name)),
            "{}",
            product.name
        );
    }
    assert!(out.contains("content-type: application/problem+json"));
    assert!(out.contains("x-request-id: req_scaikey_01"));
    assert!(out.contains("HTTP/1.1 422 Unprocessable Entity"));
    assert!(out.contains("HTTP/1.1 500 Internal Server Error"));
}

#[test]
fn narrows_by_product_and_code() {
    let (status, out, _) = tour(&["--product", "scaidrive"]);
    assert_eq!(status, Some(0));
    assert!(out.starts_with("━━━━ ScaiDrive ━━━━\n"));
    assert!(!out.contains("ScaiWave"));
    assert!(!out.contains("\"code\""), "ScaiDrive emits no code:\n{out}");

    let (status, out, _) = tour(&["--code", "SW_VALIDATION_ERROR"]);
    assert_eq!(status, Some(0));
    assert_eq!(out.matches("HTTP/1.1 ").count(), 1);
    assert!(
        out.contains("HTTP/1.1 422 Unprocessable Entity\ncontent-type: application/json\n\n{\n")
    );

    let (status, out, _) = tour(&["--product", "sonny", "--code", "upstream.unavailable"]);
    assert_eq!(status, Some(0));
    assert!(
        out.contains("HTTP/1.1 502 Bad Gateway")
            && out.contains("HTTP/1.1 503 Service Unavailable")
    );
}

#[test]
fn bad_filters_exit_2_with_a_reason() {
    for (args, reason) in [
        (
            &["--product", "scaiworld"][..],
            "unknown product `scaiworld`",
        ),
        (&["--code", "NOPE"], "unknown code `NOPE`"),
        (
            &["--product", "scaikey", "--code", "SW_INTERNAL_ERROR"],
            "is a ScaiWave code, not a scaikey one",
        ),
        (
            &["--code", "SW_ROOM_NOT_FOUND"],
            "no sample of ScaiWave `SW_ROOM_NOT_FOUND`",
        ),
        (&["--product"], "`--product` needs a value"),
        (&["--verbose"], "unexpected argument `--verbose`"),
    ] {
        let (status, out, err) = tour(args);
        assert_eq!(status, Some(2), "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        assert!(
            err.contains(reason) && err.contains("usage: tour"),
            "{args:?}: {err}"
        );
    }
}

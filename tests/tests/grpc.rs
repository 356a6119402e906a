//! Every example error as a gRPC status on the wire (`grpc-status`, `grpc-message`,
//! `grpc-status-details-bin` headers, as tonic sends them in trailers) and read back:
//! the code, message, details, violations, retry hint and request id the HTTP envelope
//! carries survive; 5xx internals stay hidden as on HTTP.
#![cfg(feature = "tonic")]

use api_envelope::catalog::GrpcCode;
use api_envelope::client::RemoteError;
use api_envelope::integrations::grpc::{grpc_code, to_status};
use api_envelope::{ApiError, Context};
use api_envelope_tests::grpc::assert_keeps;

/// The status as a peer receives it: written into headers and parsed back.
fn over_the_wire(status: &tonic::Status) -> tonic::Status {
    let mut headers = http::HeaderMap::new();
    status
        .add_header(&mut headers)
        .expect("a status fits in headers");
    tonic::Status::from_header_map(&headers).expect("a status is read back")
}

#[test]
fn every_example_error_round_trips_through_a_grpc_status() {
    let ctx = Context::new().request_id("req_01HZX3K9Q2");
    let mut count = 0;
    for product in ["scaiwave", "scaigrid", "scaidrive", "scaikey", "sonny"] {
        let format = api_envelope_examples::format(product).unwrap();
        for err in api_envelope_examples::samples(product).unwrap() {
            let status = over_the_wire(&to_status(&*err, &ctx, product));
            let what = format!("{product} {}", err.code());
            assert_keeps(&what, &*err, &status, &*format, &ctx, "req_01HZX3K9Q2");
            count += 1;
        }
    }
    assert!(count >= 30, "{count}");
}

#[derive(Debug, ApiError)]
enum SecretError {
    /// A live secret has that name.
    #[code("name_conflict", status = 409, grpc = "ALREADY_EXISTS")]
    #[message("secret {path} exists")]
    Conflict {
        #[detail]
        path: String,
        #[detail]
        version: u32,
    },
    /// Retained after delete.
    #[code("secret_exists", status = 409)]
    Retained,
    /// Storage failed.
    #[code("internal_error", status = 500)]
    #[message("db at 10.0.0.7: {0}")]
    Internal(#[source] std::io::Error),
}

#[test]
fn declared_and_mapped_codes_and_the_derived_from() {
    let conflict = SecretError::Conflict {
        path: "db/pw".into(),
        version: 3,
    };
    assert_eq!(grpc_code(&conflict), GrpcCode::AlreadyExists);
    assert_eq!(grpc_code(&SecretError::Retained), GrpcCode::Aborted);
    let status = over_the_wire(&tonic::Status::from(conflict));
    assert_eq!(status.code(), tonic::Code::AlreadyExists);
    let remote = RemoteError::from_status(&status);
    assert_eq!(remote.details["path"], "db/pw");
    assert_eq!(remote.details["version"], 3);
    assert_eq!(remote.request_id, None);

    let internal = tonic::Status::from(SecretError::Internal(std::io::Error::other(
        "password=hunter2",
    )));
    let internal = over_the_wire(&internal);
    assert_eq!(internal.code(), tonic::Code::Internal);
    assert_eq!(internal.message(), "Storage failed.");
    assert!(!format!("{internal:?}").contains("hunter2"));
    assert!(!format!("{internal:?}").contains("10.0.0.7"));
}

#[test]
fn a_status_from_elsewhere_reads_as_well_as_it_can() {
    let plain = tonic::Status::not_found("no such secret");
    let remote = RemoteError::from_status(&over_the_wire(&plain));
    assert_eq!(remote.status, 404);
    assert_eq!(remote.code, None);
    assert_eq!(remote.message, "no such secret");
    assert!(remote.details.is_empty() && remote.violations.is_empty());
}

/// German for one code.
struct German;

impl api_envelope::Localizer for German {
    fn localize(&self, code: &str, locale: &str) -> Option<std::borrow::Cow<'_, str>> {
        (code == "name_conflict" && locale == "de")
            .then_some("Das Geheimnis existiert schon".into())
    }
}

#[test]
fn a_localised_message_is_the_status_message_and_a_localized_message_detail() {
    use tonic_types::StatusExt as _;
    let err = SecretError::Conflict {
        path: "db/pw".into(),
        version: 3,
    };
    let ctx = Context::new().locale("de").localizer(&German);
    let status = over_the_wire(&to_status(&err, &ctx, "scaikey"));
    assert_eq!(status.message(), "Das Geheimnis existiert schon");
    let details = status.get_error_details();
    let localized = details.localized_message().expect("a LocalizedMessage");
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("de", "Das Geheimnis existiert schon")
    );
    // Without a locale the localizer is not asked, and no LocalizedMessage is sent.
    let plain = over_the_wire(&to_status(
        &err,
        &Context::new().localizer(&German),
        "scaikey",
    ));
    assert_eq!(plain.message(), "secret db/pw exists");
    assert!(plain.get_error_details().localized_message().is_none());
}

#[derive(Debug, ApiError)]
/// An upstream answered badly.
#[code("upstream_failed", status = 502)]
#[message("upstream answered {http_status}")]
struct UpstreamFailed {
    /// The upstream's own status.
    #[detail]
    http_status: u16,
    /// Whether the upstream said to retry.
    #[detail]
    retry: bool,
}

#[test]
fn details_named_like_the_envelope_keys_keep_their_values() {
    let err = UpstreamFailed {
        http_status: 418,
        retry: false,
    };
    let status = over_the_wire(&to_status(&err, &Context::new(), "sonny"));
    let remote = RemoteError::from_status(&status);
    assert_eq!(remote.status, 502);
    assert_eq!(remote.details["http_status"], 418);
    assert_eq!(remote.details["retry"], false);
    assert_eq!(
        remote.retry_class(None),
        api_envelope::catalog::Retry::After
    );
    assert_eq!(remote.details.len(), 2);
}

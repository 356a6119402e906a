//! gRPC over loopback with a real tonic server and client: ScaiKey's secrets service of
//! the examples (`api_envelope_examples::grpc`) answering its catalogue errors, and every
//! example error of the five products sent as a status by a tonic service and read
//! back by a tonic client with its code, message, `ErrorInfo`, `RetryInfo`, `BadRequest`
//! and request id intact.
#![cfg(feature = "tonic")]

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant};

use api_envelope::catalog::Retry;
use api_envelope::client::{RemoteError, RetryPolicy};
use api_envelope::integrations::Envelopes;
use api_envelope::integrations::grpc::{request_info, to_status};
use api_envelope::integrations::ratelimit::Quota;
use api_envelope::{ApiError, format::Problem};
use api_envelope_examples::backend::scaikey::Vault;
use api_envelope_examples::grpc::{Method, Secrets, SecretsClient, proto, serve};
use api_envelope_tests::grpc::assert_keeps;
use tonic::server::{Grpc, NamedService};
use tonic_prost::ProstCodec;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The secrets service on a free loopback port, with `quota` per caller; its address.
async fn secrets_server(quota: Quota) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, Secrets::new(Vault::seeded(), quota)));
    format!("http://{addr}")
}

/// A request with `authorization` and `x-request-id` metadata, as given.
fn request<T>(message: T, token: Option<&str>, id: Option<&str>) -> tonic::Request<T> {
    let mut req = tonic::Request::new(message);
    if let Some(token) = token {
        req.metadata_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
    }
    if let Some(id) = id {
        req.metadata_mut()
            .insert("x-request-id", id.parse().unwrap());
    }
    req
}

fn path(path: &str) -> proto::SecretPath {
    proto::SecretPath { path: path.into() }
}

fn metadata<'a>(map: &'a tonic::metadata::MetadataMap, key: &str) -> &'a str {
    map.get(key).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[test]
fn the_secrets_service_answers_its_catalogue_errors() {
    runtime().block_on(async {
        let mut client = SecretsClient::connect(secrets_server(Quota::per_minute(100)).await)
            .await
            .unwrap();

        // Success: the secret, the caller's id echoed, the rate figures.
        let res = client
            .get(request(path("demo"), Some("t0k3n"), Some("req_grpc_1")))
            .await
            .unwrap();
        assert_eq!(metadata(res.metadata(), "x-request-id"), "req_grpc_1");
        assert_eq!(metadata(res.metadata(), "x-ratelimit-limit"), "100");
        assert_eq!(metadata(res.metadata(), "x-ratelimit-remaining"), "99");
        assert_eq!(
            res.into_inner(),
            proto::Secret {
                path: "demo".into(),
                value: "s3cr3t".into(),
                version: 1
            }
        );

        // No credential: UNAUTHENTICATED, a generated id in the status and its metadata.
        let status = client
            .get(request(path("demo"), None, None))
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::Unauthenticated);
        let remote = RemoteError::from_status(&status);
        assert_eq!(remote.code.as_deref(), Some("authentication_required"));
        assert_eq!(remote.status, 401);
        let id = remote.request_id.clone().unwrap();
        assert!(id.starts_with("req_"), "{id}");
        assert_eq!(metadata(status.metadata(), "x-request-id"), id);

        let fail = |status: tonic::Status| {
            let remote = RemoteError::from_status(&status);
            assert_eq!(
                remote.request_id.as_deref(),
                Some(metadata(status.metadata(), "x-request-id")),
            );
            (status.code(), remote)
        };

        let (code, remote) = fail(
            client
                .get(request(path("a//b"), Some("t0k3n"), None))
                .await
                .unwrap_err(),
        );
        assert_eq!(code, tonic::Code::InvalidArgument);
        assert_eq!(remote.code.as_deref(), Some("invalid_path"));
        assert_eq!(remote.message, "Invalid secret path 'a//b'");
        assert_eq!(remote.details["path"], "a//b");
        assert_eq!(remote.retry_class(None), Retry::Never);

        let (code, remote) = fail(
            client
                .get(request(path("nope"), Some("t0k3n"), None))
                .await
                .unwrap_err(),
        );
        assert_eq!(code, tonic::Code::NotFound);
        assert_eq!(remote.code.as_deref(), Some("secret_not_found"));
        assert_eq!(remote.status, 404);

        // Put: a live secret there (ALREADY_EXISTS as declared), a missing value
        // (BadRequest), created, deleted, then retained (ALREADY_EXISTS again).
        let put = |path: &str, value: &str| proto::PutSecret {
            path: path.into(),
            value: value.into(),
        };
        let (code, remote) = fail(
            client
                .put(request(put("demo", "x"), Some("t0k3n"), None))
                .await
                .unwrap_err(),
        );
        assert_eq!(code, tonic::Code::AlreadyExists);
        assert_eq!(remote.code.as_deref(), Some("name_conflict"));
        assert_eq!(remote.status, 409);

        let (code, remote) = fail(
            client
                .put(request(put("envs/prod", ""), Some("t0k3n"), None))
                .await
                .unwrap_err(),
        );
        assert_eq!(code, tonic::Code::InvalidArgument);
        assert_eq!(remote.code.as_deref(), Some("validation_error"));
        assert_eq!(remote.status, 422);
        assert_eq!(remote.violations.len(), 1);
        assert_eq!(remote.violations[0].path(), "value");
        assert_eq!(remote.violations[0].message, "Field required");
        assert_eq!(remote.violations[0].kind, "missing");

        let created = client
            .put(request(put("envs/prod", "pw"), Some("t0k3n"), None))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(created.version, 1);
        client
            .delete(request(path("envs/prod"), Some("t0k3n"), None))
            .await
            .unwrap();
        let (code, remote) = fail(
            client
                .put(request(put("envs/prod", "pw"), Some("t0k3n"), None))
                .await
                .unwrap_err(),
        );
        assert_eq!(code, tonic::Code::AlreadyExists);
        assert_eq!(remote.code.as_deref(), Some("secret_exists"));
        assert!(
            remote.details["purge_after"]
                .as_str()
                .unwrap()
                .ends_with('Z')
        );
        let (code, _) = fail(
            client
                .delete(request(path("envs/prod"), Some("t0k3n"), None))
                .await
                .unwrap_err(),
        );
        assert_eq!(code, tonic::Code::NotFound);

        // A method the service does not have.
        let mut raw = tonic::client::Grpc::new(
            tonic::transport::Endpoint::new(secrets_server(Quota::per_minute(1)).await)
                .unwrap()
                .connect()
                .await
                .unwrap(),
        );
        raw.ready().await.unwrap();
        let status = raw
            .unary(
                tonic::Request::new(()),
                http::uri::PathAndQuery::from_static("/scaikey.v1.Secrets/List"),
                ProstCodec::<(), ()>::default(),
            )
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::Unimplemented);
    });
}

#[test]
fn a_rate_limited_call_says_when_and_a_retrying_client_gets_through() {
    runtime().block_on(async {
        let mut client = SecretsClient::connect(secrets_server(Quota::per_second(2)).await)
            .await
            .unwrap();
        for _ in 0..2 {
            client
                .get(request(path("demo"), Some("k1"), None))
                .await
                .unwrap();
        }
        let status = client
            .get(request(path("demo"), Some("k1"), None))
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::ResourceExhausted);
        assert_eq!(metadata(status.metadata(), "x-ratelimit-remaining"), "0");
        let remote = RemoteError::from_status(&status);
        assert_eq!(remote.code.as_deref(), Some("rate_limited"));
        assert_eq!(remote.status, 429);
        let wait = remote.retry_after.expect("RetryInfo");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_millis(500),
            "{wait:?}"
        );
        assert_eq!(remote.retry_class(None), Retry::After);
        // Another caller has its own quota.
        client
            .get(request(path("demo"), Some("k2"), None))
            .await
            .unwrap();

        // A client retrying as the policy says: `Get` is idempotent, `after` retries.
        let policy = RetryPolicy::new();
        let started = Instant::now();
        let mut attempts = 0;
        let secret = loop {
            match client.get(request(path("demo"), Some("k1"), None)).await {
                Ok(res) => break res.into_inner(),
                Err(status) => {
                    let remote = RemoteError::from_status(&status);
                    attempts += 1;
                    let wait = policy
                        .next(&remote, remote.retry_class(None), true, attempts)
                        .expect("rate_limited is retried");
                    assert!(
                        wait >= remote.retry_after.unwrap(),
                        "never sooner than told"
                    );
                    tokio::time::sleep(wait).await;
                }
            }
        };
        assert_eq!(secret.value, "s3cr3t");
        assert!(attempts >= 1 && started.elapsed() < Duration::from_secs(5));

        // A non-idempotent call is not retried on `after`; a 404 never is.
        assert_eq!(policy.next(&remote, Retry::After, false, 1), None);
        let not_found = client
            .get(request(path("nope"), Some("k2"), None))
            .await
            .unwrap_err();
        let not_found = RemoteError::from_status(&not_found);
        assert_eq!(
            policy.next(&not_found, not_found.retry_class(None), true, 1),
            None
        );
    });
}

// --- every example error over a real connection ----------------------------------------

type Sample = Box<dyn ApiError + Send + Sync>;

/// A test service answering `/test.Samples/Fail` with the status of the sample named by
/// the request's `sample` metadata (`scaiwave/3`), with the request's facts.
#[derive(Clone)]
struct Samples(Arc<Vec<(&'static str, Vec<Sample>)>>);

impl NamedService for Samples {
    const NAME: &'static str = "test.Samples";
}

impl Samples {
    fn status(&self, req: &tonic::Request<()>) -> tonic::Status {
        let name = metadata(req.metadata(), "sample");
        let (product, index) = name.split_once('/').unwrap();
        let (_, samples) = self.0.iter().find(|(p, _)| *p == product).unwrap();
        let err = &samples[index.parse::<usize>().unwrap()];
        let info = request_info(&Envelopes::new(Problem::new("/errors/")), req);
        to_status(&**err, &info.context(), product)
    }
}

impl<B> tower_service::Service<http::Request<B>> for Samples
where
    B: http_body::Body + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut TaskContext<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            let method = Method(|r: tonic::Request<()>| {
                let status = this.status(&r);
                async move { Err::<tonic::Response<()>, _>(status) }
            });
            Ok(Grpc::new(ProstCodec::<(), ()>::default())
                .unary(method, req)
                .await)
        })
    }
}

#[test]
fn every_example_error_round_trips_over_loopback() {
    const PRODUCTS: [&str; 5] = ["scaiwave", "scaigrid", "scaidrive", "scaikey", "sonny"];
    let samples = |p| api_envelope_examples::samples(p).unwrap();
    let served = Samples(Arc::new(
        PRODUCTS.iter().map(|p| (*p, samples(p))).collect(),
    ));
    runtime().block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(tonic::transport::Server::builder().serve_with_incoming(
            served,
            tonic::transport::server::TcpIncoming::from(listener),
        ));
        let channel = tonic::transport::Endpoint::new(format!("http://{addr}"))
            .unwrap()
            .connect()
            .await
            .unwrap();
        let mut client = tonic::client::Grpc::new(channel);
        let ctx = api_envelope::Context::new().request_id("req_loop_1");
        let mut count = 0;
        for product in PRODUCTS {
            let format = api_envelope_examples::format(product).unwrap();
            for (i, err) in samples(product).iter().enumerate() {
                let mut req = request((), None, Some("req_loop_1"));
                req.metadata_mut()
                    .insert("sample", format!("{product}/{i}").parse().unwrap());
                client.ready().await.unwrap();
                let status = client
                    .unary(
                        req,
                        http::uri::PathAndQuery::from_static("/test.Samples/Fail"),
                        ProstCodec::<(), ()>::default(),
                    )
                    .await
                    .unwrap_err();
                let what = format!("{product} {}", err.code());
                assert_keeps(&what, &**err, &status, &*format, &ctx, "req_loop_1");
                count += 1;
            }
        }
        assert!(count >= 30, "{count}");
    });
}

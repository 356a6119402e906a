//! ScaiKey's secrets over gRPC (feature `tonic`): the HTTP backend's [`Vault`], served as
//! `scaikey.v1.Secrets` ([`PROTO`]) with tonic, every failure a `tonic::Status` made by
//! [`to_status`] from the very catalogue errors the HTTP routes answer with.
//!
//! | call | failure | code | gRPC code | details |
//! |---|---|---|---|---|
//! | any, without `authorization: Bearer ..` | no or a malformed credential | `authentication_required`, `token_invalid` | `UNAUTHENTICATED` | `ErrorInfo` |
//! | any, over the caller's quota | the limiter's denial | `rate_limited` | `RESOURCE_EXHAUSTED` | `ErrorInfo`, `RetryInfo` |
//! | any | a path breaking ScaiKey's rules | `invalid_path` | `INVALID_ARGUMENT` | `ErrorInfo` (`path`) |
//! | `Put` | no `value` (proto3 cannot tell empty from missing) | `validation_error` | `INVALID_ARGUMENT` | `BadRequest` (`value`) |
//! | `Get`, `Delete` | no live secret | `secret_not_found` | `NOT_FOUND` | `ErrorInfo` (`path`) |
//! | `Put` | a live secret there | `name_conflict` | `ALREADY_EXISTS` (declared) | `ErrorInfo` (`name`) |
//! | `Put` | a deleted secret still retained | `secret_exists` | `ALREADY_EXISTS` (declared) | `ErrorInfo` (`path`, `purge_after`) |
//!
//! Every status also has `RequestInfo` with the request id; every answer, success or
//! not, has `x-request-id` metadata (the caller's when usable, else generated) and the
//! caller's `x-ratelimit-limit`, `-remaining` and `-reset`, as ScaiKey's HTTP responses
//! have those headers.
//!
//! There is no `protoc` step: the messages are written with prost's derive ([`proto`]),
//! the service and the client as `tonic-build` would generate them ([`SecretsServer`],
//! [`SecretsClient`]). A client reads a status back with
//! [`RemoteError::from_status`](api_envelope::client::RemoteError::from_status) and
//! decides on a retry with its [`RetryPolicy`](api_envelope::client::RetryPolicy):
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use api_envelope::client::{RemoteError, RetryPolicy};
//! use api_envelope_examples::grpc::{SecretsClient, proto};
//!
//! let mut client = SecretsClient::connect("http://127.0.0.1:50051").await?;
//! let policy = RetryPolicy::new();
//! let mut attempt = 0;
//! let secret = loop {
//!     let mut req = tonic::Request::new(proto::SecretPath { path: "demo".into() });
//!     req.metadata_mut().insert("authorization", "Bearer t0k3n".parse()?);
//!     match client.get(req).await {
//!         Ok(res) => break res.into_inner(),
//!         Err(status) => {
//!             let remote = RemoteError::from_status(&status);
//!             attempt += 1;
//!             // `Get` is idempotent: an `after` code (`rate_limited`) is retried.
//!             match policy.next(&remote, remote.retry_class(None), true, attempt) {
//!                 Some(wait) => tokio::time::sleep(wait).await,
//!                 None => return Err(remote.into()),
//!             }
//!         }
//!     }
//! };
//! assert_eq!(secret.value, "s3cr3t");
//! # Ok(()) }
//! ```

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use api_envelope::ApiError;
use api_envelope::integrations::grpc::{REQUEST_ID_METADATA, request_info, to_status};
use api_envelope::integrations::ratelimit::{GovernorLimiter, Quota, RateDecision, RateLimiter};
use api_envelope::integrations::{Envelopes, RequestInfo};
use api_envelope::{RateLimit, Violation};
use axum::http;
use tonic::metadata::{MetadataMap, MetadataValue};
use tonic::server::{Grpc, NamedService, UnaryService};
use tonic_prost::ProstCodec;

use crate::backend::Error;
use crate::backend::scaikey::{Secret, Vault, authenticate, check_path};
use crate::scaikey::{AvailabilityError, ValidationError};

/// The service's schema, for clients in other languages (the [`proto`] messages and
/// [`SecretsServer`] follow it).
pub const PROTO: &str = include_str!("secrets.proto");

/// The service's full name.
pub const SERVICE: &str = "scaikey.v1.Secrets";

/// `ErrorInfo.domain` of every status the service sends.
pub const DOMAIN: &str = "scaikey";

/// The messages of [`PROTO`].
pub mod proto {
    /// A secret's path (`Get`, `Delete`).
    #[derive(Clone, PartialEq, Eq, prost::Message)]
    pub struct SecretPath {
        /// The path.
        #[prost(string, tag = "1")]
        pub path: String,
    }

    /// A secret to create (`Put`).
    #[derive(Clone, PartialEq, Eq, prost::Message)]
    pub struct PutSecret {
        /// The path.
        #[prost(string, tag = "1")]
        pub path: String,
        /// The value (required).
        #[prost(string, tag = "2")]
        pub value: String,
    }

    /// A secret as read or created.
    #[derive(Clone, PartialEq, Eq, prost::Message)]
    pub struct Secret {
        /// Its path.
        #[prost(string, tag = "1")]
        pub path: String,
        /// Its value.
        #[prost(string, tag = "2")]
        pub value: String,
        /// Its version (1 on creation).
        #[prost(uint32, tag = "3")]
        pub version: u32,
    }

    /// The answer to `Delete`.
    #[derive(Clone, Copy, PartialEq, Eq, prost::Message)]
    pub struct Deleted {}
}

impl From<Secret> for proto::Secret {
    fn from(s: Secret) -> Self {
        Self {
            path: s.path,
            value: s.value,
            version: s.version,
        }
    }
}

/// The service's state and calls: the vault, the envelope policy (for the request id),
/// and a rate limiter keyed by the caller's token.
#[derive(Clone)]
pub struct Secrets {
    vault: Vault,
    envelopes: Envelopes,
    limiter: Arc<dyn RateLimiter>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secrets")
            .field("envelopes", &self.envelopes)
            .finish_non_exhaustive()
    }
}

/// What a call has been let in with: its request facts and the caller's figures.
struct Admitted {
    info: RequestInfo,
    rate: RateLimit,
}

impl Secrets {
    /// The service over `vault`, each caller (token) allowed `quota`.
    #[must_use]
    pub fn new(vault: Vault, quota: Quota) -> Self {
        Self {
            vault,
            envelopes: crate::server::envelopes(crate::server::Backend::ScaiKey),
            limiter: Arc::new(GovernorLimiter::new(quota)),
        }
    }

    /// `Get`: the live secret at a path.
    ///
    /// # Errors
    /// A status as the [module docs](self) list.
    pub async fn get(
        &self,
        req: tonic::Request<proto::SecretPath>,
    ) -> Result<tonic::Response<proto::Secret>, tonic::Status> {
        self.serve(req, |vault, msg| vault.get(&msg.path).map(Into::into))
            .await
    }

    /// `Put`: creates the secret at a path.
    ///
    /// # Errors
    /// A status as the [module docs](self) list.
    pub async fn put(
        &self,
        req: tonic::Request<proto::PutSecret>,
    ) -> Result<tonic::Response<proto::Secret>, tonic::Status> {
        self.serve(req, |vault, msg| {
            check_path(&msg.path).map_err(|e| Box::new(e) as Error)?;
            if msg.value.is_empty() {
                return Err(Box::new(ValidationError::Validation {
                    violations: vec![Violation::new(["value"], "Field required").kind("missing")],
                }));
            }
            vault.put(&msg.path, msg.value).map(Into::into)
        })
        .await
    }

    /// `Delete`: deletes the secret at a path.
    ///
    /// # Errors
    /// A status as the [module docs](self) list.
    pub async fn delete(
        &self,
        req: tonic::Request<proto::SecretPath>,
    ) -> Result<tonic::Response<proto::Deleted>, tonic::Status> {
        self.serve(req, |vault, msg| {
            vault.delete(&msg.path).map(|()| proto::Deleted {})
        })
        .await
    }

    /// One call: the caller authenticated and counted, `op` run on the message, the
    /// answer or the error's status with the request id and rate figures.
    async fn serve<Req, Res>(
        &self,
        req: tonic::Request<Req>,
        op: impl FnOnce(&Vault, Req) -> Result<Res, Error>,
    ) -> Result<tonic::Response<Res>, tonic::Status> {
        let admitted = self.admit(&req).await?;
        match op(&self.vault, req.into_inner()) {
            Ok(message) => {
                let mut res = tonic::Response::new(message);
                stamp(res.metadata_mut(), &admitted.info, Some(admitted.rate));
                Ok(res)
            }
            Err(err) => Err(fail(&*err, &admitted.info, Some(admitted.rate))),
        }
    }

    /// The request's facts, once its caller is authenticated and within its quota.
    async fn admit<T>(&self, req: &tonic::Request<T>) -> Result<Admitted, tonic::Status> {
        let info = request_info(&self.envelopes, req);
        let authorization = req
            .metadata()
            .get("authorization")
            .map(|v| v.to_str().unwrap_or(""));
        let token = authenticate(authorization).map_err(|err| fail(&err, &info, None))?;
        let decision: RateDecision = self.limiter.check(&token.0).decision().await;
        let rate = decision.rate_limit();
        if !decision.allowed {
            let err = AvailabilityError::RateLimited {
                retry_after: decision.retry_after.unwrap_or_default(),
            };
            return Err(fail(&err, &info, Some(rate)));
        }
        Ok(Admitted { info, rate })
    }
}

/// `err` as the status of this request.
fn fail(err: &dyn ApiError, info: &RequestInfo, rate: Option<RateLimit>) -> tonic::Status {
    let mut status = to_status(err, &info.context(), DOMAIN);
    stamp(status.metadata_mut(), info, rate);
    status
}

/// The request id and the caller's rate figures in an answer's metadata.
fn stamp(metadata: &mut MetadataMap, info: &RequestInfo, rate: Option<RateLimit>) {
    if let Ok(id) = MetadataValue::try_from(info.request_id()) {
        metadata.insert(REQUEST_ID_METADATA, id);
    }
    if let Some(rate) = rate {
        metadata.insert("x-ratelimit-limit", rate.limit.into());
        metadata.insert("x-ratelimit-remaining", rate.remaining.into());
        metadata.insert("x-ratelimit-reset", rate.reset.into());
    }
}

/// [`Secrets`] as a tonic service (what `tonic-build` generates from [`PROTO`]).
#[derive(Debug, Clone)]
pub struct SecretsServer {
    inner: Arc<Secrets>,
}

impl SecretsServer {
    /// The service of `secrets`.
    #[must_use]
    pub fn new(secrets: Secrets) -> Self {
        Self {
            inner: Arc::new(secrets),
        }
    }
}

impl NamedService for SecretsServer {
    const NAME: &'static str = SERVICE;
}

/// One unary method of a hand-written service: a function from the request to its
/// answer's future, for `tonic::server::Grpc::unary`.
#[derive(Debug, Clone, Copy)]
pub struct Method<F>(pub F);

impl<R, T, F, Fut> UnaryService<R> for Method<F>
where
    F: FnMut(tonic::Request<R>) -> Fut,
    Fut: Future<Output = Result<tonic::Response<T>, tonic::Status>>,
{
    type Response = T;
    type Future = Fut;

    fn call(&mut self, request: tonic::Request<R>) -> Fut {
        (self.0)(request)
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T, Infallible>> + Send>>;

impl<B> tower_service::Service<http::Request<B>> for SecretsServer
where
    B: http_body::Body + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let inner = Arc::clone(&self.inner);
        let path = req.uri().path().strip_prefix("/scaikey.v1.Secrets/");
        match path {
            Some("Get") => Box::pin(async move {
                let method = Method(|r| {
                    let inner = Arc::clone(&inner);
                    async move { inner.get(r).await }
                });
                Ok(Grpc::new(ProstCodec::default()).unary(method, req).await)
            }),
            Some("Put") => Box::pin(async move {
                let method = Method(|r| {
                    let inner = Arc::clone(&inner);
                    async move { inner.put(r).await }
                });
                Ok(Grpc::new(ProstCodec::default()).unary(method, req).await)
            }),
            Some("Delete") => Box::pin(async move {
                let method = Method(|r| {
                    let inner = Arc::clone(&inner);
                    async move { inner.delete(r).await }
                });
                Ok(Grpc::new(ProstCodec::default()).unary(method, req).await)
            }),
            _ => Box::pin(async move { Ok(unimplemented(req.uri().path())) }),
        }
    }
}

/// The answer to a method the service does not have: `UNIMPLEMENTED`, as tonic's
/// generated servers answer it.
fn unimplemented(path: &str) -> http::Response<tonic::body::Body> {
    tonic::Status::unimplemented(format!("no method {path}")).into_http()
}

/// A client of the service (what `tonic-build` generates from [`PROTO`]).
#[derive(Debug, Clone)]
pub struct SecretsClient {
    inner: tonic::client::Grpc<tonic::transport::Channel>,
}

impl SecretsClient {
    /// Connects to `endpoint` (`http://host:port`).
    ///
    /// # Errors
    /// When the endpoint is malformed or cannot be reached.
    pub async fn connect(endpoint: impl Into<String>) -> Result<Self, tonic::transport::Error> {
        let channel = tonic::transport::Endpoint::new(endpoint.into())?
            .connect()
            .await?;
        Ok(Self {
            inner: tonic::client::Grpc::new(channel),
        })
    }

    async fn unary<Req, Res>(
        &mut self,
        req: tonic::Request<Req>,
        method: &'static str,
    ) -> Result<tonic::Response<Res>, tonic::Status>
    where
        Req: prost::Message + Send + Sync + 'static,
        Res: prost::Message + Default + Send + Sync + 'static,
    {
        self.inner
            .ready()
            .await
            .map_err(|e| tonic::Status::unavailable(format!("service not ready: {e}")))?;
        let path = http::uri::PathAndQuery::from_static(method);
        self.inner
            .unary(req, path, ProstCodec::<Req, Res>::default())
            .await
    }

    /// `Get`.
    ///
    /// # Errors
    /// The service's status (see the [module docs](self)).
    pub async fn get(
        &mut self,
        req: tonic::Request<proto::SecretPath>,
    ) -> Result<tonic::Response<proto::Secret>, tonic::Status> {
        self.unary(req, "/scaikey.v1.Secrets/Get").await
    }

    /// `Put`.
    ///
    /// # Errors
    /// The service's status (see the [module docs](self)).
    pub async fn put(
        &mut self,
        req: tonic::Request<proto::PutSecret>,
    ) -> Result<tonic::Response<proto::Secret>, tonic::Status> {
        self.unary(req, "/scaikey.v1.Secrets/Put").await
    }

    /// `Delete`.
    ///
    /// # Errors
    /// The service's status (see the [module docs](self)).
    pub async fn delete(
        &mut self,
        req: tonic::Request<proto::SecretPath>,
    ) -> Result<tonic::Response<proto::Deleted>, tonic::Status> {
        self.unary(req, "/scaikey.v1.Secrets/Delete").await
    }
}

/// Serves `secrets` on `listener` until the process ends (or the future is dropped).
///
/// # Errors
/// When the server fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    secrets: Secrets,
) -> Result<(), tonic::transport::Error> {
    tonic::transport::Server::builder()
        .serve_with_incoming(
            SecretsServer::new(secrets),
            tonic::transport::server::TcpIncoming::from(listener),
        )
        .await
}

/// Binds `addr` and serves the seeded vault with `quota` per caller (the `grpc-server`
/// binary).
///
/// # Errors
/// When the address cannot be bound or the server fails.
pub async fn run(addr: SocketAddr, quota: Quota) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("ScaiKey secrets over gRPC on {}", listener.local_addr()?);
    serve(listener, Secrets::new(Vault::seeded(), quota)).await?;
    Ok(())
}

//! Helpers the integration tests share.

#[cfg(feature = "tonic")]
pub mod grpc;

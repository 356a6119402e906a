//! ScaiKey's secrets engine over gRPC on 127.0.0.1 (`scaikey.v1.Secrets`, see
//! `api_envelope_examples::grpc` for the schema and the statuses it answers).
//!
//! ```text
//! cargo run -p api-envelope-examples --features tonic --bin grpc-server          # 127.0.0.1:50051
//! cargo run -p api-envelope-examples --features tonic --bin grpc-server -- 6000  # 127.0.0.1:6000
//! grpcurl -plaintext -import-path examples/src/grpc -proto secrets.proto \
//!   -H 'authorization: Bearer t0k3n' -d '{"path":"nope"}' 127.0.0.1:50051 scaikey.v1.Secrets/Get
//! ```

use std::net::{Ipv4Addr, SocketAddr};

use api_envelope::integrations::ratelimit::Quota;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = match std::env::args().nth(1) {
        Some(arg) => arg
            .parse::<u16>()
            .map_err(|e| format!("the port, {arg:?}: {e}"))?,
        None => 50051,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(api_envelope_examples::grpc::run(
        SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        Quota::per_minute(100),
    ))
}

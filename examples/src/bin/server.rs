//! The five example backends on 127.0.0.1, each product under its prefix and answering
//! every error, its own or the framework's, in its own envelope.
//!
//! ```text
//! cargo run -p api-envelope-examples --bin server            # 127.0.0.1:3000
//! cargo run -p api-envelope-examples --bin server -- 8080    # 127.0.0.1:8080
//! ```
//!
//! The server itself is `api_envelope_examples::server` (its module docs give the same
//! tables with links), so the loopback tests run exactly these routes.
//!
#![doc = include_str!("../server/routes.md")]

use std::net::{Ipv4Addr, SocketAddr};

use api_envelope_examples::server::{ServerConfig, port_arg, serve};

fn main() -> std::io::Result<()> {
    let port = port_arg()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
        println!(
            "api-envelope example server on http://{}",
            listener.local_addr()?
        );
        serve(listener, ServerConfig::default()).await
    })
}

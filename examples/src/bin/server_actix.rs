//! The five example backends on actix-web, on 127.0.0.1: the same routes, state and
//! envelopes as `--bin server` (axum).
//!
//! ```text
//! cargo run -p api-envelope-examples --features actix-web --bin server-actix            # 127.0.0.1:3000
//! cargo run -p api-envelope-examples --features actix-web --bin server-actix -- 8080    # 127.0.0.1:8080
//! ```
//!
//! The server itself is `api_envelope_examples::server_actix`, so the loopback tests run
//! exactly these routes.
//!
#![doc = include_str!("../server/routes.md")]

use std::net::{Ipv4Addr, SocketAddr, TcpListener};

use api_envelope_examples::server::{ServerConfig, port_arg};
use api_envelope_examples::server_actix::serve;

fn main() -> std::io::Result<()> {
    let port = port_arg()?;
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    println!(
        "api-envelope example server (actix-web) on http://{}",
        listener.local_addr()?
    );
    serve(listener, &ServerConfig::default())
}

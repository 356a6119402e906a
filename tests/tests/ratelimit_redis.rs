//! The Redis rate limiter (`RedisLimiter`, feature `redis`) against a real `redis-server`
//! that each test starts on a free loopback port (no RDB, no AOF) and kills on drop.
//!
//! Without a `redis-server` binary the tests print that they are skipped and pass, unless
//! `API_ENVELOPE_REQUIRE_REDIS` is set: .ci/run installs redis-server and sets it, so
//! there a missing binary is a failure.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use api_envelope::integrations::ratelimit::{
    DEFAULT_PREFIX, LimitCheck, Quota, RateDecision, RateLimiter, RedisLimiter,
};
use redis::aio::{ConnectionLike, ConnectionManager, ConnectionManagerConfig};

/// A `redis-server` child process, killed on drop.
struct RedisServer {
    child: Child,
    port: u16,
}

impl RedisServer {
    /// Starts one, or `None` (after saying so) when the binary is not installed.
    fn start() -> Option<Self> {
        let port = free_port();
        let spawned = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match spawned {
            Ok(child) => child,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                assert!(
                    std::env::var_os("API_ENVELOPE_REQUIRE_REDIS").is_none(),
                    "redis-server is not installed, but API_ENVELOPE_REQUIRE_REDIS says it is"
                );
                eprintln!("skipped: redis-server not installed (CI installs it)");
                return None;
            }
            Err(err) => panic!("cannot start redis-server: {err}"),
        };
        let server = Self { child, port };
        server.wait_ready();
        Some(server)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Waits (at most 10 s) until the server answers `PING`.
    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)) {
                let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
                let mut reply = [0u8; 7];
                if stream.write_all(b"PING\r\n").is_ok()
                    && stream.read_exact(&mut reply).is_ok()
                    && &reply == b"+PONG\r\n"
                {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("redis-server on port {} did not come up", self.port);
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nothing listens on (just now).
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// One replica's limiter over a connection manager of its own.
async fn manager_replica(server: &RedisServer, quota: Quota) -> RedisLimiter {
    let client = redis::Client::open(server.url()).expect("a valid url");
    let manager = ConnectionManager::new(client).await.expect("connected");
    RedisLimiter::new(manager, quota)
}

/// One replica's limiter over a multiplexed connection of its own.
async fn multiplexed_replica(
    server: &RedisServer,
    quota: Quota,
) -> RedisLimiter<redis::aio::MultiplexedConnection> {
    let client = redis::Client::open(server.url()).expect("a valid url");
    let conn = client
        .get_multiplexed_async_connection()
        .await
        .expect("connected");
    RedisLimiter::new(conn, quota)
}

/// The decision, awaiting it when pending (as it always is for Redis).
async fn check(limiter: &dyn RateLimiter, key: &str) -> RateDecision {
    match limiter.check(key) {
        LimitCheck::Pending(future) => future.await,
        LimitCheck::Ready(_) => panic!("a Redis check is answered later"),
    }
}

async fn command<C: ConnectionLike>(conn: &mut C, cmd: &mut redis::Cmd) -> redis::Value {
    cmd.query_async(conn).await.expect("the command succeeds")
}

#[test]
fn replicas_share_one_sequence() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    runtime().block_on(async {
        let quota = Quota::per_minute(3);
        let a = manager_replica(&server, quota).await;
        let b = multiplexed_replica(&server, quota).await;
        let before = unix_now();

        // Interleaved: a, b, a, then both denied.
        let seq = [
            check(&a, "key_1").await,
            check(&b, "key_1").await,
            check(&a, "key_1").await,
        ];
        assert!(
            seq.iter()
                .all(|d| d.allowed && d.limit == 3 && d.retry_after.is_none())
        );
        assert_eq!(seq.map(|d| d.remaining), [2, 1, 0]);
        for (d, used) in seq.iter().zip(1..) {
            assert!(
                (before + 20 * used..=before + 20 * used + 2).contains(&d.reset),
                "reset {} after {used} (now {before})",
                d.reset
            );
        }

        let denied_b = check(&b, "key_1").await;
        let denied_a = check(&a, "key_1").await;
        for denied in [denied_a, denied_b] {
            assert!(!denied.allowed);
            assert_eq!((denied.limit, denied.remaining), (3, 0));
            let wait = denied.retry_after.expect("a denied request says when");
            assert!(
                wait >= Duration::from_secs(19) && wait <= Duration::from_secs(20),
                "{wait:?}"
            );
            assert_eq!(denied.retry_after_secs(), Some(20));
            assert!((before + 59..=before + 62).contains(&denied.reset));
        }
        // Both replicas count from Redis's clock: the same reset second.
        assert!(denied_a.reset.abs_diff(denied_b.reset) <= 1);
        assert!(denied_a.retry_after <= denied_b.retry_after);
    });
}

#[test]
fn keys_and_prefixes_are_isolated() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    runtime().block_on(async {
        let quota = Quota::per_minute(3);
        let limiter = manager_replica(&server, quota).await;
        assert_eq!(limiter.prefix(), DEFAULT_PREFIX);
        for _ in 0..3 {
            assert!(check(&limiter, "alice").await.allowed);
        }
        assert!(!check(&limiter, "alice").await.allowed);
        assert_eq!(check(&limiter, "bob").await.remaining, 2);
        assert_eq!(check(&limiter, "bob").await.remaining, 1);

        // Another prefix is another set of buckets on the same Redis.
        let other = limiter.clone().with_prefix("svc-b:");
        assert_eq!(other.redis_key("alice"), "svc-b:alice");
        assert_eq!(check(&other, "alice").await.remaining, 2);
        assert!(!check(&limiter, "alice").await.allowed);

        // One string key per bucket, expiring within the period.
        let mut conn = redis::Client::open(server.url())
            .expect("a valid url")
            .get_multiplexed_async_connection()
            .await
            .expect("connected");
        let ttl = command(&mut conn, redis::cmd("PTTL").arg("api-envelope:rl:alice")).await;
        let redis::Value::Int(ttl) = ttl else {
            panic!("PTTL answers an integer: {ttl:?}")
        };
        assert!(ttl > 50_000 && ttl <= 60_000, "ttl {ttl} ms");
        let keys = command(&mut conn, redis::cmd("KEYS").arg("*")).await;
        let redis::Value::Array(keys) = keys else {
            panic!("KEYS answers an array: {keys:?}")
        };
        assert_eq!(keys.len(), 3, "alice, bob and svc-b:alice: {keys:?}");

        // Odd keys are just bytes of a key name.
        let long = "k".repeat(10_000);
        for key in ["", "a b\r\nc", "ключ 🔑", "{tag}*?", long.as_str()] {
            let d = check(&limiter, key).await;
            assert!(d.allowed && d.remaining == 2, "{key:?}: {d:?}");
        }
    });
}

#[test]
fn allowed_again_after_the_period() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    runtime().block_on(async {
        let limiter = manager_replica(&server, Quota::new(2, Duration::from_secs(2))).await;
        assert_eq!(check(&limiter, "k").await.remaining, 1);
        assert_eq!(check(&limiter, "k").await.remaining, 0);
        let denied = check(&limiter, "k").await;
        assert!(!denied.allowed);
        let wait = denied.retry_after.expect("a wait");
        assert!(wait > Duration::from_millis(500) && wait <= Duration::from_secs(1));
        assert_eq!(denied.retry_after_secs(), Some(1));

        tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(2_100)))
            .await
            .expect("slept");
        let again = check(&limiter, "k").await;
        assert!(again.allowed);
        assert_eq!(again.remaining, 1, "the whole burst is back");
    });
}

#[test]
fn the_script_is_loaded_again_after_a_flush() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    runtime().block_on(async {
        let limiter = manager_replica(&server, Quota::per_minute(3)).await;
        assert_eq!(check(&limiter, "k").await.remaining, 2);
        let mut conn = redis::Client::open(server.url())
            .expect("a valid url")
            .get_multiplexed_async_connection()
            .await
            .expect("connected");
        let _ = command(&mut conn, redis::cmd("SCRIPT").arg("FLUSH")).await;
        let d = check(&limiter, "k").await;
        assert!(d.allowed, "{d:?}");
        assert_eq!(d.remaining, 1, "the bucket survived the flush");
        // Garbage in a bucket is replaced by a fresh bucket, not an error.
        let _ = command(
            &mut conn,
            redis::cmd("SET").arg("api-envelope:rl:g").arg("x"),
        )
        .await;
        assert_eq!(check(&limiter, "g").await.remaining, 2);
    });
}

#[test]
fn fails_open_on_a_dead_port() {
    let rt = runtime();
    rt.block_on(async {
        let client =
            redis::Client::open(format!("redis://127.0.0.1:{}/", free_port())).expect("a url");
        let config = ConnectionManagerConfig::new()
            .set_number_of_retries(1)
            .set_connection_timeout(Some(Duration::from_millis(200)))
            .set_response_timeout(Some(Duration::from_millis(200)));
        let manager = ConnectionManager::new_lazy_with_config(client, config).expect("lazy");
        let limiter = RedisLimiter::new(manager, Quota::per_minute(3));
        let started = Instant::now();
        for _ in 0..5 {
            let d = check(&limiter, "k").await;
            assert!(d.allowed, "fail open: {d:?}");
            assert_eq!((d.limit, d.remaining, d.retry_after), (3, 3, None));
            assert!(d.reset.abs_diff(unix_now()) <= 1);
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    });
}

#[test]
fn fails_open_when_redis_goes_away() {
    let Some(server) = RedisServer::start() else {
        return;
    };
    runtime().block_on(async {
        let client = redis::Client::open(server.url()).expect("a valid url");
        let config = ConnectionManagerConfig::new()
            .set_number_of_retries(1)
            .set_connection_timeout(Some(Duration::from_millis(200)))
            .set_response_timeout(Some(Duration::from_millis(500)));
        let manager = ConnectionManager::new_with_config(client, config)
            .await
            .expect("connected");
        let limiter = RedisLimiter::new(manager, Quota::per_minute(3));
        assert_eq!(check(&limiter, "k").await.remaining, 2);
        drop(server);
        let d = check(&limiter, "k").await;
        assert!(d.allowed);
        assert_eq!(d.remaining, 3, "the figures of a full bucket: {d:?}");
    });
}

/// Every event as `level target field=value ..`, for the fail-open warning.
#[derive(Clone, Default)]
struct Events(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl tracing::field::Visit for Line<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

struct Line<'a>(&'a mut String);

impl tracing::Subscriber for Events {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let meta = event.metadata();
        let mut line = format!("{} {}", meta.level(), meta.target());
        event.record(&mut Line(&mut line));
        if let Ok(mut events) = self.0.lock() {
            events.push(line);
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn failing_open_warns_without_the_key() {
    let events = Events::default();
    let rt = runtime();
    let decision = tracing::subscriber::with_default(events.clone(), || {
        rt.block_on(async {
            let client =
                redis::Client::open(format!("redis://127.0.0.1:{}/", free_port())).expect("a url");
            let config = ConnectionManagerConfig::new()
                .set_number_of_retries(1)
                .set_connection_timeout(Some(Duration::from_millis(200)));
            let manager = ConnectionManager::new_lazy_with_config(client, config).expect("lazy");
            let limiter = RedisLimiter::new(manager, Quota::per_minute(3));
            let first = check(&limiter, "sk_live_secret").await;
            // Other tests of this binary reach the same callsite at the same moment
            // without a subscriber, and tracing's interest cache can miss this one's
            // first event while they register it: a second
            // check, after the cache is rebuilt, is always seen.
            tracing::callsite::rebuild_interest_cache();
            let second = check(&limiter, "sk_live_secret").await;
            (first, second)
        })
    });
    assert!(decision.0.allowed && decision.1.allowed);
    let events = events.0.lock().map(|e| e.clone()).unwrap_or_default();
    let ours: Vec<&String> = events
        .iter()
        .filter(|e| e.starts_with("WARN api_envelope"))
        .collect();
    assert!(
        matches!(ours.len(), 1 | 2),
        "one event per check: {events:#?}"
    );
    for event in ours {
        assert!(event.contains("fail open"), "{event}");
        assert!(event.contains("error="), "{event}");
        assert!(!event.contains("sk_live_secret"), "{event}");
    }
}

/// Through the axum layer: two replicas (two routers, each with its own limiter over its
/// own connection) serving one caller report one sequence of `X-RateLimit-Remaining`, and
/// the caller out of requests gets ScaiKey's 429 with `Retry-After`, from either replica.
#[test]
fn the_axum_layer_serves_the_shared_figures() {
    use api_envelope::format::ScaiKey;
    use api_envelope::integrations::axum::RequestContextLayer;
    use api_envelope::integrations::{Envelopes, RateKey};
    use axum::Router;
    use axum::routing::get;

    let Some(server) = RedisServer::start() else {
        return;
    };
    let rt = runtime();
    let bases: Vec<String> = (0..2)
        .map(|_| {
            rt.block_on(async {
                let limiter = manager_replica(&server, Quota::per_minute(3)).await;
                let envelopes = Envelopes::new(ScaiKey).rate_limiter(
                    limiter,
                    RateKey::Header(api_envelope::http::header::AUTHORIZATION),
                );
                let app = Router::new()
                    .route("/v1/secrets/demo", get(|| async { "s3cr3t" }))
                    .layer(RequestContextLayer::new(envelopes));
                let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                    .await
                    .expect("bind");
                let addr = listener.local_addr().expect("addr");
                tokio::spawn(async move { axum::serve(listener, app).await });
                format!("http://{addr}/v1/secrets/demo")
            })
        })
        .collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let call = |url: &str| {
        let mut res = agent
            .get(url)
            .header("authorization", "Bearer replica-test")
            .call()
            .expect("a response");
        let header = |name: &str| {
            res.headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        let out = (
            res.status().as_u16(),
            header("x-ratelimit-remaining"),
            header("x-ratelimit-limit"),
            header("retry-after"),
            header("x-request-id").is_some(),
        );
        let body = res.body_mut().read_to_string().expect("body");
        (out, body)
    };
    let mut remaining = Vec::new();
    for (i, base) in [&bases[0], &bases[1], &bases[0]].into_iter().enumerate() {
        let ((status, rem, limit, retry, id), body) = call(base);
        assert_eq!((status, body.as_str()), (200, "s3cr3t"), "request {i}");
        assert_eq!(limit.as_deref(), Some("3"));
        assert_eq!(retry, None);
        assert!(id);
        remaining.push(rem.expect("X-RateLimit-Remaining on a 200"));
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    for base in &bases {
        let ((status, rem, _, retry, id), body) = call(base);
        assert_eq!(status, 429, "{body}");
        assert_eq!(rem.as_deref(), Some("0"));
        let wait: u64 = retry.expect("Retry-After").parse().expect("seconds");
        assert!((1..=20).contains(&wait), "{wait}");
        assert!(id);
        let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(json["error"]["code"], "TOO_MANY_REQUESTS", "{body}");
    }
    drop(rt);
}

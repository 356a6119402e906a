//! Compile-time rules of `#[derive(ApiError)]`: each rule has its own case in `ui/`,
//! and every code and status of the five seed pages compiles (`ui/pass/`).
//!
//! One trybuild run for both categories, so the cases share one build of the runtime;
//! and a crate of its own whose only dependency is the runtime with its default
//! features, so that build is small (the integration tests' crate would make trybuild
//! build axum, actix-web, tokio, redis and the example servers for every case).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    t.pass("ui/pass/*.rs");
}

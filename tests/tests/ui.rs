//! Compile-time rules of `#[derive(ApiError)]`: each rule has its own case in `tests/ui/`,
//! and every code and status of the five seed pages compiles (`tests/ui/pass/`).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    t.pass("ui/pass/*.rs");
}

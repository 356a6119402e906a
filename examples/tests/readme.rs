//! The README's axum quick start is `src/bin/quickstart.rs`, word for word (so it
//! compiles with the crate, and the README cannot drift from it).

#[test]
fn the_readme_quick_start_is_the_quickstart_binary() {
    let readme = include_str!("../../README.md");
    let source: String = include_str!("../src/bin/quickstart.rs")
        .lines()
        .skip_while(|line| line.starts_with("//!") || line.is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    let block = readme
        .split("```rust,ignore\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a ```rust,ignore block: the axum quick start");
    assert_eq!(
        block, source,
        "README quick start != examples/src/bin/quickstart.rs"
    );
}

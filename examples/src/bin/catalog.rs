//! Prints a product's Markdown error reference page.
//!
//! ```text
//! cargo run -q -p api-envelope-examples --bin catalog -- [--retry] <product>
//! ```
//!
//! `<product>` is one of `scaiwave`, `scaigrid`, `scaidrive`, `scaikey`, `sonny`;
//! `--retry` adds each code's retry class (`never`, `after`, `safe`) as a last column.

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let names = api_envelope_examples::product_names(" | ");
    let retry = args.first().is_some_and(|a| a == "--retry");
    if retry {
        args.remove(0);
    }
    let product = match args.as_slice() {
        [flag] if flag == "-h" || flag == "--help" => {
            println!(
                "usage: catalog [--retry] <{names}>\n\nPrints the product's error reference page \
                 (--retry: with each code's retry class)."
            );
            return ExitCode::SUCCESS;
        }
        [name] => api_envelope_examples::product(name),
        _ => None,
    };
    let Some(product) = product else {
        if let [name] = args.as_slice() {
            eprintln!("catalog: unknown product `{name}`");
        }
        eprintln!("usage: catalog [--retry] <{names}>");
        return ExitCode::from(2);
    };
    let page = product.reference_page();
    let page = if retry { page.with_retry() } else { page };
    let mut out = std::io::stdout().lock();
    match write!(out, "{page}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not worth a panic.
        Err(_) => ExitCode::FAILURE,
    }
}

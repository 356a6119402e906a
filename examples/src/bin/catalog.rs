//! Prints a product's Markdown error reference page.
//!
//! ```text
//! cargo run -q -p api-envelope-examples --bin catalog -- <product>
//! ```
//!
//! `<product>` is one of `scaiwave`, `scaigrid`, `scaidrive`, `scaikey`, `sonny`.

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names = api_envelope_examples::product_names(" | ");
    let product = match args.as_slice() {
        [flag] if flag == "-h" || flag == "--help" => {
            println!("usage: catalog <{names}>\n\nPrints the product's error reference page.");
            return ExitCode::SUCCESS;
        }
        [name] => api_envelope_examples::product(name),
        _ => None,
    };
    let Some(product) = product else {
        if let [name] = args.as_slice() {
            eprintln!("catalog: unknown product `{name}`");
        }
        eprintln!("usage: catalog <{names}>");
        return ExitCode::from(2);
    };
    let mut out = std::io::stdout().lock();
    match write!(out, "{}", product.reference_page()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not worth a panic.
        Err(_) => ExitCode::FAILURE,
    }
}

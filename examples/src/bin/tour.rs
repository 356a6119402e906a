//! A tour of the five backends: real errors of each product as the full HTTP responses its
//! clients receive (status line, headers, pretty body), in the product's own envelope.
//!
//! ```text
//! cargo run -q -p api-envelope-examples --bin tour
//! cargo run -q -p api-envelope-examples --bin tour -- --product scaikey
//! cargo run -q -p api-envelope-examples --bin tour -- --code SW_VALIDATION_ERROR
//! ```

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use api_envelope::Context;
use api_envelope::http::Response;
use api_envelope_examples::{PRODUCTS, format, product_names, samples};

const USAGE: &str = "usage: tour [--product <name>] [--code <CODE>]";

/// What the command line asked for.
#[derive(Default)]
struct Filter {
    product: Option<String>,
    code: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Filter>, String> {
    let mut filter = Filter::default();
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--product" => &mut filter.product,
            "--code" => &mut filter.code,
            _ => return Err(format!("unexpected argument `{arg}`")),
        };
        let Some(value) = args.next() else {
            return Err(format!("`{arg}` needs a value"));
        };
        *slot = Some(value);
    }
    if let Some(name) = &filter.product
        && api_envelope_examples::product(name).is_none()
    {
        return Err(format!(
            "unknown product `{name}`; expected one of {}",
            product_names(", ")
        ));
    }
    Ok(Some(filter))
}

fn main() -> ExitCode {
    let filter = match parse_args(std::env::args().skip(1)) {
        Ok(Some(filter)) => filter,
        Ok(None) => {
            println!("{USAGE}\n\nProducts: {}.", product_names(", "));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("tour: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut out = String::new();
    let mut shown = 0;
    for (name, product) in &PRODUCTS {
        if filter.product.as_deref().is_some_and(|p| p != *name) {
            continue;
        }
        let format = format(name).expect("every product has a format");
        let errors = samples(name).expect("every product has samples");
        let mut header_done = false;
        for (i, err) in errors.iter().enumerate() {
            if filter.code.as_deref().is_some_and(|c| c != err.code()) {
                continue;
            }
            if !header_done {
                let _ = writeln!(out, "━━━━ {} ━━━━\n", product.name);
                header_done = true;
            }
            let request_id = format!("req_{name}_{:02}", i + 1);
            let instance = format!("/v1/requests/{request_id}");
            let mut ctx = Context::new().request_id(&request_id);
            if *name == "sonny" {
                ctx = ctx.instance(&instance);
            }
            if *name == "scaikey" {
                let remaining = if err.status() == 429 { 0 } else { 587 };
                ctx = ctx.rate_limit(600, remaining, 1_747_490_811);
            }
            let row = product
                .get(err.code())
                .expect("samples are in their catalogue");
            let _ = writeln!(
                out,
                "── {} ({}::{}, section \"{}\")",
                err.code(),
                row.catalog.name,
                row.entry.variant,
                row.section.heading
            );
            show(&mut out, &err.to_response(format.as_ref(), &ctx));
            shown += 1;
        }
    }
    if shown == 0 {
        eprintln!("tour: {}\n{USAGE}", no_sample(&filter));
        return ExitCode::from(2);
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Why nothing matched `filter` (only a `--code` can match nothing).
fn no_sample(filter: &Filter) -> String {
    let code = filter.code.as_deref().unwrap_or_default();
    let Some((owner, product)) = PRODUCTS.iter().find(|(_, p)| p.get(code).is_some()) else {
        return format!("unknown code `{code}`");
    };
    if let Some(asked) = filter.product.as_deref()
        && asked != *owner
    {
        return format!("`{code}` is a {} code, not a {asked} one", product.name);
    }
    let mut codes: Vec<_> = samples(owner)
        .unwrap_or_default()
        .iter()
        .map(|err| err.code())
        .collect();
    codes.dedup();
    format!(
        "the tour has no sample of {} `{code}`; its {} samples are: {}",
        product.name,
        product.name,
        codes.join(", ")
    )
}

/// Writes a response as it travels: status line, headers, blank line, pretty body.
fn show(out: &mut String, res: &Response<Vec<u8>>) {
    let status = res.status();
    let _ = writeln!(
        out,
        "HTTP/1.1 {} {}",
        status.as_str(),
        status.canonical_reason().unwrap_or_default()
    );
    for (name, value) in res.headers() {
        let _ = writeln!(out, "{name}: {}", value.to_str().unwrap_or("<binary>"));
    }
    out.push('\n');
    pretty_json(out, &String::from_utf8_lossy(res.body()));
    out.push_str("\n\n");
}

/// Indents compact JSON, keeping its member order.
fn pretty_json(out: &mut String, json: &str) {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = json.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
}

//! The five products' catalogues: reference pages, JSON, and the lock files that keep
//! their codes a contract.
//!
//! ```text
//! cargo run -q -p api-envelope-examples --bin catalog -- [--retry] <product>   # the Markdown reference page
//! cargo run -q -p api-envelope-examples --bin catalog -- --json <product>      # the catalogue as JSON (schema api-envelope/catalog, v1)
//! cargo run -q -p api-envelope-examples --bin catalog -- --lock <product|all>  # write examples/locks/<product>.lock
//! cargo run -q -p api-envelope-examples --bin catalog -- --check [<product>]   # compare with the committed locks
//! cargo run -q -p api-envelope-examples --bin catalog -- --site DIR            # one HTML page per code, and indexes
//! cargo run -q -p api-envelope-examples --bin catalog -- --check-locales examples/locales   # translations vs catalogues
//! cargo run -q -p api-envelope-examples --bin catalog -- --sdk python sonny     # an SDK's error module (or typescript, javascript)
//! ```
//!
//! `<product>` is one of `scaiwave`, `scaigrid`, `scaidrive`, `scaikey`, `sonny`;
//! `--retry` adds each code's retry class (`never`, `after`, `safe`) as a last column.
//! `--check` exits with 1 when a change breaks a lock (a removed or renamed code, a
//! changed status, family or retry class), naming each change and how to accept it; a
//! new code or a reworded meaning is reported and passes. `--lock-dir DIR` reads and
//! writes the locks elsewhere.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use api_envelope::Product;
use api_envelope::catalog::lock::Lock;

/// Where the example backends' committed locks are.
const LOCK_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/locks");

/// What to do.
enum Command {
    Page {
        product: Product,
        retry: bool,
    },
    Json(Product),
    Lock(Vec<&'static str>),
    Check(Vec<&'static str>),
    Site(PathBuf),
    CheckLocales(PathBuf),
    Sdk {
        lang: &'static str,
        product: Product,
    },
}

fn usage() -> String {
    let names = api_envelope_examples::product_names(" | ");
    format!(
        "usage: catalog [--retry] <{names}>\n       catalog --json <product>\n       \
         catalog --lock <product | all> [--lock-dir DIR]\n       \
         catalog --check [<product>] [--lock-dir DIR]\n       \
         catalog --site DIR\n       \
         catalog --check-locales DIR\n       \
         catalog --sdk <python | typescript | javascript> <product>"
    )
}

/// The product named `name`, or `all` of them.
fn products(name: &str) -> Result<Vec<&'static str>, String> {
    if name == "all" {
        return Ok(api_envelope_examples::PRODUCTS
            .iter()
            .map(|(n, _)| *n)
            .collect());
    }
    api_envelope_examples::PRODUCTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, _)| vec![*n])
        .ok_or_else(|| format!("catalog: unknown product `{name}`"))
}

fn product(name: &str) -> Result<Product, String> {
    api_envelope_examples::product(name).ok_or_else(|| format!("catalog: unknown product `{name}`"))
}

/// Reads the arguments; `Err(None)` asks for the usage alone, `Err(Some(msg))` a message
/// first.
fn parse(mut args: Vec<String>) -> Result<(Command, PathBuf), Option<String>> {
    let mut lock_dir = PathBuf::from(LOCK_DIR);
    if let Some(at) = args.iter().position(|a| a == "--lock-dir") {
        if at + 1 >= args.len() {
            return Err(Some("catalog: --lock-dir needs a directory".to_owned()));
        }
        lock_dir = PathBuf::from(args.remove(at + 1));
        args.remove(at);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let command = match args.as_slice() {
        ["--json", name] => Command::Json(product(name)?),
        ["--lock", name] => Command::Lock(products(name)?),
        ["--check"] => Command::Check(products("all")?),
        ["--check", name] => Command::Check(products(name)?),
        ["--site", dir] => Command::Site(PathBuf::from(dir)),
        ["--check-locales", dir] => Command::CheckLocales(PathBuf::from(dir)),
        ["--sdk", lang, name] => {
            let lang = ["python", "typescript", "javascript"]
                .into_iter()
                .find(|l| l == lang)
                .ok_or_else(|| {
                    format!("catalog: no SDK language `{lang}`: python, typescript or javascript")
                })?;
            Command::Sdk {
                lang,
                product: product(name)?,
            }
        }
        ["--retry", name] => Command::Page {
            product: product(name)?,
            retry: true,
        },
        [name] if !name.starts_with('-') => Command::Page {
            product: product(name)?,
            retry: false,
        },
        _ => return Err(None),
    };
    Ok((command, lock_dir))
}

fn lock_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.lock"))
}

fn current_lock(name: &str) -> Lock {
    let product = api_envelope_examples::product(name).unwrap_or_else(|| unreachable!());
    Lock::of(product.catalogs)
}

/// Writes each product's lock; the diff is for review.
fn write_locks(names: &[&str], dir: &Path) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("catalog: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for name in names {
        let path = lock_path(dir, name);
        let lock = current_lock(name);
        if let Err(e) = std::fs::write(&path, lock.to_string()) {
            eprintln!("catalog: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}: {} codes", path.display(), lock.len());
    }
    ExitCode::SUCCESS
}

/// Compares each product with its committed lock.
fn check_locks(names: &[&str], dir: &Path) -> ExitCode {
    let mut broken = false;
    for name in names {
        let path = lock_path(dir, name);
        let locked = match std::fs::read_to_string(&path) {
            Ok(text) => Lock::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) => Err(format!(
                "{}: {e} (write it with `catalog --lock {name}`)",
                path.display()
            )),
        };
        let locked = match locked {
            Ok(locked) => locked,
            Err(msg) => {
                eprintln!("catalog: {msg}");
                broken = true;
                continue;
            }
        };
        let changes = locked.check(&current_lock(name));
        if changes.is_empty() {
            println!("{name}: {} codes, as locked", locked.len());
        } else {
            let verdict = if changes.is_breaking() {
                broken = true;
                "BREAKS its lock"
            } else {
                "compatible with its lock"
            };
            println!("{name}: {verdict} ({}):", path.display());
            print!("{changes}");
        }
    }
    if broken {
        eprintln!(
            "catalog: a breaking change: keep old codes answering with `deprecated = \"NEW\"`, \
             or accept it with `catalog --lock <product>` and commit the lock's diff"
        );
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes every product's pages into `dir/<product>/errors/` (the paths of its Problem
/// `type` URIs under `https://docs.example.com`), and `dir/index.html` linking them.
fn write_site(dir: &Path) -> ExitCode {
    use api_envelope_examples::server::{Backend, envelopes};
    let mut index = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Error codes</title>\n</head>\n<body>\n<h1>Error codes</h1>\n<ul>\n",
    );
    let mut total = 0;
    for backend in Backend::ALL {
        let product = backend.product();
        let envelopes = envelopes(backend);
        let site = api_envelope::reference::site::Site::new(&product, envelopes.format());
        let path = dir
            .join(backend.prefix().trim_start_matches('/'))
            .join("errors");
        match site.write(&path) {
            Ok(files) => {
                println!("{}: {files} pages", path.display());
                total += files - 1;
            }
            Err(e) => {
                eprintln!("catalog: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        index.push_str(&format!(
            "<li><a href=\"{}/errors/index.html\">{}</a> ({} codes)</li>\n",
            backend.prefix().trim_start_matches('/'),
            product.name,
            product.rows().count()
        ));
    }
    index.push_str("</ul>\n</body>\n</html>\n");
    if let Err(e) = std::fs::write(dir.join("index.html"), index) {
        eprintln!(
            "catalog: cannot write {}: {e}",
            dir.join("index.html").display()
        );
        return ExitCode::FAILURE;
    }
    println!("{total} code pages");
    ExitCode::SUCCESS
}

/// Checks the translations in `dir/<product>/` (`<locale>.ftl` files or `<locale>/`
/// directories) of each product that has a directory there against its catalogue.
fn check_locales(dir: &Path) -> ExitCode {
    use api_envelope::localize::fluent::{FluentLocalizer, coverage};
    let mut checked = 0;
    let mut complete = true;
    for (name, product) in api_envelope_examples::PRODUCTS {
        let path = dir.join(name);
        if !path.is_dir() {
            continue;
        }
        checked += 1;
        let localizer = match FluentLocalizer::from_dir(&path) {
            Ok(localizer) => localizer,
            Err(e) => {
                eprintln!("catalog: {e}");
                complete = false;
                continue;
            }
        };
        let report = coverage(&localizer, product.catalogs);
        let locales = localizer.locale_names().join(", ");
        if report.is_complete() {
            println!("{name}: {locales}: every code, every field");
        } else {
            complete = false;
            println!("{name}: {locales}: gaps");
            print!("{report}");
        }
    }
    if checked == 0 {
        eprintln!("catalog: no product directory in {}", dir.display());
        return ExitCode::FAILURE;
    }
    if complete {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not worth a panic.
        Err(_) => ExitCode::FAILURE,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if matches!(args.as_slice(), [flag] if flag == "-h" || flag == "--help") {
        println!(
            "{}\n\nPrints a product's error reference page (--retry: with each code's retry \
             class) or its catalogue as JSON; writes or checks the catalogue locks \
             (default directory {LOCK_DIR}).",
            usage()
        );
        return ExitCode::SUCCESS;
    }
    let (command, dir) = match parse(args) {
        Ok(parsed) => parsed,
        Err(msg) => {
            if let Some(msg) = msg {
                eprintln!("{msg}");
            }
            eprintln!("{}", usage());
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Page { product, retry } => {
            let page = product.reference_page();
            let page = if retry { page.with_retry() } else { page };
            print(&page.to_string())
        }
        Command::Json(product) => {
            let json = api_envelope::catalog::export::product_json(&product);
            print(&format!("{json:#}\n"))
        }
        Command::Lock(names) => write_locks(&names, &dir),
        Command::Check(names) => check_locks(&names, &dir),
        Command::Site(dir) => write_site(&dir),
        Command::CheckLocales(dir) => check_locales(&dir),
        Command::Sdk { lang, product } => {
            let module = match lang {
                "python" => api_envelope::sdk::python(product.name, product.catalogs),
                "typescript" => api_envelope::sdk::typescript(product.name, product.catalogs),
                _ => api_envelope::sdk::javascript(product.name, product.catalogs),
            };
            print(&module)
        }
    }
}

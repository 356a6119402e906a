//! What thiserror users write, accepted by `#[derive(ApiError)]`: `Option` sources,
//! `#[source]` with `#[from]`, arguments after the format string (`.field` shorthand,
//! `name = expr`), `Debug` / width / precision specs, `#[message(fmt = path)]`, and the
//! doc comment's first paragraph as the message and the meaning.

use std::error::Error as _;
use std::fmt;
use std::io;

use api_envelope::{ApiError, Catalogued};

#[derive(Debug, ApiError)]
enum Parity {
    /// An optional cause.
    #[code("OPTIONAL_CAUSE", status = 502)]
    #[message("upstream failed")]
    Optional {
        #[source]
        cause: Option<io::Error>,
    },
    /// A field named `source`, optional.
    #[code("NAMED_SOURCE", status = 502)]
    #[message("named")]
    Named { source: Option<io::Error> },
    /// Both attributes on one field.
    #[code("BOTH", status = 500)]
    #[message("io: {0}")]
    Both(
        #[source]
        #[from]
        io::Error,
    ),
    /// Positional arguments after the string, reading fields with `.`.
    #[code("TOO_MANY", status = 400)]
    #[message("{} items, at most {}", .0.len(), .1)]
    TooMany(Vec<u8>, usize),
    /// Named arguments, and a field in the same message.
    #[code("QUOTA", status = 429)]
    #[message("{used}/{limit} used ({pct:.1}%)", pct = *.used as f64 * 100.0 / *.limit as f64)]
    Quota { used: u32, limit: u32 },
    /// Specs.
    #[code("SPECS", status = 400)]
    #[message("{0:?} [{1:>6}] [{2:.3}] [{1:<3$}]")]
    Specs(String, u32, f64, usize),
    /// A function writes it.
    #[code("FUNCTION", status = 404)]
    #[message(fmt = not_found)]
    Function { kind: &'static str, id: u64 },
    /// Nothing found.
    ///
    /// The second paragraph is documentation only: not the message, not the meaning.
    #[code("DOC_PARAGRAPHS", status = 404)]
    DocParagraphs,
}

fn not_found(kind: &&'static str, id: &u64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "{kind} #{id} not found")
}

#[test]
fn option_sources() {
    let none = Parity::Optional { cause: None };
    assert!(none.source().is_none());
    let some = Parity::Optional {
        cause: Some(io::Error::other("reset")),
    };
    assert_eq!(some.source().unwrap().to_string(), "reset");
    let named = Parity::Named {
        source: Some(io::Error::other("named cause")),
    };
    assert_eq!(named.source().unwrap().to_string(), "named cause");
    let both = Parity::from(io::Error::other("disk"));
    assert_eq!(both.source().unwrap().to_string(), "disk");
    assert_eq!(both.to_string(), "io: disk");
}

#[test]
fn arguments_after_the_format_string() {
    assert_eq!(
        Parity::TooMany(vec![1, 2, 3], 2).to_string(),
        "3 items, at most 2"
    );
    assert_eq!(
        Parity::Quota { used: 3, limit: 8 }.to_string(),
        "3/8 used (37.5%)"
    );
}

#[test]
fn specs() {
    let e = Parity::Specs("a\"b".into(), 42, 1.23456, 4);
    assert_eq!(e.to_string(), r#""a\"b" [    42] [1.235] [42  ]"#);
}

#[test]
fn function_message() {
    let e = Parity::Function {
        kind: "file",
        id: 7,
    };
    assert_eq!(e.to_string(), "file #7 not found");
}

#[test]
fn first_doc_paragraph() {
    assert_eq!(Parity::DocParagraphs.to_string(), "Nothing found.");
    assert_eq!(Parity::DocParagraphs.meaning(), "Nothing found.");
    let entry = Parity::CATALOG.get("DOC_PARAGRAPHS").unwrap();
    assert_eq!(entry.meaning, "Nothing found.");
}

//! The derive's fast message and detail paths (`write_wire_text`, scalar details) write
//! exactly what the `fmt` / `serde` paths write: for every example error, for every kind
//! of placeholder, at the cut, and for arbitrary text.

use std::borrow::Cow;
use std::fmt;

use api_envelope::format::limits::{MAX_MESSAGE_BYTES, TRUNCATION_MARKER};
use api_envelope::format::{JsonWriter, Message, ScaiWave};
use api_envelope::{ApiError, Context};
use proptest::prelude::*;

/// The message through the built-in writer (the fast path where the derive took it).
fn fast(err: &dyn ApiError, ctx: &Context<'_>) -> String {
    let mut out = Vec::new();
    JsonWriter::new(&mut out).message(err, ctx).unwrap();
    String::from_utf8(out).unwrap()
}

/// The message through `fmt` and `serde_json` (`Message`, what any other format uses).
fn slow(err: &dyn ApiError, ctx: &Context<'_>) -> String {
    serde_json::to_string(&Message::new(err, ctx)).unwrap()
}

#[test]
fn every_example_error_writes_the_same_message_both_ways() {
    let ctx = Context::new().request_id("req_1");
    let mut count = 0;
    for product in ["scaiwave", "scaigrid", "scaidrive", "scaikey", "sonny"] {
        for err in api_envelope_examples::samples(product).unwrap() {
            assert_eq!(
                fast(&*err, &ctx),
                slow(&*err, &ctx),
                "{product} {}",
                err.code()
            );
            if !err.status().is_server_error() {
                let mut wire = String::new();
                fmt::write(&mut wire, format_args!("{}", Wire(&*err))).unwrap();
                assert_eq!(fast(&*err, &ctx), serde_json::to_string(&wire).unwrap());
            }
            count += 1;
        }
    }
    assert!(count >= 30, "only {count} samples");
}

struct Wire<'a>(&'a dyn ApiError);

impl fmt::Display for Wire<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_wire(f)
    }
}

/// Not `std::string::String`, though its name says so: the derive's guess by name must
/// not change what it shows.
mod odd {
    /// A value displayed in brackets.
    #[derive(Debug)]
    pub struct String(pub u8);

    impl std::fmt::Display for String {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "<{}>", self.0)
        }
    }

    impl serde::Serialize for String {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&format!("odd {}", self.0))
        }
    }
}

#[derive(Debug)]
struct Disk;

impl fmt::Display for Disk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("disk \"full\"")
    }
}

impl std::error::Error for Disk {}

type K = Kinds<'static, f64>;

#[derive(Debug, ApiError)]
enum Kinds<'a, T: fmt::Display + fmt::Debug + serde::Serialize> {
    /// Every scalar placeholder.
    #[code("K_SCALARS", status = 400)]
    #[message("s={s} r={r} n={n} i={i} b={b} x={x} c={c} a={a} u={u}")]
    Scalars {
        #[detail]
        s: String,
        #[detail]
        r: &'a str,
        #[detail]
        n: u32,
        #[detail]
        i: i64,
        #[detail]
        b: bool,
        #[detail]
        x: Box<str>,
        #[detail]
        c: Cow<'a, str>,
        #[detail]
        a: std::sync::Arc<str>,
        #[detail]
        u: usize,
    },
    /// Text needing escapes around placeholders.
    #[code("K_ESCAPED", status = 400)]
    #[message("\"{s}\"\t\\ {{braces}} \u{1}é")]
    Escaped { s: String },
    /// Specs and other traits take `fmt`.
    #[code("K_SPECS", status = 400)]
    #[message("[{n:>5}] {s:?} {n:#x}")]
    Specs { n: u32, s: String },
    /// A generic field.
    #[code("K_GENERIC", status = 400)]
    #[message("generic {t}")]
    Generic {
        #[detail]
        t: T,
    },
    /// A field named like a string that is not one.
    #[code("K_ODD", status = 400)]
    #[message("odd {o}")]
    Odd {
        #[detail]
        o: odd::String,
    },
    /// An argument expression.
    #[code("K_ARGS", status = 400)]
    #[message("{} items", .items.len())]
    Args { items: Vec<u8> },
    /// A source.
    #[code("K_SOURCE", status = 409)]
    #[message("could not save: {source}")]
    Source { source: Disk },
    /// Doc text only: "quoted".
    #[code("K_DOC", status = 400)]
    Doc,
    /// Plain text.
    #[code("K_PLAIN", status = 400)]
    #[message("line one\nline two")]
    Plain,
    /// An internal failure.
    #[code("K_INTERNAL", status = 500)]
    #[message("secret {s}")]
    Internal { s: String },
}

fn kinds() -> Vec<Kinds<'static, f64>> {
    vec![
        Kinds::Scalars {
            s: "a\"b".into(),
            r: "r\\",
            n: u32::MAX,
            i: i64::MIN,
            b: true,
            x: "box\n".into(),
            c: Cow::Borrowed("cow\u{7f}"),
            a: "arc€".into(),
            u: 7,
        },
        Kinds::Escaped { s: "\u{0}".into() },
        Kinds::Specs {
            n: 42,
            s: "q\"".into(),
        },
        Kinds::Generic { t: 1.5 },
        Kinds::Odd { o: odd::String(9) },
        Kinds::Args {
            items: vec![1, 2, 3],
        },
        Kinds::Source { source: Disk },
        Kinds::Doc,
        Kinds::Plain,
        Kinds::Internal {
            s: "hunter2".into(),
        },
    ]
}

#[test]
fn every_placeholder_kind_writes_its_display() {
    let ctx = Context::new();
    for err in kinds() {
        let expected = if err.status().is_server_error() {
            serde_json::to_string("An internal failure.").unwrap()
        } else {
            serde_json::to_string(&err.to_string()).unwrap()
        };
        assert_eq!(fast(&err, &ctx), expected, "{}", err.code());
        assert_eq!(slow(&err, &ctx), expected, "{}", err.code());
    }
    let odd = K::Odd { o: odd::String(9) };
    assert_eq!(fast(&odd, &ctx), r#""odd <9>""#);
}

#[test]
fn scalar_details_render_as_serde_renders_them() {
    let ctx = Context::new();
    for err in kinds() {
        let mut out = Vec::new();
        err.write_body(&ScaiWave, &ctx, &mut out).unwrap();
        let body: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let mut expected = serde_json::Map::new();
        err.visit_details(&mut |name: &'static str, d: api_envelope::Detail<'_>| {
            expected.insert(name.into(), serde_json::to_value(d).unwrap());
        });
        if err.has_details() {
            assert_eq!(
                body["error"]["details"],
                serde_json::Value::Object(expected)
            );
        }
    }
    let mut out = Vec::new();
    kinds()[0].write_body(&ScaiWave, &ctx, &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        concat!(
            r#"{"error":{"code":"K_SCALARS","#,
            r#""message":"s=a\"b r=r\\ n=4294967295 i=-9223372036854775808 b=true x=box\n c=cow"#,
            "\u{7f}",
            r#" a=arc€ u=7","details":{"s":"a\"b","r":"r\\","n":4294967295,"#,
            r#""i":-9223372036854775808,"b":true,"x":"box\n","c":"cow"#,
            "\u{7f}",
            r#"","a":"arc€","u":7}}}"#
        )
    );
    let odd = K::Odd { o: odd::String(9) };
    let mut out = Vec::new();
    odd.write_body(&ScaiWave, &ctx, &mut out).unwrap();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains(r#""details":{"o":"odd 9"}"#)
    );
}

#[test]
fn the_fast_path_cuts_where_the_fmt_path_cuts() {
    let ctx = Context::new();
    // "s=" then the field: a three-byte character straddling the limit at every offset.
    for pad in 0..4 {
        let s = format!(
            "{}{}",
            "a".repeat(MAX_MESSAGE_BYTES - 3 - pad),
            "€".repeat(4)
        );
        let err = K::Escaped { s: s.clone() };
        assert_eq!(fast(&err, &ctx), slow(&err, &ctx), "pad {pad}");
        let text: String = serde_json::from_str(&fast(&err, &ctx)).unwrap();
        assert!(text.ends_with(TRUNCATION_MARKER));
        assert!(text.len() <= MAX_MESSAGE_BYTES + TRUNCATION_MARKER.len());
    }
    // A fixed piece after the cut is not written.
    let s = "x".repeat(MAX_MESSAGE_BYTES);
    let err = K::Escaped { s };
    let text: String = serde_json::from_str(&fast(&err, &ctx)).unwrap();
    assert!(!text.contains("braces"));
    assert_eq!(fast(&err, &ctx), slow(&err, &ctx));
}

proptest! {
    #[test]
    fn any_text_writes_the_same_both_ways(s in any::<String>(), n in any::<u32>(), b in any::<bool>()) {
        let ctx = Context::new();
        let err = K::Escaped { s: s.clone() };
        prop_assert_eq!(fast(&err, &ctx), slow(&err, &ctx));
        let err = K::Scalars {
            s: s.clone(), r: "", n, i: -i64::from(n), b, x: s.clone().into(),
            c: Cow::Owned(s.clone()), a: s.as_str().into(), u: n as usize,
        };
        prop_assert_eq!(fast(&err, &ctx), slow(&err, &ctx));
    }
}

/// A hand-written error over one entry, to render entries built in unusual ways.
#[derive(Debug)]
struct Hand(&'static api_envelope::CatalogEntry, Option<&'static str>);

impl fmt::Display for Hand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("hand")
    }
}

impl std::error::Error for Hand {}

static HAND_CATALOG: api_envelope::Catalog =
    api_envelope::Catalog::new("Hand", api_envelope::catalog::Convention::Any, "", &[]);

impl ApiError for Hand {
    fn code(&self) -> &'static str {
        self.0.code
    }
    fn status(&self) -> api_envelope::http::StatusCode {
        self.0.status()
    }
    fn entry(&self) -> &'static api_envelope::CatalogEntry {
        self.0
    }
    fn has_details(&self) -> bool {
        self.1.is_some()
    }
    fn visit_details(&self, visitor: &mut dyn api_envelope::DetailVisitor) {
        if let Some(name) = self.1 {
            // Not plain: must go through `detail`, which escapes it.
            visitor.detail(name, api_envelope::Detail::u64(1));
        }
    }
    fn catalog() -> &'static api_envelope::Catalog {
        &HAND_CATALOG
    }
}

const CONFLICT: &[api_envelope::http::StatusCode] = &[api_envelope::http::StatusCode::CONFLICT];

/// Built plain, then given other texts: the formats must look at them again.
static CHANGED: api_envelope::CatalogEntry = {
    let mut e = api_envelope::CatalogEntry::new("X_PLAIN", CONFLICT, None, "Plain.", "Changed");
    e.meaning = "Now \"quoted\"\n.";
    e.code = "a/b c";
    e
};
static QUOTED: api_envelope::CatalogEntry =
    api_envelope::CatalogEntry::new("X_Q", CONFLICT, None, "Says \"no\".", "Quoted");
static EMPTY: api_envelope::CatalogEntry =
    api_envelope::CatalogEntry::new("X_E", CONFLICT, None, "", "Empty");

#[test]
fn titles_and_type_segments_are_escaped_unless_found_plain_when_built() {
    let problem = api_envelope::format::Problem::new("/e/");
    let render = |e: &'static api_envelope::CatalogEntry, name: Option<&'static str>| {
        let res = Hand(e, name).to_response(&problem, &Context::new());
        serde_json::from_slice::<serde_json::Value>(res.body()).expect("valid JSON")
    };
    let changed = render(&CHANGED, None);
    assert_eq!(changed["title"], "Now \"quoted\"\n.");
    assert_eq!(changed["type"], "/e/a%2Fb%20c");
    assert_eq!(changed["code"], "a/b c");
    assert_eq!(render(&QUOTED, None)["title"], "Says \"no\".");
    assert_eq!(render(&EMPTY, None)["title"], "Conflict");
    let odd = render(&EMPTY, Some("a\"b\\c"));
    assert_eq!(odd["a\"b\\c"], 1);
}

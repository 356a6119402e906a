//! Per-code documentation pages: one HTML page per code of a product, and an index, so
//! the RFC 9457 `type` URI of each code resolves to a real page (RFC 9457 §3.1.1: a type
//! URI, when dereferenced, should give human-readable documentation).
//!
//! Each page gives the code, its meaning, its statuses, its section and family, its retry
//! class and gRPC code, a deprecation notice when it has one, and the envelope the
//! product sends for it (the catalogue sample: its meaning as message, no details), with
//! the response's status and content type. The pages are self-contained (inline CSS, no
//! script), every text HTML-escaped.
//!
//! File names: a page is `<code>.html`, the code percent-encoded where it is not a URI
//! path segment as it is (a static host serving the directory at the Problem type base
//! then answers `<base><code>`, most hosts mapping `/x` to `x.html`; the example server
//! serves the same pages itself).
//!
//! ```
//! use api_envelope::{ApiError, Catalogued, Product, Section};
//! use api_envelope::format::ScaiWave;
//! use api_envelope::reference::site::Site;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(family = "rooms")]
//! enum RoomError {
//!     /// Room is closed or archived.
//!     #[code("SW_ROOM_FROZEN", status = 409)]
//!     Frozen,
//! }
//! const PRODUCT: Product = Product::new("ScaiWave", &[Section::new("Rooms", &["rooms"])], &[RoomError::CATALOG]);
//!
//! let site = Site::new(&PRODUCT, &ScaiWave);
//! let page = site.page("SW_ROOM_FROZEN").unwrap();
//! assert!(page.contains("<h1><code>SW_ROOM_FROZEN</code></h1>"));
//! assert!(page.contains("<p class=\"meaning\">Room is closed or archived.</p>"));
//! assert!(page.contains(r#""code": "SW_ROOM_FROZEN""#));
//! assert!(site.index().contains("<a href=\"SW_ROOM_FROZEN.html\"><code>SW_ROOM_FROZEN</code></a>"));
//! assert_eq!(site.file_name("SW_ROOM_FROZEN"), "SW_ROOM_FROZEN.html");
//! ```

use std::fmt::Write as _;
use std::path::Path;

use crate::catalog::CatalogEntry;
use crate::format::Format;
use crate::integrations::CatalogSample;
use crate::product::{Product, Row};
use crate::{ApiError as _, Context};

/// The pages of one product in one format (see the [module docs](self)).
#[derive(Clone, Copy)]
pub struct Site<'a> {
    product: &'a Product,
    format: &'a dyn Format,
}

impl std::fmt::Debug for Site<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("product", &self.product.name)
            .finish_non_exhaustive()
    }
}

/// The request id the example envelopes show.
const EXAMPLE_REQUEST_ID: &str = "req_0123456789abcdef";

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;\
padding:0 1rem;line-height:1.5;color:#1b1b1b}code,pre{font-family:ui-monospace,monospace}\
pre{background:#f4f4f4;padding:1rem;overflow-x:auto}table{border-collapse:collapse}\
td,th{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left;vertical-align:top}\
.deprecated{background:#fff4d6;padding:.5rem 1rem}.meaning{font-size:1.15rem}";

impl<'a> Site<'a> {
    /// The pages of `product`, its envelopes shown in `format`.
    #[must_use]
    pub fn new(product: &'a Product, format: &'a dyn Format) -> Self {
        Self { product, format }
    }

    /// The file name of `code`'s page: the code, percent-encoded where it is not a URI
    /// path segment as it is, and `.html`.
    #[must_use]
    pub fn file_name(&self, code: &str) -> String {
        let mut out = String::with_capacity(code.len() + 5);
        for b in code.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
        out.push_str(".html");
        out
    }

    fn row(&self, code: &str) -> Option<Row> {
        self.product.rows().find(|row| row.entry.code == code)
    }

    /// The page of `code`, or `None` when the product has no such code.
    #[must_use]
    pub fn page(&self, code: &str) -> Option<String> {
        let row = self.row(code)?;
        Some(self.render(&row))
    }

    fn render(&self, row: &Row) -> String {
        let entry: &CatalogEntry = row.entry;
        let mut html = String::new();
        head(
            &mut html,
            &format!("{} — {} errors", entry.code, self.product.name),
        );
        let _ = write!(
            html,
            "<p><a href=\"index.html\">{} error codes</a> › {}</p>\n<h1><code>{}</code></h1>\n",
            esc(self.product.name),
            esc(row.section.heading),
            esc(entry.code)
        );
        if let Some(replacement) = entry.deprecated {
            let _ = writeln!(
                html,
                "<p class=\"deprecated\"><strong>Deprecated:</strong> still answered, but use \
                 <a href=\"{}\"><code>{}</code></a>.</p>",
                esc(&self.file_name(replacement)),
                esc(replacement)
            );
        }
        if !entry.meaning.is_empty() {
            let _ = writeln!(html, "<p class=\"meaning\">{}</p>", esc(entry.meaning));
        }
        let statuses: Vec<String> = entry
            .statuses
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    s.as_u16(),
                    esc(s.canonical_reason().unwrap_or_default())
                )
            })
            .collect();
        html.push_str("<table>\n");
        let mut fact = |name: &str, value: &str| {
            let _ = writeln!(html, "<tr><th>{name}</th><td>{value}</td></tr>");
        };
        fact("HTTP status", &statuses.join(", "));
        fact("Section", &esc(row.section.heading));
        if let Some(family) = entry.family {
            fact("Family", &format!("<code>{}</code>", esc(family)));
        }
        fact(
            "Retry",
            &format!(
                "<code>{}</code>: {}",
                entry.retry,
                match entry.retry {
                    crate::catalog::Retry::Never =>
                        "the same request cannot succeed; change it first",
                    crate::catalog::Retry::After =>
                        "may succeed after a wait (the Retry-After hint), for a request safe to repeat",
                    crate::catalog::Retry::Safe =>
                        "may succeed when sent again, whatever the request",
                }
            ),
        );
        fact("gRPC", &format!("<code>{}</code>", entry.grpc().as_str()));
        fact(
            "Declared by",
            &format!(
                "<code>{}::{}</code>",
                esc(row.catalog.name),
                esc(entry.variant)
            ),
        );
        html.push_str("</table>\n");
        for status in entry.statuses {
            let Some(sample) = CatalogSample::new(entry).with_status(status.as_u16()) else {
                continue;
            };
            let ctx = Context::new().request_id(EXAMPLE_REQUEST_ID);
            let res = sample.to_response(self.format, &ctx);
            let body = serde_json::from_slice::<serde_json::Value>(res.body())
                .ok()
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or_else(|| String::from_utf8_lossy(res.body()).into_owned());
            let content_type = res
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let _ = write!(
                html,
                "<h2>Example response</h2>\n<pre><code>HTTP/1.1 {} {}\nContent-Type: {}\n\n{}</code></pre>\n",
                status.as_u16(),
                esc(status.canonical_reason().unwrap_or_default()),
                esc(content_type),
                esc_text(&body)
            );
        }
        html.push_str(
            "<p>Branch on <code>code</code>, not on the message: the code is stable.</p>\n",
        );
        html.push_str("</body>\n</html>\n");
        html
    }

    /// The index: every code, by section, linking its page.
    #[must_use]
    pub fn index(&self) -> String {
        let mut html = String::new();
        head(&mut html, &format!("{} error codes", self.product.name));
        let _ = writeln!(html, "<h1>{} error codes</h1>", esc(self.product.name));
        for section in self.product.sections {
            let rows: Vec<Row> = self.product.section_rows(section).collect();
            if rows.is_empty() {
                continue;
            }
            let _ = write!(
                html,
                "<h2>{}</h2>\n<table>\n<tr><th>Code</th><th>HTTP</th><th>Meaning</th></tr>\n",
                esc(section.heading)
            );
            for row in rows {
                let entry = row.entry;
                let statuses: Vec<String> = entry
                    .statuses
                    .iter()
                    .map(|s| s.as_u16().to_string())
                    .collect();
                let deprecated = entry
                    .deprecated
                    .map(|r| format!(" <em>Deprecated: use <code>{}</code>.</em>", esc(r)))
                    .unwrap_or_default();
                let _ = writeln!(
                    html,
                    "<tr><td><a href=\"{}\"><code>{}</code></a></td><td>{}</td><td>{}{}</td></tr>",
                    esc(&self.file_name(entry.code)),
                    esc(entry.code),
                    statuses.join(", "),
                    esc(entry.meaning),
                    deprecated
                );
            }
            html.push_str("</table>\n");
        }
        html.push_str("</body>\n</html>\n");
        html
    }

    /// Every page: `(file name, HTML)`, the index (`index.html`) first, then the codes in
    /// page order.
    pub fn pages(&self) -> impl Iterator<Item = (String, String)> + '_ {
        std::iter::once(("index.html".to_owned(), self.index())).chain(
            self.product
                .rows()
                .map(|row| (self.file_name(row.entry.code), self.render(&row))),
        )
    }

    /// Writes [`pages`](Self::pages) into `dir` (created if needed); the number of files.
    ///
    /// # Errors
    /// When the directory or a file cannot be written.
    pub fn write(&self, dir: &Path) -> std::io::Result<usize> {
        std::fs::create_dir_all(dir)?;
        let mut count = 0;
        for (name, html) in self.pages() {
            std::fs::write(dir.join(name), html)?;
            count += 1;
        }
        Ok(count)
    }
}

/// The document's start, up to `<body>`.
fn head(html: &mut String, title: &str) {
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(title)
    );
}

/// `text` escaped for element content (quotes kept as they are: JSON stays readable).
fn esc_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text` HTML-escaped (for text and for double-quoted attribute values).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

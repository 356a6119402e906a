//! Markdown reference pages: a catalogue or a whole product rendered in the shape of the
//! products' published error-code pages.
//!
//! A page has a title, then one section per family (or per [`Section`](crate::Section) of a
//! [`Product`]) with a `Code | HTTP | Meaning` table; a product whose envelope carries no
//! code ([`Style::Conditions`], ScaiDrive) gets `Status | Condition` tables instead.
//! Table cells are escaped: a `|` becomes `\|`, a line break `<br>`.
//!
//! ```
//! use api_envelope::{Catalog, CatalogEntry, Product, Section, Style};
//! use api_envelope::catalog::Convention;
//! use api_envelope::http::StatusCode;
//!
//! const ROOMS: Catalog = Catalog::new("RoomError", Convention::ScreamingSnake, "SW_ROOM_", &[
//!     CatalogEntry::new("SW_ROOM_NOT_FOUND", &[StatusCode::NOT_FOUND], Some("rooms"), "", "NotFound"),
//!     CatalogEntry::new("SW_ROOM_FROZEN", &[StatusCode::CONFLICT], Some("rooms"), "Closed or archived.", "Frozen"),
//! ]);
//! const SCAIWAVE: Product = Product::new("ScaiWave", &[Section::new("Rooms", &["rooms"])], &[ROOMS]);
//!
//! assert_eq!(SCAIWAVE.reference_page().to_string(), concat!(
//!     "# ScaiWave error codes\n",
//!     "\n",
//!     "## Rooms\n",
//!     "\n",
//!     "| Code | HTTP | Meaning |\n",
//!     "|---|---|---|\n",
//!     "| `SW_ROOM_NOT_FOUND` | 404 | |\n",
//!     "| `SW_ROOM_FROZEN` | 409 | Closed or archived. |\n",
//! ));
//!
//! // The same rows as a ScaiDrive-style page: no codes.
//! let page = SCAIWAVE.reference_page().style(Style::Conditions).title("Status codes");
//! assert!(page.to_string().contains("| Status | Condition |\n|---|---|\n| 404 | |\n"));
//!
//! // One catalogue alone: a section per family, headed by the family id.
//! assert!(ROOMS.reference_page().to_string().starts_with("# RoomError\n\n## rooms\n"));
//! ```

use std::fmt::{self, Display, Write as _};

pub mod site;

use crate::catalog::{Catalog, CatalogEntry};
use crate::product::{Product, Style};

/// A Markdown reference page; `Display` renders it.
///
/// Made by [`Product::reference_page`] or [`Catalog::reference_page`].
#[derive(Debug, Clone, Copy)]
#[must_use = "a reference page does nothing until displayed"]
pub struct ReferencePage<'a> {
    source: Source<'a>,
    style: Style,
    title: Option<&'a str>,
    retry: bool,
}

#[derive(Debug, Clone, Copy)]
enum Source<'a> {
    Product(&'a Product),
    Catalog(&'a Catalog),
}

impl<'a> ReferencePage<'a> {
    /// Draws the tables in `style` instead of the source's own.
    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Replaces the page title (by default `"<product> error codes"`, or the catalogue's
    /// type name).
    pub fn title(mut self, title: &'a str) -> Self {
        self.title = Some(title);
        self
    }

    /// Adds a `Retry` column: each code's retry class
    /// ([`Retry`](crate::catalog::Retry): `never`, `after` or `safe`). Off by default,
    /// so that a page reproduces the product's own tables.
    ///
    /// ```
    /// use api_envelope::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(family = "upstream")]
    /// enum Upstream {
    ///     /// Unreachable.
    ///     #[code("upstream.unavailable", status = 503, retry = "safe")]
    ///     Unavailable,
    /// }
    ///
    /// let page = Upstream::catalog().reference_page().with_retry().to_string();
    /// assert!(page.contains("| Code | HTTP | Meaning | Retry |\n|---|---|---|---|\n"));
    /// assert!(page.contains("| `upstream.unavailable` | 503 | Unreachable. | safe |\n"));
    /// ```
    pub fn with_retry(mut self) -> Self {
        self.retry = true;
        self
    }
}

impl Product {
    /// The product's Markdown reference page, one section per [`Section`](crate::Section), in the
    /// product's [`Style`].
    pub fn reference_page(&self) -> ReferencePage<'_> {
        ReferencePage {
            source: Source::Product(self),
            style: self.style,
            title: None,
            retry: false,
        }
    }
}

impl Catalog {
    /// The catalogue's Markdown reference page: one section per family, in order of first
    /// appearance, headed by the family id (`Other` for codes without one). The codes of
    /// the wrapped types (the nested catalogues) are on it, as [`Catalog::iter`] reads them.
    pub fn reference_page(&self) -> ReferencePage<'_> {
        ReferencePage {
            source: Source::Catalog(self),
            style: Style::Codes,
            title: None,
            retry: false,
        }
    }
}

impl Display for ReferencePage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            Source::Product(product) => {
                match self.title {
                    Some(title) => writeln!(f, "# {title}")?,
                    None => writeln!(f, "# {} error codes", product.name)?,
                }
                for section in product.sections {
                    section_header(f, section.heading, self.style, self.retry)?;
                    for row in product.section_rows(section) {
                        table_row(f, row.entry, self.style, self.retry)?;
                    }
                }
            }
            Source::Catalog(catalog) => {
                writeln!(f, "# {}", self.title.unwrap_or(catalog.name))?;
                // The union: own entries, then the wrapped types' (`Catalog::iter`).
                let entries: Vec<&CatalogEntry> = catalog.iter().collect();
                for (i, first) in entries.iter().enumerate() {
                    if entries[..i].iter().any(|e| e.family == first.family) {
                        continue;
                    }
                    section_header(f, first.family.unwrap_or("Other"), self.style, self.retry)?;
                    for entry in entries[i..].iter().filter(|e| e.family == first.family) {
                        table_row(f, entry, self.style, self.retry)?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn section_header(
    f: &mut fmt::Formatter<'_>,
    heading: &str,
    style: Style,
    retry: bool,
) -> fmt::Result {
    writeln!(f, "\n## {heading}\n")?;
    let (columns, rule) = match style {
        Style::Codes => ("| Code | HTTP | Meaning |", "|---|---|---|"),
        Style::Conditions => ("| Status | Condition |", "|---|---|"),
    };
    if retry {
        writeln!(f, "{columns} Retry |\n{rule}---|")
    } else {
        writeln!(f, "{columns}\n{rule}")
    }
}

fn table_row(
    f: &mut fmt::Formatter<'_>,
    entry: &CatalogEntry,
    style: Style,
    retry: bool,
) -> fmt::Result {
    if let Style::Codes = style {
        write!(f, "| `{}` ", entry.code)?;
    }
    f.write_str("| ")?;
    for (i, status) in entry.statuses.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{}", status.as_u16())?;
    }
    f.write_str(" |")?;
    if !entry.meaning.is_empty() {
        f.write_char(' ')?;
        write_cell(f, entry.meaning)?;
    }
    if let Some(replacement) = entry.deprecated {
        // Still answered; clients should move to the replacement.
        f.write_str(" **Deprecated:** use `")?;
        write_cell(f, replacement)?;
        f.write_str("`.")?;
    }
    if retry {
        write!(f, " | {}", entry.retry)?;
    }
    f.write_str(" |\n")
}

/// Writes `text` as one table cell: `|` escaped, line breaks as `<br>`.
fn write_cell(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let mut rest = line;
        while let Some(at) = rest.find('|') {
            f.write_str(&rest[..at])?;
            f.write_str("\\|")?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)?;
        if lines.peek().is_some() {
            f.write_str("<br>")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::catalog::{Catalog, CatalogEntry, Convention};
    use crate::product::{Product, Section, Style};
    use http::StatusCode;

    const C: Catalog = Catalog::new(
        "E",
        Convention::Dotted,
        "",
        &[
            CatalogEntry::new(
                "upstream.unavailable",
                &[StatusCode::BAD_GATEWAY, StatusCode::SERVICE_UNAVAILABLE],
                Some("upstream"),
                "A | B\nsecond line",
                "Unavailable",
            ),
            CatalogEntry::new("plain", &[StatusCode::BAD_REQUEST], None, "x", "Plain"),
        ],
    );

    #[test]
    fn cells_are_escaped_and_statuses_joined() {
        let page = C.reference_page().to_string();
        assert!(
            page.contains("| `upstream.unavailable` | 502, 503 | A \\| B<br>second line |\n"),
            "{page}"
        );
        assert!(page.contains("\n## Other\n"), "{page}");
    }

    #[test]
    fn conditions_style_has_no_codes() {
        const P: Product = Product::new(
            "P",
            &[Section::new("Up", &["upstream"])],
            &[Catalog::new(
                "E",
                Convention::Dotted,
                "",
                C.entries.split_at(1).0,
            )],
        )
        .with_style(Style::Conditions);
        assert_eq!(
            P.reference_page().to_string(),
            "# P error codes\n\n## Up\n\n| Status | Condition |\n|---|---|\n\
             | 502, 503 | A \\| B<br>second line |\n"
        );
    }
}

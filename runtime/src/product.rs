//! A product's whole catalogue: several error enums joined, with the sections of its
//! reference page.
//!
//! A backend splits its errors into several enums (one per area), each with its own code
//! convention and prefix. A [`Product`] joins their catalogues and maps the short family
//! ids used in code (`"rooms"`) to the headings of the product's reference page
//! (`"Rooms"`, ``"Auth (`SW_AUTH_*`)"``), in page order.
//!
//! [`Product::new`] is a `const fn` that checks the whole product when the constant is
//! evaluated, so a mistake is a compile error naming what is wrong:
//!
//! - a code declared by two enums (or twice by one hand-written catalogue), naming both;
//!   the catalogues of wrapped types count ([`Catalog::nested`]), so listing a type and a
//!   type that wraps it is a repeated code;
//! - a code without a family, or whose family no section lists;
//! - a family listed by two sections, or listed by a section but used by no code.
//!
//! ```
//! use api_envelope::{ApiError, Catalogued, Product, Section};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_ROOM_", family = "rooms")]
//! enum RoomError {
//!     /// Closed or archived.
//!     #[code("SW_ROOM_FROZEN", status = 409)]
//!     Frozen,
//! }
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(convention = "SCREAMING_SNAKE", prefix = "SW_", family = "misc")]
//! enum MiscError {
//!     /// Generic.
//!     #[code("SW_NOT_FOUND", status = 404)]
//!     NotFound,
//! }
//!
//! const PRODUCT: Product = Product::new(
//!     "ScaiWave",
//!     &[Section::new("Rooms", &["rooms"]), Section::new("Misc", &["misc"])],
//!     &[RoomError::CATALOG, MiscError::CATALOG],
//! );
//!
//! assert_eq!(PRODUCT.len(), 2);
//! let row = PRODUCT.get("SW_NOT_FOUND").unwrap();
//! assert_eq!(row.catalog.name, "MiscError");
//! assert_eq!(row.section.heading, "Misc");
//! assert_eq!(row.entry.meaning, "Generic.");
//! let codes: Vec<_> = PRODUCT.rows().map(|row| row.entry.code).collect();
//! assert_eq!(codes, ["SW_ROOM_FROZEN", "SW_NOT_FOUND"]);
//! ```

use crate::catalog::{Catalog, CatalogEntry, Cursor, Found, same_declaration};
use crate::compile_time::{Msg, str_eq};

/// One section of a product's reference page: its heading and the families it gathers.
///
/// Most sections gather one family; a page with one flat table (Sonny Labs) has one
/// section gathering every namespace, and a section such as ScaiGrid's
/// "Module-specific errors" gathers one family per module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The heading, as the reference page spells it, e.g. ``"Auth (`SW_AUTH_*`)"``.
    pub heading: &'static str,
    /// The family ids (as declared with `family = "..."`) whose codes the section lists,
    /// in page order.
    pub families: &'static [&'static str],
}

impl Section {
    /// A section titled `heading` listing the codes of `families`, in that order.
    #[must_use]
    pub const fn new(heading: &'static str, families: &'static [&'static str]) -> Self {
        Self { heading, families }
    }

    /// Whether the section lists the codes of `family`.
    #[must_use]
    pub const fn lists(&self, family: &str) -> bool {
        let mut i = 0;
        while i < self.families.len() {
            if str_eq(self.families[i], family) {
                return true;
            }
            i += 1;
        }
        false
    }
}

/// The shape of the tables of a reference page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Style {
    /// `| Code | HTTP | Meaning |`: one row per code (ScaiWave, ScaiGrid, ScaiKey, Sonny Labs).
    #[default]
    Codes,
    /// `| Status | Condition |`: one row per condition, no codes, for a product whose
    /// envelope carries none (ScaiDrive). The codes stay internal.
    Conditions,
}

/// A product's whole catalogue: the catalogues of its error enums and the sections of its
/// reference page. Build it in a `const` with [`Product::new`], which rejects repeated
/// codes at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Product {
    /// The product's name, e.g. `ScaiWave`.
    pub name: &'static str,
    /// The sections of the reference page, in page order.
    pub sections: &'static [Section],
    /// The catalogues of the product's error types. Each counts with its nested
    /// catalogues (the types its transparent variants wrap): the product's codes are the
    /// union of all of them.
    pub catalogs: &'static [Catalog],
    /// The shape of the reference page's tables.
    pub style: Style,
}

/// One code of a product, with the catalogue that declares it and the section that lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The section of the reference page listing the code.
    pub section: &'static Section,
    /// The catalogue (error type) declaring the code: for a code of a wrapped type, the
    /// wrapped type's catalogue.
    pub catalog: &'static Catalog,
    /// The code's catalogue entry.
    pub entry: &'static CatalogEntry,
}

impl Product {
    /// Joins `catalogs` into one product whose reference page has `sections`.
    ///
    /// # Panics
    /// At compile time when used in a `const` (and at run time otherwise), with a message
    /// naming the code, family or section at fault, when:
    /// - a code is declared twice (by two error types, or twice by one hand-written
    ///   catalogue; the nested catalogues of wrapped types count, at any depth): the
    ///   message names both;
    /// - the catalogues nest deeper than [`Catalog::MAX_NESTING`] levels;
    /// - a code has no family, or a family that no section lists;
    /// - a family is listed by two sections, or is listed but used by no code.
    ///
    /// ```compile_fail
    /// use api_envelope::{catalog::Convention, Catalog, CatalogEntry, Product, Section};
    /// use api_envelope::http::StatusCode;
    ///
    /// const A: Catalog = Catalog::new("A", Convention::Any, "", &[
    ///     CatalogEntry::new("DUP", &[StatusCode::CONFLICT], Some("f"), "", "One"),
    /// ]);
    /// const B: Catalog = Catalog::new("B", Convention::Any, "", &[
    ///     CatalogEntry::new("DUP", &[StatusCode::CONFLICT], Some("f"), "", "Two"),
    /// ]);
    /// // error: code `DUP` is declared twice in product `P`: by `A::One` and by `B::Two`
    /// const P: Product = Product::new("P", &[Section::new("F", &["f"])], &[A, B]);
    /// ```
    #[must_use]
    pub const fn new(
        name: &'static str,
        sections: &'static [Section],
        catalogs: &'static [Catalog],
    ) -> Self {
        let product = Self {
            name,
            sections,
            catalogs,
            style: Style::Codes,
        };
        if let Some(msg) = product.check() {
            panic!("{}", msg.as_str());
        }
        product
    }

    /// The same product, its reference page drawn in `style`.
    #[must_use]
    pub const fn with_style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// The total number of codes, nested catalogues included.
    #[must_use]
    pub const fn len(&self) -> usize {
        let mut cursor = Cursor::new(self.catalogs);
        let mut n = 0;
        while cursor.advance().is_some() {
            n += 1;
        }
        n
    }

    /// Whether the product has no codes.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        Cursor::new(self.catalogs).advance().is_none()
    }

    /// Every code, in catalogue order (the catalogues in the order given, each as
    /// [`Catalog::iter`] reads it: its own entries, then its nested catalogues'), with
    /// the catalogue declaring it.
    pub fn entries(
        &self,
    ) -> impl Iterator<Item = (&'static Catalog, &'static CatalogEntry)> + use<> {
        let catalogs: &'static [Catalog] = self.catalogs;
        Cursor::new(catalogs).map(|found| (found.catalog, found.entry))
    }

    /// Every code in page order: section by section, within a section family by family in
    /// the order the section lists them, then in catalogue order.
    pub fn rows(&self) -> impl Iterator<Item = Row> + use<> {
        let sections: &'static [Section] = self.sections;
        let product = *self;
        sections
            .iter()
            .flat_map(move |section| product.section_rows(section))
    }

    /// The rows of one section, in page order.
    pub fn section_rows(&self, section: &'static Section) -> impl Iterator<Item = Row> + use<> {
        let product = *self;
        section.families.iter().flat_map(move |family| {
            product
                .entries()
                .filter(move |(_, e)| e.family == Some(*family))
                .map(move |(catalog, entry)| Row {
                    section,
                    catalog,
                    entry,
                })
        })
    }

    /// The row of `code`, if the product has it.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<Row> {
        let (catalog, entry) = self.entries().find(|(_, e)| e.code == code)?;
        let section = self.section_of(entry)?;
        Some(Row {
            section,
            catalog,
            entry,
        })
    }

    /// The section listing `entry` (by its family), if any.
    #[must_use]
    pub fn section_of(&self, entry: &CatalogEntry) -> Option<&'static Section> {
        let family = entry.family?;
        let sections: &'static [Section] = self.sections;
        sections.iter().find(|s| s.lists(family))
    }

    /// The section titled `heading`, if any.
    #[must_use]
    pub fn section(&self, heading: &str) -> Option<&'static Section> {
        let sections: &'static [Section] = self.sections;
        sections.iter().find(|s| s.heading == heading)
    }

    /// Every rule of [`Product::new`]: the message of the first broken one.
    const fn check(&self) -> Option<Msg> {
        let mut cursor = Cursor::new(self.catalogs);
        while let Some(found) = cursor.advance() {
            if let Some(msg) = self.check_unique(&found, cursor) {
                return Some(msg);
            }
            if let Some(msg) = self.check_family(found.catalog, found.entry) {
                return Some(msg);
            }
        }
        if cursor.truncated {
            let msg = Msg::new()
                .push("the catalogues of product `")
                .push(self.name)
                .push("` nest more than ")
                .push_usize(Catalog::MAX_NESTING)
                .push(" levels deep (or in a cycle); wrap fewer levels of error types");
            return Some(msg);
        }
        let mut s = 0;
        while s < self.sections.len() {
            let mut f = 0;
            while f < self.sections[s].families.len() {
                if let Some(msg) = self.check_listed_once(s, f) {
                    return Some(msg);
                }
                f += 1;
            }
            s += 1;
        }
        None
    }

    /// No code after `found` (the walk goes on from `rest`) repeats its code.
    const fn check_unique(&self, found: &Found<'_>, mut rest: Cursor<'_>) -> Option<Msg> {
        while let Some(other) = rest.advance() {
            if str_eq(found.entry.code, other.entry.code) {
                let msg = Msg::new()
                    .push("code `")
                    .push(found.entry.code)
                    .push("` is declared twice in product `")
                    .push(self.name)
                    .push("`: by ");
                let msg = declarer(msg, found).push(" and by ");
                let msg = declarer(msg, &other).push("; a code must name one error");
                if same_declaration(found, &other) {
                    return Some(msg.push("; `").push(found.catalog.name).push(
                        "` is listed twice (directly, or wrapped by a listed type): list it once",
                    ));
                }
                return Some(msg);
            }
        }
        None
    }

    /// The entry's family is listed by a section.
    const fn check_family(&self, catalog: &Catalog, entry: &CatalogEntry) -> Option<Msg> {
        let Some(family) = entry.family else {
            let msg = Msg::new()
                .push("code `")
                .push(entry.code)
                .push("` (`")
                .push(catalog.name)
                .push("::")
                .push(entry.variant)
                .push("`) has no family, so no section of product `")
                .push(self.name)
                .push("` lists it; declare `family = \"...\"` on the enum or the variant");
            return Some(msg);
        };
        let mut s = 0;
        while s < self.sections.len() {
            if self.sections[s].lists(family) {
                return None;
            }
            s += 1;
        }
        let msg = Msg::new()
            .push("code `")
            .push(entry.code)
            .push("` (`")
            .push(catalog.name)
            .push("::")
            .push(entry.variant)
            .push("`) has family `")
            .push(family)
            .push("`, which no section of product `")
            .push(self.name)
            .push("` lists; add it to a section's families");
        Some(msg)
    }

    /// `sections[s].families[f]` is used by a code and listed by no other section.
    const fn check_listed_once(&self, s: usize, f: usize) -> Option<Msg> {
        let family = self.sections[s].families[f];
        let mut t = s;
        while t < self.sections.len() {
            let start = if t == s { f + 1 } else { 0 };
            let mut g = start;
            while g < self.sections[t].families.len() {
                if str_eq(family, self.sections[t].families[g]) {
                    let msg = Msg::new()
                        .push("family `")
                        .push(family)
                        .push("` is listed twice in product `")
                        .push(self.name)
                        .push("`: by section `")
                        .push(self.sections[s].heading)
                        .push("` and by section `")
                        .push(self.sections[t].heading)
                        .push("`");
                    return Some(msg);
                }
                g += 1;
            }
            t += 1;
        }
        let mut cursor = Cursor::new(self.catalogs);
        while let Some(found) = cursor.advance() {
            if let Some(other) = found.entry.family
                && str_eq(family, other)
            {
                return None;
            }
        }
        let msg = Msg::new()
            .push("section `")
            .push(self.sections[s].heading)
            .push("` of product `")
            .push(self.name)
            .push("` lists family `")
            .push(family)
            .push("`, which no code has");
        Some(msg)
    }
}

/// The `Type::Variant` of a found entry, in backticks, followed by "(wrapped by
/// `Outer`)" when it belongs to a nested catalogue.
const fn declarer(msg: Msg, found: &Found<'_>) -> Msg {
    let msg = msg
        .push("`")
        .push(found.catalog.name)
        .push("::")
        .push(found.entry.variant)
        .push("`");
    if found.depth == 0 {
        msg
    } else {
        msg.push(" (wrapped by `").push(found.root.name).push("`)")
    }
}

#[cfg(test)]
mod tests {
    use super::{Product, Section};
    use crate::catalog::{Catalog, CatalogEntry, Convention};
    use http::StatusCode;

    const A: Catalog = Catalog::new(
        "A",
        Convention::Any,
        "",
        &[
            CatalogEntry::new("A1", &[StatusCode::NOT_FOUND], Some("x"), "one", "One"),
            CatalogEntry::new("A2", &[StatusCode::CONFLICT], Some("y"), "two", "Two"),
        ],
    );
    const B: Catalog = Catalog::new(
        "B",
        Convention::Any,
        "",
        &[CatalogEntry::new(
            "B1",
            &[StatusCode::BAD_REQUEST],
            Some("x"),
            "",
            "Three",
        )],
    );

    #[test]
    fn page_order_follows_sections_then_families() {
        const P: Product = Product::new(
            "P",
            &[Section::new("Y", &["y"]), Section::new("X", &["x"])],
            &[A, B],
        );
        let codes: Vec<_> = P
            .rows()
            .map(|r| (r.section.heading, r.entry.code))
            .collect();
        assert_eq!(codes, [("Y", "A2"), ("X", "A1"), ("X", "B1")]);
        assert_eq!(P.get("B1").unwrap().catalog.name, "B");
        assert!(P.get("C1").is_none());
        assert_eq!(P.len(), 3);
    }

    fn panic_text(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
        let err = std::panic::catch_unwind(f).unwrap_err();
        err.downcast_ref::<String>().cloned().unwrap_or_default()
    }

    #[test]
    fn rules_name_what_is_wrong() {
        static XY: [Section; 1] = [Section::new("X", &["x", "y"])];
        static X: [Section; 1] = [Section::new("X", &["x"])];
        static TWICE: [Section; 2] = [Section::new("X", &["x", "y"]), Section::new("Z", &["y"])];
        static XYZ: [Section; 1] = [Section::new("X", &["x", "y", "z"])];
        static ABA: [Catalog; 3] = [A, B, A];
        static JUST_A: [Catalog; 1] = [A];
        let dup = panic_text(|| {
            let _ = Product::new("P", &XY, &ABA);
        });
        assert_eq!(
            dup,
            "code `A1` is declared twice in product `P`: by `A::One` and by `A::One`; \
             a code must name one error; `A` is listed twice (directly, or wrapped by a \
             listed type): list it once"
        );
        let unlisted = panic_text(|| {
            let _ = Product::new("P", &X, &JUST_A);
        });
        assert!(
            unlisted.contains("family `y`, which no section"),
            "{unlisted}"
        );
        let twice = panic_text(|| {
            let _ = Product::new("P", &TWICE, &JUST_A);
        });
        assert!(twice.contains("family `y` is listed twice"), "{twice}");
        let unused = panic_text(|| {
            let _ = Product::new("P", &XYZ, &JUST_A);
        });
        assert!(
            unused.contains("lists family `z`, which no code has"),
            "{unused}"
        );
    }

    /// `A` wrapping `B` (own rows first, then the wrapped type's), and `C` wrapping `A`.
    const AB: Catalog = Catalog::new(
        "AB",
        Convention::Any,
        "",
        &[CatalogEntry::new(
            "AB1",
            &[StatusCode::GONE],
            Some("y"),
            "",
            "Own",
        )],
    )
    .with_nested(&[B]);
    const C: Catalog = Catalog::new(
        "C",
        Convention::Any,
        "",
        &[CatalogEntry::new(
            "C1",
            &[StatusCode::BAD_GATEWAY],
            Some("x"),
            "",
            "Up",
        )],
    )
    .with_nested(&[AB, A]);

    #[test]
    fn nested_catalogues_are_flattened() {
        const P: Product = Product::new(
            "P",
            &[Section::new("X", &["x"]), Section::new("Y", &["y"])],
            &[C],
        );
        assert_eq!(P.len(), 5);
        assert!(!P.is_empty());
        let entries: Vec<_> = P.entries().map(|(c, e)| (c.name, e.code)).collect();
        assert_eq!(
            entries,
            [
                ("C", "C1"),
                ("AB", "AB1"),
                ("B", "B1"),
                ("A", "A1"),
                ("A", "A2")
            ]
        );
        let rows: Vec<_> = P
            .rows()
            .map(|r| (r.section.heading, r.catalog.name, r.entry.code))
            .collect();
        assert_eq!(
            rows,
            [
                ("X", "C", "C1"),
                ("X", "B", "B1"),
                ("X", "A", "A1"),
                ("Y", "AB", "AB1"),
                ("Y", "A", "A2")
            ]
        );
        let row = P.get("B1").unwrap();
        assert_eq!((row.catalog.name, row.section.heading), ("B", "X"));
        assert_eq!(P.get("A2").unwrap().entry.variant, "Two");
        // A family used only by a nested catalogue's code counts as used.
        const ONLY_NESTED: Product = Product::new("Q", &[Section::new("X", &["x", "y"])], &[AB]);
        assert_eq!(ONLY_NESTED.len(), 2);
    }

    #[test]
    fn nested_repeats_name_the_wrapping_type() {
        static AB_AND_B: [Catalog; 2] = [AB, B];
        static SECTIONS: [Section; 1] = [Section::new("X", &["x", "y"])];
        let dup = panic_text(|| {
            let _ = Product::new("P", &SECTIONS, &AB_AND_B);
        });
        assert_eq!(
            dup,
            "code `B1` is declared twice in product `P`: by `B::Three` (wrapped by `AB`) \
             and by `B::Three`; a code must name one error; `B` is listed twice \
             (directly, or wrapped by a listed type): list it once"
        );
        static OTHER: [Catalog; 1] = [Catalog::new(
            "Other",
            Convention::Any,
            "",
            &[CatalogEntry::new(
                "B1",
                &[StatusCode::BAD_REQUEST],
                Some("x"),
                "",
                "Clash",
            )],
        )];
        static AB_AND_OTHER: [Catalog; 2] = [AB, OTHER[0]];
        let clash = panic_text(|| {
            let _ = Product::new("P", &SECTIONS, &AB_AND_OTHER);
        });
        assert_eq!(
            clash,
            "code `B1` is declared twice in product `P`: by `B::Three` (wrapped by `AB`) \
             and by `Other::Clash`; a code must name one error"
        );
    }
}

//! Every product's catalogue, row by row, against the fixture taken from its seed page
//! (`tests/fixtures/<product>.tsv`: section, code, statuses, meaning), and its Markdown
//! reference page against the same rows.
//!
//! A failure lists every missing, extra and different row, and an order mismatch.

use std::fmt::Write as _;

use api_envelope::{Product, Style};
use api_envelope_examples::{scaidrive, scaigrid, scaikey, scaiwave, sonny};

/// One row of a catalogue, as a seed page states it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SeedRow {
    /// Where it was read: `<fixture>.tsv:<line>`, or `Enum::Variant` for a catalogue row.
    origin: String,
    section: String,
    /// Empty for ScaiDrive, whose page shows no codes.
    code: String,
    statuses: Vec<u16>,
    meaning: String,
    /// The row comes from a list that names the code only (ScaiGrid's module codes): the
    /// status and meaning are ours, not the seed's.
    ours: bool,
}

impl SeedRow {
    /// The identity of the row: its code, or for a page without codes its section and
    /// condition.
    fn key(&self) -> String {
        if self.code.is_empty() {
            format!("{} / {}", self.section, self.meaning)
        } else {
            self.code.clone()
        }
    }

    fn statuses(&self) -> String {
        self.statuses
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn fixture(name: &str) -> Vec<SeedRow> {
    let path = format!("{}/fixtures/{name}.tsv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_fixture(name, &text)
}

fn parse_fixture(name: &str, text: &str) -> Vec<SeedRow> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let origin = format!("{name}.tsv:{}", i + 1);
        let cells: Vec<&str> = line.split('\t').collect();
        assert!(
            cells.len() == 4 || (cells.len() == 5 && cells[4] == "ours"),
            "{origin}: expected `section<TAB>code<TAB>statuses<TAB>meaning[<TAB>ours]`, got {line:?}"
        );
        let statuses = cells[2]
            .split(',')
            .map(|s| {
                s.parse()
                    .unwrap_or_else(|e| panic!("{origin}: status {s:?}: {e}"))
            })
            .collect();
        rows.push(SeedRow {
            origin,
            section: cells[0].to_owned(),
            code: cells[1].to_owned(),
            statuses,
            meaning: cells[3].to_owned(),
            ours: cells.len() == 5,
        });
    }
    rows
}

/// The product's rows in page order, shaped like the fixture's (no codes on a
/// `Status | Condition` page).
fn catalogue(product: &Product) -> Vec<SeedRow> {
    product
        .rows()
        .map(|row| SeedRow {
            origin: format!("{}::{}", row.catalog.name, row.entry.variant),
            section: row.section.heading.to_owned(),
            code: match product.style {
                Style::Conditions => String::new(),
                _ => row.entry.code.to_owned(),
            },
            statuses: row.entry.statuses.iter().map(|s| s.as_u16()).collect(),
            meaning: row.entry.meaning.to_owned(),
            ours: false,
        })
        .collect()
}

/// Every difference between the seed's rows and the catalogue's, one line each.
fn compare(seed: &[SeedRow], actual: &[SeedRow]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut matched = vec![false; actual.len()];
    for want in seed {
        let key = want.key();
        let Some(at) = actual.iter().position(|a| a.key() == key) else {
            problems.push(format!(
                "missing: `{key}` (HTTP {}, meaning {:?}) in section `{}`, from {}",
                want.statuses(),
                want.meaning,
                want.section,
                want.origin
            ));
            continue;
        };
        matched[at] = true;
        let got = &actual[at];
        let mut diffs = Vec::new();
        if got.section != want.section {
            diffs.push(format!(
                "section `{}`, seed says `{}`",
                got.section, want.section
            ));
        }
        if got.statuses != want.statuses {
            diffs.push(format!(
                "HTTP {}, seed says {}",
                got.statuses(),
                want.statuses()
            ));
        }
        if got.meaning != want.meaning {
            diffs.push(format!(
                "meaning {:?}, seed says {:?}",
                got.meaning, want.meaning
            ));
        }
        if !diffs.is_empty() {
            let ours = if want.ours {
                " (a module code: the fixture's status and meaning are our choice, not the seed's)"
            } else {
                ""
            };
            problems.push(format!(
                "different: `{key}` ({}, {}): {}{ours}",
                got.origin,
                want.origin,
                diffs.join("; ")
            ));
        }
    }
    for (got, _) in actual.iter().zip(&matched).filter(|(_, m)| !**m) {
        problems.push(format!(
            "extra: `{}` (HTTP {}, meaning {:?}) in section `{}`, declared by {}",
            got.key(),
            got.statuses(),
            got.meaning,
            got.section,
            got.origin
        ));
    }
    if problems.is_empty()
        && let Some(i) = seed
            .iter()
            .zip(actual)
            .position(|(w, g)| w.key() != g.key())
    {
        problems.push(format!(
            "order: row {} of the page is `{}` ({}), the seed has `{}` ({}) there",
            i + 1,
            actual[i].key(),
            actual[i].origin,
            seed[i].key(),
            seed[i].origin
        ));
    }
    problems
}

fn check_rows(name: &str, product: &Product, expected_rows: usize) {
    let seed = fixture(name);
    let problems = compare(&seed, &catalogue(product));
    assert!(
        problems.is_empty(),
        "{} catalogue vs {name}.tsv: {} problem(s)\n  {}",
        product.name,
        problems.len(),
        problems.join("\n  ")
    );
    assert_eq!(seed.len(), expected_rows, "{name}.tsv rows");
    assert_eq!(product.len(), expected_rows, "{} codes", product.name);
}

#[test]
fn scaiwave_matches_seed_000() {
    check_rows("scaiwave", &scaiwave::PRODUCT, 72);
}

#[test]
fn scaigrid_matches_seed_001_and_its_module_codes() {
    check_rows("scaigrid", &scaigrid::PRODUCT, 63 + 29);
    let seed = fixture("scaigrid");
    assert_eq!(seed.iter().filter(|r| !r.ours).count(), 63);
    assert!(
        seed.iter()
            .filter(|r| r.ours)
            .all(|r| r.section == "Module-specific errors")
    );
}

#[test]
fn scaidrive_matches_seed_002() {
    check_rows("scaidrive", &scaidrive::PRODUCT, 26);
}

#[test]
fn scaikey_matches_seed_003() {
    check_rows("scaikey", &scaikey::PRODUCT, 73);
}

#[test]
fn sonny_matches_seed_004() {
    check_rows("sonny", &sonny::PRODUCT, 33);
    let row = sonny::PRODUCT.get("upstream.unavailable").unwrap();
    let statuses: Vec<u16> = row.entry.statuses.iter().map(|s| s.as_u16()).collect();
    assert_eq!(statuses, [502, 503]);
}

/// The table line a page shows for a seed row.
fn page_line(row: &SeedRow) -> String {
    let meaning = row.meaning.replace('|', "\\|");
    let cell = if meaning.is_empty() {
        String::from("|")
    } else {
        format!("{meaning} |")
    };
    if row.code.is_empty() {
        format!("| {} | {cell}", row.statuses())
    } else {
        format!("| `{}` | {} | {cell}", row.code, row.statuses())
    }
}

#[test]
fn every_page_shows_every_seed_row_in_its_section() {
    for (name, product) in api_envelope_examples::PRODUCTS {
        let page = product.reference_page().to_string();
        let seed = fixture(name);
        let mut problems = Vec::new();
        // Headings in the seed's order, each once.
        let headings: Vec<&str> = page.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        let mut seed_headings: Vec<&str> = seed.iter().map(|r| r.section.as_str()).collect();
        seed_headings.dedup();
        if headings != seed_headings {
            problems.push(format!("headings {headings:?}, seed has {seed_headings:?}"));
        }
        for row in &seed {
            let section = page
                .split("\n## ")
                .find(|s| s.starts_with(&format!("{}\n", row.section)))
                .unwrap_or("");
            let line = page_line(row);
            if !section.lines().any(|l| l == line) {
                problems.push(format!(
                    "no line `{line}` under `## {}` ({})",
                    row.section, row.origin
                ));
            }
        }
        let table_rows = page
            .lines()
            .filter(|l| {
                l.starts_with("| ") && !l.starts_with("| Code |") && !l.starts_with("| Status |")
            })
            .count();
        if table_rows != seed.len() {
            problems.push(format!("{table_rows} table rows, seed has {}", seed.len()));
        }
        assert!(
            problems.is_empty(),
            "{name} page:\n  {}\n\n{page}",
            problems.join("\n  ")
        );
    }
}

#[test]
fn scaidrive_page_shows_no_codes() {
    let page = scaidrive::PRODUCT.reference_page().to_string();
    assert!(page.contains("| Status | Condition |"));
    for (_, entry) in scaidrive::PRODUCT.entries() {
        assert!(
            !page.contains(entry.code),
            "{} leaked into the page",
            entry.code
        );
    }
}

/// The comparison names each missing, extra and different row, and a wrong order.
#[test]
fn comparison_names_every_problem() {
    let seed = parse_fixture(
        "t",
        "# c\nS\tA\t404\tgone\nS\tB\t409\t\nT\tC\t502,503\tdown\tours\nT\tD\t400\tbad\n",
    );
    let mut actual = seed.clone();
    actual[1].meaning = "conflict".into(); // different meaning
    actual[2].statuses = vec![502]; // different status of a module row
    actual.remove(3); // missing D
    actual.push(SeedRow {
        code: "E".into(),
        origin: "X::E".into(),
        ..seed[0].clone()
    }); // extra
    let problems = compare(&seed, &actual);
    let mut text = String::new();
    for p in &problems {
        writeln!(text, "{p}").unwrap();
    }
    assert_eq!(problems.len(), 4, "{text}");
    assert!(
        problems[0]
            .starts_with("different: `B` (t.tsv:3, t.tsv:3): meaning \"conflict\", seed says \"\""),
        "{text}"
    );
    assert!(
        problems[1].contains("`C`")
            && problems[1].contains("HTTP 502, seed says 502, 503")
            && problems[1].contains("our choice"),
        "{text}"
    );
    assert!(
        problems[2].starts_with("missing: `D`") && problems[2].contains("t.tsv:5"),
        "{text}"
    );
    assert!(
        problems[3].starts_with("extra: `E`") && problems[3].contains("X::E"),
        "{text}"
    );

    let mut swapped = seed.clone();
    swapped.swap(0, 1);
    assert_eq!(
        compare(&seed, &swapped),
        ["order: row 1 of the page is `B` (t.tsv:3), the seed has `A` (t.tsv:2) there"]
    );
}

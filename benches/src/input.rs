//! The validated-input arms (`benches/benches/input.rs`): hostile request bodies read by
//! [`api_envelope::input`] as the extractors read them (parsed, then deserialized with
//! every failing field reported, then the declared constraints), at growing sizes, to show
//! the cost is linear in the body (BENCHMARKS.md, "Validated input").

use api_envelope::Violation;
use api_envelope::input;
use serde::Deserialize;

/// A folder, as ScaiDrive's `POST /v1/folders` takes it.
#[derive(Debug, Deserialize)]
pub struct Folder {
    /// 1 to 255 characters.
    pub name: String,
    /// 0 to 1024.
    pub quota_mb: i64,
    /// Shared or not.
    pub shared: bool,
}

impl validator::Validate for Folder {
    /// `#[validate(length(min = 1, max = 255))]` on `name`, as validator's derive writes it.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let mut errors = validator::ValidationErrors::new();
        let chars = self.name.chars().count();
        if !(1..=255).contains(&chars) {
            let mut e = validator::ValidationError::new("length");
            e.add_param("min".into(), &1);
            e.add_param("max".into(), &255);
            e.add_param("value".into(), &self.name);
            errors.add("name", e);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Many folders in one body.
#[derive(Debug, Deserialize)]
pub struct Batch {
    /// The folders.
    pub folders: Vec<Folder>,
}

/// A body of `n` folders, each failing in all three fields
/// (`{"name":1,"quota_mb":"x","shared":"maybe"}`): 3·n violations, of which
/// [`input::MAX_VIOLATIONS`] are kept.
#[must_use]
pub fn many_failing_fields(n: usize) -> Vec<u8> {
    let item = r#"{"name":1,"quota_mb":"x","shared":"maybe"}"#;
    let mut body = String::with_capacity(n * (item.len() + 1) + 16);
    body.push_str(r#"{"folders":["#);
    for i in 0..n {
        if i > 0 {
            body.push(',');
        }
        body.push_str(item);
    }
    body.push_str("]}");
    body.into_bytes()
}

/// One folder whose name is `n` characters: one `string_too_long`, its input cut at
/// [`input::MAX_INPUT_BYTES`].
#[must_use]
pub fn one_long_string(n: usize) -> Vec<u8> {
    let mut body = String::with_capacity(n + 48);
    body.push_str(r#"{"name":""#);
    body.extend(std::iter::repeat_n('x', n));
    body.push_str(r#"","quota_mb":1,"shared":true}"#);
    body.into_bytes()
}

/// The baseline: parsing the body alone (`serde_json::Value`), what every reader pays
/// before it looks at a field.
///
/// # Panics
/// When the body is not JSON (the arms' bodies all are).
#[must_use]
pub fn parse_only(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("the arms' bodies are JSON")
}

/// What an extractor does with a JSON body: parse, then read every field as `T`.
///
/// # Panics
/// When the body is not JSON (the arms' bodies all are).
#[must_use]
pub fn read_batch(body: &[u8]) -> Vec<Violation> {
    let value: serde_json::Value = serde_json::from_slice(body).expect("the arms' bodies are JSON");
    match input::from_value::<Batch>(&value, "body") {
        Ok(_) => Vec::new(),
        Err(invalid) => invalid.into_violations(),
    }
}

/// [`read_batch`] for one folder, with its constraints (`validator`).
///
/// # Panics
/// When the body is not JSON (the arms' bodies all are).
#[must_use]
pub fn read_folder(body: &[u8]) -> Vec<Violation> {
    let value: serde_json::Value = serde_json::from_slice(body).expect("the arms' bodies are JSON");
    match input::validated::<Folder>(&value, "body") {
        Ok(_) => Vec::new(),
        Err(invalid) => invalid.into_violations(),
    }
}

/// Asserts what each arm finds, once before measuring: a capped list of the right
/// violations, a capped input.
///
/// # Panics
/// When an arm finds anything else.
pub fn check() {
    let found = read_batch(&many_failing_fields(1_000));
    assert_eq!(found.len(), input::MAX_VIOLATIONS);
    assert_eq!(found[0].path(), "body.folders[0].name");
    assert_eq!(found[1].kind, "int_parsing");
    assert_eq!(found[2].kind, "bool_parsing");
    let found = read_folder(&one_long_string(100_000));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, "string_too_long");
    let shown = found[0]
        .input
        .as_ref()
        .and_then(|v| v.as_str())
        .map_or(0, str::len);
    assert!(shown <= input::MAX_INPUT_BYTES, "{shown}");
}

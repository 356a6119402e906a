//! Field violations of a validation error (`#[violations]`).

use std::borrow::Cow;

/// One segment of the location of a violation: a field name or a list index.
///
/// Serialises as a JSON string or integer, like Pydantic's `loc`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Segment {
    /// A list index.
    Index(usize),
    /// A field or key name.
    Field(Cow<'static, str>),
}

impl From<&'static str> for Segment {
    fn from(name: &'static str) -> Self {
        Self::Field(Cow::Borrowed(name))
    }
}

impl From<String> for Segment {
    fn from(name: String) -> Self {
        Self::Field(Cow::Owned(name))
    }
}

impl From<usize> for Segment {
    fn from(index: usize) -> Self {
        Self::Index(index)
    }
}

/// One failing field of a validation error.
///
/// Each format renders violations in its own shape (ScaiWave `error.details`, ScaiGrid
/// `details[{field,message}]`, ScaiDrive the Pydantic 422 list, ScaiKey `details.fields`,
/// Problem an `errors` extension).
///
/// ```
/// use api_envelope::Violation;
///
/// let v = Violation::new(["body", "items"], "String should have at least 1 character")
///     .at(0)
///     .at("name")
///     .kind("string_too_short")
///     .input("")
///     .ctx("min_length", 1);
/// assert_eq!(v.path(), "body.items[0].name");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Violation {
    /// Where the failing value is: names and indexes from the request root.
    pub loc: Vec<Segment>,
    /// What is wrong, for a human.
    pub message: Cow<'static, str>,
    /// A machine-readable kind such as `missing` or `string_too_short` (Pydantic's `type`).
    pub kind: Cow<'static, str>,
    /// The offending input, when it is safe to echo back.
    pub input: Option<serde_json::Value>,
    /// Context of the rule, e.g. `{"min_length": 1}`.
    pub ctx: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Violation {
    /// A violation at `loc` with `message`, of kind `value_error`.
    pub fn new<L, S>(loc: L, message: impl Into<Cow<'static, str>>) -> Self
    where
        L: IntoIterator<Item = S>,
        S: Into<Segment>,
    {
        Self {
            loc: loc.into_iter().map(Into::into).collect(),
            message: message.into(),
            kind: Cow::Borrowed("value_error"),
            input: None,
            ctx: None,
        }
    }

    /// Appends a segment (a name or an index) to the location.
    #[must_use]
    pub fn at(mut self, segment: impl Into<Segment>) -> Self {
        self.loc.push(segment.into());
        self
    }

    /// Sets the machine-readable kind (Pydantic's `type`).
    #[must_use]
    pub fn kind(mut self, kind: impl Into<Cow<'static, str>>) -> Self {
        self.kind = kind.into();
        self
    }

    /// Sets the offending input.
    #[must_use]
    pub fn input(mut self, input: impl Into<serde_json::Value>) -> Self {
        self.input = Some(input.into());
        self
    }

    /// Adds one context entry.
    #[must_use]
    pub fn ctx(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.ctx
            .get_or_insert_with(serde_json::Map::new)
            .insert(key.into(), value.into());
        self
    }

    /// The location as one dotted path with indexes in brackets: `body.items[0].name`.
    #[must_use]
    pub fn path(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for seg in &self.loc {
            match seg {
                Segment::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
                Segment::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
            }
        }
        out
    }
}

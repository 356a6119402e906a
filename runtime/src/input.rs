//! Validated input: any `#[derive(Deserialize)]` type read from a parsed JSON value the way
//! Pydantic v2 validates in lax mode, reporting **every** failing field as a
//! [`Violation`] (location, Pydantic type, message, input, context), not serde's first
//! error.
//!
//! ```
//! use api_envelope::input::from_value;
//! use serde_json::json;
//!
//! #[derive(Debug, serde::Deserialize)]
//! struct NewFolder { name: String, quota_mb: i64, shared: bool }
//!
//! // Lax coercions, as Pydantic: "7" and 2.0 are integers, "yes" a boolean.
//! let ok: NewFolder = from_value(&json!({"name": "a", "quota_mb": "7", "shared": "yes"}), "body").unwrap();
//! assert_eq!((ok.quota_mb, ok.shared), (7, true));
//!
//! let err = from_value::<NewFolder>(&json!({"quota_mb": 2.5, "shared": "maybe"}), "body").unwrap_err();
//! let kinds: Vec<&str> = err.violations().iter().map(|v| &*v.kind).collect();
//! assert_eq!(kinds, ["missing", "int_from_float", "bool_parsing"]);
//! assert_eq!(err.violations()[0].path(), "body.name");
//! ```
//!
//! # How every field is reported with serde's own derive
//!
//! The value is read by a deserializer of this module that never stops at a bad value: a
//! value of the wrong type is recorded as a violation and the type's visitor gets a
//! placeholder of the type it asked for (`0`, `""`, `false`, an empty list, a struct of
//! placeholders), so a derived `Deserialize` goes on to its next field. Struct fields are
//! offered in declaration order (serde hands the deserializer the field list), as
//! Pydantic reports them.
//!
//! What a derived visitor decides on its own, after the fields it was given, is learned
//! and the value read again: a required field that is absent (serde asks for it by name
//! only once the others are read, and only the first) and `deny_unknown_fields`. Both are
//! properties of the Rust type, not of the input, so the number of passes is bounded by
//! the number of required fields the input left out across distinct struct types (and
//! capped at [`MAX_PASSES`]), and each pass is linear in the input.
//!
//! A type with its own `Deserialize` (a `Url`, an untagged enum) reads the value as it is
//! (`deserialize_any`); its own error becomes a `value_error` at its location and ends the
//! pass, keeping what was found before it.
//!
//! # Limits
//!
//! At most [`MAX_VIOLATIONS`] violations are kept ([`Invalid::truncated`] says when more
//! were found); an `input` longer than [`MAX_INPUT_BYTES`] of JSON is cut (strings on a
//! character boundary, lists and objects to their first entries).

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde_json::{Map, Value};

use crate::{Segment, Violation};

/// The most violations one input reports.
pub const MAX_VIOLATIONS: usize = 100;
/// The most bytes of JSON a violation's `input` keeps.
pub const MAX_INPUT_BYTES: usize = 1024;
/// The most passes over one input (see the [module docs](self)).
pub const MAX_PASSES: usize = 64;

/// An input that did not validate: its violations, in Pydantic's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    violations: Vec<Violation>,
    truncated: bool,
    constraints_only: bool,
}

impl Invalid {
    /// The violations (at most [`MAX_VIOLATIONS`]).
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations, owned.
    #[must_use]
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// Whether more violations were found than are kept.
    #[must_use]
    pub const fn truncated(&self) -> bool {
        self.truncated
    }

    /// Whether the input had the right shape and only declared constraints failed
    /// (`validator`): every value converted, a range or a length did not hold. A
    /// product may answer those with another code (Sonny Labs'
    /// `validation.parameter_invalid` beside `validation.parameter_type_mismatch`).
    ///
    /// ```
    /// # #[cfg(feature = "validator")] {
    /// use api_envelope::input::validated;
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Page { limit: i64 }
    /// impl validator::Validate for Page {
    ///     fn validate(&self) -> Result<(), validator::ValidationErrors> {
    ///         let mut errors = validator::ValidationErrors::new();
    ///         if self.limit < 1 {
    ///             let mut e = validator::ValidationError::new("range");
    ///             e.add_param("min".into(), &1);
    ///             e.add_param("value".into(), &self.limit);
    ///             errors.add("limit", e);
    ///         }
    ///         if errors.is_empty() { Ok(()) } else { Err(errors) }
    ///     }
    /// }
    /// let broken = validated::<Page>(&json!({"limit": 0}), "query").err().unwrap();
    /// assert!(broken.constraints_only());
    /// let mistyped = validated::<Page>(&json!({"limit": "x"}), "query").err().unwrap();
    /// assert!(!mistyped.constraints_only());
    /// # }
    /// ```
    #[must_use]
    pub const fn constraints_only(&self) -> bool {
        self.constraints_only
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} invalid field", self.violations.len())?;
        if self.violations.len() != 1 {
            f.write_str("s")?;
        }
        for v in self.violations.iter().take(3) {
            write!(f, "; {}: {}", v.path(), v.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Invalid {}

/// Reads `value` as a `T`, in Pydantic's lax mode, every location starting with `root`
/// (`"body"`, `"query"`, `"path"`).
///
/// # Errors
/// [`Invalid`] with every failing field when the value is not a valid `T`.
pub fn from_value<T: DeserializeOwned>(value: &Value, root: &'static str) -> Result<T, Invalid> {
    run(root, value, |run| {
        T::deserialize(De {
            slot: Slot::Value(value),
            run,
        })
    })
}

/// The passes over `value` (see the [module docs](self)): `read` once per pass.
fn run<T>(
    root: &'static str,
    value: &Value,
    read: impl for<'r> Fn(&'r Run<'r>) -> R<T>,
) -> Result<T, Invalid> {
    let outcome = passes(root, value, read);
    match outcome.value {
        Some(value) if outcome.found.violations.is_empty() => Ok(value),
        _ => Err(outcome.found.into_invalid()),
    }
}

/// What the last pass found: the value (built with placeholders where a field failed)
/// unless the pass stopped early, the violations, and the structs' field order.
struct Outcome<T> {
    value: Option<T>,
    found: Found,
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    order: Order,
}

fn passes<T>(
    root: &'static str,
    value: &Value,
    read: impl for<'r> Fn(&'r Run<'r>) -> R<T>,
) -> Outcome<T> {
    let mut learned = Learned::default();
    let mut pass = 0;
    loop {
        pass += 1;
        let run = Run {
            learned: &learned,
            root,
            found: RefCell::new(Found::default()),
            loc: RefCell::new(Vec::new()),
            learning: RefCell::new(Vec::new()),
            order: RefCell::new(Order::new()),
        };
        let out = read(&run);
        let new = run.learning.into_inner();
        let mut found = run.found.into_inner();
        let order = run.order.into_inner();
        let learned_more = new.iter().any(|fact| !learned.knows(fact));
        if learned_more && pass < MAX_PASSES && !found.truncated {
            learned.add(new);
            continue;
        }
        let value = match out {
            Ok(value) => Some(value),
            Err(halt) => {
                if let Some(v) = halt.into_violation(root, value) {
                    found.push(v);
                }
                None
            }
        };
        return Outcome {
            value,
            found,
            order,
        };
    }
}

/// [`from_value`], then the constraints `T` declares with the `validator` crate, reported
/// with the type errors in one list, in field order, as Pydantic does: `length` is
/// `string_too_short` / `string_too_long` (ctx `min_length` / `max_length`; for a list
/// `too_short` / `too_long`), `range` is `greater_than_equal` / `less_than_equal` (ctx
/// `ge` / `le`; exclusive bounds `greater_than` / `less_than`), any other code a
/// `value_error` with the validator's message. Each entry echoes the input as sent (the
/// text `"-1"`, not the parsed number). A field whose value failed already (its
/// placeholder) is not checked again.
///
/// ```
/// use api_envelope::input::validated;
/// use serde_json::json;
/// use validator::{Validate, ValidationError, ValidationErrors};
///
/// #[derive(Debug, serde::Deserialize)]
/// struct NewFolder { name: String, quota_mb: i64, shared: bool }
///
/// // What `#[derive(Validate)]` with `#[validate(length(min = 1, max = 255))]` and
/// // `#[validate(range(min = 0, max = 1024))]` generates, written out.
/// impl Validate for NewFolder {
///     fn validate(&self) -> Result<(), ValidationErrors> {
///         let mut errors = ValidationErrors::new();
///         if self.name.chars().count() < 1 {
///             let mut e = ValidationError::new("length");
///             e.add_param("min".into(), &1);
///             e.add_param("value".into(), &self.name);
///             errors.add("name", e);
///         }
///         if self.quota_mb < 0 {
///             let mut e = ValidationError::new("range");
///             e.add_param("min".into(), &0);
///             e.add_param("value".into(), &self.quota_mb);
///             errors.add("quota_mb", e);
///         }
///         if errors.is_empty() { Ok(()) } else { Err(errors) }
///     }
/// }
///
/// let err = validated::<NewFolder>(&json!({"name": "", "quota_mb": "-1", "shared": "maybe"}), "body").unwrap_err();
/// let got: Vec<(&str, Option<&serde_json::Value>)> =
///     err.violations().iter().map(|v| (&*v.kind, v.input.as_ref())).collect();
/// assert_eq!(got, [
///     ("string_too_short", Some(&json!(""))),
///     ("greater_than_equal", Some(&json!("-1"))),
///     ("bool_parsing", Some(&json!("maybe"))),
/// ]);
/// ```
///
/// # Errors
/// [`Invalid`] with every type and constraint violation.
#[cfg(feature = "validator")]
pub fn validated<T: DeserializeOwned + validator::Validate>(
    value: &Value,
    root: &'static str,
) -> Result<T, Invalid> {
    checked(root, value, |run| {
        T::deserialize(De {
            slot: Slot::Value(value),
            run,
        })
    })
}

/// [`from_params`], then the constraints `T` declares with the `validator` crate, as
/// [`validated`] reports them.
///
/// # Errors
/// [`Invalid`] with every type and constraint violation.
#[cfg(feature = "validator")]
pub fn validated_params<T: DeserializeOwned + validator::Validate>(
    params: &[(&str, &str)],
    root: &'static str,
) -> Result<T, Invalid> {
    let (whole, values) = params_value(params);
    checked(root, &whole, |run| {
        T::deserialize(Params {
            whole: &whole,
            values: &values,
            run,
        })
    })
}

/// The passes, then the constraints, merged in field order.
#[cfg(feature = "validator")]
fn checked<T: validator::Validate>(
    root: &'static str,
    value: &Value,
    read: impl for<'r> Fn(&'r Run<'r>) -> R<T>,
) -> Result<T, Invalid> {
    let outcome = passes(root, value, read);
    let Some(parsed) = outcome.value else {
        return Err(outcome.found.into_invalid());
    };
    let mut found = outcome.found;
    let mut constraints = Vec::new();
    if let Err(errors) = parsed.validate() {
        constraints::collect(&errors, &mut Vec::new(), &mut constraints);
    }
    let failed: Vec<Vec<Segment>> = found
        .violations
        .iter()
        .map(|v| v.loc.iter().skip(1).cloned().collect())
        .collect();
    constraints.retain(|(loc, _)| {
        !failed
            .iter()
            .any(|f| loc.starts_with(f) || f.starts_with(loc))
    });
    if constraints.is_empty() && found.violations.is_empty() {
        return Ok(parsed);
    }
    let constraints_only = found.violations.is_empty();
    let mut all: Vec<(Vec<Segment>, Violation)> = found
        .violations
        .drain(..)
        .map(|v| (v.loc.iter().skip(1).cloned().collect(), v))
        .collect();
    for (loc, error) in constraints {
        let mut v = constraints::violation(&error, value_at(value, &loc));
        v.loc = std::iter::once(Segment::from(root))
            .chain(loc.iter().cloned())
            .collect();
        all.push((loc, v));
    }
    // Stable: the type errors keep their order among themselves.
    all.sort_by(|(a, _), (b, _)| constraints::compare(&outcome.order, a, b));
    for (_, v) in all {
        found.push(v);
    }
    Err(Invalid {
        constraints_only,
        ..found.into_invalid()
    })
}

/// The errors of a `validator::Validate` run as violations under `root` (locations
/// sorted: `validator` keeps its errors in a hash map), for a check outside an extractor.
///
/// ```
/// use api_envelope::input::constraint_violations;
/// use validator::{ValidationError, ValidationErrors};
///
/// let mut errors = ValidationErrors::new();
/// let mut e = ValidationError::new("length");
/// e.add_param("max".into(), &3);
/// e.add_param("value".into(), &"abcd");
/// errors.add("name", e);
/// let v = &constraint_violations(&errors, "body")[0];
/// assert_eq!((v.path().as_str(), &*v.kind), ("body.name", "string_too_long"));
/// assert_eq!(v.message, "String should have at most 3 characters");
///
/// // The rule's own message, when it has one, with Pydantic's type and context.
/// let mut errors = ValidationErrors::new();
/// let mut e = ValidationError::new("length").with_message("must contain at least 1 item".into());
/// e.add_param("min".into(), &1);
/// e.add_param("value".into(), &Vec::<u8>::new());
/// errors.add("messages", e);
/// let v = &constraint_violations(&errors, "body")[0];
/// assert_eq!((&*v.kind, &*v.message), ("too_short", "must contain at least 1 item"));
///
/// // A pattern, when the rule names it; a code of the service's own is the type.
/// let mut errors = ValidationErrors::new();
/// let mut e = ValidationError::new("regex");
/// e.add_param("pattern".into(), &"^[a-z]+$");
/// errors.add("slug", e);
/// errors.add("target", ValidationError::new("not_blank").with_message("must not be blank".into()));
/// let found = constraint_violations(&errors, "body");
/// assert_eq!((&*found[0].kind, &*found[0].message), ("string_pattern_mismatch", "String should match pattern '^[a-z]+$'"));
/// assert_eq!(found[0].ctx.as_ref().unwrap()["pattern"], "^[a-z]+$");
/// assert_eq!((&*found[1].kind, &*found[1].message), ("not_blank", "must not be blank"));
/// ```
#[cfg(feature = "validator")]
#[must_use]
pub fn constraint_violations(
    errors: &validator::ValidationErrors,
    root: &'static str,
) -> Vec<Violation> {
    let mut found = Vec::new();
    constraints::collect(errors, &mut Vec::new(), &mut found);
    found.sort_by(|(a, _), (b, _)| constraints::compare(&Order::new(), a, b));
    found
        .into_iter()
        .map(|(loc, error)| {
            let mut v = constraints::violation(&error, None);
            v.loc = std::iter::once(Segment::from(root)).chain(loc).collect();
            v
        })
        .collect()
}

/// The parameters as one object (by name) and as a list (by position).
fn params_value(params: &[(&str, &str)]) -> (Value, Vec<(Segment, Value)>) {
    let object: Map<String, Value> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
        .collect();
    let values = params
        .iter()
        .map(|(k, v)| {
            (
                Segment::from((*k).to_owned()),
                Value::String((*v).to_owned()),
            )
        })
        .collect();
    (Value::Object(object), values)
}

/// Reads the parameters of a matched route (name, text) as a `T`: a struct (or map) by
/// name, a tuple by position, or, when there is exactly one, any single value, every
/// value read as text the way [`from_value`] reads it (`"7"` an integer), every location
/// `root` then the parameter's name.
///
/// ```
/// use api_envelope::input::from_params;
///
/// let (room, n): (String, u32) = from_params(&[("room", "general"), ("n", "7")], "path").unwrap();
/// assert_eq!((room.as_str(), n), ("general", 7));
///
/// let err = from_params::<i64>(&[("file_id", "abc")], "path").unwrap_err();
/// assert_eq!(err.violations()[0].path(), "path.file_id");
/// assert_eq!(err.violations()[0].kind, "int_parsing");
/// ```
///
/// # Errors
/// [`Invalid`] with every failing parameter.
pub fn from_params<T: DeserializeOwned>(
    params: &[(&str, &str)],
    root: &'static str,
) -> Result<T, Invalid> {
    let (whole, values) = params_value(params);
    run(root, &whole, |run| {
        T::deserialize(Params {
            whole: &whole,
            values: &values,
            run,
        })
    })
}

/// What a pass learned of the Rust types (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Fact {
    /// This field of this struct is required.
    Required(&'static str, usize, &'static str),
    /// This struct denies unknown fields.
    DeniesUnknown(&'static str, usize),
}

#[derive(Default)]
struct Learned(HashSet<Fact>);

impl Learned {
    fn knows(&self, fact: &Fact) -> bool {
        self.0.contains(fact)
    }
    fn add(&mut self, facts: Vec<Fact>) {
        self.0.extend(facts);
    }
    fn required(&self, name: &'static str, fields: &'static [&'static str], field: &str) -> bool {
        let id = fields.as_ptr() as usize;
        self.0.iter().any(
            |f| matches!(f, Fact::Required(n, i, fl) if *n == name && *i == id && *fl == field),
        )
    }
    fn denies_unknown(&self, name: &'static str, fields: &'static [&'static str]) -> bool {
        self.0
            .contains(&Fact::DeniesUnknown(name, fields.as_ptr() as usize))
    }
}

#[derive(Default)]
struct Found {
    violations: Vec<Violation>,
    truncated: bool,
}

impl Found {
    fn push(&mut self, v: Violation) {
        if self.violations.len() < MAX_VIOLATIONS {
            self.violations.push(v);
        } else {
            self.truncated = true;
        }
    }
    fn into_invalid(self) -> Invalid {
        Invalid {
            violations: self.violations,
            truncated: self.truncated,
            constraints_only: false,
        }
    }
}

/// One pass over the input.
struct Run<'l> {
    learned: &'l Learned,
    root: &'static str,
    found: RefCell<Found>,
    /// The location being read (below the root).
    loc: RefCell<Vec<Segment>>,
    /// What this pass learned.
    learning: RefCell<Vec<Fact>>,
    /// The field list of each object read as a struct, by location (to put violations
    /// found afterwards, a validator's, in declaration order).
    order: RefCell<Order>,
}

/// Struct field lists by location below the root.
type Order = std::collections::HashMap<Vec<Segment>, &'static [&'static str]>;

impl Run<'_> {
    fn record(&self, kind: &'static str, message: impl Into<String>, input: Option<&Value>) {
        let mut v = Violation::new([self.root], message.into()).kind(kind);
        v.loc.extend(self.loc.borrow().iter().cloned());
        if let Some(input) = input {
            v = v.input(capped(input));
        }
        self.found.borrow_mut().push(v);
    }

    fn record_ctx(
        &self,
        kind: &'static str,
        message: String,
        input: &Value,
        ctx: (&'static str, Value),
    ) {
        let mut v = Violation::new([self.root], message)
            .kind(kind)
            .input(capped(input))
            .ctx(ctx.0, ctx.1);
        v.loc.extend(self.loc.borrow().iter().cloned());
        self.found.borrow_mut().push(v);
    }

    fn capped_out(&self) -> bool {
        self.found.borrow().truncated
    }

    fn enter(&self, seg: Segment) {
        self.loc.borrow_mut().push(seg);
    }

    fn leave(&self) {
        self.loc.borrow_mut().pop();
    }
}

/// A copy of `value` of at most about [`MAX_INPUT_BYTES`] of JSON.
fn capped(value: &Value) -> Value {
    let mut budget = MAX_INPUT_BYTES;
    cap(value, &mut budget, 0)
}

fn cap(value: &Value, budget: &mut usize, depth: usize) -> Value {
    match value {
        Value::String(s) => {
            let mut end = s.len().min(*budget);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            *budget = budget.saturating_sub(end + 2);
            Value::String(s[..end].to_owned())
        }
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                if *budget < 8 || depth > 8 {
                    break;
                }
                out.push(cap(item, budget, depth + 1));
            }
            Value::Array(out)
        }
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                if *budget < k.len() + 8 || depth > 8 {
                    break;
                }
                *budget -= k.len() + 4;
                out.insert(k.clone(), cap(v, budget, depth + 1));
            }
            Value::Object(out)
        }
        other => {
            *budget = budget.saturating_sub(8);
            other.clone()
        }
    }
}

/// Why a pass stopped early.
#[derive(Debug)]
pub struct Halt(HaltKind);

#[derive(Debug)]
enum HaltKind {
    /// A derived visitor found a required field absent (learned, then read again).
    Missing(&'static str),
    /// A derived visitor denies unknown fields (learned, then read again).
    Unknown(String),
    /// The type's own error, at the location it was met.
    Custom(String, Vec<Segment>, bool),
    /// Too many violations.
    Capped,
}

impl Halt {
    fn into_violation(self, root: &'static str, value: &Value) -> Option<Violation> {
        match self.0 {
            HaltKind::Custom(message, loc, located) => {
                let mut v = Violation::new([root], message).kind("value_error");
                if located {
                    let input = value_at(value, &loc).map(capped);
                    v.loc.extend(loc);
                    if let Some(input) = input {
                        v = v.input(input);
                    }
                }
                Some(v)
            }
            // Only when the passes ran out: said as serde says it.
            HaltKind::Missing(field) => {
                Some(Violation::new([root, field], "Field required").kind("missing"))
            }
            HaltKind::Unknown(field) => Some(
                Violation::new([root], "Extra inputs are not permitted")
                    .at(field)
                    .kind("extra_forbidden"),
            ),
            HaltKind::Capped => None,
        }
    }
}

impl fmt::Display for Halt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            HaltKind::Missing(field) => write!(f, "missing field `{field}`"),
            HaltKind::Unknown(field) => write!(f, "unknown field `{field}`"),
            HaltKind::Custom(message, ..) => f.write_str(message),
            HaltKind::Capped => f.write_str("too many violations"),
        }
    }
}

impl std::error::Error for Halt {}

impl de::Error for Halt {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(HaltKind::Custom(msg.to_string(), Vec::new(), false))
    }
    fn missing_field(field: &'static str) -> Self {
        Self(HaltKind::Missing(field))
    }
    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        Self(HaltKind::Unknown(field.to_owned()))
    }
}

fn value_at<'v>(root: &'v Value, loc: &[Segment]) -> Option<&'v Value> {
    loc.iter().try_fold(root, |v, seg| match seg {
        Segment::Field(name) => v.get(name.as_ref()),
        Segment::Index(i) => v.get(*i),
    })
}

/// What the deserializer reads.
#[derive(Clone, Copy)]
enum Slot<'a> {
    /// A value of the input.
    Value(&'a Value),
    /// A required field the input lacks; the enclosing object is Pydantic's `input`.
    Missing(&'a Value),
    /// A placeholder: anything asked for, nothing recorded.
    Silent,
}

/// The deserializer of one slot.
struct De<'a, 'l> {
    slot: Slot<'a>,
    run: &'a Run<'l>,
}

type R<T> = Result<T, Halt>;

/// The placeholder for what `$visit` asks: the visitor's call and the kind and message
/// recorded for a value of the wrong type.
impl<'a, 'l> De<'a, 'l> {
    fn silent(&self) -> De<'a, 'l> {
        De {
            slot: Slot::Silent,
            run: self.run,
        }
    }

    /// The value, or `None` for a placeholder (a missing field recorded first).
    fn value(&self) -> R<Option<&'a Value>> {
        if self.run.capped_out() {
            return Err(Halt(HaltKind::Capped));
        }
        Ok(match self.slot {
            Slot::Value(v) => Some(v),
            Slot::Missing(parent) => {
                self.run.record("missing", "Field required", Some(parent));
                None
            }
            Slot::Silent => None,
        })
    }

    fn int<V: Visitor<'a>>(self, v: V, min: i128, max: i128) -> R<V::Value> {
        let Some(value) = self.value()? else {
            return v.visit_i64(0);
        };
        let n: Option<i128> = match value {
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Some(i128::from(i)),
                (_, Some(u), _) => Some(i128::from(u)),
                (_, _, Some(f)) => {
                    if f.fract() != 0.0 {
                        self.run.record(
                            "int_from_float",
                            "Input should be a valid integer, got a number with a fractional part",
                            Some(value),
                        );
                        return v.visit_i64(0);
                    }
                    float_to_int(f)
                }
                _ => None,
            },
            Value::String(s) => match parse_int(s) {
                Some(n) => Some(n),
                None => {
                    self.run.record(
                        "int_parsing",
                        "Input should be a valid integer, unable to parse string as an integer",
                        Some(value),
                    );
                    return v.visit_i64(0);
                }
            },
            Value::Bool(b) => Some(i128::from(*b)),
            _ => {
                self.run
                    .record("int_type", "Input should be a valid integer", Some(value));
                return v.visit_i64(0);
            }
        };
        match n {
            Some(n) if n < min => {
                self.run.record_ctx(
                    "greater_than_equal",
                    format!("Input should be greater than or equal to {min}"),
                    value,
                    ("ge", bound(min)),
                );
                v.visit_i64(0)
            }
            Some(n) if n > max => {
                self.run.record_ctx(
                    "less_than_equal",
                    format!("Input should be less than or equal to {max}"),
                    value,
                    ("le", bound(max)),
                );
                v.visit_i64(0)
            }
            Some(n) => match (i64::try_from(n), u64::try_from(n)) {
                (Ok(i), _) => v.visit_i64(i),
                (_, Ok(u)) => v.visit_u64(u),
                _ => v.visit_i128(n),
            },
            None => {
                self.run.record(
                    "int_parsing_size",
                    "Unable to parse input string as an integer, exceeded maximum size",
                    Some(value),
                );
                v.visit_i64(0)
            }
        }
    }

    fn float<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        let Some(value) = self.value()? else {
            return v.visit_f64(0.0);
        };
        match value {
            Value::Number(n) => v.visit_f64(n.as_f64().unwrap_or(0.0)),
            Value::String(s) => match s.trim().parse::<f64>() {
                Ok(f) => v.visit_f64(f),
                Err(_) => {
                    self.run.record(
                        "float_parsing",
                        "Input should be a valid number, unable to parse string as a number",
                        Some(value),
                    );
                    v.visit_f64(0.0)
                }
            },
            Value::Bool(b) => v.visit_f64(f64::from(u8::from(*b))),
            _ => {
                self.run
                    .record("float_type", "Input should be a valid number", Some(value));
                v.visit_f64(0.0)
            }
        }
    }

    fn struct_map<V: Visitor<'a>>(
        self,
        v: V,
        name: &'static str,
        fields: &'static [&'static str],
    ) -> R<V::Value> {
        let Some(value) = self.value()? else {
            return v.visit_map(Fields::silent(fields, self.run));
        };
        let Value::Object(map) = value else {
            self.run.record(
                "model_attributes_type",
                "Input should be a valid dictionary or object to extract fields from",
                Some(value),
            );
            return v.visit_map(Fields::silent(fields, self.run));
        };
        let here = self.run.loc.borrow().clone();
        self.run.order.borrow_mut().insert(here, fields);
        let out = v.visit_map(Fields::new(map, value, name, fields, self.run));
        if let Err(Halt(kind)) = &out {
            let id = fields.as_ptr() as usize;
            match kind {
                HaltKind::Missing(field) => self
                    .run
                    .learning
                    .borrow_mut()
                    .push(Fact::Required(name, id, field)),
                HaltKind::Unknown(_) => self
                    .run
                    .learning
                    .borrow_mut()
                    .push(Fact::DeniesUnknown(name, id)),
                _ => {}
            }
        }
        out
    }
}

/// A type bound as a JSON number (a string beyond 64 bits).
fn bound(n: i128) -> Value {
    match (i64::try_from(n), u64::try_from(n)) {
        (Ok(i), _) => Value::from(i),
        (_, Ok(u)) => Value::from(u),
        _ => Value::String(n.to_string()),
    }
}

/// An integer from a float with no fractional part, if it fits.
fn float_to_int(f: f64) -> Option<i128> {
    // Pydantic's bound: a float beyond the 64-bit range is `int_parsing_size`.
    if f.is_finite() && f.abs() <= 9.223_372_036_854_776e18 {
        #[allow(clippy::cast_possible_truncation, reason = "integral and in range")]
        Some(f as i128)
    } else {
        None
    }
}

/// Pydantic's lax integer from text: optional whitespace and sign, digits (`_` between
/// them), or a decimal with only zeros after the point.
fn parse_int(s: &str) -> Option<i128> {
    let t = s.trim();
    let (digits, negative) = match t.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (t.strip_prefix('+').unwrap_or(t), false),
    };
    let digits = match digits.split_once('.') {
        Some((int, frac)) if frac.bytes().all(|b| b == b'0') => int,
        Some(_) => return None,
        None => digits,
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let mut n: i128 = 0;
    for b in digits.bytes().filter(u8::is_ascii_digit) {
        n = n.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some(if negative { -n } else { n })
}

/// Pydantic's lax booleans from text.
fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
        "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
        _ => None,
    }
}

macro_rules! ints {
    ($($method:ident $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
            self.int(v, i128::from(<$ty>::MIN), i128::from(<$ty>::MAX))
        }
    )*};
}

impl<'a> de::Deserializer<'a> for De<'a, '_> {
    type Error = Halt;

    fn deserialize_any<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        let Some(value) = self.value()? else {
            return v.visit_unit();
        };
        match value {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => v.visit_u64(u),
                (_, Some(i)) => v.visit_i64(i),
                _ => v.visit_f64(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(s) => v.visit_str(s),
            Value::Array(items) => v.visit_seq(Items::new(items, self.run)),
            Value::Object(map) => v.visit_map(Entries::new(map, self.run)),
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        let Some(value) = self.value()? else {
            return v.visit_bool(false);
        };
        let parsed = match value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => parse_bool(s),
            Value::Number(n) if n.is_i64() || n.is_u64() => match n.as_i64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            _ => {
                self.run
                    .record("bool_type", "Input should be a valid boolean", Some(value));
                return v.visit_bool(false);
            }
        };
        if let Some(b) = parsed {
            return v.visit_bool(b);
        }
        self.run.record(
            "bool_parsing",
            "Input should be a valid boolean, unable to interpret input",
            Some(value),
        );
        v.visit_bool(false)
    }

    ints!(
        deserialize_i8 i8, deserialize_i16 i16, deserialize_i32 i32, deserialize_i64 i64,
        deserialize_u8 u8, deserialize_u16 u16, deserialize_u32 u32, deserialize_u64 u64,
    );

    fn deserialize_i128<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.int(v, i128::MIN, i128::MAX)
    }

    fn deserialize_u128<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.int(v, 0, i128::MAX)
    }

    fn deserialize_f32<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.float(v)
    }

    fn deserialize_f64<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.float(v)
    }

    fn deserialize_char<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_str<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        match self.value()? {
            None => v.visit_str(""),
            Some(Value::String(s)) => v.visit_borrowed_str(s),
            Some(other) => {
                self.run
                    .record("string_type", "Input should be a valid string", Some(other));
                v.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        match self.value()? {
            None => v.visit_bytes(&[]),
            Some(Value::String(s)) => v.visit_borrowed_bytes(s.as_bytes()),
            Some(other) => {
                self.run
                    .record("bytes_type", "Input should be a valid bytes", Some(other));
                v.visit_bytes(&[])
            }
        }
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.deserialize_bytes(v)
    }

    fn deserialize_option<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        match self.slot {
            Slot::Value(Value::Null) | Slot::Silent => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        match self.value()? {
            None | Some(Value::Null) => v.visit_unit(),
            Some(other) => {
                self.run
                    .record("none_required", "Input should be None", Some(other));
                v.visit_unit()
            }
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(self, _name: &'static str, v: V) -> R<V::Value> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(self, _name: &'static str, v: V) -> R<V::Value> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        match self.value()? {
            None => v.visit_seq(Items::silent(0, self.run)),
            Some(Value::Array(items)) => v.visit_seq(Items::new(items, self.run)),
            Some(other) => {
                self.run
                    .record("list_type", "Input should be a valid list", Some(other));
                v.visit_seq(Items::silent(0, self.run))
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, len: usize, v: V) -> R<V::Value> {
        match self.value()? {
            Some(Value::Array(items)) if items.len() == len => {
                v.visit_seq(Items::new(items, self.run))
            }
            None => v.visit_seq(Items::silent(len, self.run)),
            Some(other) => {
                let message = if other.is_array() {
                    format!("Tuple should have {len} items")
                } else {
                    "Input should be a valid tuple".to_owned()
                };
                let kind = if other.is_array() {
                    "too_long"
                } else {
                    "tuple_type"
                };
                self.run.record(kind, message, Some(other));
                v.visit_seq(Items::silent(len, self.run))
            }
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        len: usize,
        v: V,
    ) -> R<V::Value> {
        self.deserialize_tuple(len, v)
    }

    fn deserialize_map<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        match self.value()? {
            None => v.visit_map(Entries::empty(self.run)),
            Some(Value::Object(map)) => v.visit_map(Entries::new(map, self.run)),
            Some(other) => {
                self.run.record(
                    "dict_type",
                    "Input should be a valid dictionary",
                    Some(other),
                );
                v.visit_map(Entries::empty(self.run))
            }
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        self.struct_map(v, name, fields)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        let first = variants.first().copied().unwrap_or("");
        let silent = self.silent();
        let Some(value) = self.value()? else {
            return v.visit_enum(Variant {
                name: first,
                content: silent,
            });
        };
        let (name, content) = match value {
            Value::String(s) => (s.as_str(), None),
            Value::Object(map) if map.len() == 1 => match map.iter().next() {
                Some((k, content)) => (k.as_str(), Some(content)),
                None => ("", None),
            },
            _ => ("", None),
        };
        if let Some(known) = variants.iter().find(|v| **v == name) {
            let content = match content {
                Some(c) => {
                    self.run
                        .enter(Segment::Field(std::borrow::Cow::Borrowed(known)));
                    De {
                        slot: Slot::Value(c),
                        run: self.run,
                    }
                }
                None => silent,
            };
            let entered = matches!(content.slot, Slot::Value(_));
            let out = v.visit_enum(Variant {
                name: known,
                content,
            });
            if entered && out.is_ok() {
                self.run.leave();
            }
            return out;
        }
        let expected = expected_list(variants);
        self.run.record_ctx(
            "enum",
            format!("Input should be {expected}"),
            value,
            ("expected", Value::String(expected.clone())),
        );
        v.visit_enum(Variant {
            name: first,
            content: silent,
        })
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        v.visit_unit()
    }
}

/// Pydantic's list of choices: `'a', 'b' or 'c'`.
fn expected_list(variants: &[&str]) -> String {
    let quoted: Vec<String> = variants.iter().map(|v| format!("'{v}'")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} or {last}", init.join(", ")),
        None => String::new(),
    }
}

/// The elements of a list (or placeholders).
struct Items<'a, 'l> {
    items: Option<std::slice::Iter<'a, Value>>,
    silent: usize,
    index: usize,
    run: &'a Run<'l>,
}

impl<'a, 'l> Items<'a, 'l> {
    fn new(items: &'a [Value], run: &'a Run<'l>) -> Self {
        Self {
            items: Some(items.iter()),
            silent: 0,
            index: 0,
            run,
        }
    }
    fn silent(len: usize, run: &'a Run<'l>) -> Self {
        Self {
            items: None,
            silent: len,
            index: 0,
            run,
        }
    }
}

impl<'a> SeqAccess<'a> for Items<'a, '_> {
    type Error = Halt;

    fn next_element_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> R<Option<T::Value>> {
        let slot = match &mut self.items {
            Some(items) => match items.next() {
                Some(item) => Slot::Value(item),
                None => return Ok(None),
            },
            None if self.silent > 0 => {
                self.silent -= 1;
                Slot::Silent
            }
            None => return Ok(None),
        };
        let index = self.index;
        self.index += 1;
        self.run.enter(Segment::Index(index));
        let out = seed.deserialize(De {
            slot,
            run: self.run,
        });
        let out = locate(out, self.run);
        self.run.leave();
        out.map(Some)
    }
}

/// Gives a type's own error the location it was met at (once).
fn locate<T>(out: R<T>, run: &Run<'_>) -> R<T> {
    out.map_err(|halt| match halt.0 {
        HaltKind::Custom(message, _, false) => {
            Halt(HaltKind::Custom(message, run.loc.borrow().clone(), true))
        }
        other => Halt(other),
    })
}

/// The entries of a map read without a field list (a `HashMap`, a flattened struct).
struct Entries<'a, 'l> {
    entries: Option<serde_json::map::Iter<'a>>,
    value: Option<&'a Value>,
    run: &'a Run<'l>,
}

impl<'a, 'l> Entries<'a, 'l> {
    fn new(map: &'a Map<String, Value>, run: &'a Run<'l>) -> Self {
        Self {
            entries: Some(map.iter()),
            value: None,
            run,
        }
    }
    fn empty(run: &'a Run<'l>) -> Self {
        Self {
            entries: None,
            value: None,
            run,
        }
    }
}

impl<'a> MapAccess<'a> for Entries<'a, '_> {
    type Error = Halt;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> R<Option<K::Value>> {
        let Some((key, value)) = self.entries.as_mut().and_then(Iterator::next) else {
            return Ok(None);
        };
        self.value = Some(value);
        self.run.enter(Segment::Field(key.clone().into()));
        let out = seed.deserialize(key.as_str().into_deserializer());
        if out.is_err() {
            self.run.leave();
        }
        out.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> R<V::Value> {
        let slot = self.value.take().map_or(Slot::Silent, Slot::Value);
        let out = locate(
            seed.deserialize(De {
                slot,
                run: self.run,
            }),
            self.run,
        );
        self.run.leave();
        out
    }
}

/// The fields of a struct, in declaration order, then the input's other keys.
struct Fields<'a, 'l> {
    map: Option<&'a Map<String, Value>>,
    parent: Option<&'a Value>,
    name: &'static str,
    fields: &'static [&'static str],
    next_field: usize,
    extras: Option<serde_json::map::Iter<'a>>,
    pending: Option<(Segment, Slot<'a>)>,
    denies_unknown: bool,
    run: &'a Run<'l>,
}

impl<'a, 'l> Fields<'a, 'l> {
    fn new(
        map: &'a Map<String, Value>,
        parent: &'a Value,
        name: &'static str,
        fields: &'static [&'static str],
        run: &'a Run<'l>,
    ) -> Self {
        Self {
            map: Some(map),
            parent: Some(parent),
            name,
            fields,
            next_field: 0,
            extras: Some(map.iter()),
            pending: None,
            denies_unknown: run.learned.denies_unknown(name, fields),
            run,
        }
    }

    /// Every field a placeholder (a value that is not an object, or one under one).
    fn silent(fields: &'static [&'static str], run: &'a Run<'l>) -> Self {
        Self {
            map: None,
            parent: None,
            name: "",
            fields,
            next_field: 0,
            extras: None,
            pending: None,
            denies_unknown: false,
            run,
        }
    }

    fn next_slot(&mut self) -> Option<(Segment, Slot<'a>)> {
        while self.next_field < self.fields.len() {
            let field = self.fields[self.next_field];
            self.next_field += 1;
            let (Some(map), Some(parent)) = (self.map, self.parent) else {
                return Some((Segment::from(field), Slot::Silent));
            };
            if let Some(value) = map.get(field) {
                return Some((Segment::from(field), Slot::Value(value)));
            }
            if self.run.learned.required(self.name, self.fields, field) {
                return Some((Segment::from(field), Slot::Missing(parent)));
            }
        }
        let extras = self.extras.as_mut()?;
        for (key, value) in extras.by_ref() {
            if self.fields.contains(&key.as_str()) {
                continue;
            }
            if self.denies_unknown {
                self.run.enter(Segment::from(key.clone()));
                self.run.record(
                    "extra_forbidden",
                    "Extra inputs are not permitted",
                    Some(value),
                );
                self.run.leave();
                continue;
            }
            return Some((Segment::from(key.clone()), Slot::Value(value)));
        }
        None
    }
}

impl<'a> MapAccess<'a> for Fields<'a, '_> {
    type Error = Halt;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> R<Option<K::Value>> {
        let Some((segment, slot)) = self.next_slot() else {
            return Ok(None);
        };
        let key = match &segment {
            Segment::Field(name) => name.clone(),
            Segment::Index(i) => i.to_string().into(),
        };
        self.pending = Some((segment, slot));
        seed.deserialize(key.as_ref().into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> R<V::Value> {
        let (segment, slot) = self
            .pending
            .take()
            .unwrap_or((Segment::Index(0), Slot::Silent));
        self.run.enter(segment);
        let out = locate(
            seed.deserialize(De {
                slot,
                run: self.run,
            }),
            self.run,
        );
        self.run.leave();
        out
    }
}

/// One variant of an enum and its content.
struct Variant<'a, 'l> {
    name: &'static str,
    content: De<'a, 'l>,
}

impl<'a, 'l> EnumAccess<'a> for Variant<'a, 'l> {
    type Error = Halt;
    type Variant = De<'a, 'l>;

    fn variant_seed<S: DeserializeSeed<'a>>(self, seed: S) -> R<(S::Value, De<'a, 'l>)> {
        let name: de::value::StrDeserializer<'_, Halt> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, self.content))
    }
}

impl<'a> VariantAccess<'a> for De<'a, '_> {
    type Error = Halt;

    fn unit_variant(self) -> R<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'a>>(self, seed: T) -> R<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'a>>(self, len: usize, v: V) -> R<V::Value> {
        de::Deserializer::deserialize_tuple(self, len, v)
    }

    fn struct_variant<V: Visitor<'a>>(self, fields: &'static [&'static str], v: V) -> R<V::Value> {
        self.struct_map(v, "", fields)
    }
}

/// The parameters of a route as one value (see [`from_params`]).
struct Params<'a, 'l> {
    whole: &'a Value,
    values: &'a [(Segment, Value)],
    run: &'a Run<'l>,
}

impl<'a, 'l> Params<'a, 'l> {
    /// The one parameter, entered in the location, or the whole set when there are more
    /// (a struct or map then reads them by name).
    fn single<T>(self, read: impl FnOnce(De<'a, 'l>) -> R<T>) -> R<T> {
        match self.values {
            [(name, value)] => {
                self.run.enter(name.clone());
                let out = locate(
                    read(De {
                        slot: Slot::Value(value),
                        run: self.run,
                    }),
                    self.run,
                );
                self.run.leave();
                out
            }
            _ => read(De {
                slot: Slot::Value(self.whole),
                run: self.run,
            }),
        }
    }
}

/// Each single-value method of [`Params`], through [`Params::single`].
macro_rules! single {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
            self.single(|de| de::Deserializer::$method(de, v))
        }
    )*};
}

impl<'a> de::Deserializer<'a> for Params<'a, '_> {
    type Error = Halt;

    single!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'a>>(self, name: &'static str, v: V) -> R<V::Value> {
        self.single(|de| de::Deserializer::deserialize_unit_struct(de, name, v))
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(self, _name: &'static str, v: V) -> R<V::Value> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        self.single(|de| de::Deserializer::deserialize_enum(de, name, variants, v))
    }

    fn deserialize_seq<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        v.visit_seq(Positional {
            values: self.values.iter(),
            run: self.run,
        })
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, v: V) -> R<V::Value> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> R<V::Value> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'a>>(self, v: V) -> R<V::Value> {
        De {
            slot: Slot::Value(self.whole),
            run: self.run,
        }
        .deserialize_map(v)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> R<V::Value> {
        De {
            slot: Slot::Value(self.whole),
            run: self.run,
        }
        .struct_map(v, name, fields)
    }
}

/// The parameters by position, each located by its name.
struct Positional<'a, 'l> {
    values: std::slice::Iter<'a, (Segment, Value)>,
    run: &'a Run<'l>,
}

impl<'a> SeqAccess<'a> for Positional<'a, '_> {
    type Error = Halt;

    fn next_element_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> R<Option<T::Value>> {
        let Some((name, value)) = self.values.next() else {
            return Ok(None);
        };
        self.run.enter(name.clone());
        let out = locate(
            seed.deserialize(De {
                slot: Slot::Value(value),
                run: self.run,
            }),
            self.run,
        );
        self.run.leave();
        out.map(Some)
    }
}

/// The `validator` crate's errors as Pydantic's violations.
#[cfg(feature = "validator")]
mod constraints {
    use std::cmp::Ordering;

    use serde_json::Value;
    use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

    use super::{Order, capped};
    use crate::{Segment, Violation};

    /// Every error of `errors`, with its location below the root.
    pub(super) fn collect(
        errors: &ValidationErrors,
        at: &mut Vec<Segment>,
        out: &mut Vec<(Vec<Segment>, ValidationError)>,
    ) {
        for (field, kind) in errors.errors() {
            at.push(Segment::from(field.to_string()));
            match kind {
                ValidationErrorsKind::Field(list) => {
                    out.extend(list.iter().map(|e| (at.clone(), e.clone())));
                }
                ValidationErrorsKind::Struct(inner) => collect(inner, at, out),
                ValidationErrorsKind::List(items) => {
                    for (index, inner) in items {
                        at.push(Segment::Index(*index));
                        collect(inner, at, out);
                        at.pop();
                    }
                }
            }
            at.pop();
        }
    }

    fn param(error: &ValidationError, name: &str) -> Option<Value> {
        error.params.get(name).cloned()
    }

    fn plural(n: &Value, one: &str) -> String {
        if n.as_u64() == Some(1) {
            one.to_owned()
        } else {
            format!("{one}s")
        }
    }

    /// One validator error as Pydantic's violation (its location set by the caller);
    /// `raw` is the input as sent. A message the rule was given
    /// (`#[validate(length(min = 1, message = ".."))]`) replaces Pydantic's text; the
    /// type and context stay.
    pub(super) fn violation(error: &ValidationError, raw: Option<&Value>) -> Violation {
        let mut v = mapped(error, raw);
        if let Some(message) = &error.message {
            v.message = message.clone();
        }
        v
    }

    /// The codes of `validator`'s own rules.
    const BUILT_IN: [&str; 11] = [
        "email",
        "url",
        "must_match",
        "contains",
        "does_not_contain",
        "credit_card",
        "non_control_character",
        "ip",
        "ipv4",
        "ipv6",
        "custom",
    ];

    fn mapped(error: &ValidationError, raw: Option<&Value>) -> Violation {
        let value = param(error, "value");
        let input = raw.cloned().or_else(|| value.clone());
        let base = |kind: &'static str, message: String| {
            let v = Violation::new(Vec::<Segment>::new(), message).kind(kind);
            match &input {
                Some(input) => v.input(capped(input)),
                None => v,
            }
        };
        let own = || {
            error.message.as_ref().map_or_else(
                || format!("Value error, {}", error.code),
                ToString::to_string,
            )
        };
        match &*error.code {
            "length" => {
                let (min, max) = (param(error, "min"), param(error, "max"));
                let equal = param(error, "equal");
                let (count, list) = match &value {
                    Some(Value::String(s)) => (s.chars().count() as u64, false),
                    Some(Value::Array(items)) => (items.len() as u64, true),
                    _ => (0, false),
                };
                let below = |n: &Value| n.as_u64().is_some_and(|n| count < n);
                let (kind, bound, at) = match (min.or(equal.clone()), max.or(equal)) {
                    (Some(min), _) if below(&min) => ("short", min, "at least"),
                    (_, Some(max)) => ("long", max, "at most"),
                    (Some(min), None) => ("short", min, "at least"),
                    (None, None) => return base("value_error", own()),
                };
                if list {
                    let kind = if kind == "short" {
                        "too_short"
                    } else {
                        "too_long"
                    };
                    let key = if kind == "too_short" {
                        "min_length"
                    } else {
                        "max_length"
                    };
                    base(
                        kind,
                        format!(
                            "List should have {at} {bound} {} after validation, not {count}",
                            plural(&bound, "item")
                        ),
                    )
                    .ctx("field_type", "List")
                    .ctx(key, bound)
                    .ctx("actual_length", count)
                } else {
                    let (kind, key) = if kind == "short" {
                        ("string_too_short", "min_length")
                    } else {
                        ("string_too_long", "max_length")
                    };
                    base(
                        kind,
                        format!(
                            "String should have {at} {bound} {}",
                            plural(&bound, "character")
                        ),
                    )
                    .ctx(key, bound)
                }
            }
            "range" => {
                let n = value.as_ref().and_then(Value::as_f64);
                let checks = [
                    (
                        "min",
                        "greater_than_equal",
                        "ge",
                        "greater than or equal to",
                    ),
                    ("exclusive_min", "greater_than", "gt", "greater than"),
                    ("max", "less_than_equal", "le", "less than or equal to"),
                    ("exclusive_max", "less_than", "lt", "less than"),
                ];
                for (name, kind, key, words) in checks {
                    let Some(bound) = param(error, name) else {
                        continue;
                    };
                    let b = bound.as_f64();
                    let fails = match (n, b, name) {
                        (Some(n), Some(b), "min") => n < b,
                        (Some(n), Some(b), "exclusive_min") => n <= b,
                        (Some(n), Some(b), "max") => n > b,
                        (Some(n), Some(b), _) => n >= b,
                        _ => false,
                    };
                    if fails {
                        return base(kind, format!("Input should be {words} {bound}"))
                            .ctx(key, bound);
                    }
                }
                base("value_error", own())
            }
            "regex" => match param(error, "pattern") {
                Some(Value::String(pattern)) => base(
                    "string_pattern_mismatch",
                    format!("String should match pattern '{pattern}'"),
                )
                .ctx("pattern", pattern),
                _ => base("string_pattern_mismatch", own()),
            },
            "required" => base("missing", "Field required".to_owned()),
            // validator's own rules without a Pydantic counterpart: Pydantic's custom
            // validator error.
            code if BUILT_IN.contains(&code) => base("value_error", own()),
            // A code the service chose (`ValidationError::new("not_blank")`): its type.
            _ => {
                let mut v = base("value_error", own());
                v.kind = error.code.clone();
                v
            }
        }
    }

    /// Locations in the order Pydantic reports them: struct fields in declaration order,
    /// list items by index, a location before the ones below it.
    pub(super) fn compare(order: &Order, a: &[Segment], b: &[Segment]) -> Ordering {
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            if x == y {
                continue;
            }
            return match (x, y) {
                (Segment::Index(x), Segment::Index(y)) => x.cmp(y),
                (Segment::Field(x), Segment::Field(y)) => {
                    let fields = order.get(&a[..i]).copied().unwrap_or(&[]);
                    let position = |name: &str| fields.iter().position(|f| *f == name);
                    match (position(x), position(y)) {
                        (Some(p), Some(q)) => p.cmp(&q),
                        (Some(_), None) => Ordering::Less,
                        (None, Some(_)) => Ordering::Greater,
                        (None, None) => x.cmp(y),
                    }
                }
                (Segment::Index(_), Segment::Field(_)) => Ordering::Less,
                (Segment::Field(_), Segment::Index(_)) => Ordering::Greater,
            };
        }
        a.len().cmp(&b.len())
    }
}

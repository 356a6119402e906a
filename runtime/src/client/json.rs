//! A tolerant JSON reader for bodies written by servers we do not control.
//!
//! `serde_json::from_slice` gives all or nothing: one number out of range, one invalid
//! UTF-8 byte, one `NaN`, a body cut short or nested too deep, and the envelope is lost,
//! its code and message with it. This reader builds the same `serde_json::Value` from a
//! well-formed body, and from any other reads what it can, in one pass over the bytes
//! (each byte is looked at a bounded number of times), with a bounded stack (recursion
//! at most [`MAX_DEPTH`] deep) and within a memory budget:
//!
//! - a value that cannot be read (a number out of range, `NaN`, `Infinity`, `01`, a
//!   bare word, any stretch of bytes that is no value) is lost, and reading goes on
//!   after it at the next `,`, `}` or `]` of its container: an object member is left
//!   out, a list entry becomes `null` (so the entries after it keep their places);
//! - invalid UTF-8 and invalid escapes (`\ud800` alone, `\x`) become U+FFFD, as
//!   `String::from_utf8_lossy` does;
//! - a body that ends inside a value (cut short) keeps everything before the cut (a
//!   string its characters so far; a number or word touching the end is dropped, since
//!   it may be the start of a longer one); bytes after a root object or list are
//!   ignored (and counted as a bad value), and a root scalar followed by more than
//!   whitespace is no JSON at all (`502 Bad Gateway` is text, not the number 502);
//! - containers nested deeper than [`MAX_DEPTH`] are skipped;
//! - the values built are charged, in the bytes they occupy, to a budget; once it is
//!   spent, values are skipped, except the envelope's own members (see [`Slot`]), which
//!   are charged to a reserve.
//!
//! Object members keep their order; a repeated key keeps its first place and its last
//! value, as `serde_json` with `preserve_order` does.

use std::mem::size_of;

use serde_json::{Map, Number, Value};

use super::limits::MAX_DEPTH;

/// What [`read`] made of a body.
pub(super) struct Read {
    /// The value read; `Null` when the body is not JSON (its first value cannot be
    /// read, or it is a scalar followed by more than whitespace).
    pub value: Value,
    /// Values lost because they could not be read.
    pub bad_values: usize,
    /// Invalid UTF-8 sequences and escapes replaced by U+FFFD.
    pub replaced: usize,
    /// Values skipped for the budget or the depth limit, or strings cut for the budget.
    pub left_out: bool,
    /// The body ended inside a value.
    pub cut_short: bool,
}

/// Reads `bytes` as JSON, building values worth at most `budget` bytes, and up to
/// `reserve` bytes more for the envelope's own members.
pub(super) fn read(bytes: &[u8], budget: usize, reserve: usize) -> Read {
    let mut p = Parser {
        b: bytes,
        i: 0,
        budget,
        reserve,
        spent: false,
        elems: Vec::new(),
        members: Vec::new(),
        bad_values: 0,
        replaced: 0,
        left_out: false,
        cut_short: false,
    };
    if p.b.starts_with(b"\xEF\xBB\xBF") {
        p.i = 3;
    }
    p.ws();
    let container = matches!(p.peek(), Some(b'{' | b'['));
    let value = match p.peek() {
        None => None,
        Some(_) => p.value(0, Slot::ROOT),
    };
    p.ws();
    let trailing = p.i < p.b.len();
    let json = value.is_some() && (container || !trailing);
    if container && trailing {
        p.bad_values += 1;
    }
    let (value, json) = match value {
        Some(v) if json => (v, true),
        _ => (Value::Null, false),
    };
    Read {
        value,
        bad_values: if json { p.bad_values } else { 0 },
        replaced: if json { p.replaced } else { 0 },
        left_out: json && p.left_out,
        cut_short: json && p.cut_short,
    }
}

/// Where a value sits in the envelope, which decides whether it is read once the budget
/// is spent.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Slot {
    /// A scalar here is one of the envelope's own members (`code`, `message`, ...):
    /// read from the reserve when the budget is spent.
    known: bool,
    /// An object here is walked for its own known members when the budget is spent:
    /// the root, and its `error`, `meta` and `detail` objects.
    role: Role,
}

/// Where a charge was taken from.
#[derive(Clone, Copy)]
enum Pool {
    Budget,
    Reserve,
}

/// What an object is to the envelope.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The body itself: its `status`, `type`, `title`, `instance` and `code` are known,
    /// its `error`, `meta` and `detail` objects are [`Envelope`](Self::Envelope)s.
    Root,
    /// `error`, `meta` or `detail`: its `code`, `message`, `msg`, `detail`,
    /// `request_id` and `retry_after` are known.
    Envelope,
    /// Anything else (details, violations, values).
    Plain,
}

impl Slot {
    const ROOT: Self = Self {
        known: false,
        role: Role::Root,
    };
    const PLAIN: Self = Self {
        known: false,
        role: Role::Plain,
    };

    /// The slot of the member `key` of an object in `role`.
    fn member(role: Role, key: &str) -> Self {
        match (role, key) {
            (Role::Root, "error" | "meta" | "detail") => Self {
                known: true,
                role: Role::Envelope,
            },
            (Role::Root, "status" | "type" | "title" | "instance" | "code")
            | (
                Role::Envelope,
                "code" | "message" | "msg" | "detail" | "request_id" | "retry_after",
            ) => Self {
                known: true,
                role: Role::Plain,
            },
            _ => Self::PLAIN,
        }
    }
}

/// The longest key that can be a known one (`retry_after`, `request_id`).
const KNOWN_KEY_MAX: usize = 16;

/// What one list entry costs: its slot in the final list.
const ELEM_COST: usize = size_of::<Value>();
/// What one object member costs beyond its key's text: its entry (hash, key, value) in
/// the final map and its share of the map's index table (8-byte slots at a load factor
/// of 7/8, doubled for the rounding up to a power of two, and a control byte each).
const MEMBER_COST: usize = size_of::<u64>() + size_of::<String>() + size_of::<Value>() + 24;
/// What an object costs beyond its members (the index table's fixed part).
const OBJECT_COST: usize = 64;

struct Parser<'b> {
    b: &'b [u8],
    i: usize,
    /// Bytes of values that may still be built.
    budget: usize,
    /// Bytes of the envelope's own members that may still be built once the budget is
    /// spent.
    reserve: usize,
    /// The budget ran out: only the envelope's own members are built from now on.
    spent: bool,
    /// The entries read so far of every list being read, innermost last.
    elems: Vec<Value>,
    /// The members read so far of every object being read, innermost last.
    members: Vec<(String, Value)>,
    bad_values: usize,
    replaced: usize,
    left_out: bool,
    cut_short: bool,
}

impl<'b> Parser<'b> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// Takes `cost` bytes from the budget, or for a known member from the reserve, and
    /// says which. `None`, and the budget spent, when neither has them.
    fn charge(&mut self, cost: usize, known: bool) -> Option<Pool> {
        if !self.spent && cost <= self.budget {
            self.budget -= cost;
            return Some(Pool::Budget);
        }
        self.spent = true;
        if known && cost <= self.reserve {
            self.reserve -= cost;
            return Some(Pool::Reserve);
        }
        None
    }

    /// Gives back what [`charge`](Self::charge) took for a value that was lost.
    fn refund(&mut self, pool: Pool, cost: usize) {
        match pool {
            Pool::Budget => self.budget += cost,
            Pool::Reserve => self.reserve += cost,
        }
    }

    /// What a string may still take: the budget, and the reserve for a known one.
    fn allowance(&self, known: bool) -> usize {
        let budget = if self.spent { 0 } else { self.budget };
        if known {
            budget.saturating_add(self.reserve)
        } else {
            budget
        }
    }

    /// Charges `len` bytes of text taken from [`allowance`](Self::allowance).
    fn charge_text(&mut self, len: usize) {
        let from_budget = if self.spent { 0 } else { len.min(self.budget) };
        self.budget -= from_budget;
        self.reserve = self.reserve.saturating_sub(len - from_budget);
        if len > from_budget {
            self.spent = true;
        }
    }

    /// A value at the current position (whitespace skipped), inside `depth` containers.
    /// `None` when it is lost (counted in `bad_values` or `left_out`).
    fn value(&mut self, depth: usize, slot: Slot) -> Option<Value> {
        self.ws();
        let building = !self.spent || slot.known || slot.role != Role::Plain;
        match self.peek() {
            None => {
                self.cut_short = true;
                None
            }
            Some(b'{' | b'[') if depth >= MAX_DEPTH || !building => {
                self.left_out = true;
                self.skip_container();
                None
            }
            Some(b'{') => Some(self.object(depth + 1, slot.role)),
            Some(b'[') => Some(self.array(depth + 1)),
            Some(b'"') if building => Some(Value::String(self.string(slot.known))),
            Some(b'"') => {
                self.left_out = true;
                self.skip_string();
                None
            }
            Some(b',' | b'}' | b']') => {
                // No value where one belongs (`{"a":}`): nothing to step over.
                self.bad_values += 1;
                None
            }
            Some(b':') => {
                self.bad_values += 1;
                self.i += 1;
                self.recover();
                None
            }
            Some(_) => {
                let value = self.scalar(depth);
                if value.is_none() && !self.cut_short {
                    self.bad_values += 1;
                }
                value
            }
        }
    }

    /// `true`, `false`, `null` or a number: the run of bytes up to the next delimiter.
    /// `None` for a run that is none of them, or that touches the end of the body inside
    /// a container (the body was cut short: it may be the start of a longer one).
    fn scalar(&mut self, depth: usize) -> Option<Value> {
        let token = self.token();
        if self.i == self.b.len() && depth > 0 {
            self.cut_short = true;
            return None;
        }
        match token {
            b"true" => Some(Value::Bool(true)),
            b"false" => Some(Value::Bool(false)),
            b"null" => Some(Value::Null),
            _ => number(token).map(Value::Number),
        }
    }

    /// The run of bytes at the current position up to the next delimiter; moves past it.
    fn token(&mut self) -> &'b [u8] {
        let start = self.i;
        while let Some(b) = self.peek() {
            if matches!(
                b,
                b',' | b'}' | b']' | b':' | b'"' | b'{' | b'[' | b' ' | b'\t' | b'\n' | b'\r'
            ) {
                break;
            }
            self.i += 1;
        }
        let b = self.b;
        &b[start..self.i]
    }

    /// An object, its `{` at the current position, with its members in `role`.
    fn object(&mut self, depth: usize, role: Role) -> Value {
        self.i += 1;
        let start = self.members.len();
        let envelope = role != Role::Plain;
        // An object that cannot be paid for is read as `{}` (its members skipped).
        let _ = self.charge(OBJECT_COST, envelope);
        loop {
            self.ws();
            match self.peek() {
                None => {
                    self.cut_short = true;
                    break;
                }
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                // A stray `]`: the object ends there, its container reads it.
                Some(b']') => {
                    self.bad_values += 1;
                    break;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                Some(b'"') => {}
                Some(_) => {
                    self.bad_values += 1;
                    self.recover();
                    continue;
                }
            }
            if self.spent && !envelope {
                self.left_out = true;
                self.skip_rest();
                break;
            }
            let key = self.key(envelope);
            self.ws();
            match self.peek() {
                Some(b':') => self.i += 1,
                None => {
                    self.cut_short = true;
                    break;
                }
                Some(_) => {
                    self.bad_values += 1;
                    self.recover();
                    continue;
                }
            }
            let slot = key
                .as_deref()
                .map_or(Slot::PLAIN, |k| Slot::member(role, k));
            let known = slot.known || slot.role != Role::Plain;
            let cost = MEMBER_COST + key.as_ref().map_or(0, String::len);
            let pool = match key.is_some().then(|| self.charge(cost, known)).flatten() {
                Some(pool) if self.reserve_member(known) => Some(pool),
                Some(pool) => {
                    self.refund(pool, cost);
                    None
                }
                None => None,
            };
            let (Some(key), Some(pool)) = (key, pool) else {
                // Past the budget (or a key too long to be a known one, once it is spent).
                self.left_out = true;
                self.ws();
                self.skip_value();
                continue;
            };
            match self.value(depth, slot) {
                Some(value) => self.members.push((key, value)),
                None => self.refund(pool, cost),
            }
        }
        let members = self.members.drain(start..);
        let mut map = Map::with_capacity(members.len());
        for (key, value) in members {
            map.insert(key, value);
        }
        Value::Object(map)
    }

    /// Room for one more member on the members stack, charged.
    fn reserve_member(&mut self, known: bool) -> bool {
        if self.members.len() < self.members.capacity() {
            return true;
        }
        let extra = self.members.capacity().max(8);
        if self
            .charge(extra * size_of::<(String, Value)>(), known)
            .is_none()
        {
            return false;
        }
        self.members.reserve_exact(extra);
        true
    }

    /// Room for one more entry on the entries stack, charged.
    fn reserve_elem(&mut self) -> bool {
        if self.elems.len() < self.elems.capacity() {
            return true;
        }
        let extra = self.elems.capacity().max(8);
        if self.charge(extra * size_of::<Value>(), false).is_none() {
            return false;
        }
        self.elems.reserve_exact(extra);
        true
    }

    /// A member's key, its `"` at the current position. Once the budget is spent, only
    /// a key short enough to be a known one is decoded (`None` for any other).
    fn key(&mut self, envelope: bool) -> Option<String> {
        if self.spent {
            let (raw, _) = self.string_extent();
            if raw.len() > KNOWN_KEY_MAX {
                return None;
            }
            let mut key = String::new();
            decode(raw, KNOWN_KEY_MAX * 3, Some(&mut key));
            return Some(key);
        }
        Some(self.string(envelope))
    }

    /// A list, its `[` at the current position.
    fn array(&mut self, depth: usize) -> Value {
        self.i += 1;
        let start = self.elems.len();
        loop {
            self.ws();
            match self.peek() {
                None => {
                    self.cut_short = true;
                    break;
                }
                Some(b']') => {
                    self.i += 1;
                    break;
                }
                Some(b'}') => {
                    self.bad_values += 1;
                    break;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                Some(_) => {}
            }
            if self.spent || self.charge(ELEM_COST, false).is_none() || !self.reserve_elem() {
                self.left_out = true;
                self.skip_rest();
                break;
            }
            let value = self.value(depth, Slot::PLAIN);
            if value.is_none() && self.cut_short {
                break;
            }
            self.elems.push(value.unwrap_or(Value::Null));
            // After an entry, a `,` or the end; anything else is skipped.
            self.ws();
            if !matches!(self.peek(), None | Some(b',' | b']' | b'}')) {
                self.bad_values += 1;
                self.recover();
            }
        }
        Value::Array(self.elems.drain(start..).collect())
    }

    /// A string, its `"` at the current position, decoded within the allowance (cut,
    /// and the budget spent, past it).
    fn string(&mut self, known: bool) -> String {
        let (raw, _) = self.string_extent();
        let allowance = self.allowance(known);
        let (len, _, cut) = decode(raw, allowance, None);
        let mut text = String::with_capacity(len);
        let (_, replaced, _) = decode(raw, allowance, Some(&mut text));
        self.replaced += replaced;
        self.charge_text(len);
        if cut {
            self.left_out = true;
            self.spent = true;
        }
        text
    }

    /// The raw bytes of the string at the current position (between its quotes), and
    /// whether it is closed; moves past it. A string the body's end cuts short loses
    /// what the cut left incomplete: a UTF-8 sequence, an escape, or a surrogate pair's
    /// first half (they are not replaced: the rest was never read).
    fn string_extent(&mut self) -> (&'b [u8], bool) {
        let b = self.b;
        let start = self.i + 1;
        let mut j = start;
        // Where the last two escapes start.
        let mut escapes = [None, None];
        while j < self.b.len() {
            match self.b[j] {
                b'"' => {
                    self.i = j + 1;
                    return (&b[start..j], true);
                }
                b'\\' => {
                    escapes = [escapes[1], Some(j)];
                    j += 2;
                }
                _ => j += 1,
            }
        }
        self.i = self.b.len();
        self.cut_short = true;
        let raw = &b[start.min(b.len())..];
        let mut end = utf8_complete(raw);
        if end == raw.len() {
            for escape in escapes.into_iter().rev().flatten() {
                let at = escape - start;
                if incomplete_escape(&raw[at..end]) {
                    end = at;
                }
            }
        }
        (&raw[..end], false)
    }

    fn skip_string(&mut self) {
        let _ = self.string_extent();
    }

    /// Skips the value at the current position, whatever it is.
    fn skip_value(&mut self) {
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'{' | b'[') => self.skip_container(),
            Some(b',' | b'}' | b']') | None => {}
            Some(_) => {
                self.token();
            }
        }
    }

    /// Skips a container, its opening bracket at the current position, to its end.
    fn skip_container(&mut self) {
        self.i += 1;
        self.skip_rest();
    }

    /// Skips the rest of the container the current position is in, its closing bracket
    /// included (any closing bracket closes any opening one).
    fn skip_rest(&mut self) {
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.skip_string();
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return;
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
        self.cut_short = true;
    }

    /// After bytes that are no JSON: skips to the next `,`, `}` or `]` of the current
    /// container (not consumed), stepping over strings and bracketed stretches.
    fn recover(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.skip_string();
                    continue;
                }
                b',' if depth == 0 => return,
                b'}' | b']' if depth == 0 => return,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth -= 1,
                _ => {}
            }
            self.i += 1;
        }
    }
}

/// A JSON number (RFC 8259 §6): an integer that fits `u64` or `i64` as one, anything
/// else as the nearest `f64`; `None` for a token that is no number or is out of range
/// (`1e999999`).
fn number(token: &[u8]) -> Option<Number> {
    let digits = |mut i: usize| {
        let start = i;
        while token.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > start).then_some(i)
    };
    let mut i = usize::from(token.first() == Some(&b'-'));
    let int_start = i;
    i = digits(i)?;
    if token[int_start] == b'0' && i - int_start > 1 {
        return None;
    }
    let integer = i == token.len();
    if token.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
    }
    if matches!(token.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(token.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
    }
    if i != token.len() {
        return None;
    }
    // ASCII by construction.
    let text = std::str::from_utf8(token).ok()?;
    if integer {
        if let Ok(n) = text.parse::<u64>() {
            return Some(n.into());
        }
        // `-0` is a float, as `serde_json` reads it.
        if let Ok(n) = text.parse::<i64>()
            && n != 0
        {
            return Some(n.into());
        }
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

/// Decodes the raw bytes of a string (between its quotes) into `out`, or only measures
/// them when `out` is `None`, stopping before the first character that would take the
/// text past `limit` bytes. Returns the text's length, the number of replacements
/// (U+FFFD for invalid UTF-8 and escapes) and whether it was cut at `limit`.
fn decode(raw: &[u8], limit: usize, mut out: Option<&mut String>) -> (usize, usize, bool) {
    let mut len = 0usize;
    let mut replaced = 0usize;
    let mut push = |s: &str, len: &mut usize| -> bool {
        if s.len() > limit - *len {
            let fit = s.floor_char_boundary(limit - *len);
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&s[..fit]);
            }
            *len += fit;
            return false;
        }
        if let Some(out) = out.as_deref_mut() {
            out.push_str(s);
        }
        *len += s.len();
        true
    };
    let mut i = 0;
    while i < raw.len() {
        let run_end = raw[i..]
            .iter()
            .position(|&b| b == b'\\')
            .map_or(raw.len(), |p| i + p);
        for chunk in raw[i..run_end].utf8_chunks() {
            if !push(chunk.valid(), &mut len) {
                return (len, replaced, true);
            }
            if !chunk.invalid().is_empty() {
                replaced += 1;
                if !push("\u{fffd}", &mut len) {
                    return (len, replaced, true);
                }
            }
        }
        i = run_end;
        if i >= raw.len() {
            break;
        }
        // An escape at `i`.
        let (c, used, bad) = escape(&raw[i..]);
        i += used;
        replaced += usize::from(bad);
        let mut buf = [0u8; 4];
        if let Some(c) = c
            && !push(c.encode_utf8(&mut buf), &mut len)
        {
            return (len, replaced, true);
        }
    }
    (len, replaced, false)
}

/// The escape at the start of `raw` (its `\`): the character, the bytes it takes, and
/// whether it was replaced by U+FFFD. `None` for a `\` at the very end (a string cut
/// short).
fn escape(raw: &[u8]) -> (Option<char>, usize, bool) {
    let simple = match raw.get(1) {
        None => return (None, 1, false),
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => {
            let Some(high) = hex4(&raw[2..]) else {
                return (Some('\u{fffd}'), 2, true);
            };
            if (0xD800..0xDC00).contains(&high)
                && raw.get(6..8) == Some(b"\\u")
                && let Some(low) = hex4(&raw[8..])
                && (0xDC00..0xE000).contains(&low)
            {
                let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return (char::from_u32(c).or(Some('\u{fffd}')), 12, false);
            }
            return match char::from_u32(high) {
                Some(c) => (Some(c), 6, false),
                None => (Some('\u{fffd}'), 6, true),
            };
        }
        // Not an escape: replaced, and an ASCII byte after the `\` with it.
        Some(b) if b.is_ascii() => return (Some('\u{fffd}'), 2, true),
        Some(_) => return (Some('\u{fffd}'), 1, true),
    };
    (Some(simple), 2, false)
}

/// Whether `tail`, an escape and what follows it to the end of a string cut short, is
/// an escape the cut left incomplete: a `\\` alone, `\\u` with fewer than four hex
/// digits, or a high surrogate whose low half is missing or incomplete.
fn incomplete_escape(tail: &[u8]) -> bool {
    match tail.get(1) {
        None => true,
        Some(b'u') => {
            let hex = &tail[2..];
            if hex.len() < 4 {
                return hex.iter().all(u8::is_ascii_hexdigit);
            }
            let high = hex4(hex).is_some_and(|h| (0xD800..0xDC00).contains(&h));
            let rest = &tail[6..];
            high && rest.len() < 6
                && rest.iter().zip(b"\\u").all(|(a, b)| a == b)
                && rest.iter().skip(2).all(u8::is_ascii_hexdigit)
        }
        Some(_) => false,
    }
}

/// The length of `bytes` without a UTF-8 sequence cut short at its end (at most three
/// bytes go; invalid bytes stay, to be replaced).
pub(super) fn utf8_complete(bytes: &[u8]) -> usize {
    let end = bytes.len();
    let Some(lead) = (end.saturating_sub(3)..end)
        .rev()
        .find(|&i| bytes[i] & 0xC0 != 0x80)
    else {
        return end;
    };
    let needs = match bytes[lead] {
        0xF0..=0xF4 => 4,
        0xE0..=0xEF => 3,
        0xC2..=0xDF => 2,
        _ => return end,
    };
    if lead + needs > end
        && std::str::from_utf8(&bytes[lead..]).is_err_and(|e| e.error_len().is_none())
    {
        lead
    } else {
        end
    }
}

fn hex4(raw: &[u8]) -> Option<u32> {
    let digits = raw.get(..4)?;
    digits
        .iter()
        .try_fold(0u32, |n, &b| Some(n * 16 + char::from(b).to_digit(16)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Read {
        read(text, usize::MAX / 4, usize::MAX / 4)
    }

    #[test]
    fn well_formed_bodies_read_as_serde_json_reads_them() {
        for text in [
            r#"{"a":1,"b":[true,false,null,-1,1.5,-0,1e3,18446744073709551616],"c":{"d":"é\n\"\\\/\b\f\r\t\u00e9\ud83d\ude00"}}"#,
            r#"[]"#,
            r#"{}"#,
            r#"  {"a" : [ 1 , 2 ] , "a" : 3 }  "#,
            r#""text""#,
            "12",
            "-9223372036854775808",
            "1.7976931348623157e308",
            "5e-324",
            r#"{"x":0.1,"y":123456789012345678901234567890,"z":-1e-400}"#,
        ] {
            let want: Value = serde_json::from_str(text).unwrap();
            let got = parse(text.as_bytes());
            assert_eq!(got.value, want, "{text}");
            assert_eq!((got.bad_values, got.replaced), (0, 0), "{text}");
            assert!(!got.left_out && !got.cut_short, "{text}");
        }
    }

    #[test]
    fn bad_values_are_lost_one_by_one() {
        let got =
            parse(br#"{"a":1e999999,"b":NaN,"c":[1,-Infinity,01,x,3],"d":"ok","e":tru,"f":}"#);
        assert_eq!(
            got.value,
            serde_json::json!({"c":[1,null,null,null,3],"d":"ok"})
        );
        assert_eq!(got.bad_values, 7);
        let got = parse(b"{\"a\":\"\xff\\ud800\\x\\u12\",\"b\":\"\\udc00\\ud800\\udc00\"}");
        assert_eq!(
            got.value,
            serde_json::json!({"a":"\u{fffd}\u{fffd}\u{fffd}\u{fffd}12","b":"\u{fffd}\u{10000}"})
        );
        assert_eq!(got.replaced, 5);
        // Garbage between members, stray brackets, missing colons, trailing bytes.
        let got = parse(br#"{"a":1 junk [1,"]"], "b" 2, "c":3, ]"#);
        assert_eq!(got.value, serde_json::json!({"a":1,"c":3}));
        assert_eq!(got.bad_values, 4);
        let got = parse(br#"{"a":1,,"b":{"c":2]},"d":4} tail"#);
        assert_eq!(got.value, serde_json::json!({"a":1,"b":{"c":2}}));
        assert!(got.bad_values >= 2);
    }

    #[test]
    fn not_json() {
        for text in [
            &b""[..],
            b"   ",
            b"<html>",
            b"502 Bad Gateway",
            b"upstream error",
            b"\"a\" b",
            b"]",
        ] {
            let got = parse(text);
            assert_eq!(got.value, Value::Null, "{}", String::from_utf8_lossy(text));
            assert_eq!(got.bad_values, 0);
        }
    }

    #[test]
    fn cut_short() {
        let got = parse(br#"{"a":"abc","b":[1,2"#);
        assert_eq!(got.value, serde_json::json!({"a":"abc","b":[1]}));
        assert!(got.cut_short);
        let got = parse(br#"{"a":"ab"#);
        assert_eq!(got.value, serde_json::json!({"a":"ab"}));
        let got = parse(br#"{"a":"ab\u00"#);
        assert_eq!(got.value, serde_json::json!({"a":"ab"}));
        let got = parse(br#"{"a""#);
        assert_eq!(got.value, serde_json::json!({}));
    }

    #[test]
    fn a_cut_leaves_no_half_character() {
        for (text, want) in [
            (&b"{\"a\":\"x\xc3"[..], "x"),
            (b"{\"a\":\"x\xe2\x82", "x"),
            (b"{\"a\":\"x\xf0\x9f\x98", "x"),
            (b"{\"a\":\"x\\", "x"),
            (b"{\"a\":\"x\\u00", "x"),
            (b"{\"a\":\"x\\ud83d", "x"),
            (b"{\"a\":\"x\\ud83d\\", "x"),
            (b"{\"a\":\"x\\ud83d\\ude0", "x"),
            (b"{\"a\":\"x\\ud83d\\ude00", "x\u{1f600}"),
            (b"{\"a\":\"x\\n", "x\n"),
            (b"{\"a\":\"x\\\\", "x\\"),
            // Not cut characters: replaced as ever.
            (b"{\"a\":\"x\xff", "x\u{fffd}"),
            (b"{\"a\":\"x\\udc00", "x\u{fffd}"),
            (b"{\"a\":\"x\\ud83dab", "x\u{fffd}ab"),
            (b"{\"a\":\"x\xc3(", "x\u{fffd}("),
        ] {
            let got = parse(text);
            assert_eq!(got.value["a"], want, "{}", String::from_utf8_lossy(text));
            assert!(got.cut_short);
        }
        assert_eq!(utf8_complete(b"ab\xe2\x82"), 2);
        assert_eq!(utf8_complete(b"ab\xe2\x82\xac"), 5);
        assert_eq!(utf8_complete(b"ab\x82"), 3);
        assert_eq!(utf8_complete(b""), 0);
    }

    #[test]
    fn depth_is_limited() {
        let mut text = "[".repeat(MAX_DEPTH + 1);
        text.push_str(&"]".repeat(MAX_DEPTH + 1));
        let got = parse(text.as_bytes());
        assert!(got.left_out);
        let mut v = &got.value;
        let mut depth = 0;
        while let Value::Array(a) = v {
            depth += 1;
            v = &a[0];
        }
        assert_eq!((depth, v), (MAX_DEPTH, &Value::Null));
    }

    #[test]
    fn the_budget_keeps_the_envelopes_own_members() {
        let body = format!(
            r#"{{"error":{{"details":[{}],"code":"C","message":"M","other":"x"}},"meta":{{"request_id":"R"}}}}"#,
            vec!["0"; 10_000].join(",")
        );
        let got = read(body.as_bytes(), 4096, 4096);
        assert!(got.left_out);
        let error = &got.value["error"];
        assert_eq!(error["code"], "C");
        assert_eq!(error["message"], "M");
        assert_eq!(error.get("other"), None);
        assert_eq!(got.value["meta"]["request_id"], "R");
        let kept = error["details"].as_array().unwrap().len();
        assert!(kept > 0 && kept < 100, "{kept}");
        // A long string is cut at the budget.
        let body = format!(r#"{{"detail":"{}"}}"#, "a".repeat(10_000));
        let got = read(body.as_bytes(), 1000, 1000);
        let detail = got.value["detail"].as_str().unwrap();
        assert!(
            detail.len() < 2000 && detail.len() > 500,
            "{}",
            detail.len()
        );
        assert!(got.left_out);
    }
}

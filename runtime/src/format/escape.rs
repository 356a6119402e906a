//! JSON string escaping straight into a byte buffer: the bytes `serde_json` writes for
//! the same text (its escapes, its lowercase `\u00XX`), without a serializer, a formatter
//! or an `io::Write` in between.

/// What a byte becomes inside a JSON string: `0` kept as it is, `u` a `\u00XX` escape,
/// any other a two-byte escape `\` followed by it. As `serde_json`'s table: the control
/// characters, `"` and `\`; nothing else (DEL and non-ASCII are kept).
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` escaped for the inside of a JSON string (no quotes).
///
/// The text is scanned eight bytes at a time for a byte to escape (a word test, no
/// table), and copied in runs between them.
#[inline]
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    match next_escape(bytes, 0) {
        // The common case: nothing to escape, one copy.
        None => out.extend_from_slice(bytes),
        Some(at) => escape_from(out, bytes, at),
    }
}

/// [`escape_into`] from the first byte to escape on.
#[inline(never)]
fn escape_from(out: &mut Vec<u8>, bytes: &[u8], first: usize) {
    out.extend_from_slice(&bytes[..first]);
    push_escape(out, bytes[first]);
    let mut start = first + 1;
    while let Some(at) = next_escape(bytes, start) {
        out.extend_from_slice(&bytes[start..at]);
        push_escape(out, bytes[at]);
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cold]
fn push_escape(out: &mut Vec<u8>, b: u8) {
    match ESCAPE[usize::from(b)] {
        b'u' => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xf)],
        ]),
        escape => out.extend_from_slice(&[b'\\', escape]),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` (little-endian) that must be escaped: below 0x20,
/// `"` or `\`. The lowest marked byte is always a real one (a marked byte above a real
/// one may be a false mark; only the lowest is used).
#[inline]
const fn marks(w: u64) -> u64 {
    let control = w.wrapping_sub(ONES * 0x20);
    let quote = w ^ (ONES * b'"' as u64);
    let backslash = w ^ (ONES * b'\\' as u64);
    (control | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES)) & !w & HIGH
}

/// The index of the first byte at or after `from` that must be escaped.
#[inline(always)]
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let m = marks(u64::from_le_bytes(word));
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    // The end (under eight bytes), read as one word: none marked, nothing to find (the
    // common case); else the byte is found one by one.
    let rest = bytes.len() - i;
    let any = if rest >= 4 {
        let mut lo = [0; 4];
        lo.copy_from_slice(&bytes[i..i + 4]);
        let mut hi = [0; 4];
        hi.copy_from_slice(&bytes[bytes.len() - 4..]);
        let (lo, hi) = (u32::from_le_bytes(lo), u32::from_le_bytes(hi));
        // The two halves overlap; a borrow from `lo` into `hi` needs a real mark in `lo`,
        // so "any mark" is exact.
        marks(u64::from(lo) | (u64::from(hi) << 32)) != 0
    } else {
        bytes[i..].iter().any(|&b| ESCAPE[usize::from(b)] != 0)
    };
    if !any {
        return None;
    }
    bytes[i..]
        .iter()
        .position(|&b| ESCAPE[usize::from(b)] != 0)
        .map(|at| i + at)
}

/// Appends `s` as a JSON string, quotes included.
#[inline]
pub(crate) fn quoted_into(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

/// Whether `s` can be written inside a JSON string as it is (nothing to escape).
#[must_use]
pub(crate) const fn plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if ESCAPE[bytes[i] as usize] != 0 {
            return false;
        }
        i += 1;
    }
    true
}

/// Appends `n` in decimal.
#[inline]
pub(crate) fn u64_into(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends `n` in decimal.
#[inline]
pub(crate) fn i64_into(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        quoted_into(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_byte_escapes_as_serde_json_does() {
        for c in (0u32..0x800).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{c:?}");
            assert_eq!(plain(&s), ours(&s) == format!("\"{s}\""), "{c:?}");
        }
        for s in ["", "\"", "\\\\", "é€😀", "\u{7f}", "line\r\nnext\ttab\u{1}"] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn every_length_and_position_of_an_escape() {
        for len in 0..40 {
            for at in 0..=len {
                for special in [
                    '"', '\\', '\n', '\u{1f}', '\u{0}', 'é', '\u{7f}', ' ', '!', '#', ']',
                ] {
                    let s: String = (0..len)
                        .map(|i| if i == at { special } else { 'a' })
                        .collect();
                    assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
                    let two = format!("{s}{special}{s}");
                    assert_eq!(ours(&two), serde_json::to_string(&two).unwrap(), "{two:?}");
                }
            }
        }
    }

    #[test]
    fn random_mixes_of_escapes_and_their_neighbours() {
        // Bytes next to an escape are where a word test could borrow a false mark.
        let alphabet = [
            'a', ' ', '!', '#', '"', '\\', '\n', '\u{1}', '\u{1f}', '\u{0}', ']', 'é',
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = usize::try_from(seed >> 58).unwrap();
            let s: String = (0..len)
                .map(|i| {
                    let r = seed.rotate_left(u32::try_from(i).unwrap() * 5) ^ (seed >> 7);
                    alphabet[usize::try_from(r % alphabet.len() as u64).unwrap()]
                })
                .collect();
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers() {
        let mut out = Vec::new();
        u64_into(&mut out, u64::MAX);
        out.push(b' ');
        i64_into(&mut out, i64::MIN);
        assert_eq!(out, format!("{} {}", u64::MAX, i64::MIN).as_bytes());
    }
}

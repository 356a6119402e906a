//! What the compile-time checks share ([`Product::new`](crate::Product::new) and
//! [`Catalog::with_nested`](crate::Catalog::with_nested)): string equality and a panic
//! message built in `const fn`.

/// `a == b`, usable in `const fn`.
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A panic message built in `const fn`: a fixed buffer, truncated when full.
pub(crate) struct Msg {
    buf: [u8; Msg::CAP],
    len: usize,
}

impl Msg {
    pub(crate) const CAP: usize = 512;

    pub(crate) const fn new() -> Self {
        Self {
            buf: [0; Self::CAP],
            len: 0,
        }
    }

    pub(crate) const fn push(mut self, s: &str) -> Self {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.len < Self::CAP {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// Appends the decimal digits of `n`.
    pub(crate) const fn push_usize(self, n: usize) -> Self {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            // `n % 10` is below 10: the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation)]
            {
                digits[at] = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let (_, tail) = digits.split_at(at);
        match core::str::from_utf8(tail) {
            Ok(s) => self.push(s),
            Err(_) => self,
        }
    }

    pub(crate) const fn as_str(&self) -> &str {
        let (mut bytes, _) = self.buf.split_at(self.len);
        // A truncated message may end inside a character: drop the partial one.
        loop {
            match core::str::from_utf8(bytes) {
                Ok(s) => return s,
                Err(_) => bytes = bytes.split_at(bytes.len() - 1).0,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Msg, str_eq};

    #[test]
    fn message_truncates_on_a_char_boundary() {
        let mut msg = Msg::new();
        for _ in 0..Msg::CAP {
            msg = msg.push("é");
        }
        assert_eq!(msg.as_str().len(), Msg::CAP);
        let msg = Msg::new().push(&"a".repeat(Msg::CAP - 1)).push("é");
        assert_eq!(msg.as_str().len(), Msg::CAP - 1);
    }

    #[test]
    fn numbers_and_equality() {
        let msg = Msg::new()
            .push_usize(0)
            .push(" ")
            .push_usize(1234)
            .push(" ");
        assert_eq!(
            msg.push_usize(usize::MAX).as_str(),
            format!("0 1234 {}", usize::MAX)
        );
        assert!(str_eq("abc", "abc"));
        assert!(!str_eq("abc", "abd"));
        assert!(!str_eq("ab", "abc"));
    }
}

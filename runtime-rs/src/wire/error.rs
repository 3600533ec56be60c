//! Decode errors: the kinds shared by every runtime (docs/wire.md §5.2) and
//! the byte position where decoding stopped.

use std::fmt;

/// What went wrong while decoding; the names are those of docs/wire.md §5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecodeErrorKind {
    /// A value, length or frame needs more bytes than remain (or than its enclosing body allows).
    Truncated,
    /// A bool byte other than 0 or 1.
    InvalidBool,
    /// An optional presence byte other than 0 or 1.
    InvalidOptional,
    /// A string is not valid UTF-8.
    InvalidUtf8,
    /// An enum value names no variant.
    InvalidEnum,
    /// A union tag names no variant.
    UnknownVariant,
    /// An error frame's `error_id` is not thrown by the op.
    UnknownError,
    /// Map keys not strictly ascending.
    MapOrder,
    /// Nesting deeper than the limit.
    DepthExceeded,
    /// A frame longer than the limit.
    TooLarge,
    /// Bytes left after the top-level value of a payload.
    TrailingBytes,
    /// Unknown frame kind or error class.
    BadFrame,
    /// Frame version is not 1.
    UnsupportedVersion,
}

impl DecodeErrorKind {
    /// Every kind, in the order of docs/wire.md §5.2.
    pub const ALL: [DecodeErrorKind; 13] = [
        Self::Truncated,
        Self::InvalidBool,
        Self::InvalidOptional,
        Self::InvalidUtf8,
        Self::InvalidEnum,
        Self::UnknownVariant,
        Self::UnknownError,
        Self::MapOrder,
        Self::DepthExceeded,
        Self::TooLarge,
        Self::TrailingBytes,
        Self::BadFrame,
        Self::UnsupportedVersion,
    ];

    /// The shared snake_case name, e.g. `"invalid_utf8"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Truncated => "truncated",
            Self::InvalidBool => "invalid_bool",
            Self::InvalidOptional => "invalid_optional",
            Self::InvalidUtf8 => "invalid_utf8",
            Self::InvalidEnum => "invalid_enum",
            Self::UnknownVariant => "unknown_variant",
            Self::UnknownError => "unknown_error",
            Self::MapOrder => "map_order",
            Self::DepthExceeded => "depth_exceeded",
            Self::TooLarge => "too_large",
            Self::TrailingBytes => "trailing_bytes",
            Self::BadFrame => "bad_frame",
            Self::UnsupportedVersion => "unsupported_version",
        }
    }

    /// The kind with this shared name, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A decode failure: its kind and the byte offset (from the start of the
/// decoded input) where it was detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    pos: usize,
}

impl DecodeError {
    /// An error of `kind` detected at byte `pos`.
    pub fn new(kind: DecodeErrorKind, pos: usize) -> Self {
        Self { kind, pos }
    }

    /// The shared error kind.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// Byte offset in the decoded input where the error was detected.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// `"<kind> at byte <pos>"`, the message of a system error `decode`
    /// (also the `Display` form), built without `core::fmt` so that a wasm
    /// module whose code does not format otherwise does not link it (~3 KB).
    pub fn message(&self) -> String {
        let mut m = String::with_capacity(32);
        m.push_str(self.kind.as_str());
        m.push_str(" at byte ");
        push_decimal(&mut m, self.pos);
        m
    }
}

/// Appends `n` in decimal to `out`, without `core::fmt` (see [`DecodeError::message`]).
pub(crate) fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_without_fmt_matches_the_display_form() {
        for (pos, text) in [
            (0, "truncated at byte 0"),
            (7, "truncated at byte 7"),
            (4_294_967_295, "truncated at byte 4294967295"),
        ] {
            let e = DecodeError::new(DecodeErrorKind::Truncated, pos);
            assert_eq!(e.message(), text);
            assert_eq!(e.to_string(), text);
        }
        let mut s = String::new();
        push_decimal(&mut s, usize::MAX);
        assert_eq!(s, usize::MAX.to_string());
    }
}

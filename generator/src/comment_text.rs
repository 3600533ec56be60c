//! Schema text (doc comments, `@deprecated` messages) as it enters generated
//! comments, the part every backend shares: what counts as a line break and
//! which characters a comment must not carry as they are (control characters
//! and the bidirectional controls of Trojan Source). Each backend writes the
//! latter in its own escape form (`\u{202E}` in TS, `<U+202E>` in Go).

/// Every character that ends a line in one of the target languages or in an
/// editor: a comment line is split at each (`\r\n` counts as one break where
/// a backend keeps blank lines).
pub const LINE_BREAKS: [char; 5] = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'];

/// Whether `c` is written as an escape inside a comment: control characters
/// other than tab, the byte order mark, and the characters that reorder the
/// text around them (marks, embeddings, overrides, isolates).
pub fn must_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c,
            '\u{feff}'                      // byte order mark (refused by Go)
            | '\u{200e}' | '\u{200f}'       // left-to-right, right-to-left marks
            | '\u{061c}'                    // Arabic letter mark
            | '\u{202a}'..='\u{202e}'       // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}'       // bidi isolates
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_text_is_not() {
        for c in [
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2066}', '\u{200f}',
            '\u{feff}',
        ] {
            assert!(must_escape(c), "{:?}", c);
        }
        for c in ['\t', 'a', 'é', '✓', '*', '/', '`', '$'] {
            assert!(!must_escape(c), "{:?}", c);
        }
    }
}

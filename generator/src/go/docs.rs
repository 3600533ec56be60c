//! Schema text as Go comments: doc comments and `@deprecated` messages are
//! carried into `//` line comments that they can never leave, and that gofmt
//! leaves as they are.
//!
//! - A line break of any kind (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029)
//!   starts a new comment line, so a message cannot end its comment.
//! - Characters Go refuses in source (NUL, a byte order mark) and characters
//!   that make text read differently from how it compiles (other control
//!   characters, bidirectional controls, "Trojan source") are written as
//!   `<U+XXXX>`.
//! - Leading and trailing whitespace is dropped, runs of blank lines become
//!   one, and blank lines at either end go: that is the form gofmt gives doc
//!   comments (an indented line would become a code block).

use kkidl::ir::Meta;
use std::fmt;

/// A comment block to print before a declaration or member: one `//` line
/// per text line, each preceded by `indent` and ended by a newline. Empty
/// when there is nothing to say.
#[derive(Debug, Clone, Default)]
pub struct GoDoc {
    /// The text of each line (an empty one prints as a bare `//`).
    lines: Vec<String>,
    /// What precedes each `//` (a tab inside a struct or interface).
    indent: &'static str,
}

impl GoDoc {
    /// The docs of `meta`, else `fallback`, then its `Deprecated:` paragraph.
    pub fn new(meta: &Meta, fallback: Option<&str>, indent: &'static str) -> GoDoc {
        let mut doc = GoDoc {
            lines: vec![],
            indent,
        };
        for line in &meta.docs {
            doc.push_text(line);
        }
        if doc.lines.is_empty() {
            if let Some(f) = fallback {
                doc.push_text(f);
            }
        }
        if let Some(why) = &meta.deprecated {
            doc.paragraph();
            doc.push_text(&format!("Deprecated: {why}"));
        }
        doc.finish()
    }

    /// A fixed text (generated, e.g. a params struct's description).
    pub fn text(text: &str, indent: &'static str) -> GoDoc {
        let mut doc = GoDoc {
            lines: vec![],
            indent,
        };
        doc.push_text(text);
        doc.finish()
    }

    /// Whether it prints nothing.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Appends `text`, one line per line break in it.
    fn push_text(&mut self, text: &str) {
        for line in text.split(crate::comment_text::LINE_BREAKS) {
            let line = safe_text(line.trim());
            if !line.is_empty() || self.lines.last().is_some_and(|l| !l.is_empty()) {
                self.lines.push(line);
            }
        }
    }

    /// Starts a new paragraph (a blank line unless at the start).
    fn paragraph(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// Drops trailing blank lines.
    fn finish(mut self) -> GoDoc {
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        self
    }
}

impl fmt::Display for GoDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            if line.is_empty() {
                writeln!(f, "{}//", self.indent)?;
            } else {
                writeln!(f, "{}// {line}", self.indent)?;
            }
        }
        Ok(())
    }
}

/// `line` with every unsafe character written as `<U+XXXX>`.
fn safe_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if crate::comment_text::must_escape(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(docs: &[&str], deprecated: Option<&str>) -> Meta {
        Meta {
            docs: docs.iter().map(|d| d.to_string()).collect(),
            deprecated: deprecated.map(str::to_string),
            ..Meta::default()
        }
    }

    #[test]
    fn text_never_leaves_its_comment() {
        let m = meta(
            &["", "  a\u{202e}b\u{0}c\u{feff}", "", "", "d\re\tf  "],
            Some("x\ny\r\n\n  z"),
        );
        let doc = GoDoc::new(&m, Some("unused"), "\t").to_string();
        assert_eq!(
            doc,
            "\t// a<U+202E>b<U+0000>c<U+FEFF>\n\t//\n\t// d\n\t// e\tf\n\t//\n\t// Deprecated: x\n\t// y\n\t//\n\t// z\n"
        );
        assert_eq!(
            GoDoc::new(&meta(&[], None), Some("F."), "").to_string(),
            "// F.\n"
        );
        assert!(GoDoc::new(&meta(&["", " "], None), None, "").is_empty());
    }
}

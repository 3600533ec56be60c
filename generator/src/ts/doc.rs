//! TSDoc blocks of the TS backend, from a declaration's docs and annotations.
//!
//! Schema text is carried into `/** ... */` blocks so that it can never end
//! the comment or disguise the code around it: `*/` becomes `*\/`, every line
//! break ([`LINE_BREAKS`], also inside a `@deprecated` message) starts a new
//! ` * ` line, and the characters [`must_escape`] names are written as their
//! `\u{...}` escape.

use crate::comment_text::{must_escape, LINE_BREAKS};
use kkidl::ir::Meta;

/// The lines of one TSDoc block, before rendering.
#[derive(Debug, Default)]
pub struct DocBlock {
    lines: Vec<String>,
}

impl DocBlock {
    /// The doc lines of `meta`, then `@since` and `@deprecated` tags.
    pub fn from_meta(meta: &Meta) -> Self {
        Self::from_meta_with(meta, &[])
    }

    /// The doc lines of `meta`, then the paragraph `extra` (after a blank
    /// line, when both have lines), then `@since` and `@deprecated` tags.
    pub fn from_meta_with(meta: &Meta, extra: &[String]) -> Self {
        let mut block = DocBlock::default();
        meta.docs.iter().for_each(|d| block.push(d));
        if !extra.is_empty() && !block.is_empty() {
            block.push("");
        }
        extra.iter().for_each(|d| block.push(d));
        if let Some(since) = meta.since {
            block.push(&format!("@since {since}"));
        }
        if let Some(why) = &meta.deprecated {
            block.push(&format!("@deprecated {why}"));
        }
        block
    }

    /// Appends `text`, one line per line break in it, each made safe for a block comment.
    pub fn push(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n");
        self.lines.extend(text.split(LINE_BREAKS).map(comment_safe));
    }

    /// Whether the block has no line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The block (`/**`, ` * ` lines, ` */`, each ending in a newline)
    /// indented by `indent`; empty when it has no line.
    pub fn render(&self, indent: &str) -> String {
        if self.lines.is_empty() {
            return String::new();
        }
        let mut out = format!("{indent}/**\n");
        for l in &self.lines {
            if l.is_empty() {
                out.push_str(&format!("{indent} *\n"));
            } else {
                out.push_str(&format!("{indent} * {l}\n"));
            }
        }
        out.push_str(&format!("{indent} */\n"));
        out
    }
}

/// A TSDoc block from docs and annotations, indented by `indent`; empty when there is nothing to say.
pub fn tsdoc(meta: &Meta, indent: &str) -> String {
    DocBlock::from_meta(meta).render(indent)
}

/// One line of schema text made safe inside a `/** */` block.
fn comment_safe(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '*' && chars.peek() == Some(&'/') {
            out.push_str("*\\");
        } else if must_escape(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stays_inside_the_comment() {
        let meta = Meta {
            docs: vec![
                "ends */ here".into(),
                "".into(),
                "rtl \u{202E}x\u{2066} bell \u{7} ${x} `t` -->".into(),
            ],
            since: Some(3),
            deprecated: Some("line one\r\nline two */\r\u{2028}three".into()),
        };
        assert_eq!(
            tsdoc(&meta, "  "),
            "  /**\n   * ends *\\/ here\n   *\n   * rtl \\u{202E}x\\u{2066} bell \\u{0007} ${x} `t` -->\n   * @since 3\n   * @deprecated line one\n   * line two *\\/\n   *\n   * three\n   */\n"
        );
        assert_eq!(tsdoc(&Meta::default(), ""), "");
    }
}

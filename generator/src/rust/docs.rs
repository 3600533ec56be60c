//! Doc comments and `@deprecated` notes carried into generated Rust: every
//! `///` line of a declaration becomes a `#[doc]` attribute (printed as a
//! `///` line), its `@deprecated("why")` a `#[deprecated(note = "why")]`.
//!
//! The text is the user's, so it is carried safely: characters rustc
//! refuses or that would hide what the text says — the bidi controls its
//! deny-by-default `text_direction_codepoint_in_comment`/`_in_literal`
//! lints reject, and control characters — are written as their escape
//! (`\u{202e}`), visible in the rendered docs; a tab becomes four spaces. Newlines and
//! quotes in notes are escaped by the string literal itself; `*/` is
//! harmless in `///` lines.

use kkidl::ir::Meta;
use proc_macro2::TokenStream;
use quote::quote;

/// `text` with the characters no comment may carry as they are (control,
/// byte order mark and bidi characters: `crate::comment_text::must_escape`,
/// which covers rustc's deny-by-default `text_direction_codepoint_*` lints)
/// written as their escape, and tabs as four spaces (clippy's
/// `tabs_in_doc_comments`). A newline (only `@deprecated` notes have them)
/// stays: the string literal escapes it.
pub fn carry(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if c != '\n' && crate::comment_text::must_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `#[doc]` lines from a declaration's docs (none when it has none) and its
/// `#[deprecated]` attribute.
pub fn meta_attrs(meta: &Meta) -> TokenStream {
    let docs = meta.docs.iter().map(|line| format!(" {}", carry(line)));
    let deprecated = deprecated_attr(meta);
    let lists = markdown_lists_allow(&meta.docs);
    quote!(#(#[doc = #docs])* #lists #deprecated)
}

/// Whether a doc line is a Markdown list item (`- x`, `* x`, `+ x`, `1. x`, `1) x`).
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) || ["-", "*", "+"].contains(&line) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// The doc text is the user's Markdown, which the generator does not
/// rewrite: where it has list items, clippy's list-layout lints
/// (`doc_lazy_continuation`, `doc_overindented_list_items`) may fire on
/// the lines after them, so the item allows exactly those two.
fn markdown_lists_allow(docs: &[String]) -> Option<TokenStream> {
    docs.iter().any(|l| is_list_item(l)).then(
        || quote!(#[allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]),
    )
}

/// [`meta_attrs`], with `fallback` as the doc when the declaration has none.
pub fn meta_attrs_or(meta: &Meta, fallback: &str) -> TokenStream {
    if meta.docs.is_empty() {
        let line = format!(" {}", carry(fallback));
        let deprecated = deprecated_attr(meta);
        quote!(#[doc = #line] #deprecated)
    } else {
        meta_attrs(meta)
    }
}

/// `#[deprecated(note = "...")]` for a `@deprecated` declaration.
pub fn deprecated_attr(meta: &Meta) -> Option<TokenStream> {
    meta.deprecated.as_ref().map(|why| {
        let why = carry(why);
        quote!(#[deprecated(note = #why)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_and_control_characters_are_escaped() {
        assert_eq!(
            carry("a\u{202e}b\u{2066}c\td\u{7}"),
            "a\\u{202e}b\\u{2066}c    d\\u{7}"
        );
        assert_eq!(carry("*/ --> ${x} `t` \"q\""), "*/ --> ${x} `t` \"q\"");
    }

    #[test]
    fn markdown_list_items_are_recognised() {
        for item in ["- a", "* a", "+ a", "1. a", "12) a", "  - nested", "-"] {
            assert!(is_list_item(item), "{item}");
        }
        for text in ["a - b", "1.5 units", "-x", "**bold**", ""] {
            assert!(!is_list_item(text), "{text}");
        }
    }
}

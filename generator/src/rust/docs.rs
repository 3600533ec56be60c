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

/// Whether rustc refuses `c` in comments and literals (bidi embedding,
/// override and isolate controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with bidi controls and control characters replaced by their
/// escape, and tabs by four spaces (clippy's `tabs_in_doc_comments`).
pub fn carry(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if is_bidi_control(c) || (c.is_control() && c != '\n') {
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
    quote!(#(#[doc = #docs])* #deprecated)
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
}

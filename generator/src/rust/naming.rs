//! Rust names for schema names, in one place: types and variants PascalCase,
//! fields snake_case (heck), Rust keywords escaped as raw identifiers (`r#type`)
//! or, for the few that cannot be raw (`self`, `Self`, `super`, `crate`), suffixed with `_`.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords (strict and reserved, all editions) that must be escaped.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// An identifier for `name`, escaped if it is a keyword.
pub fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The Rust name of a declared type (struct, enum, union, error, handle).
pub fn type_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The Rust identifier of a declared type.
pub fn type_ident(name: &str) -> Ident {
    ident(&type_name(name))
}

/// The Rust name of a struct/error field or op parameter.
pub fn field_name(name: &str) -> String {
    name.to_snake_case()
}

/// The Rust identifier of a struct/error field or op parameter.
pub fn field_ident(name: &str) -> Ident {
    ident(&field_name(name))
}

/// The Rust name of an enum or union variant.
pub fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The Rust identifier of an enum or union variant.
pub fn variant_ident(name: &str) -> Ident {
    ident(&variant_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(field_ident("type").to_string(), "r#type");
        assert_eq!(field_ident("self").to_string(), "self_");
        assert_eq!(field_ident("vertexCount").to_string(), "vertex_count");
        assert_eq!(type_ident("Self").to_string(), "Self_");
        assert_eq!(type_ident("mesh_data").to_string(), "MeshData");
    }
}

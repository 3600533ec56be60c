//! TypeScript names for schema names, in one place.
//!
//! Conventions (the wire carries no names, so these are free to choose):
//! types, enum variants and union tags keep PascalCase (`Mesh`, `Red`,
//! `Circle`); fields, op methods and parameters are camelCase
//! (`vertex_count` → `vertexCount`); codec functions are `encodeX`,
//! `decodeX`, `maxSizeX` and `defaultX`; op codecs are named after
//! `{Service}{Op}Params` / `{Service}{Op}Result`; typed error classes are
//! `{Error}Error`. Identifiers that are TypeScript reserved words get a
//! trailing `_` (property names need no escaping and keep their name), and
//! type names that would shadow a global the generated code uses (`Map`,
//! `Error`, `Float32Array`, ...) or a runtime import (`Reader`, `Writer`,
//! `CallOptions`) too. Names the templates invent where parameter bindings
//! are in scope (`transport_`, `options_`, `f_`, `opCall_`, `types_`) end in
//! `_` and are no reserved word, so no schema name can take or shadow them
//! (docs/kkidl.md §5.4).

use heck::{ToLowerCamelCase, ToUpperCamelCase};

/// Words that cannot be used as TS/JS bindings (reserved, strict-mode and module-reserved words).
const RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
    "arguments",
    "eval",
    "undefined",
];

/// Global names the generated code uses (and the runtime imports): a schema
/// type must not shadow them, so such type names get a trailing `_`.
const TAKEN_TYPE_NAMES: &[&str] = &[
    "Array",
    "Map",
    "Error",
    "Object",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "BigInt",
    "Promise",
    "Date",
    "DataView",
    "ArrayBuffer",
    "Uint8Array",
    "Int8Array",
    "Uint16Array",
    "Int16Array",
    "Uint32Array",
    "Int32Array",
    "Float32Array",
    "Float64Array",
    "BigInt64Array",
    "BigUint64Array",
    "Reader",
    "CallOptions",
    "Writer",
    "DecodeError",
];

/// Appends `_` to reserved words so the name is a valid binding.
pub fn escape(ident: String) -> String {
    if RESERVED.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// A type name (struct, enum, union, error, handle): PascalCase.
pub fn type_name(name: &str) -> String {
    let name = name.to_upper_camel_case();
    if TAKEN_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A service name as the stem of the items generated for it (`{Service}Api`,
/// `create{Service}Client`, `{Service}OpIds`): PascalCase, never escaped —
/// it is never a binding of its own, and kkidl keeps these composites free (E0604).
pub fn service_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// A struct field or op parameter as an object property: camelCase (never escaped).
pub fn field_name(name: &str) -> String {
    name.to_lower_camel_case()
}

/// A local binding made from a schema name (a parameter variable): camelCase, escaped.
pub fn binding_name(name: &str) -> String {
    escape(name.to_lower_camel_case())
}

/// An op method name: camelCase, escaped.
pub fn op_name(name: &str) -> String {
    escape(name.to_lower_camel_case())
}

/// An enum variant key or union tag: PascalCase as written.
pub fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The class thrown for a typed error: `{Error}Error` (`NotFound` → `NotFoundError`).
pub fn error_class_name(error: &str) -> String {
    let name = format!("{}Error", error.to_upper_camel_case());
    if TAKEN_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The struct holding an op's parameters: `{Service}{Op}Params`.
pub fn params_name(service: &str, op: &str) -> String {
    format!(
        "{}{}Params",
        service.to_upper_camel_case(),
        op.to_upper_camel_case()
    )
}

/// The name an op's result codecs use: `{Service}{Op}Result`.
pub fn result_name(service: &str, op: &str) -> String {
    format!(
        "{}{}Result",
        service.to_upper_camel_case(),
        op.to_upper_camel_case()
    )
}

/// The name an op's error decoder uses: `{Service}{Op}Error` (as in `decodeCadLookupError`).
pub fn op_error_name(service: &str, op: &str) -> String {
    format!(
        "{}{}Error",
        service.to_upper_camel_case(),
        op.to_upper_camel_case()
    )
}

/// A string as a TS string literal (double quotes, escaped).
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_conventions() {
        assert_eq!(type_name("Mesh"), "Mesh");
        assert_eq!(type_name("Map"), "Map_");
        assert_eq!(op_name("get"), "get");
        assert_eq!(field_name("vertex_count"), "vertexCount");
        assert_eq!(binding_name("default"), "default_");
        assert_eq!(op_name("delete"), "delete_");
        assert_eq!(error_class_name("NotFound"), "NotFoundError");
        assert_eq!(error_class_name("Decode"), "DecodeError_");
        assert_eq!(params_name("Cad", "old_scale"), "CadOldScaleParams");
        assert_eq!(string_literal("a\"b\n"), "\"a\\\"b\\n\"");
    }
}

//! Go names for schema names, in one place: exported identifiers are
//! PascalCase (heck, no initialism rewriting: `field_ids` → `FieldIds`),
//! locals lowerCamelCase with Go keywords escaped, and every derived name
//! (enum constants, union variant types, params structs, codec functions).

use heck::{ToLowerCamelCase, ToUpperCamelCase};

/// Go keywords: a lowerCamel identifier equal to one gets a `_` suffix.
const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Go's predeclared identifiers (types, constants, zero value, builtins): a
/// parameter never shadows one, so generated bodies may use any of them.
const PREDECLARED: &[&str] = &[
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex64",
    "complex128",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
];

/// The prefix of every identifier a generated function body declares (locals,
/// receivers, import aliases of client.go): no parameter starts with it.
pub const LOCAL_PREFIX: &str = "kk";

/// Method names of generated structs/errors that a field must not take.
const METHODS: &[&str] = &["EncodeTo", "DecodeFrom", "Error", "WireID"];

/// The Go name of a declared type (struct, enum, union, error, handle).
pub fn type_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The Go name of a struct/error field or op parameter field (exported);
/// names that would clash with generated methods get a `_` suffix.
pub fn field_name(name: &str) -> String {
    let n = name.to_upper_camel_case();
    if METHODS.contains(&n.as_str()) {
        format!("{n}_")
    } else {
        n
    }
}

/// A local identifier (lowerCamelCase), escaped when it is a Go keyword.
pub fn local_name(name: &str) -> String {
    let n = name.to_lower_camel_case();
    if KEYWORDS.contains(&n.as_str()) {
        format!("{n}_")
    } else {
        n
    }
}

/// An op parameter as a Go argument (client methods, service interface):
/// lowerCamelCase, with a `_` suffix when it is a Go keyword or predeclared
/// identifier, starts with [`LOCAL_PREFIX`], or is one of `taken` (package-level
/// names the generated body uses). Generated locals all start with `kk` and
/// never end with `_`, so no parameter can collide with or shadow them.
pub fn param_name(name: &str, taken: &[String]) -> String {
    let n = name.to_lower_camel_case();
    if KEYWORDS.contains(&n.as_str())
        || PREDECLARED.contains(&n.as_str())
        || n.starts_with(LOCAL_PREFIX)
        || taken.contains(&n)
    {
        format!("{n}_")
    } else {
        n
    }
}

/// The constant of an enum variant, e.g. `ColorBlue`.
pub fn enum_const(enum_name: &str, variant: &str) -> String {
    format!("{}{}", type_name(enum_name), variant.to_upper_camel_case())
}

/// The struct type of a union variant, e.g. `ShapeCircle`.
pub fn union_variant_type(union_name: &str, variant: &str) -> String {
    format!("{}{}", type_name(union_name), variant.to_upper_camel_case())
}

/// The tag constant of a union variant, e.g. `ShapeTagCircle`.
pub fn union_tag_const(union_name: &str, variant: &str) -> String {
    format!(
        "{}Tag{}",
        type_name(union_name),
        variant.to_upper_camel_case()
    )
}

/// The sealing method of a union's interface, e.g. `isShape`.
pub fn union_seal(union_name: &str) -> String {
    format!("is{}", type_name(union_name))
}

/// The function returning a type's default value, e.g. `DefaultPoint`.
pub fn default_fn(type_name_: &str) -> String {
    format!("Default{}", type_name(type_name_))
}

/// The encode function of a union, e.g. `EncodeShape`.
pub fn union_encode_fn(union_name: &str) -> String {
    format!("Encode{}", type_name(union_name))
}

/// The decode function of a union, e.g. `DecodeShape`.
pub fn union_decode_fn(union_name: &str) -> String {
    format!("Decode{}", type_name(union_name))
}

/// The Go name of a service, e.g. `Conformance`.
pub fn service_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The Go method name of an op, e.g. `OldScale`.
pub fn op_method(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The params struct of an op, e.g. `ConformanceScaleParams`.
pub fn params_type(service: &str, op: &str) -> String {
    format!("{}{}Params", service_name(service), op_method(op))
}

/// The suffix of an op's result codec functions, e.g. `ConformanceScaleResult`
/// (`encodeConformanceScaleResult` / `decodeConformanceScaleResult`).
pub fn result_codec(service: &str, op: &str) -> String {
    format!("{}{}Result", service_name(service), op_method(op))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("point_v2"), "PointV2");
        assert_eq!(field_name("field_ids"), "FieldIds");
        assert_eq!(field_name("u8s"), "U8s");
        assert_eq!(field_name("encode_to"), "EncodeTo_");
        assert_eq!(local_name("type"), "type_");
        assert_eq!(local_name("max_value"), "maxValue");
        let taken = ["decodeRulesPingResult".to_string()];
        for (param, arg) in [
            ("err", "err"),
            ("nil", "nil_"),
            ("len", "len_"),
            ("error", "error_"),
            ("type", "type_"),
            ("kk_err", "kkErr_"),
            ("kk", "kk_"),
            ("kkc", "kkc_"),
            ("decode_rules_ping_result", "decodeRulesPingResult_"),
            ("max_value", "maxValue"),
        ] {
            assert_eq!(param_name(param, &taken), arg, "{param}");
        }
        assert_eq!(enum_const("Color", "Blue"), "ColorBlue");
        assert_eq!(
            params_type("Conformance", "old_scale"),
            "ConformanceOldScaleParams"
        );
        assert_eq!(
            result_codec("Rules", "validate_order"),
            "RulesValidateOrderResult"
        );
    }
}

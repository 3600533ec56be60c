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

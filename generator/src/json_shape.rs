//! The JSON value of every kkidl type (`docs/json.md`), in one place.
//!
//! Two views of the same mapping: [`json_type`] / [`json_decl`] describe, per
//! use of a type and per declaration, what its JSON is (the Zod backend
//! renders from them), and [`json_schema`] / [`component_schema`] give the
//! JSON Schema 2020-12 of it (as OpenAPI 3.1 uses; named types are
//! `{"$ref": "#/components/schemas/<Name>"}`), which the OpenAPI document
//! renders from. Object keys and names are the TypeScript ones
//! ([`crate::ts::naming`]), so the JSON and the TS value mostly share a shape.

use crate::ts::naming;
use kkidl::ir::{BufferElem, Field, Ir, MapKey, Meta, Op, Scalar, TypeDef, TypeDefKind, TypeRef};
use serde_json::{json, Map, Value};

/// Where `$ref`s point: `#/components/schemas/` + [`component_name`].
pub const COMPONENTS_PREFIX: &str = "#/components/schemas/";
/// The key of a union's variant name in its JSON object.
pub const UNION_TAG: &str = "tag";
/// The key of a union's payload in its JSON object.
pub const UNION_VALUE: &str = "value";
/// The strings that stand for the floats JSON numbers cannot hold.
pub const FLOAT_SPECIALS: [&str; 3] = ["NaN", "Infinity", "-Infinity"];
/// The largest finite `f32`; an `f32` JSON number must lie within ±this.
pub const F32_MAX: f64 = f32::MAX as f64;
/// A canonical decimal `i64` (no `+`, no leading zeros, no `-0`; the range is checked after).
pub const I64_PATTERN: &str = "^(0|-?[1-9][0-9]{0,18})$";
/// A canonical decimal `u64` (no sign, no leading zeros; the range is checked after).
pub const U64_PATTERN: &str = "^(0|[1-9][0-9]{0,19})$";
/// A canonical decimal `i32` map key.
pub const I32_KEY_PATTERN: &str = "^(0|-?[1-9][0-9]{0,9})$";
/// A canonical decimal `u32` map key.
pub const U32_KEY_PATTERN: &str = "^(0|[1-9][0-9]{0,9})$";
/// Padded standard base64 (RFC 4648 §4), the JSON of `bytes` and typed buffers.
pub const BASE64_PATTERN: &str = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$";

/// What one use of a type is in JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsonType<'a> {
    /// `bool`: `true` / `false`.
    Bool,
    /// `i8`..`u32`: a JSON integer within `min..=max`.
    Integer {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// `i64` / `u64`: a canonical decimal string (read back as `bigint`).
    DecimalString {
        /// `i64` when true, `u64` when false.
        signed: bool,
    },
    /// `f32` / `f64`: a JSON number, or one of [`FLOAT_SPECIALS`].
    Float {
        /// `f32`: finite numbers within ±[`F32_MAX`].
        single: bool,
    },
    /// `string`: a JSON string of well-formed Unicode (no lone surrogates).
    String,
    /// `bytes` (`elem: None`) or a typed buffer: padded base64 of the
    /// little-endian bytes (a whole number of elements).
    Base64 {
        /// The buffer's element type; `None` for `bytes`.
        elem: Option<BufferElem>,
    },
    /// `list<T>`: a JSON array.
    Array(&'a TypeRef),
    /// `map<K, V>`: a JSON object; integer keys as canonical decimal strings.
    Object {
        /// Key type.
        key: MapKey,
        /// Value type.
        value: &'a TypeRef,
    },
    /// `T?`: as a field, absent or `null`; anywhere else, `null`.
    Nullable(&'a TypeRef),
    /// A declared type: see [`json_decl`].
    Named(kkidl::ir::TypeId),
}

/// The inclusive range of an integer scalar that JSON carries as a number.
pub fn integer_range(s: Scalar) -> Option<(i64, i64)> {
    Some(match s {
        Scalar::I8 => (i8::MIN.into(), i8::MAX.into()),
        Scalar::I16 => (i16::MIN.into(), i16::MAX.into()),
        Scalar::I32 => (i32::MIN.into(), i32::MAX.into()),
        Scalar::U8 => (0, u8::MAX.into()),
        Scalar::U16 => (0, u16::MAX.into()),
        Scalar::U32 => (0, u32::MAX.into()),
        _ => return None,
    })
}

/// The JSON of one use of a type.
pub fn json_type(ty: &TypeRef) -> JsonType<'_> {
    match ty {
        TypeRef::Scalar { scalar } => match scalar {
            Scalar::Bool => JsonType::Bool,
            Scalar::I64 => JsonType::DecimalString { signed: true },
            Scalar::U64 => JsonType::DecimalString { signed: false },
            Scalar::F32 => JsonType::Float { single: true },
            Scalar::F64 => JsonType::Float { single: false },
            Scalar::String => JsonType::String,
            Scalar::Bytes => JsonType::Base64 { elem: None },
            s => {
                let (min, max) = integer_range(*s).expect("integer scalar");
                JsonType::Integer { min, max }
            }
        },
        TypeRef::Buffer { elem } => JsonType::Base64 { elem: Some(*elem) },
        TypeRef::List { elem } => JsonType::Array(elem),
        TypeRef::Map { key, value } => JsonType::Object { key: *key, value },
        TypeRef::Optional { inner } => JsonType::Nullable(inner),
        TypeRef::Named { id } => JsonType::Named(*id),
    }
}

/// One key of a JSON object made from fields (a struct, an error, an op's parameters).
#[derive(Debug, Clone, Copy)]
pub struct JsonField<'a> {
    /// The field as declared.
    pub field: &'a Field,
    /// Whether the key may be absent (the field is `T?`; absent and `null` both mean "none").
    pub optional: bool,
}

impl JsonField<'_> {
    /// The JSON key: the TS property name (lowerCamelCase).
    pub fn key(&self) -> String {
        naming::field_name(&self.field.name)
    }
}

/// One variant of a union's JSON: `{"tag": name}` or `{"tag": name, "value": payload}`.
#[derive(Debug, Clone, Copy)]
pub struct JsonVariant<'a> {
    /// The variant as declared.
    pub variant: &'a kkidl::ir::UnionVariant,
}

impl JsonVariant<'_> {
    /// The value of `"tag"`: the variant's name as the TS types spell it.
    pub fn tag(&self) -> String {
        naming::variant_name(&self.variant.name)
    }
}

/// What a declared type is in JSON.
#[derive(Debug, Clone)]
pub enum JsonDecl<'a> {
    /// Struct or error: an object with exactly these keys (unknown keys are refused).
    Object(Vec<JsonField<'a>>),
    /// Enum: one of these variant names (the string), each with its wire value.
    EnumName(Vec<(String, u32)>),
    /// Union: an object `{"tag", "value"?}`, one of these variants.
    Union(Vec<JsonVariant<'a>>),
    /// Handle: a JSON integer in `0..=u32::MAX` (the handle's id).
    Handle,
}

/// The JSON object of a field list.
pub fn json_fields(fields: &[Field]) -> Vec<JsonField<'_>> {
    fields
        .iter()
        .map(|field| JsonField {
            field,
            optional: matches!(field.ty, TypeRef::Optional { .. }),
        })
        .collect()
}

/// What a declared type is in JSON.
pub fn json_decl(def: &TypeDef) -> JsonDecl<'_> {
    match &def.kind {
        TypeDefKind::Struct(s) => JsonDecl::Object(json_fields(&s.fields)),
        TypeDefKind::Error(e) => JsonDecl::Object(json_fields(&e.fields)),
        TypeDefKind::Enum(e) => JsonDecl::EnumName(
            e.variants
                .iter()
                .map(|v| (naming::variant_name(&v.name), v.value))
                .collect(),
        ),
        TypeDefKind::Union(u) => JsonDecl::Union(
            u.variants
                .iter()
                .map(|variant| JsonVariant { variant })
                .collect(),
        ),
        TypeDefKind::Handle => JsonDecl::Handle,
    }
}

/// The name of a declared type under `components.schemas` (its TS type name).
pub fn component_name(def: &TypeDef) -> String {
    naming::type_name(&def.name)
}

/// The JSON Schema of one use of a type; declared types are `$ref`s.
pub fn json_schema(ir: &Ir, ty: &TypeRef) -> Value {
    match json_type(ty) {
        JsonType::Bool => json!({"type": "boolean"}),
        JsonType::Integer { min, max } => {
            json!({"type": "integer", "minimum": min, "maximum": max})
        }
        JsonType::DecimalString { signed } => json!({
            "type": "string",
            "pattern": if signed { I64_PATTERN } else { U64_PATTERN },
            "format": if signed { "int64" } else { "uint64" },
        }),
        JsonType::Float { single } => {
            let mut number = json!({"type": "number"});
            if single {
                number["minimum"] = json!(-F32_MAX);
                number["maximum"] = json!(F32_MAX);
            }
            json!({"anyOf": [number, {"type": "string", "enum": FLOAT_SPECIALS}]})
        }
        JsonType::String => json!({"type": "string"}),
        JsonType::Base64 { elem } => {
            let mut s = json!({
                "type": "string",
                "contentEncoding": "base64",
                "pattern": BASE64_PATTERN,
            });
            if let Some(e) = elem {
                s["description"] = json!(format!(
                    "{}[]: the little-endian bytes of the elements, base64",
                    e.keyword()
                ));
            }
            s
        }
        JsonType::Array(elem) => json!({"type": "array", "items": json_schema(ir, elem)}),
        JsonType::Object { key, value } => {
            let mut s = json!({"type": "object", "additionalProperties": json_schema(ir, value)});
            let pattern = match key {
                MapKey::String => None,
                MapKey::I32 => Some(I32_KEY_PATTERN),
                MapKey::U32 => Some(U32_KEY_PATTERN),
                MapKey::I64 => Some(I64_PATTERN),
                MapKey::U64 => Some(U64_PATTERN),
            };
            if let Some(p) = pattern {
                s["propertyNames"] = json!({"pattern": p});
            }
            s
        }
        JsonType::Nullable(inner) => json!({"anyOf": [json_schema(ir, inner), {"type": "null"}]}),
        JsonType::Named(id) => {
            json!({"$ref": format!("{COMPONENTS_PREFIX}{}", component_name(ir.ty(id)))})
        }
    }
}

/// `description` (the doc comment) and `deprecated` of a declaration, added to `schema`.
fn with_meta(mut schema: Value, meta: &Meta) -> Value {
    if let Value::Object(o) = &mut schema {
        if !meta.docs.is_empty() {
            o.insert("description".into(), json!(meta.docs.join("\n")));
        }
        if meta.deprecated.is_some() {
            o.insert("deprecated".into(), json!(true));
        }
    }
    schema
}

/// The JSON Schema of an object made of fields (struct, error, op parameters).
pub fn object_schema(ir: &Ir, fields: &[Field]) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in json_fields(fields) {
        properties.insert(
            f.key(),
            with_meta(json_schema(ir, &f.field.ty), &f.field.meta),
        );
        if !f.optional {
            required.push(json!(f.key()));
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// The component schema of a declared type (what its `$ref` points to),
/// with its doc comment as `description`.
pub fn component_schema(ir: &Ir, def: &TypeDef) -> Value {
    let schema = match json_decl(def) {
        JsonDecl::Object(_) => match &def.kind {
            TypeDefKind::Struct(s) => object_schema(ir, &s.fields),
            TypeDefKind::Error(e) => object_schema(ir, &e.fields),
            _ => unreachable!("objects are structs and errors"),
        },
        JsonDecl::EnumName(names) => json!({
            "type": "string",
            "enum": names.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        }),
        JsonDecl::Union(variants) => json!({
            "oneOf": variants.iter().map(|v| {
                let mut properties = Map::new();
                properties.insert(UNION_TAG.into(), json!({"const": v.tag()}));
                let mut required = vec![UNION_TAG];
                if let Some(p) = &v.variant.payload {
                    properties.insert(UNION_VALUE.into(), json_schema(ir, p));
                    required.push(UNION_VALUE);
                }
                with_meta(json!({
                    "type": "object",
                    "properties": properties,
                    "required": required,
                    "additionalProperties": false,
                }), &v.variant.meta)
            }).collect::<Vec<_>>(),
        }),
        JsonDecl::Handle => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX}),
    };
    with_meta(schema, &def.meta)
}

/// Every declared type's component schema, by [`component_name`]
/// (the `components.schemas` of an OpenAPI document).
pub fn component_schemas(ir: &Ir) -> Map<String, Value> {
    ir.types
        .iter()
        .map(|def| (component_name(def), component_schema(ir, def)))
        .collect()
}

/// The JSON Schema of an op's parameters: one object, `{}` for none.
pub fn params_schema(ir: &Ir, op: &Op) -> Value {
    object_schema(ir, &op.params)
}

/// The JSON Schema of an op's result (`null` for an absent `T?`); `None`
/// for ops without a result (no body).
pub fn result_schema(ir: &Ir, op: &Op) -> Option<Value> {
    op.result.as_ref().map(|r| json_schema(ir, r))
}

/// Whether a TS value of `ty` is already its own JSON (§1 of docs/json.md): `JSON.stringify` of
/// the value (with `undefined` for an absent result written `null`) gives exactly the mapping,
/// so writers may skip the codec. True for `bool`, 8- to 32-bit integers, `string`, handles,
/// and lists, optionals, structs, errors and unions made only of those; false where the JSON
/// differs from the TS value (64-bit integers, floats with their special values, bytes and
/// buffers, maps, enums by name, an optional union payload, which JSON writes `null`).
pub fn is_own_json(ir: &Ir, ty: &TypeRef) -> bool {
    own_json(ir, ty, &mut Vec::new())
}

/// [`is_own_json`], with the declared types being looked at (a recursive type is its own JSON
/// when everything else in it is).
fn own_json(ir: &Ir, ty: &TypeRef, seen: &mut Vec<kkidl::ir::TypeId>) -> bool {
    match json_type(ty) {
        JsonType::Bool | JsonType::Integer { .. } | JsonType::String => true,
        JsonType::DecimalString { .. }
        | JsonType::Float { .. }
        | JsonType::Base64 { .. }
        | JsonType::Object { .. } => false,
        JsonType::Array(elem) | JsonType::Nullable(elem) => own_json(ir, elem, seen),
        JsonType::Named(id) => {
            if seen.contains(&id) {
                return true;
            }
            seen.push(id);
            let own = match json_decl(ir.ty(id)) {
                JsonDecl::Object(fields) => fields.iter().all(|f| own_json(ir, &f.field.ty, seen)),
                JsonDecl::EnumName(_) => false,
                JsonDecl::Union(variants) => variants.iter().all(|v| match &v.variant.payload {
                    None => true,
                    Some(TypeRef::Optional { .. }) => false,
                    Some(p) => own_json(ir, p, seen),
                }),
                JsonDecl::Handle => true,
            };
            seen.pop();
            own
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(scalar: Scalar) -> TypeRef {
        TypeRef::Scalar { scalar }
    }

    #[test]
    fn integers_are_numbers_in_range_and_64_bit_ones_decimal_strings() {
        let ir = crate::good_schema_ir("small");
        assert_eq!(
            json_schema(&ir, &scalar(Scalar::U8)),
            json!({"type": "integer", "minimum": 0, "maximum": 255})
        );
        assert_eq!(
            json_type(&scalar(Scalar::I32)),
            JsonType::Integer {
                min: -2147483648,
                max: 2147483647
            }
        );
        let s = json_schema(&ir, &scalar(Scalar::I64));
        assert_eq!(s["type"], "string");
        assert_eq!(s["pattern"], I64_PATTERN);
        assert_eq!(
            json_type(&scalar(Scalar::U64)),
            JsonType::DecimalString { signed: false }
        );
    }

    #[test]
    fn floats_bytes_maps_and_optionals() {
        let ir = crate::good_schema_ir("small");
        let f = json_schema(&ir, &scalar(Scalar::F32));
        assert_eq!(f["anyOf"][0]["maximum"], json!(F32_MAX));
        assert_eq!(
            f["anyOf"][1]["enum"],
            json!(["NaN", "Infinity", "-Infinity"])
        );
        assert_eq!(
            json_schema(
                &ir,
                &TypeRef::Buffer {
                    elem: BufferElem::F64
                }
            )["contentEncoding"],
            "base64"
        );
        let map = TypeRef::Map {
            key: MapKey::U64,
            value: Box::new(scalar(Scalar::Bool)),
        };
        assert_eq!(
            json_schema(&ir, &map),
            json!({"type": "object", "additionalProperties": {"type": "boolean"},
                   "propertyNames": {"pattern": U64_PATTERN}})
        );
        let opt = TypeRef::Optional {
            inner: Box::new(scalar(Scalar::String)),
        };
        assert_eq!(
            json_schema(&ir, &opt),
            json!({"anyOf": [{"type": "string"}, {"type": "null"}]})
        );
    }

    #[test]
    fn declared_types_have_component_schemas_and_refs() {
        let ir = crate::good_schema_ir("small");
        let components = component_schemas(&ir);
        assert_eq!(components.len(), ir.types.len());
        for def in &ir.types {
            let s = &components[&component_name(def)];
            match &def.kind {
                TypeDefKind::Struct(st) => {
                    assert_eq!(s["type"], "object");
                    assert_eq!(s["additionalProperties"], false);
                    for f in &st.fields {
                        let key = naming::field_name(&f.name);
                        assert!(s["properties"].get(&key).is_some(), "{key}");
                        let required = s["required"].as_array().unwrap().contains(&json!(key));
                        assert_eq!(required, !matches!(f.ty, TypeRef::Optional { .. }));
                    }
                }
                TypeDefKind::Enum(e) => {
                    assert_eq!(s["enum"].as_array().unwrap().len(), e.variants.len())
                }
                TypeDefKind::Union(u) => {
                    let arms = s["oneOf"].as_array().unwrap();
                    assert_eq!(arms.len(), u.variants.len());
                    for (arm, v) in arms.iter().zip(&u.variants) {
                        assert_eq!(arm["properties"]["tag"]["const"], json!(v.name));
                        assert_eq!(
                            arm["properties"].get("value").is_some(),
                            v.payload.is_some()
                        );
                    }
                }
                TypeDefKind::Handle => assert_eq!(s["maximum"], json!(u32::MAX)),
                TypeDefKind::Error(_) => assert_eq!(s["type"], "object"),
            }
            let r = json_schema(&ir, &TypeRef::Named { id: def.id });
            assert_eq!(
                r["$ref"],
                json!(format!("{COMPONENTS_PREFIX}{}", component_name(def)))
            );
        }
    }

    #[test]
    fn ops_have_params_objects_and_optional_results() {
        let ir = crate::good_schema_ir("small");
        for op in ir.services.iter().flat_map(|s| &s.ops) {
            let p = params_schema(&ir, op);
            assert_eq!(p["type"], "object");
            assert_eq!(p["properties"].as_object().unwrap().len(), op.params.len());
            assert_eq!(result_schema(&ir, op).is_some(), op.result.is_some());
        }
    }
}

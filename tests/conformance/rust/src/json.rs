//! The vectors' JSON value mapping (docs/wire.md §6) → the serde form of the
//! generated types, driven by the IR: `i64`/`u64` decimal strings become
//! numbers, `bytes` hex strings become byte arrays, and union variants
//! without a payload (`{"Empty": null}`) become unit variants (`"Empty"`).
//! Everything else (objects keyed by field name, map keys as strings, enum
//! names, `null` for absent optionals, numbers) is already serde's form.

use kkidl::ir::{BufferElem, Ir, Scalar, TypeDefKind, TypeId, TypeRef};
use serde_json::{Map, Value};

/// Converts a vector value of named type `ty` into serde form.
pub fn to_serde_named(ir: &Ir, ty: TypeId, v: &Value) -> Result<Value, String> {
    to_serde(ir, &TypeRef::Named { id: ty }, v)
}

/// The type id of the declared type named `name`.
pub fn type_id(ir: &Ir, name: &str) -> Option<TypeId> {
    ir.types.iter().find(|t| t.name == name).map(|t| t.id)
}

fn int_string<T: std::str::FromStr + Into<Value>>(v: &Value) -> Result<Value, String> {
    v.as_str()
        .and_then(|s| s.parse::<T>().ok())
        .map(Into::into)
        .ok_or_else(|| format!("expected a decimal string, got {v}"))
}

/// Converts a vector value of type `ty` into serde form.
pub fn to_serde(ir: &Ir, ty: &TypeRef, v: &Value) -> Result<Value, String> {
    Ok(match ty {
        TypeRef::Scalar {
            scalar: Scalar::I64,
        } => int_string::<i64>(v)?,
        TypeRef::Scalar {
            scalar: Scalar::U64,
        } => int_string::<u64>(v)?,
        TypeRef::Scalar {
            scalar: Scalar::Bytes,
        } => {
            let s = v.as_str().ok_or("bytes must be a hex string")?;
            Value::Array(hex_decode(s)?.into_iter().map(Value::from).collect())
        }
        TypeRef::Scalar { .. } => v.clone(),
        TypeRef::Buffer { elem } => {
            let items = v.as_array().ok_or("a buffer must be an array")?;
            match elem {
                BufferElem::I64 => Value::Array(
                    items
                        .iter()
                        .map(int_string::<i64>)
                        .collect::<Result<_, _>>()?,
                ),
                BufferElem::U64 => Value::Array(
                    items
                        .iter()
                        .map(int_string::<u64>)
                        .collect::<Result<_, _>>()?,
                ),
                _ => v.clone(),
            }
        }
        TypeRef::List { elem } => {
            let items = v.as_array().ok_or("a list must be an array")?;
            Value::Array(
                items
                    .iter()
                    .map(|e| to_serde(ir, elem, e))
                    .collect::<Result<_, _>>()?,
            )
        }
        TypeRef::Map { value, .. } => {
            let entries = v.as_object().ok_or("a map must be an object")?;
            let mut m = Map::new();
            for (k, e) in entries {
                m.insert(k.clone(), to_serde(ir, value, e)?);
            }
            Value::Object(m)
        }
        TypeRef::Optional { inner } => {
            if v.is_null() {
                Value::Null
            } else {
                to_serde(ir, inner, v)?
            }
        }
        TypeRef::Named { id } => {
            let td = ir.ty(*id);
            match &td.kind {
                TypeDefKind::Struct(s) => fields(ir, &s.fields, v)?,
                TypeDefKind::Error(e) => fields(ir, &e.fields, v)?,
                TypeDefKind::Enum(_) | TypeDefKind::Handle => v.clone(),
                TypeDefKind::Union(u) => {
                    let obj = v
                        .as_object()
                        .filter(|o| o.len() == 1)
                        .ok_or("a union must be {Variant: payload}")?;
                    let (name, payload) = obj.iter().next().unwrap();
                    let variant = u
                        .variants
                        .iter()
                        .find(|x| &x.name == name)
                        .ok_or("unknown variant name")?;
                    match &variant.payload {
                        None => Value::String(name.clone()),
                        Some(p) => {
                            let mut m = Map::new();
                            m.insert(name.clone(), to_serde(ir, p, payload)?);
                            Value::Object(m)
                        }
                    }
                }
            }
        }
    })
}

fn fields(ir: &Ir, fields: &[kkidl::ir::Field], v: &Value) -> Result<Value, String> {
    let obj = v.as_object().ok_or("a struct must be an object")?;
    let mut m = Map::new();
    for f in fields {
        let fv = obj
            .get(&f.name)
            .ok_or_else(|| format!("missing field {}", f.name))?;
        m.insert(f.name.clone(), to_serde(ir, &f.ty, fv)?);
    }
    if obj.len() != fields.len() {
        return Err("unknown fields in struct value".into());
    }
    Ok(Value::Object(m))
}

/// Decodes a lowercase (or uppercase) hex string.
pub fn hex_decode(s: &str) -> Result<Vec<u8>, String> {
    if !s.len().is_multiple_of(2) {
        return Err(format!("odd hex length: {s}"));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|e| format!("bad hex {s}: {e}")))
        .collect()
}

/// Encodes bytes as lowercase hex.
pub fn hex_encode(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

//! Go codec statements for any type use: [`encode`] writes the value of a Go
//! expression with a `*wire.Writer` named `w`, [`decode`] reads into a Go
//! lvalue with a `*wire.Reader` named `r` (docs/wire.md §3). The statements
//! are returned as lines indented with tabs relative to the caller's block.
//!
//! Decoding relies on the reader's sticky error: statements never return
//! early, loops stop as soon as the reader has failed, and the enclosing
//! function returns `r.Err()`. Named structs, errors, enums and handles use
//! their `EncodeTo`/`DecodeFrom` methods (or inline u32 code); unions their
//! `Encode{Union}`/`Decode{Union}` functions.

use super::naming;
use super::types::go_type;
use kkidl::ir::{BufferElem, Ir, MapKey, Scalar, TypeDefKind, TypeRef};

/// Fresh names for temporaries (`n1`, `i1`, `e1`, ...) within one function.
#[derive(Debug, Default)]
pub struct Temps(u32);

impl Temps {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// Indents every line by one tab.
fn indent(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| if l.is_empty() { l } else { format!("\t{l}") })
        .collect()
}

/// The `wire` method suffix of a scalar (`PutF64` / `F64`).
fn scalar_method(s: Scalar) -> &'static str {
    match s {
        Scalar::Bool => "Bool",
        Scalar::I8 => "I8",
        Scalar::I16 => "I16",
        Scalar::I32 => "I32",
        Scalar::I64 => "I64",
        Scalar::U8 => "U8",
        Scalar::U16 => "U16",
        Scalar::U32 => "U32",
        Scalar::U64 => "U64",
        Scalar::F32 => "F32",
        Scalar::F64 => "F64",
        Scalar::String => "String",
        Scalar::Bytes => "Bytes",
    }
}

/// The `wire` method suffix of a typed buffer (`PutF32s` / `F32s`).
fn buffer_method(e: BufferElem) -> &'static str {
    match e {
        BufferElem::U8 => "U8s",
        BufferElem::I8 => "I8s",
        BufferElem::U16 => "U16s",
        BufferElem::I16 => "I16s",
        BufferElem::U32 => "U32s",
        BufferElem::I32 => "I32s",
        BufferElem::F32 => "F32s",
        BufferElem::F64 => "F64s",
        BufferElem::I64 => "I64s",
        BufferElem::U64 => "U64s",
    }
}

/// The `wire` method suffix of a map key.
fn key_method(k: MapKey) -> &'static str {
    match k {
        MapKey::String => "String",
        MapKey::I32 => "I32",
        MapKey::I64 => "I64",
        MapKey::U32 => "U32",
        MapKey::U64 => "U64",
    }
}

/// The fewest bytes a value of `ty` takes on the wire (for count checks).
pub fn min_wire_size(ir: &Ir, ty: &TypeRef) -> u32 {
    match ty {
        TypeRef::Scalar { scalar } => match scalar {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::F32 | Scalar::String | Scalar::Bytes => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
        },
        TypeRef::Buffer { .. } | TypeRef::List { .. } | TypeRef::Map { .. } => 4,
        TypeRef::Optional { .. } => 1,
        TypeRef::Named { id } => match &ir.ty(*id).kind {
            TypeDefKind::Union(_) => 8,
            _ => 4,
        },
    }
}

/// Whether a decoded Go value of `ty` has the same size as its wire form
/// (fixed-size scalars), so a list of them may be allocated in full.
fn fixed_size(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Scalar { scalar } if !matches!(scalar, Scalar::String | Scalar::Bytes))
}

/// Statements writing the value of the Go expression `expr` (addressable
/// for named structs and errors) as `ty`.
pub fn encode(ir: &Ir, ty: &TypeRef, expr: &str, t: &mut Temps) -> Vec<String> {
    match ty {
        TypeRef::Scalar { scalar } => vec![format!("w.Put{}({expr})", scalar_method(*scalar))],
        TypeRef::Buffer { elem } => vec![format!("w.Put{}({expr})", buffer_method(*elem))],
        TypeRef::List { elem } => {
            let n = t.next();
            let mut out = vec![
                format!("w.PutLen(len({expr}))"),
                format!("for i{n} := range {expr} {{"),
            ];
            out.extend(indent(encode(ir, elem, &format!("{expr}[i{n}]"), t)));
            out.push("}".into());
            out
        }
        TypeRef::Map { key, value } => {
            let n = t.next();
            let mut out = vec![
                format!("w.PutLen(len({expr}))"),
                format!("for _, k{n} := range wire.SortedKeys({expr}) {{"),
                format!("\tw.Put{}(k{n})", key_method(*key)),
                format!("\tv{n} := {expr}[k{n}]"),
            ];
            out.extend(indent(encode(ir, value, &format!("v{n}"), t)));
            out.push("}".into());
            out
        }
        TypeRef::Optional { inner } => {
            let mut out = vec![
                format!("if {expr} == nil {{"),
                "\tw.PutPresent(false)".into(),
                "} else {".into(),
            ];
            out.push("\tw.PutPresent(true)".into());
            let deref = match inner.as_ref() {
                // A pointer to a struct has the methods already.
                TypeRef::Named { id }
                    if matches!(
                        ir.ty(*id).kind,
                        TypeDefKind::Struct(_) | TypeDefKind::Error(_)
                    ) =>
                {
                    expr.to_string()
                }
                _ => format!("*{expr}"),
            };
            out.extend(indent(encode(ir, inner, &deref, t)));
            out.push("}".into());
            out
        }
        TypeRef::Named { id } => {
            let def = ir.ty(*id);
            match &def.kind {
                TypeDefKind::Struct(_) | TypeDefKind::Error(_) => {
                    vec![format!("{expr}.EncodeTo(w)")]
                }
                TypeDefKind::Enum(_) | TypeDefKind::Handle => {
                    vec![format!("w.PutU32(uint32({expr}))")]
                }
                TypeDefKind::Union(_) => {
                    vec![format!("{}(w, {expr})", naming::union_encode_fn(&def.name))]
                }
            }
        }
    }
}

/// Statements reading a `ty` into the Go lvalue `target` (which holds the
/// type's zero value or default beforehand).
pub fn decode(ir: &Ir, ty: &TypeRef, target: &str, t: &mut Temps) -> Vec<String> {
    match ty {
        TypeRef::Scalar { scalar } => vec![format!(
            "{target} = r.{}()",
            read_method(scalar_method(*scalar))
        )],
        TypeRef::Buffer { elem } => vec![format!("{target} = r.{}()", buffer_method(*elem))],
        TypeRef::List { elem } => {
            let n = t.next();
            let elem_ty = go_type(ir, elem);
            let cap = if fixed_size(elem) {
                format!("n{n}")
            } else {
                format!("wire.CheckCapacity(n{n})")
            };
            let mut out = vec![
                format!("n{n} := r.BeginList({})", min_wire_size(ir, elem)),
                format!("if n{n} > 0 {{"),
                format!("\t{target} = make([]{elem_ty}, 0, {cap})"),
                "}".into(),
                format!("for i{n} := 0; i{n} < n{n} && !r.Failed(); i{n}++ {{"),
                format!("\tvar e{n} {elem_ty}"),
            ];
            out.extend(indent(decode(ir, elem, &format!("e{n}"), t)));
            out.push(format!("\t{target} = append({target}, e{n})"));
            out.push("}".into());
            out.push("r.EndList()".into());
            out
        }
        TypeRef::Map { key, value } => {
            let n = t.next();
            let key_scalar = TypeRef::Scalar {
                scalar: map_key_scalar(*key),
            };
            let key_ty = go_type(ir, &key_scalar);
            let value_ty = go_type(ir, value);
            let mut out = vec![
                format!(
                    "n{n} := r.BeginMap({})",
                    min_wire_size(ir, &key_scalar) + min_wire_size(ir, value)
                ),
                format!("if n{n} > 0 {{"),
                format!("\t{target} = make(map[{key_ty}]{value_ty}, wire.CheckCapacity(n{n}))"),
                "}".into(),
                format!("var p{n} {key_ty}"),
                format!("for i{n} := 0; i{n} < n{n} && !r.Failed(); i{n}++ {{"),
                format!("\tat{n} := r.Pos()"),
                format!("\tk{n} := r.{}()", read_method(key_method(*key))),
                format!("\twire.KeyAfter(r, i{n}, p{n}, k{n}, at{n})"),
                format!("\tp{n} = k{n}"),
                format!("\tvar v{n} {value_ty}"),
            ];
            out.extend(indent(decode(ir, value, &format!("v{n}"), t)));
            out.push(format!("\t{target}[k{n}] = v{n}"));
            out.push("}".into());
            out.push("r.EndMap()".into());
            out
        }
        TypeRef::Optional { inner } => {
            let n = t.next();
            let mut out = vec![
                "if r.BeginOptional() {".into(),
                format!("\tvar o{n} {}", go_type(ir, inner)),
            ];
            out.extend(indent(decode(ir, inner, &format!("o{n}"), t)));
            out.push(format!("\t{target} = &o{n}"));
            out.push("\tr.EndOptional()".into());
            out.push("}".into());
            out
        }
        TypeRef::Named { id } => {
            let def = ir.ty(*id);
            match &def.kind {
                TypeDefKind::Struct(_) | TypeDefKind::Error(_) | TypeDefKind::Enum(_) => {
                    vec![format!("_ = {target}.DecodeFrom(r)")]
                }
                TypeDefKind::Handle => vec![format!(
                    "{target} = {}(r.U32())",
                    naming::type_name(&def.name)
                )],
                TypeDefKind::Union(_) => vec![format!(
                    "{target}, _ = {}(r)",
                    naming::union_decode_fn(&def.name)
                )],
            }
        }
    }
}

/// The Reader method for a Writer `Put*` suffix (`String` is `Str` on the
/// Reader, so that a Reader is no fmt.Stringer).
fn read_method(put_suffix: &str) -> &str {
    if put_suffix == "String" {
        "Str"
    } else {
        put_suffix
    }
}

/// The scalar a map key is.
fn map_key_scalar(k: MapKey) -> Scalar {
    match k {
        MapKey::String => Scalar::String,
        MapKey::I32 => Scalar::I32,
        MapKey::I64 => Scalar::I64,
        MapKey::U32 => Scalar::U32,
        MapKey::U64 => Scalar::U64,
    }
}

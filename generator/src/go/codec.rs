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

use super::lines::Lines;
use super::naming;
use super::types::go_type;
use crate::analysis::{map_key_scalar, min_wire_size};
use kkidl::ir::{BufferElem, Ir, MapKey, Scalar, TypeDefKind, TypeRef};

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

/// Whether a decoded Go value of `ty` has the same size as its wire form
/// (fixed-size scalars), so a list of them may be allocated in full.
fn fixed_size(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Scalar { scalar } if !matches!(scalar, Scalar::String | Scalar::Bytes))
}

/// `expr` as the operand of an index expression: a dereference (`*v.X`,
/// from an optional) is parenthesized, since `*v.X[i]` means `*(v.X[i])`.
fn operand(expr: &str) -> String {
    if expr.starts_with('*') {
        format!("({expr})")
    } else {
        expr.to_string()
    }
}

/// Writes the statements encoding the value of the Go expression `expr`
/// (addressable for named structs and errors) as `ty`.
pub fn encode(ir: &Ir, ty: &TypeRef, expr: &str, out: &mut Lines) {
    match ty {
        TypeRef::Scalar { scalar } => {
            out.line(format_args!("w.Put{}({expr})", scalar_method(*scalar)))
        }
        TypeRef::Buffer { elem } => out.line(format_args!("w.Put{}({expr})", buffer_method(*elem))),
        TypeRef::List { elem } => {
            let n = out.temp();
            out.line(format_args!("w.PutLen(len({expr}))"));
            out.open(format_args!("for i{n} := range {expr} {{"));
            encode(ir, elem, &format!("{}[i{n}]", operand(expr)), out);
            out.close("}");
        }
        TypeRef::Map { key, value } => {
            let n = out.temp();
            out.line(format_args!("w.PutLen(len({expr}))"));
            out.open(format_args!(
                "for _, k{n} := range wire.SortedKeys({expr}) {{"
            ));
            out.line(format_args!("w.Put{}(k{n})", key_method(*key)));
            out.line(format_args!("v{n} := {}[k{n}]", operand(expr)));
            encode(ir, value, &format!("v{n}"), out);
            out.close("}");
        }
        TypeRef::Optional { inner } => {
            out.open(format_args!("if {expr} == nil {{"));
            out.line("w.PutPresent(false)");
            out.reopen("} else {");
            out.line("w.PutPresent(true)");
            // A pointer to a struct has the methods already.
            let deref = if is_struct(ir, inner) {
                expr.to_string()
            } else {
                format!("*{expr}")
            };
            encode(ir, inner, &deref, out);
            out.close("}");
        }
        TypeRef::Named { id } => {
            let def = ir.ty(*id);
            match &def.kind {
                TypeDefKind::Struct(_) | TypeDefKind::Error(_) => {
                    out.line(format_args!("{expr}.EncodeTo(w)"))
                }
                TypeDefKind::Enum(_) | TypeDefKind::Handle => {
                    out.line(format_args!("w.PutU32(uint32({expr}))"))
                }
                TypeDefKind::Union(_) => out.line(format_args!(
                    "{}(w, {expr})",
                    naming::union_encode_fn(&def.name)
                )),
            }
        }
    }
}

/// Whether `ty` is a named struct or error (a Go struct with pointer methods).
fn is_struct(ir: &Ir, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named { id } if matches!(ir.ty(*id).kind, TypeDefKind::Struct(_) | TypeDefKind::Error(_)))
}

/// Writes the statements decoding a `ty` into the Go lvalue `target` (which
/// holds the type's zero value or default beforehand).
pub fn decode(ir: &Ir, ty: &TypeRef, target: &str, out: &mut Lines) {
    match ty {
        TypeRef::Scalar { scalar } => out.line(format_args!(
            "{target} = r.{}()",
            read_method(scalar_method(*scalar))
        )),
        TypeRef::Buffer { elem } => {
            out.line(format_args!("{target} = r.{}()", buffer_method(*elem)))
        }
        TypeRef::List { elem } => {
            let n = out.temp();
            let elem_ty = go_type(ir, elem);
            let min = min_wire_size(ir, elem);
            out.line(format_args!("n{n} := r.BeginList({min})"));
            out.open(format_args!("if n{n} > 0 {{"));
            if fixed_size(elem) {
                out.line(format_args!("{target} = make([]{elem_ty}, 0, n{n})"));
            } else {
                out.line(format_args!(
                    "{target} = make([]{elem_ty}, 0, wire.CheckCapacity(n{n}))"
                ));
            }
            out.close("}");
            out.open(format_args!(
                "for i{n} := 0; i{n} < n{n} && !r.Failed(); i{n}++ {{"
            ));
            out.line(format_args!("var e{n} {elem_ty}"));
            decode(ir, elem, &format!("e{n}"), out);
            out.line(format_args!("{target} = append({target}, e{n})"));
            out.close("}");
            out.line("r.EndList()");
        }
        TypeRef::Map { key, value } => {
            let n = out.temp();
            let key_scalar = TypeRef::Scalar {
                scalar: map_key_scalar(*key),
            };
            let key_ty = go_type(ir, &key_scalar);
            let value_ty = go_type(ir, value);
            let min = min_wire_size(ir, &key_scalar) + min_wire_size(ir, value);
            out.line(format_args!("n{n} := r.BeginMap({min})"));
            out.open(format_args!("if n{n} > 0 {{"));
            out.line(format_args!(
                "{target} = make(map[{key_ty}]{value_ty}, wire.CheckCapacity(n{n}))"
            ));
            out.close("}");
            out.line(format_args!("var p{n} {key_ty}"));
            out.open(format_args!(
                "for i{n} := 0; i{n} < n{n} && !r.Failed(); i{n}++ {{"
            ));
            out.line(format_args!("at{n} := r.Pos()"));
            out.line(format_args!(
                "k{n} := r.{}()",
                read_method(key_method(*key))
            ));
            out.line(format_args!("wire.KeyAfter(r, i{n}, p{n}, k{n}, at{n})"));
            out.line(format_args!("p{n} = k{n}"));
            out.line(format_args!("var v{n} {value_ty}"));
            decode(ir, value, &format!("v{n}"), out);
            out.line(format_args!("{target}[k{n}] = v{n}"));
            out.close("}");
            out.line("r.EndMap()");
        }
        TypeRef::Optional { inner } => {
            let n = out.temp();
            out.open("if r.BeginOptional() {");
            out.line(format_args!("var o{n} {}", go_type(ir, inner)));
            decode(ir, inner, &format!("o{n}"), out);
            out.line(format_args!("{target} = &o{n}"));
            out.line("r.EndOptional()");
            out.close("}");
        }
        TypeRef::Named { id } => {
            let def = ir.ty(*id);
            match &def.kind {
                TypeDefKind::Struct(_) | TypeDefKind::Error(_) | TypeDefKind::Enum(_) => {
                    out.line(format_args!("_ = {target}.DecodeFrom(r)"))
                }
                TypeDefKind::Handle => out.line(format_args!(
                    "{target} = {}(r.U32())",
                    naming::type_name(&def.name)
                )),
                TypeDefKind::Union(_) => out.line(format_args!(
                    "{target}, _ = {}(r)",
                    naming::union_decode_fn(&def.name)
                )),
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

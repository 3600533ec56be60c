//! Go types and codecs of a schema (`types.go`), entry point [`generate_types`].
//!
//! Representation (TinyGo subset: no reflection, no encoding/json, no fmt):
//! - struct → Go struct with exported PascalCase fields, methods
//!   `(v *T) EncodeTo(w *wire.Writer)` and `(v *T) DecodeFrom(r *wire.Reader) error`,
//!   and `DefaultT() T`;
//! - error → the same, plus `Error() string` and `WireID() uint32` (`*T` implements `error`);
//! - enum → `type Color uint32` with constants `ColorRed`..., `IsValid`, `String`,
//!   `EncodeTo`/`DecodeFrom` (invalid values are `invalid_enum`);
//! - handle → `type Model uint32` with `EncodeTo`/`DecodeFrom`;
//! - union → an interface sealed by an unexported method, one struct per
//!   variant (`ShapeCircle{Value Circle}`, `ShapeEmpty{}`), used as pointers;
//!   `EncodeShape(w, v)` / `DecodeShape(r) (Shape, error)`; nil encodes as the default;
//! - `T[]` → `[]float32` etc. and `bytes` → `[]byte` (decoded in place, aliasing
//!   the input); `list<T>` → `[]T`; `map<K, V>` → `map[K]V` (written sorted);
//!   `T?` → `*T`;
//! - per op: `{Service}{Op}Params` (the call payload struct, same methods) and,
//!   for ops with a result, `encode{Service}{Op}Result` / `decode{Service}{Op}Result`.
//!
//! Statement bodies come from [`super::codec`]; names from [`super::naming`].

use super::codec::{self, Temps};
use super::naming;
use askama::Template;
use kkidl::ir::{BufferElem, Field, Ir, MapKey, Meta, Scalar, TypeDefKind, TypeId, TypeRef};
use std::collections::HashSet;

/// The Go type of a use of a type.
pub fn go_type(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar { scalar } => scalar_type(*scalar).to_string(),
        TypeRef::Buffer { elem } => format!("[]{}", buffer_elem_type(*elem)),
        TypeRef::List { elem } => format!("[]{}", go_type(ir, elem)),
        TypeRef::Map { key, value } => format!("map[{}]{}", map_key_type(*key), go_type(ir, value)),
        TypeRef::Optional { inner } => format!("*{}", go_type(ir, inner)),
        TypeRef::Named { id } => naming::type_name(&ir.ty(*id).name),
    }
}

/// The Go type of a scalar.
pub fn scalar_type(s: Scalar) -> &'static str {
    match s {
        Scalar::Bool => "bool",
        Scalar::I8 => "int8",
        Scalar::I16 => "int16",
        Scalar::I32 => "int32",
        Scalar::I64 => "int64",
        Scalar::U8 => "uint8",
        Scalar::U16 => "uint16",
        Scalar::U32 => "uint32",
        Scalar::U64 => "uint64",
        Scalar::F32 => "float32",
        Scalar::F64 => "float64",
        Scalar::String => "string",
        Scalar::Bytes => "[]byte",
    }
}

/// The Go element type of a typed buffer.
pub fn buffer_elem_type(e: BufferElem) -> &'static str {
    match e {
        BufferElem::U8 => "uint8",
        BufferElem::I8 => "int8",
        BufferElem::U16 => "uint16",
        BufferElem::I16 => "int16",
        BufferElem::U32 => "uint32",
        BufferElem::I32 => "int32",
        BufferElem::F32 => "float32",
        BufferElem::F64 => "float64",
        BufferElem::I64 => "int64",
        BufferElem::U64 => "uint64",
    }
}

/// The Go type of a map key.
pub fn map_key_type(k: MapKey) -> &'static str {
    match k {
        MapKey::String => "string",
        MapKey::I32 => "int32",
        MapKey::I64 => "int64",
        MapKey::U32 => "uint32",
        MapKey::U64 => "uint64",
    }
}

/// A doc comment block (each line ending in a newline) for `meta`, with
/// `fallback` when there are no docs; `indent` precedes every line.
fn doc_block(meta: &Meta, fallback: Option<&str>, indent: &str) -> String {
    let mut lines: Vec<String> = meta.docs.clone();
    if lines.is_empty() {
        if let Some(f) = fallback {
            lines.push(f.to_string());
        }
    }
    if let Some(why) = &meta.deprecated {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Deprecated: {why}"));
    }
    lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                format!("{indent}//\n")
            } else {
                format!("{indent}// {}\n", l.trim_end())
            }
        })
        .collect()
}

/// Whether the default of union `u` contains `u` again through fields that
/// are not behind an indirection (list, map, optional): such a default is
/// infinite, so fields of that union default to nil instead.
fn union_is_cyclic(ir: &Ir, u: TypeId) -> bool {
    fn reaches(ir: &Ir, ty: &TypeRef, target: TypeId, seen: &mut HashSet<TypeId>) -> bool {
        let TypeRef::Named { id } = ty else {
            return false;
        };
        if *id == target {
            return true;
        }
        if !seen.insert(*id) {
            return false;
        }
        match &ir.ty(*id).kind {
            TypeDefKind::Struct(s) => s.fields.iter().any(|f| reaches(ir, &f.ty, target, seen)),
            TypeDefKind::Error(e) => e.fields.iter().any(|f| reaches(ir, &f.ty, target, seen)),
            TypeDefKind::Union(un) => un
                .variants
                .first()
                .and_then(|v| v.payload.as_ref())
                .is_some_and(|p| reaches(ir, p, target, seen)),
            _ => false,
        }
    }
    let TypeDefKind::Union(un) = &ir.ty(u).kind else {
        return false;
    };
    un.variants
        .first()
        .and_then(|v| v.payload.as_ref())
        .is_some_and(|p| reaches(ir, p, u, &mut HashSet::new()))
}

/// The Go expression of the default of `ty` when it differs from Go's zero
/// value (docs/wire.md §3.9), else `None`.
pub fn default_expr(ir: &Ir, ty: &TypeRef) -> Option<String> {
    default_expr_in(ir, ty, &mut HashSet::new())
}

fn default_expr_in(ir: &Ir, ty: &TypeRef, seen: &mut HashSet<TypeId>) -> Option<String> {
    let TypeRef::Named { id } = ty else {
        return None;
    };
    let def = ir.ty(*id);
    match &def.kind {
        TypeDefKind::Enum(e) => {
            if e.variants.iter().any(|v| v.value == 0) {
                None
            } else {
                e.variants
                    .first()
                    .map(|v| naming::enum_const(&def.name, &v.name))
            }
        }
        TypeDefKind::Struct(_) | TypeDefKind::Error(_) => {
            if !seen.insert(*id) {
                return None;
            }
            let fields = fields_of(ir, *id);
            let nonzero = fields
                .iter()
                .any(|f| default_expr_in(ir, &f.ty, seen).is_some());
            seen.remove(id);
            nonzero.then(|| format!("{}()", naming::default_fn(&def.name)))
        }
        TypeDefKind::Union(_) => {
            (!union_is_cyclic(ir, *id)).then(|| format!("{}()", naming::default_fn(&def.name)))
        }
        TypeDefKind::Handle => None,
    }
}

/// The fields of a struct or error.
fn fields_of(ir: &Ir, id: TypeId) -> &[Field] {
    match &ir.ty(id).kind {
        TypeDefKind::Struct(s) => &s.fields,
        TypeDefKind::Error(e) => &e.fields,
        _ => &[],
    }
}

/// The composite literal of a struct's default, e.g. `Everything{Shape: DefaultShape()}`.
fn struct_default_literal(ir: &Ir, name: &str, fields: &[Field]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|f| {
            default_expr(ir, &f.ty).map(|d| format!("{}: {d}", naming::field_name(&f.name)))
        })
        .collect();
    format!("{name}{{{}}}", parts.join(", "))
}

/// Encode and decode lines (indented one tab, inside the method) of struct fields read from `v`.
fn struct_bodies(ir: &Ir, fields: &[Field]) -> (Vec<String>, Vec<String>) {
    let mut enc_temps = Temps::default();
    let mut dec_temps = Temps::default();
    let mut encode = vec![];
    let mut decode = vec![];
    for f in fields {
        let target = format!("v.{}", naming::field_name(&f.name));
        encode.extend(
            codec::encode(ir, &f.ty, &target, &mut enc_temps)
                .into_iter()
                .map(|l| format!("\t{l}")),
        );
        decode.push("\tif r.More() {".to_string());
        decode.extend(
            codec::decode(ir, &f.ty, &target, &mut dec_temps)
                .into_iter()
                .map(|l| format!("\t\t{l}")),
        );
        decode.push("\t}".to_string());
    }
    (encode, decode)
}

/// A field of a struct, error or params struct.
struct FieldView {
    doc: String,
    name: String,
    /// Spaces after the name that align the types like gofmt.
    pad: String,
    go_type: String,
}

/// The padding after each name that aligns the next column like gofmt: a
/// section is a run of lines with no comment line between them.
fn gofmt_padding(lines: &[(bool, &str)]) -> Vec<String> {
    let mut pads = vec![String::new(); lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let mut end = start + 1;
        while end < lines.len() && !lines[end].0 {
            end += 1;
        }
        let width = lines[start..end]
            .iter()
            .map(|l| l.1.chars().count())
            .max()
            .unwrap_or(0);
        for i in start..end {
            pads[i] = " ".repeat(width - lines[i].1.chars().count());
        }
        start = end;
    }
    pads
}

/// A struct or error.
struct StructView {
    doc: String,
    name: String,
    fields: Vec<FieldView>,
    default: String,
    reset: String,
    wire_id: Option<String>,
    qualified: String,
    encode: Vec<String>,
    decode: Vec<String>,
}

/// An enum variant constant.
struct EnumVariantView {
    doc: String,
    name: String,
    pad: String,
    schema_name: String,
    value: u32,
}

/// An enum.
struct EnumView {
    doc: String,
    name: String,
    variants: Vec<EnumVariantView>,
    default: String,
}

/// A handle.
struct HandleView {
    doc: String,
    name: String,
}

/// A union variant.
struct UnionVariantView {
    doc: String,
    go_type: String,
    tag_const: String,
    /// Spaces after the tag constant that align the constants like gofmt.
    tag_pad: String,
    tag: u32,
    payload: Option<String>,
    encode: Vec<String>,
    decode: Vec<String>,
}

/// A union.
struct UnionView {
    doc: String,
    name: String,
    seal: String,
    variants: Vec<UnionVariantView>,
    default: String,
    uses_x: bool,
    cyclic: bool,
    /// For a cyclic union: what nil encodes as, the first variant whose
    /// payload needs no named type (empty if none).
    fallback: String,
    first_tag: String,
}

/// The params struct of an op.
struct ParamsView {
    doc: String,
    name: String,
    fields: Vec<FieldView>,
    reset: String,
    encode: Vec<String>,
    decode: Vec<String>,
}

/// The result codecs of an op.
struct ResultView {
    codec: String,
    qualified: String,
    go_type: String,
    encode: Vec<String>,
    decode: Vec<String>,
}

/// The `types.go` template.
#[derive(Template)]
#[template(path = "go/types.go", escape = "none")]
struct TypesTemplate<'a> {
    package: &'a str,
    uses_strconv: bool,
    enums: Vec<EnumView>,
    handles: Vec<HandleView>,
    structs: Vec<StructView>,
    unions: Vec<UnionView>,
    params: Vec<ParamsView>,
    results: Vec<ResultView>,
}

fn field_views(ir: &Ir, fields: &[Field]) -> Vec<FieldView> {
    let mut views: Vec<FieldView> = fields
        .iter()
        .map(|f| FieldView {
            doc: doc_block(&f.meta, None, "\t"),
            name: naming::field_name(&f.name),
            pad: String::new(),
            go_type: go_type(ir, &f.ty),
        })
        .collect();
    let pads = gofmt_padding(
        &views
            .iter()
            .map(|v| (!v.doc.is_empty(), v.name.as_str()))
            .collect::<Vec<_>>(),
    );
    for (v, pad) in views.iter_mut().zip(pads) {
        v.pad = pad;
    }
    views
}

/// The contents of `types.go` (without the generated-file header) for every
/// type of `ir` and the params/result codecs of every op, in package `go_package`.
pub fn generate_types(ir: &Ir, go_package: &str) -> String {
    let mut t = TypesTemplate {
        package: go_package,
        uses_strconv: false,
        enums: vec![],
        handles: vec![],
        structs: vec![],
        unions: vec![],
        params: vec![],
        results: vec![],
    };
    for def in &ir.types {
        let name = naming::type_name(&def.name);
        match &def.kind {
            TypeDefKind::Struct(_) | TypeDefKind::Error(_) => {
                let fields = fields_of(ir, def.id);
                let wire_id = match &def.kind {
                    TypeDefKind::Error(e) => Some(format!("0x{:08x}", e.wire_id)),
                    _ => None,
                };
                let what = if wire_id.is_some() {
                    "a typed error"
                } else {
                    "a struct"
                };
                let default = struct_default_literal(ir, &name, fields);
                let reset = if default_expr(ir, &TypeRef::Named { id: def.id }).is_some() {
                    format!("{}()", naming::default_fn(&def.name))
                } else {
                    format!("{name}{{}}")
                };
                let (encode, decode) = struct_bodies(ir, fields);
                t.structs.push(StructView {
                    doc: doc_block(
                        &def.meta,
                        Some(&format!("{name} is {what} of the schema.")),
                        "",
                    ),
                    fields: field_views(ir, fields),
                    default,
                    reset,
                    wire_id,
                    qualified: def.qualified_name(),
                    encode,
                    decode,
                    name,
                });
            }
            TypeDefKind::Enum(e) => {
                t.uses_strconv = true;
                let default = e
                    .variants
                    .iter()
                    .find(|v| v.value == 0)
                    .or(e.variants.first())
                    .map(|v| naming::enum_const(&def.name, &v.name))
                    .unwrap_or_else(|| format!("{name}(0)"));
                let mut variants: Vec<EnumVariantView> = e
                    .variants
                    .iter()
                    .map(|v| EnumVariantView {
                        doc: doc_block(&v.meta, None, "\t"),
                        name: naming::enum_const(&def.name, &v.name),
                        pad: String::new(),
                        schema_name: v.name.clone(),
                        value: v.value,
                    })
                    .collect();
                let pads = gofmt_padding(
                    &variants
                        .iter()
                        .map(|v| (!v.doc.is_empty(), v.name.as_str()))
                        .collect::<Vec<_>>(),
                );
                for (v, pad) in variants.iter_mut().zip(pads) {
                    v.pad = pad;
                }
                t.enums.push(EnumView {
                    doc: doc_block(
                        &def.meta,
                        Some(&format!("{name} is an enum of the schema.")),
                        "",
                    ),
                    variants,
                    default,
                    name,
                });
            }
            TypeDefKind::Handle => t.handles.push(HandleView {
                doc: doc_block(
                    &def.meta,
                    Some(&format!(
                        "{name} is an opaque handle owned by the wasm side."
                    )),
                    "",
                ),
                name,
            }),
            TypeDefKind::Union(u) => {
                let cyclic = union_is_cyclic(ir, def.id);
                let variants: Vec<UnionVariantView> = u
                    .variants
                    .iter()
                    .map(|v| {
                        let (encode, decode) = match &v.payload {
                            Some(p) => (
                                codec::encode(ir, p, "x.Value", &mut Temps::default())
                                    .into_iter()
                                    .map(|l| format!("\t\t{l}"))
                                    .collect(),
                                codec::decode(ir, p, "x.Value", &mut Temps::default())
                                    .into_iter()
                                    .map(|l| format!("\t\t{l}"))
                                    .collect(),
                            ),
                            None => (vec![], vec![]),
                        };
                        let variant_type = naming::union_variant_type(&def.name, &v.name);
                        let fallback =
                            format!("{variant_type} is the variant {} of {name}.", v.name);
                        UnionVariantView {
                            doc: doc_block(&v.meta, Some(&fallback), ""),
                            tag_const: naming::union_tag_const(&def.name, &v.name),
                            tag_pad: String::new(),
                            tag: v.tag,
                            payload: v.payload.as_ref().map(|p| go_type(ir, p)),
                            encode,
                            decode,
                            go_type: variant_type,
                        }
                    })
                    .collect();
                let mut variants = variants;
                let pads = gofmt_padding(
                    &variants
                        .iter()
                        .map(|v| (false, v.tag_const.as_str()))
                        .collect::<Vec<_>>(),
                );
                for (v, pad) in variants.iter_mut().zip(pads) {
                    v.tag_pad = pad;
                }
                let first = &variants[0];
                let default = match (&first.payload, u.variants[0].payload.as_ref()) {
                    (Some(_), Some(p)) => match default_expr(ir, p) {
                        Some(d) => format!("&{}{{Value: {d}}}", first.go_type),
                        None => format!("&{}{{}}", first.go_type),
                    },
                    _ => format!("&{}{{}}", first.go_type),
                };
                let fallback = u
                    .variants
                    .iter()
                    .zip(&variants)
                    .find(|(v, _)| {
                        !matches!(&v.payload, Some(TypeRef::Named { id })
                            if matches!(ir.ty(*id).kind, TypeDefKind::Struct(_) | TypeDefKind::Error(_) | TypeDefKind::Union(_)))
                    })
                    .map(|(_, view)| format!("&{}{{}}", view.go_type))
                    .unwrap_or_default();
                t.unions.push(UnionView {
                    fallback,
                    doc: doc_block(
                        &def.meta,
                        Some(&format!("{name} is a union of the schema.")),
                        "",
                    ),
                    seal: naming::union_seal(&def.name),
                    uses_x: variants.iter().any(|v| v.payload.is_some()),
                    first_tag: first.tag_const.clone(),
                    default,
                    cyclic,
                    variants,
                    name,
                });
            }
        }
    }
    for s in &ir.services {
        for op in &s.ops {
            let name = naming::params_type(&s.name, &op.name);
            let qualified = format!("{}.{}", s.qualified_name(), op.name);
            let (encode, decode) = struct_bodies(ir, &op.params);
            let default = struct_default_literal(ir, &name, &op.params);
            t.params.push(ParamsView {
                doc: format!(
                    "// {name} are the parameters of `{qualified}`, encoded as one struct\n// (the payload of a call frame).\n"
                ),
                fields: field_views(ir, &op.params),
                reset: default,
                encode,
                decode,
                name,
            });
            if let Some(result) = &op.result {
                t.results.push(ResultView {
                    codec: naming::result_codec(&s.name, &op.name),
                    go_type: go_type(ir, result),
                    encode: codec::encode(ir, result, "v", &mut Temps::default())
                        .into_iter()
                        .map(|l| format!("\t{l}"))
                        .collect(),
                    decode: codec::decode(ir, result, "v", &mut Temps::default())
                        .into_iter()
                        .map(|l| format!("\t{l}"))
                        .collect(),
                    qualified,
                });
            }
        }
    }
    let mut out = t.render().expect("types.go template renders");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_defaults() {
        let code = generate_types(&crate::good_schema_ir("edge"), "edgev1");
        // Enum without a 0 value: its first variant is the default.
        assert!(
            code.contains("Holder{Level: LevelLow, Signal: DefaultSignal()}"),
            "{code}"
        );
        // The cyclic union defaults to nil in fields (no DefaultExpr() in Holder's default).
        assert!(!code.contains("Expr: DefaultExpr()"), "{code}");
        assert!(code.contains("EncodeExpr(w, &ExprLit{})"), "{code}");
        // Keyword and method-name fields.
        assert!(
            code.contains("\tType ") && code.contains("\tEncodeTo_ "),
            "{code}"
        );
        // A union of empty variants only: no unused variable in the type switch.
        assert!(code.contains("switch v.(type) {"), "{code}");
    }
}

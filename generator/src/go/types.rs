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
//! One builder per kind (`struct_view`, `enum_view`, ...) fills the view the
//! template prints; statement bodies come from [`super::codec`], comments
//! from [`super::docs`], names from [`super::naming`].

use super::codec;
use super::docs::GoDoc;
use super::lines::Lines;
use super::naming;
use askama::Template;
use kkidl::ir::{
    BufferElem, Enum, Field, Ir, MapKey, Op, Scalar, Service, TypeDef, TypeDefKind, TypeId,
    TypeRef, Union,
};
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

/// The bodies of a struct's `EncodeTo` and `DecodeFrom` between their
/// `Begin`/`End` lines (fields read from `v`).
struct StructBodies {
    encode: String,
    decode: String,
}

fn struct_bodies(ir: &Ir, fields: &[Field]) -> StructBodies {
    let mut encode = Lines::at_depth(1);
    let mut decode = Lines::at_depth(1);
    for f in fields {
        let target = format!("v.{}", naming::field_name(&f.name));
        codec::encode(ir, &f.ty, &target, &mut encode);
        decode.open("if r.More() {");
        codec::decode(ir, &f.ty, &target, &mut decode);
        decode.close("}");
    }
    StructBodies {
        encode: encode.finish(),
        decode: decode.finish(),
    }
}

/// A field of a struct, error or params struct.
struct FieldView {
    doc: GoDoc,
    name: String,
    /// Spaces after the name that align the types like gofmt.
    pad: String,
    go_type: String,
}

/// The padding after each name that aligns the next column like gofmt: a
/// section is a run of lines with no comment line between them.
fn gofmt_padding<'a>(lines: impl Iterator<Item = (bool, &'a str)>) -> Vec<String> {
    let lines: Vec<(bool, &str)> = lines.collect();
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
    doc: GoDoc,
    name: String,
    fields: Vec<FieldView>,
    default: String,
    reset: String,
    /// The error's methods, for an error.
    error: Option<ErrorView>,
    bodies: StructBodies,
}

/// What an error adds to a struct.
struct ErrorView {
    /// The qualified schema name, returned by `Error()`.
    qualified: String,
    /// The wire id as a Go hex literal.
    wire_id: String,
}

/// An enum variant constant.
struct EnumVariantView {
    doc: GoDoc,
    name: String,
    pad: String,
    schema_name: String,
    value: u32,
}

/// An enum.
struct EnumView {
    doc: GoDoc,
    name: String,
    variants: Vec<EnumVariantView>,
    default: String,
}

/// A handle.
struct HandleView {
    doc: GoDoc,
    name: String,
}

/// A union variant.
struct UnionVariantView {
    doc: GoDoc,
    go_type: String,
    tag_const: String,
    /// Spaces after the tag constant that align the constants like gofmt.
    tag_pad: String,
    tag: u32,
    /// The payload's Go type, encode and decode bodies, if it has one.
    payload: Option<PayloadView>,
}

/// The payload of a union variant (`x.Value`).
struct PayloadView {
    go_type: String,
    encode: String,
    decode: String,
}

/// What `Encode{Union}` writes for nil.
enum NilUnion {
    /// `Default{Union}()` (a finite default exists).
    Default,
    /// This variant, written with an empty payload (the default is infinite).
    Variant(String),
    /// The first tag with an empty payload (no variant can be written empty).
    FirstTag(String),
}

/// A union.
struct UnionView {
    doc: GoDoc,
    name: String,
    seal: String,
    variants: Vec<UnionVariantView>,
    default: String,
    /// Some variant has a payload (the type switch binds it).
    binds_payload: bool,
    nil: NilUnion,
}

/// The params struct of an op.
struct ParamsView {
    name: String,
    qualified: String,
    fields: Vec<FieldView>,
    reset: String,
    bodies: StructBodies,
}

/// The result codecs of an op.
struct ResultView {
    codec: String,
    qualified: String,
    go_type: String,
    encode: String,
    decode: String,
}

/// The `types.go` template.
#[derive(Template)]
#[template(path = "types.go", config = "src/go/askama.toml", escape = "none")]
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

/// The field views of a struct, error or params struct, aligned like gofmt.
fn field_views(ir: &Ir, fields: &[Field], with_docs: bool) -> Vec<FieldView> {
    let mut views: Vec<FieldView> = fields
        .iter()
        .map(|f| FieldView {
            doc: if with_docs {
                GoDoc::new(&f.meta, None, "\t")
            } else {
                GoDoc::default()
            },
            name: naming::field_name(&f.name),
            pad: String::new(),
            go_type: go_type(ir, &f.ty),
        })
        .collect();
    let pads = gofmt_padding(views.iter().map(|v| (!v.doc.is_empty(), v.name.as_str())));
    for (v, pad) in views.iter_mut().zip(pads) {
        v.pad = pad;
    }
    views
}

/// The view of a struct or error `def` with `fields`.
fn struct_view(ir: &Ir, def: &TypeDef, fields: &[Field]) -> StructView {
    let name = naming::type_name(&def.name);
    let error = match &def.kind {
        TypeDefKind::Error(e) => Some(ErrorView {
            qualified: def.qualified_name(),
            wire_id: format!("0x{:08x}", e.wire_id),
        }),
        _ => None,
    };
    let what = if error.is_some() {
        "a typed error"
    } else {
        "a struct"
    };
    let reset = if default_expr(ir, &TypeRef::Named { id: def.id }).is_some() {
        format!("{}()", naming::default_fn(&def.name))
    } else {
        format!("{name}{{}}")
    };
    StructView {
        doc: GoDoc::new(
            &def.meta,
            Some(&format!("{name} is {what} of the schema.")),
            "",
        ),
        fields: field_views(ir, fields, true),
        default: struct_default_literal(ir, &name, fields),
        reset,
        error,
        bodies: struct_bodies(ir, fields),
        name,
    }
}

/// The view of enum `def`.
fn enum_view(def: &TypeDef, e: &Enum) -> EnumView {
    let name = naming::type_name(&def.name);
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
            doc: GoDoc::new(&v.meta, None, "\t"),
            name: naming::enum_const(&def.name, &v.name),
            pad: String::new(),
            schema_name: v.name.clone(),
            value: v.value,
        })
        .collect();
    let pads = gofmt_padding(
        variants
            .iter()
            .map(|v| (!v.doc.is_empty(), v.name.as_str())),
    );
    for (v, pad) in variants.iter_mut().zip(pads) {
        v.pad = pad;
    }
    EnumView {
        doc: GoDoc::new(
            &def.meta,
            Some(&format!("{name} is an enum of the schema.")),
            "",
        ),
        variants,
        default,
        name,
    }
}

/// The view of handle `def`.
fn handle_view(def: &TypeDef) -> HandleView {
    let name = naming::type_name(&def.name);
    HandleView {
        doc: GoDoc::new(
            &def.meta,
            Some(&format!(
                "{name} is an opaque handle owned by the wasm side."
            )),
            "",
        ),
        name,
    }
}

/// The view of union `def`.
fn union_view(ir: &Ir, def: &TypeDef, u: &Union) -> UnionView {
    let name = naming::type_name(&def.name);
    let mut variants: Vec<UnionVariantView> = u
        .variants
        .iter()
        .map(|v| {
            let go_type = naming::union_variant_type(&def.name, &v.name);
            let fallback = format!("{go_type} is the variant {} of {name}.", v.name);
            let payload = v.payload.as_ref().map(|p| {
                let mut encode = Lines::at_depth(2);
                codec::encode(ir, p, "x.Value", &mut encode);
                let mut decode = Lines::at_depth(2);
                codec::decode(ir, p, "x.Value", &mut decode);
                PayloadView {
                    go_type: self::go_type(ir, p),
                    encode: encode.finish(),
                    decode: decode.finish(),
                }
            });
            UnionVariantView {
                doc: GoDoc::new(&v.meta, Some(&fallback), ""),
                tag_const: naming::union_tag_const(&def.name, &v.name),
                tag_pad: String::new(),
                tag: v.tag,
                payload,
                go_type,
            }
        })
        .collect();
    let pads = gofmt_padding(variants.iter().map(|v| (false, v.tag_const.as_str())));
    for (v, pad) in variants.iter_mut().zip(pads) {
        v.tag_pad = pad;
    }
    let first = &variants[0];
    let default = match u.variants[0]
        .payload
        .as_ref()
        .and_then(|p| default_expr(ir, p))
    {
        Some(d) => format!("&{}{{Value: {d}}}", first.go_type),
        None => format!("&{}{{}}", first.go_type),
    };
    let nil = if !union_is_cyclic(ir, def.id) {
        NilUnion::Default
    } else {
        // The first variant whose payload needs no named type.
        u.variants
            .iter()
            .zip(&variants)
            .find(|(v, _)| {
                !matches!(&v.payload, Some(TypeRef::Named { id })
                    if matches!(ir.ty(*id).kind, TypeDefKind::Struct(_) | TypeDefKind::Error(_) | TypeDefKind::Union(_)))
            })
            .map(|(_, view)| NilUnion::Variant(format!("&{}{{}}", view.go_type)))
            .unwrap_or_else(|| NilUnion::FirstTag(first.tag_const.clone()))
    };
    UnionView {
        doc: GoDoc::new(
            &def.meta,
            Some(&format!("{name} is a union of the schema.")),
            "",
        ),
        seal: naming::union_seal(&def.name),
        binds_payload: variants.iter().any(|v| v.payload.is_some()),
        default,
        nil,
        variants,
        name,
    }
}

/// The view of the params struct of `op` of service `s`.
fn params_view(ir: &Ir, s: &Service, op: &Op) -> ParamsView {
    let name = naming::params_type(&s.name, &op.name);
    ParamsView {
        qualified: format!("{}.{}", s.qualified_name(), op.name),
        fields: field_views(ir, &op.params, false),
        reset: struct_default_literal(ir, &name, &op.params),
        bodies: struct_bodies(ir, &op.params),
        name,
    }
}

/// The view of the result codecs of `op` of service `s`, whose result is `result`.
fn result_view(ir: &Ir, s: &Service, op: &Op, result: &TypeRef) -> ResultView {
    let mut encode = Lines::at_depth(1);
    codec::encode(ir, result, "v", &mut encode);
    let mut decode = Lines::at_depth(1);
    codec::decode(ir, result, "v", &mut decode);
    ResultView {
        codec: naming::result_codec(&s.name, &op.name),
        qualified: format!("{}.{}", s.qualified_name(), op.name),
        go_type: go_type(ir, result),
        encode: encode.finish(),
        decode: decode.finish(),
    }
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
        match &def.kind {
            TypeDefKind::Struct(_) | TypeDefKind::Error(_) => {
                t.structs.push(struct_view(ir, def, fields_of(ir, def.id)))
            }
            TypeDefKind::Enum(e) => t.enums.push(enum_view(def, e)),
            TypeDefKind::Handle => t.handles.push(handle_view(def)),
            TypeDefKind::Union(u) => t.unions.push(union_view(ir, def, u)),
        }
    }
    t.uses_strconv = !t.enums.is_empty();
    for s in &ir.services {
        for op in &s.ops {
            t.params.push(params_view(ir, s, op));
            if let Some(result) = &op.result {
                t.results.push(result_view(ir, s, op, result));
            }
        }
    }
    t.render().expect("types.go template renders")
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

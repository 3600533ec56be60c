//! TypeScript codecs for the schema (`codecs.ts`), built on runtime-ts's
//! `Writer` / `Reader` (docs/wire.md §3).
//!
//! Entry point: [`generate_codecs`]; the TS backend (`ts/mod.rs`) prepends
//! the generated-file header and imports the types from `types.ts`.
//! For every named type `X` it emits `encodeX(w, v)`, `decodeX(r)`,
//! `maxSizeX(v)` (an upper bound of the encoded bytes, including worst-case
//! buffer padding, so a host can `kk_alloc` once and encode straight into wasm
//! memory: docs/abi.md §1.1) and, for structs, errors and unions, `defaultX()`.
//! Per op `{Service}{Op}`: `encode/decode/maxSize{Service}{Op}Params` (the
//! call payload), `encode/decode/maxSize{Service}{Op}Result` (the ok payload),
//! `decode{Service}{Op}Error(r, errorId)` returning the typed error object
//! (`unknown_error` for ids the op does not throw) and
//! `encode{Service}{Op}Error(w, e)` writing a whole typed-error payload; and
//! `{Service}OpIds`, the op ids by method name.
//! Lists, maps and optionals get private helpers named after their shape
//! (`encList_Point`, `decMap_string_i32`, `sizeOpt_u32`).

use super::naming;
use super::types::{buffer_type, map_key_type, tidy, ts_type};
use crate::analysis::{fixed_wire_size, map_key_scalar, Analysis};
use crate::literal::ts_string;
use askama::Template;
use kkidl::ir::{Field, Ir, MapKey, Scalar, TypeDefKind, TypeId, TypeRef};
use std::collections::BTreeSet;

/// The `Reader`/`Writer` method of a scalar: runtime-ts names them after the
/// schema keywords (`r.u32()`, `w.string(v)`).
fn scalar_method(s: Scalar) -> &'static str {
    s.keyword()
}

/// A name for the shape of a type, used to name composite helpers. Scalars
/// and buffers are spelled in lowercase (`u32`, `f32Array`) and declared types
/// in PascalCase, so a type named `U32` or `F32s` never shares a helper with
/// the scalar or buffer.
fn mangle(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar { scalar } => scalar.keyword().to_string(),
        TypeRef::Buffer { elem } => format!("{}Array", elem.keyword()),
        TypeRef::List { elem } => format!("List_{}", mangle(ir, elem)),
        TypeRef::Map { key, value } => format!(
            "Map_{}_{}",
            map_key_scalar(*key).keyword(),
            mangle(ir, value)
        ),
        TypeRef::Optional { inner } => format!("Opt_{}", mangle(ir, inner)),
        TypeRef::Named { id } => naming::type_name(&ir.ty(*id).name),
    }
}

/// Statement-free expression that encodes `v` of type `ty` with writer `w`.
pub fn enc(ir: &Ir, ty: &TypeRef, v: &str) -> String {
    match ty {
        TypeRef::Scalar { scalar } => format!("w.{}({v})", scalar_method(*scalar)),
        TypeRef::Buffer { elem } => format!("w.{}s({v})", elem.keyword()),
        TypeRef::List { .. } | TypeRef::Map { .. } | TypeRef::Optional { .. } => {
            format!("enc{}(w, {v})", mangle(ir, ty))
        }
        TypeRef::Named { id } => format!("encode{}(w, {v})", naming::type_name(&ir.ty(*id).name)),
    }
}

/// Expression (`string | undefined`) naming the first wrong-typed value in
/// `v` of type `ty` at the path `at` (a TS string expression), run only after
/// an encoding failure: the runtime's checks for scalars and buffers, the
/// generated `checkX` / `chk{Shape}` otherwise.
pub fn chk(ir: &Ir, ty: &TypeRef, v: &str, at: &str) -> String {
    match ty {
        TypeRef::Scalar { scalar } => format!("kkCheckScalar(\"{}\", {v}, {at})", scalar.keyword()),
        TypeRef::Buffer { elem } => format!("kkCheckTyped({}, {v}, {at})", buffer_type(*elem)),
        TypeRef::List { .. } | TypeRef::Map { .. } | TypeRef::Optional { .. } => {
            format!("chk{}({v}, {at})", mangle(ir, ty))
        }
        TypeRef::Named { id } => format!("check{}({v}, {at})", naming::type_name(&ir.ty(*id).name)),
    }
}

/// Expression that decodes a value of type `ty` from reader `r`.
pub fn dec(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar {
            scalar: Scalar::Bytes,
        } => "r.bytesValue()".into(),
        TypeRef::Scalar { scalar } => format!("r.{}()", scalar_method(*scalar)),
        TypeRef::Buffer { elem } => format!("r.{}s()", elem.keyword()),
        TypeRef::List { .. } | TypeRef::Map { .. } | TypeRef::Optional { .. } => {
            format!("dec{}(r)", mangle(ir, ty))
        }
        TypeRef::Named { id } => format!("decode{}(r)", naming::type_name(&ir.ty(*id).name)),
    }
}

/// Expression for an upper bound of the encoded size of `v` of type `ty`.
pub fn size(ir: &Ir, ty: &TypeRef, v: &str) -> String {
    if let Some(n) = fixed_wire_size(ir, ty) {
        return n.to_string();
    }
    match ty {
        TypeRef::Scalar {
            scalar: Scalar::String,
        } => format!("(4 + 3 * {v}.length)"),
        TypeRef::Scalar { .. } => format!("(4 + {v}.length)"),
        TypeRef::Buffer { elem } => format!("({} + {v}.byteLength)", 4 + elem.size() - 1),
        TypeRef::List { .. } | TypeRef::Map { .. } | TypeRef::Optional { .. } => {
            format!("size{}({v})", mangle(ir, ty))
        }
        TypeRef::Named { id } => format!("maxSize{}({v})", naming::type_name(&ir.ty(*id).name)),
    }
}

/// Expression for the default value of `ty` (docs/wire.md §3.9; the enum
/// and union defaults come from the shared [`Analysis`]).
pub fn default(a: &Analysis, ty: &TypeRef) -> String {
    let ir = a.ir();
    match ty {
        TypeRef::Scalar { scalar } => match scalar {
            Scalar::Bool => "false".into(),
            Scalar::I64 | Scalar::U64 => "0n".into(),
            Scalar::String => "\"\"".into(),
            Scalar::Bytes => "new Uint8Array(0)".into(),
            _ => "0".into(),
        },
        TypeRef::Buffer { elem } => format!("new {}(0)", buffer_type(*elem)),
        TypeRef::List { .. } => "[]".into(),
        TypeRef::Map { .. } => format!("new {}()", ts_type(ir, ty)),
        TypeRef::Optional { .. } => "undefined".into(),
        TypeRef::Named { id } => {
            let def = ir.ty(*id);
            let name = naming::type_name(&def.name);
            match &def.kind {
                TypeDefKind::Enum(_) => {
                    format!("{name}.{}", naming::variant_name(&a.enum_default(*id).name))
                }
                TypeDefKind::Handle => format!("(0 as {name})"),
                _ => format!("default{name}()"),
            }
        }
    }
}

/// A field of a struct, error or params struct, ready to render.
struct FieldView {
    prop: String,
    /// Names the field's first wrong-typed value ([`chk`]).
    chk: String,
    enc: String,
    dec: String,
    default: String,
    size: String,
}

/// A struct-shaped type (struct, error, op params).
struct StructView {
    name: String,
    /// `v`, or `_v` when the encoder reads no field.
    enc_param: &'static str,
    /// `v`, or `_v` when the size bound reads no field.
    size_param: &'static str,
    /// Short description for doc comments, e.g. "the struct `Point`".
    what: String,
    /// The name as a TS string literal (for the argument check's message).
    name_literal: String,
    fields: Vec<FieldView>,
}

/// An enum, for its validating decoder.
struct EnumView {
    name: String,
    values: Vec<u32>,
}

impl EnumView {
    /// The name as a TS string literal (for the argument check's message).
    fn name_literal(&self) -> String {
        ts_string(&self.name)
    }
}

/// A union variant.
struct VariantView {
    name: String,
    tag: u32,
    /// Codec expressions of the payload; `None` for a variant without one.
    payload: Option<PayloadView>,
}

/// The codec expressions of a union variant's payload (reading `v.value`).
struct PayloadView {
    /// Names the payload's first wrong-typed value ([`chk`]).
    chk: String,
    enc: String,
    dec: String,
    size: String,
}

/// A union.
struct UnionView {
    name: String,
    /// The union's name as a TS string literal.
    name_literal: String,
    /// The tags it accepts (`"A" | "B"`), as a TS string literal.
    tags_literal: String,
    /// The variant the union defaults to ([`Analysis::union_default`]), and its payload's default.
    default_tag_name: String,
    default_payload: Option<String>,
    variants: Vec<VariantView>,
}

/// What a composite helper is.
enum CompositeShape {
    List,
    Map(MapKeyView),
    Optional,
}

/// The key side of a map helper.
struct MapKeyView {
    /// TS type of the key.
    ts: &'static str,
    /// Encodes the key `e[0]` of an entry.
    enc: String,
    /// Decodes a key.
    dec: String,
    /// Compares the keys of entries `a` and `b` (negative, 0, positive).
    cmp: &'static str,
    /// True when key `k` does not come strictly after `prev`.
    not_after: &'static str,
    /// The value `prev` starts at.
    init: String,
    /// Size bound of key `k`.
    size: String,
    /// The key's size when it does not depend on the value.
    fixed: Option<u32>,
    /// Whether the keys are strings (compared with the runtime's `compareUtf8`).
    utf8: bool,
    /// Names a wrong-typed key `k`.
    chk: String,
}

/// A list, map or optional helper (`enc`/`dec`/`size` + its mangled shape name).
struct CompositeView {
    mangle: String,
    shape: CompositeShape,
    ts: String,
    /// Encodes the element `x`.
    elem_enc: String,
    elem_dec: String,
    /// Size bound of the element `x`.
    elem_size: String,
    /// The element's size when it does not depend on the value.
    elem_fixed: Option<u32>,
    /// Names the first wrong-typed value of an element (`a[i]` of a list,
    /// the value `x` under key `k` of a map, `v` of an optional).
    elem_chk: String,
    /// Whether an argument check calls its `chk` helper (not for a shape
    /// only op results have: results are not checked).
    checked: bool,
}

/// An op's ok payload codecs.
struct ResultView {
    ts: String,
    /// Encodes `v`.
    enc: String,
    dec: String,
    /// Size bound of `v`.
    size: String,
    /// `v`, or `_v` when the size bound does not read the value.
    size_param: &'static str,
}

/// A typed error an op throws.
struct ThrownView {
    /// The error's type (its fields).
    type_name: String,
    /// Its generated class.
    class: String,
}

/// An op's codecs.
struct OpView {
    doc_name: String,
    result_name: String,
    error_name: String,
    /// `None` when the op returns nothing.
    result: Option<ResultView>,
    errors: Vec<ThrownView>,
}

/// One entry of a service's op id table (and of its descriptor).
struct OpIdView {
    key: String,
    id: u32,
    /// The op name as written, as a string literal.
    name_literal: String,
}

/// A service's op id table and descriptor.
struct ServiceView {
    qualified: String,
    name: String,
    ops: Vec<OpIdView>,
    /// The descriptor's package, name and doc line as string literals.
    package_literal: String,
    name_literal: String,
    doc_literal: String,
}

/// The `codecs.ts` template.
#[derive(Template)]
#[template(path = "codecs.ts", config = "src/ts/askama.toml", escape = "none")]
struct CodecsTemplate {
    runtime_import: String,
    types_import: String,
    /// Import specifiers from the runtime (`DecodeError`, `type Reader`, ...): exactly those the module uses.
    runtime_names: Vec<&'static str>,
    /// Enums and the error classes ops throw (values).
    value_imports: Vec<String>,
    /// Everything else (types only).
    type_imports: Vec<String>,
    structs: Vec<StructView>,
    enums: Vec<EnumView>,
    unions: Vec<UnionView>,
    handles: Vec<String>,
    composites: Vec<CompositeView>,
    ops: Vec<OpView>,
    services: Vec<ServiceView>,
}

/// `v` when an expression reads the value, else `_v` (an unused parameter).
fn value_param(reads: bool) -> &'static str {
    if reads {
        "v"
    } else {
        "_v"
    }
}

fn struct_view(a: &Analysis, name: String, what: String, fields: &[Field]) -> StructView {
    let ir = a.ir();
    let views = fields
        .iter()
        .map(|f| {
            let prop = naming::field_name(&f.name);
            FieldView {
                chk: chk(
                    ir,
                    &f.ty,
                    &format!("(v as {name}).{prop}"),
                    &format!("kkFieldPath(at, {})", ts_string(&prop)),
                ),
                enc: enc(ir, &f.ty, &format!("v.{prop}")),
                dec: dec(ir, &f.ty),
                default: default(a, &f.ty),
                size: size(ir, &f.ty, &format!("v.{prop}")),
                prop,
            }
        })
        .collect();
    StructView {
        name_literal: ts_string(&name),
        name,
        what,
        enc_param: value_param(!fields.is_empty()),
        size_param: value_param(fields.iter().any(|f| fixed_wire_size(ir, &f.ty).is_none())),
        fields: views,
    }
}

/// Adds `ty` and every list/map/optional inside it to `out` (deduplicated, inner first).
fn collect_composites(ty: &TypeRef, out: &mut Vec<TypeRef>) {
    match ty {
        TypeRef::List { elem } => collect_composites(elem, out),
        TypeRef::Map { value, .. } => collect_composites(value, out),
        TypeRef::Optional { inner } => collect_composites(inner, out),
        _ => return,
    }
    if !out.contains(ty) {
        out.push(ty.clone());
    }
}

fn map_key_view(a: &Analysis, key: MapKey) -> MapKeyView {
    let ir = a.ir();
    let key_ty = TypeRef::Scalar {
        scalar: map_key_scalar(key),
    };
    let (cmp, not_after) = match key {
        MapKey::String => ("compareUtf8(a[0], b[0])", "compareUtf8(prev, k) >= 0"),
        MapKey::I32 | MapKey::U32 => ("a[0] - b[0]", "k <= prev"),
        MapKey::I64 | MapKey::U64 => ("a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0", "k <= prev"),
    };
    MapKeyView {
        ts: map_key_type(key),
        enc: enc(ir, &key_ty, "e[0]"),
        dec: dec(ir, &key_ty),
        cmp,
        not_after,
        init: default(a, &key_ty),
        size: size(ir, &key_ty, "k"),
        fixed: fixed_wire_size(ir, &key_ty),
        utf8: key == MapKey::String,
        chk: chk(ir, &key_ty, "k", "`${at} (a key)`"),
    }
}

fn composite_view(a: &Analysis, ty: &TypeRef) -> CompositeView {
    let ir = a.ir();
    let (shape, elem) = match ty {
        TypeRef::List { elem } => (CompositeShape::List, elem),
        TypeRef::Map { key, value } => (CompositeShape::Map(map_key_view(a, *key)), value),
        TypeRef::Optional { inner } => (CompositeShape::Optional, inner),
        _ => unreachable!("only composites"),
    };
    let elem_chk = match shape {
        CompositeShape::List => chk(ir, elem, "a[i]", "`${at}[${i}]`"),
        CompositeShape::Map(_) => chk(ir, elem, "x", "`${at}.get(${String(k)})`"),
        CompositeShape::Optional => chk(ir, elem, "v", "at"),
    };
    CompositeView {
        checked: false,
        elem_chk,
        mangle: mangle(ir, ty),
        shape,
        ts: ts_type(ir, ty),
        elem_enc: enc(ir, elem, "x"),
        elem_dec: dec(ir, elem),
        elem_size: size(ir, elem, "x"),
        elem_fixed: fixed_wire_size(ir, elem),
    }
}

/// Sets [`CompositeView::checked`] on the composites some argument check
/// reaches: from a field or union payload, or from another checked composite.
fn mark_checked(t: &mut CodecsTemplate) {
    let mut calls: Vec<String> = t
        .structs
        .iter()
        .flat_map(|s| s.fields.iter().map(|f| f.chk.clone()))
        .chain(
            t.unions
                .iter()
                .flat_map(|u| u.variants.iter().filter_map(|v| v.payload.as_ref()))
                .map(|p| p.chk.clone()),
        )
        .collect();
    loop {
        let mut more = false;
        for c in t.composites.iter_mut().filter(|c| !c.checked) {
            let call = format!("chk{}(", c.mangle);
            if calls.iter().any(|s| s.contains(&call)) {
                c.checked = true;
                more = true;
                calls.push(c.elem_chk.clone());
                if let CompositeShape::Map(k) = &c.shape {
                    calls.push(k.chk.clone());
                }
            }
        }
        if !more {
            break;
        }
    }
}

/// The runtime names `codecs.ts` uses, as import specifiers: each only when
/// some generated function refers to it, so the module passes `noUnusedLocals`.
fn runtime_names(t: &CodecsTemplate) -> Vec<&'static str> {
    let maps = || {
        t.composites.iter().filter_map(|c| match &c.shape {
            CompositeShape::Map(k) => Some(k),
            _ => None,
        })
    };
    let mut names = vec![];
    if !t.enums.is_empty() || !t.unions.is_empty() || !t.ops.is_empty() || maps().next().is_some() {
        names.push("DecodeError");
    }
    if maps().any(|k| k.utf8) {
        names.push("compareUtf8");
    }
    if t.ops.iter().any(|o| !o.errors.is_empty()) {
        names.push("writeTypedErrorPrefix");
    }
    if !t.structs.is_empty()
        || !t.enums.is_empty()
        || !t.unions.is_empty()
        || !t.handles.is_empty()
        || !t.ops.is_empty()
    {
        names.extend(["type Reader", "type Writer"]);
    }
    if !t.services.is_empty() {
        names.push("type ServiceDescriptor as kkServiceDescriptor");
    }
    // The argument checks (run after an encoding failure) and the encoders' own type tests.
    let mut checks: Vec<&str> = vec![];
    for s in &t.structs {
        checks.extend(s.fields.iter().map(|f| f.chk.as_str()));
    }
    for u in &t.unions {
        checks.extend(
            u.variants
                .iter()
                .filter_map(|v| v.payload.as_ref())
                .map(|p| p.chk.as_str()),
        );
    }
    for c in t.composites.iter().filter(|c| c.checked) {
        checks.push(&c.elem_chk);
        if let CompositeShape::Map(k) = &c.shape {
            checks.push(&k.chk);
        }
    }
    let uses = |f: &str| checks.iter().any(|c| c.contains(f));
    let lists = t
        .composites
        .iter()
        .any(|c| matches!(c.shape, CompositeShape::List));
    let checked = |list: bool| {
        t.composites.iter().any(|c| {
            c.checked
                && match c.shape {
                    CompositeShape::List => list,
                    CompositeShape::Map(_) => !list,
                    CompositeShape::Optional => false,
                }
        })
    };
    if !t.structs.is_empty() || !t.unions.is_empty() {
        names.push("checkObject as kkCheckObject");
    }
    if t.structs.iter().any(|s| !s.fields.is_empty()) || !t.unions.is_empty() {
        names.push("fieldPath as kkFieldPath");
    }
    if uses("kkCheckScalar(") {
        names.push("checkScalar as kkCheckScalar");
    }
    if uses("kkCheckTyped(") {
        names.push("checkTyped as kkCheckTyped");
    }
    if !t.enums.is_empty() || !t.handles.is_empty() {
        names.push("checkNumber as kkCheckNumber");
    }
    if checked(true) {
        names.push("checkArray as kkCheckArray");
    }
    if checked(false) {
        names.push("checkMap as kkCheckMap");
    }
    if !t.unions.is_empty() {
        names.push("expected as kkExpected");
    }
    if lists || maps().next().is_some() || !t.unions.is_empty() {
        names.push("WireTypeError as kkWireTypeError");
    }
    names
}

/// The contents of `codecs.ts` (without the generated-file header).
/// `runtime_import` is where `Writer`/`Reader`/`DecodeError` come from
/// (e.g. `@kkgen/runtime`); `types_import` is the module of [`super::types::generate_types`]'s
/// output (e.g. `./types.js`).
pub fn generate_codecs(ir: &Ir, runtime_import: &str, types_import: &str) -> String {
    let analysis = Analysis::new(ir);
    let mut t = CodecsTemplate {
        runtime_import: runtime_import.to_string(),
        types_import: types_import.to_string(),
        runtime_names: vec![],
        value_imports: vec![],
        type_imports: vec![],
        structs: vec![],
        enums: vec![],
        unions: vec![],
        handles: vec![],
        composites: vec![],
        ops: vec![],
        services: vec![],
    };
    let thrown: BTreeSet<TypeId> = ir
        .services
        .iter()
        .flat_map(|s| &s.ops)
        .flat_map(|o| o.throws.iter().copied())
        .collect();
    let mut composites: Vec<TypeRef> = vec![];
    for def in &ir.types {
        let name = naming::type_name(&def.name);
        match &def.kind {
            TypeDefKind::Enum(_) => t.value_imports.push(name.clone()),
            _ => t.type_imports.push(name.clone()),
        }
        match &def.kind {
            TypeDefKind::Struct(s) => {
                s.fields
                    .iter()
                    .for_each(|f| collect_composites(&f.ty, &mut composites));
                t.structs.push(struct_view(
                    &analysis,
                    name.clone(),
                    format!("the struct `{name}`"),
                    &s.fields,
                ));
            }
            TypeDefKind::Error(e) => {
                e.fields
                    .iter()
                    .for_each(|f| collect_composites(&f.ty, &mut composites));
                if thrown.contains(&def.id) {
                    t.value_imports.push(naming::error_class_name(&def.name));
                }
                t.structs.push(struct_view(
                    &analysis,
                    name.clone(),
                    format!("the error `{name}`"),
                    &e.fields,
                ));
            }
            TypeDefKind::Enum(e) => t.enums.push(EnumView {
                name,
                values: e.variants.iter().map(|v| v.value).collect(),
            }),
            TypeDefKind::Union(u) => {
                u.variants
                    .iter()
                    .filter_map(|v| v.payload.as_ref())
                    .for_each(|p| collect_composites(p, &mut composites));
                let default_variant = analysis.union_default(def.id);
                let tags: Vec<String> = u
                    .variants
                    .iter()
                    .map(|v| format!("\"{}\"", naming::variant_name(&v.name)))
                    .collect();
                t.unions.push(UnionView {
                    name_literal: ts_string(&name),
                    tags_literal: ts_string(&tags.join(" | ")),
                    name,
                    default_tag_name: naming::variant_name(&default_variant.name),
                    default_payload: default_variant
                        .payload
                        .as_ref()
                        .map(|p| default(&analysis, p)),
                    variants: u
                        .variants
                        .iter()
                        .map(|v| VariantView {
                            name: naming::variant_name(&v.name),
                            tag: v.tag,
                            payload: v.payload.as_ref().map(|p| PayloadView {
                                chk: chk(
                                    ir,
                                    p,
                                    "(v as { value?: unknown }).value",
                                    "kkFieldPath(at, \"value\")",
                                ),
                                enc: enc(ir, p, "v.value"),
                                dec: dec(ir, p),
                                size: size(ir, p, "v.value"),
                            }),
                        })
                        .collect(),
                });
            }
            TypeDefKind::Handle => t.handles.push(name),
        }
    }
    for svc in &ir.services {
        let mut ids = vec![];
        for op in &svc.ops {
            op.params
                .iter()
                .for_each(|f| collect_composites(&f.ty, &mut composites));
            if let Some(r) = &op.result {
                collect_composites(r, &mut composites);
            }
            let params = naming::params_name(&svc.name, &op.name);
            t.type_imports.push(params.clone());
            t.structs.push(struct_view(
                &analysis,
                params.clone(),
                format!("the parameters of `{}.{}`", svc.name, op.name),
                &op.params,
            ));
            t.ops.push(OpView {
                doc_name: format!("{}.{}", svc.name, op.name),
                result_name: naming::result_name(&svc.name, &op.name),
                error_name: naming::op_error_name(&svc.name, &op.name),
                result: op.result.as_ref().map(|r| ResultView {
                    ts: ts_type(ir, r),
                    enc: enc(ir, r, "v"),
                    dec: dec(ir, r),
                    size: size(ir, r, "v"),
                    size_param: value_param(fixed_wire_size(ir, r).is_none()),
                }),
                errors: op
                    .throws
                    .iter()
                    .map(|id| {
                        let def = ir.ty(*id);
                        ThrownView {
                            type_name: naming::type_name(&def.name),
                            class: naming::error_class_name(&def.name),
                        }
                    })
                    .collect(),
            });
            ids.push(OpIdView {
                key: naming::op_name(&op.name),
                id: op.id,
                name_literal: ts_string(&op.name),
            });
        }
        t.services.push(ServiceView {
            qualified: svc.qualified_name(),
            name: naming::service_name(&svc.name),
            ops: ids,
            package_literal: ts_string(&svc.package),
            name_literal: ts_string(&svc.name),
            doc_literal: ts_string(&crate::descriptor::doc_line(svc)),
        });
    }
    t.composites = composites
        .iter()
        .map(|c| composite_view(&analysis, c))
        .collect();
    mark_checked(&mut t);
    t.runtime_names = runtime_names(&t);
    tidy(&t.render().expect("codecs.ts template renders"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ts::types::generate_types;

    #[test]
    fn generates_every_codec_function() {
        let ir = crate::good_schema_ir("small");
        let types = generate_types(&ir, "@kkgen/runtime");
        assert!(types.contains("export interface Point {"), "{types}");
        assert!(
            types.contains("tagsByName: Map<string, number>;"),
            "{types}"
        );
        assert!(
            types.contains("maybe?: Array<Color> | undefined;"),
            "{types}"
        );
        assert!(types.contains("@deprecated no"), "{types}");
        assert!(
            types.contains("export class NotFoundError extends kkServiceError"),
            "{types}"
        );
        assert!(types.contains("| { readonly tag: \"Empty\" }"), "{types}");
        let codecs = generate_codecs(&ir, "@kkgen/runtime", "./types.js");
        for f in [
            "export function encodePoint(",
            "export function decodePoint(",
            "export function maxSizePoint(",
            "export function decodeColor(",
            "export function encodeShape(",
            "export function decodeModel(",
            "export function encodeSvcGetParams(",
            "export function decodeSvcGetResult(",
            "export function decodeSvcGetError(",
            "export function encodeSvcPingResult(",
            "function decMap_string_u32(",
            "function encOpt_List_Color(",
            "export const SvcOpIds",
        ] {
            assert!(codecs.contains(f), "missing {f} in\n{codecs}");
        }
        // A cyclic union defaults to a finite variant, and the first one otherwise.
        assert!(
            codecs.contains(
                "export function defaultExpr(): Expr {\n  return { tag: \"Lit\", value: 0n };"
            ),
            "{codecs}"
        );
        assert!(codecs.contains("export function defaultShape(): Shape {\n  return { tag: \"Dot\", value: defaultPoint() };"), "{codecs}");
    }
}

//! TypeScript declarations for the schema's types (`types.ts`): interfaces,
//! enums, unions, handles, typed error classes and op parameter structs.
//!
//! Entry point: [`generate_types`]. The TS backend (`ts/mod.rs`) prepends the
//! generated-file header. Representation choices (documented for users):
//! - struct / error → `interface` with camelCase fields (all present);
//!   each error also gets `class {Name}Error extends ServiceError { readonly errorId; readonly data }`
//!   with a static `wireId`, thrown for typed errors;
//! - enum → a `const` object of variant values plus a union type of those
//!   numbers (`Color.Red` is `0`): values, not names, so codecs do no lookups;
//! - union → a discriminated union `{ tag: "Circle"; value: Circle } | { tag: "Empty" }`;
//! - handle → a branded number (`number & { readonly __kkHandle: "Model" }`);
//! - `T[]` → `Float32Array` etc.; `bytes` → `Uint8Array`; `list<T>` → `T[]`;
//!   `map<K, V>` → `Map<K, V>`; `T?` → `T | undefined` (optional property);
//!   `i64`/`u64` → `bigint`, other numbers → `number`.

use super::doc::{tsdoc, DocBlock};
use super::naming;
use askama::Template;
use kkidl::ir::{BufferElem, Ir, MapKey, Scalar, TypeDefKind, TypeRef};

/// The TS type of a use of a type.
pub fn ts_type(ir: &Ir, ty: &TypeRef) -> String {
    ts_type_in(ir, ty, "")
}

/// The TS type of a use of a type, declared names prefixed with `types`
/// (`"T."` where `types.ts` is imported as a namespace).
pub fn ts_type_in(ir: &Ir, ty: &TypeRef, types: &str) -> String {
    match ty {
        TypeRef::Scalar { scalar } => scalar_type(*scalar).to_string(),
        TypeRef::Buffer { elem } => buffer_type(*elem).to_string(),
        TypeRef::List { elem } => format!("Array<{}>", ts_type_in(ir, elem, types)),
        TypeRef::Map { key, value } => {
            format!(
                "Map<{}, {}>",
                map_key_type(*key),
                ts_type_in(ir, value, types)
            )
        }
        TypeRef::Optional { inner } => format!("{} | undefined", ts_type_in(ir, inner, types)),
        TypeRef::Named { id } => format!("{types}{}", naming::type_name(&ir.ty(*id).name)),
    }
}

/// The TS type of a scalar.
pub fn scalar_type(s: Scalar) -> &'static str {
    match s {
        Scalar::Bool => "boolean",
        Scalar::I64 | Scalar::U64 => "bigint",
        Scalar::String => "string",
        Scalar::Bytes => "Uint8Array",
        _ => "number",
    }
}

/// The typed array class of a buffer element.
pub fn buffer_type(e: BufferElem) -> &'static str {
    match e {
        BufferElem::U8 => "Uint8Array",
        BufferElem::I8 => "Int8Array",
        BufferElem::U16 => "Uint16Array",
        BufferElem::I16 => "Int16Array",
        BufferElem::U32 => "Uint32Array",
        BufferElem::I32 => "Int32Array",
        BufferElem::F32 => "Float32Array",
        BufferElem::F64 => "Float64Array",
        BufferElem::I64 => "BigInt64Array",
        BufferElem::U64 => "BigUint64Array",
    }
}

/// The TS type of a map key.
pub fn map_key_type(k: MapKey) -> &'static str {
    match k {
        MapKey::String => "string",
        MapKey::I32 | MapKey::U32 => "number",
        MapKey::I64 | MapKey::U64 => "bigint",
    }
}

/// A property of an interface.
struct PropView {
    doc: String,
    name: String,
    /// `?` for optionals (may be omitted), else empty.
    opt: &'static str,
    ts: String,
}

/// A struct, error or params interface.
struct InterfaceView {
    doc: String,
    name: String,
    props: Vec<PropView>,
}

/// An error class.
struct ErrorClassView {
    name: String,
    class: String,
    wire_id: u32,
}

/// An enum variant.
struct EnumVariantView {
    doc: String,
    name: String,
    value: u32,
}

/// A C-like enum.
struct EnumView {
    doc: String,
    name: String,
    variants: Vec<EnumVariantView>,
}

/// One arm of a union type (its docs are in the union's block: a comment
/// before `| { ... }` would document nothing).
struct UnionArmView {
    name: String,
    /// Payload type, if the variant has one.
    payload: Option<String>,
}

/// A discriminated union.
struct UnionView {
    doc: String,
    name: String,
    arms: Vec<UnionArmView>,
}

/// A handle.
struct HandleView {
    doc: String,
    name: String,
}

/// The `types.ts` template.
#[derive(Template)]
#[template(path = "types.ts", config = "src/ts/askama.toml", escape = "none")]
struct TypesTemplate {
    interfaces: Vec<InterfaceView>,
    errors: Vec<ErrorClassView>,
    enums: Vec<EnumView>,
    unions: Vec<UnionView>,
    handles: Vec<HandleView>,
    params: Vec<InterfaceView>,
    /// Where `ServiceError` (the base of the error classes) is imported from.
    runtime_import: String,
}

/// The union's TSDoc block: its own docs, then one `` - `Arm`: ... `` line
/// per variant that has docs or annotations (TS attaches no comment to a
/// member of a union type), then its tags.
fn union_doc(meta: &kkidl::ir::Meta, variants: &[kkidl::ir::UnionVariant]) -> String {
    let mut arms = vec![];
    for v in variants {
        let mut notes: Vec<String> = v.meta.docs.clone();
        if let Some(since) = v.meta.since {
            notes.push(format!("(since {since})"));
        }
        if let Some(why) = &v.meta.deprecated {
            notes.push(format!("(deprecated: {why})"));
        }
        if !notes.is_empty() {
            let name = naming::variant_name(&v.name);
            arms.push(format!("- `{name}`: {}", notes.join(" ")));
        }
    }
    DocBlock::from_meta_with(meta, &arms).render("")
}

/// Props of a field list.
fn props(ir: &Ir, fields: &[kkidl::ir::Field]) -> Vec<PropView> {
    fields
        .iter()
        .map(|f| {
            let opt = matches!(f.ty, TypeRef::Optional { .. });
            PropView {
                doc: tsdoc(&f.meta, "  "),
                name: naming::field_name(&f.name),
                opt: if opt { "?" } else { "" },
                ts: ts_type(ir, &f.ty),
            }
        })
        .collect()
}

/// The contents of `types.ts` (without the generated-file header): every type
/// of the schema plus one `{Service}{Op}Params` interface per op.
/// The error classes extend runtime-ts's `ServiceError`, imported from
/// `runtime_import` as `kkServiceError` (no schema type can be named so: type
/// names are PascalCase).
pub fn generate_types(ir: &Ir, runtime_import: &str) -> String {
    let mut t = TypesTemplate {
        runtime_import: runtime_import.to_string(),
        interfaces: vec![],
        errors: vec![],
        enums: vec![],
        unions: vec![],
        handles: vec![],
        params: vec![],
    };
    for def in &ir.types {
        let name = naming::type_name(&def.name);
        let doc = tsdoc(&def.meta, "");
        match &def.kind {
            TypeDefKind::Struct(s) => t.interfaces.push(InterfaceView {
                doc,
                name,
                props: props(ir, &s.fields),
            }),
            TypeDefKind::Error(e) => {
                t.errors.push(ErrorClassView {
                    name: name.clone(),
                    class: naming::error_class_name(&def.name),
                    wire_id: e.wire_id,
                });
                t.interfaces.push(InterfaceView {
                    doc,
                    name,
                    props: props(ir, &e.fields),
                });
            }
            TypeDefKind::Enum(e) => t.enums.push(EnumView {
                doc,
                name,
                variants: e
                    .variants
                    .iter()
                    .map(|v| EnumVariantView {
                        doc: tsdoc(&v.meta, "  "),
                        name: naming::variant_name(&v.name),
                        value: v.value,
                    })
                    .collect(),
            }),
            TypeDefKind::Union(u) => t.unions.push(UnionView {
                doc: union_doc(&def.meta, &u.variants),
                name,
                arms: u
                    .variants
                    .iter()
                    .map(|v| UnionArmView {
                        name: naming::variant_name(&v.name),
                        payload: v.payload.as_ref().map(|p| ts_type(ir, p)),
                    })
                    .collect(),
            }),
            TypeDefKind::Handle => t.handles.push(HandleView { doc, name }),
        }
    }
    for svc in &ir.services {
        for op in &svc.ops {
            t.params.push(InterfaceView {
                doc: format!(
                    "/** Parameters of `{}.{}` (the call payload, one struct). */\n",
                    svc.name, op.name
                ),
                name: naming::params_name(&svc.name, &op.name),
                props: props(ir, &op.params),
            });
        }
    }
    tidy(&t.render().expect("types.ts template renders"))
}

/// Collapses runs of blank lines left by template control flow.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start_matches('\n').to_string()
}

//! The Zod 4 expression of every type and op (`zod.ts`), rendered from
//! [`crate::json_shape`].
//!
//! Entry point: [`generate_zod`]. Each declared type `X` becomes
//! `export const XSchema`, whose input is the JSON of docs/json.md and whose
//! output is `T.X` of `types.ts`; what JSON cannot hold as-is (64-bit
//! integers, non-finite floats, bytes, buffers, maps, enum names, `null`
//! for none) goes through a `z.codec`, so `z.encode(XSchema, value)` gives the
//! JSON back. References to declared types sit in getters (Zod 4's way to
//! write recursive and out-of-order schemas) whose return type is spelled
//! from the TS type, which breaks the inference cycle.

use super::emitted::{params_schema_name, result_schema_name, type_schema_name};
use crate::json_shape::{
    self, JsonDecl, JsonField, JsonType, I32_KEY_PATTERN, I64_PATTERN, U32_KEY_PATTERN,
    U64_PATTERN, UNION_TAG, UNION_VALUE,
};
use crate::ts::doc::tsdoc;
use crate::ts::naming::{self, string_literal};
use crate::ts::types::{buffer_type, tidy, ts_type_in};
use askama::Template;
use kkidl::ir::{Ir, MapKey, TypeRef};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// The namespace `types.ts` is imported as.
const TYPES: &str = "T.";
/// The "helper" that stands for the `import type * as T` (emitted only when used: `noUnusedLocals`).
const TYPES_IMPORT: &str = "T";

/// Renders expressions and records which private helpers they use.
struct Render<'a> {
    ir: &'a Ir,
    /// Names of the `kk` helpers used (the template emits only those: `noUnusedLocals`).
    helpers: RefCell<BTreeSet<&'static str>>,
}

impl Render<'_> {
    fn helper(&self, name: &'static str) -> &'static str {
        self.helpers.borrow_mut().insert(name);
        name
    }

    /// The Zod expression of a use of a type (a `T?` here is `null` for none).
    fn expr(&self, ty: &TypeRef) -> String {
        match json_shape::json_type(ty) {
            JsonType::Bool => "z.boolean()".into(),
            JsonType::Integer { min, max } => format!("z.int().min({min}).max({max})"),
            JsonType::DecimalString { signed } => {
                self.helper(if signed { "kkI64" } else { "kkU64" }).into()
            }
            JsonType::Float { single } => {
                self.helper(if single { "kkF32" } else { "kkF64" }).into()
            }
            JsonType::String => self.helper("kkString").into(),
            JsonType::Base64 { elem: None } => self.helper("kkBytes").into(),
            JsonType::Base64 { elem: Some(e) } => {
                let class = buffer_type(e);
                format!(
                    "{}<{class}>({}, {class})",
                    self.helper("kkBuffer"),
                    e.size()
                )
            }
            JsonType::Array(elem) => format!("z.array({})", self.expr(elem)),
            JsonType::Object { key, value } => {
                let map = self.helper("kkMap");
                let value = self.expr(value);
                let int_key = |pattern: &str, min: String, max: String, parse: &str| {
                    format!(
                        "{map}({}(/{pattern}/, {min}n, {max}n), {parse}, {value})",
                        self.helper("kkIntKey")
                    )
                };
                match key {
                    MapKey::String => format!("{map}(z.string(), String, {value})"),
                    MapKey::I32 => int_key(
                        I32_KEY_PATTERN,
                        i32::MIN.to_string(),
                        i32::MAX.to_string(),
                        "Number",
                    ),
                    MapKey::U32 => {
                        int_key(U32_KEY_PATTERN, "0".into(), u32::MAX.to_string(), "Number")
                    }
                    MapKey::I64 => int_key(
                        I64_PATTERN,
                        i64::MIN.to_string(),
                        i64::MAX.to_string(),
                        "BigInt",
                    ),
                    MapKey::U64 => int_key(U64_PATTERN, "0".into(), u64::MAX.to_string(), "BigInt"),
                }
            }
            JsonType::Nullable(inner) => {
                format!("{}({})", self.helper("kkNullable"), self.expr(inner))
            }
            JsonType::Named(id) => type_schema_name(&self.ir.ty(id).name),
        }
    }

    /// One entry of a `z.strictObject` shape; a getter when it refers to a declared type.
    fn entry(&self, key: &str, ty: &TypeRef, field_optional: bool, indent: &str) -> String {
        let key = string_literal(key);
        let (expr, zod_type) = match (field_optional, ty) {
            (true, TypeRef::Optional { inner }) => (
                format!("{}({})", self.helper("kkOptional"), self.expr(inner)),
                format!(
                    "z.ZodOptional<z.ZodType<{}, unknown>>",
                    ts_type_in(self.ir, ty, TYPES)
                ),
            ),
            _ => (
                self.expr(ty),
                format!("z.ZodType<{}, unknown>", ts_type_in(self.ir, ty, TYPES)),
            ),
        };
        if mentions_named(ty) {
            self.helper(TYPES_IMPORT);
            format!("{indent}get {key}(): {zod_type} {{\n{indent}  return {expr};\n{indent}}},\n")
        } else {
            format!("{indent}{key}: {expr},\n")
        }
    }

    /// A `z.strictObject` of fields (struct, error, op parameters) whose
    /// output is the TS type `ts` (`T.Name`); one without fields is a codec,
    /// as `z.strictObject({})`'s output (`Record<string, never>`) is not `T.Name`.
    fn object(&self, fields: &[JsonField], ts: &str, indent: &str) -> String {
        if fields.is_empty() {
            self.helper(TYPES_IMPORT);
            return format!("{}<{ts}>()", self.helper("kkEmpty"));
        }
        let mut out = String::from("z.strictObject({\n");
        for f in fields {
            let inner = format!("{indent}  ");
            out.push_str(&tsdoc(&f.field.meta, &inner));
            out.push_str(&self.entry(&f.key(), &f.field.ty, f.optional, &inner));
        }
        out.push_str(indent);
        out.push_str("})");
        out
    }

    /// The schema of a declared type.
    fn decl(&self, def: &kkidl::ir::TypeDef) -> String {
        let ts = format!("{TYPES}{}", naming::type_name(&def.name));
        let decl = json_shape::json_decl(def);
        if matches!(decl, JsonDecl::EnumName(_) | JsonDecl::Handle) {
            self.helper(TYPES_IMPORT); // their output types are spelled `T.Name`
        }
        match decl {
            JsonDecl::Object(fields) => self.object(&fields, &ts, ""),
            JsonDecl::EnumName(variants) => {
                let names: Vec<String> = variants.iter().map(|(n, _)| string_literal(n)).collect();
                let values: Vec<String> = variants.iter().map(|(_, v)| v.to_string()).collect();
                let by_name: Vec<String> = variants
                    .iter()
                    .map(|(n, v)| format!("{}: {v}", string_literal(n)))
                    .collect();
                let by_value: Vec<String> = variants
                    .iter()
                    .map(|(n, v)| format!("{v}: {}", string_literal(n)))
                    .collect();
                format!(
                    "z.codec(z.enum([{}]), z.literal([{}]), {{\n  decode: (name): {ts} => ({{ {} }} as const)[name],\n  encode: (value) => ({{ {} }} as const)[value],\n}})",
                    names.join(", "),
                    values.join(", "),
                    by_name.join(", "),
                    by_value.join(", "),
                )
            }
            JsonDecl::Union(variants) => {
                let arms: Vec<String> = variants
                    .iter()
                    .map(|v| {
                        let mut arm = format!(
                            "{}z.strictObject({{\n    {UNION_TAG}: z.literal({}),\n",
                            tsdoc(&v.variant.meta, "  "),
                            string_literal(&v.tag())
                        );
                        if let Some(p) = &v.variant.payload {
                            arm.push_str(&self.entry(UNION_VALUE, p, false, "    "));
                        }
                        arm.push_str("  })");
                        arm
                    })
                    .collect();
                format!(
                    "z.discriminatedUnion({}, [\n{},\n])",
                    string_literal(UNION_TAG),
                    arms.iter()
                        .map(|a| format!("  {}", a.trim_start()))
                        .collect::<Vec<_>>()
                        .join(",\n")
                )
            }
            JsonDecl::Handle => format!(
                "z.codec(z.int().min(0).max({}), z.custom<{ts}>((value) => typeof value === \"number\"), {{\n  decode: (id) => id as {ts},\n  encode: (handle) => handle,\n}})",
                u32::MAX
            ),
        }
    }

    /// The schema of an op's result: `z.void()` without one, `null` for an absent `T?`.
    fn result(&self, result: Option<&TypeRef>) -> String {
        result.map_or_else(|| "z.void()".into(), |r| self.expr(r))
    }
}

/// Whether a type refers to a declared type (its schema must sit in a getter).
fn mentions_named(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Scalar { .. } | TypeRef::Buffer { .. } => false,
        TypeRef::List { elem } => mentions_named(elem),
        TypeRef::Map { value, .. } => mentions_named(value),
        TypeRef::Optional { inner } => mentions_named(inner),
        TypeRef::Named { .. } => true,
    }
}

/// One exported schema constant.
struct ConstView {
    doc: String,
    name: String,
    expr: String,
}

/// The `zod.ts` template.
#[derive(Template)]
#[template(path = "zod.ts", config = "src/zod/askama.toml", escape = "none")]
struct ZodTemplate {
    types: Vec<ConstView>,
    ops: Vec<ConstView>,
    helpers: BTreeSet<&'static str>,
}

impl ZodTemplate {
    fn uses(&self, helper: &str) -> bool {
        self.helpers.contains(helper)
    }

    fn empty(&self) -> bool {
        self.types.is_empty() && self.ops.is_empty()
    }
}

/// The contents of `zod.ts` (without the generated-file header).
pub fn generate_zod(ir: &Ir) -> String {
    let r = Render {
        ir,
        helpers: RefCell::new(BTreeSet::new()),
    };
    let types = ir
        .types
        .iter()
        .map(|def| ConstView {
            doc: tsdoc(&def.meta, ""),
            name: type_schema_name(&def.name),
            expr: r.decl(def),
        })
        .collect();
    let mut ops = Vec::new();
    for svc in &ir.services {
        for op in &svc.ops {
            let params: Vec<JsonField> = json_shape::json_fields(&op.params);
            ops.push(ConstView {
                doc: format!(
                    "/** The JSON object of the parameters of `{}.{}`. */\n",
                    svc.name, op.name
                ),
                name: params_schema_name(&svc.name, &op.name),
                expr: r.object(
                    &params,
                    &format!("{TYPES}{}", naming::params_name(&svc.name, &op.name)),
                    "",
                ),
            });
            ops.push(ConstView {
                doc: format!(
                    "/** The JSON of the result of `{}.{}`. */\n",
                    svc.name, op.name
                ),
                name: result_schema_name(&svc.name, &op.name),
                expr: r.result(op.result.as_ref()),
            });
        }
    }
    let t = ZodTemplate {
        types,
        ops,
        helpers: r.helpers.into_inner(),
    };
    tidy(&t.render().expect("zod.ts template renders"))
}

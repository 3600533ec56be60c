//! The service API of the TS backend (`api.ts`): one `interface {Service}Api`
//! per service with one async method per op. The interface uses only
//! positional parameters and promises, so it also serves as the remote API
//! type of a kkrpc `RPCChannel`. [`ServiceView`] is shared with `client.rs`.

use super::doc::DocBlock;
use super::naming;
use super::types::ts_type;
use askama::Template;
use kkidl::ir::{Ir, Op, Service, TypeDefKind, TypeId, TypeRef};
use std::collections::BTreeSet;

/// One op parameter, as a method parameter and as a property of the params struct.
pub struct ParamView {
    /// Local binding (escaped camelCase).
    pub binding: String,
    /// Property of `{Service}{Op}Params` (camelCase).
    pub prop: String,
    /// TS type.
    pub ts: String,
}

/// One op of a service.
pub struct OpView {
    /// TSDoc block (docs, `@param`, `@throws`, annotations), indented for a member.
    pub doc: String,
    /// Method name (camelCase).
    pub method: String,
    /// Key in `{Service}OpIds` (same as the method name).
    pub id_key: String,
    /// Parameters in wire order.
    pub params: Vec<ParamView>,
    /// TS type of the resolved value (`void` when the op returns nothing).
    pub result: String,
    /// `{Service}{Op}Params`.
    pub params_name: String,
    /// `{Service}{Op}Result` (codec name stem).
    pub result_name: String,
    /// `{Service}{Op}Error` (codec name stem).
    pub error_name: String,
    /// The scalar fast path, when the op qualifies (docs/abi.md §1.4).
    pub fast: Option<FastView>,
}

/// How the client calls an op's scalar fast export `kk_op_<id>` (docs/abi.md §1.4).
pub struct FastView {
    /// The export's name.
    pub export: String,
    /// The `invoke` function given to `Transport.callFast`: converts the
    /// arguments to wasm values, calls the export `f_`, converts the result.
    pub invoke: String,
    /// The body of `invoke` (the export called as `f_`), which the sync
    /// client inlines.
    pub body: String,
    /// A condition the arguments must meet to take the fast path (each of
    /// its JS type, enum arguments naming a variant; others go through frames
    /// and are rejected there as on every transport: a wrong type by the
    /// encoder before anything is sent); `None` when there is none.
    pub guard: Option<String>,
}

/// The [`FastView`] of an op, if it qualifies.
fn fast_view(ir: &Ir, op: &Op) -> Option<FastView> {
    use crate::fast::FastKind;
    use kkidl::ir::Scalar;
    let fast = crate::fast::fast_op(ir, op)?;
    let mut args = vec![];
    let mut guards = vec![];
    for (p, k) in op.params.iter().zip(&fast.params) {
        let b = naming::binding_name(&p.name);
        match k {
            FastKind::Bool => {
                guards.push(format!("typeof {b} === \"boolean\""));
                args.push(format!("{b} ? 1 : 0"));
            }
            FastKind::Enum(id) => {
                if let TypeDefKind::Enum(e) = &ir.ty(*id).kind {
                    let known: Vec<String> = e
                        .variants
                        .iter()
                        .map(|v| format!("{b} === {}", v.value))
                        .collect();
                    guards.push(if known.is_empty() {
                        "false".to_string()
                    } else {
                        format!("({})", known.join(" || "))
                    });
                }
                args.push(b);
            }
            FastKind::Scalar(Scalar::I64 | Scalar::U64) => {
                guards.push(format!("typeof {b} === \"bigint\""));
                args.push(b);
            }
            _ => {
                guards.push(format!("typeof {b} === \"number\""));
                args.push(b);
            }
        }
    }
    let call = format!("f_({})", args.join(", "));
    let named = |id: TypeId| format!("types_.{}", naming::type_name(&ir.ty(id).name));
    let body = match fast.result {
        None => format!("void {call}"),
        Some(FastKind::Bool) => format!("{call} !== 0"),
        Some(FastKind::Scalar(Scalar::U32)) => format!("({call} as number) >>> 0"),
        Some(FastKind::Scalar(Scalar::I64)) => format!("{call} as bigint"),
        Some(FastKind::Scalar(Scalar::U64)) => format!("BigInt.asUintN(64, {call} as bigint)"),
        Some(FastKind::Scalar(_)) => format!("{call} as number"),
        Some(FastKind::Enum(id) | FastKind::Handle(id)) => {
            format!("(({call} as number) >>> 0) as {}", named(id))
        }
    };
    Some(FastView {
        export: fast.export,
        invoke: format!("(f_) => {body}"),
        body,
        guard: if guards.is_empty() {
            None
        } else {
            Some(guards.join(" && "))
        },
    })
}

/// One service.
pub struct ServiceView {
    /// TSDoc block of the service.
    pub doc: String,
    /// PascalCase service name.
    pub name: String,
    /// Qualified name, e.g. `geo.v1.Cad`.
    pub qualified: String,
    /// Its ops in declaration order.
    pub ops: Vec<OpView>,
}

/// An op's TSDoc: its docs and annotations, then the errors it rejects with.
fn op_doc(ir: &Ir, op: &Op) -> String {
    let mut block = DocBlock::from_meta(&op.meta);
    for e in &op.throws {
        let name = &ir.ty(*e).name;
        block.push(&format!(
            "@throws {{{}}} when the op fails with `{name}`",
            naming::error_class_name(name)
        ));
    }
    block.push("@throws {SystemError} on failures of the machinery (trap, timeout, cancelled, unavailable, ...)");
    block.render("  ")
}

/// A service's TSDoc; a line naming the service when the schema says nothing.
fn service_doc(svc: &Service) -> String {
    let mut block = DocBlock::from_meta(&svc.meta);
    if block.is_empty() {
        block.push(&format!("The API of `{}`.", svc.qualified_name()));
    }
    block.render("")
}

/// Views of every service, shared by `api.ts` and `client.ts`.
pub fn service_views(ir: &Ir) -> Vec<ServiceView> {
    ir.services
        .iter()
        .map(|svc| service_view(ir, svc))
        .collect()
}

fn service_view(ir: &Ir, svc: &Service) -> ServiceView {
    ServiceView {
        doc: service_doc(svc),
        name: naming::service_name(&svc.name),
        qualified: svc.qualified_name(),
        ops: svc
            .ops
            .iter()
            .map(|op| OpView {
                doc: op_doc(ir, op),
                method: naming::op_name(&op.name),
                id_key: naming::op_name(&op.name),
                params: op
                    .params
                    .iter()
                    .map(|p| ParamView {
                        binding: naming::binding_name(&p.name),
                        prop: naming::field_name(&p.name),
                        ts: ts_type(ir, &p.ty),
                    })
                    .collect(),
                result: op
                    .result
                    .as_ref()
                    .map(|r| ts_type(ir, r))
                    .unwrap_or_else(|| "void".into()),
                params_name: naming::params_name(&svc.name, &op.name),
                result_name: naming::result_name(&svc.name, &op.name),
                error_name: naming::op_error_name(&svc.name, &op.name),
                fast: fast_view(ir, op),
            })
            .collect(),
    }
}

fn collect_named(ty: &TypeRef, out: &mut BTreeSet<TypeId>) {
    match ty {
        TypeRef::Named { id } => {
            out.insert(*id);
        }
        TypeRef::List { elem } => collect_named(elem, out),
        TypeRef::Map { value, .. } => collect_named(value, out),
        TypeRef::Optional { inner } => collect_named(inner, out),
        TypeRef::Scalar { .. } | TypeRef::Buffer { .. } => {}
    }
}

/// Names of the schema types the services' signatures mention (for `import type`), sorted.
pub fn signature_types(ir: &Ir) -> Vec<String> {
    let mut ids = BTreeSet::new();
    for op in ir.services.iter().flat_map(|s| &s.ops) {
        op.params
            .iter()
            .for_each(|p| collect_named(&p.ty, &mut ids));
        if let Some(r) = &op.result {
            collect_named(r, &mut ids);
        }
    }
    let mut types: Vec<String> = ids
        .into_iter()
        .map(|id| naming::type_name(&ir.ty(id).name))
        .collect();
    types.sort();
    types
}

/// The `api.ts` template.
#[derive(Template)]
#[template(path = "api.ts", config = "src/ts/askama.toml", escape = "none")]
struct ApiTemplate {
    runtime_import: String,
    types: Vec<String>,
    services: Vec<ServiceView>,
    /// Whether any service has an op (else `CallOptions` is not used).
    has_ops: bool,
}

/// The contents of `api.ts` (without the generated-file header).
pub fn generate_api(ir: &Ir, runtime_import: &str) -> String {
    let types = signature_types(ir);
    let services = service_views(ir);
    let has_ops = services.iter().any(|s| !s.ops.is_empty());
    let t = ApiTemplate {
        runtime_import: runtime_import.into(),
        types,
        services,
        has_ops,
    };
    super::types::tidy(&t.render().expect("api.ts template renders"))
}

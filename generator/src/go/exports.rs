//! The wasm entry points of the Go backend (`exports_wasm.go`): the
//! `//go:wasmexport` functions of docs/abi.md §1, built only for wasm
//! (`wasip1`, or TinyGo's wasm targets), forwarding to runtime-go's `abi`.
//! One set per module: a module holds one service, chosen by `Register{Service}`.
//!
//! Besides them, per op that qualifies for the scalar fast path
//! ([`crate::fast`], docs/abi.md §1.4), `kk_op_<id as 8 hex digits>`: the
//! parameters and result as plain wasm values (`int32`/`uint32`, `int64`/
//! `uint64`, `float32`, `float64`), calling the method of the service that
//! `Register{Service}` registered (`abi.Service()`, built on the first call
//! of either kind). A returned error or a panic traps the instance (there is
//! no error channel), which the host reports as system error `trap`.

use super::naming;
use super::types::go_type;
use crate::fast::{fast_op, FastKind};
use askama::Template;
use kkidl::ir::{Ir, Scalar};

/// One scalar fast export.
pub struct FastView {
    /// `kk_op_0000002a`.
    pub export: String,
    /// Go function name, e.g. `kkOpRulesPing`.
    pub func: String,
    /// Qualified op name, for the doc comment.
    pub qualified: String,
    /// `Register{Service}`'s dispatcher type, e.g. `RulesDispatcher`.
    pub dispatcher: String,
    /// Method of the service interface.
    pub method: String,
    /// `name type` of each parameter, as wasm values.
    pub params: Vec<String>,
    /// The method's arguments, converted from the wasm values.
    pub args: Vec<String>,
    /// The wasm result type, if any.
    pub result: Option<String>,
    /// The wasm result from the method's result `kkRes` (unused for `bool`).
    pub result_expr: String,
    /// The result is a `bool` (returned as 1 or 0).
    pub returns_bool: bool,
}

/// The `exports_wasm.go` template.
#[derive(Template)]
#[template(
    path = "exports_wasm.go",
    config = "src/go/askama.toml",
    escape = "none"
)]
struct ExportsTemplate<'a> {
    package: &'a str,
    fast: Vec<FastView>,
}

fn wasm_go_type(k: FastKind) -> &'static str {
    match k {
        FastKind::Bool | FastKind::Enum(_) | FastKind::Handle(_) => "uint32",
        FastKind::Scalar(Scalar::I8 | Scalar::I16 | Scalar::I32) => "int32",
        FastKind::Scalar(Scalar::I64) => "int64",
        FastKind::Scalar(Scalar::U64) => "uint64",
        FastKind::Scalar(Scalar::F32) => "float32",
        FastKind::Scalar(Scalar::F64) => "float64",
        FastKind::Scalar(_) => "uint32",
    }
}

fn fast_views(ir: &Ir) -> Vec<FastView> {
    let mut out = vec![];
    for s in &ir.services {
        let service = naming::service_name(&s.name);
        for o in &s.ops {
            let Some(fast) = fast_op(ir, o) else { continue };
            let method = naming::op_method(&o.name);
            let taken = ["kkRes".to_string(), "kkErr".to_string()];
            let mut params = vec![];
            let mut args = vec![];
            for (p, k) in o.params.iter().zip(&fast.params) {
                let name = naming::param_name(&p.name, &taken);
                params.push(format!("{name} {}", wasm_go_type(*k)));
                args.push(match k {
                    FastKind::Bool => format!("{name} != 0"),
                    FastKind::Scalar(Scalar::I8 | Scalar::I16 | Scalar::U8 | Scalar::U16)
                    | FastKind::Enum(_)
                    | FastKind::Handle(_) => {
                        format!("{}({name})", go_type(ir, &p.ty))
                    }
                    FastKind::Scalar(_) => name,
                });
            }
            let result_expr = match fast.result {
                Some(FastKind::Scalar(Scalar::I8 | Scalar::I16)) => "int32(kkRes)".to_string(),
                Some(
                    FastKind::Scalar(Scalar::U8 | Scalar::U16)
                    | FastKind::Enum(_)
                    | FastKind::Handle(_),
                ) => "uint32(kkRes)".to_string(),
                _ => "kkRes".to_string(),
            };
            out.push(FastView {
                export: fast.export,
                func: format!("kkOp{service}{method}"),
                qualified: format!("{}.{}", s.qualified_name(), o.name),
                dispatcher: format!("{service}Dispatcher"),
                method,
                params,
                args,
                result: fast.result.map(|k| wasm_go_type(k).to_string()),
                result_expr,
                returns_bool: fast.result == Some(FastKind::Bool),
            });
        }
    }
    out
}

/// The contents of `exports_wasm.go` (without the generated-file header).
pub fn generate_exports(ir: &Ir, go_package: &str) -> String {
    ExportsTemplate {
        package: go_package,
        fast: fast_views(ir),
    }
    .render()
    .expect("exports_wasm.go template renders")
}

//! Every top-level name the Rust backend emits for a schema, for the
//! `E0604` check ([`kkidl::reserved`]): the declared types and service
//! traits under their Rust names, and per service its client, dispatcher,
//! op-id module, descriptor const, per-op error enums, fast-export module and the binding
//! modules (listed whether or not `rust_wasm_bindgen_ops` is on, so one
//! schema is valid under every option). Macros are listed as `name!`, and
//! the client's methods as `Client::method` (its constructor and the ops'
//! methods), as they live in namespaces of their own.

use super::dispatch::dispatcher_name;
use super::exports::ops_macro_name;
use super::fast::fast_macro_name;
use super::naming;
use super::service::{descriptor_const, op_error_enum, op_method, ops_module};
use heck::ToSnakeCase;
use kkidl::ir::Ir;
use kkidl::reserved::{EmittedName, Origin};

/// The identifier as written without a raw prefix (`r#type` → `type`).
fn plain(ident: impl ToString) -> String {
    ident.to_string().trim_start_matches("r#").to_string()
}

/// Every top-level identifier of the generated module (see the module docs).
pub fn emitted_names(ir: &Ir) -> Vec<EmittedName> {
    let mut out = Vec::new();
    for td in &ir.types {
        out.push(EmittedName::declared(
            plain(naming::type_ident(&td.name)),
            Origin::Type(td.id),
        ));
    }
    for (si, s) in ir.services.iter().enumerate() {
        let origin = Origin::Service(si);
        let snake = s.name.to_snake_case();
        out.push(EmittedName::declared(
            plain(naming::type_ident(&s.name)),
            origin,
        ));
        let generated = [
            (
                format!("{}Client", naming::type_name(&s.name)),
                "client struct",
            ),
            (plain(dispatcher_name(s)), "dispatcher struct"),
            (plain(ops_module(s)), "op id module"),
            (plain(descriptor_const(s)), "service descriptor const"),
            (format!("__kkrpc_{snake}_fast_ops"), "fast-export module"),
            (
                format!("{snake}_wasm_bindgen"),
                "wasm-bindgen export module",
            ),
            (format!("{}!", fast_macro_name(s)), "fast-export macro"),
            (
                format!("{}!", ops_macro_name(s)),
                "wasm-bindgen binding macro",
            ),
        ];
        out.extend(EmittedName::generated_each(origin, generated));
        // The client's methods share one namespace with the ops.
        let client = format!("{}Client", naming::type_name(&s.name));
        out.push(EmittedName::generated(
            format!("{client}::new"),
            origin,
            "client constructor",
        ));
        out.push(EmittedName::generated(
            format!("{client}::into_transport"),
            origin,
            "client method",
        ));
        for (oi, op) in s.ops.iter().enumerate() {
            let op_origin = Origin::Op {
                service: si,
                op: oi,
            };
            out.push(EmittedName::declared(
                format!("{client}::{}", plain(op_method(op))),
                op_origin,
            ));
            if op.throws.len() > 1 {
                out.push(EmittedName::generated(
                    plain(op_error_enum(s, op)),
                    Origin::Op {
                        service: si,
                        op: oi,
                    },
                    "error enum",
                ));
            }
        }
    }
    out
}

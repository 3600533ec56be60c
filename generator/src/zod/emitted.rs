//! Every name `zod.ts` exports, for the `E0604` check ([`kkidl::reserved`]):
//! `{Type}Schema` per declared type, and per op `{Service}{Op}ParamsSchema`
//! and `{Service}{Op}ResultSchema`, listed with the declared TS type names
//! (code importing both must not see one name twice). Its private helpers start with a
//! lowercase `kk`, which no exported or imported name can.

use crate::ts::naming;
use kkidl::ir::Ir;
use kkidl::reserved::{EmittedName, Origin};

/// The schema constant of a declared type: `{Type}Schema`.
pub fn type_schema_name(name: &str) -> String {
    format!("{}Schema", naming::type_name(name))
}

/// The schema constant of an op's parameters: `{Service}{Op}ParamsSchema`.
pub fn params_schema_name(service: &str, op: &str) -> String {
    format!("{}Schema", naming::params_name(service, op))
}

/// The schema constant of an op's result: `{Service}{Op}ResultSchema`.
pub fn result_schema_name(service: &str, op: &str) -> String {
    format!("{}Schema", naming::result_name(service, op))
}

/// Every top-level identifier `zod.ts` exports.
pub fn emitted_names(ir: &Ir) -> Vec<EmittedName> {
    let mut out = Vec::new();
    for td in &ir.types {
        // The TS type names too: modules that import both (routes, clients) share one namespace.
        out.push(EmittedName::declared(
            naming::type_name(&td.name),
            Origin::Type(td.id),
        ));
        out.push(EmittedName::generated(
            type_schema_name(&td.name),
            Origin::Type(td.id),
            "Zod schema",
        ));
    }
    for (si, s) in ir.services.iter().enumerate() {
        for (oi, op) in s.ops.iter().enumerate() {
            let origin = Origin::Op {
                service: si,
                op: oi,
            };
            out.extend(EmittedName::generated_each(
                origin,
                [
                    (params_schema_name(&s.name, &op.name), "params Zod schema"),
                    (result_schema_name(&s.name, &op.name), "result Zod schema"),
                ],
            ));
        }
    }
    out
}

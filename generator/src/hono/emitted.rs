//! Every top-level name the Hono backend exports (for the `E0604` check, [`kkidl::reserved`]):
//! per service `create{S}Routes` (`routes.ts`), and `openApiDocument` (`openapi.ts`, one per
//! schema, so never a clash of its own).

use crate::ts::naming;
use kkidl::ir::Ir;
use kkidl::reserved::{EmittedName, Origin};

/// Every top-level identifier of `routes.ts` and `openapi.ts` that a schema can affect.
pub fn emitted_names(ir: &Ir) -> Vec<EmittedName> {
    let mut out = Vec::new();
    for (si, s) in ir.services.iter().enumerate() {
        let name = naming::service_name(&s.name);
        out.push(EmittedName::generated(
            format!("create{name}Routes"),
            Origin::Service(si),
            "HTTP routes factory",
        ));
    }
    out
}

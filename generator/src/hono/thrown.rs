//! The typed errors an op throws, as both HTTP files name them: the 422 body's `type`, the class
//! in `types.ts` and the Zod codec of its data (docs/http.md §4). Used by `routes.rs` (which
//! answers them) and `http_client.rs` (which reads them back).

use crate::ts::naming;
use kkidl::ir::{Ir, Op};

/// One typed error an op throws.
pub struct ThrownError {
    /// The `type` of the 422 body (the error's name as in the schema), as a TS string literal.
    pub type_literal: String,
    /// The class in `types.ts` (`{Error}Error`).
    pub class: String,
    /// The `zod.ts` codec of its data (`{Error}Schema`).
    pub schema: String,
}

/// The typed errors `op` throws, in its `throws` order.
pub fn thrown_errors(ir: &Ir, op: &Op) -> Vec<ThrownError> {
    op.throws
        .iter()
        .map(|e| {
            let name = &ir.ty(*e).name;
            ThrownError {
                type_literal: naming::string_literal(name),
                class: naming::error_class_name(name),
                schema: format!("{}Schema", naming::type_name(name)),
            }
        })
        .collect()
}

//! The rust backend (placeholder until its issue lands).

use crate::backend::{Backend, GenOptions, GeneratedFile};
use kkidl::ir::Ir;

/// Generates rust code from the IR.
#[derive(Debug, Default)]
pub struct RustBackend;

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        "rust"
    }
    fn generate(&self, _ir: &Ir, _options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        Err("the rust backend is not implemented yet".into())
    }
}

//! The go backend (placeholder until its issue lands).

use crate::backend::{Backend, GenOptions, GeneratedFile};
use kkidl::ir::Ir;

/// Generates go code from the IR.
#[derive(Debug, Default)]
pub struct GoBackend;

impl Backend for GoBackend {
    fn name(&self) -> &'static str {
        "go"
    }
    fn generate(&self, _ir: &Ir, _options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        Err("the go backend is not implemented yet".into())
    }
}

//! The ts backend (placeholder until its issue lands).

pub mod codec;
pub mod naming;
pub mod types;

use crate::backend::{Backend, GenOptions, GeneratedFile};
use kkidl::ir::Ir;

/// Generates ts code from the IR.
#[derive(Debug, Default)]
pub struct TsBackend;

impl Backend for TsBackend {
    fn name(&self) -> &'static str {
        "ts"
    }
    fn generate(&self, _ir: &Ir, _options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        Err("the ts backend is not implemented yet".into())
    }
}

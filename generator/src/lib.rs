//! kkgen: generates Rust, Go and TypeScript from a kkidl schema.
//!
//! The pipeline is parse → check → IR (in the `kkidl` crate) → backend (here,
//! one folder per language, each implementing [`backend::Backend`]).
//! [`config::Config`] is the build.rs API; `src/main.rs` is the CLI.

pub mod analysis;
pub mod backend;
pub mod comment_text;
pub mod config;
pub mod fast;
pub mod go;
pub mod ir_json;
pub mod options;
pub mod rust;
pub mod ts;

pub use backend::{Backend, GeneratedFile};
pub use options::{GenOptions, GoOptions, RustOptions, TsOptions};
pub use config::Config;

/// Every backend, by its `--lang` name.
pub fn backends() -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(rust::RustBackend),
        Box::new(go::GoBackend),
        Box::new(ts::TsBackend),
    ]
}

/// The IR of `tests/schemas/good/<name>.kkidl`, for the backends' unit tests.
#[cfg(test)]
pub(crate) fn good_schema_ir(name: &str) -> kkidl::ir::Ir {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/schemas/good/{name}.kkidl"));
    kkidl::compile(&[path], &[] as &[&std::path::Path]).unwrap_or_else(|e| panic!("{name}.kkidl: {e}")).ir
}

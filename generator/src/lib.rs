//! kkgen: generates Rust, Go and TypeScript (with Zod schemas of the JSON) from a kkidl schema.
//!
//! The pipeline is parse → check → IR (in the `kkidl` crate) → backend (here,
//! one folder per language, each implementing [`backend::Backend`]).
//! [`config::Config`] is the build.rs API; `src/main.rs` is the CLI.

pub mod analysis;
pub mod backend;
pub mod breaking;
pub mod build;
pub mod comment_text;
pub mod config;
pub mod descriptor;
pub mod drift;
pub mod fast;
pub mod go;
pub mod header;
pub mod hono;
pub mod ir_json;
pub mod json_shape;
pub mod literal;
pub mod name_corpus;
pub mod options;
pub mod rust;
pub mod ts;
pub mod zod;

pub use backend::{Backend, GeneratedFile};
pub use config::Config;
pub use options::{GenOptions, GoOptions, RustOptions, TsOptions};

/// Every backend, by its `--lang` name.
pub fn backends() -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(rust::RustBackend),
        Box::new(go::GoBackend),
        Box::new(ts::TsBackend),
        Box::new(zod::ZodBackend),
        Box::new(hono::HonoBackend),
    ]
}

/// Parses and checks `roots` (as [`kkidl::compile`]), then refuses names
/// that collide with what any backend generates ([`backend::check_names`],
/// `E0604`): what `kkgen check`, `kkgen gen` and [`Config::compile`] accept.
pub fn compile(
    roots: &[impl AsRef<std::path::Path>],
    include_dirs: &[impl AsRef<std::path::Path>],
) -> Result<kkidl::Compiled, kkidl::Error> {
    let compiled = kkidl::compile(roots, include_dirs)?;
    backend::check_names(&compiled, &backends()).map_err(kkidl::Error::Schema)?;
    Ok(compiled)
}

/// The IR of `tests/schemas/good/<name>.kkidl`, for the backends' unit tests.
#[cfg(test)]
pub(crate) fn good_schema_ir(name: &str) -> kkidl::ir::Ir {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../tests/schemas/good/{name}.kkidl"));
    kkidl::compile(&[path], &[] as &[&std::path::Path])
        .unwrap_or_else(|e| panic!("{name}.kkidl: {e}"))
        .ir
}

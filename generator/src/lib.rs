//! kkgen: generates Rust, Go and TypeScript from a kkidl schema.
//!
//! The pipeline is parse → check → IR (in the `kkidl` crate) → backend (here,
//! one folder per language, each implementing [`backend::Backend`]).
//! [`config::Config`] is the build.rs API; `src/main.rs` is the CLI.

pub mod analysis;
pub mod backend;
pub mod config;
pub mod fast;
pub mod go;
pub mod rust;
pub mod ts;

pub use backend::{Backend, GenOptions, GeneratedFile};
pub use config::Config;

/// Every backend, by its `--lang` name.
pub fn backends() -> Vec<Box<dyn Backend>> {
    vec![
        Box::new(rust::RustBackend),
        Box::new(go::GoBackend),
        Box::new(ts::TsBackend),
    ]
}

//! The `Backend` trait every language generator implements, and the files it returns.

pub use crate::options::GenOptions;
use kkidl::ir::Ir;
use kkidl::reserved::{BackendNames, EmittedName};
use std::path::PathBuf;

/// One generated file, path relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path, e.g. `geo_v1.rs` or `geo/v1/types.ts`.
    pub path: PathBuf,
    /// Full contents; from [`Backend::generate`], starting with the kkgen header.
    pub contents: String,
}

/// A language generator: IR in, files out. Never re-parses or re-validates.
pub trait Backend {
    /// Name used by `kkgen gen --lang <name>`.
    fn name(&self) -> &'static str;
    /// The language as named in diagnostics (`Rust`, `Go`, `TypeScript`).
    fn language(&self) -> &'static str;
    /// The folder `kkgen gen --lang all` writes this backend to (`out/<group>/`):
    /// backends whose files import each other share one (the TS family: `ts`).
    fn group(&self) -> &'static str {
        self.name()
    }
    /// Every top-level identifier this backend emits for `ir`, in its own
    /// spelling: the declarations' names and every name it invents for them
    /// (see [`kkidl::reserved`]). [`check_names`] refuses a schema where two
    /// different items would share one; a name left out here is a collision
    /// `kkgen check` cannot see.
    fn emitted_names(&self, ir: &Ir) -> Vec<EmittedName>;
    /// Generates every file for this schema, without the header ([`Backend::generate`] adds it).
    fn generate_bodies(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String>;
    /// Generates every file for this schema, each starting with the kkgen header
    /// ([`crate::header`]: generator version, source, schema hash, "do not edit").
    fn generate(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        crate::header::stamp(
            self.generate_bodies(ir, options)?,
            ir,
            &options.source,
            self.name(),
        )
    }
}

/// Reports every generated-name collision (`E0604`) of `backends` for a
/// compiled schema, at the declarations' spans.
pub fn check_names(
    compiled: &kkidl::Compiled,
    backends: &[Box<dyn Backend>],
) -> Result<(), kkidl::Diagnostics> {
    let lists: Vec<BackendNames> = backends
        .iter()
        .map(|b| BackendNames {
            language: b.language().to_string(),
            names: b.emitted_names(&compiled.ir),
        })
        .collect();
    kkidl::reserved::check_emitted(compiled, &lists)
}

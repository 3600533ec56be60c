//! kkidl: the schema language of kkgen.
//!
//! Stages, each in its own module: [`parse`] (pest grammar → [`ast`] with
//! spans) → [`load`] (imports, cycles) → [`check`] (names, annotations, ids,
//! types, recursion; many [`diagnostic`]s per run, resolved into the [`ir`]).
//! Backends only ever see the IR. [`fmt`] prints an AST back canonically.
//! The language is specified in `docs/kkidl.md`.

pub mod annotations;
pub mod ast;
pub mod check;
pub mod diagnostic;
pub mod fmt;
pub mod ir;
pub mod load;
pub mod names;
pub mod parse;
pub mod reserved;
pub mod source;

pub use diagnostic::{Diagnostic, Diagnostics};
use load::{Disk, FileSystem};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A schema that parsed and checked.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The resolved model backends generate from.
    pub ir: ir::Ir,
    /// Every file read (roots and imports), for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
    /// Where each IR declaration is named in the sources.
    pub spans: DeclSpans,
    /// The text of every file read, for rendering diagnostics found after
    /// checking (e.g. [`reserved::check_emitted`]).
    pub sources: source::SourceMap,
}

/// The span of the name of every declaration of an [`ir::Ir`], by IR index.
#[derive(Debug, Clone, Default)]
pub struct DeclSpans {
    /// Per type (index of [`ir::Ir::types`]).
    pub types: Vec<source::Span>,
    /// Per service (index of [`ir::Ir::services`]).
    pub services: Vec<source::Span>,
    /// Per service, per op in declaration order.
    pub ops: Vec<Vec<source::Span>>,
}

impl DeclSpans {
    /// The span of the declaration `origin` names.
    pub fn of(&self, origin: reserved::Origin) -> source::Span {
        match origin {
            reserved::Origin::Type(id) => self.types[id.0 as usize],
            reserved::Origin::Service(s) => self.services[s],
            reserved::Origin::Op { service, op } => self.ops[service][op],
        }
    }

    /// Collects them in the order the checker lowers declarations: files in
    /// load order, declarations in source order.
    fn collect(loaded: &load::Loaded) -> Self {
        let mut spans = DeclSpans::default();
        for f in &loaded.files {
            for d in &f.ast.decls {
                match &d.kind {
                    ast::DeclKind::Service(members) => {
                        spans.services.push(d.name.span);
                        spans
                            .ops
                            .push(ast::ops(members).map(|o| o.name.span).collect());
                    }
                    _ => spans.types.push(d.name.span),
                }
            }
        }
        spans
    }
}

/// Why a compilation failed. `Debug` renders like `Display` (the diagnostics
/// as `kkgen check` prints them, starting on a new line), so `.unwrap()`
/// shows a readable report.
pub enum Error {
    /// A root file could not be read (exit code 2 in the CLI).
    Io {
        /// The path given.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The schema has errors (exit code 1 in the CLI).
    Schema(Diagnostics),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            Error::Schema(d) => d.fmt(f),
        }
    }
}

impl std::fmt::Debug for Error {
    /// The rendered report on lines of its own, after `unwrap()`'s prefix.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for Error {}

/// Parses and checks `roots` and every file they import (imports resolve
/// relative to the importing file, then against `include_dirs`).
pub fn compile(
    roots: &[impl AsRef<Path>],
    include_dirs: &[impl AsRef<Path>],
) -> Result<Compiled, Error> {
    compile_with(&Disk, roots, include_dirs)
}

/// [`compile`] for one schema held in memory (`name` is shown in
/// diagnostics); imports resolve against `files`, keyed by path.
pub fn compile_str(name: &str, text: &str, files: &[(&str, &str)]) -> Result<Compiled, Error> {
    let mut map: HashMap<PathBuf, String> = files
        .iter()
        .map(|(p, t)| (load::normalize(Path::new(p)), t.to_string()))
        .collect();
    map.insert(load::normalize(Path::new(name)), text.to_string());
    compile_with(&Memory(map), &[name], &[] as &[&str])
}

/// Files held in memory (tests, tools embedding the compiler).
struct Memory(HashMap<PathBuf, String>);

impl FileSystem for Memory {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        self.0
            .get(&load::normalize(path))
            .cloned()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "not found"))
    }
    fn identity(&self, path: &Path) -> PathBuf {
        load::normalize(path)
    }
}

/// [`compile`] over any [`FileSystem`].
pub fn compile_with(
    fs: &dyn FileSystem,
    roots: &[impl AsRef<Path>],
    include_dirs: &[impl AsRef<Path>],
) -> Result<Compiled, Error> {
    let roots: Vec<PathBuf> = roots.iter().map(|p| p.as_ref().to_path_buf()).collect();
    let includes: Vec<PathBuf> = include_dirs
        .iter()
        .map(|p| p.as_ref().to_path_buf())
        .collect();
    let loaded = load::load(fs, &roots, &includes).map_err(|e| Error::Io {
        path: e.path,
        error: e.error,
    })?;
    let files: Vec<PathBuf> = loaded.sources.iter().map(|(_, s)| s.path.clone()).collect();
    let (ir, diags) = check::check(&loaded);
    let spans = DeclSpans::collect(&loaded);
    let mut all = loaded.diagnostics;
    all.extend(diags);
    if all.is_empty() {
        Ok(Compiled {
            ir,
            files,
            spans,
            sources: loaded.sources,
        })
    } else {
        all.sort_by_key(|d| (d.primary.span.file, d.primary.span.start));
        Err(Error::Schema(Diagnostics {
            list: all,
            sources: loaded.sources,
        }))
    }
}

//! Checking: resolves the parsed files into the IR and reports every
//! mistake it finds on the way (docs/kkidl.md §6): duplicate and unknown
//! names, names in the wrong case or colliding after case conversion, bad
//! annotations, duplicate or out-of-range ids, misplaced buffers, bad map
//! keys, nested optionals, throws of non-errors and types with no finite
//! value. Diagnostics are collected, never fatal, so one run reports them all.
//!
//! This module owns the entry point [`check`], the checker's state and the
//! order of its passes (docs/kkidl.md §7: every diagnostic in one run, in a
//! fixed order). The passes live in the submodules, one job each:
//! `declare` (namespaces, case, collisions), `lower` (declarations to IR),
//! `events` (service events and the ops' `emits`),
//! `resolve` (name lookup and type expressions), `ids` (id scopes, error
//! wire ids) and `finite` (types with no finite value).

mod declare;
mod events;
mod finite;
mod ids;
mod lower;
mod resolve;

use crate::annotations::{self, Site};
use crate::ast::{self, DeclKind};
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::load::{Loaded, LoadedFile};
use crate::source::{SourceId, Span};
use std::collections::HashMap;

pub use events::RESERVED_EVENT_NAMES;
pub use resolve::SCALARS;

/// Checks `loaded` and lowers it to the IR. The IR is only meaningful when
/// the returned diagnostics are empty.
pub fn check(loaded: &Loaded) -> (Ir, Vec<Diagnostic>) {
    let files: HashMap<SourceId, &LoadedFile> = loaded.files.iter().map(|f| (f.id, f)).collect();
    let imported = loaded
        .files
        .iter()
        .map(|f| {
            let mut packages: Vec<&str> = f
                .imports
                .iter()
                .filter_map(|i| files.get(i))
                .map(|g| g.ast.package.name.text.as_str())
                .collect();
            packages.sort();
            packages.dedup();
            (f.id, packages)
        })
        .collect();
    let mut cx = Checker {
        loaded,
        files,
        imported,
        diags: Vec::new(),
        types: Vec::new(),
        names: HashMap::new(),
        file_ids: HashMap::new(),
    };
    cx.run()
}

/// A declared name in a package's namespace.
#[derive(Debug, Clone, Copy)]
struct Symbol {
    span: Span,
    /// `None` for services.
    ty: Option<TypeId>,
    is_error: bool,
}

/// Where a type expression appears; decides what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    Top,
    ListElem,
    MapValue,
    MapKey,
    OptionalInner,
}

/// The checker's state over one loaded schema; its passes are in the submodules.
struct Checker<'a> {
    loaded: &'a Loaded,
    /// Every parsed file by its id.
    files: HashMap<SourceId, &'a LoadedFile>,
    /// The packages of the files each file imports directly (sorted, unique).
    imported: HashMap<SourceId, Vec<&'a str>>,
    diags: Vec<Diagnostic>,
    /// Declared types in IR order: (file, decl index).
    types: Vec<(SourceId, usize)>,
    /// (package, name) → symbol.
    names: HashMap<(String, String), Symbol>,
    file_ids: HashMap<SourceId, FileId>,
}

impl<'a> Checker<'a> {
    fn run(&mut self) -> (Ir, Vec<Diagnostic>) {
        let loaded = self.loaded;
        let mut files = Vec::new();
        for (i, f) in loaded.files.iter().enumerate() {
            self.file_ids.insert(f.id, FileId(i as u32));
            files.push(SourceFile {
                path: loaded.sources.get(f.id).name.clone(),
                package: f.ast.package.name.text.clone(),
            });
            self.check_package(&f.ast.package);
            annotations::read(&f.ast.package.prefix, Site::File, &mut self.diags);
            for imp in &f.ast.imports {
                annotations::read(&imp.prefix, Site::File, &mut self.diags);
            }
        }
        self.declare();
        let mut types = Vec::new();
        for (index, &(file, decl)) in self.types.clone().iter().enumerate() {
            types.push(self.lower_type(TypeId(index as u32), file, decl));
        }
        let mut services = Vec::new();
        for f in &loaded.files {
            for d in &f.ast.decls {
                if let DeclKind::Service(members) = &d.kind {
                    services.push(self.lower_service(f.id, d, members, &types));
                }
            }
        }
        let ir = Ir {
            ir_version: IR_VERSION,
            files,
            types,
            services,
        };
        self.check_error_ids(&ir);
        self.check_finite(&ir);
        (ir, std::mem::take(&mut self.diags))
    }

    fn package_of(&self, file: SourceId) -> &'a str {
        &self.file_ast(file).package.name.text
    }

    fn file_ast(&self, file: SourceId) -> &'a ast::File {
        &self.files[&file].ast
    }

    fn decl_span(&self, id: TypeId) -> Span {
        let (file, d) = self.types[id.0 as usize];
        self.file_ast(file).decls[d].name.span
    }
}

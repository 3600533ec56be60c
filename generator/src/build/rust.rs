//! `kkgen build rust`: a service crate's lib for the two wasm targets (docs/build.md §3).
//! - `wasm32-unknown-unknown` → wasm-bindgen-cli `--target web` (its version checked against the
//!   crate's locked `wasm-bindgen`) → wasm-opt → `OUT/<lib>.wasm`, the module `connectDirect`, a
//!   Worker and workerd load;
//! - `wasm32-wasip1` → wasm-opt → `OUT/<lib>.wasip1.wasm`, a WASI reactor (`kk_*` exports).
//!
//! wasm-opt is optional (a note when it is missing: the modules are then copied as built).

use super::{cargo, wasm_bindgen, wasm_opt, BuildError, Built};
use std::path::{Path, PathBuf};

/// The Rust wasm targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Targets {
    /// `wasm32-unknown-unknown` only (`--target web`).
    Web,
    /// `wasm32-wasip1` only.
    Wasip1,
    /// Both.
    All,
}

impl Targets {
    fn web(self) -> bool {
        self != Targets::Wasip1
    }
    fn wasip1(self) -> bool {
        self != Targets::Web
    }
}

/// What to build and where (the flags of `kkgen build rust`).
#[derive(Debug, Clone)]
pub struct RustBuild {
    /// The crate's (or its workspace's) `Cargo.toml`.
    pub manifest: PathBuf,
    /// The package, when the manifest is a workspace with several.
    pub package: Option<String>,
    /// The output directory (created).
    pub out: PathBuf,
    /// Which targets.
    pub targets: Targets,
    /// Skip wasm-opt even when it is installed.
    pub no_opt: bool,
}

/// Builds the modules of [`RustBuild`]; returns them, for [`super::sizes::table`].
pub fn build(options: &RustBuild) -> Result<Vec<Built>, BuildError> {
    let krate = cargo::inspect(&options.manifest, options.package.as_deref())?;
    let wasm_opt = if options.no_opt {
        None
    } else {
        let found = std::env::current_dir()
            .ok()
            .and_then(|cwd| wasm_opt::find(&cwd));
        if found.is_none() {
            eprintln!(
                "note: wasm-opt not found (PATH, node_modules/.bin): modules are not optimised; \
                 install binaryen (npm i -D binaryen) for smaller ones"
            );
        }
        found
    };
    if options.targets.web() {
        wasm_bindgen::check(krate.wasm_bindgen.as_deref())?;
    }
    std::fs::create_dir_all(&options.out).map_err(BuildError::io(format!(
        "cannot create {}",
        options.out.display()
    )))?;
    let lib = &krate.lib;
    let mut pairs = Vec::new();
    let mut built = Vec::new();
    if options.targets.web() {
        let raw = lib_module(&krate, "wasm32-unknown-unknown", true)?;
        let bindgen_dir = krate.target_dir.join("kkgen-build").join(lib);
        wasm_bindgen::run("web", &raw, &bindgen_dir)?;
        let module = options.out.join(format!("{lib}.wasm"));
        pairs.push((bindgen_dir.join(format!("{lib}_bg.wasm")), module.clone()));
        built.push(Built {
            path: module,
            target: "web".into(),
        });
    }
    if options.targets.wasip1() {
        // Without wasm-opt to strip, the profile's own `strip` applies.
        let raw = lib_module(&krate, "wasm32-wasip1", wasm_opt.is_some())?;
        let module = options.out.join(format!("{lib}.wasip1.wasm"));
        pairs.push((raw, module.clone()));
        built.push(Built {
            path: module,
            target: "wasip1".into(),
        });
    }
    match &wasm_opt {
        Some(tool) => wasm_opt::optimise_all(tool, &pairs)?,
        None => {
            for (from, to) in &pairs {
                copy(from, to)?;
            }
        }
    }
    Ok(built)
}

/// The lib's module for `target`, built.
fn lib_module(
    krate: &cargo::Crate,
    target: &str,
    keep_sections: bool,
) -> Result<PathBuf, BuildError> {
    let modules = cargo::build(krate, target, &["--lib"], keep_sections)?;
    Ok(modules[0].clone())
}

/// Copies `from` to `to` (the module as built, when wasm-opt is absent).
pub fn copy(from: &Path, to: &Path) -> Result<(), BuildError> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(BuildError::io(format!(
            "cannot copy {} to {}",
            from.display(),
            to.display()
        )))
}

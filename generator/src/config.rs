//! The build.rs API, in the spirit of `prost-build`:
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! kkgen::Config::new().compile(&["api.kkidl"], &["."]).unwrap();
//! ```
//!
//! It parses and checks the schemas as `kkgen check` does
//! ([`crate::compile`]: `kkidl::compile` and the backends' generated-name
//! check), runs the Rust
//! backend, writes the files into `OUT_DIR` (include them with
//! `include!(concat!(env!("OUT_DIR"), "/<package>.rs"))`, the package's dots
//! turned into underscores), and prints `cargo:rerun-if-changed` for every
//! schema file read, imports included.
//!
//! A failure's `Debug` is its `Display` (the rendered diagnostics, on lines
//! of their own), so the `.unwrap()` above shows the same report as
//! `kkgen check` when cargo prints the build script's panic.

use crate::backend::{Backend, GeneratedFile};
use crate::options::{GenOptions, RustOptions};
use crate::rust::RustBackend;
use std::fmt;
use std::path::{Path, PathBuf};

/// Settings for generating Rust bindings from build.rs; `Config::default()`
/// is `Config::new()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    out_dir: Option<PathBuf>,
    rust: RustOptions,
    emit_rerun: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

/// Why generation failed: schema diagnostics, the backend, or I/O. `Debug`
/// renders like `Display`, starting on a new line, so `.unwrap()` and `?` from
/// `main` print readable diagnostics instead of one line of `\n` escapes.
pub enum ConfigError {
    /// The schemas did not parse or check; rendered diagnostics.
    Schema(String),
    /// The backend could not generate code.
    Generate(String),
    /// Reading or writing files failed.
    Io(std::io::Error),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Schema(d) => write!(f, "schema errors:\n{d}"),
            ConfigError::Generate(e) => write!(f, "code generation failed: {e}"),
            ConfigError::Io(e) => write!(f, "I/O error: {e}"),
        }
    }
}

impl fmt::Debug for ConfigError {
    /// The rendered report on lines of its own: `unwrap()` prints it after
    /// "called `Result::unwrap()` on an `Err` value: ".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\n{self}")
    }
}

impl std::error::Error for ConfigError {}

impl From<std::io::Error> for ConfigError {
    fn from(e: std::io::Error) -> Self {
        ConfigError::Io(e)
    }
}

impl Config {
    /// Defaults: output into `OUT_DIR`, `cargo:rerun-if-changed` lines on,
    /// the Rust backend's default options (no per-op `#[wasm_bindgen]`
    /// exports, no serde derives).
    pub fn new() -> Self {
        Config {
            out_dir: None,
            rust: RustOptions::default(),
            emit_rerun: true,
        }
    }

    /// Writes into `dir` instead of `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Also emits idiomatic typed `#[wasm_bindgen]` per-op exports
    /// ([`RustOptions::wasm_bindgen_ops`], `--wasm-bindgen-ops`).
    pub fn wasm_bindgen_ops(&mut self, on: bool) -> &mut Self {
        self.rust.wasm_bindgen_ops = on;
        self
    }

    /// Also derives `serde::Serialize`/`Deserialize` on every generated type
    /// ([`RustOptions::serde`], `--rust-serde`).
    pub fn serde(&mut self, on: bool) -> &mut Self {
        self.rust.serde = on;
        self
    }

    /// Replaces every Rust backend option at once (the struct `kkgen gen` fills from its flags).
    pub fn rust_options(&mut self, options: RustOptions) -> &mut Self {
        self.rust = options;
        self
    }

    /// The Rust backend options in effect.
    pub fn rust(&self) -> &RustOptions {
        &self.rust
    }

    /// Turns the `cargo:rerun-if-changed` lines on or off (on by default).
    pub fn emit_rerun_if_changed(&mut self, on: bool) -> &mut Self {
        self.emit_rerun = on;
        self
    }

    /// Generates Rust for each schema in `schemas`, resolving imports against
    /// `include_dirs`; returns the files written.
    pub fn compile(
        &self,
        schemas: &[impl AsRef<Path>],
        include_dirs: &[impl AsRef<Path>],
    ) -> Result<Vec<PathBuf>, ConfigError> {
        let out_dir = self.resolved_out_dir()?;
        let schemas: Vec<PathBuf> = schemas.iter().map(|p| p.as_ref().to_path_buf()).collect();
        let includes: Vec<PathBuf> = include_dirs
            .iter()
            .map(|p| p.as_ref().to_path_buf())
            .collect();
        if self.emit_rerun {
            for s in &schemas {
                println!("cargo:rerun-if-changed={}", s.display());
            }
        }
        let (ir, files_read) = parse_schemas(&schemas, &includes)?;
        if self.emit_rerun {
            for f in &files_read {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        let source = schemas
            .iter()
            .map(|s| {
                s.file_name().map_or_else(
                    || s.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        self.generate(&ir, &source, &out_dir)
    }

    /// Generates Rust from an IR already resolved and saved as JSON
    /// (`kkgen ir --json`), for pipelines that keep the IR; returns the files written.
    pub fn compile_ir_json(&self, ir_json: impl AsRef<Path>) -> Result<Vec<PathBuf>, ConfigError> {
        let path = ir_json.as_ref();
        if self.emit_rerun {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let text = std::fs::read_to_string(path)?;
        let ir = crate::ir_json::parse_ir_json(&text)
            .map_err(|e| ConfigError::Schema(format!("{}: {e}", path.display())))?;
        let source = ir
            .files
            .first()
            .map(|f| f.path.clone())
            .unwrap_or_else(|| path.display().to_string());
        self.generate(&ir, &source, &self.resolved_out_dir()?)
    }

    fn resolved_out_dir(&self) -> Result<PathBuf, ConfigError> {
        match &self.out_dir {
            Some(d) => Ok(d.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    ConfigError::Io(std::io::Error::other(
                        "OUT_DIR is not set (call from build.rs or set out_dir)",
                    ))
                }),
        }
    }

    fn generate(
        &self,
        ir: &kkidl::ir::Ir,
        source: &str,
        out_dir: &Path,
    ) -> Result<Vec<PathBuf>, ConfigError> {
        let options = GenOptions {
            source: source.to_string(),
            rust: self.rust.clone(),
            ..GenOptions::default()
        };
        let files = RustBackend
            .generate(ir, &options)
            .map_err(ConfigError::Generate)?;
        write_files(out_dir, &files)
    }
}

/// Parses and checks the schemas like `kkgen check` ([`crate::compile`]):
/// the IR and every file read.
fn parse_schemas(
    schemas: &[PathBuf],
    includes: &[PathBuf],
) -> Result<(kkidl::ir::Ir, Vec<PathBuf>), ConfigError> {
    match crate::compile(schemas, includes) {
        Ok(c) => Ok((c.ir, c.files)),
        Err(kkidl::Error::Schema(d)) => Err(ConfigError::Schema(d.render(false))),
        Err(kkidl::Error::Io { path, error }) => Err(ConfigError::Io(std::io::Error::new(
            error.kind(),
            format!("{}: {error}", path.display()),
        ))),
    }
}

/// Writes `files` under `dir`, skipping files whose contents are unchanged
/// (so cargo does not rebuild needlessly); returns their paths.
pub fn write_files(dir: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, ConfigError> {
    let mut written = Vec::with_capacity(files.len());
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(f.contents.as_str()) {
            std::fs::write(&path, &f.contents)?;
        }
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_new() {
        assert_eq!(Config::default(), Config::new());
        assert!(
            Config::default().emit_rerun,
            "default() keeps the rerun-if-changed lines"
        );
    }

    #[test]
    fn rust_options_reach_the_backend() {
        let dir = std::env::temp_dir().join(format!("kkgen-config-{}", std::process::id()));
        let schema =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/schemas/good/common.kkidl");
        let generate = |config: &mut Config| {
            let written = config
                .out_dir(&dir)
                .emit_rerun_if_changed(false)
                .compile(&[&schema], &[] as &[&Path])
                .unwrap();
            std::fs::read_to_string(&written[0]).unwrap()
        };
        let plain = generate(&mut Config::new());
        assert!(!plain.contains("serde"), "{plain}");
        let serde = generate(Config::new().serde(true));
        assert!(serde.contains("::serde::Serialize"), "{serde}");
        let mut all = Config::new();
        all.rust_options(RustOptions {
            wasm_bindgen_ops: true,
            serde: true,
        });
        assert_eq!(
            all.rust(),
            &RustOptions {
                wasm_bindgen_ops: true,
                serde: true
            }
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

//! wasm-opt (binaryen) `-Oz`, when installed: found on PATH, else as `node_modules/.bin/wasm-opt`
//! in the current directory or one above it (npm package `binaryen`).

use super::{command, BuildError};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

/// The flags: smallest code, debug info and producers stripped (after wasm-bindgen, which needs the
/// `target_features` section), and the features Rust's wasm32 targets emit by default.
pub const FLAGS: &[&str] = &[
    "-Oz",
    "--strip-debug",
    "--strip-producers",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// wasm-opt's path: PATH first, then `node_modules/.bin/wasm-opt` walking up from `from`.
pub fn find(from: &Path) -> Option<PathBuf> {
    command::on_path("wasm-opt").or_else(|| {
        from.ancestors()
            .map(|dir| dir.join("node_modules/.bin/wasm-opt"))
            .find(|p| p.is_file())
    })
}

/// A running `wasm-opt` of `input` into `output` (through a temporary file renamed over it, so that
/// a reader never sees a partial module); [`Running::wait`] ends it.
pub struct Running {
    child: Child,
    line: String,
    tmp: PathBuf,
    output: PathBuf,
}

/// Starts `wasm_opt FLAGS input -o output`.
pub fn start(wasm_opt: &Path, input: &Path, output: &Path) -> Result<Running, BuildError> {
    let mut tmp = output.as_os_str().to_owned();
    tmp.push(format!(".tmp.{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let mut cmd = Command::new(wasm_opt);
    cmd.args(FLAGS).arg(input).arg("-o").arg(&tmp);
    let line = command::line(&cmd);
    eprintln!("$ {line}");
    let child = cmd
        .spawn()
        .map_err(BuildError::io(format!("cannot start {line}")))?;
    Ok(Running {
        child,
        line,
        tmp,
        output: output.to_path_buf(),
    })
}

impl Running {
    /// Waits for it; renames the result into place.
    pub fn wait(mut self) -> Result<(), BuildError> {
        let status = self
            .child
            .wait()
            .map_err(BuildError::io(format!("waiting for {}", self.line)))?;
        if !status.success() {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(BuildError::Failed {
                command: self.line,
                status: status.to_string(),
            });
        }
        std::fs::rename(&self.tmp, &self.output).map_err(BuildError::io(format!(
            "cannot move {} to {}",
            self.tmp.display(),
            self.output.display()
        )))
    }
}

/// Optimises each `(input, output)` pair, all at once (each run spends much of its time starting).
pub fn optimise_all(wasm_opt: &Path, pairs: &[(PathBuf, PathBuf)]) -> Result<(), BuildError> {
    let running: Vec<Running> = pairs
        .iter()
        .map(|(input, output)| start(wasm_opt, input, output))
        .collect::<Result<_, _>>()?;
    running.into_iter().try_for_each(Running::wait)
}

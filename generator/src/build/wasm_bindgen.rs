//! wasm-bindgen-cli on a `wasm32-unknown-unknown` module: its version must be the crate's locked
//! `wasm-bindgen` (the CLI refuses, or writes an unusable module, otherwise), checked first.

use super::{command, BuildError};
use std::path::Path;
use std::process::Command;

/// The installed wasm-bindgen-cli's version (`wasm-bindgen --version`).
pub fn installed(locked: Option<&str>) -> Result<String, BuildError> {
    let text = command::output(Command::new("wasm-bindgen").arg("--version"), false).map_err(
        |e| match e {
            BuildError::ToolMissing { tool, .. } => BuildError::ToolMissing {
                tool,
                install: format!(
                    "cargo install wasm-bindgen-cli --version {}",
                    locked.unwrap_or("<the crate's wasm-bindgen version>")
                ),
            },
            other => other,
        },
    )?;
    Ok(text.split_whitespace().nth(1).unwrap_or("").to_string())
}

/// Fails unless wasm-bindgen-cli is installed at version `locked` (when the crate has one).
pub fn check(locked: Option<&str>) -> Result<(), BuildError> {
    let installed = installed(locked)?;
    match locked {
        Some(locked) if locked != installed => Err(BuildError::WasmBindgenVersion {
            installed,
            locked: locked.to_string(),
        }),
        _ => Ok(()),
    }
}

/// `wasm-bindgen --target TARGET --out-dir OUT_DIR module` (writes `<name>_bg.wasm` and `<name>.js`).
pub fn run(target: &str, module: &Path, out_dir: &Path) -> Result<(), BuildError> {
    command::run(
        Command::new("wasm-bindgen")
            .args(["--target", target, "--out-dir"])
            .arg(out_dir)
            .arg(module),
    )
}

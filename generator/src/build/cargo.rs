//! What `kkgen build rust` asks cargo: the package, its lib's name and the locked `wasm-bindgen`
//! version (`cargo metadata`), and the `.wasm` a `cargo build` wrote (its JSON messages, so
//! `CARGO_TARGET_DIR` and `build.target-dir` are honoured).

use super::{command, profile, BuildError};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A crate to build, as `cargo metadata` describes it.
#[derive(Debug, Clone)]
pub struct Crate {
    /// The manifest cargo is run with.
    pub manifest: PathBuf,
    /// The package name (`-p`).
    pub package: String,
    /// The lib target's name (the module's file name: `notes_service`).
    pub lib: String,
    /// The locked `wasm-bindgen` version, when the crate depends on it.
    pub wasm_bindgen: Option<String>,
    /// cargo's target directory (from `cargo metadata`: `CARGO_TARGET_DIR` or the config's; a
    /// caller may set another, passed as `--target-dir`).
    pub target_dir: PathBuf,
    /// Whether the workspace defines the `wasm-release` profile.
    pub profile_defined: bool,
}

/// Reads `cargo metadata` of `manifest` and picks `package` (or the manifest's own package).
pub fn inspect(manifest: &Path, package: Option<&str>) -> Result<Crate, BuildError> {
    if !manifest.is_file() {
        return Err(BuildError::Project(format!(
            "no {} (pass --manifest-path PATH of the crate's Cargo.toml)",
            manifest.display()
        )));
    }
    let text = command::output(
        Command::new("cargo")
            .args(["metadata", "--format-version", "1", "--manifest-path"])
            .arg(manifest)
            .args(["--filter-platform", "wasm32-unknown-unknown"]),
        false,
    )?;
    let meta: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| BuildError::Project(format!("cargo metadata printed invalid JSON: {e}")))?;
    let packages = meta["packages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let members: Vec<&serde_json::Value> = meta["workspace_members"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|id| packages.iter().find(|p| p["id"] == *id))
        .collect();
    let names = || {
        members
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = match package {
        Some(name) => members.iter().find(|p| p["name"] == name).ok_or_else(|| {
            BuildError::Project(format!(
                "no package {name} in the workspace of {} (its packages: {})",
                manifest.display(),
                names()
            ))
        })?,
        None => {
            let root = &meta["resolve"]["root"];
            match members.iter().find(|p| p["id"] == *root) {
                Some(p) => p,
                None if members.len() == 1 => &members[0],
                None => {
                    return Err(BuildError::Project(format!(
                        "{} is a workspace: pass -p PACKAGE (one of {})",
                        manifest.display(),
                        names()
                    )))
                }
            }
        }
    };
    let name = chosen["name"].as_str().unwrap_or_default().to_string();
    let lib = chosen["targets"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .find(|t| kind_has(t, "cdylib"))
        .and_then(|t| t["name"].as_str())
        .ok_or_else(|| {
            BuildError::Project(format!(
                "package {name} has no cdylib: add `[lib] crate-type = [\"cdylib\", \"rlib\"]` to its Cargo.toml"
            ))
        })?
        .to_string();
    let wasm_bindgen = packages
        .iter()
        .find(|p| p["name"] == "wasm-bindgen")
        .and_then(|p| p["version"].as_str())
        .map(String::from);
    let workspace_root = PathBuf::from(meta["workspace_root"].as_str().unwrap_or("."));
    Ok(Crate {
        manifest: manifest.to_path_buf(),
        package: name,
        lib,
        wasm_bindgen,
        target_dir: PathBuf::from(meta["target_directory"].as_str().unwrap_or("target")),
        profile_defined: profile::defined_in(&workspace_root),
    })
}

fn kind_has(target: &serde_json::Value, kind: &str) -> bool {
    target["kind"]
        .as_array()
        .is_some_and(|k| k.iter().any(|k| k == kind))
}

/// `cargo build` of `krate`'s `selection` (`--lib`, `--bins`, …) for `target` with the
/// `wasm-release` profile; `keep_sections` turns strip off. Returns every `.wasm` cargo wrote for
/// the package, lib first.
pub fn build(
    krate: &Crate,
    target: &str,
    selection: &[&str],
    keep_sections: bool,
) -> Result<Vec<PathBuf>, BuildError> {
    let stdout = command::output(
        Command::new("cargo")
            .arg("build")
            .arg("--manifest-path")
            .arg(&krate.manifest)
            .args(["-p", &krate.package])
            .args(selection)
            .args(["--target", target])
            .arg("--target-dir")
            .arg(&krate.target_dir)
            .args(profile::cargo_args(krate.profile_defined, keep_sections))
            .arg("--message-format=json-render-diagnostics"),
        true,
    )?;
    let (mut modules, mut bins) = (Vec::new(), Vec::new());
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let ours = message["reason"] == "compiler-artifact"
            && message["package_id"]
                .as_str()
                .is_some_and(|id| package_id_names(id, &krate.package));
        if !ours {
            continue;
        }
        let wasm = message["filenames"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|f| f.as_str())
            .filter(|f| f.ends_with(".wasm"))
            .map(PathBuf::from);
        if kind_has(&message["target"], "cdylib") {
            modules.extend(wasm);
        } else {
            bins.extend(wasm);
        }
    }
    modules.append(&mut bins);
    if modules.is_empty() {
        return Err(BuildError::Project(format!(
            "cargo wrote no .wasm for {} ({target}): is its lib a cdylib?",
            krate.package
        )));
    }
    Ok(modules)
}

/// Whether a cargo package id (`path+file:///…#name@0.1.0`, or an older `name 0.1.0 (…)`) is of
/// package `name`.
fn package_id_names(id: &str, name: &str) -> bool {
    if let Some(spec) = id.rsplit_once('#').map(|(_, spec)| spec) {
        // `#name@version`, or `#version` when the directory is named like the package.
        return spec.split('@').next() == Some(name)
            || (!spec.contains('@') && id.contains(&format!("/{name}#")));
    }
    id.split(' ').next() == Some(name)
}

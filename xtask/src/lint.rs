//! Clippy while building: `cargo xtask test` lints every workspace crate in the builds it does
//! anyway, instead of checking the workspace a second time with `cargo clippy`.
//!
//! `cargo clippy` is `cargo check` with `RUSTC_WORKSPACE_WRAPPER` set to `clippy-driver` and the
//! lint flags in `CLIPPY_ARGS`. Set on every command of a test run, the same two variables make
//! each `cargo build` / `cargo test` compile *and* lint the workspace's crates (dependencies are
//! not wrapped), for every target and profile it builds: natively in suite `cargo`'s
//! `cargo test --workspace` (libraries, binaries, tests and examples), for wasm32-unknown-unknown
//! and wasm32-wasip1 in the wasm builds (geometry, the service fixture). A lint fails the build
//! that hits it, with rustc's own message. The wrapper is part of cargo's fingerprint, so these
//! artifacts sit beside the unwrapped ones (`cargo run -p xtask`, `cargo xtask demo`) instead of
//! replacing them; generated crates outside the workspace (suites `corpus`, `naming`) are
//! members of their own workspace and are linted the same way.

/// `CLIPPY_ARGS` as cargo-clippy passes them: `-D warnings`, each argument followed by the separator.
const CLIPPY_ARGS: &str = "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__";

/// Makes every cargo command this process starts from now on lint what it compiles
/// (`-D warnings`). Call before any thread is spawned.
pub fn lint_while_building() {
    std::env::set_var("RUSTC_WORKSPACE_WRAPPER", clippy_driver());
    std::env::set_var("CLIPPY_ARGS", CLIPPY_ARGS);
}

/// The toolchain's `clippy-driver` (rustup resolves the toolchain in force), else the one on PATH.
fn clippy_driver() -> String {
    std::process::Command::new("rustup")
        .args(["which", "clippy-driver"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "clippy-driver".into())
}

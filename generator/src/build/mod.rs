//! `kkgen build`: a user's own service built for wasm, outside this workspace (docs/build.md §3,
//! docs/build-go.md §3). The CLI (`src/main.rs`) and the workspace's `cargo xtask` call the same
//! pieces:
//! - [`rust`]: a Rust crate for `wasm32-unknown-unknown` (cargo, wasm-bindgen-cli, wasm-opt) and
//!   `wasm32-wasip1`, with the `wasm-release` size profile ([`profile`]);
//! - [`go`]: a Go module's wasip1 reactor and stdio command, with TinyGo when on PATH;
//! - [`sizes`]: raw / gzip / brotli of each module, printed as one table.

pub mod cargo;
pub mod command;
pub mod error;
pub mod go;
pub mod profile;
pub mod rust;
pub mod sizes;
pub mod wasm_bindgen;
pub mod wasm_opt;

pub use error::BuildError;

use std::path::PathBuf;

/// One module a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// Where it is.
    pub path: PathBuf,
    /// What it is for, as the size table shows it (`web`, `wasip1`, `go reactor`, …).
    pub target: String,
}

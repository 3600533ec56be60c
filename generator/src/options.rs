//! Generation options: the ones every backend reads ([`GenOptions::source`])
//! and one struct per backend. The same structs are the CLI's flags
//! (`kkgen gen`, flattened with clap) and the settings of the build.rs
//! [`crate::Config`], so a backend option added here is reachable from both.

/// Options for one run of the backends; each backend reads its own struct.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenOptions {
    /// Path of the root schema, quoted in the header of generated files.
    pub source: String,
    /// Options of the Rust backend.
    pub rust: RustOptions,
    /// Options of the Go backend.
    pub go: GoOptions,
    /// Options of the TypeScript backend.
    pub ts: TsOptions,
}

/// Options of the Rust backend.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct RustOptions {
    /// Rust: also emit typed `#[wasm_bindgen]` per-op exports.
    #[arg(long)]
    pub wasm_bindgen_ops: bool,
    /// Rust: also derive `serde::Serialize`/`Deserialize` on every type (the
    /// crate then depends on `serde` and on `kkrpc-runtime` with its `serde` feature).
    #[arg(long = "rust-serde")]
    pub serde: bool,
}

/// Options of the Go backend.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct GoOptions {
    /// Go: package name (default: the schema package without dots).
    #[arg(long = "go-package", value_name = "NAME")]
    pub package: Option<String>,
}

/// Options of the TypeScript backend.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct TsOptions {
    /// TypeScript: import path of runtime-ts (default `@kkgen/runtime`).
    #[arg(long = "ts-runtime", value_name = "PATH")]
    pub runtime_import: Option<String>,
}

//! The Go backend: one Go package per schema (TinyGo subset: no reflection,
//! no encoding/json, no goroutines required).
//!
//! - `types.go`: types, codecs and per-op params/result codecs
//!   (`types.rs`, statement bodies from `codec.rs`; see the contract in `service.rs`);
//! - `service.go`: `{Service}` interface, `{Service}Dispatcher`,
//!   `Register{Service}` (ABI, lazy) and `Serve{Service}Stdio` (`service.rs`);
//! - `exports_wasm.go`: the `//go:wasmexport` ABI entry points (`exports.rs`);
//! - `client.go`: `{Service}Client` for native callers (`client.rs`).
//!
//! Generated code imports runtime-go (`kkgen.dev/kkrpc/...`).

pub mod client;
pub mod codec;
pub mod docs;
pub mod emitted;
pub mod exports;
pub mod lines;
pub mod naming;
pub mod service;
pub mod types;

use crate::backend::{Backend, GenOptions, GeneratedFile};
use heck::ToSnakeCase;
use kkidl::ir::Ir;

/// Generates Go code from the IR.
#[derive(Debug, Default)]
pub struct GoBackend;

/// The Go package name: the option, else the schema package without dots
/// (`rules.v1` → `rulesv1`).
pub fn go_package(ir: &Ir, options: &GenOptions) -> String {
    if let Some(p) = &options.go.package {
        return p.clone();
    }
    let schema = ir.files.first().map(|f| f.package.as_str()).unwrap_or("kk");
    schema
        .split('.')
        .map(|part| part.to_snake_case().replace('_', ""))
        .collect()
}

impl Backend for GoBackend {
    fn name(&self) -> &'static str {
        "go"
    }

    fn language(&self) -> &'static str {
        "Go"
    }

    fn emitted_names(&self, ir: &Ir) -> Vec<kkidl::reserved::EmittedName> {
        emitted::emitted_names(ir)
    }

    fn generate_bodies(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        let package = go_package(ir, options);
        // Every file ends with exactly one newline (gofmt-clean).
        let file = |path: &str, body: String| GeneratedFile {
            path: path.into(),
            contents: format!("{}\n", body.trim_end()),
        };
        let mut files = vec![];
        if !ir.types.is_empty() || ir.services.iter().any(|s| !s.ops.is_empty()) {
            files.push(file("types.go", types::generate_types(ir, &package)));
        }
        if !ir.services.is_empty() {
            files.push(file("service.go", service::generate_service(ir, &package)));
            files.push(file(
                "exports_wasm.go",
                exports::generate_exports(ir, &package),
            ));
            files.push(file("client.go", client::generate_client(ir, &package)));
        }
        Ok(files)
    }
}

//! The wasm entry points of the Go backend (`exports_wasm.go`): the
//! `//go:wasmexport` functions of docs/abi.md §1, built only for wasm
//! (`wasip1`, or TinyGo's wasm targets), forwarding to runtime-go's `abi`.
//! One set per module: a module holds one service, chosen by `Register{Service}`.

use askama::Template;

/// The `exports_wasm.go` template.
#[derive(Template)]
#[template(path = "go/exports_wasm.go", escape = "none")]
struct ExportsTemplate<'a> {
    package: &'a str,
}

/// The contents of `exports_wasm.go` (without the generated-file header).
pub fn generate_exports(go_package: &str) -> String {
    ExportsTemplate { package: go_package }.render().expect("exports_wasm.go template renders")
}

//! The Rust backend: one `<package>.rs` file per schema (the root file's
//! package, dots as underscores), holding the types and codecs
//! (`types`/`codec`), then for every service its trait, op ids, dispatcher and
//! typed client (`service`, `dispatch`, `client`) and the macro defining its
//! scalar fast exports (`fast`, `docs/abi.md` §1.4), and with
//! `GenOptions::rust_wasm_bindgen_ops` the typed `#[wasm_bindgen]` per-op
//! exports (`exports`). Built with syn/quote and printed with prettyplease
//! only, so the output is the same on every machine (no rustfmt on the
//! PATH is consulted); it is included with `include!` from `OUT_DIR` (see
//! [`crate::config::Config`]) or written by `kkgen gen --lang rust`.

pub mod client;
pub mod codec;
pub mod dispatch;
pub mod emitted;
pub mod exports;
pub mod fast;
pub mod naming;
pub mod service;
pub mod types;

use crate::backend::{header, Backend, GenOptions, GeneratedFile};
use kkidl::ir::Ir;
use quote::quote;
use std::path::PathBuf;

/// Generates Rust code from the IR.
#[derive(Debug, Default)]
pub struct RustBackend;

/// The output file name for a package: `geo.v1` → `geo_v1.rs`.
pub fn file_name(package: &str) -> String {
    format!("{}.rs", package.replace('.', "_"))
}

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn language(&self) -> &'static str {
        "Rust"
    }

    fn emitted_names(&self, ir: &Ir) -> Vec<kkidl::reserved::EmittedName> {
        emitted::emitted_names(ir)
    }

    fn generate(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        let package = ir
            .files
            .first()
            .map(|f| f.package.clone())
            .ok_or("the IR has no files")?;
        let types = types::generate_types(ir);
        let services = ir.services.iter().map(|s| {
            let trait_and_ids = service::generate_service(ir, s);
            let dispatcher = dispatch::generate_dispatcher(ir, s);
            let client = client::generate_client(ir, s);
            let fast = fast::generate_fast_macro(ir, s);
            quote! { #trait_and_ids #dispatcher #client #fast }
        });
        let exports = exports::generate_exports(ir, options)?;
        let tokens = quote! { #types #(#services)* #exports };
        let file: syn::File =
            syn::parse2(tokens).map_err(|e| format!("generated Rust does not parse: {e}"))?;
        let source = if options.source.is_empty() {
            package.clone()
        } else {
            options.source.clone()
        };
        let contents = format!(
            "{}\n{}",
            header("//", &source),
            prettyplease::unparse(&file)
        );
        Ok(vec![GeneratedFile {
            path: PathBuf::from(file_name(&package)),
            contents,
        }])
    }
}

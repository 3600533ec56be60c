//! The Rust backend: one `<package>.rs` file per schema (the root file's
//! package, dots as underscores), holding the types and codecs
//! (`types`/`codec`), then for every service its trait, op ids, dispatcher and
//! typed client (`service`, `dispatch`, `client`). Built with syn/quote and
//! formatted with prettyplease; the file is included with `include!` from
//! `OUT_DIR` (see [`crate::config::Config`]) or written by `kkgen gen --lang rust`.

pub mod client;
pub mod codec;
pub mod dispatch;
pub mod exports;
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

    fn generate(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        let package = ir.files.first().map(|f| f.package.clone()).ok_or("the IR has no files")?;
        let types = types::generate_types(ir);
        let services = ir.services.iter().map(|s| {
            let trait_and_ids = service::generate_service(ir, s);
            let dispatcher = dispatch::generate_dispatcher(ir, s);
            let client = client::generate_client(ir, s);
            quote! { #trait_and_ids #dispatcher #client }
        });
        let exports = exports::generate_exports(ir, options)?;
        let tokens = quote! { #types #(#services)* #exports };
        let file: syn::File = syn::parse2(tokens).map_err(|e| format!("generated Rust does not parse: {e}"))?;
        let source = if options.source.is_empty() { package.clone() } else { options.source.clone() };
        let contents = format!("{}\n{}", header("//", &source), prettyplease::unparse(&file));
        Ok(vec![GeneratedFile { path: PathBuf::from(file_name(&package)), contents }])
    }
}

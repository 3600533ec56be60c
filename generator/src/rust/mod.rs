//! The Rust backend: one `<package>.rs` file per schema (the root file's
//! package, dots as underscores), holding the types and codecs
//! (`types`/`codec`), then for every service its trait, op ids, dispatcher and
//! typed client (`service`, `dispatch`, `client`) and the macro defining its
//! scalar fast exports (`fast`, `docs/abi.md` §1.4), and with
//! `RustOptions::wasm_bindgen_ops` the typed `#[wasm_bindgen]` per-op
//! exports (`exports`). Built with syn/quote and printed with prettyplease
//! only, so the output is the same on every machine (no rustfmt on the
//! PATH is consulted); it is included with `include!` from `OUT_DIR` (see
//! [`crate::config::Config`]) or written by `kkgen gen --lang rust`.

pub mod client;
pub mod codec;
pub mod dispatch;
pub mod docs;
pub mod emitted;
pub mod exports;
pub mod fast;
pub mod lints;
pub mod naming;
pub mod service;
pub mod types;

use crate::backend::{Backend, GenOptions, GeneratedFile};
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

    fn generate_bodies(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        let package = ir
            .files
            .first()
            .map(|f| f.package.clone())
            .ok_or("the IR has no files")?;
        let types = types::generate_types_with(
            ir,
            types::TypesOptions {
                serde: options.rust.serde,
            },
        );
        let services = ir.services.iter().map(|s| {
            let trait_and_ids = service::generate_service(ir, s);
            let dispatcher = dispatch::generate_dispatcher(ir, s);
            let client = client::generate_client(ir, s);
            let items = with_attr(
                quote! { #trait_and_ids #dispatcher #client },
                lints::service_allows(ir, s),
            )?;
            let fast = fast::generate_fast_macro(ir, s);
            Ok(quote! { #items #fast })
        });
        let services = services.collect::<Result<Vec<_>, String>>()?;
        let exports = exports::generate_exports(ir, options)?;
        let tokens = quote! { #types #(#services)* #exports };
        let file: syn::File =
            syn::parse2(tokens).map_err(|e| format!("generated Rust does not parse: {e}"))?;
        Ok(vec![GeneratedFile {
            path: PathBuf::from(file_name(&package)),
            contents: prettyplease::unparse(&file),
        }])
    }
}

/// `items` with `attr` added to each top-level item (for the lints of
/// [`lints::service_allows`]); unchanged when `attr` is empty.
fn with_attr(
    items: proc_macro2::TokenStream,
    attr: proc_macro2::TokenStream,
) -> Result<proc_macro2::TokenStream, String> {
    if attr.is_empty() {
        return Ok(items);
    }
    let mut file: syn::File =
        syn::parse2(items).map_err(|e| format!("generated Rust does not parse: {e}"))?;
    let attrs: Vec<syn::Attribute> =
        syn::parse::Parser::parse2(syn::Attribute::parse_outer, attr).map_err(|e| e.to_string())?;
    for item in &mut file.items {
        let target = match item {
            syn::Item::Trait(i) => &mut i.attrs,
            syn::Item::Impl(i) => &mut i.attrs,
            syn::Item::Struct(i) => &mut i.attrs,
            syn::Item::Enum(i) => &mut i.attrs,
            syn::Item::Mod(i) => &mut i.attrs,
            syn::Item::Const(i) => &mut i.attrs,
            _ => continue,
        };
        target.extend(attrs.iter().cloned());
    }
    Ok(quote! { #file })
}

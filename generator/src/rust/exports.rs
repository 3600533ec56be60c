//! Optional idiomatic typed `#[wasm_bindgen]` per-op exports
//! (`GenOptions::rust_wasm_bindgen_ops`). The module ABI exports themselves
//! come from `kkrpc_runtime::export_abi!`, not from generated code.
//!
//! Not implemented yet: asking for them is an error rather than a silent no-op.

use crate::backend::GenOptions;
use kkidl::ir::Ir;
use proc_macro2::TokenStream;

/// The per-op exports, or nothing when the option is off.
pub fn generate_exports(_ir: &Ir, options: &GenOptions) -> Result<TokenStream, String> {
    if options.rust_wasm_bindgen_ops {
        return Err("rust_wasm_bindgen_ops: typed per-op #[wasm_bindgen] exports are not implemented yet".into());
    }
    Ok(TokenStream::new())
}

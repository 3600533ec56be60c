//! The scalar fast exports of the Rust backend (`docs/abi.md` §1.4,
//! `docs/build.md` §2): per service a macro `<service>_fast_ops!($factory)`
//! that the user invokes once, next to `kkrpc_runtime::export_abi!`, with the
//! same factory. It defines, on wasm32 only, one export
//! `kk_op_<id as 8 hex digits>` per op that qualifies ([`crate::fast`]),
//! running the handler on the lazily built instance the ABI exports use
//! (`kkrpc_runtime::abi::with_service`).
//!
//! On every wasm32 target they are `#[no_mangle] extern "C"` functions of
//! plain wasm values, which wasm-bindgen passes through unchanged on
//! `wasm32-unknown-unknown`: no `#[wasm_bindgen]` wrapper (its panic-catching
//! shim costs a scalar call more than the call itself), and the host needs
//! none of the JS glue. The macro expands to nothing usable natively (a
//! type-checked, never-called function keeps the factory checked).

use super::service::{op_method, trait_name, type_name};
use crate::fast::{fast_op, FastKind};
use heck::ToSnakeCase;
use kkidl::ir::{Ir, Op, Scalar, Service};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The name of a service's fast-export macro, e.g. `geometry_fast_ops`.
pub fn fast_macro_name(service: &Service) -> Ident {
    format_ident!("{}_fast_ops", service.name.to_snake_case())
}

/// The Rust type of a wasm value of this kind, as the export declares it.
fn abi_ty(k: FastKind) -> TokenStream {
    match k {
        FastKind::Bool | FastKind::Enum(_) | FastKind::Handle(_) => quote! { u32 },
        FastKind::Scalar(Scalar::I8 | Scalar::I16 | Scalar::I32) => quote! { i32 },
        FastKind::Scalar(Scalar::U8 | Scalar::U16 | Scalar::U32) => quote! { u32 },
        FastKind::Scalar(s) => {
            let t = format_ident!("{}", s.keyword());
            quote! { #t }
        }
    }
}

/// The handler's argument from the wasm value `n`.
fn arg(ir: &Ir, k: FastKind, n: &Ident) -> TokenStream {
    match k {
        FastKind::Bool => quote! { #n != 0 },
        FastKind::Scalar(s @ (Scalar::I8 | Scalar::I16 | Scalar::U8 | Scalar::U16)) => {
            let t = format_ident!("{}", s.keyword());
            quote! { #n as #t }
        }
        FastKind::Scalar(_) => quote! { #n },
        FastKind::Enum(id) => {
            let t = type_name(ir, id);
            quote! { ::kkrpc_runtime::abi::fast_enum::<#t>(#n) }
        }
        FastKind::Handle(id) => {
            let t = type_name(ir, id);
            quote! { #t(#n) }
        }
    }
}

/// The wasm value of the handler's result `kk_value`; `None` when it is that value.
fn result(k: FastKind) -> Option<TokenStream> {
    Some(match k {
        FastKind::Bool | FastKind::Enum(_) => quote! { kk_value as u32 },
        FastKind::Scalar(Scalar::I8 | Scalar::I16) => quote! { kk_value as i32 },
        FastKind::Scalar(Scalar::U8 | Scalar::U16) => quote! { kk_value as u32 },
        FastKind::Scalar(_) => return None,
        FastKind::Handle(_) => quote! { kk_value.0 },
    })
}

/// The fast-export macro of one service (empty when no op qualifies).
pub fn generate_fast_macro(ir: &Ir, service: &Service) -> TokenStream {
    let macro_name = fast_macro_name(service);
    let module = format_ident!("__kkrpc_{}_fast_ops", service.name.to_snake_case());
    let qualified = service.qualified_name();
    let trait_ident = trait_name(service);
    let doc = [
        format!(" Defines the scalar fast exports of `{qualified}` (`docs/abi.md` §1.4): `kk_op_<op id>` for"),
        " every op whose parameters and result are numbers, booleans, enums or handles and that".to_string(),
        " throws no typed error. Invoke it once, in the module that includes this file, with the".to_string(),
        format!(" factory given to `kkrpc_runtime::export_abi!`, e.g. `{macro_name}!(crate::dispatcher);`:"),
        " both reach one lazily built service. wasm32 only; natively it defines nothing callable.".to_string(),
    ];
    let fns: Vec<TokenStream> = service
        .ops
        .iter()
        .filter_map(|op| generate_op(ir, &trait_ident, op))
        .collect();
    quote! {
        #(#[doc = #doc])*
        #[allow(unused_macros)]
        macro_rules! #macro_name {
            ($factory:expr) => {
                #[doc(hidden)]
                #[allow(non_snake_case, deprecated, unsafe_code)]
                pub mod #module {
                    #[allow(unused_imports)]
                    use super::*;

                    #(#fns)*

                    /// Native builds have no exports; this keeps the factory type-checked.
                    #[cfg(not(target_arch = "wasm32"))]
                    #[allow(dead_code)]
                    pub fn factory() -> impl ::kkrpc_runtime::service::Dispatch + 'static {
                        ($factory)()
                    }
                }
            };
        }
    }
}

/// The export of one op (every wasm32 target), if it qualifies.
fn generate_op(ir: &Ir, trait_ident: &Ident, op: &Op) -> Option<TokenStream> {
    let fast = fast_op(ir, op)?;
    let name = format_ident!("{}", fast.export);
    let method = op_method(op);
    let names: Vec<Ident> = op
        .params
        .iter()
        .map(|p| format_ident!("kk_p_{}", p.name.to_snake_case()))
        .collect();
    let params: Vec<TokenStream> = fast
        .params
        .iter()
        .zip(&names)
        .map(|(k, n)| {
            let t = abi_ty(*k);
            quote! { #n: #t }
        })
        .collect();
    let args = fast.params.iter().zip(&names).map(|(k, n)| arg(ir, *k, n));
    let call = quote! { kk_service.#method(#(#args),*) };
    let (ret, value) = match fast.result {
        Some(k) => {
            let t = abi_ty(k);
            let value = match result(k) {
                Some(v) => quote! { let kk_value = #call; #v },
                None => call,
            };
            (quote! { -> #t }, value)
        }
        None => (TokenStream::new(), quote! { #call; }),
    };
    let doc = format!(" `{}` (`docs/abi.md` §1.4).", op.name);
    let body = quote! {
        ::kkrpc_runtime::abi::with_service($factory, |kk_d| {
            let kk_service: &mut dyn #trait_ident = &mut kk_d.service;
            #value
        })
    };
    Some(quote! {
        #[doc = #doc]
        #[cfg(target_arch = "wasm32")]
        #[unsafe(no_mangle)]
        pub extern "C" fn #name(#(#params),*) #ret { #body }
    })
}

//! Optional idiomatic typed `#[wasm_bindgen]` per-op exports
//! (`RustOptions::wasm_bindgen_ops`, `docs/build.md` §5), for callers
//! that use a module straight from wasm-bindgen's JS glue. The module ABI
//! exports themselves come from `kkrpc_runtime::export_abi!`, not from here.
//!
//! With the option on, the file gets, per service:
//! - `<service>_wasm_bindgen_ops!($factory)`, a macro the user invokes once
//!   in the module that includes the file, with the dispatcher factory given
//!   to `export_abi!`: it defines `<service>_wasm_bindgen_service`, which runs
//!   a closure with the lazily built service (`kkrpc_runtime::abi::with_service`,
//!   one instance shared with the ABI exports);
//! - `pub mod <service>_wasm_bindgen`: one `#[wasm_bindgen]` function per op,
//!   JS name `<service><Op>` (`geometryBoundsOf`), parameters named like the
//!   TS client's (camelCase, JS reserved words escaped);
//!
//! and once per file, `ToJs` for handles and enums and `JsTypedError` for
//! errors (how typed errors are thrown: `kkrpc_runtime::bindgen`). All of it
//! is compiled on `wasm32-unknown-unknown` only.
//!
//! JS types ([`JsKind`]): scalars as numbers (`i64`/`u64` as bigints) and
//! booleans, `string` as strings, `bytes` as `Uint8Array`, `T[]` as the typed
//! array (`Float32Array`, ...), handles and enums as numbers, optionals of
//! those as the type or `undefined`; every other type (structs, unions,
//! lists, maps, errors) as its wire encoding (`docs/wire.md` §3) in a `Uint8Array`.

use super::docs::meta_attrs;
use super::service::{
    handler_param_ty, many_params_allow, op_error_ty, op_method, trait_name, type_name,
};
use crate::backend::GenOptions;
use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};
use kkidl::ir::{BufferElem, Field, Ir, Op, Scalar, Service, TypeDefKind, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The `cfg` every generated item of this option carries.
fn cfg() -> TokenStream {
    quote! { #[cfg(all(target_arch = "wasm32", target_os = "unknown"))] }
}

/// The per-op exports and their support, or nothing when the option is off.
pub fn generate_exports(ir: &Ir, options: &GenOptions) -> Result<TokenStream, String> {
    if !options.rust.wasm_bindgen_ops {
        return Ok(TokenStream::new());
    }
    let support = generate_support(ir);
    let services = ir.services.iter().map(|s| generate_service_exports(ir, s));
    Ok(quote! { #support #(#services)* })
}

/// How a value of a schema type crosses the wasm-bindgen boundary.
#[derive(Debug, Clone, PartialEq)]
pub enum JsKind {
    /// A number, bigint or boolean: the Rust scalar itself.
    Scalar(Scalar),
    /// `string`: a JS string.
    Str,
    /// `bytes`: a `Uint8Array`.
    Bytes,
    /// `T[]`: the typed array of `T`.
    Buffer(BufferElem),
    /// A handle: its number.
    Handle,
    /// An enum: its value (a number).
    Enum,
    /// `T?` of one of the above: the type or `undefined`.
    Optional(Box<JsKind>),
    /// Anything else: its wire encoding in a `Uint8Array`.
    Wire,
}

/// The [`JsKind`] of a type.
pub fn js_kind(ir: &Ir, t: &TypeRef) -> JsKind {
    match t {
        TypeRef::Scalar {
            scalar: Scalar::String,
        } => JsKind::Str,
        TypeRef::Scalar {
            scalar: Scalar::Bytes,
        } => JsKind::Bytes,
        TypeRef::Scalar { scalar } => JsKind::Scalar(*scalar),
        TypeRef::Buffer { elem } => JsKind::Buffer(*elem),
        TypeRef::Named { id } => match ir.ty(*id).kind {
            TypeDefKind::Handle => JsKind::Handle,
            TypeDefKind::Enum(_) => JsKind::Enum,
            _ => JsKind::Wire,
        },
        TypeRef::Optional { inner } => match js_kind(ir, inner) {
            JsKind::Wire | JsKind::Optional(_) => JsKind::Wire,
            k => JsKind::Optional(Box::new(k)),
        },
        TypeRef::List { .. } | TypeRef::Map { .. } => JsKind::Wire,
    }
}

fn elem(e: BufferElem) -> Ident {
    format_ident!("{}", e.keyword())
}

/// The owned Rust type wasm-bindgen converts for a JS-native kind.
fn owned_abi_ty(k: &JsKind) -> TokenStream {
    match k {
        JsKind::Scalar(s) => {
            let t = format_ident!("{}", s.keyword());
            quote! { #t }
        }
        JsKind::Str => quote! { ::std::string::String },
        JsKind::Bytes | JsKind::Wire => quote! { ::std::vec::Vec<u8> },
        JsKind::Buffer(e) => {
            let e = elem(*e);
            quote! { ::std::vec::Vec<#e> }
        }
        JsKind::Handle | JsKind::Enum => quote! { u32 },
        JsKind::Optional(inner) => {
            let i = owned_abi_ty(inner);
            quote! { ::core::option::Option<#i> }
        }
    }
}

/// The parameter type of an export: borrowed slices for strings, bytes,
/// buffers and wire-encoded values (wasm-bindgen copies them into linear
/// memory for the call), owned types otherwise.
fn param_abi_ty(k: &JsKind) -> TokenStream {
    match k {
        JsKind::Str => quote! { &str },
        JsKind::Bytes | JsKind::Wire => quote! { &[u8] },
        JsKind::Buffer(e) => {
            let e = elem(*e);
            quote! { &[#e] }
        }
        _ => owned_abi_ty(k),
    }
}

/// Statements turning the export's parameter `n` into the handler's argument
/// (rebinding `n`), for a parameter of schema type `t`.
fn param_conversion(ir: &Ir, t: &TypeRef, n: &Ident, schema_name: &str) -> TokenStream {
    let ty = handler_param_ty(ir, t);
    let value = match js_kind(ir, t) {
        JsKind::Scalar(_) | JsKind::Str | JsKind::Bytes | JsKind::Buffer(_) => {
            return TokenStream::new()
        }
        JsKind::Handle => quote! { #ty(#n) },
        JsKind::Enum => quote! { ::kkrpc_runtime::bindgen::enum_arg(#n, #schema_name)? },
        JsKind::Wire => quote! { ::kkrpc_runtime::bindgen::decode_arg(#n, #schema_name)? },
        JsKind::Optional(inner) => match (*inner, t) {
            (JsKind::Handle, TypeRef::Optional { inner }) => {
                let handle = super::types::plain_type(ir, inner);
                quote! { #n.map(#handle) }
            }
            (JsKind::Buffer(_), _) => quote! { #n.map(::kkrpc_runtime::wire::Buffer::from) },
            (JsKind::Enum, _) => quote! {
                #n.map(|kk_v| ::kkrpc_runtime::bindgen::enum_arg(kk_v, #schema_name)).transpose()?
            },
            _ => return TokenStream::new(),
        },
    };
    quote! { let #n: #ty = #value; }
}

/// The export's return type and, unless the handler's value is already it,
/// the expression turning `kk_value` into it, for a result of schema type `t`.
fn result_conversion(ir: &Ir, t: &TypeRef) -> (TokenStream, Option<TokenStream>) {
    let k = js_kind(ir, t);
    let ty = owned_abi_ty(&k);
    let value = match &k {
        JsKind::Scalar(_) | JsKind::Str | JsKind::Bytes => None,
        JsKind::Buffer(_) => Some(quote! { kk_value.into_vec() }),
        JsKind::Handle => Some(quote! { kk_value.0 }),
        JsKind::Enum => Some(quote! { kk_value as u32 }),
        JsKind::Wire => Some(quote! { ::kkrpc_runtime::wire::encode_to_vec(&kk_value) }),
        JsKind::Optional(inner) => match **inner {
            JsKind::Buffer(_) => Some(quote! { kk_value.map(|kk_v| kk_v.into_vec()) }),
            JsKind::Handle => Some(quote! { kk_value.map(|kk_v| kk_v.0) }),
            JsKind::Enum => Some(quote! { kk_value.map(|kk_v| kk_v as u32) }),
            _ => None,
        },
    };
    (ty, value)
}

/// The JS name of a parameter (as in the TS client) as a Rust identifier.
fn js_param_ident(name: &str) -> Ident {
    super::naming::ident(&crate::ts::naming::binding_name(name))
}

/// The name of the macro that binds a service, e.g. `geometry_wasm_bindgen_ops`.
pub fn ops_macro_name(service: &Service) -> Ident {
    format_ident!("{}_wasm_bindgen_ops", service.name.to_snake_case())
}

/// `ToJs` for handles and enums, `JsTypedError` for errors.
fn generate_support(ir: &Ir) -> TokenStream {
    let cfg = cfg();
    ir.types
        .iter()
        .map(|td| {
            let name = type_name(ir, td.id);
            match &td.kind {
                TypeDefKind::Handle => quote! {
                    #cfg
                    impl ::kkrpc_runtime::bindgen::ToJs for #name {
                        fn to_js(&self) -> ::kkrpc_runtime::bindgen::JsValue {
                            ::kkrpc_runtime::bindgen::ToJs::to_js(&self.0)
                        }
                    }
                },
                TypeDefKind::Enum(_) => quote! {
                    #cfg
                    #[allow(deprecated)]
                    impl ::kkrpc_runtime::bindgen::ToJs for #name {
                        fn to_js(&self) -> ::kkrpc_runtime::bindgen::JsValue {
                            ::kkrpc_runtime::bindgen::ToJs::to_js(&(*self as u32))
                        }
                    }
                },
                TypeDefKind::Error(e) => {
                    let js_name = crate::ts::naming::error_class_name(&td.name);
                    let fields = e.fields.iter().map(|f| js_field(ir, f));
                    quote! {
                        #cfg
                        #[allow(deprecated)]
                        impl ::kkrpc_runtime::bindgen::JsTypedError for #name {
                            const JS_NAME: &'static str = #js_name;
                            fn js_fields(&self) -> ::std::vec::Vec<(&'static str, ::kkrpc_runtime::bindgen::JsValue)> {
                                ::std::vec![#(#fields),*]
                            }
                        }
                    }
                }
                TypeDefKind::Struct(_) | TypeDefKind::Union(_) => TokenStream::new(),
            }
        })
        .collect()
}

/// `(name, value)` of one error field in its JS form (its wire encoding for [`JsKind::Wire`]).
fn js_field(ir: &Ir, f: &Field) -> TokenStream {
    let js = crate::ts::naming::field_name(&f.name);
    let rust = super::naming::field_ident(&f.name);
    let value = match js_kind(ir, &f.ty) {
        JsKind::Wire => quote! { ::kkrpc_runtime::bindgen::wire_to_js(&self.#rust) },
        _ => quote! { ::kkrpc_runtime::bindgen::ToJs::to_js(&self.#rust) },
    };
    quote! { (#js, #value) }
}

/// The binding macro and the export module of one service.
fn generate_service_exports(ir: &Ir, service: &Service) -> TokenStream {
    let cfg = cfg();
    let trait_ident = trait_name(service);
    let qualified = service.qualified_name();
    let snake = service.name.to_snake_case();
    let macro_name = ops_macro_name(service);
    let with = format_ident!("{}_wasm_bindgen_service", snake);
    let module = format_ident!("{}_wasm_bindgen", snake);
    let macro_doc = [
        format!(" Binds the typed `#[wasm_bindgen]` exports of `{qualified}` (`{module}`) to a service:"),
        " invoke it once, in the module that includes this file, with the dispatcher factory".to_string(),
        format!(" given to `kkrpc_runtime::export_abi!`, e.g. `{macro_name}!(crate::dispatcher);`."),
        " The service is built on the first call and shared with the ABI exports.".to_string(),
    ];
    let module_doc = [
        format!(
            " Typed `#[wasm_bindgen]` exports of `{qualified}`, one per op (`docs/build.md` §5),"
        ),
        format!(" bound to a service by `{macro_name}!`."),
    ];
    let fns = service
        .ops
        .iter()
        .map(|op| generate_op_export(ir, service, op, &with));
    quote! {
        #(#[doc = #macro_doc])*
        #[allow(unused_macros)]
        macro_rules! #macro_name {
            ($factory:expr) => {
                #cfg
                #[allow(dead_code)]
                fn #with<R>(f: impl FnOnce(&mut dyn #trait_ident) -> R) -> R {
                    ::kkrpc_runtime::abi::with_service($factory, |d| f(&mut d.service))
                }
            };
        }

        #(#[doc = #module_doc])*
        #cfg
        #[allow(non_snake_case, deprecated)]
        pub mod #module {
            #[allow(unused_imports)]
            use super::*;

            #(#fns)*
        }
    }
}

/// One op's export.
fn generate_op_export(ir: &Ir, service: &Service, op: &Op, with: &Ident) -> TokenStream {
    let rust_name = format_ident!(
        "{}_{}",
        service.name.to_snake_case(),
        op.name.to_snake_case()
    );
    let js_name = format_ident!(
        "{}{}",
        service.name.to_lower_camel_case(),
        op.name.to_upper_camel_case()
    );
    let docs = meta_attrs(&op.meta);
    let method = op_method(op);
    let names: Vec<Ident> = op.params.iter().map(|p| js_param_ident(&p.name)).collect();
    let params = op.params.iter().zip(&names).map(|(p, n)| {
        let t = param_abi_ty(&js_kind(ir, &p.ty));
        quote! { #n: #t }
    });
    let conversions = op
        .params
        .iter()
        .zip(&names)
        .map(|(p, n)| param_conversion(ir, &p.ty, n, &p.name));
    let (ret, convert) = match &op.result {
        Some(t) => result_conversion(ir, t),
        None => (quote! { () }, None),
    };
    let call = quote! { super::#with(|kk_service| kk_service.#method(#(#names),*)) };
    let map_ok = convert.as_ref().map(|c| quote! { .map(|kk_value| #c) });
    let body = match (op.throws.as_slice(), op_error_ty(ir, service, op)) {
        ([], _) | (_, None) => match (&op.result, &convert) {
            (None, _) => quote! { #call; Ok(()) },
            (Some(_), None) => quote! { Ok(#call) },
            (Some(_), Some(c)) => quote! { let kk_value = #call; Ok(#c) },
        },
        ([_], Some(_)) => quote! {
            #call #map_ok .map_err(|kk_error| ::kkrpc_runtime::bindgen::typed_error(&kk_error))
        },
        (many, Some(error_enum)) => {
            let arms = many.iter().map(|id| {
                let v = type_name(ir, *id);
                quote! { #error_enum::#v(kk_error) => ::kkrpc_runtime::bindgen::typed_error(&kk_error), }
            });
            quote! {
                #call #map_ok .map_err(|kk_error| match kk_error { #(#arms)* })
            }
        }
    };
    let allow = many_params_allow(op);
    quote! {
        #docs
        #allow
        #[::kkrpc_runtime::__private::wasm_bindgen::prelude::wasm_bindgen(
            wasm_bindgen = ::kkrpc_runtime::__private::wasm_bindgen,
            js_name = #js_name
        )]
        pub fn #rust_name(#(#params),*) -> ::core::result::Result<#ret, ::kkrpc_runtime::bindgen::JsValue> {
            #(#conversions)*
            #body
        }
    }
}

//! The service trait of each schema service, its op ids, the per-op error
//! enums (ops that throw several errors), and the naming/type helpers the
//! dispatcher and client generators share.
//!
//! Handlers take `&mut self`: a service owns its state (handle tables,
//! caches) without interior mutability, because a module instance or stdio
//! server runs one call at a time.

use heck::{ToPascalCase, ToShoutySnakeCase, ToSnakeCase};
use kkidl::ir::{BufferElem, Ir, Op, Scalar, Service, TypeDefKind, TypeRef};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// An identifier for a field, parameter or op name (keywords escaped).
pub fn ident(name: &str) -> Ident {
    super::naming::field_ident(name)
}

/// The Rust type name of a declared type.
pub fn type_name(ir: &Ir, id: kkidl::ir::TypeId) -> Ident {
    super::naming::type_ident(&ir.ty(id).name)
}

/// How a parameter crosses into a handler or out of a client method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// `string`: `&str` (borrowed from the frame on the server).
    Str,
    /// `bytes`: `&[u8]`.
    Bytes,
    /// `T[]`: `&[T]` (borrowed in place when aligned).
    Buffer(BufferElem),
    /// Numbers, bools, handles and enums: by value.
    Copy,
    /// Everything else: owned on the server, by reference in the client.
    Owned,
}

/// The [`ParamKind`] of a parameter type.
pub fn param_kind(ir: &Ir, t: &TypeRef) -> ParamKind {
    match t {
        TypeRef::Named { id }
            if matches!(ir.ty(*id).kind, TypeDefKind::Handle | TypeDefKind::Enum(_)) =>
        {
            ParamKind::Copy
        }
        TypeRef::Scalar {
            scalar: Scalar::String,
        } => ParamKind::Str,
        TypeRef::Scalar {
            scalar: Scalar::Bytes,
        } => ParamKind::Bytes,
        TypeRef::Scalar { .. } => ParamKind::Copy,
        TypeRef::Buffer { elem } => ParamKind::Buffer(*elem),
        _ => ParamKind::Owned,
    }
}

/// The parameter type in the service trait.
pub fn handler_param_ty(ir: &Ir, t: &TypeRef) -> TokenStream {
    match param_kind(ir, t) {
        ParamKind::Str => quote! { &str },
        ParamKind::Bytes => quote! { &[u8] },
        ParamKind::Buffer(e) => {
            let e = format_ident!("{}", e.keyword());
            quote! { &[#e] }
        }
        ParamKind::Copy | ParamKind::Owned => super::types::plain_type(ir, t),
    }
}

/// The parameter type in client methods.
pub fn client_param_ty(ir: &Ir, t: &TypeRef) -> TokenStream {
    match param_kind(ir, t) {
        ParamKind::Owned => {
            let o = super::types::plain_type(ir, t);
            quote! { &#o }
        }
        _ => handler_param_ty(ir, t),
    }
}

/// The service trait's name (the schema's service name).
pub fn trait_name(service: &Service) -> Ident {
    super::naming::type_ident(&service.name)
}

/// The module holding a service's op id constants, e.g. `geometry_ops`.
pub fn ops_module(service: &Service) -> Ident {
    format_ident!("{}_ops", service.name.to_snake_case())
}

/// The service's descriptor const, e.g. `GEOMETRY_DESCRIPTOR` (`kkrpc_runtime::descriptor`).
pub fn descriptor_const(service: &Service) -> Ident {
    format_ident!("{}_DESCRIPTOR", service.name.to_shouty_snake_case())
}

/// The op id constant of an op, e.g. `TESSELLATE`.
pub fn op_const(op: &Op) -> Ident {
    format_ident!("{}", op.name.to_shouty_snake_case())
}

/// The method name of an op.
pub fn op_method(op: &Op) -> Ident {
    ident(&op.name.to_snake_case())
}

/// The error enum of an op that throws several errors, e.g. `GeometryTessellateError`.
pub fn op_error_enum(service: &Service, op: &Op) -> Ident {
    format_ident!(
        "{}{}Error",
        service.name.to_pascal_case(),
        op.name.to_pascal_case()
    )
}

/// The error type of an op's `Err` side, if it throws.
pub fn op_error_ty(ir: &Ir, service: &Service, op: &Op) -> Option<TokenStream> {
    match op.throws.as_slice() {
        [] => None,
        [one] => {
            let n = type_name(ir, *one);
            Some(quote! { #n })
        }
        _ => {
            let n = op_error_enum(service, op);
            Some(quote! { #n })
        }
    }
}

/// The `wire_id` of an error type.
pub fn error_wire_id(ir: &Ir, id: kkidl::ir::TypeId) -> u32 {
    match &ir.ty(id).kind {
        TypeDefKind::Error(e) => e.wire_id,
        _ => kkidl::ir::hash_id(&ir.ty(id).qualified_name()),
    }
}

/// `#[allow(clippy::too_many_arguments)]` for the functions of an op with
/// seven parameters or more (the trait method, the client method, the
/// `#[wasm_bindgen]` export), whose signatures the schema fixes.
pub fn many_params_allow(op: &Op) -> TokenStream {
    if op.params.len() >= 7 {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        TokenStream::new()
    }
}

/// The value type of an op's result (`()` when it returns nothing).
pub fn result_ty(ir: &Ir, op: &Op) -> TokenStream {
    match &op.result {
        Some(t) => super::types::plain_type(ir, t),
        None => quote! { () },
    }
}

/// The trait, op ids and error enums of one service.
pub fn generate_service(ir: &Ir, service: &Service) -> TokenStream {
    let trait_ident = trait_name(service);
    let ops_mod = ops_module(service);
    let qualified = service.qualified_name();
    let trait_docs =
        super::docs::meta_attrs_or(&service.meta, &format!("The `{qualified}` service."));
    let ops_doc = format!(" Op ids of `{qualified}` (`docs/wire.md` §4.1).");

    let consts = service.ops.iter().map(|op| {
        let c = op_const(op);
        let id = op.id;
        let doc = format!(" `{}.{}`.", qualified, op.name);
        quote! { #[doc = #doc] pub const #c: u32 = #id; }
    });

    let methods = service.ops.iter().map(|op| {
        let m = op_method(op);
        let docs = super::docs::meta_attrs_or(&op.meta, &format!("The `{}` op.", op.name));
        let params = op.params.iter().map(|p| {
            let n = ident(&p.name);
            let t = handler_param_ty(ir, &p.ty);
            quote! { #n: #t }
        });
        let ret = result_ty(ir, op);
        let ret = match op_error_ty(ir, service, op) {
            Some(e) => quote! { ::core::result::Result<#ret, #e> },
            None => ret,
        };
        let allow = many_params_allow(op);
        quote! { #docs #allow fn #m(&mut self #(, #params)*) -> #ret; }
    });

    let enums = service
        .ops
        .iter()
        .filter(|op| op.throws.len() > 1)
        .map(|op| {
            let name = op_error_enum(service, op);
            let doc = format!(" The errors `{}.{}` may throw.", qualified, op.name);
            let variants = op.throws.iter().map(|id| {
                let n = type_name(ir, *id);
                let vdoc = format!(" `{}`.", ir.ty(*id).qualified_name());
                quote! { #[doc = #vdoc] #n(#n) }
            });
            let froms = op.throws.iter().map(|id| {
                let n = type_name(ir, *id);
                quote! {
                    impl ::core::convert::From<#n> for #name {
                        fn from(e: #n) -> Self { #name::#n(e) }
                    }
                }
            });
            quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq)]
                pub enum #name { #(#variants,)* }
                #(#froms)*
            }
        });

    let descriptor = descriptor_const(service);
    let descriptor_doc =
        format!(" `{qualified}` at run time: package, name and ops (`docs/nats.md` §1).");
    let (package, name) = (&service.package, &service.name);
    let doc_line = crate::descriptor::doc_line(service);
    let op_descriptors = service.ops.iter().map(|op| {
        let c = op_const(op);
        let n = &op.name;
        quote! { ::kkrpc_runtime::descriptor::OpDescriptor { id: #ops_mod::#c, name: #n } }
    });

    quote! {
        #[doc = #ops_doc]
        pub mod #ops_mod {
            #(#consts)*
        }

        #[doc = #descriptor_doc]
        pub const #descriptor: ::kkrpc_runtime::descriptor::ServiceDescriptor =
            ::kkrpc_runtime::descriptor::ServiceDescriptor {
                package: #package,
                name: #name,
                doc: #doc_line,
                ops: &[#(#op_descriptors),*],
            };

        #trait_docs
        ///
        /// Handlers take `&mut self`: a module instance or stdio server runs one
        /// call at a time, so the service owns its state (handle tables) directly.
        /// Top-level `string`, `bytes` and `T[]` parameters arrive borrowed from the
        /// call frame (zero copy where the frame keeps the data aligned).
        pub trait #trait_ident {
            #(#methods)*
        }

        #(#enums)*
    }
}

//! The typed Rust client of each service, for native callers:
//! `<Service>Client<T: Transport>` encodes each call into a frame, sends it
//! over any `kkrpc_runtime::client::Transport` (a child process's stdio, or a
//! dispatcher in the same process) and decodes the answer. Ops that throw
//! return `Result<T, CallError<E>>`; ops that do not, `Result<T, SystemError>`.

use super::service::{
    client_param_ty, error_wire_id, ident, many_params_allow, op_const, op_error_enum, op_error_ty,
    op_method, ops_module, param_kind, result_ty, trait_name, type_name, ParamKind,
};
use kkidl::ir::{Ir, Op, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The client of one service.
pub fn generate_client(ir: &Ir, service: &Service) -> TokenStream {
    let name = format_ident!(
        "{}Client",
        trait_name(service).to_string().trim_start_matches("r#")
    );
    let doc = format!(
        " A typed client of `{}` over any transport.",
        service.qualified_name()
    );
    let methods = service
        .ops
        .iter()
        .map(|op| generate_method(ir, service, op));
    quote! {
        #[doc = #doc]
        pub struct #name<T: ::kkrpc_runtime::client::Transport> {
            /// Call numbering, encoding and the transport.
            pub core: ::kkrpc_runtime::client::ClientCore<T>,
        }

        impl<T: ::kkrpc_runtime::client::Transport> #name<T> {
            /// A client sending its calls over `transport`.
            pub fn new(transport: T) -> Self {
                #name { core: ::kkrpc_runtime::client::ClientCore::new(transport) }
            }

            /// Gives the transport back.
            pub fn into_transport(self) -> T {
                self.core.transport
            }

            #(#methods)*
        }
    }
}

fn generate_method(ir: &Ir, service: &Service, op: &Op) -> TokenStream {
    let ops_mod = ops_module(service);
    let c = op_const(op);
    let method = op_method(op);
    let doc = format!(" Calls `{}`.", op.name);
    let deprecated = super::docs::deprecated_attr(&op.meta);
    let params = op.params.iter().map(|p| {
        let n = ident(&p.name);
        let t = client_param_ty(ir, &p.ty);
        quote! { #n: #t }
    });
    let writes = op.params.iter().map(|p| {
        let n = ident(&p.name);
        match param_kind(ir, &p.ty) {
            ParamKind::Str => quote! { w_.string(#n); },
            ParamKind::Bytes => quote! { w_.bytes(#n); },
            ParamKind::Buffer(_) => quote! { w_.buffer(#n); },
            ParamKind::Copy | ParamKind::Owned => {
                quote! { ::kkrpc_runtime::wire::Encode::encode(&#n, w_); }
            }
        }
    });
    let value = result_ty(ir, op);
    let error = op_error_ty(ir, service, op);
    let ret = match &error {
        Some(e) => {
            quote! { ::core::result::Result<#value, ::kkrpc_runtime::client::CallError<#e>> }
        }
        None => quote! { ::core::result::Result<#value, ::kkrpc_runtime::client::SystemError> },
    };
    let decode_ok = match &op.result {
        Some(_) => quote! { Ok(reply_.decode::<#value>(payload_)?) },
        None => quote! { Ok(reply_.expect_empty(payload_)?) },
    };
    let typed_arms = op.throws.iter().map(|t| {
        let id = error_wire_id(ir, *t);
        let n = type_name(ir, *t);
        let decoded = quote! { reply_.decode::<#n>(body_)? };
        let value = if op.throws.len() > 1 {
            let en = op_error_enum(service, op);
            quote! { #en::#n(#decoded) }
        } else {
            decoded
        };
        quote! {
            #id => Err(::kkrpc_runtime::client::CallError::Typed(#value)),
        }
    });
    let typed = if error.is_some() {
        quote! {
            ::kkrpc_runtime::client::Answer::Typed { error_id: error_id_, body: body_ } => match error_id_ {
                #(#typed_arms)*
                other_ => Err(reply_.unknown_error(other_).into()),
            },
        }
    } else {
        quote! {
            ::kkrpc_runtime::client::Answer::Typed { error_id: error_id_, .. } => Err(reply_.unknown_error(error_id_)),
        }
    };
    let allow = many_params_allow(op);
    quote! {
        #[doc = #doc]
        #deprecated
        #allow
        pub fn #method(&mut self #(, #params)*) -> #ret {
            #[allow(unused_variables)]
            let reply_ = self.core.call(#ops_mod::#c, |w_| { #(#writes)* })?;
            match reply_.answer()? {
                ::kkrpc_runtime::client::Answer::Ok(payload_) => #decode_ok,
                #typed
            }
        }
    }
}

//! The dispatcher of each service: `<Service>Dispatcher<S>` implements
//! `kkrpc_runtime::service::Dispatch`. It checks the frame header, decodes
//! the parameters straight from the frame (top-level `string`/`bytes`/`T[]`
//! borrowed in place), calls the trait, and encodes an ok frame or a typed
//! error frame; a bare `T[]` result becomes the ok frame around the buffer's
//! own allocation (`service::ok_buffer_frame`, no copy of the data). Unknown op → system error `unknown_op`; a payload that does
//! not decode → system error `decode` naming the kind; a handler panic →
//! system error `trap` where panics unwind.

use super::service::{
    error_wire_id, ident, op_const, op_error_enum, op_method, ops_module, param_kind, trait_name,
    type_name, ParamKind,
};
use kkidl::ir::{Ir, Op, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The dispatcher struct name, e.g. `GeometryDispatcher`.
pub fn dispatcher_name(service: &Service) -> proc_macro2::Ident {
    format_ident!(
        "{}Dispatcher",
        trait_name(service).to_string().trim_start_matches("r#")
    )
}

/// The dispatcher of one service.
pub fn generate_dispatcher(ir: &Ir, service: &Service) -> TokenStream {
    let trait_ident = trait_name(service);
    let name = dispatcher_name(service);
    let ops_mod = ops_module(service);
    let doc = format!(
        " Answers call frames for a [`{trait_ident}`] implementation (`kkrpc_runtime::service::Dispatch`)."
    );
    let arms = service.ops.iter().map(|op| {
        let c = op_const(op);
        let call = format_ident!("call_{}", op.name);
        quote! { #ops_mod::#c => self.#call(call_id_, payload_), }
    });
    let calls = service.ops.iter().map(|op| generate_call(ir, service, op));
    // A service without ops answers every call `unknown_op` (no payload, no match).
    let route = if service.ops.is_empty() {
        quote! { ::kkrpc_runtime::service::unknown_op_frame(call_id_, op_id_) }
    } else {
        quote! {
            let payload_ = &frame[::kkrpc_runtime::service::HEADER_LEN..];
            ::kkrpc_runtime::service::catch_trap(call_id_, op_id_, || match op_id_ {
                #(#arms)*
                _ => ::kkrpc_runtime::service::unknown_op_frame(call_id_, op_id_),
            })
        }
    };

    quote! {
        #[doc = #doc]
        #[derive(Debug, Default)]
        pub struct #name<S> {
            /// The service answering the calls.
            pub service: S,
            /// Limits applied when decoding parameters.
            pub limits: ::kkrpc_runtime::wire::Limits,
        }

        impl<S: #trait_ident> #name<S> {
            /// A dispatcher for `service` with default limits.
            pub fn new(service: S) -> Self {
                #name { service, limits: ::kkrpc_runtime::wire::Limits::default() }
            }

            #(#calls)*
        }

        impl<S: #trait_ident> ::kkrpc_runtime::service::Dispatch for #name<S> {
            fn dispatch(&mut self, frame: &[u8]) -> ::std::vec::Vec<u8> {
                let header_ = match ::kkrpc_runtime::service::check_call_header(frame) {
                    Ok(h) => h,
                    Err(answer) => return answer,
                };
                let (call_id_, op_id_) = (header_.call_id, header_.op_id);
                #route
            }
        }
    }
}

/// `call_<op>`: decode the parameter struct, call the handler, encode the answer.
fn generate_call(ir: &Ir, service: &Service, op: &Op) -> TokenStream {
    let ops_mod = ops_module(service);
    let c = op_const(op);
    let call = format_ident!("call_{}", op.name);
    let method = op_method(op);
    let doc = format!(" Runs `{}` for one call frame's payload.", op.name);

    let decode_fields = op.params.iter().map(|p| {
        let n = ident(&p.name);
        let (ty, default) = match param_kind(ir, &p.ty) {
            ParamKind::Str => (quote! { &str }, quote! { "" }),
            ParamKind::Bytes => (quote! { &[u8] }, quote! { &[] }),
            ParamKind::Buffer(e) => {
                let e = format_ident!("{}", e.keyword());
                (
                    quote! { ::std::borrow::Cow<'_, [#e]> },
                    quote! { ::std::borrow::Cow::Borrowed(&[]) },
                )
            }
            ParamKind::Copy | ParamKind::Owned => (
                super::types::plain_type(ir, &p.ty),
                quote! { ::core::default::Default::default() },
            ),
        };
        quote! {
            let #n: #ty = if r_.has_more() {
                ::kkrpc_runtime::wire::Decode::decode(&mut r_)?
            } else {
                #default
            };
        }
    });
    let names: Vec<_> = op.params.iter().map(|p| ident(&p.name)).collect();
    let args = op.params.iter().map(|p| {
        let n = ident(&p.name);
        match param_kind(ir, &p.ty) {
            ParamKind::Buffer(_) => quote! { &#n },
            _ => quote! { #n },
        }
    });

    let invoke = quote! { self.service.#method(#(#args),*) };
    let (ok_pat, encode_ok) = match &op.result {
        // A bare `T[]` result becomes the frame around its own allocation (no copy).
        Some(t) if matches!(param_kind(ir, t), ParamKind::Buffer(_)) => (
            quote! { Ok(value_) },
            quote! { ::kkrpc_runtime::service::ok_buffer_frame(call_id_, #ops_mod::#c, value_) },
        ),
        Some(_) => (
            quote! { Ok(value_) },
            quote! { ::kkrpc_runtime::service::ok_frame(call_id_, #ops_mod::#c, &value_) },
        ),
        None => (
            quote! { Ok(()) },
            quote! { ::kkrpc_runtime::service::empty_ok_frame(call_id_, #ops_mod::#c) },
        ),
    };
    let answer = match op.throws.as_slice() {
        [] => match &op.result {
            Some(_) => quote! { let value_ = #invoke; #encode_ok },
            None => quote! { #invoke; #encode_ok },
        },
        [one] => {
            let id = error_wire_id(ir, *one);
            quote! {
                match #invoke {
                    #ok_pat => #encode_ok,
                    Err(error_) => ::kkrpc_runtime::service::typed_error_frame(call_id_, #ops_mod::#c, #id, &error_),
                }
            }
        }
        many => {
            let en = op_error_enum(service, op);
            let err_arms = many.iter().map(|t| {
                let v = type_name(ir, *t);
                let id = error_wire_id(ir, *t);
                quote! { Err(#en::#v(error_)) => ::kkrpc_runtime::service::typed_error_frame(call_id_, #ops_mod::#c, #id, &error_), }
            });
            quote! {
                match #invoke {
                    #ok_pat => #encode_ok,
                    #(#err_arms)*
                }
            }
        }
    };

    quote! {
        #[doc = #doc]
        #[allow(deprecated)]
        fn #call(&mut self, call_id_: u32, payload_: &[u8]) -> ::std::vec::Vec<u8> {
            let decoded_ = (|| -> ::core::result::Result<_, ::kkrpc_runtime::wire::DecodeError> {
                let mut r_ = ::kkrpc_runtime::wire::Reader::with_limits(payload_, self.limits);
                let body_ = r_.begin_struct()?;
                #(#decode_fields)*
                r_.end_struct(body_)?;
                r_.finish()?;
                Ok((#(#names,)*))
            })();
            #[allow(unused_variables)]
            let (#(#names,)*) = match decoded_ {
                Ok(params_) => params_,
                Err(e_) => return ::kkrpc_runtime::service::decode_error_frame(call_id_, #ops_mod::#c, &e_),
            };
            #answer
        }
    }
}

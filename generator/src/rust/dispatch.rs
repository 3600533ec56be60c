//! The dispatcher of each service: `<Service>Dispatcher<S>` implements
//! `kkrpc_runtime::service::Dispatch`. It checks the frame header, decodes
//! the parameters straight from the frame (top-level `string`/`bytes`/`T[]`
//! borrowed in place), calls the trait, and encodes an ok frame or a typed
//! error frame. Unknown op → system error `unknown_op`; a payload that does
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
        quote! { #ops_mod::#c => self.#call(call_id, payload), }
    });
    let calls = service.ops.iter().map(|op| generate_call(ir, service, op));

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
                let header = match ::kkrpc_runtime::service::check_call_header(frame) {
                    Ok(h) => h,
                    Err(answer) => return answer,
                };
                let (call_id, op_id) = (header.call_id, header.op_id);
                let payload = &frame[::kkrpc_runtime::service::HEADER_LEN..];
                ::kkrpc_runtime::service::catch_trap(call_id, op_id, || match op_id {
                    #(#arms)*
                    _ => ::kkrpc_runtime::service::unknown_op_frame(call_id, op_id),
                })
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
            let #n: #ty = if r.has_more() {
                ::kkrpc_runtime::wire::Decode::decode(&mut r)?
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
        Some(_) => (
            quote! { Ok(value) },
            quote! { ::kkrpc_runtime::service::ok_frame(call_id, #ops_mod::#c, &value) },
        ),
        None => (
            quote! { Ok(()) },
            quote! { ::kkrpc_runtime::service::empty_ok_frame(call_id, #ops_mod::#c) },
        ),
    };
    let answer = match op.throws.as_slice() {
        [] => match &op.result {
            Some(_) => quote! { let value = #invoke; #encode_ok },
            None => quote! { #invoke; #encode_ok },
        },
        [one] => {
            let id = error_wire_id(ir, *one);
            quote! {
                match #invoke {
                    #ok_pat => #encode_ok,
                    Err(error) => ::kkrpc_runtime::service::typed_error_frame(call_id, #ops_mod::#c, #id, &error),
                }
            }
        }
        many => {
            let en = op_error_enum(service, op);
            let err_arms = many.iter().map(|t| {
                let v = type_name(ir, *t);
                let id = error_wire_id(ir, *t);
                quote! { Err(#en::#v(error)) => ::kkrpc_runtime::service::typed_error_frame(call_id, #ops_mod::#c, #id, &error), }
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
        fn #call(&mut self, call_id: u32, payload: &[u8]) -> ::std::vec::Vec<u8> {
            let decoded = (|| -> ::core::result::Result<_, ::kkrpc_runtime::wire::DecodeError> {
                let mut r = ::kkrpc_runtime::wire::Reader::with_limits(payload, self.limits);
                let body = r.begin_struct()?;
                #(#decode_fields)*
                r.end_struct(body)?;
                r.finish()?;
                Ok((#(#names,)*))
            })();
            #[allow(unused_variables)]
            let (#(#names,)*) = match decoded {
                Ok(params) => params,
                Err(e) => return ::kkrpc_runtime::service::decode_error_frame(call_id, #ops_mod::#c, &e),
            };
            #answer
        }
    }
}

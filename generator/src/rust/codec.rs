//! Generated `Encode`/`Decode` impls (docs/wire.md §3) for declared types:
//! structs and errors as length-prefixed bodies read with the evolution rules
//! (missing trailing fields default, unknown trailing bytes are skipped),
//! enums as `u32` values, unions as tag + length + payload, handles as `u32`.

use super::naming;
use kkidl::ir::{Field, Ir, TypeDef, TypeDefKind};
use proc_macro2::TokenStream;
use quote::quote;

/// `impl ::kkrpc_runtime::wire::Encode for Name`.
pub fn encode_impl(_ir: &Ir, td: &TypeDef) -> TokenStream {
    let name = naming::type_ident(&td.name);
    let body = match &td.kind {
        TypeDefKind::Struct(s) => encode_fields(&s.fields),
        TypeDefKind::Error(e) => encode_fields(&e.fields),
        TypeDefKind::Enum(_) => quote!(w.u32(*self as u32);),
        TypeDefKind::Handle => quote!(w.u32(self.0);),
        TypeDefKind::Union(u) => {
            let arms = u.variants.iter().map(|v| {
                let vname = naming::variant_ident(&v.name);
                let tag = proc_macro2::Literal::u32_unsuffixed(v.tag);
                match &v.payload {
                    Some(_) => quote! {
                        Self::#vname(payload) => {
                            let mark = w.begin_union(#tag);
                            ::kkrpc_runtime::wire::Encode::encode(payload, w);
                            w.end_union(mark);
                        }
                    },
                    None => quote!(Self::#vname => w.unit_variant(#tag),),
                }
            });
            quote!(match self { #(#arms)* })
        }
    };
    quote! {
        #[allow(deprecated)]
        impl ::kkrpc_runtime::wire::Encode for #name {
            fn encode(&self, w: &mut ::kkrpc_runtime::wire::Writer) { #body }
        }
    }
}

fn encode_fields(fields: &[Field]) -> TokenStream {
    let writes = fields.iter().map(|f| {
        let fname = naming::field_ident(&f.name);
        quote!(::kkrpc_runtime::wire::Encode::encode(&self.#fname, w);)
    });
    quote! {
        let mark = w.begin_struct();
        #(#writes)*
        w.end_struct(mark);
    }
}

/// `impl<'de> ::kkrpc_runtime::wire::Decode<'de> for Name`.
pub fn decode_impl(_ir: &Ir, td: &TypeDef) -> TokenStream {
    let name = naming::type_ident(&td.name);
    let body = match &td.kind {
        TypeDefKind::Struct(s) => decode_fields(&s.fields),
        TypeDefKind::Error(e) => decode_fields(&e.fields),
        TypeDefKind::Handle => quote!(::std::result::Result::Ok(Self(r.u32()?))),
        TypeDefKind::Enum(en) => {
            let arms = en.variants.iter().map(|v| {
                let vname = naming::variant_ident(&v.name);
                let value = proc_macro2::Literal::u32_unsuffixed(v.value);
                quote!(#value => ::std::result::Result::Ok(Self::#vname),)
            });
            quote! {
                let at = r.pos();
                match r.u32()? {
                    #(#arms)*
                    _ => ::std::result::Result::Err(::kkrpc_runtime::wire::DecodeError::new(
                        ::kkrpc_runtime::wire::DecodeErrorKind::InvalidEnum, at)),
                }
            }
        }
        TypeDefKind::Union(u) => {
            let arms = u.variants.iter().map(|v| {
                let vname = naming::variant_ident(&v.name);
                let tag = proc_macro2::Literal::u32_unsuffixed(v.tag);
                match &v.payload {
                    Some(_) => {
                        quote!(#tag => Self::#vname(::kkrpc_runtime::wire::Decode::decode(r)?),)
                    }
                    None => quote!(#tag => Self::#vname,),
                }
            });
            quote! {
                let (tag, scope) = r.begin_union()?;
                let value = match tag {
                    #(#arms)*
                    _ => return ::std::result::Result::Err(r.unknown_variant()),
                };
                r.end_union(scope)?;
                ::std::result::Result::Ok(value)
            }
        }
    };
    quote! {
        #[allow(deprecated)]
        impl<'de> ::kkrpc_runtime::wire::Decode<'de> for #name {
            fn decode(
                r: &mut ::kkrpc_runtime::wire::Reader<'de>,
            ) -> ::std::result::Result<Self, ::kkrpc_runtime::wire::DecodeError> {
                #body
            }
        }
    }
}

fn decode_fields(fields: &[Field]) -> TokenStream {
    let reads = fields.iter().map(|f| {
        let fname = naming::field_ident(&f.name);
        quote!(#fname: r.field()?,)
    });
    quote! {
        let scope = r.begin_struct()?;
        let value = Self { #(#reads)* };
        r.end_struct(scope)?;
        ::std::result::Result::Ok(value)
    }
}

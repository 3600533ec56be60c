//! Generated Rust types for every declared type of a schema: structs,
//! C-like enums, unions (Rust enums with one-field tuple variants), errors
//! (structs with `Display`/`Error`/`TypedError`) and handles (`u32` newtypes),
//! with their `Encode`/`Decode` impls from [`super::codec`].
//!
//! Rust types of schema types: scalars as themselves, `string` → `String`,
//! `bytes` → `Vec<u8>`, `T[]` → `kkrpc_runtime::wire::Buffer<T>`,
//! `list<T>` → `Vec<T>`, `map<K, V>` → `BTreeMap<K, V>`, `T?` → `Option<T>`,
//! and a field that would contain its own type directly (not through a list
//! or map) is boxed.

use super::codec;
use super::docs::meta_attrs;
use super::naming;
use crate::analysis::Analysis;
use kkidl::ir::{BufferElem, Field, Ir, MapKey, Scalar, TypeDef, TypeDefKind, TypeId, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Options for [`generate_types_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TypesOptions {
    /// Also derive `serde::Serialize`/`Deserialize` on every type (with
    /// `rename` where the Rust name differs from the schema name); the
    /// including crate must depend on `serde` and on `kkrpc-runtime` with its
    /// `serde` feature.
    pub serde: bool,
}

/// Every declared type of `ir` with its codec impls, as items for one module.
pub fn generate_types(ir: &Ir) -> TokenStream {
    generate_types_with(ir, TypesOptions::default())
}

/// [`generate_types`] with options.
pub fn generate_types_with(ir: &Ir, options: TypesOptions) -> TokenStream {
    let analysis = Analysis::new(ir);
    ir.types
        .iter()
        .map(|td| generate_type(&analysis, td, options))
        .collect()
}

/// The Rust type of a field or payload of type `ty` in the declaration
/// `owner`. Fields that hold their owner again inline are boxed
/// ([`Analysis::needs_box`]): `Box<T>`, or `Option<Box<T>>` for an optional.
pub fn field_type(analysis: &Analysis, owner: TypeId, ty: &TypeRef) -> TokenStream {
    let ir = analysis.ir();
    let recursive = analysis.needs_box(owner, ty);
    match ty {
        TypeRef::Optional { inner } if recursive => {
            let inner = plain_type(ir, inner);
            quote!(::std::option::Option<::std::boxed::Box<#inner>>)
        }
        _ if recursive => {
            let inner = plain_type(ir, ty);
            quote!(::std::boxed::Box<#inner>)
        }
        _ => plain_type(ir, ty),
    }
}

/// The Rust type of a use of a schema type, unboxed (parameters, results
/// and everything inside lists, maps and optionals).
pub fn plain_type(ir: &Ir, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Scalar { scalar } => scalar_type(*scalar),
        TypeRef::Buffer { elem } => {
            let e = elem_type(*elem);
            quote!(::kkrpc_runtime::wire::Buffer<#e>)
        }
        TypeRef::List { elem } => {
            let e = plain_type(ir, elem);
            quote!(::std::vec::Vec<#e>)
        }
        TypeRef::Map { key, value } => {
            let k = key_type(*key);
            let v = plain_type(ir, value);
            quote!(::std::collections::BTreeMap<#k, #v>)
        }
        TypeRef::Optional { inner } => {
            let i = plain_type(ir, inner);
            quote!(::std::option::Option<#i>)
        }
        TypeRef::Named { id } => {
            let name = naming::type_ident(&ir.ty(*id).name);
            quote!(#name)
        }
    }
}

fn scalar_type(s: Scalar) -> TokenStream {
    match s {
        Scalar::Bool => quote!(bool),
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::U8 => quote!(u8),
        Scalar::U16 => quote!(u16),
        Scalar::U32 => quote!(u32),
        Scalar::U64 => quote!(u64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::String => quote!(::std::string::String),
        Scalar::Bytes => quote!(::std::vec::Vec<u8>),
    }
}

fn elem_type(e: BufferElem) -> TokenStream {
    let id = format_ident!("{}", e.keyword());
    quote!(#id)
}

fn key_type(k: MapKey) -> TokenStream {
    match k {
        MapKey::String => quote!(::std::string::String),
        MapKey::I32 => quote!(i32),
        MapKey::I64 => quote!(i64),
        MapKey::U32 => quote!(u32),
        MapKey::U64 => quote!(u64),
    }
}

fn serde_derive(options: TypesOptions) -> TokenStream {
    if options.serde {
        quote!(#[derive(::serde::Serialize, ::serde::Deserialize)])
    } else {
        quote!()
    }
}

fn serde_rename(options: TypesOptions, rust: &str, schema: &str) -> TokenStream {
    if options.serde && rust != schema {
        quote!(#[serde(rename = #schema)])
    } else {
        quote!()
    }
}

fn generate_type(analysis: &Analysis, td: &TypeDef, options: TypesOptions) -> TokenStream {
    let ir = analysis.ir();
    let attrs = meta_attrs(&td.meta);
    let name = naming::type_ident(&td.name);
    let serde = serde_derive(options);
    let rename = serde_rename(options, &naming::type_name(&td.name), &td.name);
    let decl = match &td.kind {
        TypeDefKind::Struct(s) => {
            let fields = struct_fields(analysis, td.id, &s.fields, options);
            quote! {
                #attrs
                #[derive(Debug, Clone, PartialEq, Default)]
                #serde #rename
                #[allow(deprecated)]
                pub struct #name { #fields }
            }
        }
        TypeDefKind::Error(e) => {
            let fields = struct_fields(analysis, td.id, &e.fields, options);
            let wire_id = e.wire_id;
            let schema_name = &td.name;
            quote! {
                #attrs
                #[derive(Debug, Clone, PartialEq, Default)]
                #serde #rename
                #[allow(deprecated)]
                pub struct #name { #fields }

                /// Shows the error with its fields.
                #[allow(deprecated)]
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::std::fmt::Debug::fmt(self, f)
                    }
                }

                #[allow(deprecated)]
                impl ::std::error::Error for #name {}

                #[allow(deprecated)]
                impl ::kkrpc_runtime::frame::TypedError for #name {
                    const WIRE_ID: u32 = #wire_id;
                    const NAME: &'static str = #schema_name;
                }
            }
        }
        TypeDefKind::Enum(en) => {
            let default_name = &analysis.enum_default(td.id).name;
            let variants = en.variants.iter().map(|v| {
                let vattrs = meta_attrs(&v.meta);
                let vname = naming::variant_ident(&v.name);
                let vrename = serde_rename(options, &naming::variant_name(&v.name), &v.name);
                let value = proc_macro2::Literal::u32_unsuffixed(v.value);
                let default = (&v.name == default_name).then(|| quote!(#[default]));
                quote!(#vattrs #vrename #default #vname = #value,)
            });
            quote! {
                #attrs
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
                #serde #rename
                #[repr(u32)]
                #[allow(deprecated)]
                pub enum #name { #(#variants)* }
            }
        }
        TypeDefKind::Union(u) => {
            let variants = u.variants.iter().map(|v| {
                let vattrs = meta_attrs(&v.meta);
                let vname = naming::variant_ident(&v.name);
                let vrename = serde_rename(options, &naming::variant_name(&v.name), &v.name);
                match &v.payload {
                    Some(p) => {
                        let ty = field_type(analysis, td.id, p);
                        quote!(#vattrs #vrename #vname(#ty),)
                    }
                    None => quote!(#vattrs #vrename #vname,),
                }
            });
            let default_variant = analysis.union_default(td.id);
            let default_doc = format!(
                " `{}::{}`, the default of docs/wire.md §3.9.",
                naming::type_name(&td.name),
                naming::variant_name(&default_variant.name)
            );
            let default = {
                let vname = naming::variant_ident(&default_variant.name);
                match &default_variant.payload {
                    Some(_) => quote!(Self::#vname(::std::default::Default::default())),
                    None => quote!(Self::#vname),
                }
            };
            quote! {
                #attrs
                #[derive(Debug, Clone, PartialEq)]
                #serde #rename
                // Payloads are kept inline (no boxing) so values match the wire 1:1.
                #[allow(deprecated, clippy::large_enum_variant)]
                pub enum #name { #(#variants)* }

                #[doc = #default_doc]
                #[allow(deprecated)]
                impl ::std::default::Default for #name {
                    fn default() -> Self { #default }
                }
            }
        }
        TypeDefKind::Handle => quote! {
            #attrs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
            #serde #rename
            #[repr(transparent)]
            pub struct #name(pub u32);
        },
    };
    let encode = codec::encode_impl(ir, td);
    let decode = codec::decode_impl(ir, td);
    quote!(#decl #encode #decode)
}

fn struct_fields(
    analysis: &Analysis,
    owner: TypeId,
    fields: &[Field],
    options: TypesOptions,
) -> TokenStream {
    fields
        .iter()
        .map(|f| {
            let attrs = meta_attrs(&f.meta);
            let name = naming::field_ident(&f.name);
            let rename = serde_rename(options, &naming::field_name(&f.name), &f.name);
            let ty = field_type(analysis, owner, &f.ty);
            quote!(#attrs #rename pub #name: #ty,)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// tests/schemas/good/recursive.kkidl: a union that contains itself and a
    /// struct reaching it through an optional.
    #[test]
    fn recursion_is_boxed_and_keywords_escaped() {
        let ir = crate::good_schema_ir("recursive");
        let code = generate_types_with(&ir, TypesOptions { serde: true }).to_string();
        syn::parse_file(&code).expect("generated Rust parses");
        let flat: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let has = |s: &str| flat.contains(s);
        assert!(has("Neg(::std::boxed::Box<Expr>)"), "{code}");
        assert!(
            has("pubr#type:::std::option::Option<::std::boxed::Box<Expr>>"),
            "{code}"
        );
        // Lists are indirection already: no box.
        assert!(has("pubkids:::std::vec::Vec<Node>"), "{code}");
    }
}

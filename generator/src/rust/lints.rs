//! The lints a service's generated items must allow, decided from the
//! schema's shape so that generated code compiles under `-D warnings`
//! (rustc and clippy) without allowing more than it triggers:
//!
//! - `deprecated`: the service, one of its ops or a type its signatures
//!   name is `@deprecated` (the generated code uses them; the user's own
//!   uses still warn);
//! - `clippy::result_large_err`: an op's error type is (about) 128 bytes or
//!   more, clippy's default threshold;
//! - `clippy::type_complexity`: a signature nests three or more of `list`,
//!   `map` and `?`.
//!
//! `clippy::too_many_arguments` is allowed per method by
//! [`super::service::many_params_allow`].

use kkidl::ir::{Ir, Op, Scalar, Service, TypeDefKind, TypeId, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// Clippy's default `large-error-threshold`, in bytes.
const LARGE_ERROR: usize = 128;

/// The `#[allow(...)]` for every top-level item generated for `service`
/// (empty when nothing needs allowing).
pub fn service_allows(ir: &Ir, service: &Service) -> TokenStream {
    let mut lints = Vec::new();
    if uses_deprecated(ir, service) {
        lints.push(quote!(deprecated));
    }
    if service
        .ops
        .iter()
        .any(|op| error_size(ir, op) + 8 >= LARGE_ERROR)
    {
        lints.push(quote!(clippy::result_large_err));
    }
    let nested = |t: &TypeRef| nesting(t) >= 3;
    if service
        .ops
        .iter()
        .any(|op| op.params.iter().any(|p| nested(&p.ty)) || op.result.as_ref().is_some_and(nested))
    {
        lints.push(quote!(clippy::type_complexity));
    }
    if lints.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[allow(#(#lints),*)])
    }
}

/// Whether the service, an op, or a type named in a signature is deprecated.
fn uses_deprecated(ir: &Ir, service: &Service) -> bool {
    fn named_deprecated(ir: &Ir, t: &TypeRef) -> bool {
        match t {
            TypeRef::Named { id } => ir.ty(*id).meta.deprecated.is_some(),
            TypeRef::List { elem } => named_deprecated(ir, elem),
            TypeRef::Map { value, .. } => named_deprecated(ir, value),
            TypeRef::Optional { inner } => named_deprecated(ir, inner),
            TypeRef::Scalar { .. } | TypeRef::Buffer { .. } => false,
        }
    }
    service.meta.deprecated.is_some()
        || service.ops.iter().any(|op| {
            op.meta.deprecated.is_some()
                || op.params.iter().any(|p| named_deprecated(ir, &p.ty))
                || op.result.as_ref().is_some_and(|r| named_deprecated(ir, r))
                || op
                    .throws
                    .iter()
                    .any(|t| ir.ty(*t).meta.deprecated.is_some())
        })
}

/// How many `list`, `map` and `?` a type nests.
fn nesting(t: &TypeRef) -> usize {
    match t {
        TypeRef::List { elem } => 1 + nesting(elem),
        TypeRef::Map { value, .. } => 1 + nesting(value),
        TypeRef::Optional { inner } => 1 + nesting(inner),
        TypeRef::Scalar { .. } | TypeRef::Buffer { .. } | TypeRef::Named { .. } => 0,
    }
}

/// An upper estimate of the size of the op's Rust error type (0 when it
/// throws nothing; an enum of several errors adds a tag).
fn error_size(ir: &Ir, op: &Op) -> usize {
    let sizes = op
        .throws
        .iter()
        .map(|t| size(ir, &TypeRef::Named { id: *t }, &mut Vec::new()));
    match op.throws.len() {
        0 => 0,
        1 => sizes.sum(),
        _ => 8 + sizes.max().unwrap_or(0),
    }
}

/// An upper estimate of the in-memory size of a Rust value of `t` (boxed
/// recursion counts as a pointer).
fn size(ir: &Ir, t: &TypeRef, seen: &mut Vec<TypeId>) -> usize {
    match t {
        TypeRef::Scalar { scalar } => match scalar {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::F32 => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
            Scalar::String | Scalar::Bytes => 24,
        },
        TypeRef::Buffer { .. } => 32,
        TypeRef::List { .. } | TypeRef::Map { .. } => 24,
        TypeRef::Optional { inner } => 8 + size(ir, inner, seen),
        TypeRef::Named { id } => {
            if seen.contains(id) {
                return 8;
            }
            seen.push(*id);
            let n = match &ir.ty(*id).kind {
                TypeDefKind::Struct(s) => s.fields.iter().map(|f| size(ir, &f.ty, seen)).sum(),
                TypeDefKind::Error(e) => e.fields.iter().map(|f| size(ir, &f.ty, seen)).sum(),
                TypeDefKind::Union(u) => {
                    8 + u
                        .variants
                        .iter()
                        .filter_map(|v| v.payload.as_ref())
                        .map(|p| size(ir, p, seen))
                        .max()
                        .unwrap_or(0)
                }
                TypeDefKind::Enum(_) | TypeDefKind::Handle => 4,
            };
            seen.pop();
            n
        }
    }
}

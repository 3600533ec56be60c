//! How two uses of a type compare on the wire: which rule a change of a
//! field's, parameter's, result's or payload's type breaks, and whether two
//! types are encoded alike (docs/wire.md §3).

use super::rules::Rule;
use kkidl::ir::{BufferElem, Ir, MapKey, Scalar, TypeDefKind, TypeId, TypeRef};
use std::cell::RefCell;
use std::collections::HashSet;

/// The two IRs and which old type became which new one.
pub(super) struct Types<'a> {
    /// The old version.
    pub old: &'a Ir,
    /// The new version.
    pub new: &'a Ir,
    /// Per old type (by index), the new type it became, if any.
    pub map: Vec<Option<TypeId>>,
    /// Type pairs being compared by [`Types::same_body`] (a cycle compares equal).
    visiting: RefCell<HashSet<(TypeId, TypeId)>>,
}

impl<'a> Types<'a> {
    /// No type matched yet.
    pub fn new(old: &'a Ir, new: &'a Ir) -> Self {
        Types {
            old,
            new,
            map: vec![None; old.types.len()],
            visiting: RefCell::default(),
        }
    }

    /// The rule a change from `old` to `new` at one place breaks, or `None`
    /// when it is no change there (a matched declared type's own changes are
    /// reported at its declaration).
    pub fn diff(&self, old: &TypeRef, new: &TypeRef) -> Option<Rule> {
        use TypeRef::*;
        match (old, new) {
            (Scalar { scalar: a }, Scalar { scalar: b }) => (a != b).then(|| scalar_diff(*a, *b)),
            (Buffer { elem: a }, Buffer { elem: b }) => (a != b).then_some(Rule::BufferElemChanged),
            (List { elem: a }, List { elem: b }) => self.diff(a, b),
            (Map { key: ka, value: va }, Map { key: kb, value: vb }) if ka == kb => {
                self.diff(va, vb)
            }
            (Map { key: ka, .. }, Map { key: kb, .. }) => Some(scalar_diff(key(*ka), key(*kb))),
            (Optional { inner: a }, Optional { inner: b }) => self.diff(a, b),
            (Optional { .. }, _) => Some(Rule::OptionalMadeRequired),
            (_, Optional { .. }) => Some(Rule::RequiredMadeOptional),
            (Named { id: a }, Named { id: b }) if self.map[a.0 as usize] == Some(*b) => None,
            _ if self.same_encoding(old, new) => Some(Rule::TypeChangedSameEncoding),
            _ => Some(Rule::TypeChanged),
        }
    }

    /// Whether values of `old` and `new` are written with the same bytes.
    pub fn same_encoding(&self, old: &TypeRef, new: &TypeRef) -> bool {
        use TypeRef::*;
        match (old, new) {
            (Scalar { scalar: a }, Scalar { scalar: b }) => a == b,
            (Buffer { elem: a }, Buffer { elem: b }) => a == b,
            (Scalar { scalar: s }, Buffer { elem: e })
            | (Buffer { elem: e }, Scalar { scalar: s }) => {
                *s == kkidl::ir::Scalar::Bytes && *e == BufferElem::U8
            }
            (List { elem: a }, List { elem: b }) => self.same_encoding(a, b),
            (Map { key: ka, value: va }, Map { key: kb, value: vb }) => {
                ka == kb && self.same_encoding(va, vb)
            }
            (Optional { inner: a }, Optional { inner: b }) => self.same_encoding(a, b),
            (Named { id: a }, Named { id: b }) => self.same_body(*a, *b, false),
            (Named { id }, Scalar { scalar }) => {
                matches!(self.old.ty(*id).kind, TypeDefKind::Handle)
                    && *scalar == kkidl::ir::Scalar::U32
            }
            (Scalar { scalar }, Named { id }) => {
                matches!(self.new.ty(*id).kind, TypeDefKind::Handle)
                    && *scalar == kkidl::ir::Scalar::U32
            }
            _ => false,
        }
    }

    /// Whether old type `a` and new type `b` are encoded alike (and, with
    /// `names`, also name their members alike).
    pub fn same_body(&self, a: TypeId, b: TypeId, names: bool) -> bool {
        if !self.visiting.borrow_mut().insert((a, b)) {
            return true;
        }
        let same_refs = |x: &TypeRef, y: &TypeRef| self.same_encoding(x, y);
        let fields = |x: &[kkidl::ir::Field], y: &[kkidl::ir::Field]| {
            x.len() == y.len()
                && x.iter().zip(y).all(|(f, g)| {
                    f.id == g.id && (!names || f.name == g.name) && same_refs(&f.ty, &g.ty)
                })
        };
        use TypeDefKind::*;
        let same = match (&self.old.ty(a).kind, &self.new.ty(b).kind) {
            (Struct(x), Struct(y)) => fields(&x.fields, &y.fields),
            (Error(x), Error(y)) => fields(&x.fields, &y.fields),
            (Enum(x), Enum(y)) => {
                fn values(e: &kkidl::ir::Enum, names: bool) -> Vec<(u32, &str)> {
                    let mut v: Vec<(u32, &str)> = e
                        .variants
                        .iter()
                        .map(|v| (v.value, if names { v.name.as_str() } else { "" }))
                        .collect();
                    v.sort();
                    v
                }
                values(x, names) == values(y, names)
            }
            (Union(x), Union(y)) => {
                let mut vx: Vec<_> = x.variants.iter().collect();
                let mut vy: Vec<_> = y.variants.iter().collect();
                vx.sort_by_key(|v| v.tag);
                vy.sort_by_key(|v| v.tag);
                vx.len() == vy.len()
                    && vx.iter().zip(&vy).all(|(v, w)| {
                        v.tag == w.tag
                            && (!names || v.name == w.name)
                            && match (&v.payload, &w.payload) {
                                (None, None) => true,
                                (Some(p), Some(q)) => same_refs(p, q),
                                _ => false,
                            }
                    })
            }
            (Handle, Handle) => true,
            _ => false,
        };
        self.visiting.borrow_mut().remove(&(a, b));
        same
    }

    /// `ty` as written in a schema of the old (`in_old`) or new version.
    pub fn spell(&self, ty: &TypeRef, in_old: bool) -> String {
        let ir = if in_old { self.old } else { self.new };
        spell(ir, ty)
    }
}

/// `ty` as written in a schema (declared types by their unqualified name).
pub(super) fn spell(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar { scalar } => scalar.keyword().to_string(),
        TypeRef::Buffer { elem } => format!("{}[]", elem.keyword()),
        TypeRef::List { elem } => format!("list<{}>", spell(ir, elem)),
        TypeRef::Map { key: k, value } => {
            format!("map<{}, {}>", key(*k).keyword(), spell(ir, value))
        }
        TypeRef::Optional { inner } => format!("{}?", spell(ir, inner)),
        TypeRef::Named { id } => ir.ty(*id).name.clone(),
    }
}

/// A map key as the scalar it is.
fn key(k: MapKey) -> Scalar {
    match k {
        MapKey::String => Scalar::String,
        MapKey::I32 => Scalar::I32,
        MapKey::I64 => Scalar::I64,
        MapKey::U32 => Scalar::U32,
        MapKey::U64 => Scalar::U64,
    }
}

/// Byte width and signedness of an integer scalar.
fn integer(s: Scalar) -> Option<(u8, bool)> {
    Some(match s {
        Scalar::I8 => (1, true),
        Scalar::I16 => (2, true),
        Scalar::I32 => (4, true),
        Scalar::I64 => (8, true),
        Scalar::U8 => (1, false),
        Scalar::U16 => (2, false),
        Scalar::U32 => (4, false),
        Scalar::U64 => (8, false),
        _ => return None,
    })
}

/// The rule a change between two different scalars breaks.
fn scalar_diff(a: Scalar, b: Scalar) -> Rule {
    match (integer(a), integer(b)) {
        (Some((wa, _)), Some((wb, _))) if wb < wa => Rule::IntegerNarrowed,
        (Some((wa, _)), Some((wb, _))) if wb > wa => Rule::IntegerWidened,
        (Some(_), Some(_)) => Rule::IntegerSignChanged,
        _ => Rule::TypeChanged,
    }
}

//! Facts about a schema's types that every backend needs, computed once over
//! the IR (like wit-bindgen's `Types::analyze`): the default of each union
//! and enum (`docs/wire.md` §3.9), which fields must be boxed or held by
//! pointer because their type contains the owner again, and the wire sizes
//! used for count checks and size bounds.
//!
//! Build it once per generation with [`Analysis::new`] and pass it (or keep
//! it beside the IR) wherever a backend decides a type's shape; never
//! recompute these facts in a backend.
//!
//! # Two containment graphs
//!
//! A *direct* use of a type is one not behind a list, map or optional. The
//! **default graph** has an edge from a struct or error to every named type
//! used directly by one of its fields, and from a union to every named type
//! used directly by one of its payloads: a default value (§3.9) can only
//! contain what this graph reaches. The **inline graph** also follows
//! optionals: it is what an in-memory value holds without an allocation
//! (Rust `Option<T>` is inline; lists and maps are not), so a field whose
//! type reaches its owner in it needs a `Box` (Rust) to have a finite size.
//!
//! # The default of a union (`docs/wire.md` §3.9)
//!
//! A union's default is its first variant, unless that variant's payload can
//! contain the union again in the default graph; then it is the first
//! variant whose payload has the shallowest default ([`Analysis::default_depth`]).
//! Every chosen default is finite: a union leaves its first variant only for
//! one whose default is strictly shallower than the union's, and a
//! struct's default is deeper than each of its fields'.

use kkidl::ir::{EnumVariant, Ir, MapKey, Scalar, TypeDefKind, TypeId, TypeRef, UnionVariant};

/// The shared type facts of one IR. Cheap to query; built by [`Analysis::new`].
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    ir: &'a Ir,
    /// Per type: its default depth, `None` when it has no finite value (E0401).
    depth: Vec<Option<u32>>,
    /// Per union: the index of its default variant (0 for other kinds).
    union_default: Vec<usize>,
    /// `inline[t][u]`: a value of `t` holds a `u` inline (one step or more
    /// in the inline graph).
    inline: Vec<Vec<bool>>,
    /// `direct[t][u]`: `u` is reachable from `t` in one step or more in the
    /// default graph.
    direct: Vec<Vec<bool>>,
}

impl<'a> Analysis<'a> {
    /// Analyzes every type of `ir`. Works on any IR (also one with E0401
    /// types, whose unions then fall back to their first variant); linear in
    /// the number of types times the schema size.
    pub fn new(ir: &'a Ir) -> Self {
        let n = ir.types.len();
        let inline = (0..n)
            .map(|t| reachable(ir, TypeId(t as u32), true))
            .collect();
        let direct: Vec<Vec<bool>> = (0..n)
            .map(|t| reachable(ir, TypeId(t as u32), false))
            .collect();
        let depth = default_depths(ir);
        let union_default = ir
            .types
            .iter()
            .map(|td| match &td.kind {
                TypeDefKind::Union(u) => choose_union_default(td.id, &u.variants, &depth, &direct),
                _ => 0,
            })
            .collect();
        Analysis {
            ir,
            depth,
            union_default,
            inline,
            direct,
        }
    }

    /// The IR this analysis describes.
    pub fn ir(&self) -> &'a Ir {
        self.ir
    }

    /// The variant union `id` defaults to (`docs/wire.md` §3.9). Panics when
    /// `id` is not a union.
    pub fn union_default(&self, id: TypeId) -> &'a UnionVariant {
        match &self.ir.ty(id).kind {
            TypeDefKind::Union(u) => &u.variants[self.union_default[id.0 as usize]],
            _ => panic!(
                "union_default of `{}`, which is not a union",
                self.ir.ty(id).name
            ),
        }
    }

    /// The index in declaration order of [`Analysis::union_default`] (0 for
    /// a type that is not a union).
    pub fn union_default_index(&self, id: TypeId) -> usize {
        self.union_default[id.0 as usize]
    }

    /// The variant enum `id` defaults to: the one whose value is 0, else the
    /// first (`docs/wire.md` §3.9). Panics when `id` is not an enum.
    pub fn enum_default(&self, id: TypeId) -> &'a EnumVariant {
        match &self.ir.ty(id).kind {
            TypeDefKind::Enum(e) => e
                .variants
                .iter()
                .find(|v| v.value == 0)
                .unwrap_or(&e.variants[0]),
            _ => panic!(
                "enum_default of `{}`, which is not an enum",
                self.ir.ty(id).name
            ),
        }
    }

    /// Whether a field (or union payload) of type `ty` in the declaration
    /// `owner` holds `owner` again inline — through named types and
    /// optionals, not through lists or maps. Rust boxes such a field
    /// (`Box<T>`, `Option<Box<T>>`); a language whose structs are values
    /// would use a pointer.
    pub fn needs_box(&self, owner: TypeId, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Optional { inner } => self.needs_box(owner, inner),
            TypeRef::Named { id } => *id == owner || self.inline[id.0 as usize][owner.0 as usize],
            _ => false,
        }
    }

    /// Whether a value of type `id` can hold another value of `id` inline
    /// (see [`Analysis::needs_box`]): the type is on a cycle of the inline graph.
    pub fn is_inline_recursive(&self, id: TypeId) -> bool {
        self.inline[id.0 as usize][id.0 as usize]
    }

    /// Whether a value of `ty` can contain a value of `target` outside any
    /// list, map or optional (the default graph; `ty` itself counts when it
    /// is `target`). A default of `ty` can only contain such types.
    pub fn contains_directly(&self, ty: &TypeRef, target: TypeId) -> bool {
        match ty {
            TypeRef::Named { id } => *id == target || self.direct[id.0 as usize][target.0 as usize],
            _ => false,
        }
    }

    /// How deep the shallowest finite value of type `id` is: 0 for enums and
    /// handles, one more than its deepest field for a struct or error, one
    /// more than its shallowest variant for a union (a variant without
    /// payload, or with a payload that is not a named type, counts 0).
    /// `None` for a type with no finite value (`kkidl` refuses those, E0401).
    pub fn default_depth(&self, id: TypeId) -> Option<u32> {
        self.depth[id.0 as usize]
    }
}

/// The fewest bytes a value of `ty` takes on the wire (`docs/wire.md` §3):
/// the bound a decoder checks an element count against before allocating.
pub fn min_wire_size(ir: &Ir, ty: &TypeRef) -> u32 {
    match ty {
        TypeRef::Scalar {
            scalar: Scalar::String | Scalar::Bytes,
        } => 4,
        TypeRef::Scalar { scalar } => scalar_size(*scalar),
        TypeRef::Buffer { .. } | TypeRef::List { .. } | TypeRef::Map { .. } => 4,
        TypeRef::Optional { .. } => 1,
        TypeRef::Named { id } => match &ir.ty(*id).kind {
            TypeDefKind::Union(_) => 8,
            _ => 4,
        },
    }
}

/// The encoded size of every value of `ty` when it does not depend on the
/// value (fixed-size scalars, enums and handles), else `None`.
pub fn fixed_wire_size(ir: &Ir, ty: &TypeRef) -> Option<u32> {
    match ty {
        TypeRef::Scalar {
            scalar: Scalar::String | Scalar::Bytes,
        } => None,
        TypeRef::Scalar { scalar } => Some(scalar_size(*scalar)),
        TypeRef::Named { id } => match &ir.ty(*id).kind {
            TypeDefKind::Enum(_) | TypeDefKind::Handle => Some(4),
            _ => None,
        },
        _ => None,
    }
}

/// The scalar a map key is encoded as.
pub fn map_key_scalar(key: MapKey) -> Scalar {
    match key {
        MapKey::String => Scalar::String,
        MapKey::I32 => Scalar::I32,
        MapKey::I64 => Scalar::I64,
        MapKey::U32 => Scalar::U32,
        MapKey::U64 => Scalar::U64,
    }
}

/// Size of a fixed-size scalar (`string` and `bytes` count their length prefix).
fn scalar_size(s: Scalar) -> u32 {
    match s {
        Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
        Scalar::I16 | Scalar::U16 => 2,
        Scalar::I32 | Scalar::U32 | Scalar::F32 | Scalar::String | Scalar::Bytes => 4,
        Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
    }
}

/// The named types a use of `ty` steps to: through optionals when `inline`,
/// never through lists or maps.
fn step(ty: &TypeRef, inline: bool) -> Option<TypeId> {
    match ty {
        TypeRef::Named { id } => Some(*id),
        TypeRef::Optional { inner } if inline => step(inner, inline),
        _ => None,
    }
}

/// The named types `id` uses one step away (fields and payloads).
fn successors(ir: &Ir, id: TypeId, inline: bool) -> Vec<TypeId> {
    match &ir.ty(id).kind {
        TypeDefKind::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| step(&f.ty, inline))
            .collect(),
        TypeDefKind::Error(e) => e
            .fields
            .iter()
            .filter_map(|f| step(&f.ty, inline))
            .collect(),
        TypeDefKind::Union(u) => u
            .variants
            .iter()
            .filter_map(|v| v.payload.as_ref().and_then(|p| step(p, inline)))
            .collect(),
        TypeDefKind::Enum(_) | TypeDefKind::Handle => vec![],
    }
}

/// Which types are reachable from `start` in one step or more.
fn reachable(ir: &Ir, start: TypeId, inline: bool) -> Vec<bool> {
    let mut seen = vec![false; ir.types.len()];
    let mut stack = successors(ir, start, inline);
    while let Some(t) = stack.pop() {
        if !std::mem::replace(&mut seen[t.0 as usize], true) {
            stack.extend(successors(ir, t, inline));
        }
    }
    seen
}

/// The default depth of every type (see [`Analysis::default_depth`]): the
/// least fixed point, found by rounds until nothing changes (at most one
/// round per type, as each round settles at least one more type).
fn default_depths(ir: &Ir) -> Vec<Option<u32>> {
    let mut depth: Vec<Option<u32>> = vec![None; ir.types.len()];
    loop {
        let mut changed = false;
        for td in &ir.types {
            if depth[td.id.0 as usize].is_some() {
                continue;
            }
            let of = |ty: &TypeRef| match step(ty, false) {
                Some(id) => depth[id.0 as usize],
                None => Some(0),
            };
            let new = match &td.kind {
                TypeDefKind::Enum(_) | TypeDefKind::Handle => Some(0),
                TypeDefKind::Struct(s) => s
                    .fields
                    .iter()
                    .map(|f| of(&f.ty))
                    .try_fold(0, |m, d| d.map(|d| m.max(d)))
                    .map(|d| d + 1),
                TypeDefKind::Error(e) => e
                    .fields
                    .iter()
                    .map(|f| of(&f.ty))
                    .try_fold(0, |m, d| d.map(|d| m.max(d)))
                    .map(|d| d + 1),
                TypeDefKind::Union(u) => u
                    .variants
                    .iter()
                    .filter_map(|v| v.payload.as_ref().map_or(Some(0), of))
                    .min()
                    .map(|d| d + 1),
            };
            if new.is_some() {
                depth[td.id.0 as usize] = new;
                changed = true;
            }
        }
        if !changed {
            return depth;
        }
    }
}

/// The default variant of union `id` (module docs, "The default of a union").
fn choose_union_default(
    id: TypeId,
    variants: &[UnionVariant],
    depth: &[Option<u32>],
    direct: &[Vec<bool>],
) -> usize {
    let payload_depth = |v: &UnionVariant| match v.payload.as_ref().and_then(|p| step(p, false)) {
        Some(t) => depth[t.0 as usize],
        None => Some(0),
    };
    let loops_back = |v: &UnionVariant| match v.payload.as_ref().and_then(|p| step(p, false)) {
        Some(t) => t == id || direct[t.0 as usize][id.0 as usize],
        None => false,
    };
    let Some(first) = variants.first() else {
        return 0;
    };
    if !loops_back(first) {
        return 0;
    }
    let shallowest = variants.iter().filter_map(payload_depth).min();
    variants
        .iter()
        .position(|v| shallowest.is_some() && payload_depth(v) == shallowest)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ir_of(src: &str) -> Ir {
        let dir = std::env::temp_dir().join(format!("kkgen-analysis-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{:x}.kkidl", kkidl::ir::hash_id(src)));
        std::fs::write(&path, src).unwrap();
        kkidl::compile(&[&path], &[] as &[&std::path::Path])
            .unwrap_or_else(|e| panic!("{e}"))
            .ir
    }

    fn id(ir: &Ir, name: &str) -> TypeId {
        ir.types.iter().find(|t| t.name == name).unwrap().id
    }

    #[test]
    fn a_union_whose_first_variant_loops_back_takes_its_shallowest() {
        let ir = ir_of(
            "package t.v1;\nunion Expr { Add(Pair), Lit(i64) }\nstruct Pair { l: Expr, r: Expr }\n",
        );
        let a = Analysis::new(&ir);
        assert_eq!(a.union_default(id(&ir, "Expr")).name, "Lit");
        assert_eq!(a.default_depth(id(&ir, "Expr")), Some(1));
        assert_eq!(a.default_depth(id(&ir, "Pair")), Some(2));
        assert!(a.needs_box(
            id(&ir, "Pair"),
            &TypeRef::Named {
                id: id(&ir, "Expr")
            }
        ));
    }

    #[test]
    fn a_union_keeps_its_first_variant_when_it_cannot_loop_back() {
        let ir = ir_of("package t.v1;\nunion Shape { Dot(Point), Circle(f64) }\nstruct Point { x: Inner }\nstruct Inner { y: f64 }\n");
        let a = Analysis::new(&ir);
        assert_eq!(a.union_default(id(&ir, "Shape")).name, "Dot");
        assert!(!a.needs_box(
            id(&ir, "Shape"),
            &TypeRef::Named {
                id: id(&ir, "Point")
            }
        ));
    }

    #[test]
    fn mutually_recursive_unions_get_finite_defaults() {
        let ir = ir_of("package t.v1;\nunion A { X(V), Y(i32) }\nunion V { P(A) }\nunion B { Q(B2) }\nunion B2 { R(B), S }\n");
        let a = Analysis::new(&ir);
        assert_eq!(a.union_default(id(&ir, "A")).name, "Y");
        assert_eq!(a.union_default(id(&ir, "V")).name, "P");
        assert_eq!(a.union_default(id(&ir, "B")).name, "Q");
        assert_eq!(a.union_default(id(&ir, "B2")).name, "S");
    }

    #[test]
    fn optionals_need_a_box_but_lists_do_not() {
        let ir = ir_of("package t.v1;\nstruct Node { next: Node?, kids: list<Node> }\nenum E { A = 3, B = 0 }\n");
        let a = Analysis::new(&ir);
        let node = id(&ir, "Node");
        let TypeDefKind::Struct(s) = &ir.ty(node).kind else {
            unreachable!()
        };
        assert!(a.needs_box(node, &s.fields[0].ty));
        assert!(!a.needs_box(node, &s.fields[1].ty));
        assert!(a.is_inline_recursive(node));
        assert!(!a.contains_directly(&s.fields[0].ty, node));
        assert_eq!(a.enum_default(id(&ir, "E")).name, "B");
        assert_eq!(min_wire_size(&ir, &TypeRef::Named { id: node }), 4);
        assert_eq!(
            fixed_wire_size(&ir, &TypeRef::Named { id: id(&ir, "E") }),
            Some(4)
        );
    }
}

//! Finite values (docs/kkidl.md §6.12, E0401): every type must have a finite
//! value; a type with none is reported with its cycle, or with the way to a
//! type on a cycle when it only needs one.

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use std::collections::HashMap;

impl Checker<'_> {
    /// Reports types that have no finite value: a struct that needs itself
    /// (through required fields only), or a union whose every variant does.
    pub(super) fn check_finite(&mut self, ir: &Ir) {
        let n = ir.types.len();
        let mut finite = vec![false; n];
        loop {
            let mut changed = false;
            for t in &ir.types {
                if finite[t.id.0 as usize] {
                    continue;
                }
                let ok = match &t.kind {
                    TypeDefKind::Struct(s) => s.fields.iter().all(|f| ref_finite(&f.ty, &finite)),
                    TypeDefKind::Error(e) => e.fields.iter().all(|f| ref_finite(&f.ty, &finite)),
                    TypeDefKind::Union(u) => {
                        u.variants.is_empty()
                            || u.variants
                                .iter()
                                .any(|v| v.payload.as_ref().is_none_or(|p| ref_finite(p, &finite)))
                    }
                    TypeDefKind::Enum(_) | TypeDefKind::Handle => true,
                };
                if ok {
                    finite[t.id.0 as usize] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for t in &ir.types {
            if finite[t.id.0 as usize] {
                continue;
            }
            let span = self.decl_span(t.id);
            // A type on a cycle is reported with its cycle; one that only needs
            // such a type (docs/kkidl.md §6.12) with the way to it.
            let diag = match cycle_path(ir, t.id, &finite) {
                Some(path) => Diagnostic::new("E0401", format!("recursive type `{}` has no finite value", t.name), span, "contains itself without indirection")
                    .with_help(format!(
                        "{path}; make the recursion optional (`T?`), a `list<T>`, a `map<K, T>`, or add a union variant without it"
                    )),
                None => {
                    let (path, on_cycle) = path_to_cycle(ir, t.id, &finite);
                    let cyclic = &ir.ty(on_cycle).name;
                    Diagnostic::new("E0401", format!("type `{}` has no finite value", t.name), span, format!("requires a `{cyclic}`, which has none"))
                        .with_help(format!("{path}; make that field optional (`T?`) or give `{cyclic}` a finite value"))
                }
            };
            self.diags.push(diag);
        }
    }
}

/// The edges of `t` that need a value of another type with no finite value:
/// (`.field` or `::Variant`, that type).
fn infinite_edges(ir: &Ir, t: TypeId, finite: &[bool]) -> Vec<(String, TypeId)> {
    let named = |ty: &TypeRef| match ty {
        TypeRef::Named { id } if !finite[id.0 as usize] => Some(*id),
        _ => None,
    };
    match &ir.ty(t).kind {
        TypeDefKind::Struct(Struct { fields }) | TypeDefKind::Error(ErrorDef { fields, .. }) => {
            fields
                .iter()
                .filter_map(|f| named(&f.ty).map(|id| (format!(".{}", f.name), id)))
                .collect()
        }
        TypeDefKind::Union(u) => u
            .variants
            .iter()
            .filter_map(|v| {
                v.payload
                    .as_ref()
                    .and_then(named)
                    .map(|id| (format!("::{}", v.name), id))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The shortest way from `start` back to itself through [`infinite_edges`],
/// written `A.field → B::Variant → A`; `None` when `start` is on no cycle.
fn cycle_path(ir: &Ir, start: TypeId, finite: &[bool]) -> Option<String> {
    let mut came_from: HashMap<TypeId, (TypeId, String)> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(cur) = queue.pop_front() {
        for (step, next) in infinite_edges(ir, cur, finite) {
            if next == start {
                return Some(format!(
                    "{}{step} → {}",
                    path_from(ir, &came_from, start, cur),
                    ir.ty(start).name
                ));
            }
            if next != start && !came_from.contains_key(&next) {
                came_from.insert(next, (cur, step));
                queue.push_back(next);
            }
        }
    }
    None
}

/// The way a breadth-first search took from `start` to `end`, written
/// `Start.field → B::Variant → End`, from each type's `(previous, step)`.
fn path_from(
    ir: &Ir,
    came_from: &HashMap<TypeId, (TypeId, String)>,
    start: TypeId,
    end: TypeId,
) -> String {
    let mut steps = Vec::new();
    let mut at = end;
    while at != start {
        let (prev, step) = &came_from[&at];
        steps.push(format!("{step} → {}", ir.ty(at).name));
        at = *prev;
    }
    steps.reverse();
    format!("{}{}", ir.ty(start).name, steps.concat())
}

/// The shortest way from `start` (a type with no finite value on no cycle)
/// to a type on a cycle through [`infinite_edges`], written `A.field → B`,
/// and that type.
fn path_to_cycle(ir: &Ir, start: TypeId, finite: &[bool]) -> (String, TypeId) {
    let mut came_from: HashMap<TypeId, (TypeId, String)> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(cur) = queue.pop_front() {
        if cur != start && cycle_path(ir, cur, finite).is_some() {
            return (path_from(ir, &came_from, start, cur), cur);
        }
        for (step, next) in infinite_edges(ir, cur, finite) {
            if next != start && !came_from.contains_key(&next) {
                came_from.insert(next, (cur, step));
                queue.push_back(next);
            }
        }
    }
    // Every type with no finite value needs one on a cycle; this is not reached.
    (ir.ty(start).name.clone(), start)
}

fn ref_finite(t: &TypeRef, finite: &[bool]) -> bool {
    match t {
        TypeRef::Named { id } => finite[id.0 as usize],
        _ => true,
    }
}

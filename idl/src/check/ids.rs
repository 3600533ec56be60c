//! Ids (docs/kkidl.md §6.11): the scope that finds an id given twice among
//! fields, tags, enum values or ops, and the schema-wide uniqueness of error
//! wire ids (E0305).

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::source::Span;
use std::collections::HashMap;

impl Checker<'_> {
    /// Error wire ids are unique across the whole schema.
    pub(super) fn check_error_ids(&mut self, ir: &Ir) {
        let mut seen: HashMap<u32, &TypeDef> = HashMap::new();
        for t in &ir.types {
            let TypeDefKind::Error(e) = &t.kind else {
                continue;
            };
            if let Some(first) = seen.get(&e.wire_id) {
                let span = self.decl_span(t.id);
                let first_span = self.decl_span(first.id);
                self.diags.push(
                    Diagnostic::new(
                        "E0305",
                        format!(
                            "error wire id {} is used by `{}` and `{}`",
                            e.wire_id,
                            first.qualified_name(),
                            t.qualified_name()
                        ),
                        span,
                        "second error with this id",
                    )
                    .with_secondary(first_span, "first error with this id")
                    .with_help("error ids are unique in a schema; pin one with `@id(N)`"),
                );
            } else {
                seen.insert(e.wire_id, t);
            }
        }
    }
}

/// The ids (field ids, tags, enum values, op ids) given so far in one scope.
#[derive(Default)]
pub(super) struct IdScope<'n> {
    seen: Vec<(u32, Span, &'n str)>,
}

impl<'n> IdScope<'n> {
    /// Records `id` for `name` at `span`; returns where and by whom it was first taken, if it was.
    pub(super) fn add(&mut self, id: u32, span: Span, name: &'n str) -> Option<(Span, &'n str)> {
        let first = self
            .seen
            .iter()
            .find(|(x, _, _)| *x == id)
            .map(|(_, s, n)| (*s, *n));
        self.seen.push((id, span, name));
        first
    }

    /// Whether some id was already given to `name`.
    pub(super) fn has_name(&self, name: &str) -> bool {
        self.seen.iter().any(|(_, _, n)| *n == name)
    }
}

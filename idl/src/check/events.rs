//! Events: `event name: Type;` in a service and `emits a, b` on its ops
//! (docs/kkidl.md §6.13) — event names (snake_case, unique, E0203/E0601/E0602;
//! not named like an op, E0802; not a reserved name, E0803), the names after
//! `emits` (known, E0801; listed once, E0203) and the rule that an emitting
//! op's result is the event's value (E0804).

use super::{Checker, Pos};
use crate::annotations::{self, Site};
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::fmt::type_expr;
use crate::ir::{Event, TypeRef};
use crate::names::{case_mismatch, closest, spellings, Case};
use crate::source::{SourceId, Span};

/// Event names whose TypeScript spelling (lowerCamelCase, the datastar
/// signal name) is a member of `Object.prototype`: a signal object with such a
/// key shadows that member.
pub const RESERVED_EVENT_NAMES: &[&str] = &[
    "constructor",
    "has_own_property",
    "is_prototype_of",
    "property_is_enumerable",
    "to_locale_string",
    "to_string",
    "value_of",
];

/// An event lowered to the IR, with what its checks need from the source.
pub(super) struct LoweredEvent<'a> {
    /// The IR form.
    pub ir: Event,
    /// The source form (name and type spans).
    pub ast: &'a ast::Event,
    /// Its type resolved without errors (so E0804 compares real types).
    pub resolved: bool,
}

impl Checker<'_> {
    /// Lowers the events of a service and checks their names.
    pub(super) fn lower_events<'e>(
        &mut self,
        file: SourceId,
        d: &ast::Decl,
        members: &'e [ast::ServiceMember],
        scope: &str,
    ) -> Vec<LoweredEvent<'e>> {
        let events: Vec<&ast::Event> = ast::events(members).collect();
        for e in &events {
            self.name_case(&e.name, Case::Snake, "event");
        }
        self.unique_members("event", scope, events.iter().map(|e| &e.name));
        for e in &events {
            self.event_not_reserved(e);
            self.event_not_named_like_op(d, members, e, scope);
        }
        events
            .into_iter()
            .map(|e| {
                let ann = annotations::read(&e.prefix, Site::Event, &mut self.diags);
                let before = self.diags.len();
                let ty = self.resolve(file, &e.ty, Pos::Top);
                LoweredEvent {
                    ir: Event {
                        name: e.name.text.clone(),
                        ty,
                        meta: ann.meta,
                    },
                    ast: e,
                    resolved: self.diags.len() == before,
                }
            })
            .collect()
    }

    fn event_not_reserved(&mut self, e: &ast::Event) {
        if RESERVED_EVENT_NAMES.contains(&e.name.text.as_str()) {
            let ts = &spellings(&e.name.text)[1];
            self.diags.push(
                Diagnostic::new(
                    "E0803",
                    format!("event name `{}` is reserved", e.name.text),
                    e.name.span,
                    format!("its signal would be `{ts}`"),
                )
                .with_help(format!(
                    "an event is pushed as the datastar signal `{ts}`, a member of every JavaScript object; rename the event"
                )),
            );
        }
    }

    /// Ops and events of one service share one namespace.
    fn event_not_named_like_op(
        &mut self,
        d: &ast::Decl,
        members: &[ast::ServiceMember],
        e: &ast::Event,
        scope: &str,
    ) {
        if case_mismatch(&e.name.text, Case::Snake).is_some() {
            return; // reported as E0602; its fix decides whether it collides
        }
        let ev = spellings(&e.name.text);
        let Some(op) = ast::ops(members).find(|o| {
            case_mismatch(&o.name.text, Case::Snake).is_none()
                && spellings(&o.name.text)
                    .iter()
                    .zip(ev.iter())
                    .any(|(a, b)| a == b)
        }) else {
            return;
        };
        let how = if op.name.text == e.name.text {
            format!("event `{}` has the name of an op of {scope}", e.name.text)
        } else {
            format!(
                "event `{}` collides with op `{}` after case conversion",
                e.name.text, op.name.text
            )
        };
        self.diags.push(
            Diagnostic::new("E0802", how, e.name.span, "event declared here")
                .with_secondary(op.name.span, "op declared here")
                .with_help(format!(
                    "ops and events of service `{}` share one namespace (`emits` names events, routes and clients name ops); name the event after what happened, e.g. `{}_changed`",
                    d.name.text, e.name.text
                )),
        );
    }

    /// The indexes of the events `o` emits, checking each name and type.
    pub(super) fn lower_emits(
        &mut self,
        o: &ast::Op,
        result: Option<&TypeRef>,
        result_resolved: bool,
        events: &[LoweredEvent<'_>],
        scope: &str,
    ) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut listed: Vec<(u32, Span)> = Vec::new();
        for name in &o.emits {
            let Some(index) = events.iter().position(|e| e.ir.name == name.text) else {
                self.unknown_event(name, events, scope);
                continue;
            };
            let index = index as u32;
            if let Some((_, first)) = listed.iter().find(|(i, _)| *i == index) {
                self.listed_twice(name, *first, "emits", "list each event once");
                continue;
            }
            listed.push((index, name.span));
            out.push(index);
            let event = &events[index as usize];
            self.emitted_type_matches(o, result, result_resolved, name, event);
        }
        out
    }

    fn unknown_event(&mut self, name: &ast::Ident, events: &[LoweredEvent<'_>], scope: &str) {
        let help = match closest(&name.text, events.iter().map(|e| e.ir.name.as_str())) {
            Some(s) => format!("did you mean `{s}`?"),
            None if events.is_empty() => format!(
                "{scope} declares no events; declare it in the service: `event {}: Type;`",
                name.text
            ),
            None => {
                let known: Vec<String> =
                    events.iter().map(|e| format!("`{}`", e.ir.name)).collect();
                format!(
                    "{scope} declares {}; declare this one with `event {}: Type;`",
                    known.join(", "),
                    name.text
                )
            }
        };
        self.diags.push(
            Diagnostic::new(
                "E0801",
                format!("cannot find event `{}` in {scope}", name.text),
                name.span,
                "not declared",
            )
            .with_help(help),
        );
    }

    /// E0804: the event's value is the op's result, so their types are equal.
    fn emitted_type_matches(
        &mut self,
        o: &ast::Op,
        result: Option<&TypeRef>,
        result_resolved: bool,
        name: &ast::Ident,
        event: &LoweredEvent<'_>,
    ) {
        if !event.resolved || !result_resolved || result == Some(&event.ir.ty) {
            return;
        }
        let carries = type_expr(&event.ast.ty);
        let diag = match &o.result {
            None => Diagnostic::new(
                "E0804",
                format!(
                    "op `{}` returns nothing, so it cannot emit `{}`",
                    o.name.text, name.text
                ),
                name.span,
                "emitted here",
            )
            .with_secondary(event.ast.ty.span, format!("`{}` carries a `{carries}`", name.text))
            .with_help(format!(
                "an event's value is the result of the op that emits it: give `{}` the result `-> {carries}`, or emit another event",
                o.name.text
            )),
            Some(r) => {
                let returns = type_expr(r);
                Diagnostic::new(
                    "E0804",
                    format!(
                        "op `{}` returns `{returns}`, but event `{}` carries `{carries}`",
                        o.name.text, name.text
                    ),
                    name.span,
                    "emitted here",
                )
                .with_secondary(r.span, format!("the op returns `{returns}`"))
                .with_secondary(event.ast.ty.span, format!("`{}` carries `{carries}`", name.text))
                .with_help("an event's value is the result of the op that emits it: make the types equal, or declare an event of the op's result type")
            }
        };
        self.diags.push(diag);
    }
}

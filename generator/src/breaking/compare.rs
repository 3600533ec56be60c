//! The comparison of two checked versions: declarations are matched (by
//! qualified name, then by unqualified name across a package rename, then
//! errors by wire id, then renamed types by identical bodies), and every
//! pair is compared member by member against the rules of [`super::rules`].
//! Members are matched by name first, then by wire id (a rename).

use super::rules::Rule;
use super::sites::{Location, Site};
use super::types::Types;
use super::version::Version;
use super::Change;
use kkidl::ir::{Field, Op, Service, TypeDefKind, TypeId, TypeRef};
use std::collections::{BTreeSet, HashMap};

/// Every breaking change from `old` to `new`, sorted by new location, then old.
pub fn compare(old: &Version, new: &Version) -> Vec<Change> {
    let mut cx = Compare {
        old,
        new,
        types: Types::new(&old.ir, &new.ir),
        out: Vec::new(),
        packages: BTreeSet::new(),
    };
    cx.match_types();
    cx.types_compared();
    cx.services();
    for (from, to) in std::mem::take(&mut cx.packages) {
        cx.report(
            Rule::PackageRenamed,
            Some(Site::Package(from.clone())),
            Some(Site::Package(to.clone())),
            format!("package \"{from}\" was renamed to \"{to}\""),
        );
    }
    let mut out = cx.out;
    out.sort_by(|a, b| {
        (&a.new, &a.old, a.rule.id(), &a.message).cmp(&(&b.new, &b.old, b.rule.id(), &b.message))
    });
    out.dedup();
    out
}

/// One comparison in progress.
struct Compare<'a> {
    old: &'a Version,
    new: &'a Version,
    types: Types<'a>,
    out: Vec<Change>,
    /// (old, new) package names of matched declarations whose package differs.
    packages: BTreeSet<(String, String)>,
}

/// A list of fields or parameters, and how to name its members.
struct Members<'a> {
    fields: &'a [Field],
    /// The site of a member, by name.
    site: &'a dyn Fn(&str) -> Site,
}

/// What a list of [`Members`] holds: struct or error fields, or op parameters.
#[derive(Clone, Copy)]
enum MemberKind {
    Field,
    Param,
}

impl<'a> Compare<'a> {
    /// Records one change at `old` and `new` (each where it is written).
    fn report(&mut self, rule: Rule, old: Option<Site>, new: Option<Site>, message: String) {
        let at =
            |v: &Version, s: Option<Site>| -> Option<Location> { s.and_then(|s| v.sites.get(&s)) };
        self.out.push(Change {
            rule,
            message,
            old: at(self.old, old),
            new: at(self.new, new),
        });
    }

    /// Fills [`Types::map`].
    fn match_types(&mut self) {
        let (old, new) = (&self.old.ir, &self.new.ir);
        let mut taken = vec![false; new.types.len()];
        let by_name: HashMap<String, TypeId> = new
            .types
            .iter()
            .map(|t| (t.qualified_name(), t.id))
            .collect();
        let map = &mut self.types.map;
        for t in &old.types {
            if let Some(&n) = by_name.get(&t.qualified_name()) {
                map[t.id.0 as usize] = Some(n);
                taken[n.0 as usize] = true;
            }
        }
        // The same unqualified name, when that is unique (a package rename);
        // then an error with the same wire id (a pinned rename).
        type Same = dyn Fn(&kkidl::ir::TypeDef, &kkidl::ir::TypeDef) -> bool;
        let passes: [&Same; 2] = [&|o, n| o.name == n.name, &|o, n| match (&o.kind, &n.kind) {
            (TypeDefKind::Error(a), TypeDefKind::Error(b)) => a.wire_id == b.wire_id,
            _ => false,
        }];
        for same in passes {
            for t in &old.types {
                if map[t.id.0 as usize].is_some() {
                    continue;
                }
                let candidates: Vec<TypeId> = new
                    .types
                    .iter()
                    .filter(|n| !taken[n.id.0 as usize] && same(t, n))
                    .map(|n| n.id)
                    .collect();
                if let [n] = candidates[..] {
                    map[t.id.0 as usize] = Some(n);
                    taken[n.0 as usize] = true;
                }
            }
        }
        // A rename: the only unmatched type with an identical body, both ways.
        let unmatched_old: Vec<TypeId> = old
            .types
            .iter()
            .map(|t| t.id)
            .filter(|t| self.types.map[t.0 as usize].is_none())
            .collect();
        let unmatched_new: Vec<TypeId> = new
            .types
            .iter()
            .map(|t| t.id)
            .filter(|t| !taken[t.0 as usize])
            .collect();
        let mut pairs = Vec::new();
        for &o in &unmatched_old {
            let fits: Vec<TypeId> = unmatched_new
                .iter()
                .copied()
                .filter(|&n| self.types.same_body(o, n, true))
                .collect();
            if let [n] = fits[..] {
                let rivals = unmatched_old
                    .iter()
                    .filter(|&&p| self.types.same_body(p, n, true))
                    .count();
                if rivals == 1 {
                    pairs.push((o, n));
                }
            }
        }
        for (o, n) in pairs {
            self.types.map[o.0 as usize] = Some(n);
        }
    }

    /// Compares every matched type pair and reports the removed types.
    fn types_compared(&mut self) {
        for t in &self.old.ir.types {
            let q = t.qualified_name();
            match self.types.map[t.id.0 as usize] {
                None => self.report(
                    Rule::TypeRemoved,
                    Some(Site::Decl(q)),
                    None,
                    format!("{} \"{}\" was removed", keyword(&t.kind), t.name),
                ),
                Some(n) => self.type_pair(t.id, n),
            }
        }
    }

    /// Compares one old type with the new type it became.
    fn type_pair(&mut self, a: TypeId, b: TypeId) {
        let (o, n) = (self.old.ir.ty(a), self.new.ir.ty(b));
        let (qo, qn) = (o.qualified_name(), n.qualified_name());
        if o.package != n.package {
            self.packages.insert((o.package.clone(), n.package.clone()));
        }
        let (so, sn) = (Some(Site::Decl(qo.clone())), Some(Site::Decl(qn.clone())));
        if o.name != n.name {
            self.report(
                Rule::TypeRenamed,
                so.clone(),
                sn.clone(),
                format!(
                    "{} \"{}\" was renamed to \"{}\"",
                    keyword(&o.kind),
                    o.name,
                    n.name
                ),
            );
        }
        let member_old = |m: &str| Site::Member(qo.clone(), m.to_string());
        let member_new = |m: &str| Site::Member(qn.clone(), m.to_string());
        use TypeDefKind::*;
        match (&o.kind, &n.kind) {
            (Struct(x), Struct(y)) => self.members(
                MemberKind::Field,
                &n.name,
                Members {
                    fields: &x.fields,
                    site: &member_old,
                },
                Members {
                    fields: &y.fields,
                    site: &member_new,
                },
            ),
            (Error(x), Error(y)) => {
                if x.wire_id != y.wire_id {
                    self.report(
                        Rule::ErrorIdChanged,
                        so,
                        sn,
                        format!(
                            "error \"{}\" changed wire id from {} to {}; old clients get unknown_error for it",
                            n.name, x.wire_id, y.wire_id
                        ),
                    );
                }
                self.members(
                    MemberKind::Field,
                    &n.name,
                    Members {
                        fields: &x.fields,
                        site: &member_old,
                    },
                    Members {
                        fields: &y.fields,
                        site: &member_new,
                    },
                );
            }
            (Enum(x), Enum(y)) => {
                for v in &x.variants {
                    let at_old = Some(member_old(&v.name));
                    if let Some(w) = y.variants.iter().find(|w| w.name == v.name) {
                        if w.value != v.value {
                            self.report(
                                Rule::EnumValueChanged,
                                at_old,
                                Some(member_new(&w.name)),
                                format!(
                                    "enum value \"{}.{}\" changed from {} to {}",
                                    n.name, v.name, v.value, w.value
                                ),
                            );
                        }
                    } else if let Some(w) = y.variants.iter().find(|w| {
                        w.value == v.value && !x.variants.iter().any(|u| u.name == w.name)
                    }) {
                        self.report(
                            Rule::EnumValueRenamed,
                            at_old,
                            Some(member_new(&w.name)),
                            format!(
                                "enum value \"{}.{}\" ({}) was renamed to \"{}\"",
                                n.name, v.name, v.value, w.name
                            ),
                        );
                    } else {
                        self.report(
                            Rule::EnumValueRemoved,
                            at_old,
                            None,
                            format!(
                                "enum value \"{}.{}\" ({}) was removed; new readers reject it with invalid_enum",
                                n.name, v.name, v.value
                            ),
                        );
                    }
                }
            }
            (Union(x), Union(y)) => {
                for v in &x.variants {
                    let at_old = Some(member_old(&v.name));
                    let same_name = y.variants.iter().find(|w| w.name == v.name);
                    let renamed = || {
                        y.variants.iter().find(|w| {
                            w.tag == v.tag && !x.variants.iter().any(|u| u.name == w.name)
                        })
                    };
                    let Some(w) = same_name.or_else(renamed) else {
                        self.report(
                            Rule::UnionVariantRemoved,
                            at_old,
                            None,
                            format!(
                                "union variant \"{}.{}\" (tag {}) was removed; new readers reject it with unknown_variant",
                                n.name, v.name, v.tag
                            ),
                        );
                        continue;
                    };
                    let at_new = Some(member_new(&w.name));
                    if w.name != v.name {
                        self.report(
                            Rule::UnionVariantRenamed,
                            at_old.clone(),
                            at_new.clone(),
                            format!(
                                "union variant \"{}.{}\" (tag {}) was renamed to \"{}\"",
                                n.name, v.name, v.tag, w.name
                            ),
                        );
                    } else if w.tag != v.tag {
                        self.report(
                            Rule::UnionTagChanged,
                            at_old.clone(),
                            at_new.clone(),
                            format!(
                                "union variant \"{}.{}\" changed tag from {} to {}",
                                n.name, v.name, v.tag, w.tag
                            ),
                        );
                    }
                    let label = format!("payload of union variant \"{}.{}\"", n.name, w.name);
                    self.payload(
                        &label,
                        v.payload.as_ref(),
                        w.payload.as_ref(),
                        at_old,
                        at_new,
                    );
                }
            }
            (Handle, Handle) => {}
            (k, l) => self.report(
                Rule::TypeKindChanged,
                so,
                sn,
                format!(
                    "type \"{}\" changed from {} to {}",
                    n.name,
                    keyword(k),
                    keyword(l)
                ),
            ),
        }
    }

    /// Compares a union variant's payloads (either may be absent).
    fn payload(
        &mut self,
        label: &str,
        old: Option<&TypeRef>,
        new: Option<&TypeRef>,
        at_old: Option<Site>,
        at_new: Option<Site>,
    ) {
        let spelled = |t: Option<&TypeRef>, in_old| {
            t.map_or_else(|| "no payload".to_string(), |t| self.types.spell(t, in_old))
        };
        let rule = match (old, new) {
            (None, None) => None,
            (Some(a), Some(b)) => self.types.diff(a, b),
            _ => Some(Rule::TypeChanged),
        };
        if let Some(rule) = rule {
            let message = format!(
                "{label} changed from {} to {}",
                spelled(old, true),
                spelled(new, false)
            );
            self.report(rule, at_old, at_new, message);
        }
    }

    /// Compares a use of a type at one place.
    fn retyped(
        &mut self,
        label: &str,
        old: &TypeRef,
        new: &TypeRef,
        at_old: Option<Site>,
        at_new: Option<Site>,
    ) {
        self.payload(label, Some(old), Some(new), at_old, at_new);
    }

    /// Compares two lists of fields or parameters of `owner`, matched by
    /// name, then by id (a rename).
    fn members(&mut self, kind: MemberKind, owner: &str, old: Members, new: Members) {
        let label = |name: &str| match kind {
            MemberKind::Field => format!("field \"{owner}.{name}\""),
            MemberKind::Param => format!("parameter \"{name}\" of op \"{owner}\""),
        };
        let (removed, id_changed, renamed) = match kind {
            MemberKind::Field => (Rule::FieldRemoved, Rule::FieldIdChanged, Rule::FieldRenamed),
            MemberKind::Param => (Rule::ParamRemoved, Rule::ParamIdChanged, Rule::ParamRenamed),
        };
        let known = |fields: &[Field], name: &str| fields.iter().any(|f| f.name == name);
        let mut matched = Vec::new();
        for f in old.fields {
            let at_old = Some((old.site)(&f.name));
            let by_name = new.fields.iter().find(|g| g.name == f.name);
            let by_id = || {
                new.fields
                    .iter()
                    .find(|g| g.id == f.id && !known(old.fields, &g.name))
            };
            let Some(g) = by_name.or_else(by_id) else {
                self.report(
                    removed,
                    at_old,
                    None,
                    format!("{} (id {}) was removed", label(&f.name), f.id),
                );
                continue;
            };
            matched.push(g.name.as_str());
            let at_new = Some((new.site)(&g.name));
            if g.name != f.name {
                self.report(
                    renamed,
                    at_old.clone(),
                    at_new.clone(),
                    format!(
                        "{} (id {}) was renamed to \"{}\"",
                        label(&f.name),
                        f.id,
                        g.name
                    ),
                );
            } else if g.id != f.id {
                self.report(
                    id_changed,
                    at_old.clone(),
                    at_new.clone(),
                    format!("{} changed id from {} to {}", label(&f.name), f.id, g.id),
                );
            }
            self.retyped(&label(&g.name), &f.ty, &g.ty, at_old, at_new);
        }
        let last_old = old.fields.iter().map(|f| f.id).max().unwrap_or(0);
        for g in new
            .fields
            .iter()
            .filter(|g| !matched.contains(&g.name.as_str()))
        {
            let at_new = Some((new.site)(&g.name));
            let spelled = self.types.spell(&g.ty, false);
            let optional = matches!(g.ty, TypeRef::Optional { .. });
            let (rule, message) = match kind {
                _ if g.id < last_old => (
                    match kind {
                        MemberKind::Field => Rule::FieldInserted,
                        MemberKind::Param => Rule::ParamInserted,
                    },
                    format!(
                        "{} (id {}) was added below existing id {last_old}; old readers read it as the next one",
                        label(&g.name),
                        g.id
                    ),
                ),
                MemberKind::Param => (
                    Rule::ParamAdded,
                    format!(
                        "{} (id {}, {spelled}) was appended; old clients send without it and the service reads its default",
                        label(&g.name),
                        g.id
                    ),
                ),
                MemberKind::Field if optional => continue,
                MemberKind::Field => (
                    Rule::FieldAddedRequired,
                    format!(
                        "{} (id {}, {spelled}) was appended with a non-optional type; code building \"{owner}\" must set it",
                        label(&g.name),
                        g.id
                    ),
                ),
            };
            self.report(rule, None, at_new, message);
        }
    }

    /// Matches services (by qualified, then unqualified name) and compares them.
    fn services(&mut self) {
        let (old, new) = (&self.old.ir, &self.new.ir);
        for s in &old.services {
            let found = new
                .services
                .iter()
                .find(|n| n.qualified_name() == s.qualified_name())
                .or_else(|| {
                    let same: Vec<&Service> =
                        new.services.iter().filter(|n| n.name == s.name).collect();
                    (same.len() == 1).then(|| same[0])
                });
            match found {
                Some(n) => self.service(s, n),
                None => {
                    let q = s.qualified_name();
                    for op in &s.ops {
                        self.op_removed(&q, s, op);
                    }
                    for e in &s.events {
                        self.report(
                            Rule::EventRemoved,
                            Some(Site::Member(q.clone(), e.name.clone())),
                            None,
                            format!(
                                "event \"{}.{}\" was removed with its service",
                                s.name, e.name
                            ),
                        );
                    }
                }
            }
        }
    }

    fn op_removed(&mut self, q: &str, s: &Service, op: &Op) {
        self.report(
            Rule::OpRemoved,
            Some(Site::Op(q.to_string(), op.name.clone())),
            None,
            format!(
                "op \"{}.{}\" (id {}) was removed; old clients calling it get unknown_op",
                s.name, op.name, op.id
            ),
        );
    }

    /// Compares one old service with the new service it became.
    fn service(&mut self, s: &Service, t: &Service) {
        let (qs, qt) = (s.qualified_name(), t.qualified_name());
        if s.package != t.package {
            self.packages.insert((s.package.clone(), t.package.clone()));
        }
        for op in &s.ops {
            let by_name = t.ops.iter().find(|o| o.name == op.name);
            let by_id = || {
                t.ops
                    .iter()
                    .find(|o| o.id == op.id && !s.ops.iter().any(|p| p.name == o.name))
            };
            let Some(new_op) = by_name.or_else(by_id) else {
                self.op_removed(&qs, s, op);
                continue;
            };
            let at_old = Some(Site::Op(qs.clone(), op.name.clone()));
            let at_new = Some(Site::Op(qt.clone(), new_op.name.clone()));
            let shown = format!("{}.{}", t.name, new_op.name);
            if new_op.name != op.name {
                self.report(
                    Rule::OpRenamed,
                    at_old.clone(),
                    at_new.clone(),
                    format!(
                        "op \"{}.{}\" (id {}) was renamed to \"{}\"",
                        s.name, op.name, op.id, new_op.name
                    ),
                );
            } else if new_op.id != op.id {
                self.report(
                    Rule::OpIdChanged,
                    at_old.clone(),
                    at_new.clone(),
                    format!(
                        "op \"{shown}\" changed id from {} to {}; old clients calling it get unknown_op",
                        op.id, new_op.id
                    ),
                );
            }
            self.op(&qs, &qt, &shown, op, new_op, at_old, at_new);
        }
        for e in &s.events {
            let at_old = Some(Site::Member(qs.clone(), e.name.clone()));
            match t.events.iter().find(|f| f.name == e.name) {
                None => self.report(
                    Rule::EventRemoved,
                    at_old,
                    None,
                    format!("event \"{}.{}\" was removed", s.name, e.name),
                ),
                Some(f) if self.types.diff(&e.ty, &f.ty).is_some() => {
                    let message = format!(
                        "event \"{}.{}\" changed from {} to {}",
                        t.name,
                        f.name,
                        self.types.spell(&e.ty, true),
                        self.types.spell(&f.ty, false)
                    );
                    self.report(
                        Rule::EventRetyped,
                        at_old,
                        Some(Site::Member(qt.clone(), f.name.clone())),
                        message,
                    );
                }
                Some(_) => {}
            }
        }
    }

    /// Compares the signature of one op in both versions.
    #[allow(clippy::too_many_arguments)]
    fn op(
        &mut self,
        qs: &str,
        qt: &str,
        shown: &str,
        op: &Op,
        new_op: &Op,
        at_old: Option<Site>,
        at_new: Option<Site>,
    ) {
        let param_old = |p: &str| Site::Param(qs.to_string(), op.name.clone(), p.to_string());
        let param_new = |p: &str| Site::Param(qt.to_string(), new_op.name.clone(), p.to_string());
        self.members(
            MemberKind::Param,
            shown,
            Members {
                fields: &op.params,
                site: &param_old,
            },
            Members {
                fields: &new_op.params,
                site: &param_new,
            },
        );
        let result_old = Some(Site::Result(qs.to_string(), op.name.clone()));
        let result_new = Some(Site::Result(qt.to_string(), new_op.name.clone()));
        match (&op.result, &new_op.result) {
            (None, None) => {}
            (None, Some(r)) => {
                let message = format!(
                    "op \"{shown}\" now returns {}; old clients expect an empty answer (trailing_bytes)",
                    self.types.spell(r, false)
                );
                self.report(Rule::ResultAdded, at_old.clone(), result_new, message);
            }
            (Some(r), None) => {
                let message = format!(
                    "op \"{shown}\" no longer returns {}; old clients find an empty answer (truncated)",
                    self.types.spell(r, true)
                );
                self.report(Rule::ResultRemoved, result_old, at_new.clone(), message);
            }
            (Some(a), Some(b)) => self.retyped(
                &format!("result of op \"{shown}\""),
                a,
                b,
                result_old,
                result_new,
            ),
        }
        let throws_site = |q: &str, o: &Op, ir: &kkidl::ir::Ir, e: TypeId| {
            Some(Site::Throws(
                q.to_string(),
                o.name.clone(),
                ir.ty(e).name.clone(),
            ))
        };
        for &e in &op.throws {
            let kept = self.types.map[e.0 as usize].is_some_and(|n| new_op.throws.contains(&n));
            if !kept {
                let message = format!(
                    "op \"{shown}\" no longer throws \"{}\"",
                    self.old.ir.ty(e).name
                );
                self.report(
                    Rule::ThrowsRemoved,
                    throws_site(qs, op, &self.old.ir, e),
                    at_new.clone(),
                    message,
                );
            }
        }
        for &e in &new_op.throws {
            let known = op
                .throws
                .iter()
                .any(|&o| self.types.map[o.0 as usize] == Some(e));
            if !known {
                let message = format!(
                    "op \"{shown}\" now throws \"{}\"; old clients get a decode system error (unknown_error) for it",
                    self.new.ir.ty(e).name
                );
                self.report(
                    Rule::ThrowsAdded,
                    at_old.clone(),
                    throws_site(qt, new_op, &self.new.ir, e),
                    message,
                );
            }
        }
        let old_service_events = |i: u32| -> String {
            self.old
                .ir
                .services
                .iter()
                .find(|s| s.qualified_name() == qs)
                .map_or_else(String::new, |s| s.events[i as usize].name.clone())
        };
        let new_service_events: Vec<String> = self
            .new
            .ir
            .services
            .iter()
            .find(|s| s.qualified_name() == qt)
            .map(|s| {
                new_op
                    .emits
                    .iter()
                    .map(|&i| s.events[i as usize].name.clone())
                    .collect()
            })
            .unwrap_or_default();
        for &i in &op.emits {
            let name = old_service_events(i);
            if !new_service_events.contains(&name) {
                self.report(
                    Rule::EmitsRemoved,
                    Some(Site::Emits(qs.to_string(), op.name.clone(), name.clone())),
                    at_new.clone(),
                    format!("op \"{shown}\" no longer emits \"{name}\""),
                );
            }
        }
    }
}

/// The keyword declaring a type of this kind.
fn keyword(kind: &TypeDefKind) -> &'static str {
    match kind {
        TypeDefKind::Struct(_) => "struct",
        TypeDefKind::Enum(_) => "enum",
        TypeDefKind::Union(_) => "union",
        TypeDefKind::Error(_) => "error",
        TypeDefKind::Handle => "handle",
    }
}

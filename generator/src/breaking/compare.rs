//! The comparison of two checked versions: declarations are matched (by
//! qualified name, then by unqualified name across a package rename, then
//! errors by wire id, then renamed types by identical bodies), and every
//! pair is compared member by member against the rules of [`super::rules`].
//! Members are matched by name first, then by wire id (a rename).

use super::members::{pair, Member, Verbs};
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

    /// Whether `from` of the old version became `to` of the new (a package
    /// that is in only one version each); records it to be reported once.
    fn package_renamed(&mut self, from: &str, to: &str) -> bool {
        let declares = |v: &Version, p: &str| v.ir.files.iter().any(|f| f.package == p);
        let renamed = from != to && !declares(self.new, from) && !declares(self.old, to);
        if renamed {
            self.packages.insert((from.to_string(), to.to_string()));
        }
        renamed
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
        let moved = o.package != n.package && !self.package_renamed(&o.package, &n.package);
        let (so, sn) = (Some(Site::Decl(qo.clone())), Some(Site::Decl(qn.clone())));
        if moved {
            self.report(
                Rule::TypeRenamed,
                so.clone(),
                sn.clone(),
                format!("{} \"{qo}\" was moved to \"{qn}\"", keyword(&o.kind)),
            );
        } else if o.name != n.name {
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
        let fields = |x: &'a [Field], y: &'a [Field]| {
            (
                Members {
                    fields: x,
                    site: &member_old,
                },
                Members {
                    fields: y,
                    site: &member_new,
                },
            )
        };
        use TypeDefKind::*;
        match (&o.kind, &n.kind) {
            (Struct(x), Struct(y)) => {
                let (old, new) = fields(&x.fields, &y.fields);
                self.members(MemberKind::Field, &n.name, old, new);
            }
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
                let (old, new) = fields(&x.fields, &y.fields);
                self.members(MemberKind::Field, &n.name, old, new);
            }
            (Enum(x), Enum(y)) => {
                let verbs = Verbs {
                    gone: Rule::EnumValueRemoved,
                    renamed: Rule::EnumValueRenamed,
                    moved: Rule::EnumValueChanged,
                    id: "value",
                    gone_tail: "; new readers reject it with invalid_enum",
                    moved_tail: "; peers read it as another value or reject it with invalid_enum",
                };
                for v in &x.variants {
                    let what = format!("enum value \"{}.{}\"", n.name, v.name);
                    self.paired(
                        &verbs,
                        &what,
                        v,
                        &x.variants,
                        &y.variants,
                        &member_old,
                        &member_new,
                    );
                }
            }
            (Union(x), Union(y)) => {
                let verbs = Verbs {
                    gone: Rule::UnionVariantRemoved,
                    renamed: Rule::UnionVariantRenamed,
                    moved: Rule::UnionTagChanged,
                    id: "tag",
                    gone_tail: "; new readers reject it with unknown_variant",
                    moved_tail:
                        "; peers read it as another variant or reject it with unknown_variant",
                };
                for v in &x.variants {
                    let what = format!("union variant \"{}.{}\"", n.name, v.name);
                    let Some(w) = self.paired(
                        &verbs,
                        &what,
                        v,
                        &x.variants,
                        &y.variants,
                        &member_old,
                        &member_new,
                    ) else {
                        continue;
                    };
                    let label = format!("payload of union variant \"{}.{}\"", n.name, w.name);
                    self.payload(
                        &label,
                        v.payload.as_ref(),
                        w.payload.as_ref(),
                        Some(member_old(&v.name)),
                        Some(member_new(&w.name)),
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

    /// Finds `member` of `old` in `new` and reports what became of it;
    /// returns the new member when there is one.
    #[allow(clippy::too_many_arguments)]
    fn paired<'n, T: Member>(
        &mut self,
        verbs: &Verbs,
        what: &str,
        member: &T,
        old: &[T],
        new: &'n [T],
        site_old: &dyn Fn(&str) -> Site,
        site_new: &dyn Fn(&str) -> Site,
    ) -> Option<&'n T> {
        let pairing = pair(member, old, new);
        let found = pairing.found();
        if let Some((rule, message)) = verbs.change(what, member, &pairing) {
            let at_new = found.map(|n| site_new(n.name()));
            self.report(rule, Some(site_old(member.name())), at_new, message);
        }
        found
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
        let verbs = match kind {
            MemberKind::Field => Verbs {
                gone: Rule::FieldRemoved,
                renamed: Rule::FieldRenamed,
                moved: Rule::FieldIdChanged,
                id: "id",
                gone_tail: "",
                moved_tail: "",
            },
            MemberKind::Param => Verbs {
                gone: Rule::ParamRemoved,
                renamed: Rule::ParamRenamed,
                moved: Rule::ParamIdChanged,
                id: "id",
                gone_tail: "",
                moved_tail: "",
            },
        };
        let mut matched = Vec::new();
        for f in old.fields {
            let Some(g) = self.paired(
                &verbs,
                &label(&f.name),
                f,
                old.fields,
                new.fields,
                old.site,
                new.site,
            ) else {
                continue;
            };
            matched.push(g.name.as_str());
            let (at_old, at_new) = (Some((old.site)(&f.name)), Some((new.site)(&g.name)));
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
            self.service(s, found);
        }
    }

    /// Compares one old service with the new service it became (`None`:
    /// it is gone, and so is each of its ops and events).
    fn service(&mut self, s: &Service, t: Option<&Service>) {
        let qs = s.qualified_name();
        let qt = t.map_or_else(String::new, Service::qualified_name);
        if let Some(t) = t {
            self.package_renamed(&s.package, &t.package);
        }
        let (new_ops, new_events) = t.map_or((&[][..], &[][..]), |t| (&t.ops[..], &t.events[..]));
        let verbs = Verbs {
            gone: Rule::OpRemoved,
            renamed: Rule::OpRenamed,
            moved: Rule::OpIdChanged,
            id: "id",
            gone_tail: "; old clients calling it get unknown_op",
            moved_tail: "; old clients calling it get unknown_op",
        };
        let site_old = |o: &str| Site::Op(qs.clone(), o.to_string());
        let site_new = |o: &str| Site::Op(qt.clone(), o.to_string());
        for op in &s.ops {
            let what = format!("op \"{}.{}\"", s.name, op.name);
            if let Some(new_op) =
                self.paired(&verbs, &what, op, &s.ops, new_ops, &site_old, &site_new)
            {
                let shown = format!("{}.{}", s.name, new_op.name);
                let (at_old, at_new) = (Some(site_old(&op.name)), Some(site_new(&new_op.name)));
                self.op(&qs, &qt, &shown, op, new_op, at_old, at_new);
            }
        }
        for e in &s.events {
            let at_old = Some(Site::Member(qs.clone(), e.name.clone()));
            match new_events.iter().find(|f| f.name == e.name) {
                None => self.report(
                    Rule::EventRemoved,
                    at_old,
                    None,
                    format!("event \"{}.{}\" was removed", s.name, e.name),
                ),
                Some(f) if self.types.diff(&e.ty, &f.ty).is_some() => {
                    let message = format!(
                        "event \"{}.{}\" changed from {} to {}",
                        s.name,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// One schema file held in memory.
    struct Text(String);

    impl kkidl::load::FileSystem for Text {
        fn read(&self, _: &Path) -> std::io::Result<String> {
            Ok(self.0.clone())
        }
        fn identity(&self, path: &Path) -> PathBuf {
            path.to_path_buf()
        }
    }

    /// The changes from `old` to `new` (each a schema body after `package p.v1;`), as `RULE message`.
    fn changes(old: &str, new: &str) -> Vec<String> {
        let version = |name: &str, body: &str| {
            let text = Text(format!("package p.v1;\n{body}\n"));
            super::super::version::load(&text, &[PathBuf::from(name)], &[])
                .unwrap_or_else(|e| panic!("{name}: {e:?}"))
        };
        compare(&version("old.kkidl", old), &version("new.kkidl", new))
            .into_iter()
            .map(|c| format!("{} {}", c.rule, c.message))
            .collect()
    }

    #[test]
    fn a_removed_service_removes_its_ops_and_events() {
        let got = changes(
            "service A { event e: u32; op f() -> u32 emits e; }\nservice B { op g(); }",
            "service B { op g(); }",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("EVENT_REMOVED event \"A.e\""), "{got:?}");
        assert!(got[1].starts_with("OP_REMOVED op \"A.f\""), "{got:?}");
    }

    #[test]
    fn a_recursive_type_renamed_is_one_rename() {
        let got = changes(
            "struct Node { value: i32, next: Node? }\nservice S { op f(x: Node) -> Node; }",
            "struct Link { value: i32, next: Link? }\nservice S { op f(x: Link) -> Link; }",
        );
        assert_eq!(
            got,
            ["TYPE_RENAMED struct \"Node\" was renamed to \"Link\""]
        );
    }

    #[test]
    fn a_use_swapped_for_another_type_compares_encodings() {
        let types = "struct A { x: i32 }\nstruct B { y: i32 }\nstruct C { x: i64 }";
        let got = changes(
            &format!("{types}\nservice S {{ op f(a: A); }}"),
            &format!("{types}\nservice S {{ op f(a: B); }}"),
        );
        assert_eq!(
            got,
            ["TYPE_CHANGED_SAME_ENCODING parameter \"a\" of op \"S.f\" changed from A to B"]
        );
        let got = changes(
            &format!("{types}\nservice S {{ op f(a: A); }}"),
            &format!("{types}\nservice S {{ op f(a: C); }}"),
        );
        assert_eq!(
            got,
            ["TYPE_CHANGED parameter \"a\" of op \"S.f\" changed from A to C"]
        );
    }

    #[test]
    fn nested_changes_name_the_whole_type() {
        let got = changes(
            "struct A { m: map<u32, list<i32?>> }",
            "struct A { m: map<u32, list<i32>> }",
        );
        assert_eq!(
            got,
            ["OPTIONAL_MADE_REQUIRED field \"A.m\" changed from map<u32, list<i32?>> to map<u32, list<i32>>"]
        );
        let got = changes(
            "struct A { m: map<u32, bool> }",
            "struct A { m: map<u64, bool> }",
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("INTEGER_WIDENED"), "{got:?}");
    }

    #[test]
    fn locations_are_in_both_versions_or_where_the_thing_exists() {
        let text = |body: &str| Text(format!("package p.v1;\n\n{body}\n"));
        let load = |name: &str, body: &str| {
            super::super::version::load(&text(body), &[PathBuf::from(name)], &[]).unwrap()
        };
        let old = load("old.kkidl", "struct A {\n    x: i32,\n    y: i32,\n}");
        let new = load("new.kkidl", "struct A {\n    x: i64,\n}");
        let got = compare(&old, &new);
        let shown: Vec<(Rule, Option<String>, Option<String>)> = got
            .iter()
            .map(|c| {
                let at = |l: &Option<Location>| l.as_ref().map(|l| l.to_string());
                (c.rule, at(&c.old), at(&c.new))
            })
            .collect();
        assert_eq!(
            shown,
            [
                (Rule::FieldRemoved, Some("old.kkidl:5:5".into()), None),
                (
                    Rule::IntegerWidened,
                    Some("old.kkidl:4:5".into()),
                    Some("new.kkidl:4:5".into())
                ),
            ]
        );
    }

    #[test]
    fn a_type_moved_between_packages_is_a_rename_not_a_package_rename() {
        let fs = Files(vec![
            ("old.kkidl", "package p.v1;\nimport \"q.kkidl\";\nstruct A { x: i32 }\nservice S { op f(a: A) -> A; }\n"),
            ("q.kkidl", "package q.v1;\nstruct B { y: i32 }\n"),
            ("new.kkidl", "package p.v1;\nimport \"r.kkidl\";\nstruct B { y: i32 }\nservice S { op f(a: A) -> A; }\n"),
            ("r.kkidl", "package q.v1;\nstruct A { x: i32 }\n"),
        ]);
        let load =
            |root: &str| super::super::version::load(&fs, &[PathBuf::from(root)], &[]).unwrap();
        let got: Vec<String> = compare(&load("old.kkidl"), &load("new.kkidl"))
            .into_iter()
            .map(|c| format!("{} {}", c.rule, c.message))
            .collect();
        assert_eq!(
            got,
            [
                "TYPE_RENAMED struct \"q.v1.B\" was moved to \"p.v1.B\"",
                "TYPE_RENAMED struct \"p.v1.A\" was moved to \"q.v1.A\"",
            ]
        );
    }

    /// Schema files held in memory, by name.
    struct Files(Vec<(&'static str, &'static str)>);

    impl kkidl::load::FileSystem for Files {
        fn read(&self, path: &Path) -> std::io::Result<String> {
            let name = path.to_string_lossy();
            self.0
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string())
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no"))
        }
        fn identity(&self, path: &Path) -> PathBuf {
            kkidl::load::normalize(path)
        }
    }
}

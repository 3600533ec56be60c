//! Lowering: each declaration to its IR form — struct and error fields, enum
//! values, union variants and service ops with their throws (docs/kkidl.md
//! §6.4–§6.10), reading annotations (§4) and assigning ids (§6.11) on the way,
//! with the duplicate field id, tag, enum value and op id checks (E0301–E0304),
//! out-of-range enum values (E0306), empty enums and unions (E0506) and throws
//! of non-errors (E0505); events and `emits` are in `events`.

use super::ids::IdScope;
use super::{Checker, Pos};
use crate::annotations::{self, Annotations, Site};
use crate::ast::{self, DeclKind};
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::names::Case;
use crate::source::{SourceId, Span};

impl Checker<'_> {
    pub(super) fn lower_type(&mut self, id: TypeId, file: SourceId, decl_index: usize) -> TypeDef {
        let f = self.file_ast(file);
        let d = &f.decls[decl_index];
        let package = f.package.name.text.clone();
        let site = if matches!(d.kind, DeclKind::Error(_)) {
            Site::ErrorDecl
        } else {
            Site::Decl
        };
        let ann = annotations::read(&d.prefix, site, &mut self.diags);
        let scope = format!("{} `{}`", d.kind.keyword(), d.name.text);
        let kind = match &d.kind {
            DeclKind::Struct(fields) => TypeDefKind::Struct(Struct {
                fields: self.lower_fields(file, fields, &scope, "field"),
            }),
            DeclKind::Error(fields) => {
                let wire_id = ann
                    .id
                    .map(|(v, _)| v)
                    .unwrap_or_else(|| hash_id(&format!("{package}.{}", d.name.text)));
                TypeDefKind::Error(ErrorDef {
                    wire_id,
                    fields: self.lower_fields(file, fields, &scope, "field"),
                })
            }
            DeclKind::Enum(variants) => TypeDefKind::Enum(self.lower_enum(d, variants, &scope)),
            DeclKind::Union(variants) => {
                TypeDefKind::Union(self.lower_union(file, d, variants, &scope))
            }
            DeclKind::Handle => TypeDefKind::Handle,
            DeclKind::Service(_) => unreachable!("services are not types"),
        };
        TypeDef {
            id,
            name: d.name.text.clone(),
            package,
            file: self.file_ids[&file],
            meta: ann.meta,
            kind,
        }
    }

    fn lower_fields(
        &mut self,
        file: SourceId,
        fields: &[ast::Field],
        scope: &str,
        what: &str,
    ) -> Vec<Field> {
        for f in fields {
            self.name_case(&f.name, Case::Snake, what);
        }
        self.unique_members(what, scope, fields.iter().map(|f| &f.name));
        let mut out = Vec::new();
        let mut ids = IdScope::default();
        for (i, f) in fields.iter().enumerate() {
            let ann = annotations::read(&f.prefix, Site::Field, &mut self.diags);
            let (id, id_span) = ann.id.unwrap_or((i as u32 + 1, f.name.span));
            if let Some((first, other)) = ids.add(id, id_span, &f.name.text) {
                let implicit = ann.id.is_none();
                self.diags.push(
                    Diagnostic::new("E0301", format!("{what} id {id} is used twice in {scope}"), id_span, if implicit { format!("`{}` gets id {id} from its position", f.name.text) } else { "used again here".into() })
                        .with_secondary(first, format!("`{other}` has id {id}"))
                        .with_help("field ids are `@id(N)` or the 1-based position; pin every field with `@id` when you reorder"),
                );
            }
            let ty = self.resolve(file, &f.ty, Pos::Top);
            out.push(Field {
                name: f.name.text.clone(),
                id,
                ty,
                meta: ann.meta,
            });
        }
        out.sort_by_key(|f| f.id);
        out
    }

    /// Variants of an enum or union: at least one (the default), PascalCase, unique.
    fn check_variants<'n>(
        &mut self,
        d: &ast::Decl,
        names: impl Iterator<Item = &'n ast::Ident> + Clone,
        scope: &str,
    ) {
        if names.clone().next().is_none() {
            let kw = d.kind.keyword();
            let article = if kw == "enum" { "an" } else { "a" };
            self.diags.push(
                Diagnostic::new(
                    "E0506",
                    format!("{kw} `{}` has no variants", d.name.text),
                    d.head_span,
                    "empty",
                )
                .with_help(format!(
                    "{article} {kw} needs at least one variant (its default value)"
                )),
            );
        }
        for n in names.clone() {
            self.name_case(n, Case::Pascal, "variant");
        }
        self.unique_members("variant", scope, names);
    }

    fn lower_enum(&mut self, d: &ast::Decl, variants: &[ast::EnumVariant], scope: &str) -> Enum {
        self.check_variants(d, variants.iter().map(|v| &v.name), scope);
        let mut next: u64 = 0;
        let mut overflowed = false;
        let mut seen = IdScope::default();
        let mut out = Vec::new();
        for v in variants {
            let ann = annotations::read(&v.prefix, Site::EnumVariant, &mut self.diags);
            let (value, span) = match v.value {
                Some((Some(n), s)) => (n, s),
                Some((None, s)) => (u64::MAX, s),
                None => (next, v.name.span),
            };
            if value > u64::from(u32::MAX) {
                // Implicit values after an out-of-range one are only reported through it.
                if v.value.is_some() || !overflowed {
                    self.diags.push(
                        Diagnostic::new(
                            "E0306",
                            format!("enum value of `{}` is out of range", v.name.text),
                            span,
                            "must fit in a u32",
                        )
                        .with_help("enum values are 0 ..= 4294967295 (a u32 on the wire)"),
                    );
                }
                overflowed = true;
                next = value.saturating_add(1);
                continue;
            }
            overflowed = false;
            let value32 = value as u32;
            if let Some((first, other)) = seen.add(value32, span, &v.name.text) {
                self.diags.push(
                    Diagnostic::new("E0303", format!("enum value {value32} is used twice in {scope}"), span, format!("`{}` = {value32}", v.name.text))
                        .with_secondary(first, format!("`{other}` = {value32}"))
                        .with_help("give each variant its own value; a variant without `= N` takes the previous value plus one"),
                );
            }
            next = value + 1;
            out.push(EnumVariant {
                name: v.name.text.clone(),
                value: value32,
                meta: ann.meta,
            });
        }
        Enum { variants: out }
    }

    fn lower_union(
        &mut self,
        file: SourceId,
        d: &ast::Decl,
        variants: &[ast::UnionVariant],
        scope: &str,
    ) -> Union {
        self.check_variants(d, variants.iter().map(|v| &v.name), scope);
        let mut seen = IdScope::default();
        let mut out = Vec::new();
        for (i, v) in variants.iter().enumerate() {
            let ann = annotations::read(&v.prefix, Site::UnionVariant, &mut self.diags);
            let (tag, span) = ann.id.unwrap_or((i as u32 + 1, v.name.span));
            if let Some((first, other)) = seen.add(tag, span, &v.name.text) {
                self.diags.push(
                    Diagnostic::new("E0302", format!("union tag {tag} is used twice in {scope}"), span, format!("`{}` has tag {tag}", v.name.text))
                        .with_secondary(first, format!("`{other}` has tag {tag}"))
                        .with_help("tags are `@id(N)` or the 1-based position; pin them with `@id` when you reorder"),
                );
            }
            let payload = v.payload.as_ref().map(|t| self.resolve(file, t, Pos::Top));
            out.push(UnionVariant {
                name: v.name.text.clone(),
                tag,
                payload,
                meta: ann.meta,
            });
        }
        Union { variants: out }
    }

    pub(super) fn lower_service(
        &mut self,
        file: SourceId,
        d: &ast::Decl,
        members: &[ast::ServiceMember],
        types: &[TypeDef],
    ) -> Service {
        let package = self.package_of(file).to_string();
        let ann = annotations::read(&d.prefix, Site::Decl, &mut self.diags);
        let ops: Vec<&ast::Op> = ast::ops(members).collect();
        for o in &ops {
            self.name_case(&o.name, Case::Snake, "op");
        }
        let scope = format!("service `{}`", d.name.text);
        self.unique_members("op", &scope, ops.iter().map(|o| &o.name));
        let events = self.lower_events(file, d, members, &scope);
        let mut out: Vec<Op> = Vec::new();
        let mut seen = IdScope::default();
        for o in ops {
            let oann: Annotations = annotations::read(&o.prefix, Site::Op, &mut self.diags);
            let (id, span) = oann.id.unwrap_or_else(|| {
                (
                    hash_id(&format!("{package}.{}.{}", d.name.text, o.name.text)),
                    o.name.span,
                )
            });
            // A duplicate op name is reported as such (E0203); its equal hash id is no news.
            let same_name = seen.has_name(&o.name.text);
            if let Some((first, other)) = seen.add(id, span, &o.name.text).filter(|_| !same_name) {
                self.diags.push(
                    Diagnostic::new("E0304", format!("op id {id} is used twice in {scope}"), span, format!("`{}` has id {id}", o.name.text))
                        .with_secondary(first, format!("`{other}` has id {id}"))
                        .with_help("pin one op's id with `@id(N)` (ids without `@id` are a hash of the qualified name, docs/wire.md §4.1)"),
                );
            }
            let params = self.lower_fields(
                file,
                &o.params,
                &format!("the parameters of op `{}`", o.name.text),
                "parameter",
            );
            let before = self.diags.len();
            let result = o.result.as_ref().map(|t| self.resolve(file, t, Pos::Top));
            let result_resolved = self.diags.len() == before;
            let mut throws: Vec<TypeId> = Vec::new();
            let mut thrown: Vec<(TypeId, Span)> = Vec::new();
            for t in &o.throws {
                let Some(sym) = self.lookup(file, t) else {
                    continue;
                };
                match sym.ty {
                    Some(tid) if sym.is_error => {
                        if let Some((_, first)) = thrown.iter().find(|(id, _)| *id == tid) {
                            self.listed_twice(t, *first, "throws", "list each error type once");
                            continue;
                        }
                        thrown.push((tid, t.span));
                        throws.push(tid);
                    }
                    Some(tid) => {
                        let kw = types[tid.0 as usize].kind_keyword();
                        self.diags.push(
                            Diagnostic::new("E0505", format!("`{}` is a {kw}, not an error", t.text), t.span, "cannot be thrown")
                                .with_secondary(sym.span, format!("declared as a {kw} here"))
                                .with_help(format!("only `error` types can follow `throws`; declare it as `error {} {{ ... }}`", t.text)),
                        );
                    }
                    None => self.diags.push(
                        Diagnostic::new(
                            "E0505",
                            format!("`{}` is a service, not an error", t.text),
                            t.span,
                            "cannot be thrown",
                        )
                        .with_help("only `error` types can follow `throws`"),
                    ),
                }
            }
            let emits = self.lower_emits(o, result.as_ref(), result_resolved, &events, &scope);
            out.push(Op {
                name: o.name.text.clone(),
                id,
                params,
                result,
                throws,
                emits,
                meta: oann.meta,
            });
        }
        Service {
            name: d.name.text.clone(),
            package,
            file: self.file_ids[&file],
            meta: ann.meta,
            ops: out,
            events: events.into_iter().map(|e| e.ir).collect(),
        }
    }
}

impl Checker<'_> {
    /// E0203: `name` appears twice in the list after `keyword` (`throws`, `emits`).
    pub(super) fn listed_twice(
        &mut self,
        name: &ast::Ident,
        first: Span,
        keyword: &str,
        help: &str,
    ) {
        self.diags.push(
            Diagnostic::new(
                "E0203",
                format!("`{}` is listed twice after `{keyword}`", name.text),
                name.span,
                "listed again here",
            )
            .with_secondary(first, "first listed here")
            .with_help(help),
        );
    }
}

impl TypeDef {
    /// The keyword that declares this kind of type.
    pub fn kind_keyword(&self) -> &'static str {
        match self.kind {
            TypeDefKind::Struct(_) => "struct",
            TypeDefKind::Enum(_) => "enum",
            TypeDefKind::Union(_) => "union",
            TypeDefKind::Error(_) => "error",
            TypeDefKind::Handle => "handle",
        }
    }
}

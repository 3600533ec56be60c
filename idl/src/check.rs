//! Checking: resolves the parsed files into the IR and reports every
//! mistake it finds on the way (docs/kkidl.md §6): duplicate and unknown
//! names, names in the wrong case or colliding after case conversion, bad
//! annotations, duplicate or out-of-range ids, misplaced buffers, bad map
//! keys, nested optionals, throws of non-errors and types with no finite
//! value. Diagnostics are collected, never fatal, so one run reports them all.

use crate::annotations::{self, Annotations, Site};
use crate::ast::{self, DeclKind, TypeExprKind};
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::load::{Loaded, LoadedFile};
use crate::names::{case_mismatch, closest, spellings, Case};
use crate::source::{SourceId, Span};
use std::collections::HashMap;

/// Checks `loaded` and lowers it to the IR. The IR is only meaningful when
/// the returned diagnostics are empty.
pub fn check(loaded: &Loaded) -> (Ir, Vec<Diagnostic>) {
    let files: HashMap<SourceId, &LoadedFile> = loaded.files.iter().map(|f| (f.id, f)).collect();
    let imported = loaded
        .files
        .iter()
        .map(|f| {
            let mut packages: Vec<&str> = f.imports.iter().filter_map(|i| files.get(i)).map(|g| g.ast.package.name.text.as_str()).collect();
            packages.sort();
            packages.dedup();
            (f.id, packages)
        })
        .collect();
    let mut cx = Checker { loaded, files, imported, diags: Vec::new(), types: Vec::new(), names: HashMap::new(), file_ids: HashMap::new() };
    cx.run()
}

/// A declared name in a package's namespace.
#[derive(Debug, Clone, Copy)]
struct Symbol {
    span: Span,
    /// `None` for services.
    ty: Option<TypeId>,
    is_error: bool,
}

/// Where a type expression appears; decides what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    Top,
    ListElem,
    MapValue,
    MapKey,
    OptionalInner,
}

struct Checker<'a> {
    loaded: &'a Loaded,
    /// Every parsed file by its id.
    files: HashMap<SourceId, &'a LoadedFile>,
    /// The packages of the files each file imports directly (sorted, unique).
    imported: HashMap<SourceId, Vec<&'a str>>,
    diags: Vec<Diagnostic>,
    /// Declared types in IR order: (file, decl index).
    types: Vec<(SourceId, usize)>,
    /// (package, name) → symbol.
    names: HashMap<(String, String), Symbol>,
    file_ids: HashMap<SourceId, FileId>,
}

impl<'a> Checker<'a> {
    fn run(&mut self) -> (Ir, Vec<Diagnostic>) {
        let loaded = self.loaded;
        let mut files = Vec::new();
        for (i, f) in loaded.files.iter().enumerate() {
            self.file_ids.insert(f.id, FileId(i as u32));
            files.push(SourceFile { path: loaded.sources.get(f.id).name.clone(), package: f.ast.package.name.text.clone() });
            self.check_package(&f.ast.package);
            annotations::read(&f.ast.package.prefix, Site::File, &mut self.diags);
            for imp in &f.ast.imports {
                annotations::read(&imp.prefix, Site::File, &mut self.diags);
            }
        }
        self.declare();
        let mut types = Vec::new();
        for (index, &(file, decl)) in self.types.clone().iter().enumerate() {
            types.push(self.lower_type(TypeId(index as u32), file, decl));
        }
        let mut services = Vec::new();
        for f in &loaded.files {
            for d in &f.ast.decls {
                if let DeclKind::Service(ops) = &d.kind {
                    services.push(self.lower_service(f.id, d, ops, &types));
                }
            }
        }
        let ir = Ir { ir_version: IR_VERSION, files, types, services };
        self.check_error_ids(&ir);
        self.check_finite(&ir);
        (ir, std::mem::take(&mut self.diags))
    }

    fn package_of(&self, file: SourceId) -> &'a str {
        &self.file_ast(file).package.name.text
    }

    fn file_ast(&self, file: SourceId) -> &'a ast::File {
        &self.files[&file].ast
    }

    fn check_package(&mut self, p: &ast::Package) {
        let ok = p.name.text.split('.').all(|seg| {
            seg.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && seg.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        if !ok {
            let mut fixed: Vec<String> = p
                .name
                .text
                .split('.')
                .map(|s| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase())
                .map(|s| s.trim_start_matches(|c: char| c.is_ascii_digit()).to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if fixed.is_empty() {
                fixed.push("app".into());
            }
            self.diags.push(
                Diagnostic::new("E0603", format!("package name `{}` is not lowercase", p.name.text), p.name.span, "package segments are lowercase letters and digits")
                    .with_help(format!("Go and TypeScript use each segment as a module name; write `package {};`", fixed.join("."))),
            );
        }
    }

    /// Pass 1: every type and service name into its package's namespace.
    fn declare(&mut self) {
        let loaded = self.loaded;
        let mut spelled: HashMap<(String, String), (Span, String)> = HashMap::new();
        for f in &loaded.files {
            let pkg = f.ast.package.name.text.clone();
            for (di, d) in f.ast.decls.iter().enumerate() {
                let name = &d.name.text;
                let well_cased = self.name_case(&d.name, Case::Pascal, d.kind.keyword());
                let key = (pkg.clone(), name.clone());
                if let Some(first) = self.names.get(&key) {
                    self.diags.push(
                        Diagnostic::new("E0201", format!("`{name}` is declared twice in package `{pkg}`"), d.name.span, "declared again here")
                            .with_secondary(first.span, "first declared here")
                            .with_help("rename one of them; types and services share one namespace per package"),
                    );
                    continue;
                }
                let folded = (pkg.clone(), spellings(name)[3].clone());
                if !well_cased {
                    // Reported as E0602; its fix decides whether it collides.
                } else if let Some((first, other)) = spelled.get(&folded) {
                    self.diags.push(
                        Diagnostic::new("E0601", format!("`{name}` and `{other}` collide after case conversion"), d.name.span, "collides")
                            .with_secondary(*first, "with this one")
                            .with_help("backends convert names to their own case (Go `Foo`, TS `foo`); rename one"),
                    );
                }
                spelled.entry(folded).or_insert((d.name.span, name.clone()));
                let ty = match d.kind {
                    DeclKind::Service(_) => None,
                    _ => {
                        self.types.push((f.id, di));
                        Some(TypeId(self.types.len() as u32 - 1))
                    }
                };
                self.names.insert(key, Symbol { span: d.name.span, ty, is_error: matches!(d.kind, DeclKind::Error(_)) });
            }
        }
        self.unique_across_packages();
    }

    /// Backends put every type of one compilation in one namespace per
    /// language, so a name is declared in one package only.
    fn unique_across_packages(&mut self) {
        let mut first: HashMap<&str, (&str, Span)> = HashMap::new();
        let mut found = Vec::new();
        for ((pkg, name), sym) in &self.names {
            found.push((sym.span, pkg.as_str(), name.as_str()));
        }
        found.sort_by_key(|(s, _, _)| (s.file, s.start));
        for (span, pkg, name) in found {
            match first.get(name) {
                Some((other_pkg, other_span)) if *other_pkg != pkg => self.diags.push(
                    Diagnostic::new("E0605", format!("`{name}` is declared in packages `{other_pkg}` and `{pkg}`"), span, "declared again here")
                        .with_secondary(*other_span, "first declared here")
                        .with_help("generated code holds the types of all packages compiled together in one namespace per language; rename one"),
                ),
                Some(_) => {}
                None => {
                    first.insert(name, (pkg, span));
                }
            }
        }
    }

    /// Reports `name` if it is not written in `case`; returns whether it is.
    fn name_case(&mut self, name: &ast::Ident, case: Case, what: &str) -> bool {
        if let Some(fixed) = case_mismatch(&name.text, case) {
            self.diags.push(
                Diagnostic::new("E0602", format!("{what} name `{}` is not {}", name.text, case.describe()), name.span, format!("should be `{fixed}`"))
                    .with_help(format!(
                        "write `{fixed}`: kkidl names have one canonical case so that every backend can convert them without collisions"
                    )),
            );
            return false;
        }
        true
    }

    /// Reports names in one scope (fields of a struct, variants, ops...) that
    /// are equal or collide after case conversion.
    fn unique_members<'n>(&mut self, what: &str, scope: &str, names: impl IntoIterator<Item = &'n ast::Ident>) {
        let mut seen: Vec<(&ast::Ident, [String; 4])> = Vec::new();
        for n in names {
            let sp = spellings(&n.text);
            let well_cased = case_mismatch(&n.text, Case::Snake).is_none() || case_mismatch(&n.text, Case::Pascal).is_none();
            if let Some((first, _)) = seen
                .iter()
                .find(|(f, s)| f.text == n.text || well_cased && s.iter().zip(sp.iter()).any(|(a, b)| a == b))
            {
                let (code, msg, help) = if first.text == n.text {
                    ("E0203", format!("{what} `{}` is declared twice in {scope}", n.text), "rename or remove one".to_string())
                } else {
                    (
                        "E0601",
                        format!("{what} `{}` collides with `{}` after case conversion", n.text, first.text),
                        "backends convert names to their own case (Rust `a_b`, TS `aB`, Go `AB`); rename one".to_string(),
                    )
                };
                self.diags.push(Diagnostic::new(code, msg, n.span, "declared again here").with_secondary(first.span, "first declared here").with_help(help));
                continue;
            }
            seen.push((n, sp));
        }
    }

    fn lower_type(&mut self, id: TypeId, file: SourceId, decl_index: usize) -> TypeDef {
        let f = self.file_ast(file);
        let d = &f.decls[decl_index];
        let package = f.package.name.text.clone();
        let site = if matches!(d.kind, DeclKind::Error(_)) { Site::ErrorDecl } else { Site::Decl };
        let ann = annotations::read(&d.prefix, site, &mut self.diags);
        let scope = format!("{} `{}`", d.kind.keyword(), d.name.text);
        let kind = match &d.kind {
            DeclKind::Struct(fields) => TypeDefKind::Struct(Struct { fields: self.lower_fields(file, fields, &scope, "field") }),
            DeclKind::Error(fields) => {
                let wire_id = ann.id.map(|(v, _)| v).unwrap_or_else(|| hash_id(&format!("{package}.{}", d.name.text)));
                TypeDefKind::Error(ErrorDef { wire_id, fields: self.lower_fields(file, fields, &scope, "field") })
            }
            DeclKind::Enum(variants) => TypeDefKind::Enum(self.lower_enum(d, variants, &scope)),
            DeclKind::Union(variants) => TypeDefKind::Union(self.lower_union(file, d, variants, &scope)),
            DeclKind::Handle => TypeDefKind::Handle,
            DeclKind::Service(_) => unreachable!("services are not types"),
        };
        TypeDef { id, name: d.name.text.clone(), package, file: self.file_ids[&file], meta: ann.meta, kind }
    }

    fn lower_fields(&mut self, file: SourceId, fields: &[ast::Field], scope: &str, what: &str) -> Vec<Field> {
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
            out.push(Field { name: f.name.text.clone(), id, ty, meta: ann.meta });
        }
        out.sort_by_key(|f| f.id);
        out
    }

    /// Variants of an enum or union: at least one (the default), PascalCase, unique.
    fn check_variants<'n>(&mut self, d: &ast::Decl, names: impl Iterator<Item = &'n ast::Ident> + Clone, scope: &str) {
        if names.clone().next().is_none() {
            let kw = d.kind.keyword();
            let article = if kw == "enum" { "an" } else { "a" };
            self.diags.push(
                Diagnostic::new("E0506", format!("{kw} `{}` has no variants", d.name.text), d.head_span, "empty")
                    .with_help(format!("{article} {kw} needs at least one variant (its default value)")),
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
                        Diagnostic::new("E0306", format!("enum value of `{}` is out of range", v.name.text), span, "must fit in a u32")
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
            out.push(EnumVariant { name: v.name.text.clone(), value: value32, meta: ann.meta });
        }
        Enum { variants: out }
    }

    fn lower_union(&mut self, file: SourceId, d: &ast::Decl, variants: &[ast::UnionVariant], scope: &str) -> Union {
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
            out.push(UnionVariant { name: v.name.text.clone(), tag, payload, meta: ann.meta });
        }
        Union { variants: out }
    }

    fn lower_service(&mut self, file: SourceId, d: &ast::Decl, ops: &[ast::Op], types: &[TypeDef]) -> Service {
        let package = self.package_of(file).to_string();
        let ann = annotations::read(&d.prefix, Site::Decl, &mut self.diags);
        for o in ops {
            self.name_case(&o.name, Case::Snake, "op");
        }
        let scope = format!("service `{}`", d.name.text);
        self.unique_members("op", &scope, ops.iter().map(|o| &o.name));
        let mut out: Vec<Op> = Vec::new();
        let mut seen = IdScope::default();
        for o in ops {
            let oann: Annotations = annotations::read(&o.prefix, Site::Op, &mut self.diags);
            let (id, span) = oann.id.unwrap_or_else(|| (hash_id(&format!("{package}.{}.{}", d.name.text, o.name.text)), o.name.span));
            // A duplicate op name is reported as such (E0203); its equal hash id is no news.
            let same_name = seen.has_name(&o.name.text);
            if let Some((first, other)) = seen.add(id, span, &o.name.text).filter(|_| !same_name) {
                self.diags.push(
                    Diagnostic::new("E0304", format!("op id {id} is used twice in {scope}"), span, format!("`{}` has id {id}", o.name.text))
                        .with_secondary(first, format!("`{other}` has id {id}"))
                        .with_help("pin one op's id with `@id(N)` (ids without `@id` are a hash of the qualified name, docs/wire.md §4.1)"),
                );
            }
            let params = self.lower_fields(file, &o.params, &format!("the parameters of op `{}`", o.name.text), "parameter");
            let result = o.result.as_ref().map(|t| self.resolve(file, t, Pos::Top));
            let mut throws: Vec<TypeId> = Vec::new();
            let mut thrown: Vec<(TypeId, Span)> = Vec::new();
            for t in &o.throws {
                let Some(sym) = self.lookup(file, t) else { continue };
                match sym.ty {
                    Some(tid) if sym.is_error => {
                        if let Some((_, first)) = thrown.iter().find(|(id, _)| *id == tid) {
                            self.diags.push(
                                Diagnostic::new("E0203", format!("`{}` is listed twice after `throws`", t.text), t.span, "listed again here")
                                    .with_secondary(*first, "first listed here")
                                    .with_help("list each error type once"),
                            );
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
                        Diagnostic::new("E0505", format!("`{}` is a service, not an error", t.text), t.span, "cannot be thrown")
                            .with_help("only `error` types can follow `throws`"),
                    ),
                }
            }
            out.push(Op { name: o.name.text.clone(), id, params, result, throws, meta: oann.meta });
        }
        Service { name: d.name.text.clone(), package, file: self.file_ids[&file], meta: ann.meta, ops: out }
    }

    /// Finds a declared name visible from `file`: qualified `pkg.Name`, or
    /// unqualified in the file's own package, then in the packages it imports.
    fn lookup(&mut self, file: SourceId, name: &ast::Ident) -> Option<Symbol> {
        let own = self.package_of(file);
        let imported = self.imported[&file].clone();
        if let Some((pkg, short)) = name.text.rsplit_once('.') {
            if pkg != own && !imported.contains(&pkg) {
                let known = self.names.keys().any(|(p, _)| p == pkg);
                self.diags.push(
                    Diagnostic::new("E0202", format!("cannot find type `{}`", name.text), name.span, "not visible here").with_help(if known {
                        format!("package `{pkg}` is declared in a file this one does not import; add an `import`")
                    } else {
                        format!("no file imported here declares package `{pkg}`")
                    }),
                );
                return None;
            }
            if let Some(s) = self.names.get(&(pkg.to_string(), short.to_string())) {
                return Some(*s);
            }
            self.unknown(name, pkg, &[]);
            return None;
        }
        if let Some(s) = self.names.get(&(own.to_string(), name.text.clone())) {
            return Some(*s);
        }
        let found: Vec<(&str, Symbol)> =
            imported.iter().filter_map(|p| self.names.get(&(p.to_string(), name.text.clone())).map(|s| (*p, *s))).collect();
        match found.len() {
            1 => Some(found[0].1),
            0 => {
                self.unknown(name, own, &imported);
                None
            }
            _ => {
                let options: Vec<String> = found.iter().map(|(p, _)| format!("`{p}.{}`", name.text)).collect();
                self.diags.push(
                    Diagnostic::new("E0204", format!("`{}` is ambiguous", name.text), name.span, "declared in more than one imported package")
                        .with_help(format!("qualify it: {}", options.join(" or "))),
                );
                None
            }
        }
    }

    fn unknown(&mut self, name: &ast::Ident, pkg: &str, imported: &[&str]) {
        let short = name.text.rsplit('.').next().unwrap_or(&name.text);
        let candidates: Vec<&str> = self
            .names
            .keys()
            .filter(|(p, _)| p == pkg || imported.contains(&p.as_str()))
            .map(|(_, n)| n.as_str())
            .chain(SCALARS.iter().map(|(k, _)| *k))
            .collect();
        let help = match closest(short, candidates) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "declare it, import the file that declares it, or use a scalar (`u32`, `string`, ...)".to_string(),
        };
        self.diags.push(Diagnostic::new("E0202", format!("cannot find type `{}`", name.text), name.span, "not declared").with_help(help));
    }

    fn resolve(&mut self, file: SourceId, t: &ast::TypeExpr, pos: Pos) -> TypeRef {
        const PLACEHOLDER: TypeRef = TypeRef::Scalar { scalar: Scalar::Bool };
        match &t.kind {
            TypeExprKind::Named(n) => {
                if let Some((_, s)) = SCALARS.iter().find(|(k, _)| *k == n.text) {
                    if pos == Pos::MapKey && !matches!(s, Scalar::String | Scalar::I32 | Scalar::I64 | Scalar::U32 | Scalar::U64) {
                        self.bad_map_key(t);
                    }
                    return TypeRef::Scalar { scalar: *s };
                }
                if n.text == "list" || n.text == "map" {
                    self.diags.push(
                        Diagnostic::new("E0202", format!("`{}` needs type arguments", n.text), n.span, "missing `<...>`")
                            .with_help(if n.text == "list" { "write `list<T>`" } else { "write `map<K, V>`" }),
                    );
                    return PLACEHOLDER;
                }
                let Some(sym) = self.lookup(file, n) else { return PLACEHOLDER };
                let Some(id) = sym.ty else {
                    self.diags.push(
                        Diagnostic::new("E0205", format!("`{}` is a service, not a type", n.text), n.span, "not a type")
                            .with_secondary(sym.span, "declared as a service here")
                            .with_help("services cannot be passed around; use a `handle` to refer to state in the service"),
                    );
                    return PLACEHOLDER;
                };
                if pos == Pos::MapKey {
                    self.bad_map_key(t);
                }
                TypeRef::Named { id }
            }
            TypeExprKind::Buffer(elem) => {
                let Some((_, e)) = BUFFER_ELEMS.iter().find(|(k, _)| *k == elem.text) else {
                    let help = match elem.text.as_str() {
                        "bool" | "string" | "bytes" => format!("typed buffers hold numbers; use `list<{}>`", elem.text),
                        _ => format!("typed buffers are u8[] i8[] u16[] i16[] u32[] i32[] f32[] f64[] i64[] u64[]; for other elements use `list<{}>`", elem.text),
                    };
                    self.diags.push(Diagnostic::new("E0501", format!("`{}[]` is not a typed buffer", elem.text), t.span, "unknown buffer element").with_help(help));
                    return PLACEHOLDER;
                };
                match pos {
                    Pos::ListElem | Pos::MapValue => self.diags.push(
                        Diagnostic::new("E0504", format!("a typed buffer cannot be {}", if pos == Pos::ListElem { "a list element" } else { "a map value" }), t.span, "buffer not allowed here")
                            .with_help("buffers are bulk data read in place: use them as fields, parameters, results or union payloads; wrap it in a struct to make a list of them"),
                    ),
                    Pos::MapKey => self.bad_map_key(t),
                    _ => {}
                }
                TypeRef::Buffer { elem: *e }
            }
            TypeExprKind::List(inner) => {
                if pos == Pos::MapKey {
                    self.bad_map_key(t);
                }
                TypeRef::List { elem: Box::new(self.resolve(file, inner, Pos::ListElem)) }
            }
            TypeExprKind::Map(k, v) => {
                if pos == Pos::MapKey {
                    self.bad_map_key(t);
                }
                let key = match self.resolve(file, k, Pos::MapKey) {
                    TypeRef::Scalar { scalar: Scalar::String } => MapKey::String,
                    TypeRef::Scalar { scalar: Scalar::I32 } => MapKey::I32,
                    TypeRef::Scalar { scalar: Scalar::I64 } => MapKey::I64,
                    TypeRef::Scalar { scalar: Scalar::U32 } => MapKey::U32,
                    TypeRef::Scalar { scalar: Scalar::U64 } => MapKey::U64,
                    _ => MapKey::String,
                };
                TypeRef::Map { key, value: Box::new(self.resolve(file, v, Pos::MapValue)) }
            }
            TypeExprKind::Optional(inner) => {
                if matches!(inner.kind, TypeExprKind::Optional(_)) {
                    self.diags.push(
                        Diagnostic::new("E0503", "optionals do not nest", t.span, "`T??`")
                            .with_help("one `?` is enough: an optional is present or absent (docs/wire.md §3.7)"),
                    );
                    return self.resolve(file, inner, pos);
                }
                if pos == Pos::MapKey {
                    self.bad_map_key(t);
                }
                // `T?` inside a list or map is still inside it (no `list<f32[]?>`).
                let inner_pos = if matches!(pos, Pos::ListElem | Pos::MapValue) { pos } else { Pos::OptionalInner };
                TypeRef::Optional { inner: Box::new(self.resolve(file, inner, inner_pos)) }
            }
        }
    }

    fn bad_map_key(&mut self, t: &ast::TypeExpr) {
        self.diags.push(
            Diagnostic::new("E0502", "invalid map key type", t.span, "not a valid key")
                .with_help("map keys are `string`, `i32`, `i64`, `u32` or `u64`"),
        );
    }

    /// Error wire ids are unique across the whole schema.
    fn check_error_ids(&mut self, ir: &Ir) {
        let mut seen: HashMap<u32, &TypeDef> = HashMap::new();
        for t in &ir.types {
            let TypeDefKind::Error(e) = &t.kind else { continue };
            if let Some(first) = seen.get(&e.wire_id) {
                let span = self.decl_span(t.id);
                let first_span = self.decl_span(first.id);
                self.diags.push(
                    Diagnostic::new("E0305", format!("error wire id {} is used by `{}` and `{}`", e.wire_id, first.qualified_name(), t.qualified_name()), span, "second error with this id")
                        .with_secondary(first_span, "first error with this id")
                        .with_help("error ids are unique in a schema; pin one with `@id(N)`"),
                );
            } else {
                seen.insert(e.wire_id, t);
            }
        }
    }

    fn decl_span(&self, id: TypeId) -> Span {
        let (file, d) = self.types[id.0 as usize];
        self.file_ast(file).decls[d].name.span
    }

    /// Reports types that have no finite value: a struct that needs itself
    /// (through required fields only), or a union whose every variant does.
    fn check_finite(&mut self, ir: &Ir) {
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
                    TypeDefKind::Union(u) => u.variants.is_empty() || u.variants.iter().any(|v| v.payload.as_ref().is_none_or(|p| ref_finite(p, &finite))),
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
            fields.iter().filter_map(|f| named(&f.ty).map(|id| (format!(".{}", f.name), id))).collect()
        }
        TypeDefKind::Union(u) => {
            u.variants.iter().filter_map(|v| v.payload.as_ref().and_then(named).map(|id| (format!("::{}", v.name), id))).collect()
        }
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
                return Some(format!("{}{step} → {}", path_from(ir, &came_from, start, cur), ir.ty(start).name));
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
fn path_from(ir: &Ir, came_from: &HashMap<TypeId, (TypeId, String)>, start: TypeId, end: TypeId) -> String {
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

/// The ids (field ids, tags, enum values, op ids) given so far in one scope.
#[derive(Default)]
struct IdScope<'n> {
    seen: Vec<(u32, Span, &'n str)>,
}

impl<'n> IdScope<'n> {
    /// Records `id` for `name` at `span`; returns where and by whom it was first taken, if it was.
    fn add(&mut self, id: u32, span: Span, name: &'n str) -> Option<(Span, &'n str)> {
        let first = self.seen.iter().find(|(x, _, _)| *x == id).map(|(_, s, n)| (*s, *n));
        self.seen.push((id, span, name));
        first
    }

    /// Whether some id was already given to `name`.
    fn has_name(&self, name: &str) -> bool {
        self.seen.iter().any(|(_, _, n)| *n == name)
    }
}

fn ref_finite(t: &TypeRef, finite: &[bool]) -> bool {
    match t {
        TypeRef::Named { id } => finite[id.0 as usize],
        _ => true,
    }
}

/// Scalar keywords.
pub const SCALARS: &[(&str, Scalar)] = &[
    ("bool", Scalar::Bool),
    ("i8", Scalar::I8),
    ("i16", Scalar::I16),
    ("i32", Scalar::I32),
    ("i64", Scalar::I64),
    ("u8", Scalar::U8),
    ("u16", Scalar::U16),
    ("u32", Scalar::U32),
    ("u64", Scalar::U64),
    ("f32", Scalar::F32),
    ("f64", Scalar::F64),
    ("string", Scalar::String),
    ("bytes", Scalar::Bytes),
];

/// Typed buffer element keywords.
const BUFFER_ELEMS: &[(&str, BufferElem)] = &[
    ("u8", BufferElem::U8),
    ("i8", BufferElem::I8),
    ("u16", BufferElem::U16),
    ("i16", BufferElem::I16),
    ("u32", BufferElem::U32),
    ("i32", BufferElem::I32),
    ("f32", BufferElem::F32),
    ("f64", BufferElem::F64),
    ("i64", BufferElem::I64),
    ("u64", BufferElem::U64),
];

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

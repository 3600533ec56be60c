//! Declarations: every type and service name into its package's namespace,
//! and the naming rules on them and on members — package names (docs/kkidl.md
//! §3.1), duplicate names (E0201, E0203), one name per compilation across
//! packages (E0605), canonical case (§5.1, E0602/E0603) and collisions after
//! case conversion (§5.2, E0601).

use super::{Checker, Symbol};
use crate::ast::{self, DeclKind};
use crate::diagnostic::Diagnostic;
use crate::ir::TypeId;
use crate::names::{case_mismatch, spellings, Case};
use crate::source::Span;
use std::collections::HashMap;

impl Checker<'_> {
    pub(super) fn check_package(&mut self, p: &ast::Package) {
        let ok = p.name.text.split('.').all(|seg| {
            seg.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && seg
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
        if !ok {
            let mut fixed: Vec<String> = p
                .name
                .text
                .split('.')
                .map(|s| {
                    s.chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .collect::<String>()
                        .to_lowercase()
                })
                .map(|s| {
                    s.trim_start_matches(|c: char| c.is_ascii_digit())
                        .to_string()
                })
                .filter(|s| !s.is_empty())
                .collect();
            if fixed.is_empty() {
                fixed.push("app".into());
            }
            self.diags.push(
                Diagnostic::new(
                    "E0603",
                    format!("package name `{}` is not lowercase", p.name.text),
                    p.name.span,
                    "package segments are lowercase letters and digits",
                )
                .with_help(format!(
                    "Go and TypeScript use each segment as a module name; write `package {};`",
                    fixed.join(".")
                )),
            );
        }
    }

    /// Pass 1: every type and service name into its package's namespace.
    pub(super) fn declare(&mut self) {
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
                self.names.insert(
                    key,
                    Symbol {
                        span: d.name.span,
                        ty,
                        is_error: matches!(d.kind, DeclKind::Error(_)),
                    },
                );
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
    pub(super) fn name_case(&mut self, name: &ast::Ident, case: Case, what: &str) -> bool {
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
    pub(super) fn unique_members<'n>(
        &mut self,
        what: &str,
        scope: &str,
        names: impl IntoIterator<Item = &'n ast::Ident>,
    ) {
        let mut seen: Vec<(&ast::Ident, [String; 4])> = Vec::new();
        for n in names {
            let sp = spellings(&n.text);
            let well_cased = case_mismatch(&n.text, Case::Snake).is_none()
                || case_mismatch(&n.text, Case::Pascal).is_none();
            if let Some((first, _)) = seen.iter().find(|(f, s)| {
                f.text == n.text || well_cased && s.iter().zip(sp.iter()).any(|(a, b)| a == b)
            }) {
                let (code, msg, help) = if first.text == n.text {
                    (
                        "E0203",
                        format!("{what} `{}` is declared twice in {scope}", n.text),
                        "rename or remove one".to_string(),
                    )
                } else {
                    (
                        "E0601",
                        format!("{what} `{}` collides with `{}` after case conversion", n.text, first.text),
                        "backends convert names to their own case (Rust `a_b`, TS `aB`, Go `AB`); rename one".to_string(),
                    )
                };
                self.diags.push(
                    Diagnostic::new(code, msg, n.span, "declared again here")
                        .with_secondary(first.span, "first declared here")
                        .with_help(help),
                );
                continue;
            }
            seen.push((n, sp));
        }
    }
}

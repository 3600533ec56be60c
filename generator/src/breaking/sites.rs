//! Where each thing the comparison talks about is written: a side table from
//! the syntax trees, keyed by qualified names, so that the serialized IR
//! stays free of spans.

use kkidl::ast::{self, DeclKind};
use kkidl::load::Loaded;
use kkidl::source::{SourceMap, Span};
use std::collections::HashMap;

/// A place in a schema file: `file:line:col`, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file as shown in diagnostics.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Something the comparison can point at, named by qualified names
/// (`package.Type`, `package.Service`) and member names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Site {
    /// The first `package` line declaring this package.
    Package(String),
    /// A type or service declaration, by qualified name.
    Decl(String),
    /// A field or variant of a type, or an event of a service.
    Member(String, String),
    /// An op of a service.
    Op(String, String),
    /// A parameter of an op.
    Param(String, String, String),
    /// The result type of an op.
    Result(String, String),
    /// An error named after an op's `throws`, by its unqualified name.
    Throws(String, String, String),
    /// An event named after an op's `emits`.
    Emits(String, String, String),
}

/// The location of every [`Site`] of one schema set.
#[derive(Debug, Clone, Default)]
pub struct Sites {
    map: HashMap<Site, Location>,
}

impl Sites {
    /// Collects every site of the files `loaded` read.
    pub fn collect(loaded: &Loaded) -> Self {
        let mut sites = Sites::default();
        let at = |span: Span| location(&loaded.sources, span);
        for file in &loaded.files {
            let package = &file.ast.package.name.text;
            sites
                .map
                .entry(Site::Package(package.clone()))
                .or_insert_with(|| at(file.ast.package.name.span));
            for d in &file.ast.decls {
                let q = format!("{package}.{}", d.name.text);
                let mut add = |site: Site, span: Span| {
                    sites.map.insert(site, at(span));
                };
                add(Site::Decl(q.clone()), d.name.span);
                match &d.kind {
                    DeclKind::Struct(fields) | DeclKind::Error(fields) => {
                        for f in fields {
                            add(Site::Member(q.clone(), f.name.text.clone()), f.name.span);
                        }
                    }
                    DeclKind::Enum(variants) => {
                        for v in variants {
                            add(Site::Member(q.clone(), v.name.text.clone()), v.name.span);
                        }
                    }
                    DeclKind::Union(variants) => {
                        for v in variants {
                            add(Site::Member(q.clone(), v.name.text.clone()), v.name.span);
                        }
                    }
                    DeclKind::Handle => {}
                    DeclKind::Service(members) => {
                        for e in ast::events(members) {
                            add(Site::Member(q.clone(), e.name.text.clone()), e.name.span);
                        }
                        for o in ast::ops(members) {
                            let op = o.name.text.clone();
                            add(Site::Op(q.clone(), op.clone()), o.name.span);
                            for p in &o.params {
                                add(
                                    Site::Param(q.clone(), op.clone(), p.name.text.clone()),
                                    p.name.span,
                                );
                            }
                            if let Some(r) = &o.result {
                                add(Site::Result(q.clone(), op.clone()), r.span);
                            }
                            for t in &o.throws {
                                let bare = t.text.rsplit('.').next().unwrap_or(&t.text);
                                add(
                                    Site::Throws(q.clone(), op.clone(), bare.to_string()),
                                    t.span,
                                );
                            }
                            for e in &o.emits {
                                add(Site::Emits(q.clone(), op.clone(), e.text.clone()), e.span);
                            }
                        }
                    }
                }
            }
        }
        sites
    }

    /// Where `site` is written, if it is.
    pub fn get(&self, site: &Site) -> Option<Location> {
        self.map.get(site).cloned()
    }
}

/// The location of the start of `span`.
fn location(sources: &SourceMap, span: Span) -> Location {
    let (line, col) = sources.line_col(span.file, span.start);
    Location {
        file: sources.get(span.file).name.clone(),
        line,
        col,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    struct One(&'static str);

    impl kkidl::load::FileSystem for One {
        fn read(&self, _: &Path) -> std::io::Result<String> {
            Ok(self.0.to_string())
        }
        fn identity(&self, path: &Path) -> PathBuf {
            path.to_path_buf()
        }
    }

    #[test]
    fn every_kind_of_site_points_at_its_name() {
        let text = "package a.v1;\n\nstruct Item {\n    name: string,\n}\n\nerror Oops {\n    why: string,\n}\n\nservice Svc {\n    event seen: string;\n    op get(\n        key: string,\n    ) -> string throws Oops emits seen;\n}\n";
        let loaded = kkidl::load::load(&One(text), &[PathBuf::from("a.kkidl")], &[]).unwrap();
        let sites = Sites::collect(&loaded);
        let at = |site: Site| sites.get(&site).map(|l| l.to_string());
        let s = || "a.v1.Svc".to_string();
        let g = || "get".to_string();
        assert_eq!(at(Site::Package("a.v1".into())).unwrap(), "a.kkidl:1:9");
        assert_eq!(at(Site::Decl("a.v1.Item".into())).unwrap(), "a.kkidl:3:8");
        assert_eq!(
            at(Site::Member("a.v1.Item".into(), "name".into())).unwrap(),
            "a.kkidl:4:5"
        );
        assert_eq!(
            at(Site::Member(s(), "seen".into())).unwrap(),
            "a.kkidl:12:11"
        );
        assert_eq!(at(Site::Op(s(), g())).unwrap(), "a.kkidl:13:8");
        assert_eq!(
            at(Site::Param(s(), g(), "key".into())).unwrap(),
            "a.kkidl:14:9"
        );
        assert_eq!(at(Site::Result(s(), g())).unwrap(), "a.kkidl:15:10");
        assert_eq!(
            at(Site::Throws(s(), g(), "Oops".into())).unwrap(),
            "a.kkidl:15:24"
        );
        assert_eq!(
            at(Site::Emits(s(), g(), "seen".into())).unwrap(),
            "a.kkidl:15:35"
        );
        assert_eq!(at(Site::Decl("a.v1.Nothing".into())), None);
    }
}

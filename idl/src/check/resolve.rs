//! Resolution: finding a name visible from a file (docs/kkidl.md §3.3; unknown
//! names with a "did you mean", E0202, ambiguous ones, E0204) and turning type
//! expressions into IR type references — scalars (§6.1), typed buffers and
//! where they may appear (§6.2, E0501/E0504), lists, maps and their keys, and
//! optionals (§6.3, E0502/E0503), services used as types (E0205).

use super::{Checker, Pos, Symbol};
use crate::ast::{self, TypeExprKind};
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::names::closest;
use crate::source::SourceId;

impl Checker<'_> {
    /// Finds a declared name visible from `file`: qualified `pkg.Name`, or
    /// unqualified in the file's own package, then in the packages it imports.
    pub(super) fn lookup(&mut self, file: SourceId, name: &ast::Ident) -> Option<Symbol> {
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
        let found: Vec<(&str, Symbol)> = imported
            .iter()
            .filter_map(|p| {
                self.names
                    .get(&(p.to_string(), name.text.clone()))
                    .map(|s| (*p, *s))
            })
            .collect();
        match found.len() {
            1 => Some(found[0].1),
            0 => {
                self.unknown(name, own, &imported);
                None
            }
            _ => {
                let options: Vec<String> = found
                    .iter()
                    .map(|(p, _)| format!("`{p}.{}`", name.text))
                    .collect();
                self.diags.push(
                    Diagnostic::new(
                        "E0204",
                        format!("`{}` is ambiguous", name.text),
                        name.span,
                        "declared in more than one imported package",
                    )
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
        self.diags.push(
            Diagnostic::new(
                "E0202",
                format!("cannot find type `{}`", name.text),
                name.span,
                "not declared",
            )
            .with_help(help),
        );
    }

    pub(super) fn resolve(&mut self, file: SourceId, t: &ast::TypeExpr, pos: Pos) -> TypeRef {
        const PLACEHOLDER: TypeRef = TypeRef::Scalar {
            scalar: Scalar::Bool,
        };
        match &t.kind {
            TypeExprKind::Named(n) => {
                if let Some((_, s)) = SCALARS.iter().find(|(k, _)| *k == n.text) {
                    if pos == Pos::MapKey
                        && !matches!(
                            s,
                            Scalar::String | Scalar::I32 | Scalar::I64 | Scalar::U32 | Scalar::U64
                        )
                    {
                        self.bad_map_key(t);
                    }
                    return TypeRef::Scalar { scalar: *s };
                }
                if n.text == "list" || n.text == "map" {
                    self.diags.push(
                        Diagnostic::new(
                            "E0202",
                            format!("`{}` needs type arguments", n.text),
                            n.span,
                            "missing `<...>`",
                        )
                        .with_help(if n.text == "list" {
                            "write `list<T>`"
                        } else {
                            "write `map<K, V>`"
                        }),
                    );
                    return PLACEHOLDER;
                }
                let Some(sym) = self.lookup(file, n) else {
                    return PLACEHOLDER;
                };
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
                    self.diags.push(
                        Diagnostic::new(
                            "E0501",
                            format!("`{}[]` is not a typed buffer", elem.text),
                            t.span,
                            "unknown buffer element",
                        )
                        .with_help(help),
                    );
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
                TypeRef::List {
                    elem: Box::new(self.resolve(file, inner, Pos::ListElem)),
                }
            }
            TypeExprKind::Map(k, v) => {
                if pos == Pos::MapKey {
                    self.bad_map_key(t);
                }
                let key = match self.resolve(file, k, Pos::MapKey) {
                    TypeRef::Scalar {
                        scalar: Scalar::String,
                    } => MapKey::String,
                    TypeRef::Scalar {
                        scalar: Scalar::I32,
                    } => MapKey::I32,
                    TypeRef::Scalar {
                        scalar: Scalar::I64,
                    } => MapKey::I64,
                    TypeRef::Scalar {
                        scalar: Scalar::U32,
                    } => MapKey::U32,
                    TypeRef::Scalar {
                        scalar: Scalar::U64,
                    } => MapKey::U64,
                    _ => MapKey::String,
                };
                TypeRef::Map {
                    key,
                    value: Box::new(self.resolve(file, v, Pos::MapValue)),
                }
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
                let inner_pos = if matches!(pos, Pos::ListElem | Pos::MapValue) {
                    pos
                } else {
                    Pos::OptionalInner
                };
                TypeRef::Optional {
                    inner: Box::new(self.resolve(file, inner, inner_pos)),
                }
            }
        }
    }

    fn bad_map_key(&mut self, t: &ast::TypeExpr) {
        self.diags.push(
            Diagnostic::new("E0502", "invalid map key type", t.span, "not a valid key")
                .with_help("map keys are `string`, `i32`, `i64`, `u32` or `u64`"),
        );
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

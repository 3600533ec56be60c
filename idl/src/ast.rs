//! The syntax tree: what the user wrote, with a [`Span`] on every node.
//!
//! Produced by [`crate::parse`], read by [`crate::check`] (which resolves it
//! into the IR) and by [`crate::fmt`] (which prints it back canonically).
//! Nothing here is resolved: type names are still strings.

use crate::source::Span;

/// One parsed `.kkidl` file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// `package a.b.v1;` with the file's leading docs.
    pub package: Package,
    /// `import "x.kkidl";` lines, in order.
    pub imports: Vec<Import>,
    /// Declarations in source order.
    pub decls: Vec<Decl>,
}

/// The `package` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// Doc comments and annotations above it (the file's documentation).
    pub prefix: Prefix,
    /// Dotted name, e.g. `geo.v1`.
    pub name: Ident,
    /// The whole line.
    pub span: Span,
}

/// An `import "path";` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// Doc comments and annotations above it.
    pub prefix: Prefix,
    /// The path as written, relative to the importing file.
    pub path: String,
    /// Span of the string literal.
    pub path_span: Span,
    /// The whole line.
    pub span: Span,
}

/// A name with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The text, e.g. `Mesh` or `geo.v1.Mesh`.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// `///` docs and `@annotations` in front of a declaration, member or op.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prefix {
    /// Doc lines without `///` and without one leading space.
    pub docs: Vec<String>,
    /// Annotations in source order.
    pub annotations: Vec<Annotation>,
}

/// `@name` or `@name(arg)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// The name after `@`.
    pub name: Ident,
    /// The argument, if any.
    pub arg: Option<AnnotationArg>,
    /// The whole annotation.
    pub span: Span,
}

/// The argument of an annotation.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotationArg {
    /// An integer literal (decimal or `0x` hex); `None` when it overflows u64.
    Int(Option<u64>, Span),
    /// A string literal, unescaped.
    Str(String, Span),
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    /// Docs and annotations.
    pub prefix: Prefix,
    /// Its name.
    pub name: Ident,
    /// What it declares.
    pub kind: DeclKind,
    /// From the first doc line or annotation to the closing brace or semicolon.
    pub span: Span,
    /// Span of the keyword and name only (`struct Mesh`), for diagnostics.
    pub head_span: Span,
}

/// The body of a [`Decl`].
#[derive(Debug, Clone, PartialEq)]
pub enum DeclKind {
    /// `struct Name { fields }`.
    Struct(Vec<Field>),
    /// `error Name { fields }`.
    Error(Vec<Field>),
    /// `enum Name { A, B = 5 }`.
    Enum(Vec<EnumVariant>),
    /// `union Name { A(T), B }`.
    Union(Vec<UnionVariant>),
    /// `handle Name;`.
    Handle,
    /// `service Name { op ...; event ...; }`: ops and events in source order.
    Service(Vec<ServiceMember>),
}

impl DeclKind {
    /// The keyword that introduces it.
    pub fn keyword(&self) -> &'static str {
        match self {
            DeclKind::Struct(_) => "struct",
            DeclKind::Error(_) => "error",
            DeclKind::Enum(_) => "enum",
            DeclKind::Union(_) => "union",
            DeclKind::Handle => "handle",
            DeclKind::Service(_) => "service",
        }
    }
}

/// A struct or error field, or an op parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Docs and annotations.
    pub prefix: Prefix,
    /// Its name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// The whole field, prefix included.
    pub span: Span,
}

/// A variant of a C-like enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// Docs and annotations.
    pub prefix: Prefix,
    /// Its name.
    pub name: Ident,
    /// `= N`, if written (`None` inside when it overflows u64).
    pub value: Option<(Option<u64>, Span)>,
    /// The whole variant, prefix included.
    pub span: Span,
}

/// A variant of a tagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Docs and annotations.
    pub prefix: Prefix,
    /// Its name.
    pub name: Ident,
    /// `(T)`, if written.
    pub payload: Option<TypeExpr>,
    /// The whole variant, prefix included.
    pub span: Span,
}

/// One item of a service body.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceMember {
    /// `op name(...) ...;`.
    Op(Op),
    /// `event name: Type;`.
    Event(Event),
}

/// The ops of a service body, in source order.
pub fn ops(members: &[ServiceMember]) -> impl Iterator<Item = &Op> + Clone {
    members.iter().filter_map(|m| match m {
        ServiceMember::Op(o) => Some(o),
        ServiceMember::Event(_) => None,
    })
}

/// The events of a service body, in source order.
pub fn events(members: &[ServiceMember]) -> impl Iterator<Item = &Event> + Clone {
    members.iter().filter_map(|m| match m {
        ServiceMember::Event(e) => Some(e),
        ServiceMember::Op(_) => None,
    })
}

/// `event name: Type;`: something the service pushes to subscribers.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Docs and annotations.
    pub prefix: Prefix,
    /// Its name.
    pub name: Ident,
    /// Its payload type.
    pub ty: TypeExpr,
    /// The whole event, prefix included.
    pub span: Span,
}

/// `op name(params) -> Result throws E1, E2 emits e1, e2;`.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    /// Docs and annotations.
    pub prefix: Prefix,
    /// Its name.
    pub name: Ident,
    /// Parameters.
    pub params: Vec<Field>,
    /// `-> T`, if written.
    pub result: Option<TypeExpr>,
    /// Error type names after `throws`.
    pub throws: Vec<Ident>,
    /// Event names after `emits`.
    pub emits: Vec<Ident>,
    /// The whole op, prefix included.
    pub span: Span,
}

/// A type as written.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// What kind of type expression.
    pub kind: TypeExprKind,
    /// Where it is.
    pub span: Span,
}

/// The forms a [`TypeExpr`] takes.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeExprKind {
    /// A scalar keyword or a (possibly qualified) declared name.
    Named(Ident),
    /// `elem[]`; the element name is checked later.
    Buffer(Ident),
    /// `list<T>`.
    List(Box<TypeExpr>),
    /// `map<K, V>`.
    Map(Box<TypeExpr>, Box<TypeExpr>),
    /// `T?`.
    Optional(Box<TypeExpr>),
}

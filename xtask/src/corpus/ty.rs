//! The corpus's model of a kkidl type expression: every leaf (scalars,
//! `bytes`, `string`, typed buffers, and the declared types every corpus
//! schema defines) and constructor (`list`, `map` with each key kind, `?`),
//! the placement rules `kkgen check` enforces (docs/kkidl.md §6), and for
//! each expression its kkidl text and a non-trivial Rust value.

/// The declared types every corpus schema defines ([`LEAF_DECLARATIONS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    /// `struct Leaf { a: u32, s: string }`.
    Struct,
    /// `enum Color { Red = 1, Green = 5 }` (no 0 value: the default is `Red`).
    Enum,
    /// `union Choice { Num(i64), Text(string), Nothing }`.
    Union,
    /// `handle Res;`.
    Handle,
    /// `error Fail { code: u32 }`, used as a type.
    Error,
    /// `struct Tree { label: string, kids: list<Tree> }` (recursive through a list).
    Recursive,
}

/// The declarations of [`Declared`], in kkidl.
pub const LEAF_DECLARATIONS: &str = "\
struct Leaf {
    a: u32,
    s: string,
}

enum Color {
    Red = 1,
    Green = 5,
}

union Choice {
    Num(i64),
    Text(string),
    Nothing,
}

handle Res;

error Fail {
    code: u32,
}

struct Tree {
    label: string,
    kids: list<Tree>,
}
";

/// Scalar keywords (docs/kkidl.md §6.1), `bytes` and `string` included.
pub const SCALARS: [&str; 13] = [
    "bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "string", "bytes",
];

/// Typed buffer element keywords (§6.2).
pub const BUFFERS: [&str; 10] = [
    "u8", "i8", "u16", "i16", "u32", "i32", "f32", "f64", "i64", "u64",
];

/// Map key keywords (§6.3).
pub const MAP_KEYS: [&str; 5] = ["string", "i32", "i64", "u32", "u64"];

/// Every declared leaf.
pub const DECLARED: [Declared; 6] = [
    Declared::Struct,
    Declared::Enum,
    Declared::Union,
    Declared::Handle,
    Declared::Error,
    Declared::Recursive,
];

/// A type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A scalar keyword.
    Scalar(&'static str),
    /// A typed buffer `T[]` of this element keyword.
    Buffer(&'static str),
    /// A declared type.
    Named(Declared),
    /// `list<T>`.
    List(Box<Ty>),
    /// `map<K, T>` with this key keyword.
    Map(&'static str, Box<Ty>),
    /// `T?`.
    Optional(Box<Ty>),
}

/// A constructor that wraps a type: the nesting steps of the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrap {
    /// `list<_>`.
    List,
    /// `map<K, _>`.
    Map(&'static str),
    /// `_?`.
    Optional,
}

/// Every constructor: list, a map per key kind, optional.
pub fn wraps() -> Vec<Wrap> {
    let mut all = vec![Wrap::List];
    all.extend(MAP_KEYS.iter().map(|k| Wrap::Map(k)));
    all.push(Wrap::Optional);
    all
}

/// Every leaf: scalars, buffers, declared types.
pub fn leaves() -> Vec<Ty> {
    let mut all: Vec<Ty> = SCALARS.iter().map(|s| Ty::Scalar(s)).collect();
    all.extend(BUFFERS.iter().map(|b| Ty::Buffer(b)));
    all.extend(DECLARED.iter().map(|d| Ty::Named(*d)));
    all
}

impl Ty {
    /// `inner` wrapped by `wrap`.
    pub fn wrap(wrap: Wrap, inner: Ty) -> Ty {
        match wrap {
            Wrap::List => Ty::List(Box::new(inner)),
            Wrap::Map(k) => Ty::Map(k, Box::new(inner)),
            Wrap::Optional => Ty::Optional(Box::new(inner)),
        }
    }

    /// Whether `kkgen check` accepts this expression in a field, parameter,
    /// result or union payload: no buffer as a list element or map value
    /// (E0504, also not inside an optional there), no optional of an optional (E0503).
    pub fn is_valid(&self) -> bool {
        self.valid_at(false)
    }

    fn valid_at(&self, in_collection: bool) -> bool {
        match self {
            Ty::Scalar(_) | Ty::Named(_) => true,
            Ty::Buffer(_) => !in_collection,
            Ty::List(t) | Ty::Map(_, t) => t.valid_at(true),
            Ty::Optional(t) => !matches!(**t, Ty::Optional(_)) && t.valid_at(in_collection),
        }
    }

    /// Constructor depth: 0 for a leaf.
    pub fn depth(&self) -> usize {
        match self {
            Ty::Scalar(_) | Ty::Buffer(_) | Ty::Named(_) => 0,
            Ty::List(t) | Ty::Map(_, t) | Ty::Optional(t) => 1 + t.depth(),
        }
    }

    /// The kkidl text.
    pub fn kkidl(&self) -> String {
        match self {
            Ty::Scalar(s) => (*s).to_string(),
            Ty::Buffer(b) => format!("{b}[]"),
            Ty::Named(d) => d.name().to_string(),
            Ty::List(t) => format!("list<{}>", t.kkidl()),
            Ty::Map(k, t) => format!("map<{k}, {}>", t.kkidl()),
            Ty::Optional(t) => format!("{}?", t.kkidl()),
        }
    }

    /// A non-trivial Rust value of the generated type (every list and map has
    /// two entries, the second the element's default; every optional is present).
    pub fn rust_value(&self) -> String {
        match self {
            Ty::Scalar(s) => rust_scalar(s).to_string(),
            Ty::Buffer(b) => format!(
                "::kkrpc_runtime::wire::Buffer::from(vec![{}])",
                rust_buffer(b)
            ),
            Ty::Named(d) => d.rust_value().to_string(),
            Ty::List(t) => format!(
                "vec![{}, ::std::default::Default::default()]",
                t.rust_value()
            ),
            Ty::Map(k, t) => {
                let (a, b) = rust_keys(k);
                format!("::std::collections::BTreeMap::from([({a}, {}), ({b}, ::std::default::Default::default())])", t.rust_value())
            }
            Ty::Optional(t) => format!("Some({})", t.rust_value()),
        }
    }
}

impl Declared {
    /// The type's name in every corpus schema.
    pub fn name(self) -> &'static str {
        match self {
            Declared::Struct => "Leaf",
            Declared::Enum => "Color",
            Declared::Union => "Choice",
            Declared::Handle => "Res",
            Declared::Error => "Fail",
            Declared::Recursive => "Tree",
        }
    }

    fn rust_value(self) -> &'static str {
        match self {
            Declared::Struct => "Leaf { a: 7, s: \"leaf\".to_string() }",
            Declared::Enum => "Color::Green",
            Declared::Union => "Choice::Text(\"t\".to_string())",
            Declared::Handle => "Res(42)",
            Declared::Error => "Fail { code: 9 }",
            Declared::Recursive => {
                "Tree { label: \"root\".to_string(), kids: vec![Tree { label: \"kid\".to_string(), kids: vec![] }] }"
            }
        }
    }
}

/// Values far from the defaults and at the edges JavaScript numbers cannot hold.
fn rust_scalar(s: &str) -> &'static str {
    match s {
        "bool" => "true",
        "i8" => "-128i8",
        "i16" => "-300i16",
        "i32" => "-70000i32",
        "i64" => "-9007199254740993i64",
        "u8" => "255u8",
        "u16" => "65535u16",
        "u32" => "4000000000u32",
        "u64" => "18446744073709551615u64",
        "f32" => "1.5f32",
        "f64" => "-2.25e300f64",
        "string" => "\"h\\u{e9}llo \\u{2713} \\u{1f600}\".to_string()",
        "bytes" => "vec![0u8, 255, 7]",
        other => unreachable!("not a scalar: {other}"),
    }
}

fn rust_buffer(b: &str) -> &'static str {
    match b {
        "u8" => "1u8, 2, 250",
        "i8" => "-1i8, 2",
        "u16" => "1u16, 65535",
        "i16" => "-2i16, 3, 4",
        "u32" => "4000000000u32",
        "i32" => "-5i32, 6",
        "f32" => "1.5f32, -2.0",
        "f64" => "0.125f64, -8.0, 1e-300",
        "i64" => "-9007199254740993i64, 1",
        "u64" => "18446744073709551615u64",
        other => unreachable!("not a buffer element: {other}"),
    }
}

/// Two keys of a map key kind, in the reverse of their wire order.
fn rust_keys(k: &str) -> (&'static str, &'static str) {
    match k {
        "string" => ("\"\\u{e9}\".to_string()", "\"b\".to_string()"),
        "i32" => ("7i32", "-7i32"),
        "i64" => ("5i64", "-9007199254740993i64"),
        "u32" => ("4000000000u32", "1u32"),
        "u64" => ("18446744073709551615u64", "0u64"),
        other => unreachable!("not a map key: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placement_rules_match_the_checker() {
        let f32s = || Box::new(Ty::Buffer("f32"));
        assert!(Ty::Buffer("f32").is_valid());
        assert!(Ty::Optional(f32s()).is_valid());
        assert!(!Ty::List(f32s()).is_valid());
        assert!(!Ty::Map("string", f32s()).is_valid());
        assert!(!Ty::List(Box::new(Ty::Optional(f32s()))).is_valid());
        assert!(!Ty::Optional(Box::new(Ty::Optional(Box::new(Ty::Scalar("u8"))))).is_valid());
        assert_eq!(
            Ty::Map(
                "i64",
                Box::new(Ty::List(Box::new(Ty::Named(Declared::Union))))
            )
            .kkidl(),
            "map<i64, list<Choice>>"
        );
    }
}

//! Schemas that use every name the backends generate, for the test that a
//! new generated name cannot be forgotten (issue: generated names collide
//! with user names): the backends' own lists ([`crate::Backend::emitted_names`])
//! for a seed schema with every kind of declaration are turned into
//! declarations in every position where kkidl allows the name — type,
//! service, union variant, field, parameter, op.
//!
//! A name generated at top level must be refused (`E0604`) as a type or
//! service name, and a generated member (`Client::new`) as an op name;
//! every other probe must be accepted, and [`accepted_schema`] puts them all
//! into one schema that every backend must generate compiling code for
//! (`tests/naming/rust` compiles and calls it in Rust; suite `corpus`,
//! `xtask/src/corpus/names.rs`, compiles it in all three languages with
//! warnings as errors and round-trips values of every name between them).

use crate::backend::Backend;
use heck::ToSnakeCase;
use kkidl::names::{case_mismatch, Case};
use kkidl::reserved::Item;

/// The seed: one declaration of every kind, a service with ops that throw
/// one and several errors, a fast op and nested types.
pub const SEED: &str = "package probe.v1;

struct Point { x: f64, y: f64 }
enum Color { Red, Blue }
union Shape { Dot, Circle(f64), At(Point) }
error Missing { what: string }
error Denied { code: u32 }
handle Pen;

service Draw {
    op line(from: Point, to: Point, color: Color) -> Shape throws Missing;
    op fill(shape: Shape, pen: Pen) -> Pen throws Missing, Denied;
    op fast(pen: Pen, x: i32) -> Color;
    op nothing();
}
";

/// Where a probe puts its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// `struct NAME { x: u8 }`.
    Type,
    /// `service NAME { op ping(); }`.
    Service,
    /// A variant of `union ProbeUnion`.
    Variant,
    /// A field of `struct ProbeStruct` (snake_case).
    Field,
    /// A parameter of `ProbeService.probe` (snake_case).
    Param,
    /// An op of `ProbeService` (snake_case).
    Op,
}

/// One generated name in one position, as a schema of its own.
#[derive(Debug, Clone)]
pub struct Probe {
    /// Where the name goes.
    pub position: Position,
    /// The name as declared (PascalCase or snake_case by position).
    pub name: String,
    /// The seed plus the probe's declaration.
    pub schema: String,
    /// Whether `kkgen check` must refuse it (`E0604`).
    pub refused: bool,
}

/// A name some backend generates for [`SEED`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GeneratedName {
    /// The identifier, with markers of other namespaces stripped (`name!`,
    /// `Type::member`).
    pub ident: String,
    /// A member (`Client::new`), not a top-level name.
    pub member: bool,
    /// One of the backends generating it also declares services under their
    /// own name, so a service named like it clashes there.
    pub service_clashes: bool,
}

/// Every generated name of `backends` for [`SEED`] (the declarations' own
/// names left out), sorted and unique by identifier and kind.
pub fn generated_names(backends: &[Box<dyn Backend>]) -> Vec<GeneratedName> {
    let ir = kkidl::compile_str("probe.kkidl", SEED, &[])
        .expect("the seed compiles")
        .ir;
    let mut out: Vec<GeneratedName> = Vec::new();
    for b in backends {
        let names = b.emitted_names(&ir);
        let declares_services = names.iter().any(|n| {
            n.item == Item::Declared && matches!(n.origin, kkidl::reserved::Origin::Service(_))
        });
        for n in names {
            if n.item == Item::Declared {
                continue;
            }
            let (ident, member) = match n.ident.rsplit_once("::") {
                Some((_, m)) => (m.to_string(), true),
                None => (n.ident.trim_end_matches('!').to_string(), false),
            };
            match out
                .iter_mut()
                .find(|g| g.ident == ident && g.member == member)
            {
                Some(g) => g.service_clashes |= declares_services,
                None => out.push(GeneratedName {
                    ident,
                    member,
                    service_clashes: declares_services,
                }),
            }
        }
    }
    out.sort();
    out
}

/// The declaration putting `name` in `position`.
fn declaration(position: Position, name: &str) -> String {
    match position {
        Position::Type => format!("struct {name} {{ x: u8 }}\n"),
        Position::Service => format!("service {name} {{ op ping(); }}\n"),
        Position::Variant => format!("union ProbeUnion {{ {name}, ProbeOther }}\n"),
        Position::Field => format!("struct ProbeStruct {{ {name}: u8 }}\n"),
        Position::Param => format!("service ProbeService {{ op probe({name}: u8); }}\n"),
        Position::Op => format!("service ProbeService {{ op {name}(); }}\n"),
    }
}

/// Every probe: each generated name in each position where its spelling is
/// a valid kkidl name (PascalCase positions take names already PascalCase;
/// snake_case positions take the name converted to snake_case).
pub fn probes(backends: &[Box<dyn Backend>]) -> Vec<Probe> {
    let mut out = Vec::new();
    for GeneratedName {
        ident,
        member,
        service_clashes,
    } in generated_names(backends)
    {
        let pascal = case_mismatch(&ident, Case::Pascal)
            .is_none()
            .then(|| ident.clone());
        let snake = ident.to_snake_case();
        let snake = case_mismatch(&snake, Case::Snake)
            .is_none()
            .then_some(snake);
        let positions = [
            (Position::Type, pascal.clone(), !member),
            (
                Position::Service,
                pascal.clone(),
                !member && service_clashes,
            ),
            (Position::Variant, pascal, false),
            (Position::Field, snake.clone(), false),
            (Position::Param, snake.clone(), false),
            (
                Position::Op,
                snake.clone(),
                member && snake.as_deref() == Some(ident.as_str()),
            ),
        ];
        for (position, name, refused) in positions {
            let Some(name) = name else { continue };
            let schema = format!("{SEED}\n{}", declaration(position, &name));
            out.push(Probe {
                position,
                name,
                schema,
                refused,
            });
        }
    }
    out
}

/// One schema holding every accepted probe: the seed, one union with every
/// variant, one struct with every field, and one service with every op and
/// one op taking every parameter (names whose spellings meet are kept once).
pub fn accepted_schema(probes: &[Probe]) -> String {
    let pick = |position: Position| {
        let mut seen: Vec<String> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        for p in probes
            .iter()
            .filter(|p| p.position == position && !p.refused)
        {
            let folded = kkidl::names::spellings(&p.name)[3].clone();
            if !seen.contains(&folded) {
                seen.push(folded);
                names.push(&p.name);
            }
        }
        names
    };
    let variants = pick(Position::Variant);
    let fields = pick(Position::Field);
    let params = pick(Position::Param);
    let ops = pick(Position::Op);
    let mut s = String::from(SEED);
    s.push_str(&format!(
        "\nunion ProbeUnion {{ ProbeOther, {} }}\n",
        variants.join(", ")
    ));
    s.push_str(&format!(
        "\nstruct ProbeStruct {{ {} }}\n",
        fields
            .iter()
            .map(|f| format!("{f}: u8"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    s.push_str("\nservice ProbeService {\n");
    s.push_str(&format!(
        "    op probe({}) -> ProbeStruct;\n",
        params
            .iter()
            .map(|p| format!("{p}: u8"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for op in ops.iter().filter(|o| **o != "probe") {
        s.push_str(&format!("    op {op}(x: ProbeUnion) -> ProbeStruct;\n"));
    }
    s.push_str("}\n");
    s
}

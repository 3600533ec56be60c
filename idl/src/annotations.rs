//! Annotations (`@id(N)`, `@since(N)`, `@deprecated("why")`): which exist,
//! where each is allowed, and what argument it takes (docs/kkidl.md §4).

use crate::ast::{AnnotationArg, Prefix};
use crate::diagnostic::Diagnostic;
use crate::ir::Meta;
use crate::names::closest;
use crate::source::Span;

/// Where a prefix sits, which decides the annotations it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// `package` or `import` line.
    File,
    /// struct, enum, union, handle or service declaration.
    Decl,
    /// error declaration (`@id` is its wire id).
    ErrorDecl,
    /// struct/error field or op parameter (`@id` is its field id).
    Field,
    /// union variant (`@id` is its tag).
    UnionVariant,
    /// enum variant (its value is written `= N`, not `@id`).
    EnumVariant,
    /// op (`@id` is its op id).
    Op,
    /// service event (no id: it is named on the wire).
    Event,
}

impl Site {
    fn allows_id(self) -> bool {
        matches!(
            self,
            Site::ErrorDecl | Site::Field | Site::UnionVariant | Site::Op
        )
    }
    fn describe(self) -> &'static str {
        match self {
            Site::File => "a package or import line",
            Site::Decl => "this declaration",
            Site::ErrorDecl => "an error",
            Site::Field => "a field",
            Site::UnionVariant => "a union variant",
            Site::EnumVariant => "an enum variant",
            Site::Op => "an op",
            Site::Event => "an event",
        }
    }
}

/// The annotations of one prefix, validated.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    /// `@id(N)` and where it was written.
    pub id: Option<(u32, Span)>,
    /// Docs, `@since`, `@deprecated`.
    pub meta: Meta,
}

const KNOWN: &[&str] = &["id", "since", "deprecated"];

/// Reads the annotations of `prefix` at `site`, reporting misuse into `diags`.
pub fn read(prefix: &Prefix, site: Site, diags: &mut Vec<Diagnostic>) -> Annotations {
    let mut out = Annotations {
        id: None,
        meta: Meta {
            docs: prefix.docs.clone(),
            ..Meta::default()
        },
    };
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for a in &prefix.annotations {
        let name = a.name.text.as_str();
        if !KNOWN.contains(&name) {
            let mut d = Diagnostic::new(
                "E0701",
                format!("unknown annotation `@{name}`"),
                a.name.span,
                "not an annotation kkidl knows",
            );
            d = match closest(name, KNOWN.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `@{s}`?")),
                None => d.with_help(
                    "the annotations are `@id(N)`, `@since(N)` and `@deprecated(\"why\")`",
                ),
            };
            diags.push(d);
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            diags.push(
                Diagnostic::new(
                    "E0704",
                    format!("`@{name}` is given twice"),
                    a.span,
                    "second one",
                )
                .with_secondary(*first, "first one")
                .with_help("keep one"),
            );
            continue;
        }
        seen.push((name, a.span));
        match name {
            "id" => {
                if !site.allows_id() {
                    let help = if site == Site::EnumVariant {
                        "give an enum variant its value with `Name = N`".to_string()
                    } else {
                        "`@id` goes on fields, parameters, union variants, ops and errors"
                            .to_string()
                    };
                    diags.push(
                        Diagnostic::new(
                            "E0703",
                            format!("`@id` is not allowed on {}", site.describe()),
                            a.span,
                            "not allowed here",
                        )
                        .with_help(help),
                    );
                    continue;
                }
                match int_arg(a, name, diags) {
                    Some((v, s)) if v == 0 || v >= 1 << 31 => diags.push(
                        Diagnostic::new(
                            "E0306",
                            format!("id {v} is out of range"),
                            s,
                            "must be 1 ..= 2147483647",
                        )
                        .with_help("ids are positive and below 2^31 (docs/wire.md §4)"),
                    ),
                    Some((v, s)) => out.id = Some((v as u32, s)),
                    None => {}
                }
            }
            "since" => match int_arg(a, name, diags) {
                Some((v, s)) if v > u64::from(u32::MAX) => diags.push(
                    Diagnostic::new(
                        "E0306",
                        format!("version {v} is out of range"),
                        s,
                        "must fit in a u32",
                    )
                    .with_help("versions are small integers, e.g. `@since(2)`"),
                ),
                Some((v, _)) => out.meta.since = Some(v as u32),
                None => {}
            },
            "deprecated" => match &a.arg {
                Some(AnnotationArg::Str(why, _)) => out.meta.deprecated = Some(why.clone()),
                Some(AnnotationArg::Int(_, s)) => diags.push(wrong_arg(
                    *s,
                    name,
                    "a string",
                    "@deprecated(\"use other_op\")",
                )),
                None => diags.push(wrong_arg(
                    a.span,
                    name,
                    "a string",
                    "@deprecated(\"use other_op\")",
                )),
            },
            _ => unreachable!(),
        }
    }
    out
}

fn int_arg(
    a: &crate::ast::Annotation,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(u64, Span)> {
    match &a.arg {
        Some(AnnotationArg::Int(Some(v), s)) => Some((*v, *s)),
        Some(AnnotationArg::Int(None, s)) => {
            diags.push(
                Diagnostic::new("E0306", "number too large", *s, "does not fit in 64 bits")
                    .with_help("ids are below 2^31"),
            );
            None
        }
        Some(AnnotationArg::Str(_, s)) => {
            diags.push(wrong_arg(*s, name, "an integer", &format!("@{name}(2)")));
            None
        }
        None => {
            diags.push(wrong_arg(
                a.span,
                name,
                "an integer",
                &format!("@{name}(2)"),
            ));
            None
        }
    }
}

fn wrong_arg(span: Span, name: &str, want: &str, example: &str) -> Diagnostic {
    Diagnostic::new(
        "E0702",
        format!("`@{name}` takes {want}"),
        span,
        format!("expected {want}"),
    )
    .with_help(format!("write it like `{example}`"))
}

//! Names the backends emit, and the check that no two of them collide
//! (`E0604`, docs/kkidl.md §5.3).
//!
//! Each backend lists every top-level identifier it emits for a schema, in
//! its own spelling, as [`EmittedName`]s: the declarations' own names
//! ([`Item::Declared`]) and everything it invents for them
//! ([`Item::Generated`], e.g. Go's `RegisterDevice` for `service Device`).
//! [`clashes`] finds two different items spelled alike in one backend's
//! list; [`check_emitted`] reports them as rustc-style diagnostics at the
//! span of the declaration the user named, which `kkgen check`, `kkgen gen`
//! and `kkgen::Config::compile` run before generating anything.
//!
//! Identifiers in a namespace of their own carry a marker the backend
//! chooses, so they only meet names of that namespace (the Rust backend
//! lists macros as `name!`).

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::{Ir, TypeId};
use crate::Compiled;

/// The declaration an emitted name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// A declared type ([`Ir::types`] index).
    Type(TypeId),
    /// A service (index into [`Ir::services`]).
    Service(usize),
    /// An op: indexes into [`Ir::services`] and that service's `ops`.
    Op {
        /// The service's index.
        service: usize,
        /// The op's index in the service.
        op: usize,
    },
}

/// What the emitted identifier names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// The declaration itself (the type or service under its own name).
    Declared,
    /// Something the backend invents for the declaration, described for
    /// messages, e.g. `func registering the service`.
    Generated(String),
}

/// One top-level identifier a backend emits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmittedName {
    /// The identifier exactly as the backend writes it.
    pub ident: String,
    /// The declaration it comes from.
    pub origin: Origin,
    /// What it is.
    pub item: Item,
}

impl EmittedName {
    /// The declaration `origin` under its own name `ident`.
    pub fn declared(ident: impl Into<String>, origin: Origin) -> Self {
        EmittedName {
            ident: ident.into(),
            origin,
            item: Item::Declared,
        }
    }

    /// An item the backend invents for `origin`, described by `what`.
    pub fn generated(ident: impl Into<String>, origin: Origin, what: impl Into<String>) -> Self {
        EmittedName {
            ident: ident.into(),
            origin,
            item: Item::Generated(what.into()),
        }
    }

    /// [`EmittedName::generated`] for each `(ident, what)` of one origin.
    pub fn generated_each<'w>(
        origin: Origin,
        items: impl IntoIterator<Item = (String, &'w str)>,
    ) -> Vec<EmittedName> {
        items
            .into_iter()
            .map(|(ident, what)| EmittedName::generated(ident, origin, what))
            .collect()
    }
}

/// The names one backend emits for a schema.
#[derive(Debug, Clone)]
pub struct BackendNames {
    /// The language, as shown in messages (`Go`, `TypeScript`, ...).
    pub language: String,
    /// Everything it emits (duplicates of one item are fine).
    pub names: Vec<EmittedName>,
}

/// Two different items one backend would spell alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// The language.
    pub language: String,
    /// The shared identifier.
    pub ident: String,
    /// The item reported on: a declaration under its own name when one of
    /// the two is, else the first in the backend's list.
    pub primary: EmittedName,
    /// The item it clashes with.
    pub other: EmittedName,
}

/// Every clash in `names`: each pair of different items with one identifier
/// (at most one clash per item reported on).
pub fn clashes(names: &BackendNames) -> Vec<Clash> {
    let mut by_ident: std::collections::BTreeMap<&str, Vec<&EmittedName>> = Default::default();
    for n in &names.names {
        let same = by_ident.entry(n.ident.as_str()).or_default();
        if !same
            .iter()
            .any(|m| m.origin == n.origin && m.item == n.item)
        {
            same.push(n);
        }
    }
    let mut out = Vec::new();
    for (ident, items) in by_ident {
        let Some(primary) = items
            .iter()
            .find(|n| n.item == Item::Declared)
            .or(items.first())
        else {
            continue;
        };
        for other in items.iter().filter(|n| !std::ptr::eq(**n, *primary)) {
            out.push(Clash {
                language: names.language.clone(),
                ident: ident.to_string(),
                primary: (*primary).clone(),
                other: (*other).clone(),
            });
        }
    }
    out
}

/// How an origin is called in messages: ``struct `Point` ``, ``op `Cad.ping` ``.
pub fn describe_origin(ir: &Ir, origin: Origin) -> String {
    match origin {
        Origin::Type(id) => {
            let t = ir.ty(id);
            let kind = match t.kind {
                crate::ir::TypeDefKind::Struct(_) => "struct",
                crate::ir::TypeDefKind::Enum(_) => "enum",
                crate::ir::TypeDefKind::Union(_) => "union",
                crate::ir::TypeDefKind::Error(_) => "error",
                crate::ir::TypeDefKind::Handle => "handle",
            };
            format!("{kind} `{}`", t.name)
        }
        Origin::Service(s) => format!("service `{}`", ir.services[s].name),
        Origin::Op { service, op } => {
            let s = &ir.services[service];
            format!("op `{}.{}`", s.name, s.ops[op].name)
        }
    }
}

/// How an emitted item is called in messages.
fn describe_item(ir: &Ir, n: &EmittedName) -> String {
    match &n.item {
        Item::Declared => format!("the name of {}", describe_origin(ir, n.origin)),
        Item::Generated(what) => {
            format!("the {what} generated for {}", describe_origin(ir, n.origin))
        }
    }
}

/// One line per clash, for callers without source spans (an IR read from JSON).
pub fn describe_clash(ir: &Ir, c: &Clash) -> String {
    format!(
        "{}: `{}` is both {} and {}",
        c.language,
        c.ident,
        describe_item(ir, &c.primary),
        describe_item(ir, &c.other)
    )
}

/// Reports every clash of every backend's list as `E0604` at the span of
/// the declaration concerned, with the other declaration as a secondary
/// label: one diagnostic per pair of declarations, naming every language
/// and identifier involved.
pub fn check_emitted(compiled: &Compiled, backends: &[BackendNames]) -> Result<(), Diagnostics> {
    let ir = &compiled.ir;
    // Per (primary origin, other origin), in first-seen order: every clash between them.
    let mut found: Vec<((Origin, Origin), Vec<Clash>)> = Vec::new();
    for b in backends {
        for c in clashes(b) {
            let key = (c.primary.origin, c.other.origin);
            let reverse = (c.other.origin, c.primary.origin);
            match found.iter_mut().find(|(k, _)| *k == key || *k == reverse) {
                Some((_, all)) => all.push(c),
                None => found.push((key, vec![c])),
            }
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    let mut list: Vec<Diagnostic> = found
        .into_iter()
        .map(|(_, all)| {
            let c = &all[0];
            let mut langs: Vec<String> = Vec::new();
            for l in all.iter().map(|c| &c.language) {
                if !langs.contains(l) {
                    langs.push(l.clone());
                }
            }
            let verb = if langs.len() == 1 {
                "generates"
            } else {
                "generate"
            };
            let langs = join_languages(&langs);
            let primary_span = compiled.spans.of(c.primary.origin);
            let other_span = compiled.spans.of(c.other.origin);
            let label = |n: &EmittedName, lang: &str| match &n.item {
                Item::Declared => format!("`{}` is declared here", c.ident),
                Item::Generated(what) => {
                    format!("{lang} generates `{}` ({what}) for this", c.ident)
                }
            };
            let mut d = Diagnostic::new(
                "E0604",
                format!(
                    "`{}` is both {} and {} in {langs}",
                    c.ident,
                    describe_item(ir, &c.primary),
                    describe_item(ir, &c.other)
                ),
                primary_span,
                match c.primary.item {
                    Item::Declared => format!("named like an item {langs} {verb}"),
                    Item::Generated(_) => label(&c.primary, &c.language),
                },
            );
            if other_span != primary_span {
                d = d.with_secondary(other_span, label(&c.other, &c.language));
            }
            let mut help = format!(
                "rename {} or {}",
                describe_origin(ir, c.primary.origin),
                describe_origin(ir, c.other.origin)
            );
            let mut more: Vec<String> = Vec::new();
            for x in &all[1..] {
                let entry = format!("`{}` ({})", x.ident, x.language);
                if x.ident != c.ident && !more.contains(&entry) {
                    more.push(entry);
                }
            }
            if !more.is_empty() {
                let shown = more.len().min(3);
                let rest = if more.len() > shown {
                    format!(" and {} more", more.len() - shown)
                } else {
                    String::new()
                };
                help.push_str(&format!(
                    "; they also clash as {}{rest}",
                    more[..shown].join(", ")
                ));
            }
            d.with_help(help)
        })
        .collect();
    list.sort_by_key(|d| (d.primary.span.file, d.primary.span.start));
    Err(Diagnostics {
        list,
        sources: compiled.sources.clone(),
    })
}

/// `Go`, `Rust and Go`, `Rust, Go and TypeScript`.
fn join_languages(langs: &[String]) -> String {
    match langs {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

//! How `kkgen breaking` prints its findings: one line per change and a
//! summary (text), or one stable JSON document (`--format json`).

use super::rules::Category;
use super::sites::Location;
use super::Change;
use serde::Serialize;

/// The changes as text: `file:line:col: WIRE RULE: message` per change (the
/// new location when there is one, else the old), followed by
/// ` (was at file:line:col)` when the change has a location in both
/// versions, then a summary line.
pub fn text(changes: &[Change]) -> String {
    let mut out = String::new();
    for c in changes {
        let at = c
            .new
            .as_ref()
            .or(c.old.as_ref())
            .map_or_else(|| "<schema>".to_string(), Location::to_string);
        let was = match (&c.new, &c.old) {
            (Some(_), Some(old)) => format!(" (was at {old})"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{at}: {} {}: {}{was}\n",
            c.rule.category().name(),
            c.rule.id(),
            c.message
        ));
    }
    let count = |cat| changes.iter().filter(|c| c.rule.category() == cat).count();
    if changes.is_empty() {
        out.push_str("no breaking changes\n");
    } else {
        out.push_str(&format!(
            "{} breaking change{} ({} WIRE, {} SOURCE)\n",
            changes.len(),
            if changes.len() == 1 { "" } else { "s" },
            count(Category::Wire),
            count(Category::Source)
        ));
    }
    out
}

/// The changes as JSON: `{"breaking":[{"rule","category","message","old","new"}]}`,
/// locations as `{"file","line","col"}` or `null`.
pub fn json(changes: &[Change]) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        breaking: Vec<Entry<'a>>,
    }
    #[derive(Serialize)]
    struct Entry<'a> {
        rule: &'static str,
        category: &'static str,
        message: &'a str,
        old: Option<Place<'a>>,
        new: Option<Place<'a>>,
    }
    #[derive(Serialize)]
    struct Place<'a> {
        file: &'a str,
        line: usize,
        col: usize,
    }
    fn place(l: &Option<Location>) -> Option<Place<'_>> {
        l.as_ref().map(|l| Place {
            file: &l.file,
            line: l.line,
            col: l.col,
        })
    }
    let doc = Document {
        breaking: changes
            .iter()
            .map(|c| Entry {
                rule: c.rule.id(),
                category: c.rule.category().name(),
                message: &c.message,
                old: place(&c.old),
                new: place(&c.new),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).expect("plain data serializes")
}

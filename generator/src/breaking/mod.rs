//! `kkgen breaking`: what a schema change breaks, for old peers on the wire
//! and for code written against the old generated code.
//!
//! Stages, each visible: [`version`] parses and checks each version (as
//! `kkgen check` does) into its IR plus a location side table taken from
//! the syntax trees ([`sites`]); [`compare`] reads two checked IRs and
//! reports [`Change`]s against the [`rules`] (`docs/evolution.md` lists
//! them); [`report`] prints them as text or JSON.

pub mod compare;
mod members;
pub mod report;
pub mod rules;
pub mod sites;
mod types;
pub mod version;

pub use compare::compare;
pub use rules::{Category, Rule};
pub use sites::Location;
pub use version::{load_against, load_current, Against, LoadError, Version};

/// One breaking change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Which rule it breaks (and so its category).
    pub rule: Rule,
    /// One sentence naming what changed.
    pub message: String,
    /// Where it is in the old version, if it exists there.
    pub old: Option<Location>,
    /// Where it is in the new version, if it exists there.
    pub new: Option<Location>,
}

impl Change {
    /// Whether `--category` selects it: a WIRE change breaks the source
    /// too, so selecting SOURCE selects it as well.
    pub fn selected(&self, categories: &[Category]) -> bool {
        let c = self.rule.category();
        categories.is_empty()
            || categories.contains(&c)
            || (c == Category::Wire && categories.contains(&Category::Source))
    }
}

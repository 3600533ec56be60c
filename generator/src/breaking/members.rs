//! Finding a member (field, parameter, enum value, union variant, op) of
//! the old version in the new one: by name first, then by its wire id when
//! the new member's name is unknown to the old version (a rename).

use super::rules::Rule;
use kkidl::ir::{EnumVariant, Field, Op, UnionVariant};

/// Something with a name and a wire id among its siblings.
pub(super) trait Member {
    /// Its name as written.
    fn name(&self) -> &str;
    /// Its id on the wire: field or parameter id, enum value, union tag, op id.
    fn wire_id(&self) -> u32;
}

impl Member for Field {
    fn name(&self) -> &str {
        &self.name
    }
    fn wire_id(&self) -> u32 {
        self.id
    }
}

impl Member for EnumVariant {
    fn name(&self) -> &str {
        &self.name
    }
    fn wire_id(&self) -> u32 {
        self.value
    }
}

impl Member for UnionVariant {
    fn name(&self) -> &str {
        &self.name
    }
    fn wire_id(&self) -> u32 {
        self.tag
    }
}

impl Member for Op {
    fn name(&self) -> &str {
        &self.name
    }
    fn wire_id(&self) -> u32 {
        self.id
    }
}

/// What became of an old member in the new version.
pub(super) enum Pairing<'n, T> {
    /// Same name, same id.
    Kept(&'n T),
    /// Same id, a name the old version does not have.
    Renamed(&'n T),
    /// Same name, another id.
    Moved(&'n T),
    /// Neither.
    Gone,
}

impl<'n, T> Pairing<'n, T> {
    /// The new member, if there is one.
    pub fn found(&self) -> Option<&'n T> {
        match self {
            Pairing::Kept(t) | Pairing::Renamed(t) | Pairing::Moved(t) => Some(t),
            Pairing::Gone => None,
        }
    }
}

/// Finds `member` of `old` among `new`.
pub(super) fn pair<'n, T: Member>(member: &T, old: &[T], new: &'n [T]) -> Pairing<'n, T> {
    if let Some(n) = new.iter().find(|n| n.name() == member.name()) {
        return if n.wire_id() == member.wire_id() {
            Pairing::Kept(n)
        } else {
            Pairing::Moved(n)
        };
    }
    new.iter()
        .find(|n| n.wire_id() == member.wire_id() && !old.iter().any(|o| o.name() == n.name()))
        .map_or(Pairing::Gone, Pairing::Renamed)
}

/// The rules and words for one kind of member.
pub(super) struct Verbs {
    /// Its rule when it is gone.
    pub gone: Rule,
    /// Its rule when renamed at the same id.
    pub renamed: Rule,
    /// Its rule when its id changed.
    pub moved: Rule,
    /// What its wire id is called: `id`, `tag`, `value`.
    pub id: &'static str,
    /// What peers see when it is gone (`; ...`), or empty.
    pub gone_tail: &'static str,
    /// What peers see when its id changed (`; ...`), or empty.
    pub moved_tail: &'static str,
}

impl Verbs {
    /// The change `pairing` is (rule and sentence), for `what` (e.g.
    /// `op "Evo.echo"`), or `None` when it was kept.
    pub fn change<T: Member>(
        &self,
        what: &str,
        old: &T,
        pairing: &Pairing<'_, T>,
    ) -> Option<(Rule, String)> {
        let (id, n) = (self.id, old.wire_id());
        Some(match pairing {
            Pairing::Kept(_) => return None,
            Pairing::Gone => (
                self.gone,
                format!("{what} ({id} {n}) was removed{}", self.gone_tail),
            ),
            Pairing::Renamed(new) => (
                self.renamed,
                format!("{what} ({id} {n}) was renamed to \"{}\"", new.name()),
            ),
            Pairing::Moved(new) => (
                self.moved,
                format!(
                    "{what} changed {id} from {n} to {}{}",
                    new.wire_id(),
                    self.moved_tail
                ),
            ),
        })
    }
}

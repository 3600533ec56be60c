//! Naming rules shared by every backend (docs/kkidl.md §5): the case each
//! kind of name is written in, and the names that would collide once a
//! backend converts them to its own case.
//!
//! Backends escape keywords of their language (`type` → `r#type`, `type_`);
//! that escaping stays collision-free because schema names never end in `_`.

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

/// The case a name must be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Types, services, enum and union variants: `MeshData`.
    Pascal,
    /// Fields, parameters, ops: `vertex_count`.
    Snake,
}

impl Case {
    /// `name` rewritten in this case.
    pub fn apply(self, name: &str) -> String {
        match self {
            Case::Pascal => name.to_upper_camel_case(),
            Case::Snake => name.to_snake_case(),
        }
    }

    /// What it is called in messages.
    pub fn describe(self) -> &'static str {
        match self {
            Case::Pascal => "PascalCase",
            Case::Snake => "snake_case",
        }
    }
}

/// `Some(suggestion)` when `name` is not written in `case`.
pub fn case_mismatch(name: &str, case: Case) -> Option<String> {
    let fixed = case.apply(name);
    let fixed = if fixed.is_empty() { "x".to_string() } else { fixed };
    (fixed != name).then_some(fixed)
}

/// Every spelling a backend may derive from `name` (snake, lowerCamel,
/// UpperCamel, lower-cased); two names in one scope must share none.
pub fn spellings(name: &str) -> [String; 4] {
    [name.to_snake_case(), name.to_lower_camel_case(), name.to_upper_camel_case(), name.to_lowercase().replace('_', "")]
}

/// Edit distance, for "did you mean" hints.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `name`, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(name.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_suggestions() {
        assert_eq!(case_mismatch("MeshData", Case::Pascal), None);
        assert_eq!(case_mismatch("mesh_data", Case::Pascal).as_deref(), Some("MeshData"));
        assert_eq!(case_mismatch("HTTPServer", Case::Pascal).as_deref(), Some("HttpServer"));
        assert_eq!(case_mismatch("vertexCount", Case::Snake).as_deref(), Some("vertex_count"));
        assert_eq!(case_mismatch("trailing_", Case::Snake).as_deref(), Some("trailing"));
        assert_eq!(closest("Mesj", ["Mesh", "Model", "Bounds"]), Some("Mesh"));
        assert_eq!(closest("Zzz", ["Mesh", "Model"]), None);
    }

    #[test]
    fn digit_boundaries_collide_in_camel_case() {
        assert_eq!(case_mismatch("a_b_1", Case::Snake), None);
        assert_eq!(case_mismatch("a_b1", Case::Snake), None);
        assert_eq!(spellings("a_b_1")[1], spellings("a_b1")[1]);
    }
}

//! The one subject function (docs/nats.md §1): `[<prefix>.]<package>.<Service>.<op>`,
//! and the check of a prefix.

use crate::SetupError;
use kkrpc_runtime::descriptor::{OpDescriptor, ServiceDescriptor};

/// The subject of `op` of `service` under `prefix` (checked by [`check_prefix`]).
pub fn op_subject(prefix: Option<&str>, service: &ServiceDescriptor, op: &OpDescriptor) -> String {
    let mut s = String::new();
    if let Some(p) = prefix {
        s.push_str(p);
        s.push('.');
    }
    s.push_str(service.package);
    s.push('.');
    s.push_str(service.name);
    s.push('.');
    s.push_str(op.name);
    s
}

/// Checks a subject prefix: one or more tokens of `[A-Za-z0-9_-]` separated by dots.
pub fn check_prefix(prefix: &str) -> Result<(), SetupError> {
    let token_ok = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    if prefix.split('.').all(token_ok) {
        Ok(())
    } else {
        Err(SetupError::new(format!(
            "bad subject prefix {prefix:?}: tokens of [A-Za-z0-9_-] separated by dots"
        )))
    }
}

/// `(op id, subject)` of every op of `service` under `prefix`, the prefix checked.
pub fn op_subjects(
    prefix: Option<&str>,
    service: &ServiceDescriptor,
) -> Result<Vec<(u32, String)>, SetupError> {
    if let Some(p) = prefix {
        check_prefix(p)?;
    }
    Ok(service
        .ops
        .iter()
        .map(|op| (op.id, op_subject(prefix, service, op)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: ServiceDescriptor = ServiceDescriptor {
        package: "kk.geo.v1",
        name: "Geometry",
        doc: "",
        ops: &[OpDescriptor {
            id: 2,
            name: "tessellate",
        }],
    };

    #[test]
    fn subjects_follow_the_scheme() {
        let op = &SERVICE.ops[0];
        assert_eq!(
            op_subject(None, &SERVICE, op),
            "kk.geo.v1.Geometry.tessellate"
        );
        assert_eq!(
            op_subjects(Some("acme.prod"), &SERVICE).unwrap(),
            [(2, "acme.prod.kk.geo.v1.Geometry.tessellate".to_string())]
        );
    }

    #[test]
    fn bad_prefixes_are_refused() {
        for bad in ["", ".", "a..b", "a.*", "a.>", "a b", "a."] {
            assert!(check_prefix(bad).is_err(), "{bad:?}");
        }
        for good in ["a", "acme.prod", "A_b-9.x"] {
            assert!(check_prefix(good).is_ok(), "{good:?}");
        }
    }
}

//! `lints.kkidl`: a large error, nested types and many parameters compile
//! under clippy `-D warnings` without the user having to allow anything
//! for the generated code.

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/demo_lints_v1.rs"));
}

pub use generated::*;

/// Nested value of `nest`.
pub type Nested =
    std::collections::BTreeMap<String, Vec<std::collections::BTreeMap<u32, Option<Vec<String>>>>>;

/// Answers from the arguments.
#[derive(Debug, Default)]
pub struct Weights;

impl Heavy for Weights {
    fn fail(&mut self, x: u32) -> Result<u32, Huge> {
        if x == 0 {
            Err(Huge {
                a: "a".into(),
                ..Huge::default()
            })
        } else {
            Ok(x)
        }
    }

    fn nest(&mut self, m: Nested) -> Result<Nested, Huge> {
        Ok(m)
    }

    fn maybe(&mut self, v: Option<Vec<Vec<Option<Vec<u8>>>>>) -> Option<Vec<Vec<Option<Vec<u8>>>>> {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::client::{CallError, InProcess};

    #[test]
    fn large_errors_and_nested_types_round_trip() {
        let mut c = HeavyClient::new(InProcess::new(HeavyDispatcher::new(Weights)));
        assert_eq!(c.fail(3).unwrap(), 3);
        assert!(matches!(c.fail(0), Err(CallError::Typed(Huge { .. }))));
        let mut m = Nested::new();
        m.insert(
            "k".into(),
            vec![[(1, Some(vec!["x".to_string()])), (2, None)]
                .into_iter()
                .collect()],
        );
        assert_eq!(c.nest(&m).unwrap(), m);
        let v = Some(vec![vec![Some(vec![1u8]), None]]);
        assert_eq!(c.maybe(&v).unwrap(), v);
    }
}

//! `deprecated.kkidl`: generated code uses its own `@deprecated` types,
//! errors, handles and services without a `use of deprecated` warning; only
//! the user's own uses warn (allowed here, where they are the point).

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/demo_deprecated_v1.rs"));
}

pub use generated::*;

/// Implements the old service.
#[derive(Debug, Default)]
pub struct Keeper;

#[allow(deprecated)]
impl Legacy for Keeper {
    fn use_all(
        &mut self,
        old: Old,
        color: Color,
        shape: Shape,
        thing: Thing,
    ) -> Result<Thing, LegacyUseAllError> {
        match (old.x, color, shape) {
            (0, _, _) => Err(LegacyUseAllError::Gone(Gone { why: "zero".into() })),
            (1, _, _) => Err(LegacyUseAllError::Lost(Lost { code: 1 })),
            _ => Ok(thing),
        }
    }

    fn one(&mut self, x: i32) -> Result<Old, Gone> {
        if x < 0 {
            Err(Gone {
                why: "negative".into(),
            })
        } else {
            Ok(Old { x })
        }
    }

    fn fast(&mut self, thing: Thing) -> Color {
        if thing.0 == 0 {
            Color::Red
        } else {
            Color::Blue
        }
    }
}

#[cfg(test)]
#[allow(deprecated)]
mod tests {
    use super::*;
    use kkrpc_runtime::client::{CallError, InProcess};

    #[test]
    fn deprecated_items_still_work() {
        let mut c = LegacyClient::new(InProcess::new(LegacyDispatcher::new(Keeper)));
        assert_eq!(
            c.use_all(&Old { x: 5 }, Color::Blue, &Shape::Dot, Thing(3))
                .unwrap(),
            Thing(3)
        );
        assert!(matches!(
            c.use_all(&Old { x: 1 }, Color::Red, &Shape::Circle(1.0), Thing(3)),
            Err(CallError::Typed(LegacyUseAllError::Lost(Lost { code: 1 })))
        ));
        assert_eq!(c.one(4).unwrap(), Old { x: 4 });
        assert!(matches!(c.one(-1), Err(CallError::Typed(Gone { .. }))));
        assert_eq!(c.fast(Thing(0)).unwrap(), Color::Red);
    }
}

//! `recursive_default.kkidl`: unions whose first variant leads back to the
//! union default to a finite variant, so a reader filling in fields an old
//! writer did not send terminates (docs/wire.md §3.9).

#[allow(missing_docs)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/demo_recursive_v1.rs"));
}

pub use generated::*;

/// Evaluates expression trees.
#[derive(Debug, Default)]
pub struct Calculator;

impl Calc for Calculator {
    fn eval(&mut self, expr: Expr) -> i64 {
        fn value(e: &Expr) -> i64 {
            match e {
                Expr::Lit(v) => *v,
                Expr::Add(p) => value(&p.l) + value(&p.r),
            }
        }
        value(&expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::client::InProcess;
    use kkrpc_runtime::wire::{Decode, Encode, Reader, Writer};

    #[test]
    fn an_old_writer_struct_decodes_with_finite_union_defaults() {
        let mut w = Writer::new();
        HolderV1 { id: 7 }.encode(&mut w);
        let bytes = w.finish();
        let mut r = Reader::new(&bytes);
        let holder = Holder::decode(&mut r).unwrap();
        assert_eq!(holder.id, 7);
        assert_eq!(holder.expr, Expr::Lit(0));
        assert_eq!(holder.outer, Outer::Leaf);
        assert_eq!(holder.inner, Inner::Back(Outer::Leaf.into()));
    }

    #[test]
    fn recursive_values_round_trip_through_a_call() {
        let mut c = CalcClient::new(InProcess::new(CalcDispatcher::new(Calculator)));
        let add = |l: Expr, r: Expr| {
            Expr::Add(
                Pair {
                    l: l.into(),
                    r: r.into(),
                }
                .into(),
            )
        };
        let tree = add(Expr::Lit(2), add(Expr::Lit(3), Expr::Lit(4)));
        assert_eq!(c.eval(&tree).unwrap(), 9);
    }
}

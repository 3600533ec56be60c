//! Size probe: `add` as a kkrpc service, to measure what the glue adds.

#[allow(missing_docs, dead_code)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/kk_size_v1.rs"));
}
use generated::*;

/// The trivial service.
#[derive(Default)]
pub struct Adder;

impl Trivial for Adder {
    fn add(&mut self, a: i32, b: i32) -> i32 {
        a.wrapping_add(b)
    }
}

kkrpc_runtime::export_abi!(|| TrivialDispatcher::new(Adder));

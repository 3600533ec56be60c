//! Suite `rust-wire`: the shared conformance vectors are up to date with their Python reference
//! encoder. The Rust wire tests themselves (runtime-rs unit/property tests, the vectors against the
//! Rust generated from conformance.kkidl, the snapshot of that code) run in suite `cargo`.

use crate::run::{cmdline, Ctx, Step};

/// For `--list`.
pub const ABOUT: &str = "conformance vectors match tests/conformance/make_vectors.py";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    ctx.run(cmdline("python3 tests/conformance/make_vectors.py --check"))
}

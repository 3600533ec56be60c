//! Suite `ts`: runtime-ts and the TS backend under node: the host and transport unit tests against
//! the service scenario's Rust module, and the generated client's own tests (tests/ts-e2e: fast path,
//! kkrpc, no `any`), compiled with tsc --strict and run. (The TS backend's unit tests run in suite
//! `cargo`; the real-browser tests are suite `browser`, the scenario's runner suite `service`.)

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "runtime-ts host/transport node tests, the generated client's tests (tsc --strict, node)";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::service_fixture(ctx)?;

    ctx.log("node tests: runtime-ts host and transports");
    let tests = shared::glob(ctx, "runtime-ts/test", "", ".test.mjs")?;
    ctx.run(cmdline("node --test").args(tests).tally(Tally::Node))?;

    ctx.log(
        "TS backend: the generated client (tsc --strict) on the fast path, with kkrpc, without any",
    );
    shared::ts_e2e(ctx)?;
    let tests = "node --test target/ts-e2e/dist/tests/ts-e2e/ tests/ts-e2e/no-any.test.mjs";
    ctx.run(cmdline(tests).tally(Tally::Node))
}

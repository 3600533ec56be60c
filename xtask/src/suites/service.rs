//! Suite `service`: the service scenario (tests/service/fixture): one schema, a Rust and a Go
//! implementation, one runner asserting the same answers against both modules through every
//! transport (direct in node and over a node MessageChannel; direct, Worker and SharedWorker in
//! headless Chromium; stdio from node to each implementation's stdio server, native and as a wasip1
//! command module under wasmtime).

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "one scenario, Rust and Go modules, every transport (node + headless Chromium)";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    super::browser::chromium(ctx)?;
    shared::service_fixture_stdio(ctx)?;
    // The NATS rows start their own nats-server (artifact `nats_server`).
    super::nats::server(ctx)?;
    ctx.log("runner: both modules, every transport");
    let runner = "node --test --test-concurrency=1 tests/service/fixture/run.test.mjs";
    ctx.run(cmdline(runner).tally(Tally::Node))
}

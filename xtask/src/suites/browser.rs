//! Suite `browser`: the real-browser tests of runtime-ts in headless Chromium (direct, Worker,
//! SharedWorker; the hand-written fixture client, the generated one and the Go rules reactor).

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "headless Chromium: direct, Worker, SharedWorker transports (fixture, generated client, Go reactor)";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    ctx.check(std::path::Path::new(&chromium).exists(), || {
        format!("{chromium} missing: run cargo xtask setup")
    })?;
    ctx.log("what the pages load: runtime-ts, the fixture service and its generated client, the Go reactor");
    shared::runtime_ts(ctx)?;
    shared::ts_fixture(ctx)?;
    shared::ts_e2e(ctx)?;
    shared::rules(ctx)?;
    ctx.log(&format!("browser tests (headless Chromium at {chromium})"));
    ctx.run(
        cmdline("node --test --test-concurrency=1 tests/browser/run.test.mjs").tally(Tally::Node),
    )
}

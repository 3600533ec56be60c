//! Suite `browser`: the real-browser transport tests of runtime-ts in headless Chromium (Worker and
//! SharedWorker lifecycles, two tabs on one SharedWorker, the Worker fallback, cancellation, timeouts,
//! crashes, restarts, streaming compilation) against the service scenario's Rust module.

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "headless Chromium: Worker/SharedWorker lifecycles, aborts, timeouts, restarts";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    let chromium = chromium(ctx)?;
    shared::service_fixture(ctx)?;
    ctx.log(&format!("browser tests (headless Chromium at {chromium})"));
    let tests = "node --test --test-concurrency=1 tests/browser/run.test.mjs";
    ctx.run(cmdline(tests).tally(Tally::Node))
}

/// The Chromium the browser tests drive (`$CHROMIUM`, default /usr/bin/chromium); fails when missing.
pub fn chromium(ctx: &mut Ctx) -> Step<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let found = std::path::Path::new(&chromium).exists();
    ctx.check(found, || {
        format!("{chromium} missing: run cargo xtask setup")
    })?;
    Ok(chromium)
}

//! Suite `events`: live updates (docs/http.md §8) in headless Chromium — the rules example's
//! generated TS, Zod and Hono files (the build suite `http` shares, [`shared::http_ts`]) serving
//! the Go module over the direct transport with an event hub, the Datastar v1.0.1 client fetched
//! by tests/events/fetch-datastar.sh into `target/datastar`, and tests/events/events.test.mjs (page
//! A calls the API, page B updates without reloading, reconnection replays, keep-alive); and the
//! hub's own tests (runtime-ts/test/events.test.mjs, run under node by suite `ts`) under bun and
//! deno.

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "live updates: generated rules routes + event hub, Datastar 1.0.1 in headless Chromium (update, reconnect, keep-alive)";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    let chromium = super::browser::chromium(ctx)?;
    shared::rules(ctx)?;
    ctx.log("Datastar v1.0.1 client (PyPI starhtml 0.7.0) into target/datastar");
    ctx.run(cmdline("sh tests/events/fetch-datastar.sh"))?;
    shared::http_ts(ctx)?;
    ctx.log(&format!("live updates in headless Chromium at {chromium}"));
    ctx.run(
        cmdline("node --test --test-concurrency=1 tests/events/events.test.mjs").tally(Tally::Node),
    )?;
    ctx.log("the event hub's tests under bun and deno");
    let hub_tests = "runtime-ts/test/events.test.mjs";
    ctx.run(cmdline("node_modules/.bin/bun test").arg(hub_tests))?;
    ctx.run(cmdline("node_modules/.bin/deno test -A --quiet").arg(hub_tests))
}

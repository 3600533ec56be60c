//! Suite `workers`: the example worker (examples/workers, docs/workers.md) in real workerd — the
//! Rust geometry module (the very wasm32-unknown-unknown file the browser loads) and the Go rules
//! reactor as `CompiledWasm` modules behind the generated Hono routes over the direct transport,
//! bundled by esbuild into `target/workers/dist`, run by miniflare on 127.0.0.1 and called over
//! HTTP by tests/workers/workers.test.mjs (every op, typed and system errors, a trap, 400s, SSE,
//! start-up, memory and bundle size).

use crate::run::{cmd, cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "the example worker (Rust + Go wasm behind the Hono routes) in real workerd via miniflare";

/// Where [`bundle`] writes the worker: `worker.js`, `geometry.wasm`, `rules.wasm`.
pub const DIST: &str = "target/workers/dist";

/// Where [`bundle`] writes the test worker (tests/workers/fixture-worker): `worker.js`, `fixture.wasm`.
pub const FIXTURE_DIST: &str = "target/workers/fixture-dist";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    bundle(ctx)?;
    ctx.log("workerd (miniflare): tests/workers/workers.test.mjs");
    ctx.run(
        cmdline("node --experimental-websocket --no-warnings tests/workers/workers.test.mjs")
            .tally(Tally::Node),
    )
}

/// The example worker, built once per run from the shared wasm builds and generated routes:
/// tsc --strict over its source, then examples/workers/build.mjs (esbuild) into [`DIST`],
/// recorded as artifact `workers_dist`. Also used by `cargo xtask bench workers`.
pub fn bundle(ctx: &mut Ctx) -> Step {
    ctx.once("workers-bundle", |ctx| {
        shared::geometry(ctx)?;
        shared::rules(ctx)?;
        shared::http_ts(ctx)?;
        ctx.log("example worker: tsc --strict, esbuild bundle");
        ctx.run(cmdline("npx --no-install tsc -p examples/workers"))?;
        ctx.run(cmd("node").args([
            "examples/workers/build.mjs",
            DIST,
            "dist/rust/geometry-service/unknown/geometry_service.wasm",
            "target/wasm-go/rules-reactor.wasm",
        ]))?;
        ctx.artifact("workers_dist", DIST)?;
        ctx.log("test worker (the service fixture's Rust module, which can trap): tsc --strict, esbuild bundle");
        shared::service_fixture(ctx)?;
        ctx.run(cmdline("npx --no-install tsc -p tests/workers/fixture-worker"))?;
        ctx.run(cmd("node").args([
            "tests/workers/fixture-worker/build.mjs",
            FIXTURE_DIST,
            "target/service/fixture/rust.wasm",
        ]))?;
        ctx.artifact("workers_fixture_dist", FIXTURE_DIST)
    })
}

//! Suite `nats-ts`: runtime-ts over NATS (docs/nats.md) on node, bun and deno — one test file
//! (tests/nats/nats.test.mjs) run by each runtime against a real nats-server started per test on
//! 127.0.0.1: the geometry (Rust) and rules (Go) wasm modules served by `serveNats` and called by
//! their generated TS clients over `connectNats`, micro discovery, queue groups, faults, limits and
//! permissions, and the real `nats` CLI reading the micro endpoints. The binaries are where
//! scripts/setup-nats.sh installs them (tests/nats/nats-server.mjs finds them). The service
//! scenario's NATS rows run in suite `service`.

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "NATS transport and serveNats on node, bun and deno against a real nats-server (geometry, rules)";

/// The generated clients the test file imports (compiled by tests/nats/tsconfig.json).
const GEN: &str = "target/nats/gen";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::geometry(ctx)?;
    shared::rules(ctx)?;
    shared::runtime_ts(ctx)?;
    ctx.log("generated TS clients (geometry, rules), tsc --strict");
    shared::remove(ctx, GEN)?;
    shared::remove(ctx, "target/nats/dist")?;
    for (name, schema) in [
        ("geometry", "examples/geometry/geometry.kkidl"),
        ("rules", "examples/rules/rules.kkidl"),
    ] {
        let out = format!("{GEN}/{name}");
        shared::run_kkgen(ctx, ["gen", "--lang", "ts", "--out", out.as_str(), schema])?;
    }
    ctx.run(cmdline("npx --no-install tsc -p tests/nats"))?;

    let file = "tests/nats/nats.test.mjs";
    for (runtime, line) in [
        ("node", "node"),
        ("bun", "node_modules/.bin/bun"),
        ("deno", "node_modules/.bin/deno run -A"),
    ] {
        ctx.log(&format!("{runtime}: {file}"));
        ctx.run(cmdline(line).arg(file).tally(Tally::Node))?;
    }
    Ok(())
}

//! Suite `stdio`: runtime-ts's stdio transport (docs/stdio.md) on node, bun and deno — one test file
//! (tests/stdio/stdio.test.mjs) run by each runtime against the geometry (Rust) and rules (Go) stdio
//! servers, native, as wasip1 modules under wasmtime and as reactors under kkrun, and a misbehaving test double; then the
//! direct transport's tests (runtime-ts/test/direct.test.mjs) under bun and deno as well.

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "stdio transport on node, bun and deno: Rust/Go servers native, under wasmtime and kkrun; direct on bun/deno";

/// The compiled generated clients the test file imports.
const GEN: &str = "target/stdio/gen";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::stdio_servers(ctx)?;
    shared::geometry(ctx)?;
    shared::kkrun(ctx)?;
    shared::runtime_ts(ctx)?;
    ctx.log("generated TS clients (geometry, rules), tsc --strict");
    shared::remove(ctx, "target/stdio/gen")?;
    shared::remove(ctx, "target/stdio/dist")?;
    for (name, schema) in [
        ("geometry", "examples/geometry/geometry.kkidl"),
        ("rules", "examples/rules/rules.kkidl"),
    ] {
        let out = format!("{GEN}/{name}");
        shared::run_kkgen(ctx, ["gen", "--lang", "ts", "--out", out.as_str(), schema])?;
    }
    ctx.run(cmdline("npx --no-install tsc -p tests/stdio"))?;

    let file = "tests/stdio/stdio.test.mjs";
    for (runtime, line) in [
        ("node", "node"),
        ("bun", "node_modules/.bin/bun"),
        ("deno", "node_modules/.bin/deno run -A"),
    ] {
        ctx.log(&format!("{runtime}: {file}"));
        ctx.run(cmdline(line).arg(file).tally(Tally::Node))?;
    }

    // Their own runners (bun test, deno test) run the node:test file; their summaries are not
    // node's TAP, so each run counts as one step.
    ctx.log("the direct transport's tests under bun and deno");
    shared::service_fixture(ctx)?;
    let direct = "runtime-ts/test/direct.test.mjs";
    ctx.run(cmdline("node_modules/.bin/bun test").arg(format!("./{direct}")))?;
    ctx.run(cmdline("node_modules/.bin/deno test -A").arg(direct))
}

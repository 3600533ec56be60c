//! Suite `stdio`: runtime-ts's stdio transport (docs/stdio.md) on node, bun and deno — one test file
//! (tests/stdio/stdio.test.mjs) run by each runtime against the geometry (Rust) and rules (Go) stdio
//! servers, native, as wasip1 modules under wasmtime and as reactors under kkrun, and a misbehaving test double; then the
//! direct transport's tests (runtime-ts/test/direct.test.mjs) under bun and deno as well.

use crate::run::{cmdline, Ctx, Step};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "stdio transport on node, bun and deno: Rust/Go servers native, under wasmtime and kkrun; direct on bun/deno";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::stdio_servers(ctx)?;
    shared::geometry(ctx)?;
    shared::kkrun(ctx)?;
    shared::example_ts_clients(ctx)?;
    shared::on_node_bun_deno(ctx, "tests/stdio/stdio.test.mjs")?;

    // Their own runners (bun test, deno test) run the node:test file; their summaries are not
    // node's TAP, so each run counts as one step.
    ctx.log("the direct transport's tests under bun and deno");
    shared::service_fixture(ctx)?;
    let direct = "runtime-ts/test/direct.test.mjs";
    ctx.run(cmdline("node_modules/.bin/bun test").arg(format!("./{direct}")))?;
    ctx.run(cmdline("node_modules/.bin/deno test -A").arg(direct))
}

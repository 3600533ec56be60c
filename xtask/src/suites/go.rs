//! Suite `go`: runtime-go (ABI block table, stdio loop, handler, client) checked and unit-tested, its
//! ABI in a real Go reactor called from node, then the rules example: the generated package gofmt/vet
//! clean and tested in process (dispatcher and client), wasm builds, node tests that serve the wasip1
//! module over stdio and call the reactor through the module ABI, and the reactor called from the TS
//! client kkgen generates, over runtime-ts's direct transport. (The generator's Go service snapshots
//! run in suite `cargo`.)

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "runtime-go + the rules example: go test, wasm builds, stdio/ABI from node, generated TS client";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    ctx.log("runtime-go");
    shared::go_module_checks(ctx, "runtime-go")?;

    ctx.log("runtime-go ABI in a real Go reactor (c-shared) called from node");
    shared::mkdir(ctx, "target/wasm-go")?;
    ctx.run(
        cmdline(
            "go build -buildmode=c-shared -o ../target/wasm-go/echo-reactor.wasm ./abi/echomodule",
        )
        .dir("runtime-go")
        .wasip1(),
    )?;
    ctx.artifact("echo_reactor_wasm", "target/wasm-go/echo-reactor.wasm")?;
    ctx.run(cmdline("node --test runtime-go/abi/echomodule/").tally(Tally::Node))?;

    ctx.log("examples/rules (generated package, wasm builds)");
    shared::rules(ctx)?;
    // The reactor runs under the minimal WASI shim of docs/abi.md §2 (runtime-ts's host): package os
    // would make Go's startup probe preopened directories (fd_prestat_get -> ENOSYS -> panic during
    // init); the build refuses a reactor that links it (kkgen::build::go::check_no_os).
    shared::go_module_checks(ctx, "examples/rules")?;

    ctx.log("node: stdio (wasip1 command) and ABI (reactor)");
    ctx.run(cmdline("node --test examples/rules/node/").tally(Tally::Node))?;

    ctx.log(
        "node: the reactor through runtime-ts (generated TS client, direct transport, WasmHost)",
    );
    shared::remove(ctx, "target/rules-ts")?;
    shared::run_kkgen(
        ctx,
        [
            "gen",
            "--lang",
            "ts",
            "--out",
            "target/rules-ts/generated",
            "examples/rules/rules.kkidl",
        ],
    )?;
    shared::runtime_ts(ctx)?;
    ctx.run(cmdline("npx --no-install tsc -p examples/rules/ts"))?;
    ctx.run(cmdline("node --test target/rules-ts/dist/examples/rules/ts/").tally(Tally::Node))
}

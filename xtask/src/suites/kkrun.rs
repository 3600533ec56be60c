//! Suite `kkrun`: the Go host of the module ABI (`runtime-go/wasmhost`, wazero) and `kkrun`, the
//! CLI serving a module over stdio. Builds kkrun and the native stdio servers (shared builds;
//! artifacts `kkrun`, `rules_stdio_native`, `geometry_stdio_native`), then runs the host's Go tests
//! (the geometry and rules reactors in process through the examples' checked-in Go SDKs,
//! `examples/*/sdk/go`; the Go client against kkrun, native and wasmtime children; SIGKILL mid-call). The Rust
//! side of the stdio matrix (`examples/geometry/tests/stdio.rs`: the Rust clients against the Go
//! rules server native, under wasmtime and under kkrun, and geometry under kkrun) runs in suite
//! `cargo`, which builds kkrun and the stdio servers first. The host module is host-only: it is
//! vetted natively, not for wasip1.

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "Go host of the module ABI (wazero) and kkrun: in process, over stdio, the Go side of the stdio matrix";

const HOST: &str = "runtime-go/wasmhost";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::geometry(ctx)?;
    shared::rules(ctx)?;
    shared::kkrun(ctx)?;
    shared::stdio_servers(ctx)?;
    ctx.log(
        "runtime-go/wasmhost: gofmt, vet (native: the host does not build for wasip1), go test",
    );
    shared::gofmt_clean(ctx, HOST, &["."])?;
    ctx.run(cmdline("go vet ./...").dir(HOST))?;
    ctx.run(
        cmdline("go test -json -count=1 ./...")
            .dir(HOST)
            .tally(Tally::GoJson),
    )
}

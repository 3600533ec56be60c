//! Suite `cargo`: `cargo test --workspace`, once — every crate's unit, integration and doc tests
//! (kkidl, kkgen's backends and snapshots, runtime-rs, the conformance and naming crates, the geometry
//! example natively, in process and over stdio: native, wasip1 under node's WASI and wasmtime).
//! The wasip1 stdio server, kkrun, the native stdio servers and nats-server come first; the tests
//! read their paths from `target/kk-artifacts.json`.
//! The same build lints every crate of the workspace natively, clippy -D warnings (`lint.rs`; the
//! wasm targets are linted by their builds).

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "cargo test --workspace (every crate's tests, once; builds the geometry wasip1 server first)";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::geometry(ctx)?;
    // The stdio matrix's servers (examples/geometry/tests/stdio.rs) and nats-server (kkrpc-nats).
    shared::kkrun(ctx)?;
    shared::stdio_servers(ctx)?;
    super::nats::server(ctx)?;
    super::nats::rules_nats(ctx)?;
    ctx.log("cargo test --workspace (built clippy -D warnings clean)");
    ctx.run(cmdline("cargo test --workspace --quiet").tally(Tally::Cargo))
}

//! Suite `peers`: `cargo xtask bench peers` once with tiny sizes and few iterations, in node and
//! headless Chromium, so the benchmark cannot rot: it fails when a variant's answers differ from
//! the others' (every variant runs the same Rust logic) or a runner errors. The figures it prints
//! are not checked (speed goals live in the benchmark).

use crate::run::{cmdline, Ctx, Step};

/// For `--list`.
pub const ABOUT: &str = "the peers benchmark (kkgen, wasm-bindgen, jco, JSON, Go) once with tiny sizes in node and Chromium: every variant answers alike";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    super::browser::chromium(ctx)?;
    crate::bench_peers::build(ctx)?;
    ctx.log("peers benchmark, tiny sizes (node, Chromium)");
    let tiny = cmdline("node --expose-gc examples/peers/js/run.mjs")
        .env("PEERS_BATCHES", "2")
        .env("PEERS_BATCH_MS", "0.5")
        .env("PEERS_MAX_CALLS", "64")
        .env("PEERS_SCALE_FLOATS", "4099")
        .env("PEERS_BOUNDS_FLOATS", "301")
        .env("PEERS_FEWER_BATCHES", "1");
    ctx.run(tiny)?;
    ctx.add_tests(1);
    Ok(())
}

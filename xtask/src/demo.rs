//! `cargo xtask demo`: generate bindings, build the examples and run them.
//! - geometry: the Rust service for wasm32-unknown-unknown, wasm32-wasip1 and native, its wasm sizes and
//!   the size goal, then real calls (create, tessellate ~1M floats, bounds, release, typed errors)
//!   through the module ABI from node, through the typed `#[wasm_bindgen]` exports with wasm-bindgen's
//!   glue, and over stdio (native and wasip1 under node's WASI).
//! - rules: the Go service built for wasm, then real calls over stdio (wasip1 command under node:wasi)
//!   and through the module ABI (reactor).

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::{shared, wasm_rust};

/// Runs both demos.
pub fn run(ctx: &mut Ctx) -> Step {
    println!("\n\x1b[1;34m=== demo geometry ===\x1b[0m");
    shared::geometry(ctx)?;
    wasm_rust::size_goal(ctx, false)?;
    ctx.run(cmdline("node --test examples/geometry/host/abi-test.mjs").tally(Tally::Node))?;
    ctx.run(cmdline("node --test examples/geometry/host/bindgen-test.mjs").tally(Tally::Node))?;
    ctx.run(
        cmdline("cargo test --quiet -p geometry-service --test stdio -- --nocapture")
            .tally(Tally::Cargo),
    )?;

    println!("\n\x1b[1;34m=== demo rules ===\x1b[0m");
    shared::rules(ctx)?;
    ctx.run(cmdline(
        "node --test --test-reporter=spec examples/rules/node/",
    ))
}

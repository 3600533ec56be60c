//! Suite `rust`: the geometry example built for both wasm targets and exercised for real beyond its
//! cargo tests: wasm32-unknown-unknown through the module ABI from node (no JS glue; the wasip1 reactor
//! likewise under node's WASI) and through its typed `#[wasm_bindgen]` per-op exports with
//! wasm-bindgen's glue (and the bindgen_kinds fixture: every JS mapping of those exports); the generated
//! code clippy -D warnings clean on both wasm targets, linted as it is built (`lint.rs`). (The size goal is a benchmark:
//! `cargo xtask bench rust-size`.)
//! (runtime-rs unit tests, the Rust backend's snapshot tests and the stdio tests run in suite `cargo`.)

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "geometry on wasm32 (ABI, wasm-bindgen glue, bindgen_kinds) from node, clippy-clean builds";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    ctx.log(
        "geometry: wasm32-unknown-unknown + wasm32-wasip1 (wasm-release, wasm-bindgen, wasm-opt)",
    );
    shared::geometry(ctx)?;

    ctx.log("geometry: the module ABI from node (wasm32-unknown-unknown with stubbed imports, wasm32-wasip1 reactor under node WASI)");
    ctx.run(cmdline("node --test examples/geometry/host/abi-test.mjs").tally(Tally::Node))?;

    ctx.log("geometry: wasm32-unknown-unknown through the typed #[wasm_bindgen] exports (wasm-bindgen glue, node)");
    ctx.run(cmdline("node --test examples/geometry/host/bindgen-test.mjs").tally(Tally::Node))?;

    ctx.log("bindgen_kinds fixture: every JS mapping of the typed exports (wasm32-unknown-unknown, wasm-bindgen glue, node)");
    shared::bindgen_kinds(ctx)?;
    ctx.run(cmdline("node --test examples/geometry/host/kinds-test.mjs").tally(Tally::Node))
}

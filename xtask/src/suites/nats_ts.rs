//! Suite `nats-ts`: runtime-ts over NATS (docs/nats.md) on node, bun and deno — one test file
//! (tests/nats/nats.test.mjs) run by each runtime against a real nats-server started per test on
//! 127.0.0.1: the geometry (Rust) and rules (Go) wasm modules served by `serveNats` and called by
//! their generated TS clients over `connectNats`, micro discovery, queue groups, faults, limits and
//! permissions, the real `nats` CLI reading the micro endpoints, and the TS client against the
//! Rust geometry service (kkrpc-nats) and the geometry module under `kkrun -nats`. nats-server and the CLI come
//! from suite `nats`'s [`super::nats::tools`] (artifacts `nats_server`, `nats_cli`). The service
//! scenario's NATS rows run in suite `service`.

use crate::run::{Ctx, Step};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "NATS transport and serveNats on node, bun and deno against a real nats-server (geometry, rules)";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    super::nats::tools(ctx)?;
    shared::geometry(ctx)?;
    shared::rules(ctx)?;
    shared::example_ts_clients(ctx)?;
    // The cross-language rows: the Rust geometry service and the geometry module under kkrun -nats.
    super::nats::geometry_nats(ctx)?;
    super::nats::geometry_ir(ctx)?;
    shared::kkrun(ctx)?;
    shared::on_node_bun_deno(ctx, "tests/nats/nats.test.mjs")
}

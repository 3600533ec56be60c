//! Suite `nats-ts`: runtime-ts over NATS (docs/nats.md) on node, bun and deno — one test file
//! (tests/nats/nats.test.mjs) run by each runtime against a real nats-server started per test on
//! 127.0.0.1: the geometry (Rust) and rules (Go) wasm modules served by `serveNats` and called by
//! their generated TS clients over `connectNats`, micro discovery, queue groups, faults, limits and
//! permissions, and the real `nats` CLI reading the micro endpoints. nats-server and the CLI come
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
    shared::on_node_bun_deno(ctx, "tests/nats/nats.test.mjs")
}

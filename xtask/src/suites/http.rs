//! Suite `http`: the HTTP mapping (docs/http.md) on node, bun and deno — the geometry and rules
//! examples through `kkgen gen --lang ts`, `zod` and `hono` into `target/http/gen`, compiled with
//! the strictest tsc into `target/http/dist`, then one test file (tests/http/http.test.mjs) run by
//! each runtime, serving the generated routes on 127.0.0.1 over the direct transport (the shared
//! wasm builds) and over stdio (the shared native servers); the good schema `events.kkidl`'s routes
//! over a client written in the test, for the events its ops publish; the typed HTTP client
//! against the same routes (tests/http/client.test.mjs, each runtime); schemathesis against the
//! served documents (tests/http/schemathesis.mjs, node; installed by scripts/setup-http.sh).

use crate::run::{cmd, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "Hono routes + Zod + OpenAPI on node, bun and deno over the direct and stdio transports";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::geometry(ctx)?;
    shared::stdio_servers(ctx)?;
    shared::http_ts(ctx)?;
    shared::on_node_bun_deno(ctx, "tests/http/http.test.mjs")?;
    shared::on_node_bun_deno(ctx, "tests/http/client.test.mjs")?;
    ctx.log("schemathesis against the served routes (geometry, rules)");
    ctx.run(
        cmd("node")
            .arg("tests/http/schemathesis.mjs")
            .tally(Tally::Node),
    )
}

//! `cargo xtask bench http`: the HTTP side of issue 13, two measurements in one run.
//!
//! 1. Load (tests/http/bench/bench.mjs): requests/s and p50/p99 of the service scenario's small op
//!    `add` through the generated Hono routes + Zod + the direct transport (the Rust module in
//!    process), next to the same Hono route returning a constant (the floor) and a hand-written
//!    Hono + zod route calling the module's hand-written export `raw_add` with JSON (the peer), each
//!    served by `@hono/node-server` on 127.0.0.1 in its own node process, loaded by autocannon in
//!    interleaved, time-bounded batches.
//! 2. Types (tests/http/bench/tsc-bench.mjs): `tsc --noEmit` time over a generated 300-op schema
//!    (written here into `target/http-bench/tsc/`, not committed) for a caller of the generated
//!    typed HTTP client vs a caller of Hono's `hc<typeof app>` over the same generated routes.

use crate::run::{cmd, Ctx, Step};
use crate::shared;
use std::fmt::Write as _;

/// Where the 300-op schema and its generated code go (the load bench uses the shared
/// `target/http/dist/fixture`, `shared::http_ts`).
const OUT: &str = "target/http-bench";
/// Ops in the type-checking bench's schema.
const OPS: usize = 300;
/// Distinct request/result struct pairs the ops cycle through.
const SHAPES: usize = 30;

/// Builds what the two measurements need and runs them.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::service_fixture(ctx)?; // runtime-ts and the Rust module target/service/fixture/rust.wasm
    shared::http_ts(ctx)?; // the fixture's TS, Zod and Hono code in target/http/dist/fixture
    shared::remove(ctx, OUT)?;
    shared::mkdir(ctx, OUT)?;
    ctx.run(cmd("node").arg("tests/http/bench/bench.mjs"))?;

    ctx.log("a 300-op schema for the tsc bench");
    let schema = format!("{OUT}/tsc/big.kkidl");
    shared::mkdir(ctx, &format!("{OUT}/tsc"))?;
    shared::write(ctx, &schema, &big_schema())?;
    shared::ts_family(ctx, &schema, &format!("{OUT}/tsc/gen"))?;
    ctx.run(
        cmd("node")
            .arg("tests/http/bench/tsc-bench.mjs")
            .arg(format!("{OUT}/tsc")),
    )
}

/// A schema of [`OPS`] ops over [`SHAPES`] request/result struct pairs of mixed field types
/// (64-bit integers, floats, strings, lists, maps, optionals, an enum, a union), as a large API is.
fn big_schema() -> String {
    let mut s = String::from(
        "/// The tsc bench's schema (cargo xtask bench http): generated, not committed.\npackage bench.big.v1;\n\n",
    );
    s.push_str("/// A kind.\nenum Kind {\n    First,\n    Second,\n    Third,\n}\n\n");
    s.push_str(
        "/// A value.\nunion Value {\n    Empty,\n    Count(u64),\n    Text(string),\n}\n\n",
    );
    s.push_str("/// Not found.\n@id(1)\nerror Missing {\n    key: string,\n}\n\n");
    for i in 0..SHAPES {
        let _ = write!(
            s,
            "/// Request {i}.\nstruct Req{i} {{\n    id: u64,\n    name: string,\n    weight: f64,\n    \
             tags: list<string>,\n    limits: map<u32, i64>,\n    kind: Kind,\n    value: Value,\n    \
             note: string?,\n    field{i}: i32,\n}}\n\n/// Result {i}.\nstruct Res{i} {{\n    id: u64,\n    \
             total: f64,\n    items: list<Req{i}>,\n    samples: f32[],\n    found: bool,\n}}\n\n"
        );
    }
    s.push_str("/// The large API.\nservice Big {\n");
    for i in 0..OPS {
        let shape = i % SHAPES;
        let _ = writeln!(
            s,
            "    /// Op {i}.\n    op op_{i}(req: Req{shape}, limit: u32) -> Res{shape} throws Missing;"
        );
    }
    s.push_str("}\n");
    s
}

#[cfg(test)]
mod tests {
    /// The generated 300-op schema is a valid schema with all its ops.
    #[test]
    fn big_schema_compiles() {
        let dir = std::env::temp_dir().join(format!("kk-http-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("big.kkidl");
        std::fs::write(&path, super::big_schema()).expect("write");
        let ir = kkgen::compile(&[path.as_path()], &[] as &[&std::path::Path])
            .unwrap_or_else(|e| panic!("{e}"))
            .ir;
        std::fs::remove_dir_all(&dir).expect("cleanup");
        assert_eq!(ir.services[0].ops.len(), super::OPS);
    }
}

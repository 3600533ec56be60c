//! Suite `ts-wire`: generates the TS backend's output for tests/conformance/conformance.kkidl, for
//! tests/schemas/good/small.kkidl and for every good schema (with the Zod backend's `zod.ts` for
//! the conformance and good schemas), compiles it with the tests (strict tsc, and the strictest
//! flags users may set), and runs with node --test: conformance vectors (wire and JSON), fast-check
//! properties and runtime-ts wire unit tests.

use crate::run::{cmd, cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "generated TS codecs and zod.ts: conformance vectors (wire and JSON), \
                         properties, runtime-ts wire tests (tsc --strict, node)";

const OUT: &str = "target/ts-wire";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::mkdir(ctx, OUT)?;
    for dir in ["gen", "small-gen", "schemas", "build"] {
        shared::remove(ctx, &format!("{OUT}/{dir}"))?;
    }
    ctx.log("the IR from the real front end; the whole TS backend for conformance.kkidl and small.kkidl");
    write_ir(
        ctx,
        "tests/conformance/conformance.kkidl",
        &format!("{OUT}/ir.json"),
    )?;
    // gen/ for the conformance schema, small-gen/ for the corner cases of small.kkidl
    // (run by small-ir.test.ts).
    let (gen, small) = (format!("{OUT}/gen"), format!("{OUT}/small-gen"));
    shared::run_kkgen(
        ctx,
        [
            "gen",
            "--lang",
            "ts",
            "--out",
            &gen,
            "tests/conformance/conformance.kkidl",
        ],
    )?;
    shared::run_kkgen(
        ctx,
        [
            "gen",
            "--lang",
            "ts",
            "--out",
            &small,
            "tests/schemas/good/small.kkidl",
        ],
    )?;
    // zod.ts beside them (json.test.ts checks the JSON column of the vectors).
    shared::run_kkgen(
        ctx,
        [
            "gen",
            "--lang",
            "zod",
            "--out",
            &gen,
            "tests/conformance/conformance.kkidl",
        ],
    )?;
    shared::non_empty(ctx, &format!("{gen}/codecs.ts"))?;
    shared::non_empty(ctx, &format!("{gen}/zod.ts"))?;
    shared::non_empty(ctx, &format!("{small}/codecs.ts"))?;

    // Every schema of tests/schemas/good, as `kkgen gen` writes it (the code
    // generator/tests/good_schemas_snapshot.rs pins), with its IR: compiled below (also under the
    // strictest flags) and round-tripped by good-schemas.test.ts.
    ctx.log("every schema of tests/schemas/good: kkgen gen --lang ts and its IR");
    for schema in shared::glob(ctx, "tests/schemas/good", "", ".kkidl")? {
        let name = schema
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".kkidl")
            .to_string();
        let out = format!("{OUT}/schemas/{name}");
        shared::run_kkgen(ctx, ["gen", "--lang", "ts", "--out", &out, &schema])?;
        shared::run_kkgen(ctx, ["gen", "--lang", "zod", "--out", &out, &schema])?;
        write_ir(ctx, &schema, &format!("{OUT}/schemas/{name}.ir.json"))?;
    }

    ctx.log("tsc --strict (and the strictest flags users may set)");
    shared::runtime_ts(ctx)?;
    ctx.run(cmdline("npx --no-install tsc -p tests/conformance/ts"))?;
    ctx.run(cmdline(
        "npx --no-install tsc -p tests/conformance/ts/tsconfig.strictest.json",
    ))?;
    ctx.log("node --test: vectors, properties, runtime-ts wire unit tests");
    let mut tests = shared::glob(
        ctx,
        &format!("{OUT}/build/tests/conformance/ts"),
        "",
        ".test.js",
    )?;
    tests.extend(shared::glob(
        ctx,
        &format!("{OUT}/build/runtime-ts/test"),
        "wire",
        ".test.js",
    )?);
    ctx.run(cmdline("node --test").args(tests).tally(Tally::Node))
}

/// `kkgen ir --json <schema> > <out>`.
pub fn write_ir(ctx: &mut Ctx, schema: &str, out: &str) -> Step {
    shared::kkgen(ctx)?;
    let ir = ctx.output(cmd(shared::KKGEN).args(["ir", "--json", schema]))?;
    shared::write(ctx, out, &ir)
}

//! Suite `ts-wire`: generates the TS types and codecs of tests/conformance/conformance.kkidl (and of
//! the generator unit test's corner-case IR), compiles them with the tests (strict tsc, and the
//! strictest flags users may set), and runs with node --test: conformance vectors, fast-check
//! properties and runtime-ts wire unit tests.

use crate::run::{cmd, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "generated TS codecs: conformance vectors, properties, runtime-ts wire tests (tsc --strict, node)";

const OUT: &str = "target/ts-wire";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::mkdir(ctx, OUT)?;
    for dir in ["gen", "small-gen", "build"] {
        shared::remove(ctx, &format!("{OUT}/{dir}"))?;
    }
    ctx.log("the IR from the real front end; types.ts + codecs.ts from the TS generator's own functions");
    write_ir(
        ctx,
        "tests/conformance/conformance.kkidl",
        &format!("{OUT}/ir.json"),
    )?;
    // generator/src/ts/{types,codec}.rs, and the corner-case IR of the generator's unit test into small-gen.
    let abs = |ctx: &Ctx, rel: &str| ctx.path(rel).to_string_lossy().into_owned();
    ctx.run(
        cmd("cargo")
            .args(["test", "-q", "-p", "kkgen", "--lib", "--", "--exact"])
            .args([
                "ts::codec::tests::dump",
                "ts::codec::tests::generates_every_codec_function",
            ])
            .env("KKGEN_TS_IR", &abs(ctx, &format!("{OUT}/ir.json")))
            .env("KKGEN_TS_DUMP", &abs(ctx, &format!("{OUT}/gen")))
            .env(
                "KKGEN_TS_SMALL_DUMP",
                &abs(ctx, &format!("{OUT}/small-gen")),
            ),
    )?;
    shared::non_empty(ctx, &format!("{OUT}/gen/codecs.ts"))?;
    shared::non_empty(ctx, &format!("{OUT}/small-gen/codecs.ts"))?;

    ctx.log("tsc --strict (and the strictest flags users may set)");
    shared::runtime_ts(ctx)?;
    ctx.run(cmd("npx").args(["--no-install", "tsc", "-p", "tests/conformance/ts"]))?;
    ctx.run(cmd("npx").args([
        "--no-install",
        "tsc",
        "-p",
        "tests/conformance/ts/tsconfig.strictest.json",
    ]))?;
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
    ctx.run(cmd("node").arg("--test").args(tests).tally(Tally::Node))
}

/// `kkgen ir --json <schema> > <out>`.
pub fn write_ir(ctx: &mut Ctx, schema: &str, out: &str) -> Step {
    shared::kkgen(ctx)?;
    let ir = ctx.output(cmd(shared::KKGEN).args(["ir", "--json", schema]))?;
    shared::write(ctx, out, &ir)
}

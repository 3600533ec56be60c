//! Suite `ts-wire`: generates the TS types and codecs of tests/conformance/conformance.kkidl (and of
//! the generator unit test's corner-case IR), compiles them with the tests (strict tsc, and the
//! strictest flags users may set), and runs with node --test: conformance vectors, fast-check
//! properties and runtime-ts wire unit tests.

use crate::run::{cmd, cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "generated TS codecs: conformance vectors, properties, runtime-ts wire \
                         tests (tsc --strict, node)";

const OUT: &str = "target/ts-wire";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::mkdir(ctx, OUT)?;
    for dir in ["gen", "small-gen", "build"] {
        shared::remove(ctx, &format!("{OUT}/{dir}"))?;
    }
    ctx.log(
        "the IR from the real front end; types.ts + codecs.ts from the TS generator's functions",
    );
    write_ir(
        ctx,
        "tests/conformance/conformance.kkidl",
        &format!("{OUT}/ir.json"),
    )?;
    // generator/src/ts/{types,codec}.rs, and the corner-case IR of the generator's unit test into
    // small-gen.
    let tests = [
        "ts::codec::tests::dump",
        "ts::codec::tests::generates_every_codec_function",
    ];
    let (ir, gen, small) = (
        format!("{OUT}/ir.json"),
        format!("{OUT}/gen"),
        format!("{OUT}/small-gen"),
    );
    let envs = [
        ("KKGEN_TS_IR", ir.as_str()),
        ("KKGEN_TS_DUMP", &gen),
        ("KKGEN_TS_SMALL_DUMP", &small),
    ];
    shared::kkgen_dump(ctx, &tests, &envs)?;
    shared::non_empty(ctx, &format!("{gen}/codecs.ts"))?;
    shared::non_empty(ctx, &format!("{small}/codecs.ts"))?;

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

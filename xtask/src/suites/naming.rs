//! Suite `naming`: names that are keywords or predeclared names in Rust, Go or TypeScript
//! (tests/schemas/good/keywords.kkidl: `Result`, `Option`, `Error`, `Promise`, `Map`, fields `type`,
//! `self`, `func`, `default`, ...): every backend escapes them consistently, so the generated code
//! compiles cleanly and answers real calls in each language. (The Rust crate's tests run in suite `cargo`.)

use crate::run::{cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "keyword names in every backend: clippy (Rust), gofmt/vet/go test (Go), \
                         strictest tsc + node (TS)";

const SCHEMA: &str = "tests/schemas/good/keywords.kkidl";
const OUT: &str = "target/naming";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::remove(ctx, OUT)?;
    ctx.log(
        "Rust: generated via build.rs, built with its tests clippy -D warnings clean (lint.rs)",
    );
    ctx.run(cmdline("cargo build -q -p kk-naming-rust --all-targets"))?;

    ctx.log("Go: gofmt, vet (native + wasip1), calls through client and dispatcher");
    let go = format!("{OUT}/go");
    let gen = format!("{go}/gen");
    shared::mkdir(ctx, &gen)?;
    let args = [
        "gen",
        "--lang",
        "go",
        "--go-package",
        "keywordsv1",
        "--out",
        &gen,
        SCHEMA,
    ];
    shared::run_kkgen(ctx, args)?;
    shared::copy(
        ctx,
        "tests/naming/go/naming_test.go",
        &format!("{gen}/naming_test.go"),
    )?;
    shared::go_mod_with_runtime(ctx, &go, "namingcheck")?;
    shared::gofmt_clean(ctx, &go, &["gen"])?;
    ctx.run(cmdline("go vet ./...").dir(&go))?;
    ctx.run(cmdline("go vet ./...").dir(&go).wasip1())?;
    ctx.run(cmdline("go test -json ./...").dir(&go).tally(Tally::GoJson))?;

    ctx.log("TypeScript: strictest tsc, codec round trips, parameters named like generated locals");
    let ts = format!("{OUT}/ts");
    let args = [
        "gen",
        "--lang",
        "ts",
        "--ts-runtime",
        "@kkgen/runtime",
        "--out",
        &ts,
        SCHEMA,
    ];
    shared::run_kkgen(ctx, args)?;
    let locals = format!("{OUT}/ts-locals");
    let args = [
        "gen",
        "--lang",
        "ts",
        "--ts-runtime",
        "@kkgen/runtime",
        "--out",
        &locals,
    ];
    shared::run_kkgen(
        ctx,
        args.into_iter()
            .chain(["tests/schemas/good/generated_locals.kkidl"]),
    )?;
    shared::runtime_ts(ctx)?;
    ctx.run(cmdline("npx --no-install tsc -p tests/naming/ts"))?;
    let tests = format!("{OUT}/ts-build/tests/naming/ts/");
    ctx.run(cmdline("node --test").arg(tests).tally(Tally::Node))
}

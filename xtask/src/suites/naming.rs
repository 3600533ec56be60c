//! Suite `naming`: names that are keywords or predeclared names in Rust, Go or TypeScript
//! (tests/schemas/good/keywords.kkidl: `Result`, `Option`, `Error`, `Promise`, `Map`, fields `type`,
//! `self`, `func`, `default`, ...): every backend escapes them consistently, so the generated code
//! compiles cleanly and answers real calls in each language. (The Rust crate's tests run in suite `cargo`.)

use crate::run::{cmd, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "keyword names in every backend: clippy (Rust), gofmt/vet/go test (Go), strictest tsc + node (TS)";

const SCHEMA: &str = "tests/schemas/good/keywords.kkidl";
const OUT: &str = "target/naming";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::remove(ctx, OUT)?;
    ctx.log("Rust: generated via build.rs, clippy -D warnings");
    ctx.run(cmd("cargo").args([
        "clippy",
        "-q",
        "-p",
        "kk-naming-rust",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    ctx.log("Go: gofmt, vet (native + wasip1), calls through client and dispatcher");
    let go = format!("{OUT}/go");
    shared::mkdir(ctx, &format!("{go}/gen"))?;
    shared::run_kkgen(
        ctx,
        [
            "gen",
            "--lang",
            "go",
            "--go-package",
            "keywordsv1",
            "--out",
            &format!("{go}/gen"),
            SCHEMA,
        ],
    )?;
    shared::copy(
        ctx,
        "tests/naming/go/naming_test.go",
        &format!("{go}/gen/naming_test.go"),
    )?;
    shared::go_mod_with_runtime(ctx, &go, "namingcheck")?;
    shared::gofmt_clean(ctx, &go, &["gen"])?;
    ctx.run(cmd("go").args(["vet", "./..."]).dir(&go))?;
    ctx.run(cmd("go").args(["vet", "./..."]).dir(&go).wasip1())?;
    ctx.run(
        cmd("go")
            .args(["test", "-json", "./..."])
            .dir(&go)
            .tally(Tally::GoJson),
    )?;

    ctx.log("TypeScript: strictest tsc, codec round trips under node");
    shared::run_kkgen(
        ctx,
        [
            "gen",
            "--lang",
            "ts",
            "--ts-runtime",
            "@kkgen/runtime",
            "--out",
            &format!("{OUT}/ts"),
            SCHEMA,
        ],
    )?;
    shared::runtime_ts(ctx)?;
    ctx.run(cmd("npx").args(["--no-install", "tsc", "-p", "tests/naming/ts"]))?;
    ctx.run(
        cmd("node")
            .args(["--test", &format!("{OUT}/ts-build/tests/naming/ts/")])
            .tally(Tally::Node),
    )
}

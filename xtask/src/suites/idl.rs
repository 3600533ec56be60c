//! Suite `idl`: the kkidl front end and the kkgen CLI beyond their cargo tests (which run in suite
//! `cargo`: parser/checker/formatter unit tests, bad-schema corpus and IR snapshots, fmt round trips,
//! property tests, CLI exit codes): every committed schema canonically formatted, clippy clean.

use crate::run::{cmdline, Ctx, Step};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "kkidl + kkgen CLI: every committed schema `kkgen fmt --check`, clippy -D warnings";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    ctx.log("every committed schema is formatted (kkgen fmt --check)");
    let listed = ctx.output(cmdline("git ls-files *.kkidl"))?;
    let schemas: Vec<&str> = listed
        .lines()
        .filter(|f| !f.starts_with("tests/schemas/bad/"))
        .collect();
    shared::run_kkgen(
        ctx,
        std::iter::once("fmt")
            .chain(std::iter::once("--check"))
            .chain(schemas),
    )?;
    ctx.log("clippy -D warnings (the workspace, which holds kkidl and kkgen; once per run)");
    shared::clippy(ctx, None)
}

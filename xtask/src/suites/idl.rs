//! Suite `idl`: the kkidl front end and the kkgen CLI beyond their cargo tests (which run in suite
//! `cargo`: parser/checker/formatter unit tests, bad-schema corpus and IR snapshots, fmt round trips,
//! property tests, CLI exit codes): every committed schema canonically formatted. (Clippy lints
//! kkidl and kkgen as they are built: `lint.rs`.)

use crate::run::{cmdline, Ctx, Step};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "kkidl + kkgen CLI: every committed schema `kkgen fmt --check` (kkgen built clippy -D warnings clean)";

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
    )
}

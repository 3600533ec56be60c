//! Suite `template`: the cargo-generate template `templates/kkgen-service` as a new user takes it.
//! cargo-generate (installed by `scripts/setup-template.sh` into `target/tools`: setup starts it in
//! the background, this suite waits for it) instantiates it
//! non-interactively into a temporary folder outside the checkout, with `kkgen_path` this
//! checkout; then the new project's two commands run there: `npm install` and `npm test` (its
//! build: kkgen, the Rust service for both wasm targets, the Go service, tsc and esbuild; its
//! tests: Go, the TS client direct under node against all three modules, the page's Worker in
//! headless Chromium, the Hono server on 127.0.0.1).
//!
//! To keep it cheap, the project builds against what this run already has: its Rust crates use
//! the workspace's wasm target dir (`CARGO_TARGET_DIR=target/wasm`, where the examples' wasm builds
//! put the same dependencies in the same profile) with the workspace's `Cargo.lock` copied in (the
//! same versions), and `KKGEN` is the kkgen binary of [`shared::kkgen`]. `npm install` runs with
//! `--ignore-scripts`: `@kkgen/runtime`'s `prepare` would rebuild `runtime-ts/dist` while other
//! suites read it; [`shared::runtime_ts`] has built it in this run.

use crate::run::{cmd, Ctx, Step, Tally};
use crate::shared;
use std::path::{Path, PathBuf};

/// For `--list`.
pub const ABOUT: &str =
    "cargo generate templates/kkgen-service, then the new project's npm install + npm test";

/// The template folder, below the root.
const TEMPLATE: &str = "templates/kkgen-service";
/// What `scripts/setup-template.sh` installs.
const CARGO_GENERATE: &str = "target/tools/bin/cargo-generate";
/// The new project's name.
const NAME: &str = "kk-template-check";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    let chromium = super::browser::chromium(ctx)?;
    // Setup started the install in the background; this waits for it (or installs, after
    // `--no-setup` on a machine without it).
    ctx.log("cargo-generate (scripts/setup-template.sh)");
    ctx.run(cmd("bash").arg("scripts/setup-template.sh"))?;
    let cargo_generate = ctx.path(CARGO_GENERATE);
    shared::kkgen(ctx)?;
    shared::runtime_ts(ctx)?;
    let parent = std::env::temp_dir().join(format!("kkgen-template-{}", std::process::id()));
    let result = instantiate_and_test(ctx, &cargo_generate, &parent, &chromium);
    let _ = std::fs::remove_dir_all(&parent);
    result
}

fn instantiate_and_test(
    ctx: &mut Ctx,
    cargo_generate: &Path,
    parent: &Path,
    chromium: &str,
) -> Step {
    std::fs::create_dir_all(parent).map_err(|e| format!("mkdir {}: {e}", parent.display()))?;
    let root = ctx.root.to_string_lossy().into_owned();
    ctx.log(&format!(
        "cargo generate {TEMPLATE} into {}",
        parent.display()
    ));
    ctx.run(
        cmd(&cargo_generate.to_string_lossy())
            .args([
                "generate", "--path", TEMPLATE, "--name", NAME, "--silent", "--vcs", "none",
            ])
            .arg("--destination")
            .arg(parent)
            .arg("--define")
            .arg(format!("kkgen_path={root}")),
    )?;
    let project: PathBuf = parent.join(NAME);
    std::fs::copy(ctx.path("Cargo.lock"), project.join("Cargo.lock"))
        .map_err(|e| format!("cp Cargo.lock {}: {e}", project.display()))?;

    ctx.log("the new project: npm install, npm test");
    ctx.run(
        cmd("npm")
            .args([
                "install",
                "--prefer-offline",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
            ])
            .args(["--loglevel=error"])
            .dir(&project),
    )?;
    let kkgen = ctx.path(shared::KKGEN).to_string_lossy().into_owned();
    let target_dir = ctx.path("target/wasm").to_string_lossy().into_owned();
    ctx.run(
        cmd("npm")
            .arg("test")
            .dir(&project)
            .env("KKGEN", &kkgen)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("CHROMIUM", chromium)
            .tally(Tally::Node),
    )
}

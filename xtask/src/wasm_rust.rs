//! Builds a Rust kkrpc service crate for both wasm targets with the size profile (`wasm-release`),
//! runs wasm-bindgen-cli and wasm-opt -Oz and prints the sizes (docs/build.md);
//! `cargo xtask build-wasm-rust <package> [out-dir]`. And the size goal: what the kkrpc glue adds to
//! a trivial service next to a plain wasm-bindgen baseline built the same way in the same run.
//!
//! Outputs in `<out>` (default `dist/rust/<package>`):
//! - `unknown/<lib>.wasm`: wasm32-unknown-unknown after wasm-bindgen + wasm-opt, the module the TS host
//!   loads directly (no JS glue; imports stubbed, docs/abi.md §2)
//! - `unknown/web/<lib>.js`, `unknown/node/<lib>.js`: wasm-bindgen's glue (`--target web`,
//!   `--target experimental-nodejs-module`) and their `<lib>_bg.wasm`
//! - `wasip1/<lib>.wasm` (reactor, `kk_*` exports) and `wasip1/<bin>.wasm` (stdio servers) after wasm-opt

use crate::run::{cmd, cmdline, Ctx, Step};

const TARGET_DIR: &str = "target/wasm";
const PROFILE: &str = "wasm-release";
const WASM_OPT: &str = "node_modules/.bin/wasm-opt";
/// Features Rust's wasm32 targets emit by default (wasm-opt must accept them); names and producers are
/// stripped here, after wasm-bindgen, which needs the target_features section.
const OPT_FEATURES: &[&str] = &[
    "--strip-debug",
    "--strip-producers",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// What the size goal allows the glue to add (raw bytes).
const GLUE_GOAL: u64 = 15 * 1024;

/// Builds `pkg` into `out` (see the module doc) and prints the sizes.
pub fn build(ctx: &mut Ctx, pkg: &str, out: &str) -> Step {
    let lib = pkg.replace('-', "_");
    let wasm_opt = ctx.path(WASM_OPT);
    ctx.check(wasm_opt.exists(), || {
        "wasm-opt missing: run npm ci (binaryen devDependency)".into()
    })?;
    check_wasm_bindgen(ctx)?;
    for dir in ["unknown/web", "unknown/node", "wasip1"] {
        crate::shared::mkdir(ctx, &format!("{out}/{dir}"))?;
    }

    ctx.log(&format!("[build-wasm-rust] {pkg}: wasm32-unknown-unknown"));
    cargo_build(ctx, pkg, "wasm32-unknown-unknown", &["--lib"])?;
    let raw = format!("{TARGET_DIR}/wasm32-unknown-unknown/{PROFILE}/{lib}.wasm");
    ctx.run(cmd("wasm-bindgen").args([
        "--target",
        "web",
        "--out-dir",
        &format!("{out}/unknown/web"),
        &raw,
    ]))?;
    ctx.run(cmd("wasm-bindgen").args([
        "--target",
        "experimental-nodejs-module",
        "--out-dir",
        &format!("{out}/unknown/node"),
        &raw,
    ]))?;
    // Both targets' glue load the same module (checked, else each is optimised on its own).
    let web_bg = format!("{out}/unknown/web/{lib}_bg.wasm");
    let node_bg = format!("{out}/unknown/node/{lib}_bg.wasm");
    let same_module =
        std::fs::read(ctx.path(&web_bg)).ok() == std::fs::read(ctx.path(&node_bg)).ok();
    let module = format!("{out}/unknown/{lib}.wasm");
    opt(ctx, &web_bg, &module)?;
    crate::shared::copy(ctx, &module, &web_bg)?;
    if same_module {
        crate::shared::copy(ctx, &module, &node_bg)?;
    } else {
        opt(ctx, &node_bg, &node_bg)?;
    }

    ctx.log(&format!("[build-wasm-rust] {pkg}: wasm32-wasip1"));
    cargo_build(ctx, pkg, "wasm32-wasip1", &[])?;
    let wasip1_dir = format!("{TARGET_DIR}/wasm32-wasip1/{PROFILE}");
    let mut sized = vec![module];
    for name in std::iter::once(lib).chain(bins(ctx, pkg)?) {
        let built = format!("{wasip1_dir}/{name}.wasm");
        if ctx.path(&built).exists() {
            let dest = format!("{out}/wasip1/{name}.wasm");
            opt(ctx, &built, &dest)?;
            sized.push(dest);
        }
    }
    ctx.run(cmd("node").arg("scripts/wasm-sizes.mjs").args(sized))
}

/// wasm-bindgen-cli must be the version the crates pin (root Cargo.toml), or its output is not usable.
fn check_wasm_bindgen(ctx: &mut Ctx) -> Step {
    let manifest =
        std::fs::read_to_string(ctx.path("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let pinned = manifest
        .lines()
        .find_map(|l| l.strip_prefix("wasm-bindgen = \"="))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    let have = ctx
        .output(cmd("wasm-bindgen").arg("--version"))
        .unwrap_or_default();
    let have = have
        .split_whitespace()
        .nth(1)
        .unwrap_or("missing")
        .to_string();
    ctx.check(have == pinned, || {
        format!("wasm-bindgen-cli {have}, the crates pin {pinned}: run cargo xtask setup")
    })
}

fn cargo_build(ctx: &mut Ctx, pkg: &str, target: &str, extra: &[&str]) -> Step {
    ctx.run(
        cmd("cargo")
            .args(["build", "--quiet", "-p", pkg])
            .args(extra)
            .args([
                "--target",
                target,
                "--profile",
                PROFILE,
                "--target-dir",
                TARGET_DIR,
            ])
            .env("CARGO_PROFILE_WASM_RELEASE_STRIP", "false"),
    )
}

/// wasm-opt -Oz into a temporary file renamed over the output, so a reader never sees a partial module.
fn opt(ctx: &mut Ctx, input: &str, output: &str) -> Step {
    let tmp = format!("{output}.tmp.{}", std::process::id());
    ctx.run(
        cmd(WASM_OPT)
            .arg("-Oz")
            .args(OPT_FEATURES)
            .args([input, "-o", &tmp]),
    )?;
    std::fs::rename(ctx.path(&tmp), ctx.path(output)).map_err(|e| format!("mv {tmp} {output}: {e}"))
}

/// The package's binary targets (from `cargo metadata`).
fn bins(ctx: &mut Ctx, pkg: &str) -> Step<Vec<String>> {
    let meta = ctx.output(cmdline("cargo metadata --no-deps --format-version 1"))?;
    let meta: serde_json::Value =
        serde_json::from_str(&meta).map_err(|e| format!("cargo metadata: {e}"))?;
    let package = meta["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == pkg))
        .ok_or_else(|| format!("no package {pkg} in the workspace"))?;
    let targets = package["targets"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    Ok(targets
        .iter()
        .filter(|t| {
            t["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "bin"))
        })
        .filter_map(|t| t["name"].as_str().map(String::from))
        .collect())
}

/// The size goal: builds the baseline and the trivial service, prints raw / gzip / brotli and what the
/// glue adds; with `enforce`, fails when the glue exceeds 15 KB.
pub fn size_goal(ctx: &mut Ctx, enforce: bool) -> Step {
    ctx.once("size-modules", |ctx| {
        build(ctx, "size-baseline", "target/wasm/size/baseline")?;
        build(ctx, "size-trivial", "target/wasm/size/trivial")
    })?;
    let goal = cmdline("node scripts/wasm-sizes.mjs --goal")
        .arg("target/wasm/size/baseline/unknown/size_baseline.wasm")
        .arg("target/wasm/size/trivial/unknown/size_trivial.wasm");
    let report = ctx.output(goal)?;
    print!(
        "{}",
        report
            .lines()
            .filter(|l| !l.starts_with("glue-bytes"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    let glue: u64 = report
        .lines()
        .find_map(|l| l.strip_prefix("glue-bytes "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(u64::MAX);
    let met = glue <= GLUE_GOAL;
    println!(
        "{}",
        if met {
            "  goal met: glue <= 15 KB"
        } else {
            "  goal MISSED: glue > 15 KB"
        }
    );
    ctx.check(met || !enforce, || {
        format!("size goal missed: the kkrpc glue adds {glue} bytes (goal {GLUE_GOAL})")
    })
}

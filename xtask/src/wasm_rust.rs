//! Builds a Rust kkrpc service crate for both wasm targets with the size profile (`wasm-release`),
//! runs wasm-bindgen-cli and wasm-opt -Oz and prints the sizes (docs/build.md);
//! `cargo xtask build-wasm-rust <package> [out-dir]`. The steps are `kkgen build rust`'s
//! ([`kkgen::build`]: cargo, the wasm-bindgen-cli version check, wasm-opt, sizes), plus the node glue
//! and the binaries' stdio servers. And the size goal: what the kkrpc glue adds to
//! a trivial service next to a plain wasm-bindgen baseline built the same way in the same run.
//!
//! Outputs in `<out>` (default `dist/rust/<package>`):
//! - `unknown/<lib>.wasm`: wasm32-unknown-unknown after wasm-bindgen + wasm-opt, the module the TS host
//!   loads directly (no JS glue; imports stubbed, docs/abi.md §2)
//! - `unknown/web/<lib>.js`, `unknown/node/<lib>.js`: wasm-bindgen's glue (`--target web`,
//!   `--target experimental-nodejs-module`) and their `<lib>_bg.wasm`
//! - `wasip1/<lib>.wasm` (reactor, `kk_*` exports) and `wasip1/<bin>.wasm` (stdio servers) after wasm-opt

use crate::run::{Ctx, Step};
use kkgen::build::{cargo, sizes, wasm_bindgen, wasm_opt, Built};
use std::path::PathBuf;

const TARGET_DIR: &str = "target/wasm";
const WASM_OPT: &str = "node_modules/.bin/wasm-opt";

/// What the size goal allows the glue to add (raw bytes).
const GLUE_GOAL: u64 = 15 * 1024;

/// Builds `pkg` into `out` (see the module doc) and prints the sizes; the steps are
/// `kkgen build rust`'s ([`kkgen::build`]), with the node glue added.
pub fn build(ctx: &mut Ctx, pkg: &str, out: &str) -> Step {
    let wasm_opt = ctx.path(WASM_OPT);
    ctx.check(wasm_opt.exists(), || {
        "wasm-opt missing: run npm ci (binaryen devDependency)".into()
    })?;
    let mut krate = cargo::inspect(&ctx.path("Cargo.toml"), Some(pkg)).map_err(text)?;
    krate.target_dir = ctx.path(TARGET_DIR);
    wasm_bindgen::check(krate.wasm_bindgen.as_deref()).map_err(text)?;
    for dir in ["unknown/web", "unknown/node", "wasip1"] {
        crate::shared::mkdir(ctx, &format!("{out}/{dir}"))?;
    }
    let lib = krate.lib.clone();
    let root = ctx.root.clone();
    let at = |rel: String| root.join(rel);

    ctx.log(&format!("[build-wasm-rust] {pkg}: wasm32-unknown-unknown"));
    let raw = cargo::build(&krate, "wasm32-unknown-unknown", &["--lib"], true).map_err(text)?;
    wasm_bindgen::run("web", &raw[0], &at(format!("{out}/unknown/web"))).map_err(text)?;
    wasm_bindgen::run(
        "experimental-nodejs-module",
        &raw[0],
        &at(format!("{out}/unknown/node")),
    )
    .map_err(text)?;
    // Both targets' glue load the same module (checked, else each is optimised on its own).
    let web_bg = at(format!("{out}/unknown/web/{lib}_bg.wasm"));
    let node_bg = at(format!("{out}/unknown/node/{lib}_bg.wasm"));
    let same_module = std::fs::read(&web_bg).ok() == std::fs::read(&node_bg).ok();
    let module = at(format!("{out}/unknown/{lib}.wasm"));
    let mut pairs = vec![(web_bg.clone(), module.clone())];
    if !same_module {
        pairs.push((node_bg.clone(), node_bg.clone()));
    }
    // The table shows paths below the root (the current directory).
    let shown = |p: &PathBuf| p.strip_prefix(&root).unwrap_or(p).to_path_buf();
    let mut sized = vec![Built {
        path: shown(&module),
        target: "web".into(),
    }];

    ctx.log(&format!("[build-wasm-rust] {pkg}: wasm32-wasip1"));
    for built in cargo::build(&krate, "wasm32-wasip1", &[], true).map_err(text)? {
        let name = built.file_name().map(PathBuf::from).unwrap_or_default();
        let dest = at(format!("{out}/wasip1/{}", name.display()));
        sized.push(Built {
            path: shown(&dest),
            target: "wasip1".into(),
        });
        pairs.push((built, dest));
    }
    wasm_opt::optimise_all(&wasm_opt, &pairs).map_err(text)?;
    kkgen::build::rust::copy(&module, &web_bg).map_err(text)?;
    if same_module {
        kkgen::build::rust::copy(&module, &node_bg).map_err(text)?;
    }
    let table = sizes::table(&sized).map_err(text)?;
    ctx.say(table.trim_end());
    Ok(())
}

/// A [`kkgen::build::BuildError`] as a step's message.
fn text(e: kkgen::build::BuildError) -> String {
    e.to_string()
}

/// The size goal: builds the baseline and the trivial service, prints raw / gzip / brotli and what the
/// glue adds; with `enforce`, fails when the glue exceeds 15 KB.
pub fn size_goal(ctx: &mut Ctx, enforce: bool) -> Step {
    ctx.once("size-modules", |ctx| {
        build(ctx, "size-baseline", "target/wasm/size/baseline")?;
        build(ctx, "size-trivial", "target/wasm/size/trivial")
    })?;
    let baseline =
        sizes::Sizes::of_file(&ctx.path("target/wasm/size/baseline/unknown/size_baseline.wasm"))
            .map_err(text)?;
    let trivial =
        sizes::Sizes::of_file(&ctx.path("target/wasm/size/trivial/unknown/size_trivial.wasm"))
            .map_err(text)?;
    let kb = |n: i64| format!("{:>7.1} KB", n as f64 / 1024.0);
    let row = |name: &str, raw: i64, gzip: i64, brotli: i64| {
        println!("  {name:<38}{} {} {}", kb(raw), kb(gzip), kb(brotli));
    };
    println!("size goal (wasm32-unknown-unknown, wasm-opt -Oz)    raw       gzip      brotli");
    let signed = |s: sizes::Sizes| (s.raw as i64, s.gzip as i64, s.brotli as i64);
    let (b, t) = (signed(baseline), signed(trivial));
    row("baseline (wasm-bindgen add)", b.0, b.1, b.2);
    row("trivial kkrpc service", t.0, t.1, t.2);
    row("glue added", t.0 - b.0, t.1 - b.1, t.2 - b.2);
    let glue = trivial.raw.saturating_sub(baseline.raw);
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

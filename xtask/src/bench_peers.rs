//! `cargo xtask bench peers`: the same four ops (examples/peers/peers.kkidl: add, greet, bounds,
//! scale), written once in Rust (`peers-logic`), called from node and headless Chromium through
//! (A) kkgen's direct transport, (B) hand-written `#[wasm_bindgen]` glue, (C) a wit-bindgen
//! component transpiled by jco and (D) JSON over a wasm-bindgen boundary, with the same ops in Go
//! through kkgen as extra rows; `examples/peers/js/run.mjs` prints the table, the sizes and the
//! goals of issue 17 (examples/peers/README.md). Suite `peers` runs it with tiny sizes.
//!
//! The bindings are the checked-in SDK (`examples/peers/sdk/{rust,go,ts}`, `npm run sdk:peers`).
//! [`build`] makes every module run.mjs loads, in `target/peers/`:
//! - one `cargo build` of the four Rust crates for wasm32-unknown-unknown with the size profile
//!   (`wasm-release`, in `target/wasm`: the dependencies are the shared builds'), then
//!   `kkgen build rust` of the kkgen crate (`kkgen/peers_kkgen.wasm`: up to date, so only
//!   wasm-bindgen and wasm-opt run), wasm-bindgen-cli `--target web` of B and D (`bindgen/`,
//!   `json/`) and `jco new` + `jco transpile --instantiation async` of C (`jco/`), every module
//!   through wasm-opt -Oz as `kkgen build rust` does;
//! - `go/peers-go.wasm`: `kkgen build go` of the Go reactor.

use crate::run::{cmd, cmdline, Ctx, Step};
use crate::shared;
use kkgen::build::{cargo, wasm_bindgen, wasm_opt};
use std::path::PathBuf;

const OUT: &str = "target/peers";
/// The Go module (go.mod; the reactor is `go/cmd/reactor`, the bindings `sdk/go`).
const GO: &str = "examples/peers";
const WASM_DIR: &str = "target/wasm/wasm32-unknown-unknown/wasm-release";
const JCO: &str = "node_modules/.bin/jco";
const WASM_OPT: &str = "node_modules/.bin/wasm-opt";

/// Builds the variants (once per run) and runs the benchmark in node and Chromium.
pub fn run(ctx: &mut Ctx) -> Step {
    build(ctx)?;
    ctx.run(cmdline("node --expose-gc examples/peers/js/run.mjs"))
}

/// Builds every variant into `target/peers` (see the module doc), once per run.
pub fn build(ctx: &mut Ctx) -> Step {
    ctx.once("peers", |ctx| {
        shared::runtime_ts(ctx)?;
        for tool in [JCO, WASM_OPT] {
            let found = ctx.path(tool).exists();
            ctx.check(found, || format!("{tool} missing: run npm ci"))?;
        }
        // The bindings are the checked-in SDK (examples/peers/sdk; suite `sdk` keeps it current).
        shared::gofmt_clean(ctx, GO, &["."])?;
        ctx.run(cmdline("go vet ./...").dir(GO).wasip1())?;

        ctx.log("peers: the Rust variants (wasm32-unknown-unknown, wasm-release)");
        let rust = "cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm-release --target-dir target/wasm -p peers-kkgen -p peers-bindgen -p peers-json -p peers-wit";
        ctx.run(cmdline(rust).env("CARGO_PROFILE_WASM_RELEASE_STRIP", "false"))?;
        // In target/wasm, where the build above left it: only wasm-bindgen and wasm-opt run.
        shared::kkgen(ctx)?;
        let out = format!("{OUT}/kkgen");
        let kkgen_build = cmd(shared::KKGEN)
            .args(["build", "rust", "-p", "peers-kkgen", "--target", "web"])
            .args(["--out", &out])
            .env("CARGO_TARGET_DIR", "target/wasm");
        ctx.run(kkgen_build)?;
        glue(ctx)?;
        component(ctx)?;

        ctx.log("peers: the Go reactor (kkgen build go)");
        shared::run_kkgen(
            ctx,
            [
                "build",
                "go",
                "--dir",
                GO,
                "--reactor",
                "./go/cmd/reactor",
                "--out",
                &format!("{OUT}/go"),
            ],
        )
    })
}

/// wasm-bindgen-cli `--target web` of B and D, then wasm-opt of their modules in place.
fn glue(ctx: &mut Ctx) -> Step {
    let krate = cargo::inspect(&ctx.path("Cargo.toml"), Some("peers-bindgen"))
        .map_err(|e| e.to_string())?;
    wasm_bindgen::check(krate.wasm_bindgen.as_deref()).map_err(|e| e.to_string())?;
    let mut pairs = Vec::new();
    for (dir, lib) in [("bindgen", "peers_bindgen"), ("json", "peers_json")] {
        let out = ctx.path(format!("{OUT}/{dir}"));
        let module = ctx.path(format!("{WASM_DIR}/{lib}.wasm"));
        wasm_bindgen::run("web", &module, &out).map_err(|e| e.to_string())?;
        let bg = out.join(format!("{lib}_bg.wasm"));
        pairs.push((bg.clone(), bg));
    }
    wasm_opt::optimise_all(&ctx.path(WASM_OPT), &pairs).map_err(|e| e.to_string())
}

/// C: wasm-opt of the wit-bindgen core module (its `component-type` section kept), `jco new` (no
/// WASI adapter: the module imports nothing) and `jco transpile --instantiation async` into
/// `target/peers/jco` (`peers.js` and its core module).
fn component(ctx: &mut Ctx) -> Step {
    let work = format!("{OUT}/jco-build");
    shared::mkdir(ctx, &work)?;
    shared::remove(ctx, &format!("{OUT}/jco"))?;
    let core: PathBuf = ctx.path(format!("{work}/peers_wit.wasm"));
    let opt = cmd(WASM_OPT)
        .args(
            wasm_opt::FLAGS
                .iter()
                .filter(|f| **f != "--strip-producers"),
        )
        .arg(ctx.path(format!("{WASM_DIR}/peers_wit.wasm")))
        .arg("-o")
        .arg(&core);
    ctx.run(opt)?;
    let component = format!("{work}/peers.component.wasm");
    ctx.run(cmd(JCO).arg("new").arg(&core).args(["-o", &component]))?;
    ctx.run(cmd(JCO).args([
        "transpile",
        &component,
        "--name",
        "peers",
        "--instantiation",
        "async",
        "--quiet",
        "-o",
        &format!("{OUT}/jco"),
    ]))
}

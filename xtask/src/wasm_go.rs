//! Builds the Go example (examples/rules) for wasm (`cargo xtask build-wasm-go`), over its
//! checked-in generated package (`examples/rules/sdk/go`, kept current by suite `sdk`):
//! - `target/wasm-go/rules-stdio.wasm`: wasip1 command (stdio server, bare metal)
//! - `target/wasm-go/rules-reactor.wasm`: WASI reactor (`-buildmode=c-shared`) for the
//!   browser/Cloudflare host (docs/abi.md)
//!
//! With tinygo on PATH it also builds the TinyGo variants (`-target=wasip1 -buildmode=c-shared
//! -no-debug -scheduler=none` reactor, `-target=wasip1 -no-debug` stdio command) and prints every
//! size raw / gzip. TinyGo implements `//go:wasmexport` for its wasip1 and wasm-unknown targets only
//! (0.34+), not for `-target=wasm` (the syscall/js target, whose gojs imports the kkgen host does not
//! provide), and `-gc=leaking` never frees, so a long-running service would grow without bound: the
//! smallest build the ABI host can run is the wasip1 reactor above.

use crate::run::{cmd, cmdline, Ctx, Step};

const OUT: &str = "target/wasm-go";

/// Builds the modules above.
pub fn build(ctx: &mut Ctx) -> Step {
    crate::shared::mkdir(ctx, OUT)?;
    let dir = "examples/rules";
    let go_build = |flags: &[&str], out: &str, pkg: &str| {
        cmdline("go build -trimpath -ldflags=-s")
            .args(flags)
            .args(["-o", &format!("../../{OUT}/{out}"), pkg])
            .dir(dir)
            .wasip1()
    };
    ctx.run(go_build(&[], "rules-stdio.wasm", "./cmd/rules-stdio"))?;
    ctx.run(go_build(
        &["-buildmode=c-shared"],
        "rules-reactor.wasm",
        "./cmd/rules-reactor",
    ))?;
    if crate::shared::on_path("tinygo") {
        let tinygo = |flags: &[&str], out: &str, pkg: &str| {
            cmdline("tinygo build -target=wasip1")
                .args(flags)
                .args(["-o", &format!("../../{OUT}/{out}"), pkg])
                .dir(dir)
        };
        ctx.run(tinygo(
            &["-buildmode=c-shared", "-no-debug", "-scheduler=none"],
            "rules-reactor.tinygo.wasm",
            "./cmd/rules-reactor",
        ))?;
        ctx.run(tinygo(
            &["-no-debug"],
            "rules-stdio.tinygo.wasm",
            "./cmd/rules-stdio",
        ))?;
    } else {
        ctx.say("(tinygo not on PATH: TinyGo builds skipped)");
    }
    print_sizes(ctx)
}

/// `module raw gzip` for every module in target/wasm-go.
fn print_sizes(ctx: &mut Ctx) -> Step {
    let mut modules: Vec<_> = std::fs::read_dir(ctx.path(OUT))
        .map_err(|e| format!("{OUT}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    modules.sort();
    ctx.say(&format!("{:<34} {:>10} {:>10}", "module", "raw", "gzip"));
    for m in modules {
        let raw = std::fs::metadata(&m).map(|m| m.len()).unwrap_or(0);
        let gz = ctx.output(cmd("sh").arg("-c").arg("gzip -9c \"$0\" | wc -c").arg(&m))?;
        let name = m
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ctx.say(&format!("{name:<34} {raw:>10} {:>10}", gz.trim()));
    }
    Ok(())
}

//! Builds the Go example (examples/rules) for wasm (`cargo xtask build-wasm-go`), over its
//! checked-in generated package (`examples/rules/sdk/go`, kept current by suite `sdk`):
//! - `target/wasm-go/rules-stdio.wasm`: wasip1 command (stdio server, bare metal)
//! - `target/wasm-go/rules-reactor.wasm`: WASI reactor (`-buildmode=c-shared`) for the
//!   browser/Cloudflare host (docs/abi.md)
//!
//! With tinygo on PATH it also builds the TinyGo variants (`-target=wasip1 -buildmode=c-shared
//! -no-debug -scheduler=none` reactor, `-target=wasip1 -no-debug` stdio command) and prints every
//! size raw / gzip / brotli. TinyGo implements `//go:wasmexport` for its wasip1 and wasm-unknown targets only
//! (0.34+), not for `-target=wasm` (the syscall/js target, whose gojs imports the kkgen host does not
//! provide), and `-gc=leaking` never frees, so a long-running service would grow without bound: the
//! smallest build the ABI host can run is the wasip1 reactor above.

use crate::run::{Ctx, Step};
use kkgen::build::go::{check_no_os, module, Kind, Toolchain};
use kkgen::build::{sizes, Built};
use std::path::Path;

const OUT: &str = "target/wasm-go";

/// Builds the modules above with `kkgen build go`'s steps ([`kkgen::build::go`]), the reactor
/// checked not to depend on package `os` first (docs/build-go.md §3).
pub fn build(ctx: &mut Ctx) -> Step {
    crate::shared::mkdir(ctx, OUT)?;
    let dir = ctx.path("examples/rules");
    let out = ctx.path(OUT);
    check_no_os(&dir, "./cmd/rules-reactor").map_err(|e| e.to_string())?;
    let mut plan = vec![
        (
            "./cmd/rules-stdio",
            Kind::Command,
            Toolchain::Go,
            "rules-stdio.wasm",
        ),
        (
            "./cmd/rules-reactor",
            Kind::Reactor,
            Toolchain::Go,
            "rules-reactor.wasm",
        ),
    ];
    if crate::shared::on_path("tinygo") {
        plan.push((
            "./cmd/rules-reactor",
            Kind::Reactor,
            Toolchain::TinyGo,
            "rules-reactor.tinygo.wasm",
        ));
        plan.push((
            "./cmd/rules-stdio",
            Kind::Command,
            Toolchain::TinyGo,
            "rules-stdio.tinygo.wasm",
        ));
    } else {
        ctx.say("(tinygo not on PATH: TinyGo builds skipped)");
    }
    let mut built = Vec::new();
    for (pkg, kind, toolchain, file) in plan {
        let path = out.join(file);
        module(&dir, pkg, kind, toolchain, &path).map_err(|e| e.to_string())?;
        built.push(Built {
            target: format!("{toolchain:?} {kind:?}").to_lowercase(),
            path: Path::new(OUT).join(file),
        });
    }
    let table = sizes::table(&built).map_err(|e| e.to_string())?;
    ctx.say(table.trim_end());
    Ok(())
}

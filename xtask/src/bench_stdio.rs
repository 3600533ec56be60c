//! `cargo xtask bench stdio`: the stdio transport from TS (tests/stdio/bench.mjs) on node, bun and
//! deno, per child, next to a raw pipe echo of the same frames (the floor) and the same ops as
//! newline-delimited JSON through kkrpc's stdio adapter (the peer), all measured in the same run.
//!
//! Builds in release (a benchmark, not a test): the service scenario's stdio servers (Rust
//! `fixture-stdio`, Go `cmd/fixture-stdio`) and the floor and peer children (tests/stdio/bench: Rust
//! crate `kk-stdio-bench`, Go module `kkgen.dev/tests/stdio/bench`), each natively and as a wasip1
//! command module; writes `target/stdio-bench/children.json` (what bench.mjs starts per row) and
//! runs bench.mjs under each runtime.

use crate::run::{cmdline, Ctx, Step};
use crate::shared;
use serde_json::{json, Value};

/// Where the Go programs and children.json go.
const OUT: &str = "target/stdio-bench";
/// The wasmtime runner the tests use (`wasmtime run` stands in).
const WASMTIME_RUN: &str = "examples/geometry/host/wasmtime-run.py";

/// Builds the children and runs the benchmark under node, bun and deno.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::service_fixture(ctx)?; // the generated TS client, the Go bindings, the Go reactor
    shared::kkrun(ctx)?;
    shared::mkdir(ctx, OUT)?;
    ctx.log("children in release: Rust (native, wasm32-wasip1)");
    let rust =
        "cargo build -q --release -p kk-service-fixture --bin fixture-stdio -p kk-stdio-bench --bins";
    ctx.run(cmdline(rust))?;
    ctx.run(cmdline(rust).args(["--target", "wasm32-wasip1"]))?;
    ctx.log("children: Go (native, wasip1)");
    for (dir, pkg, name) in [
        (
            "tests/service/fixture/go",
            "./cmd/fixture-stdio",
            "fixture-stdio",
        ),
        ("tests/stdio/bench/go", "./cmd/stdio-echo", "stdio-echo"),
        ("tests/stdio/bench/go", "./cmd/stdio-json", "stdio-json"),
    ] {
        let out = format!("{}/go/{name}", ctx.path(OUT).display());
        ctx.run(
            cmdline("go build -trimpath -o")
                .args([out.as_str(), pkg])
                .dir(dir),
        )?;
        let wasm = format!("{out}.wasm");
        ctx.run(
            cmdline("go build -trimpath -o")
                .args([wasm.as_str(), pkg])
                .dir(dir)
                .wasip1(),
        )?;
    }

    let children = json!({ "children": children(ctx) });
    let file = format!("{OUT}/children.json");
    shared::write(
        ctx,
        &file,
        &serde_json::to_string_pretty(&children).expect("json"),
    )?;
    let file = ctx.path(&file).display().to_string();
    for line in [
        "node",
        "node_modules/.bin/bun",
        "node_modules/.bin/deno run -A",
    ] {
        ctx.run(cmdline(line).arg("tests/stdio/bench.mjs").arg(&file))?;
    }
    Ok(())
}

/// The rows: per child kind, how to start the service, the echo floor and the JSON peer. The kkrun
/// row serves the scenario's Go wasip1 reactor (`target/service/fixture/go.wasm`) with runtime-go's
/// wazero host; kkrun is a Go process, so its floor and peer are the native Go children.
fn children(ctx: &Ctx) -> Vec<Value> {
    let path = |rel: String| ctx.path(rel).display().to_string();
    let native = |rel: String| json!({ "command": path(rel), "args": [] });
    let wasmtime = |rel: String| json!({ "command": "python3", "args": [path(WASMTIME_RUN.into()), path(rel)] });
    let rust = |name: &str| format!("target/release/{name}");
    let rust_wasm = |name: &str| format!("target/wasm32-wasip1/release/{name}.wasm");
    let go = |name: &str| format!("{OUT}/go/{name}");
    let go_wasm = |name: &str| format!("{OUT}/go/{name}.wasm");
    let row = |name: &str, slow: bool, service: Value, echo: Value, json: Value| json!({ "name": name, "slow": slow, "service": service, "echo": echo, "json": json });
    vec![
        row(
            "Rust, native",
            false,
            native(rust("fixture-stdio")),
            native(rust("stdio-echo")),
            native(rust("stdio-json")),
        ),
        row(
            "Go, native",
            false,
            native(go("fixture-stdio")),
            native(go("stdio-echo")),
            native(go("stdio-json")),
        ),
        row(
            "Rust wasip1 under wasmtime",
            true,
            wasmtime(rust_wasm("fixture-stdio")),
            wasmtime(rust_wasm("stdio-echo")),
            wasmtime(rust_wasm("stdio-json")),
        ),
        row(
            "Go wasip1 under wasmtime",
            true,
            wasmtime(go_wasm("fixture-stdio")),
            wasmtime(go_wasm("stdio-echo")),
            wasmtime(go_wasm("stdio-json")),
        ),
        row(
            "Go reactor under kkrun (wazero)",
            false,
            json!({ "command": path("target/kkrun/kkrun".into()), "args": [path("target/service/fixture/go.wasm".into())] }),
            native(go("stdio-echo")),
            native(go("stdio-json")),
        ),
    ]
}

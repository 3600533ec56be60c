//! `cargo xtask bench [name] [--check]`: benchmarks, each printing its figures next to a baseline
//! measured in the same run (no assertions, except `rust-size --check`: the size goal).

use crate::run::{cmd, cmdline, Ctx, Step};
use crate::suites::go_wire;
use crate::{shared, wasm_rust};

/// A named benchmark.
pub struct Bench {
    /// The name `cargo xtask bench <name>` selects it by.
    pub name: &'static str,
    /// One line for the listing.
    pub about: &'static str,
    run: fn(&mut Ctx, &[String]) -> Step,
}

/// Every benchmark, in run order.
pub const ALL: &[Bench] = &[
    Bench {
        name: "go-wire",
        about: "Go generated codecs vs encoding/json; 1M f32[] encode vs memcpy, in-place decode",
        run: go_wire_bench,
    },
    Bench {
        name: "http",
        about: "generated Hono routes + Zod + direct transport vs a constant route and a hand-written Hono + zod route; tsc time of the typed HTTP client vs hc (300 ops)",
        run: |ctx, _| crate::bench_http::run(ctx),
    },
    Bench {
        name: "idl",
        about: "front end: parse + check + IR of a 1,000-op / 2,000-type schema vs IR from JSON",
        run: idl,
    },
    Bench {
        name: "kkrun",
        about: "Go host (wazero): cold/warm start of the rules and geometry modules, per-call cost, vs the native Go service",
        run: kkrun_bench,
    },
    Bench {
        name: "nats",
        about: "kkrpc over NATS: TS, Rust and Go clients, ping and a 256 KiB f32[] op, vs raw request/reply and JSON",
        run: nats_bench,
    },
    Bench {
        name: "peers",
        about: "the same Rust ops via kkgen, hand-written wasm-bindgen, wit-bindgen + jco and a JSON boundary (and Go via kkgen), in node and headless Chromium; sizes; issue 17's goals",
        run: |ctx, _| crate::bench_peers::run(ctx),
    },
    Bench {
        name: "rust-size",
        about:
            "what the kkrpc glue adds to a wasm32-unknown-unknown module (goal <= 15 KB; --check)",
        run: rust_size,
    },
    Bench {
        name: "rust-wire",
        about: "Rust wire format vs serde_json and memcpy (release)",
        run: rust_wire,
    },
    Bench {
        name: "stdio",
        about: "stdio transport from node, bun, deno to Rust/Go children (native, wasip1 under wasmtime) vs raw pipe echo and kkrpc JSON lines",
        run: |ctx, _| crate::bench_stdio::run(ctx),
    },
    Bench {
        name: "ts-transports",
        about:
            "runtime-ts transports in headless Chromium vs raw wasm export, postMessage, Comlink",
        run: ts_transports,
    },
    Bench {
        name: "ts-wire",
        about: "TS generated codecs vs JSON.stringify/parse vs protobuf-es",
        run: ts_wire_bench,
    },
    Bench {
        name: "workers",
        about: "the example worker in workerd: a small op through Hono + direct vs the same worker's constant route",
        run: workers_bench,
    },
];

/// Runs the benchmark `name` (all when `None`).
pub fn run(ctx: &mut Ctx, name: Option<&str>, args: &[String]) -> Step {
    let selected: Vec<&Bench> = ALL
        .iter()
        .filter(|b| name.is_none_or(|n| n == b.name))
        .collect();
    if selected.is_empty() {
        let names: Vec<_> = ALL.iter().map(|b| b.name).collect();
        return Err(format!(
            "no benchmark {:?}; benchmarks: {}",
            name.unwrap_or_default(),
            names.join(", ")
        ));
    }
    for b in selected {
        println!("\n\x1b[1;34m=== bench {} ===\x1b[0m  {}", b.name, b.about);
        (b.run)(ctx, args)?;
    }
    Ok(())
}

/// Go wire throughput (tests/conformance/go/bench_test.go); `KK_BENCHTIME` (default 500ms).
fn go_wire_bench(ctx: &mut Ctx, _: &[String]) -> Step {
    if !ctx.path("tests/conformance/go/gen/types.go").exists() {
        go_wire::generate(ctx)?;
    }
    let benchtime = std::env::var("KK_BENCHTIME").unwrap_or_else(|_| "500ms".into());
    let out = ctx.output(
        cmd("go")
            .args([
                "test",
                "-run",
                "^$",
                "-bench",
                ".",
                "-benchmem",
                "-benchtime",
                &benchtime,
                ".",
            ])
            .dir("tests/conformance/go"),
    )?;
    for line in out.lines().filter(|l| {
        ["Benchmark", "cpu", "goos", "goarch"]
            .iter()
            .any(|p| l.starts_with(p))
    }) {
        println!("{line}");
    }
    Ok(())
}

fn idl(ctx: &mut Ctx, _: &[String]) -> Step {
    ctx.run(cmdline(
        "cargo run -q --release -p kkidl --example bench_frontend",
    ))
}

/// `cargo xtask bench kkrun`: `runtime-go/wasmhost/internal/bench` over the shared wasip1 reactors.
fn kkrun_bench(ctx: &mut Ctx, _: &[String]) -> Step {
    shared::geometry(ctx)?;
    shared::kkrun(ctx)?;
    let geometry = ctx.path("dist/rust/geometry-service/wasip1/geometry_service.wasm");
    let rules = ctx.path("target/wasm-go/rules-reactor.wasm");
    let kkrun = ctx.path("target/kkrun/kkrun");
    ctx.run(
        cmdline("go run ./internal/bench")
            .arg("-rules")
            .arg(rules)
            .arg("-geometry")
            .arg(geometry)
            .arg("-kkrun")
            .arg(kkrun)
            .dir("runtime-go/wasmhost"),
    )
}

/// `cargo xtask bench nats`: one nats-server, the kkgen rules services (Go `rulesnats`, the rules
/// module under TS `serveNats`), per language the raw echo and JSON responders and the client rows
/// (tests/nats/bench/: `bench.mjs` runs it all; the Rust and Go bench programs are built here,
/// release).
fn nats_bench(ctx: &mut Ctx, _: &[String]) -> Step {
    crate::suites::nats::server(ctx)?;
    crate::suites::nats::rules_nats(ctx)?;
    shared::example_ts_clients(ctx)?;
    ctx.log("the Rust and Go bench programs (release)");
    ctx.run(cmdline(
        "cargo build -q --release -p kk-nats-matrix --example nats-bench",
    ))?;
    ctx.run(
        cmdline("go build -trimpath -o ../../target/nats/nats-bench ./internal/bench")
            .dir("runtime-go/natsrpc"),
    )?;
    ctx.run(cmd("node").arg("tests/nats/bench/bench.mjs"))
}

fn rust_size(ctx: &mut Ctx, args: &[String]) -> Step {
    wasm_rust::size_goal(ctx, args.iter().any(|a| a == "--check"))
}

fn rust_wire(ctx: &mut Ctx, _: &[String]) -> Step {
    ctx.run(cmdline(
        "cargo run --quiet --release -p kkrpc-runtime --example bench_wire",
    ))
}

/// Small-call latency and bulk throughput of direct, Worker and SharedWorker (tests/browser/bench.mjs),
/// the direct transport through the generated client's scalar fast path and frames; the module is the
/// service scenario's Rust module with its generated client.
fn ts_transports(ctx: &mut Ctx, _: &[String]) -> Step {
    shared::service_fixture(ctx)?;
    ctx.run(cmd("node").arg("tests/browser/bench.mjs"))
}

/// tests/workers/bench.mjs: requests/s and p50/p99 of the example worker in workerd (miniflare).
fn workers_bench(ctx: &mut Ctx, _: &[String]) -> Step {
    crate::suites::workers::bundle(ctx)?;
    ctx.run(cmd("node").arg("tests/workers/bench.mjs"))
}

/// tests/conformance/ts/bench/wire-bench.ts for a 10-scalar struct and a 1M-element f32 buffer.
fn ts_wire_bench(ctx: &mut Ctx, _: &[String]) -> Step {
    let out = "target/ts-wire";
    let gen = format!("{out}/bench-gen");
    shared::remove(ctx, &gen)?;
    shared::remove(ctx, &format!("{out}/bench-build"))?;
    shared::mkdir(ctx, out)?;
    shared::run_kkgen(
        ctx,
        [
            "gen",
            "--lang",
            "ts",
            "--out",
            &gen,
            "tests/conformance/ts/bench/bench.kkidl",
        ],
    )?;
    shared::runtime_ts(ctx)?;
    ctx.run(cmdline(
        "npx --no-install tsc -p tests/conformance/ts/bench",
    ))?;
    ctx.run(cmd("node").arg(format!(
        "{out}/bench-build/tests/conformance/ts/bench/wire-bench.js"
    )))
}

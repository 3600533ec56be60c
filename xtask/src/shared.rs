//! Builds several suites need, each run at most once per `cargo xtask` run ([`Ctx::once`]):
//! the kkgen binary, runtime-ts, the wasm examples and their generated TS clients, kkrun and the
//! examples' native stdio servers, the service scenario's modules and clients.

use crate::run::{cmd, cmdline, Ctx, Step, Tally};
use crate::{wasm_go, wasm_rust};

/// The kkgen CLI, built once: `target/debug/kkgen`.
pub const KKGEN: &str = "target/debug/kkgen";

/// `cargo build -p kkgen`.
pub fn kkgen(ctx: &mut Ctx) -> Step {
    ctx.once("kkgen", |ctx| ctx.run(cmdline("cargo build -q -p kkgen")))
}

/// Runs `kkgen <args>` (built first).
pub fn run_kkgen<I: IntoIterator<Item = S>, S: Into<std::ffi::OsString>>(
    ctx: &mut Ctx,
    args: I,
) -> Step {
    kkgen(ctx)?;
    ctx.run(cmd(KKGEN).args(args))
}

/// runtime-ts compiled with tsc (`runtime-ts/dist`).
pub fn runtime_ts(ctx: &mut Ctx) -> Step {
    ctx.once("runtime-ts", |ctx| {
        ctx.run(cmdline("npx --no-install tsc -p runtime-ts"))
    })
}

/// The geometry example for wasm32-unknown-unknown and wasm32-wasip1 (`dist/rust/geometry-service`).
pub fn geometry(ctx: &mut Ctx) -> Step {
    ctx.once("geometry", |ctx| {
        let out = "dist/rust/geometry-service";
        wasm_rust::build(ctx, "geometry-service", out)?;
        ctx.artifact("geometry_dist", out)?;
        ctx.artifact(
            "geometry_wasip1_stdio",
            format!("{out}/wasip1/geometry-stdio.wasm"),
        )
    })
}

/// The `bindgen_kinds` example (every JS mapping of the typed exports) with wasm-bindgen's node glue.
pub fn bindgen_kinds(ctx: &mut Ctx) -> Step {
    ctx.once("bindgen-kinds", |ctx| {
        ctx.run(
            cmdline("cargo build --quiet -p geometry-service --example bindgen_kinds")
                .args([
                    "--target",
                    "wasm32-unknown-unknown",
                    "--profile",
                    "wasm-release",
                    "--target-dir",
                    "target/wasm",
                ])
                .env("CARGO_PROFILE_WASM_RELEASE_STRIP", "false"),
        )?;
        ctx.run(cmdline("wasm-bindgen --target experimental-nodejs-module --out-dir dist/rust/bindgen-kinds/node target/wasm/wasm32-unknown-unknown/wasm-release/examples/bindgen_kinds.wasm"))?;
        ctx.artifact(
            "bindgen_kinds_glue",
            "dist/rust/bindgen-kinds/node/bindgen_kinds.js",
        )
    })
}

/// The Go rules example for wasip1: stdio command and reactor (`target/wasm-go`).
pub fn rules(ctx: &mut Ctx) -> Step {
    ctx.once("rules", |ctx| {
        wasm_go::build(ctx)?;
        ctx.artifact("rules_stdio_wasm", "target/wasm-go/rules-stdio.wasm")?;
        ctx.artifact("rules_reactor_wasm", "target/wasm-go/rules-reactor.wasm")
    })
}

/// kkrun, the Go host serving a module over stdio (`target/kkrun/kkrun`, docs/go-host.md), recorded
/// as artifact `kkrun`. Used by suite `kkrun` and `bench kkrun`.
pub fn kkrun(ctx: &mut Ctx) -> Step {
    ctx.once("kkrun", |ctx| {
        mkdir(ctx, "target/kkrun")?;
        let build = "go build -trimpath -o ../../target/kkrun/kkrun ./cmd/kkrun";
        ctx.run(cmdline(build).dir("runtime-go/wasmhost"))?;
        ctx.artifact("kkrun", "target/kkrun/kkrun")
    })
}

/// The stdio servers as native binaries, for the stdio transport's tests and benchmark: the geometry
/// example's `geometry-stdio` (`target/debug/geometry-stdio`) and the rules example's `rules-stdio`
/// (`target/stdio/rules-stdio`), with the wasip1 modules of [`rules`] (both over the checked-in Go
/// package, `examples/rules/sdk/go`).
pub fn stdio_servers(ctx: &mut Ctx) -> Step {
    ctx.once("stdio-servers", |ctx| {
        rules(ctx)?;
        // The dev profile: it shares every dependency (kkgen, the build script's) with `cargo test`;
        // `cargo xtask bench stdio` builds its own release binaries.
        ctx.run(cmdline(
            "cargo build -q -p geometry-service --bin geometry-stdio",
        ))?;
        ctx.artifact("geometry_stdio_native", "target/debug/geometry-stdio")?;
        mkdir(ctx, "target/stdio")?;
        ctx.run(
            cmdline("go build -trimpath -o ../../target/stdio/rules-stdio ./cmd/rules-stdio")
                .dir("examples/rules"),
        )?;
        ctx.artifact("rules_stdio_native", "target/stdio/rules-stdio")
    })
}

/// The geometry and rules examples' generated TS clients (`kkgen gen --lang ts` into
/// `target/stdio/gen`), compiled with tsc --strict by tests/stdio/tsconfig.json into
/// `target/stdio/dist` over runtime-ts: what the stdio and NATS tests import.
pub fn example_ts_clients(ctx: &mut Ctx) -> Step {
    ctx.once("example-ts-clients", |ctx| {
        runtime_ts(ctx)?;
        ctx.log("generated TS clients (geometry, rules), tsc --strict");
        remove(ctx, "target/stdio/gen")?;
        remove(ctx, "target/stdio/dist")?;
        for (name, schema) in [
            ("geometry", "examples/geometry/geometry.kkidl"),
            ("rules", "examples/rules/rules.kkidl"),
        ] {
            let out = format!("target/stdio/gen/{name}");
            run_kkgen(ctx, ["gen", "--lang", "ts", "--out", out.as_str(), schema])?;
        }
        ctx.run(cmdline("npx --no-install tsc -p tests/stdio"))
    })
}

/// `kkgen gen --lang ts`, `zod` and `hono` of `schema` into one folder `out` (the TS family's
/// imports resolve between them).
pub fn ts_family(ctx: &mut Ctx, schema: &str, out: &str) -> Step {
    for lang in ["ts", "zod", "hono"] {
        run_kkgen(ctx, ["gen", "--lang", lang, "--out", out, schema])?;
    }
    Ok(())
}

/// The TS family ([`ts_family`]) of the geometry and rules examples, the good schema
/// `events.kkidl` and the service fixture, in `target/http/gen/{geometry,rules,events,fixture}`,
/// compiled with the strictest tsc (tests/http/tsconfig.json) into `target/http/dist` over
/// runtime-ts: what suites `http`, `events` and `workers` and `cargo xtask bench http` import.
pub fn http_ts(ctx: &mut Ctx) -> Step {
    ctx.once("http-ts", |ctx| {
        runtime_ts(ctx)?;
        ctx.log("generated TS, Zod and Hono files (geometry, rules, events, the service fixture), strictest tsc");
        remove(ctx, "target/http/gen")?;
        remove(ctx, "target/http/dist")?;
        for (name, schema) in [
            ("geometry", "examples/geometry/geometry.kkidl"),
            ("rules", "examples/rules/rules.kkidl"),
            ("events", "tests/schemas/good/events.kkidl"),
            ("fixture", "tests/service/fixture/fixture.kkidl"),
        ] {
            ts_family(ctx, schema, &format!("target/http/gen/{name}"))?;
        }
        ctx.run(cmdline("npx --no-install tsc -p tests/http"))
    })
}

/// Runs one test file (tests/stdio/harness.mjs) under node, bun and deno, counting node's TAP summary.
pub fn on_node_bun_deno(ctx: &mut Ctx, file: &str) -> Step {
    for (runtime, line) in [
        ("node", "node"),
        ("bun", "node_modules/.bin/bun"),
        ("deno", "node_modules/.bin/deno run -A"),
    ] {
        ctx.log(&format!("{runtime}: {file}"));
        ctx.run(cmdline(line).arg(file).tally(Tally::Node))?;
    }
    Ok(())
}

/// The service scenario's artifacts (tests/service/fixture) in `target/service/fixture`: runtime-ts,
/// the Rust module (`rust.wasm`: wasm32-unknown-unknown, bindings generated by build.rs, after
/// wasm-bindgen), the Go module (`go.wasm`: wasip1 reactor over the package `kkgen gen --lang go`
/// writes, gofmt and vet clean), the generated TS client (`ts/`) and the scenario's TS compiled with
/// tsc --strict (`dist/`). Used by suites `service`, `ts`, `browser` and `bench ts-transports`.
pub fn service_fixture(ctx: &mut Ctx) -> Step {
    ctx.once("service-fixture", |ctx| {
        const OUT: &str = "target/service/fixture";
        const SCHEMA: &str = "tests/service/fixture/fixture.kkidl";
        const GO: &str = "tests/service/fixture/go";
        mkdir(ctx, OUT)?;
        ctx.log("runtime-ts (tsc)");
        runtime_ts(ctx)?;

        ctx.log("Rust module (wasm32-unknown-unknown, then wasm-bindgen)");
        // The size profile of every shipped module (docs/build.md), in target/wasm: its dependencies
        // and the build script's (kkgen) are the geometry build's, compiled once.
        let build = "cargo build --quiet -p kk-service-fixture --lib --target wasm32-unknown-unknown --profile wasm-release --target-dir target/wasm";
        ctx.run(cmdline(build).env("CARGO_PROFILE_WASM_RELEASE_STRIP", "false"))?;
        let bindgen =
            cmdline("wasm-bindgen --target web --out-dir").arg(format!("{OUT}/rust-bindgen"));
        ctx.run(bindgen.arg(
            "target/wasm/wasm32-unknown-unknown/wasm-release/kk_service_fixture.wasm",
        ))?;
        let bg = format!("{OUT}/rust-bindgen/kk_service_fixture_bg.wasm");
        copy(ctx, &bg, &format!("{OUT}/rust.wasm"))?;

        ctx.log("Go module (kkgen gen --lang go, gofmt, vet, wasip1 reactor)");
        run_kkgen(
            ctx,
            [
                "gen",
                "--lang",
                "go",
                "--out",
                &format!("{GO}/kkfixturev1"),
                SCHEMA,
            ],
        )?;
        gofmt_clean(ctx, GO, &["."])?;
        ctx.run(cmdline("go vet ./...").dir(GO))?;
        ctx.run(cmdline("go vet ./...").dir(GO).wasip1())?;
        let go_build = "go build -trimpath -ldflags=-s -buildmode=c-shared -o";
        let go_wasm = format!("../../../../{OUT}/go.wasm");
        ctx.run(
            cmdline(go_build)
                .args([go_wasm.as_str(), "."])
                .dir(GO)
                .wasip1(),
        )?;

        ctx.log("TS client (kkgen gen --lang ts) and the scenario (tsc --strict)");
        remove(ctx, &format!("{OUT}/ts"))?;
        remove(ctx, &format!("{OUT}/dist"))?;
        run_kkgen(
            ctx,
            ["gen", "--lang", "ts", "--out", &format!("{OUT}/ts"), SCHEMA],
        )?;
        ctx.run(cmdline("npx --no-install tsc -p tests/service/fixture"))
    })
}

/// The service scenario's stdio servers (tests/service/fixture) in `target/service/fixture`, after
/// [`service_fixture`] (whose Go package they use): Rust `fixture-stdio` natively (dev profile,
/// `target/debug`) and as a wasm32-wasip1 command module (dev profile); Go `cmd/fixture-stdio` natively
/// (`go-stdio`) and as a wasip1 command module (`go-stdio.wasm`). Used by suite `service` (the stdio
/// rows); `cargo xtask bench stdio` builds its own release binaries.
pub fn service_fixture_stdio(ctx: &mut Ctx) -> Step {
    ctx.once("service-fixture-stdio", |ctx| {
        service_fixture(ctx)?;
        ctx.log("stdio servers: Rust and Go, native and wasip1 command modules");
        let rust = "cargo build -q -p kk-service-fixture --bin fixture-stdio";
        ctx.run(cmdline(rust))?;
        ctx.artifact("fixture_rust_stdio_native", "target/debug/fixture-stdio")?;
        ctx.run(cmdline(rust).args(["--target", "wasm32-wasip1"]))?;
        ctx.artifact(
            "fixture_rust_stdio_wasm",
            "target/wasm32-wasip1/debug/fixture-stdio.wasm",
        )?;
        const GO: &str = "tests/service/fixture/go";
        let go_build = "go build -trimpath -o";
        let out = "../../../../target/service/fixture";
        let native = format!("{out}/go-stdio");
        ctx.run(
            cmdline(go_build)
                .args([native.as_str(), "./cmd/fixture-stdio"])
                .dir(GO),
        )?;
        ctx.artifact("fixture_go_stdio_native", "target/service/fixture/go-stdio")?;
        let wasm = format!("{out}/go-stdio.wasm");
        ctx.run(
            cmdline(go_build)
                .args([wasm.as_str(), "./cmd/fixture-stdio"])
                .dir(GO)
                .wasip1(),
        )?;
        ctx.artifact(
            "fixture_go_stdio_wasm",
            "target/service/fixture/go-stdio.wasm",
        )
    })
}

/// The generated client's own tests (tests/ts-e2e: fast path, kkrpc, no `any`) compiled with
/// tsc --strict into `target/ts-e2e/dist`, over the service scenario's generated client.
pub fn ts_e2e(ctx: &mut Ctx) -> Step {
    ctx.once("ts-e2e", |ctx| {
        service_fixture(ctx)?;
        remove(ctx, "target/ts-e2e")?;
        ctx.run(cmdline("npx --no-install tsc -p tests/ts-e2e"))
    })
}

/// `rm -rf` of a folder below the root.
pub fn remove(ctx: &mut Ctx, rel: &str) -> Step {
    let path = ctx.path(rel);
    match std::fs::remove_dir_all(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("rm -rf {}: {e}", path.display()))
        }
        _ => Ok(()),
    }
}

/// `mkdir -p` of a folder below the root.
pub fn mkdir(ctx: &mut Ctx, rel: &str) -> Step {
    let path = ctx.path(rel);
    std::fs::create_dir_all(&path).map_err(|e| format!("mkdir -p {}: {e}", path.display()))
}

/// Writes a file below the root.
pub fn write(ctx: &mut Ctx, rel: &str, text: &str) -> Step {
    let path = ctx.path(rel);
    std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Copies a file below the root.
pub fn copy(ctx: &mut Ctx, from: &str, to: &str) -> Step {
    std::fs::copy(ctx.path(from), ctx.path(to))
        .map(drop)
        .map_err(|e| format!("cp {from} {to}: {e}"))
}

/// A `go.mod` for a throwaway module `name` in `dir` that uses runtime-go (`replace` by relative path).
pub fn go_mod_with_runtime(ctx: &mut Ctx, dir: &str, name: &str) -> Step {
    let depth = dir.trim_end_matches('/').split('/').count();
    let up = "../".repeat(depth);
    let text = format!(
        "module kkgen.dev/kkrpc/{name}\n\ngo 1.24\n\nrequire kkgen.dev/kkrpc v0.0.0\n\nreplace kkgen.dev/kkrpc => {up}runtime-go\n"
    );
    write(ctx, &format!("{dir}/go.mod"), &text)
}

/// Fails when `gofmt -l <paths>` (in `dir`) lists a file.
pub fn gofmt_clean(ctx: &mut Ctx, dir: &str, paths: &[&str]) -> Step {
    let listed = ctx.output(cmd("gofmt").arg("-l").args(paths).dir(dir))?;
    ctx.check(listed.trim().is_empty(), || {
        format!("not gofmt-clean (in {dir}):\n{listed}")
    })
}

/// Fails when a package below `pkgs` (in `dir`, wasip1) depends on reflect, fmt or encoding/json
/// (TinyGo-friendly generated and wire code).
pub fn no_banned_go_deps(ctx: &mut Ctx, dir: &str, pkgs: &[&str]) -> Step {
    let deps = ctx.output(cmdline("go list -deps").args(pkgs).dir(dir).wasip1())?;
    let banned: Vec<&str> = deps
        .lines()
        .filter(|d| matches!(*d, "reflect" | "fmt" | "encoding/json"))
        .collect();
    ctx.check(banned.is_empty(), || {
        format!("{pkgs:?} (in {dir}) depend on: {}", banned.join(" "))
    })
}

/// gofmt-clean, `go vet` native and wasip1 and `go test` of a Go module folder.
pub fn go_module_checks(ctx: &mut Ctx, dir: &str) -> Step {
    gofmt_clean(ctx, dir, &["."])?;
    ctx.run(cmdline("go vet ./...").dir(dir))?;
    ctx.run(cmdline("go vet ./...").dir(dir).wasip1())?;
    ctx.run(
        cmdline("go test -json ./...")
            .dir(dir)
            .tally(crate::run::Tally::GoJson),
    )
}

/// Whether `program` is on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// The files in folder `dir` (below the root) whose names start with `prefix` and end with `suffix`,
/// sorted, as paths relative to the root (a shell glob `dir/prefix*suffix`).
pub fn glob(ctx: &Ctx, dir: &str, prefix: &str, suffix: &str) -> Step<Vec<String>> {
    let entries = std::fs::read_dir(ctx.path(dir)).map_err(|e| format!("{dir}: {e}"))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no {dir}/{prefix}*{suffix}"));
    }
    Ok(names)
}

/// Fails unless the file exists and is not empty (`test -s`).
pub fn non_empty(ctx: &mut Ctx, rel: &str) -> Step {
    let len = std::fs::metadata(ctx.path(rel))
        .map(|m| m.len())
        .unwrap_or(0);
    ctx.check(len > 0, || format!("{rel} is missing or empty"))
}

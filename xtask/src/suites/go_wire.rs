//! Suite `go-wire`: runtime-go/wire unit tests (+ FuzzReader seeds), then the Go types and codecs
//! kkgen generates for tests/conformance/conformance.kkidl (into tests/conformance/go/gen/, not
//! committed) and the whole backend for tests/schemas/good/edge.kkidl (edgegen/) and
//! recursive_default.kkidl (recursivegen/: finite defaults of recursive unions): gofmt-clean, go vet (native and
//! wasip1), wasip1 builds, the shared vectors (valid, malformed, frames, bad frames), corner-case round
//! trips, the fuzz targets' seed corpus, and a bounded fuzz run; the wire tests, vectors and corner
//! cases also run compiled to wasm32 (wasip1) under node:wasi, where typed buffers are viewed in place
//! in linear memory. Last, the whole Go backend for conformance.kkidl compiles.

use crate::run::{cmdline, last_lines, Ctx, Step, Tally};
use crate::shared;

/// For `--list`.
pub const ABOUT: &str =
    "runtime-go/wire + generated Go codecs: vectors, corner cases, wasm32 under node:wasi, fuzz";

const OUT: &str = "target/go-wire";
const GEN: &str = "tests/conformance/go/gen";
const EDGEGEN: &str = "tests/conformance/go/edgegen";
const RECURSIVEGEN: &str = "tests/conformance/go/recursivegen";
const CONFORMANCE: &str = "tests/conformance/go";
/// The fuzz run's budget, a count of executions (~3 s here): a duration
/// (`-fuzztime 10s`) races Go's fuzz coordinator at its deadline under CPU
/// contention and fails with no crasher (golang/go#75804, fixed in Go 1.27;
/// it failed a CI run on go1.26.8). A count has no deadline to race.
const FUZZTIME: &str = "100000x";

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    ctx.log("runtime-go/wire");
    shared::gofmt_clean(ctx, "runtime-go", &["wire"])?;
    ctx.run(cmdline("go vet ./wire").dir("runtime-go"))?;
    ctx.run(cmdline("go vet ./wire").dir("runtime-go").wasip1())?;
    ctx.run(
        cmdline("go test -json ./wire")
            .dir("runtime-go")
            .tally(Tally::GoJson),
    )?;
    // TinyGo-friendly: no reflection, fmt or encoding/json anywhere below the wire package.
    shared::no_banned_go_deps(ctx, "runtime-go", &["./wire"])?;
    ctx.log("runtime-go/wire tests on wasm32 (wasip1 under node:wasi)");
    shared::mkdir(ctx, OUT)?;
    let wire_wasm = format!("{OUT}/wire.test.wasm");
    ctx.run(test_binary(&format!("../{wire_wasm}"), "./wire").dir("runtime-go"))?;
    run_wasi(ctx, &wire_wasm, "runtime-go", "wire", &[])?;

    generate(ctx)?;

    ctx.log("generated types.go: gofmt, vet, wasip1 build");
    let listed = ctx.output(cmdline("gofmt -l gen edgegen recursivegen").dir(CONFORMANCE))?;
    if !listed.trim().is_empty() {
        let diff = ctx.output(cmdline("gofmt -d gen edgegen recursivegen").dir(CONFORMANCE));
        let diff = diff.unwrap_or_default();
        ctx.say(&diff.lines().take(40).collect::<Vec<_>>().join("\n"));
        return Err(format!(
            "generated Go is not gofmt-clean: {}",
            listed.trim()
        ));
    }
    ctx.run(cmdline("go vet ./...").dir(CONFORMANCE))?;
    ctx.run(cmdline("go vet ./...").dir(CONFORMANCE).wasip1())?;
    ctx.run(
        cmdline("go build -o /dev/null ./gen ./edgegen ./recursivegen")
            .dir(CONFORMANCE)
            .wasip1(),
    )?;
    if shared::on_path("tinygo") {
        ctx.run(cmdline("tinygo build -target=wasip1 -o /dev/null ./gen").dir(CONFORMANCE))?;
        ctx.run(cmdline("tinygo build -target=wasip1 -o /dev/null ./edgegen").dir(CONFORMANCE))?;
        ctx.run(
            cmdline("tinygo build -target=wasip1 -o /dev/null ./recursivegen").dir(CONFORMANCE),
        )?;
    }

    ctx.log("conformance vectors, fuzz seeds, corner cases");
    let go_test = cmdline("go test -json -count=1 ./...").dir(CONFORMANCE);
    ctx.run(go_test.tally(Tally::GoJson))?;
    shared::no_banned_go_deps(ctx, CONFORMANCE, &["./gen", "./edgegen", "./recursivegen"])?;
    ctx.log("conformance vectors and corner cases on wasm32 (wasip1 under node:wasi)");
    let (conformance, edge, recursive) = (
        format!("{OUT}/conformance.test.wasm"),
        format!("{OUT}/edge.test.wasm"),
        format!("{OUT}/recursive.test.wasm"),
    );
    ctx.run(test_binary(&format!("../../../{conformance}"), ".").dir(CONFORMANCE))?;
    ctx.run(test_binary(&format!("../../../{edge}"), "./edge").dir(CONFORMANCE))?;
    // Its own binary: one wasm binary holds one package's //go:wasmexport entry points.
    ctx.run(test_binary(&format!("../../../{recursive}"), "./recursive").dir(CONFORMANCE))?;
    run_wasi(
        ctx,
        &conformance,
        "tests/conformance",
        "go",
        &["-test.run", "^Test"],
    )?;
    run_wasi(ctx, &edge, "tests/conformance", "go/edge", &[])?;
    run_wasi(ctx, &recursive, "tests/conformance", "go/recursive", &[])?;

    ctx.log(&format!(
        "bounded fuzz run: FuzzDecode -fuzztime {FUZZTIME}"
    ));
    let fuzz = cmdline("go test -run ^$ -fuzz ^FuzzDecode$ -fuzztime")
        .arg(FUZZTIME)
        .arg(".");
    let fuzz = ctx.output(fuzz.dir(CONFORMANCE))?;
    ctx.say(&last_lines(&fuzz, 2));

    ctx.log("whole Go backend (types + service side) for conformance.kkidl compiles");
    let check = format!("{OUT}/backend-check");
    shared::remove(ctx, &check)?;
    shared::mkdir(ctx, &format!("{check}/gen"))?;
    for file in shared::glob(ctx, &format!("{OUT}/backend"), "", ".go")? {
        let name = file.rsplit('/').next().unwrap_or_default();
        shared::copy(ctx, &file, &format!("{check}/gen/{name}"))?;
    }
    shared::go_mod_with_runtime(ctx, &check, "backendcheck")?;
    shared::gofmt_clean(ctx, &check, &["gen"])?;
    ctx.run(cmdline("go vet ./...").dir(&check))?;
    ctx.run(cmdline("go vet ./...").dir(&check).wasip1())?;
    ctx.run(cmdline("go build -o /dev/null ./gen").dir(&check).wasip1())
}

/// Generates the Go for conformance.kkidl (`target/go-wire/backend`, its types.go copied to
/// tests/conformance/go/gen), edge.kkidl's whole backend (tests/conformance/go/edgegen) and
/// recursive_default.kkidl's (tests/conformance/go/recursivegen).
pub fn generate(ctx: &mut Ctx) -> Step {
    let backend = format!("{OUT}/backend");
    for dir in [backend.as_str(), GEN, EDGEGEN, RECURSIVEGEN] {
        shared::remove(ctx, dir)?;
    }
    ctx.log("generate Go for conformance.kkidl");
    let gen = [
        "gen",
        "--lang",
        "go",
        "--go-package",
        "conformancev1",
        "--out",
        &backend,
    ];
    shared::run_kkgen(
        ctx,
        gen.into_iter()
            .chain(["tests/conformance/conformance.kkidl"]),
    )?;
    shared::non_empty(ctx, &format!("{backend}/types.go"))?;
    shared::mkdir(ctx, GEN)?;
    shared::mkdir(ctx, EDGEGEN)?;
    shared::copy(
        ctx,
        &format!("{backend}/types.go"),
        &format!("{GEN}/types.go"),
    )?;
    // Corner cases the conformance schema lacks (tests/schemas/good/edge.kkidl): the whole
    // backend (types, service side, client), called in tests/conformance/go/edge.
    let edge = [
        "gen",
        "--lang",
        "go",
        "--go-package",
        "edgev1",
        "--out",
        EDGEGEN,
    ];
    shared::run_kkgen(
        ctx,
        edge.into_iter().chain(["tests/schemas/good/edge.kkidl"]),
    )?;
    // Finite defaults of recursive unions (docs/wire.md §3.9), called in tests/conformance/go/recursive.
    let recursive = [
        "gen",
        "--lang",
        "go",
        "--go-package",
        "recursivev1",
        "--out",
        RECURSIVEGEN,
    ];
    shared::run_kkgen(
        ctx,
        recursive
            .into_iter()
            .chain(["tests/schemas/good/recursive_default.kkidl"]),
    )?;
    for dir in [EDGEGEN, RECURSIVEGEN] {
        for f in ["types.go", "service.go", "exports_wasm.go", "client.go"] {
            shared::non_empty(ctx, &format!("{dir}/{f}"))?;
        }
    }
    Ok(())
}

/// `GOOS=wasip1 GOARCH=wasm go test -c -o <out> <pkg>`.
fn test_binary(out: &str, pkg: &str) -> crate::run::Cmd {
    cmdline("go test -c -o").args([out, pkg]).wasip1()
}

/// Runs a Go wasip1 test binary under node:wasi (tests/conformance/go/run-wasi.mjs), verbose so its
/// tests are counted.
fn run_wasi(ctx: &mut Ctx, wasm: &str, root: &str, cwd: &str, flags: &[&str]) -> Step {
    let runner = cmdline("node --no-warnings tests/conformance/go/run-wasi.mjs");
    let runner = runner.args([wasm, root, cwd, "-test.v"]).args(flags);
    ctx.run(runner.tally(Tally::GoVerbose))
}

//! Suite `evolution`: schema evolution proven at run time (`tests/evolution/README.md`). Every case
//! `tests/evolution/<case>/{old,new}.kkidl` is served by one Rust binary and one Go binary holding
//! every case and version (implementations written from the IR), and called over stdio by both
//! versions' generated TS clients (`tests/evolution/harness/runner.mjs`): old client → new
//! service and new client → old service. The outcomes must equal the case's `expect.json`
//! (`KK_EVOLUTION_UPDATE=1` rewrites them) and agree with `kkgen breaking`: a case with a WIRE
//! change fails in at least one direction, a case without works in both, with Rust and with Go.

#[path = "../../../tests/evolution/harness/cases.rs"]
mod cases;
mod go;

use crate::run::{cmd, cmdline, Ctx, Step};
use crate::shared;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// For `--list`.
pub const ABOUT: &str =
    "schema evolution on the wire: every tests/evolution case, old/new TS clients against new/old Rust and Go stdio services, vs expect.json and kkgen breaking";

/// Where the suite writes (below the root).
const OUT: &str = "target/evolution";
/// The cases' folder.
const CASES: &str = "tests/evolution";
/// The Go module's path (its `go.mod` is written by [`shared::go_mod_with_runtime`]).
const GO_MODULE: &str = "kkgen.dev/kkrpc/evolution";

/// One case and both versions' IR.
struct Case {
    name: String,
    old: kkidl::ir::Ir,
    new: kkidl::ir::Ir,
}

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    shared::runtime_ts(ctx)?;
    shared::kkgen(ctx)?;
    let cases = read_cases(ctx)?;
    ctx.log(&format!(
        "{} cases: the Rust service (one binary, dev profile)",
        cases.len()
    ));
    ctx.run(cmdline(
        "cargo build -q -p kk-evolution-service --bin evolution-service",
    ))?;
    ctx.log("the Go service (one binary) and the TS clients, from each version's IR");
    shared::remove(ctx, OUT)?;
    go_service_and_ts_clients(ctx, &cases)?;
    ctx.log(
        "both directions, Rust and Go services, over stdio (tests/evolution/harness/runner.mjs)",
    );
    let outcomes = call_both_ways(ctx, &cases)?;
    ctx.log("outcomes vs expect.json and vs kkgen breaking");
    let update = std::env::var("KK_EVOLUTION_UPDATE").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(e) = check_case(ctx, case, &outcomes[&case.name], update) {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    ctx.add_tests(cases.len());
    ctx.check(failures.is_empty(), || failures.join("\n\n"))
}

/// Writes, per case and version, the IR JSON and kkgen's TS client (`OUT/cases/<case>/`, then
/// transpiled by esbuild) and the Go package with its `harness.go` (`OUT/go/cases/<pkg>/`), and
/// `main.go`; builds `OUT/go-service`.
fn go_service_and_ts_clients(ctx: &mut Ctx, cases: &[Case]) -> Step {
    let go_dir = format!("{OUT}/go");
    shared::mkdir(ctx, &go_dir)?;
    shared::go_mod_with_runtime(ctx, &go_dir, "evolution")?;
    let mut pairs = Vec::new();
    for case in cases {
        for (version, ir) in [("old", &case.old), ("new", &case.new)] {
            let source = format!("{CASES}/{}/{version}.kkidl", case.name);
            let case_dir = format!("{OUT}/cases/{}", case.name);
            let ir_json = serde_json::to_string_pretty(ir).map_err(|e| e.to_string())?;
            shared::mkdir(ctx, &case_dir)?;
            shared::write(ctx, &format!("{case_dir}/{version}.ir.json"), &ir_json)?;
            let ts_dir = format!("{case_dir}/{version}");
            generate(ctx, &kkgen::ts::TsBackend, ir, &source, &ts_dir, None)?;
            let pkg = go::package(&case.name, version);
            let pkg_dir = format!("{go_dir}/cases/{pkg}");
            let go = &kkgen::go::GoBackend;
            generate(ctx, go, ir, &source, &pkg_dir, Some(&pkg))?;
            let harness = go::harness_go(ir, &pkg).map_err(|e| format!("{source}: {e}"))?;
            shared::write(ctx, &format!("{pkg_dir}/harness.go"), &harness)?;
            pairs.push((case.name.clone(), version.to_string()));
        }
    }
    let main_go = go::main_go(GO_MODULE, &pairs);
    shared::write(ctx, &format!("{go_dir}/main.go"), &main_go)?;
    // The harness's own Go files are laid out by gofmt; then the module must be gofmt-clean.
    let gofmt = "gofmt -w main.go cases/*/harness.go";
    ctx.run(cmd("sh").args(["-c", gofmt]).dir(&go_dir))?;
    shared::gofmt_clean(ctx, &go_dir, &["."])?;
    ctx.run(cmdline("go build -trimpath -o ../go-service .").dir(&go_dir))?;
    // Transpiled only: the generated TS is type-checked by suites ts and corpus.
    ctx.run(cmdline("node_modules/.bin/esbuild --log-level=warning --format=esm --outbase=target/evolution/cases --outdir=target/evolution/cases target/evolution/cases/**/*.ts"))
}

/// Runs the TS runner over every case (`OUT/plan.json` says where the services and clients are);
/// returns its outcomes: `{case: {rust|go: {direction: {op: outcome}}}}`.
fn call_both_ways(ctx: &mut Ctx, cases: &[Case]) -> Step<Value> {
    let plan = json!({
        "services": {
            "rust": ctx.path("target/debug/evolution-service"),
            "go": ctx.path(format!("{OUT}/go-service")),
        },
        "cases": cases.iter().map(|c| json!({
            "name": c.name,
            "dir": ctx.path(format!("{OUT}/cases/{}", c.name)),
        })).collect::<Vec<_>>(),
    });
    let plan_file = format!("{OUT}/plan.json");
    shared::write(ctx, &plan_file, &plan.to_string())?;
    let outcomes = format!("{OUT}/outcomes.json");
    let runner = "tests/evolution/harness/runner.mjs";
    ctx.run(cmd("node").args([runner, &plan_file, &outcomes]))?;
    read_json(ctx, &outcomes)
}

/// Every case folder with both versions, sorted, compiled.
fn read_cases(ctx: &mut Ctx) -> Step<Vec<Case>> {
    let dir = ctx.path(CASES);
    let names = cases::case_names(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    ctx.check(!names.is_empty(), || format!("no case in {CASES}"))?;
    // A folder left behind by a renamed case (its expect.json alone) is an error, not a skip.
    let stray: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n != "harness" && n != "README.md" && !names.contains(n))
        .collect();
    ctx.check(stray.is_empty(), || {
        format!("{CASES}: not a case (no old.kkidl and new.kkidl): {stray:?}")
    })?;
    names
        .into_iter()
        .map(|name| {
            let ir = |version: &str| {
                let path = dir.join(&name).join(format!("{version}.kkidl"));
                kkgen::compile(&[&path], &[] as &[&std::path::Path])
                    .map(|c| c.ir)
                    .map_err(|e| format!("{}: {e}", path.display()))
            };
            Ok(Case {
                old: ir("old")?,
                new: ir("new")?,
                name,
            })
        })
        .collect()
}

/// Runs one backend into `dir` (below the root).
fn generate(
    ctx: &mut Ctx,
    backend: &dyn kkgen::Backend,
    ir: &kkidl::ir::Ir,
    source: &str,
    dir: &str,
    go_package: Option<&str>,
) -> Step {
    let mut options = kkgen::GenOptions {
        source: source.into(),
        ..Default::default()
    };
    options.go.package = go_package.map(str::to_string);
    let files = backend
        .generate(ir, &options)
        .map_err(|e| format!("{source}: {}: {e}", backend.name()))?;
    kkgen::config::write_files(&ctx.path(dir), &files).map_err(|e| format!("{dir}: {e}"))?;
    Ok(())
}

/// Reads a JSON file below the root.
fn read_json(ctx: &Ctx, rel: &str) -> Step<Value> {
    let text = std::fs::read_to_string(ctx.path(rel)).map_err(|e| format!("{rel}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{rel}: {e}"))
}

/// One case: Rust and Go agree, the outcome equals expect.json (or rewrites it), and it breaks on
/// the wire exactly when `kkgen breaking` reports a WIRE change.
fn check_case(ctx: &mut Ctx, case: &Case, outcome: &Value, update: bool) -> Step {
    let (rust, go) = (&outcome["rust"], &outcome["go"]);
    if rust != go {
        return Err(format!(
            "the Rust and Go services answer differently\nRust: {rust:#}\nGo: {go:#}"
        ));
    }
    let expect_path = format!("{CASES}/{}/expect.json", case.name);
    let pretty = format!("{rust:#}\n");
    if update {
        shared::write(ctx, &expect_path, &pretty)?;
    } else {
        let expected = read_json(ctx, &expect_path)
            .map_err(|e| format!("{e} (KK_EVOLUTION_UPDATE=1 writes it)"))?;
        if &expected != rust {
            return Err(format!(
                "the outcome differs from {expect_path} (KK_EVOLUTION_UPDATE=1 rewrites it after review)\nexpected: {expected:#}\nobserved: {rust:#}"
            ));
        }
    }
    let broken = broken_directions(case, rust);
    let wire = wire_changes(ctx, case)?;
    match (wire.is_empty(), broken.is_empty()) {
        (true, false) => Err(format!(
            "kkgen breaking reports no WIRE change, but it fails on the wire: {}",
            broken.join("; ")
        )),
        (false, true) => Err(format!(
            "kkgen breaking reports WIRE changes ({}), but both directions work with Rust and Go",
            wire.join(", ")
        )),
        _ => Ok(()),
    }
}

/// The calls that do not work, as `direction op: outcome`. Old client → new service: every op of
/// the old version comes back exactly as sent (`{"ok": true}`: a deployed client loses nothing).
/// New client → old service: every op the old version has works (`ok`, where `sees` shows what the
/// old service dropped of the new client's value), or is refused cleanly (`error`) when the call
/// sends an enum value or union variant the old version lacks (`sends_unknown`). Ops only the new
/// version has may fail against the old service (`unknown_op`).
fn broken_directions(case: &Case, outcome: &Value) -> Vec<String> {
    let old_ops: BTreeSet<u32> = case.old.services[0].ops.iter().map(|o| o.id).collect();
    let mut broken = Vec::new();
    for (direction, client) in [
        ("old_client_new_service", &case.old),
        ("new_client_old_service", &case.new),
    ] {
        for op in client.services[0]
            .ops
            .iter()
            .filter(|o| old_ops.contains(&o.id))
        {
            let got = &outcome[direction][&op.name];
            let works = if direction == "old_client_new_service" {
                *got == json!({"ok": true})
            } else {
                got["ok"] == true || (got["error"].is_string() && got["sends_unknown"].is_string())
            };
            if !works {
                broken.push(format!("{direction} {}: {got}", op.name));
            }
        }
    }
    broken
}

/// The rule ids of the WIRE changes `kkgen breaking --against old.kkidl new.kkidl` reports.
fn wire_changes(ctx: &mut Ctx, case: &Case) -> Step<Vec<String>> {
    let dir = format!("{CASES}/{}", case.name);
    let line = format!(
        "{} breaking --against {dir}/old.kkidl --format json {dir}/new.kkidl",
        shared::KKGEN
    );
    let out = std::process::Command::new(ctx.path(shared::KKGEN))
        .current_dir(&ctx.root)
        .args(["breaking", "--against"])
        .arg(format!("{dir}/old.kkidl"))
        .args(["--format", "json"])
        .arg(format!("{dir}/new.kkidl"))
        .output()
        .map_err(|e| format!("{line}: {e}"))?;
    let code = out.status.code();
    if !matches!(code, Some(0 | 3)) {
        return Err(format!(
            "`{line}` exited {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let report: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("`{line}`: not JSON: {e}"))?;
    let changes = report["breaking"]
        .as_array()
        .ok_or_else(|| format!("`{line}`: no \"breaking\" array"))?;
    Ok(changes
        .iter()
        .filter(|c| c["category"] == "WIRE")
        .map(|c| c["rule"].as_str().unwrap_or("?").to_string())
        .collect())
}

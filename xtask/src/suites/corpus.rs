//! `cargo xtask corpus`: every schema of `tests/schemas/good/`, of the
//! generated type-form corpus and the name corpus (every name the backends
//! generate, in every position: `xtask/src/corpus/`, written to
//! `target/corpus/schemas/`) through `kkgen check` and every backend
//! (`kkgen gen`), then compiled with warnings as errors in one project per
//! language (Rust: rustc + clippy `-D warnings`; Go: gofmt, go vet native and
//! wasip1, wasip1 build; TypeScript: tsc with the strictest flags, `zod.ts`
//! and its `zod_check.ts` and the Hono routes included), and the corpus
//! carriers round-tripped: Rust encodes two samples of each, Go and TypeScript
//! decode, re-encode and compare the bytes (TypeScript through the JSON of
//! `zod.ts` and back).
//!
//! A failure names the schema, the language, the step and the compiler's
//! message; a schema whose generated code does not compile is left out of
//! the later steps of that language so the others still run.

use crate::corpus;

use corpus::gen;
use corpus::harness::{self, Unit};
use corpus::names;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One failed check.
struct Failure {
    unit: String,
    lang: &'static str,
    step: String,
    message: String,
}

/// Checks passed and failed so far.
#[derive(Default)]
struct Tally {
    passed: usize,
    failures: Vec<Failure>,
}

impl Tally {
    fn fail(&mut self, unit: &str, lang: &'static str, step: &str, message: &str) {
        let message: Vec<&str> = message
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(12)
            .collect();
        self.failures.push(Failure {
            unit: unit.into(),
            lang,
            step: step.into(),
            message: message.join("\n    "),
        });
    }

    /// Records a step over all `units`: the units named in the output failed, the others passed.
    fn step(
        &mut self,
        units: &[&Unit],
        lang: &'static str,
        step: &str,
        out: &Outcome,
    ) -> BTreeSet<String> {
        let mut failed = BTreeSet::new();
        if !out.ok {
            for u in units {
                let lines: Vec<&str> = out.text.lines().filter(|l| mentions(l, &u.name)).collect();
                if !lines.is_empty() {
                    failed.insert(u.name.clone());
                    self.fail(&u.name, lang, step, &lines.join("\n"));
                }
            }
            if failed.is_empty() {
                self.fail("harness", lang, step, &out.text);
                failed.extend(units.iter().map(|u| u.name.clone()));
            }
        }
        self.passed += units.len() - failed.len();
        failed
    }
}

/// Whether a compiler line is about a file of `unit` (`gen/<unit>/...` or `samples/<unit>.rs`).
fn mentions(line: &str, unit: &str) -> bool {
    line.contains(&format!("gen/{unit}/")) || line.contains(&format!("samples/{unit}.rs"))
}

/// A finished command: success and stdout + stderr.
struct Outcome {
    ok: bool,
    text: String,
}

fn run_cmd(cmd: &mut Command) -> Result<Outcome, String> {
    let started = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let args: Vec<String> = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .take(4)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if started.elapsed().as_secs() >= 2 {
        eprintln!(
            "corpus: {} ({:.0}s)",
            args.join(" "),
            started.elapsed().as_secs_f64()
        );
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Ok(Outcome {
        ok: out.status.success(),
        text,
    })
}

/// Runs the corpus; the number of checks passed, or every failure.
pub fn run(root: &Path) -> Result<usize, String> {
    let started = Instant::now();
    let dir = root.join("target/corpus");
    for sub in ["schemas", "rust/src", "go", "ts"] {
        let _ = std::fs::remove_dir_all(dir.join(sub));
    }
    let built = run_cmd(
        Command::new("cargo")
            .args(["build", "-q", "-p", "kkgen"])
            .current_dir(root),
    )?;
    if !built.ok {
        return Err(format!("cannot build kkgen:\n{}", built.text));
    }
    let kkgen = root.join("target/debug/kkgen");

    let schemas = gen::corpus();
    std::fs::create_dir_all(dir.join("schemas")).map_err(|e| e.to_string())?;
    let mut good: Vec<PathBuf> = std::fs::read_dir(root.join("tests/schemas/good"))
        .map_err(|e| format!("tests/schemas/good: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "kkidl"))
        .collect();
    good.sort();
    let mut units: Vec<Unit> = good
        .into_iter()
        .map(|p| Unit {
            name: format!("good_{}", p.file_stem().unwrap().to_string_lossy()),
            source: p,
            carriers: Vec::new(),
        })
        .collect();
    for s in &schemas {
        let path = dir.join("schemas").join(format!("{}.kkidl", s.name));
        std::fs::write(&path, s.kkidl()).map_err(|e| format!("{}: {e}", path.display()))?;
        units.push(Unit {
            name: s.name.clone(),
            source: path,
            carriers: s.rust_samples(),
        });
    }
    let every_name = names::name_corpus();
    let path = dir.join("schemas").join(format!("{}.kkidl", names::NAME));
    std::fs::write(&path, &every_name.kkidl).map_err(|e| format!("{}: {e}", path.display()))?;
    units.push(Unit {
        name: names::NAME.into(),
        source: path,
        carriers: every_name.samples,
    });

    let mut tally = Tally::default();
    // kkgen check, then every backend; a unit that fails is dropped from its later steps.
    let mut live: Vec<&Unit> = Vec::new();
    for u in &units {
        let out = run_cmd(
            Command::new(&kkgen)
                .arg("check")
                .arg(&u.source)
                .env("NO_COLOR", "1"),
        )?;
        if out.ok {
            tally.passed += 1;
            live.push(u);
        } else {
            tally.fail(&u.name, "kkgen", "check", &out.text);
        }
    }
    let mut by_lang: Vec<(&'static str, Vec<&Unit>)> = Vec::new();
    for (lang, sub) in [("rust", "rust/src/gen"), ("go", "go/gen"), ("ts", "ts/gen")] {
        let mut ok = Vec::new();
        for u in &live {
            let mut cmd = Command::new(&kkgen);
            cmd.args(["gen", "--lang", lang, "--out"])
                .arg(dir.join(sub).join(&u.name))
                .arg(&u.source);
            if lang == "go" {
                cmd.args(["--go-package", &u.name]);
            }
            let mut out = run_cmd(&mut cmd)?;
            if out.ok && lang == "ts" {
                out = zod(&kkgen, &dir.join(sub).join(&u.name), &u.source)?;
                if out.ok {
                    // The Hono routes beside the TS and zod.ts files (one folder: docs/http.md §1).
                    let mut hono = Command::new(&kkgen);
                    hono.args(["gen", "--lang", "hono", "--out"])
                        .arg(dir.join(sub).join(&u.name))
                        .arg(&u.source);
                    out = run_cmd(&mut hono)?;
                }
            }
            if out.ok {
                tally.passed += 1;
                ok.push(*u);
            } else {
                tally.fail(&u.name, lang, "kkgen gen", &out.text);
            }
        }
        by_lang.push((lang, ok));
    }
    let samples = dir.join("samples.json");
    let _ = std::fs::remove_file(&samples);
    let rust_units = &by_lang[0].1;
    rust(root, &dir.join("rust"), rust_units, &samples, &mut tally)?;
    go(root, &dir.join("go"), &by_lang[1].1, &samples, &mut tally)?;
    ts(root, &dir.join("ts"), &by_lang[2].1, &samples, &mut tally)?;

    let elapsed = started.elapsed().as_secs_f64();
    let types: usize = schemas.iter().map(|s| s.types.len()).sum();
    let depth = schemas
        .iter()
        .flat_map(|s| &s.types)
        .map(|t| t.depth())
        .max()
        .unwrap_or(0);
    eprintln!(
        "corpus: {} good schemas, the name corpus and {} generated ({types} type forms nested up to {depth} deep, each as field, error field, union payload, param and result): {} checks passed, {} failed in {elapsed:.0}s",
        units.len() - schemas.len() - 1,
        schemas.len(),
        tally.passed,
        tally.failures.len()
    );
    if tally.failures.is_empty() {
        return Ok(tally.passed);
    }
    let mut report = String::new();
    for f in &tally.failures {
        report.push_str(&format!(
            "FAIL [{}] {} {}:\n    {}\n",
            f.unit, f.lang, f.step, f.message
        ));
    }
    report.push_str(&format!(
        "corpus: {} passed, {} failed",
        tally.passed,
        tally.failures.len()
    ));
    Err(report)
}

/// `kkgen gen --lang zod` into a unit's TS folder, and its `zod_check.ts`
/// (the Zod schemas' outputs and the TS types, assigned both ways).
fn zod(kkgen: &Path, out: &Path, source: &Path) -> Result<Outcome, String> {
    let gen = run_cmd(
        Command::new(kkgen)
            .args(["gen", "--lang", "zod", "--out"])
            .arg(out)
            .arg(source),
    )?;
    if !gen.ok {
        return Ok(gen);
    }
    let ir = match kkgen::compile(&[source], &[] as &[&Path]) {
        Ok(c) => c.ir,
        Err(e) => {
            return Ok(Outcome {
                ok: false,
                text: e.to_string(),
            })
        }
    };
    let path = out.join("zod_check.ts");
    std::fs::write(&path, corpus::zod_check::zod_check(&ir))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(gen)
}

/// The generated Rust file of a unit (the backend names it after the package).
fn rust_file(gen_dir: &Path) -> Option<String> {
    std::fs::read_dir(gen_dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".rs"))
}

fn rust(
    root: &Path,
    dir: &Path,
    units: &[&Unit],
    samples: &Path,
    tally: &mut Tally,
) -> Result<(), String> {
    let cargo = |args: &[&str]| {
        let mut c = Command::new("cargo");
        c.args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env_remove("RUSTFLAGS")
            // Its own clippy step reports warnings per unit (lint.rs would fail the build instead).
            .env_remove("RUSTC_WORKSPACE_WRAPPER")
            .env_remove("CLIPPY_ARGS");
        c
    };
    // clippy (which reports rustc's errors and warnings too) over the whole crate; a
    // unit whose module does not compile is left out and the rest checked again.
    let mut compiling: Vec<&Unit> = units.to_vec();
    while !compiling.is_empty() {
        let modules: Vec<(String, String)> = compiling
            .iter()
            .filter_map(|u| {
                rust_file(&dir.join("src/gen").join(&u.name)).map(|f| (u.name.clone(), f))
            })
            .collect();
        harness::rust_crate(dir, root, &compiling, &modules)?;
        let out = run_cmd(&mut cargo(&[
            "clippy",
            "--offline",
            "-q",
            "--all-targets",
            "--message-format",
            "short",
        ]))?;
        let errors = Outcome {
            ok: out.ok,
            text: out
                .text
                .lines()
                .filter(|l| l.contains(": error"))
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let mut check = Tally::default();
        let failed = check.step(&compiling, "rust", "rustc", &errors);
        if failed.is_empty() {
            let warnings = Outcome {
                ok: !out.text.contains(": warning"),
                text: out.text,
            };
            tally.passed += compiling.len();
            tally.step(&compiling, "rust", "clippy -D warnings", &warnings);
            break;
        }
        tally.failures.append(&mut check.failures);
        compiling.retain(|u| !failed.contains(&u.name));
    }
    if compiling.is_empty() {
        return Ok(());
    }
    let run = run_cmd(cargo(&["run", "--offline", "-q", "--bin", "kk-corpus", "--"]).arg(samples))?;
    round_trip_report(&compiling, "rust", &run, None, tally);
    Ok(())
}

/// Counts `ok N` and each `FAIL <unit>.<carrier> ...` line of a round-trip
/// program, which must have seen every sample of `units` in `samples`.
fn round_trip_report(
    units: &[&Unit],
    lang: &'static str,
    out: &Outcome,
    samples: Option<&Path>,
    tally: &mut Tally,
) {
    let mut reported = false;
    for line in out.text.lines() {
        if let Some(rest) = line.strip_prefix("FAIL ") {
            let unit = rest.split('.').next().unwrap_or("harness");
            let unit = if units.iter().any(|u| u.name == unit) {
                unit
            } else {
                "harness"
            };
            tally.fail(unit, lang, "round trip", rest);
            reported = true;
        } else if let Some(n) = line
            .strip_prefix("ok ")
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            tally.passed += n;
        }
    }
    if !out.ok && !reported {
        tally.fail("harness", lang, "round trip", &out.text);
    }
    let Some(samples) = samples else { return };
    let written = std::fs::read_to_string(samples).unwrap_or_default();
    let expected: usize = units
        .iter()
        .map(|u| written.matches(&format!("\"name\": \"{}.", u.name)).count())
        .sum();
    if out.ok && !out.text.contains(&format!("ok {expected}\n")) {
        tally.fail(
            "harness",
            lang,
            "round trip",
            &format!("expected {expected} samples:\n{}", out.text),
        );
    }
}

fn go(
    root: &Path,
    dir: &Path,
    units: &[&Unit],
    samples: &Path,
    tally: &mut Tally,
) -> Result<(), String> {
    harness::go_module(dir, root, &[])?;
    let go = |args: &[&str], wasm: bool| {
        let mut c = Command::new("go");
        c.args(args).current_dir(dir);
        if wasm {
            c.env("GOOS", "wasip1").env("GOARCH", "wasm");
        }
        c
    };
    let gofmt = run_cmd(Command::new("gofmt").arg("-l").arg("gen").current_dir(dir))?;
    let unformatted = Outcome {
        ok: gofmt.ok && gofmt.text.trim().is_empty(),
        text: gofmt.text,
    };
    tally.step(units, "go", "gofmt -l", &unformatted);
    let mut compiles: Vec<&Unit> = units.to_vec();
    for (args, wasm, step) in [
        (&["vet", "./gen/..."][..], false, "go vet"),
        (&["vet", "./gen/..."][..], true, "go vet (wasip1)"),
        (
            &["build", "-o", "/dev/null", "./gen/..."][..],
            true,
            "go build (wasip1)",
        ),
    ] {
        let out = run_cmd(&mut go(args, wasm))?;
        let failed = tally.step(units, "go", step, &out);
        compiles.retain(|u| !failed.contains(&u.name));
    }
    if !samples.exists() {
        return Ok(());
    }
    harness::go_module(dir, root, &compiles)?;
    let vet = run_cmd(&mut go(&["vet", "./roundtrip"], false))?;
    if !vet.ok {
        tally.fail("harness", "go", "go vet ./roundtrip", &vet.text);
        return Ok(());
    }
    let run = run_cmd(go(&["run", "./roundtrip"], false).arg(samples))?;
    round_trip_report(&compiles, "go", &run, Some(samples), tally);
    Ok(())
}

fn ts(
    root: &Path,
    dir: &Path,
    units: &[&Unit],
    samples: &Path,
    tally: &mut Tally,
) -> Result<(), String> {
    let tsc = root.join("node_modules/.bin/tsc");
    if !tsc.exists() {
        return Err(format!("{} is missing: run `npm ci` first", tsc.display()));
    }
    // runtime-ts/dist is built by the caller (`shared::runtime_ts`, once per run).
    harness::ts_project(dir, units)?;
    let out = run_cmd(Command::new(&tsc).args(["-p", "."]).current_dir(dir))?;
    tally.step(units, "ts", "tsc (strictest)", &out);
    if !samples.exists() {
        return Ok(());
    }
    // tsc still emits JavaScript for files with type errors: every unit runs.
    let run = run_cmd(
        Command::new("node")
            .arg("build/roundtrip.js")
            .arg(samples)
            .current_dir(dir),
    )?;
    round_trip_report(units, "ts", &run, Some(samples), tally);
    Ok(())
}

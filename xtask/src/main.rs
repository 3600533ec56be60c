//! `cargo xtask <task>`: the project's one runner for repeatable chores.
//!
//! - `setup`: install every tool the suites need (idempotent; `scripts/setup.sh`, the only bash left).
//! - `test [--list] [--fail-fast] [--no-setup] [suite...]`: setup, then the named suites (all by
//!   default, see `suites/`), a summary table and `N passed, M failed`; non-zero exit on a failure.
//! - `demo`: generate, build and run the examples.
//! - `corpus`: suite `corpus` alone, without setup.
//! - `bench [name] [--check]`: the benchmark figures next to their baselines (see `bench.rs`).
//! - `build-wasm-rust <package> [out-dir]`, `build-wasm-go`: the wasm builds of docs/build.md and
//!   docs/build-go.md.
//!
//! Artifact paths reach the tests through one file, `target/kk-artifacts.json` (`artifacts.rs`).

mod artifacts;
mod bench;
mod corpus;
mod demo;
mod run;
mod shared;
mod suites;
mod wasm_go;
mod wasm_rust;

use run::{cmd, Ctx, Step};
use std::path::PathBuf;
use std::process::exit;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask <setup | test [--list] [--fail-fast] [--no-setup] [suite...] | demo | bench [name] [--check] | build-wasm-rust <package> [out-dir] | build-wasm-go | corpus>";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root");
    std::env::set_current_dir(&root).expect("cd to the repository root");
    let mut ctx = Ctx::new(root);
    let (task, rest) = args
        .split_first()
        .map_or(("", &[][..]), |(t, r)| (t.as_str(), r));
    let result = match task {
        "setup" => setup(&mut ctx),
        "test" => exit(test(&mut ctx, rest)),
        "demo" => setup(&mut ctx).and_then(|()| demo::run(&mut ctx)),
        "bench" => {
            let name = rest
                .iter()
                .find(|a| !a.starts_with("--"))
                .map(String::as_str);
            bench::run(&mut ctx, name, rest)
        }
        "build-wasm-rust" => match rest {
            [pkg] => build_wasm_rust(&mut ctx, pkg, &format!("dist/rust/{pkg}")),
            [pkg, out] => build_wasm_rust(&mut ctx, pkg, out),
            _ => usage(),
        },
        "build-wasm-go" => wasm_go::build(&mut ctx),
        // The corpus check alone (also suite `corpus` of `cargo xtask test`).
        "corpus" => exit(test(&mut ctx, &["--no-setup".into(), "corpus".into()])),
        _ => usage(),
    };
    if let Err(e) = result {
        eprintln!("\x1b[1;31mxtask {task}: {e}\x1b[0m");
        exit(1);
    }
}

fn usage() -> ! {
    eprintln!("{USAGE}");
    exit(2);
}

/// `bash scripts/setup.sh`: installing packages is the one job left to bash.
fn setup(ctx: &mut Ctx) -> Step {
    ctx.run(cmd("bash").arg("scripts/setup.sh"))
}

fn build_wasm_rust(ctx: &mut Ctx, pkg: &str, out: &str) -> Step {
    wasm_rust::build(ctx, pkg, out)?;
    wasm_rust::size_goal(ctx, false)
}

/// One suite's outcome, for the summary table.
struct Outcome {
    name: &'static str,
    count: (usize, &'static str),
    time: Duration,
    error: Option<String>,
}

/// `cargo xtask test ...`; returns the exit code.
fn test(ctx: &mut Ctx, args: &[String]) -> i32 {
    let flag = |f: &str| args.iter().any(|a| a == f);
    if flag("--list") {
        for s in suites::ALL {
            println!("{:<10} {}", s.name, s.about);
        }
        return 0;
    }
    if let Some(bad) = args
        .iter()
        .find(|a| a.starts_with("--") && !["--fail-fast", "--no-setup"].contains(&a.as_str()))
    {
        eprintln!("unknown option {bad}\n{USAGE}");
        return 2;
    }
    let names: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    if let Some(unknown) = names
        .iter()
        .find(|n| !suites::ALL.iter().any(|s| s.name == **n))
    {
        eprintln!("no suite {unknown:?}; `cargo xtask test --list` lists them");
        return 2;
    }
    let selected: Vec<&suites::Suite> = suites::ALL
        .iter()
        .filter(|s| names.is_empty() || names.contains(&s.name))
        .collect();
    let started = Instant::now();
    if !flag("--no-setup") {
        if let Err(e) = setup(ctx) {
            eprintln!("\x1b[1;31msetup failed: {e}\x1b[0m");
            return 1;
        }
    }
    let mut outcomes = Vec::new();
    for suite in selected {
        println!(
            "\n\x1b[1;34m=== suite {} ===\x1b[0m  {}",
            suite.name, suite.about
        );
        ctx.begin_suite();
        let t = Instant::now();
        let error = (suite.run)(ctx).err();
        if let Some(e) = &error {
            eprintln!("\x1b[1;31msuite {} failed: {e}\x1b[0m", suite.name);
        }
        outcomes.push(Outcome {
            name: suite.name,
            count: ctx.suite_count(),
            time: t.elapsed(),
            error,
        });
        if flag("--fail-fast") && outcomes.last().is_some_and(|o| o.error.is_some()) {
            break;
        }
    }
    summary(&outcomes, started.elapsed())
}

/// Prints the table and `N passed, M failed`; returns the exit code.
fn summary(outcomes: &[Outcome], total: Duration) -> i32 {
    println!("\n{:<10} {:>12} {:>9}  result", "suite", "tests", "time");
    for o in outcomes {
        let count = format!("{} {}", o.count.0, o.count.1);
        let result = match &o.error {
            None => "\x1b[32mpass\x1b[0m".to_string(),
            Some(e) => format!(
                "\x1b[31mFAIL\x1b[0m  {}",
                e.lines().next().unwrap_or_default()
            ),
        };
        println!(
            "{:<10} {count:>12} {:>8.1}s  {result}",
            o.name,
            o.time.as_secs_f64()
        );
    }
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    let tests: usize = outcomes
        .iter()
        .filter(|o| o.count.1 == "tests")
        .map(|o| o.count.0)
        .sum();
    println!(
        "\n{} passed, {failed} failed (suites; {tests} tests, {:.0}s)",
        outcomes.len() - failed,
        total.as_secs_f64()
    );
    i32::from(failed > 0)
}

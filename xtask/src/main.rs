//! `cargo xtask <task>`: the project's one runner for repeatable chores.
//!
//! - `setup`: install every tool the suites need (idempotent; `scripts/setup.sh`, the only bash left).
//! - `test [--list] [--fail-fast] [--no-setup] [--jobs N] [suite...]`: setup, then the named suites
//!   (all by default, see `suites/`) in N lanes side by side (default 2 when several suites run; a
//!   lane's output is printed as one block per suite when the suite ends), a summary table and
//!   `N passed, M failed`; non-zero exit on a failure.
//! - `demo`: generate, build and run the examples.
//! - `corpus`: suite `corpus` alone, without setup.
//! - `bench [name] [--check]`: the benchmark figures next to their baselines (see `bench.rs`).
//! - `build-wasm-rust <package> [out-dir]`, `build-wasm-go`: the wasm builds of docs/build.md and
//!   docs/build-go.md.
//!
//! Artifact paths reach the tests through one file, `target/kk-artifacts.json` (`artifacts.rs`).

mod artifacts;
mod bench;
mod bench_http;
mod bench_peers;
mod bench_stdio;
mod corpus;
mod demo;
mod lint;
mod run;
mod shared;
mod suites;
mod wasm_go;
mod wasm_rust;

use run::{cmd, Ctx, Step};
use std::io::Write;
use std::path::PathBuf;
use std::process::exit;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask <setup | test [--list] [--fail-fast] [--no-setup] [--jobs N] [suite...] | demo | bench [name] [--check] | build-wasm-rust <package> [out-dir] | build-wasm-go | corpus>";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root");
    std::env::set_current_dir(&root).expect("cd to the repository root");
    if std::env::var_os("CI").is_some() && std::env::var_os("CARGO_INCREMENTAL").is_none() {
        // A fresh CI checkout never reuses incremental data: writing it is pure cost.
        std::env::set_var("CARGO_INCREMENTAL", "0");
    }
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

/// `bash scripts/setup.sh`: installing packages is the one job left to bash. Everything is
/// installed when it returns (`cargo xtask setup`, `demo`).
fn setup(ctx: &mut Ctx) -> Step {
    ctx.run(cmd("bash").arg("scripts/setup.sh"))
}

/// [`setup`] for `cargo xtask test`: what only a late suite needs (cargo-generate, for suite
/// `template`, which waits for it) goes on building in the background while the suites run.
fn setup_for_test(ctx: &mut Ctx) -> Step {
    ctx.run(cmd("bash").args(["scripts/setup.sh", "--background"]))
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
    let mut names: Vec<&str> = Vec::new();
    let mut jobs = None;
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--fail-fast" | "--no-setup" => {}
            "--jobs" => match rest.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n > 0 => jobs = Some(n),
                _ => {
                    eprintln!("--jobs takes a number of lanes (1 or more)\n{USAGE}");
                    return 2;
                }
            },
            bad if bad.starts_with("--") => {
                eprintln!("unknown option {bad}\n{USAGE}");
                return 2;
            }
            name => names.push(name),
        }
    }
    if let Some(unknown) = names
        .iter()
        .find(|n| !suites::ALL.iter().any(|s| s.name == **n))
    {
        eprintln!("no suite {unknown:?}; `cargo xtask test --list` lists them");
        return 2;
    }
    let selected: Vec<&'static suites::Suite> = suites::ALL
        .iter()
        .filter(|s| names.is_empty() || names.contains(&s.name))
        .collect();
    let jobs = jobs.unwrap_or(2).min(selected.len()).max(1);
    let started = Instant::now();
    if !flag("--no-setup") {
        if let Err(e) = setup_for_test(ctx) {
            eprintln!("\x1b[1;31msetup failed: {e}\x1b[0m");
            return 1;
        }
    }
    lint::lint_while_building();
    let outcomes = run_suites(ctx, &selected, jobs, flag("--fail-fast"));
    summary(&outcomes, started.elapsed())
}

/// Runs `selected` in `jobs` lanes, each taking the next suite in `ALL`'s order when it is free
/// (shared builds a suite waits for are built once, by whichever lane asks first, see
/// [`Ctx::once`]). With one lane output streams; with several each suite's output is printed as one
/// block when it ends. Returns the outcomes in `selected`'s order.
fn run_suites(
    ctx: &mut Ctx,
    selected: &[&'static suites::Suite],
    jobs: usize,
    fail_fast: bool,
) -> Vec<Outcome> {
    let queue = Mutex::new(selected.iter().copied().enumerate());
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(selected.iter().map(|_| None).collect());
    let failed = AtomicBool::new(false);
    let lane = |ctx: &mut Ctx| {
        while !(fail_fast && failed.load(Ordering::SeqCst)) {
            let Some((i, suite)) = queue.lock().expect("queue").next() else {
                break;
            };
            if jobs > 1 {
                println!("\x1b[2m[{}] suite {} started\x1b[0m", clock(), suite.name);
            }
            ctx.begin_suite();
            ctx.say(&format!(
                "\n\x1b[1;34m=== suite {} ===\x1b[0m  {}",
                suite.name, suite.about
            ));
            let t = Instant::now();
            let error = (suite.run)(ctx).err();
            if let Some(e) = &error {
                ctx.say(&format!(
                    "\x1b[1;31msuite {} failed: {e}\x1b[0m",
                    suite.name
                ));
                failed.store(true, Ordering::SeqCst);
            }
            let block = ctx.take_output();
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(block.as_bytes());
            let _ = out.flush();
            drop(out);
            results.lock().expect("results")[i] = Some(Outcome {
                name: suite.name,
                count: ctx.suite_count(),
                time: t.elapsed(),
                error,
            });
        }
    };
    if jobs == 1 {
        lane(ctx);
    } else {
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                let mut lane_ctx = ctx.lane(true);
                scope.spawn(move || lane(&mut lane_ctx));
            }
        });
    }
    results
        .into_inner()
        .expect("results")
        .into_iter()
        .flatten()
        .collect()
}

/// The wall-clock time of day (UTC), `hh:mm:ss`, for the lanes' progress lines.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
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

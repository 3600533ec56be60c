//! `cargo xtask <task>`: thin entry points over `scripts/`, so the README's
//! commands stay the same whatever the scripts grow into.
//!
//! - `setup`: install every tool the suite needs (idempotent).
//! - `demo`:  generate, build and run the examples.
//! - `test`:  setup, then every test of every language.
//! - `bench`: print the benchmark figures next to their baselines.

#[path = "suites/corpus.rs"]
mod corpus_suite;

use std::path::PathBuf;
use std::process::{exit, Command};

fn main() {
    let task = std::env::args().nth(1).unwrap_or_default();
    let rest: Vec<String> = std::env::args().skip(2).collect();
    let script = match task.as_str() {
        "corpus" => exit(corpus_suite::run(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")).map_or_else(|e| { eprintln!("{e}"); 1 }, |n| { eprintln!("corpus: {n} checks passed"); 0 })),
        "setup" => "setup.sh",
        "demo" => "demo.sh",
        "test" => "test.sh",
        "bench" => "bench.sh",
        _ => {
            eprintln!("usage: cargo xtask <setup|demo|test|bench> [args...]");
            exit(2);
        }
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new("bash")
        .arg(root.join("scripts").join(script))
        .args(rest)
        .current_dir(&root)
        .status()
        .unwrap_or_else(|e| {
            eprintln!("xtask: cannot run scripts/{script}: {e}");
            exit(2);
        });
    exit(status.code().unwrap_or(1));
}

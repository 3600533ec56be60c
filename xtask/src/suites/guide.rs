//! Suite `guide`: runs `docs/getting-started.md` itself, so that the guide cannot rot. Its code
//! blocks are taken in order, in a temporary folder outside the checkout laid out as the guide
//! says (`<tmp>/kkgen` is this checkout, `<tmp>/notes` the new project):
//! - a block whose info string has `file=PATH` (```` ```rust file=rust/src/lib.rs ````) is written
//!   to `notes/PATH`;
//! - a ```` ```sh ```` block runs with `bash -euo pipefail` in `notes/`;
//! - a ```` ```text output ```` block is what the `sh` block before it prints: each of its lines
//!   must be a line of that block's stdout;
//! - a ```` ```sh norun ```` block is the one-time machine setup (toolchains, the kkgen
//!   checkout, `cargo install` of the CLI); `cargo xtask setup` has done its equivalent, and
//!   the guide's `kkgen` is this run's build ([`shared::kkgen`], first on `PATH`).
//!
//! What the suite adds to keep the run cheap and the checkout untouched, none of which changes
//! what the guide's commands do: `kkgen/` is a view of the checkout (links, and a copy of
//! `runtime-ts`'s sources, which the guide packs: [`checkout_view`]); the workspace's
//! `Cargo.lock` in `notes/rust/` (the same dependency versions, no index update);
//! `notes/rust/target` linked to the workspace's `target/wasm` (where the examples' wasm builds
//! already compiled the same dependencies in the same profiles); npm set to prefer its cache.

use crate::run::{cmd, Ctx, Step, Tally};
use crate::shared;
use std::path::{Path, PathBuf};

/// For `--list`.
pub const ABOUT: &str =
    "docs/getting-started.md run as written: its files and commands in a fresh project outside the checkout";

/// The guide, below the root.
const GUIDE: &str = "docs/getting-started.md";
/// The project folder the guide creates, next to the checkout.
const PROJECT: &str = "notes";

/// One code block of the guide that the suite acts on.
#[derive(Debug, PartialEq)]
enum Block {
    /// Written to this path below the project.
    File { path: String, text: String },
    /// Run in the project; `line` is where the block starts in the guide.
    Shell { line: usize, script: String },
    /// Lines the shell block before prints.
    Output { line: usize, text: String },
}

/// Runs the suite.
pub fn run(ctx: &mut Ctx) -> Step {
    let chromium = super::browser::chromium(ctx)?;
    shared::kkgen(ctx)?;
    shared::runtime_ts(ctx)?;
    let guide = std::fs::read_to_string(ctx.path(GUIDE)).map_err(|e| format!("{GUIDE}: {e}"))?;
    let blocks = parse(&guide)?;
    let parent = std::env::temp_dir().join(format!("kkgen-guide-{}", std::process::id()));
    let result = run_blocks(ctx, &blocks, &parent, &chromium);
    match &result {
        Ok(()) => drop(std::fs::remove_dir_all(&parent)),
        Err(_) => ctx.say(&format!(
            "the project is left in {} to look at",
            parent.display()
        )),
    }
    result
}

/// The blocks of `guide` the suite acts on, in order (other blocks are prose examples).
fn parse(guide: &str) -> Step<Vec<Block>> {
    let mut blocks = Vec::new();
    let mut lines = guide.lines().enumerate();
    while let Some((at, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let mut body = String::new();
        let mut closed = false;
        for (_, inner) in lines.by_ref() {
            if inner.trim_end() == "```" {
                closed = true;
                break;
            }
            body.push_str(inner);
            body.push('\n');
        }
        if !closed {
            return Err(format!("{GUIDE}:{}: code block never closed", at + 1));
        }
        let words: Vec<&str> = info.split_whitespace().collect();
        let file = words.iter().find_map(|w| w.strip_prefix("file="));
        let block = match (words.first().copied(), file) {
            (_, Some(path)) => Block::File {
                path: path.to_owned(),
                text: body,
            },
            (Some("sh"), None) if words.contains(&"norun") => continue,
            (Some("sh"), None) => Block::Shell {
                line: at + 1,
                script: body,
            },
            (Some("text"), None) if words.contains(&"output") => Block::Output {
                line: at + 1,
                text: body,
            },
            _ => continue,
        };
        blocks.push(block);
    }
    let shells = blocks
        .iter()
        .filter(|b| matches!(b, Block::Shell { .. }))
        .count();
    if shells == 0 {
        return Err(format!("{GUIDE}: no sh blocks"));
    }
    Ok(blocks)
}

fn run_blocks(ctx: &mut Ctx, blocks: &[Block], parent: &Path, chromium: &str) -> Step {
    let project = parent.join(PROJECT);
    let bin = parent.join("bin");
    for dir in [project.join("rust"), bin.clone()] {
        std::fs::create_dir_all(&dir).map_err(|e| format!("mkdir {}: {e}", dir.display()))?;
    }
    let link = |from: &Path, to: &Path| {
        std::os::unix::fs::symlink(from, to)
            .map_err(|e| format!("ln -s {} {}: {e}", from.display(), to.display()))
    };
    checkout_view(ctx, &parent.join("kkgen"))?;
    link(&ctx.path(shared::KKGEN), &bin.join("kkgen"))?;
    let wasm_target = ctx.path("target/wasm");
    std::fs::create_dir_all(&wasm_target).map_err(|e| format!("mkdir target/wasm: {e}"))?;
    link(&wasm_target, &project.join("rust/target"))?;
    std::fs::copy(ctx.path("Cargo.lock"), project.join("rust/Cargo.lock"))
        .map_err(|e| format!("cp Cargo.lock: {e}"))?;
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    ctx.log(&format!("{GUIDE} in {}", project.display()));
    let mut last_output: Option<(usize, String)> = None;
    for block in blocks {
        match block {
            Block::File { path, text } => write_file(&project, path, text)?,
            Block::Shell { line, script } => {
                ctx.log(&format!("{GUIDE}:{line}"));
                // Its stdout and stderr, as the reader sees them, shown and kept for an output block.
                let log = parent.join("block.log");
                let wrapped = format!("{{\n{script}}} 2>&1 | tee {}", log.display());
                ctx.run(
                    cmd("env")
                        .args(["-u", "CARGO_TARGET_DIR", "bash", "-euo", "pipefail", "-c"])
                        .arg(wrapped)
                        .dir(&project)
                        .env("PATH", &path)
                        .env("CHROMIUM", chromium)
                        .env("npm_config_prefer_offline", "true")
                        .env("npm_config_audit", "false")
                        .env("npm_config_fund", "false")
                        .tally(Tally::Node),
                )?;
                let out =
                    std::fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
                last_output = Some((*line, out));
            }
            Block::Output { line, text } => {
                let (from, out) = last_output.as_ref().ok_or_else(|| {
                    format!("{GUIDE}:{line}: an output block with no sh block before it")
                })?;
                for expected in text.lines().filter(|l| !l.trim().is_empty()) {
                    ctx.check(out.lines().any(|l| l.trim_end() == expected.trim_end()), || {
                        format!(
                            "{GUIDE}:{line}: `{expected}` is not in what the block at line {from} printed"
                        )
                    })?;
                }
            }
        }
    }
    Ok(())
}

/// The guide's `kkgen/`: this checkout, entry by entry as links, except `runtime-ts`, a copy of
/// its sources: the guide's `npm pack ../kkgen/runtime-ts` runs its `prepack`, which rebuilds
/// `dist` — in the copy, not under the other suites that read the checkout's `runtime-ts/dist`.
fn checkout_view(ctx: &Ctx, view: &Path) -> Step {
    let entries =
        std::fs::read_dir(&ctx.root).map_err(|e| format!("ls {}: {e}", ctx.root.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("ls {}: {e}", ctx.root.display()))?;
        let name = entry.file_name();
        let to = view.join(&name);
        if name == "runtime-ts" {
            for part in ["package.json", "tsconfig.json", "src"] {
                copy_tree(&entry.path().join(part), &to.join(part))?;
            }
        } else {
            std::fs::create_dir_all(view).map_err(|e| format!("mkdir {}: {e}", view.display()))?;
            std::os::unix::fs::symlink(entry.path(), &to)
                .map_err(|e| format!("ln -s {}: {e}", to.display()))?;
        }
    }
    Ok(())
}

/// Copies a file or a folder (recursively).
fn copy_tree(from: &Path, to: &Path) -> Step {
    if from.is_dir() {
        std::fs::create_dir_all(to).map_err(|e| format!("mkdir {}: {e}", to.display()))?;
        let entries = std::fs::read_dir(from).map_err(|e| format!("ls {}: {e}", from.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("ls {}: {e}", from.display()))?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("mkdir {}: {e}", dir.display()))?;
        }
        std::fs::copy(from, to)
            .map(drop)
            .map_err(|e| format!("cp {} {}: {e}", from.display(), to.display()))
    }
}

/// Writes a file block, refusing paths that leave the project.
fn write_file(project: &Path, path: &str, text: &str) -> Step {
    let rel = PathBuf::from(path);
    if rel.is_absolute() || rel.components().any(|c| c.as_os_str() == "..") {
        return Err(format!("{GUIDE}: file={path} leaves the project"));
    }
    let target = project.join(rel);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("mkdir {}: {e}", dir.display()))?;
    }
    std::fs::write(&target, text).map_err(|e| format!("write {}: {e}", target.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_files_commands_and_outputs() {
        let guide = "text\n```sh norun\nrustup target add x\n```\n```toml file=rust/Cargo.toml\n[package]\n```\n```sh\nkkgen check a\n```\n```text output\nok\n```\n```kkidl\npackage a.v1;\n```\n";
        let blocks = parse(guide).unwrap();
        assert_eq!(
            blocks,
            vec![
                Block::File {
                    path: "rust/Cargo.toml".into(),
                    text: "[package]\n".into()
                },
                Block::Shell {
                    line: 8,
                    script: "kkgen check a\n".into()
                },
                Block::Output {
                    line: 11,
                    text: "ok\n".into()
                },
            ]
        );
    }

    #[test]
    fn an_unclosed_block_is_refused() {
        assert!(parse("```sh\nls\n").unwrap_err().contains("never closed"));
    }
}

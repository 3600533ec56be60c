//! `kkgen build go`: a Go module's wasip1 modules (docs/build-go.md §3).
//! - the reactor (`-buildmode=c-shared`, the module the TS host loads) → `OUT/<name>-go.wasm`,
//!   after checking that it does not depend on package `os`;
//! - the stdio command (a wasip1 program serving frames on stdin/stdout) → `OUT/<name>-go-stdio.wasm`;
//! - with `tinygo` on PATH, the same with TinyGo: `<name>-tinygo.wasm`, `<name>-tinygo-stdio.wasm`.

use super::{command, BuildError, Built};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What to build and where (the flags of `kkgen build go`).
#[derive(Debug, Clone)]
pub struct GoBuild {
    /// The module's directory (where go.mod is).
    pub dir: PathBuf,
    /// The reactor package, and whether it was asked for (else skipped with a note when missing).
    pub reactor: Package,
    /// The stdio command package, likewise.
    pub stdio: Package,
    /// The output directory (relative to the current directory, not to `dir`).
    pub out: PathBuf,
    /// The modules' name prefix; default: the last element of the module path.
    pub name: Option<String>,
}

/// A package to build.
#[derive(Debug, Clone)]
pub struct Package {
    /// Its path as `go build` takes it (`./cmd/reactor`).
    pub path: String,
    /// Whether the user named it (a missing one is then an error, not a note).
    pub explicit: bool,
}

/// Which program a module is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A WASI reactor (`-buildmode=c-shared`).
    Reactor,
    /// A wasip1 command.
    Command,
}

/// Which compiler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toolchain {
    /// `go build` (GOOS=wasip1 GOARCH=wasm).
    Go,
    /// `tinygo build -target=wasip1`.
    TinyGo,
}

/// Builds the modules of [`GoBuild`]; returns them, for [`super::sizes::table`].
pub fn build(options: &GoBuild) -> Result<Vec<Built>, BuildError> {
    let name = match &options.name {
        Some(name) => name.clone(),
        None => module_name(&options.dir)?,
    };
    let reactor = present(&options.dir, &options.reactor, "reactor")?;
    let stdio = present(&options.dir, &options.stdio, "stdio command")?;
    if reactor.is_none() && stdio.is_none() {
        return Err(BuildError::Project(format!(
            "nothing to build in {}: neither {} nor {} exists (pass --reactor / --stdio)",
            options.dir.display(),
            options.reactor.path,
            options.stdio.path
        )));
    }
    if let Some(pkg) = reactor {
        check_no_os(&options.dir, pkg)?;
    }
    std::fs::create_dir_all(&options.out).map_err(BuildError::io(format!(
        "cannot create {}",
        options.out.display()
    )))?;
    let out = command::absolute(&options.out)?;
    let tinygo = command::on_path("tinygo").is_some();
    if !tinygo {
        eprintln!("note: tinygo not on PATH: TinyGo builds skipped");
    }
    let mut built = Vec::new();
    let plan = [
        (reactor, Kind::Reactor, Toolchain::Go, "go", "go reactor"),
        (stdio, Kind::Command, Toolchain::Go, "go-stdio", "go stdio"),
        (
            reactor,
            Kind::Reactor,
            Toolchain::TinyGo,
            "tinygo",
            "tinygo reactor",
        ),
        (
            stdio,
            Kind::Command,
            Toolchain::TinyGo,
            "tinygo-stdio",
            "tinygo stdio",
        ),
    ];
    for (pkg, kind, toolchain, suffix, target) in plan {
        let Some(pkg) = pkg else { continue };
        if toolchain == Toolchain::TinyGo && !tinygo {
            continue;
        }
        let path = out.join(format!("{name}-{suffix}.wasm"));
        module(&options.dir, pkg, kind, toolchain, &path)?;
        built.push(Built {
            path: options.out.join(format!("{name}-{suffix}.wasm")),
            target: target.into(),
        });
    }
    Ok(built)
}

/// Builds package `pkg` of the module in `dir` as a `kind` with `toolchain` into `output` (an
/// absolute path, or relative to `dir`).
pub fn module(
    dir: &Path,
    pkg: &str,
    kind: Kind,
    toolchain: Toolchain,
    output: &Path,
) -> Result<(), BuildError> {
    let mut cmd = match toolchain {
        Toolchain::Go => {
            let mut c = Command::new("go");
            c.env("GOOS", "wasip1").env("GOARCH", "wasm").args([
                "build",
                "-trimpath",
                "-ldflags=-s",
            ]);
            if kind == Kind::Reactor {
                c.arg("-buildmode=c-shared");
            }
            c
        }
        Toolchain::TinyGo => {
            let mut c = Command::new("tinygo");
            c.args(["build", "-target=wasip1"]);
            if kind == Kind::Reactor {
                c.args(["-buildmode=c-shared", "-no-debug", "-scheduler=none"]);
            } else {
                c.arg("-no-debug");
            }
            c
        }
    };
    command::run(cmd.arg("-o").arg(output).arg(pkg).current_dir(dir))
}

/// The last element of the module path in `dir/go.mod` (`example.com/notes` → `notes`).
pub fn module_name(dir: &Path) -> Result<String, BuildError> {
    let go_mod = dir.join("go.mod");
    let text = std::fs::read_to_string(&go_mod).map_err(|e| {
        BuildError::Project(format!(
            "no Go module in {}: cannot read {} ({e}); pass --dir DIR of the module",
            dir.display(),
            go_mod.display()
        ))
    })?;
    text.lines()
        .find_map(|l| l.trim().strip_prefix("module "))
        .map(|path| path.trim().trim_matches('"'))
        .and_then(|path| path.rsplit('/').next())
        .filter(|name| !name.is_empty())
        .map(String::from)
        .ok_or_else(|| BuildError::Project(format!("{} has no module line", go_mod.display())))
}

/// `pkg` when its directory exists; a missing default is skipped with a note, a missing package
/// the user named is an error.
fn present<'a>(dir: &Path, pkg: &'a Package, what: &str) -> Result<Option<&'a str>, BuildError> {
    let local = pkg.path.starts_with('.');
    if !local || dir.join(&pkg.path).is_dir() {
        return Ok(Some(&pkg.path));
    }
    if pkg.explicit {
        return Err(BuildError::Project(format!(
            "no {what} package {} in {}",
            pkg.path,
            dir.display()
        )));
    }
    eprintln!(
        "note: no {what} package {} in {}: skipped",
        pkg.path,
        dir.display()
    );
    Ok(None)
}

/// Fails when the reactor package `pkg` depends on package `os` (for GOOS=wasip1), naming the
/// import chain that brings it in.
pub fn check_no_os(dir: &Path, pkg: &str) -> Result<(), BuildError> {
    let listing = command::output(
        Command::new("go")
            .env("GOOS", "wasip1")
            .env("GOARCH", "wasm")
            .args([
                "list",
                "-deps",
                "-f",
                "{{.ImportPath}} {{join .Imports \" \"}}",
            ])
            .arg(pkg)
            .current_dir(dir),
        false,
    )?;
    let imports: HashMap<&str, Vec<&str>> = listing
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((words.next()?, words.collect()))
        })
        .collect();
    if !imports.contains_key("os") {
        return Ok(());
    }
    // `go list -deps` prints dependencies first, the named package last.
    let root = listing
        .lines()
        .last()
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or(pkg);
    Err(BuildError::ReactorLinksOs {
        package: pkg.to_string(),
        chain: chain(&imports, root, "os"),
    })
}

/// The shortest import chain from `from` to `to` (breadth first).
fn chain(imports: &HashMap<&str, Vec<&str>>, from: &str, to: &str) -> Vec<String> {
    let mut parent: HashMap<&str, &str> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut path = vec![to.to_string()];
            let mut node = to;
            while let Some(p) = parent.get(node) {
                path.push(p.to_string());
                node = p;
            }
            path.reverse();
            return path;
        }
        for next in imports.get(at).into_iter().flatten() {
            if *next != from && !parent.contains_key(next) {
                parent.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    vec![from.to_string(), to.to_string()]
}

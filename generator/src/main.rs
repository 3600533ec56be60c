//! The `kkgen` command line: `check`, `fmt`, `ir`, `gen`, `breaking` and `build`.
//!
//! Exit codes: 0 ok, 1 schema errors (or `fmt --check` found unformatted
//! files, or `gen --check` found files that differ, or a `build` failed),
//! 2 usage or I/O errors, 3 breaking changes found (`breaking`).

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};
use kkgen::backend::Backend;
use kkgen::build;
use kkgen::{GenOptions, GoOptions, RustOptions, TsOptions};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// kkgen: one typed interface definition (.kkidl) for wasm services in Rust
/// and Go, called from TypeScript.
#[derive(Parser)]
#[command(
    name = "kkgen",
    version,
    about,
    after_help = "Exit codes: 0 ok; 1 schema errors, a --check found differences, or a build failed; 2 usage or I/O errors; 3 breaking changes found (breaking).\nInstall: cargo install --path generator (in a kkgen checkout). Specs: docs/ (docs/sdk.md for gen --check)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parses and checks schemas; prints every error found.
    Check {
        /// Schema files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Extra directories to resolve imports against.
        #[arg(short = 'I', long = "include", value_name = "DIR")]
        include: Vec<PathBuf>,
    },
    /// Rewrites schemas in the canonical format.
    Fmt {
        /// Schema files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Changes nothing; exits 1 and lists the files that are not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Prints the resolved IR as JSON, or the IR's JSON Schema.
    Ir {
        /// Prints the IR of FILES as JSON (the default).
        #[arg(long, conflicts_with = "schema")]
        json: bool,
        /// Prints the JSON Schema of the IR (no files needed).
        #[arg(long)]
        schema: bool,
        /// Schema files.
        #[arg(required_unless_present = "schema")]
        files: Vec<PathBuf>,
        /// Extra directories to resolve imports against.
        #[arg(short = 'I', long = "include", value_name = "DIR")]
        include: Vec<PathBuf>,
    },
    /// Generates code for one language, or all.
    #[command(
        after_help = "Examples:\n  kkgen gen --lang go --out sdk/go api.kkidl\n  kkgen gen --lang all --out sdk api.kkidl          # sdk/rust, sdk/go, sdk/ts\n  kkgen gen --lang all --out sdk api.kkidl --check  # exit 1 and a diff when sdk/ is stale"
    )]
    Gen {
        /// Target language: a backend's name, or `all`.
        #[arg(long, value_parser = PossibleValuesParser::new(lang_names()))]
        lang: String,
        /// Output directory (created if missing); with `--lang all`, one folder per backend
        /// family below it (`rust/`, `go/`, `ts/`).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Schema files.
        #[arg(required_unless_present = "ir", conflicts_with = "ir")]
        files: Vec<PathBuf>,
        /// Generates from an IR saved as JSON (`kkgen ir --json`, or another
        /// front end) instead of schema files.
        #[arg(long, value_name = "FILE.json")]
        ir: Option<PathBuf>,
        /// Extra directories to resolve imports against.
        #[arg(short = 'I', long = "include", value_name = "DIR")]
        include: Vec<PathBuf>,
        /// Writes nothing; prints a unified diff of every file that would change, is missing,
        /// or is extra (has a kkgen header but is not generated now) and exits 1; exits 0 when
        /// the output directory is up to date.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        rust: RustOptions,
        #[command(flatten)]
        go: GoOptions,
        #[command(flatten)]
        ts: TsOptions,
    },
    /// Reports what FILES break compared with an old version of them.
    ///
    /// Each change breaks one rule (docs/evolution.md) of one category: WIRE
    /// (old and new peers can no longer talk; the source breaks too) or
    /// SOURCE (code written against the old generated code no longer
    /// compiles). Exit codes: 0 no breaking change of the selected
    /// categories, 1 a version does not pass `kkgen check`, 2 usage or I/O
    /// error, 3 breaking changes found.
    Breaking {
        /// The old version: a .kkidl file, a directory of them (recursively),
        /// or a git revision of the current repository read at the same
        /// paths as FILES: `.git#REF` or `git:REF` (`.git#main`,
        /// `git:HEAD~1`), optionally with `,subdir=PATH` (paths taken from
        /// PATH, relative to the repository root, at that revision).
        #[arg(long, value_name = "OLD", default_value = ".git#HEAD")]
        against: String,
        /// Reports only this category (repeatable); `source` also selects
        /// WIRE changes, which break the source too.
        #[arg(long, value_parser = PossibleValuesParser::new(["wire", "source"]))]
        category: Vec<String>,
        /// `text`: one `file:line:col: CATEGORY RULE: sentence` line per
        /// change and a summary; `json`: `{"breaking":[...]}`.
        #[arg(long, default_value = "text", value_parser = PossibleValuesParser::new(["text", "json"]))]
        format: String,
        /// The new version: schema files, or directories of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Extra directories to resolve imports against (in both versions).
        #[arg(short = 'I', long = "include")]
        include: Vec<PathBuf>,
    },
    /// Builds a service for wasm: a Rust crate or a Go module (docs/build.md, docs/build-go.md).
    Build {
        #[command(subcommand)]
        what: BuildCommand,
    },
}

/// What `kkgen build` builds.
#[derive(Subcommand)]
enum BuildCommand {
    /// Builds a Rust service crate's lib for wasm32-unknown-unknown and wasm32-wasip1.
    ///
    /// Profile `wasm-release` (the workspace's, else kkgen's: opt-level "z", LTO, one codegen
    /// unit, panic abort); the unknown-unknown module through wasm-bindgen-cli `--target web`
    /// (its version must be the crate's locked wasm-bindgen) into OUT/<lib>.wasm, the wasip1
    /// reactor into OUT/<lib>.wasip1.wasm; wasm-opt -Oz on both when found (PATH, else
    /// node_modules/.bin). Prints each module's size raw, gzip and brotli.
    #[command(
        after_help = "Examples:\n  kkgen build rust                                  # ./Cargo.toml into dist/wasm\n  kkgen build rust --manifest-path rust/Cargo.toml --target web --out public/wasm"
    )]
    Rust {
        /// The crate's Cargo.toml (or its workspace's, with -p).
        #[arg(long, value_name = "PATH", default_value = "Cargo.toml")]
        manifest_path: PathBuf,
        /// The package to build, when the manifest is a workspace of several.
        #[arg(short = 'p', long, value_name = "PKG")]
        package: Option<String>,
        /// Output directory (created if missing).
        #[arg(long, value_name = "DIR", default_value = "dist/wasm")]
        out: PathBuf,
        /// `web`: wasm32-unknown-unknown only; `wasip1`: wasm32-wasip1 only; `all`: both.
        #[arg(long, default_value = "all", value_parser = PossibleValuesParser::new(["web", "wasip1", "all"]))]
        target: String,
        /// Skips wasm-opt (faster builds, larger modules).
        #[arg(long)]
        no_opt: bool,
    },
    /// Builds a Go module's wasip1 reactor and stdio command (and TinyGo's, when on PATH).
    ///
    /// The reactor (GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared) into OUT/<name>-go.wasm,
    /// refused when it depends on package `os`; the stdio command into OUT/<name>-go-stdio.wasm;
    /// with tinygo on PATH also OUT/<name>-tinygo.wasm and OUT/<name>-tinygo-stdio.wasm. Prints
    /// each module's size raw, gzip and brotli.
    #[command(
        after_help = "Examples:\n  kkgen build go --dir go                           # go/cmd/reactor, go/cmd/stdio into dist/wasm\n  kkgen build go --dir go --reactor ./cmd/notes-reactor --name notes"
    )]
    Go {
        /// The Go module's directory (where go.mod is).
        #[arg(long, value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// The reactor package, relative to --dir [default: ./cmd/reactor; skipped with a note
        /// when that does not exist].
        #[arg(long, value_name = "PKG")]
        reactor: Option<String>,
        /// The stdio command package, relative to --dir [default: ./cmd/stdio; skipped with a
        /// note when that does not exist].
        #[arg(long, value_name = "PKG")]
        stdio: Option<String>,
        /// Output directory, relative to the current directory (not to --dir).
        #[arg(long, value_name = "OUT", default_value = "dist/wasm")]
        out: PathBuf,
        /// The modules' name prefix [default: the last element of the module path in go.mod].
        #[arg(long)]
        name: Option<String>,
    },
}

/// The values of `--lang`: every backend of [`kkgen::backends`], then `all`.
fn lang_names() -> Vec<&'static str> {
    kkgen::backends()
        .iter()
        .map(|b| b.name())
        .chain(["all"])
        .collect()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("kkgen: {message}");
            ExitCode::from(2)
        }
    }
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Compiles schemas (with the backends' generated-name check when
/// `for_backends`); schema errors are printed and become exit code 1.
fn compile(
    files: &[PathBuf],
    include: &[PathBuf],
    for_backends: bool,
) -> Result<Result<kkidl::Compiled, ExitCode>, String> {
    let compiled = if for_backends {
        kkgen::compile(files, include)
    } else {
        kkidl::compile(files, include)
    };
    match compiled {
        Ok(c) => Ok(Ok(c)),
        Err(kkidl::Error::Schema(d)) => {
            stderr(&d.render(color()));
            Ok(Err(ExitCode::from(1)))
        }
        Err(e @ kkidl::Error::Io { .. }) => Err(e.to_string()),
    }
}

/// `n` and `noun`, plural unless `n` is 1: `1 file`, `0 services`.
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Check { files, include } => Ok(match compile(&files, &include, true)? {
            Ok(c) => {
                let ops: usize = c.ir.services.iter().map(|s| s.ops.len()).sum();
                eprintln!(
                    "ok: {}, {}, {} in {}",
                    counted(c.ir.types.len(), "type"),
                    counted(c.ir.services.len(), "service"),
                    counted(ops, "op"),
                    counted(c.files.len(), "file")
                );
                ExitCode::SUCCESS
            }
            Err(code) => code,
        }),
        Command::Fmt { files, check } => fmt(&files, check),
        Command::Ir { schema: true, .. } => {
            stdout(
                &serde_json::to_string_pretty(&kkidl::ir::Ir::json_schema())
                    .map_err(|e| e.to_string())?,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ir { files, include, .. } => Ok(match compile(&files, &include, false)? {
            Ok(c) => {
                stdout(&serde_json::to_string_pretty(&c.ir).map_err(|e| e.to_string())?)?;
                ExitCode::SUCCESS
            }
            Err(code) => code,
        }),
        Command::Gen {
            lang,
            out,
            files,
            ir,
            include,
            check,
            rust,
            go,
            ts,
        } => {
            let (ir, source) = match ir {
                Some(path) => match read_ir(&path)? {
                    Ok(ir) => {
                        let source = ir
                            .files
                            .first()
                            .map_or_else(|| file_name(&path), |f| file_name(Path::new(&f.path)));
                        (ir, source)
                    }
                    Err(code) => return Ok(code),
                },
                None => match compile(&files, &include, true)? {
                    Ok(c) => (
                        c.ir,
                        files
                            .iter()
                            .map(|f| file_name(f))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    Err(code) => return Ok(code),
                },
            };
            let options = GenOptions {
                source,
                rust,
                go,
                ts,
            };
            let all = lang == "all";
            let backends: Vec<Box<dyn Backend>> = kkgen::backends()
                .into_iter()
                .filter(|b| all || b.name() == lang)
                .collect();
            let mut outputs = Vec::with_capacity(backends.len());
            for b in &backends {
                let dir = if all {
                    out.join(b.group())
                } else {
                    out.clone()
                };
                let generated = b
                    .generate(&ir, &options)
                    .map_err(|e| format!("{} backend: {e}", b.name()))?;
                outputs.push(kkgen::drift::Output {
                    dir,
                    files: generated,
                });
            }
            if check {
                return check_outputs(&outputs);
            }
            for o in &outputs {
                let written =
                    kkgen::config::write_files(&o.dir, &o.files).map_err(|e| e.to_string())?;
                for path in written {
                    eprintln!("wrote {}", path.display());
                }
            }
            remove_stale(&outputs)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Breaking {
            against,
            category,
            format,
            files,
            include,
        } => breaking(&against, &category, &format, &files, &include),
        Command::Build { what } => Ok(build_wasm(what)),
    }
}

/// `kkgen build rust|go`: builds, then prints the size table; a failure is printed and exits 1.
fn build_wasm(what: BuildCommand) -> ExitCode {
    let built = match what {
        BuildCommand::Rust {
            manifest_path,
            package,
            out,
            target,
            no_opt,
        } => build::rust::build(&build::rust::RustBuild {
            manifest: manifest_path,
            package,
            out,
            targets: match target.as_str() {
                "web" => build::rust::Targets::Web,
                "wasip1" => build::rust::Targets::Wasip1,
                _ => build::rust::Targets::All,
            },
            no_opt,
        }),
        BuildCommand::Go {
            dir,
            reactor,
            stdio,
            out,
            name,
        } => {
            let package = |given: Option<String>, default: &str| build::go::Package {
                explicit: given.is_some(),
                path: given.unwrap_or_else(|| default.to_string()),
            };
            build::go::build(&build::go::GoBuild {
                dir,
                reactor: package(reactor, "./cmd/reactor"),
                stdio: package(stdio, "./cmd/stdio"),
                out,
                name,
            })
        }
    };
    match built.and_then(|modules| build::sizes::table(&modules)) {
        Ok(table) => match stdout(table.trim_end()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("kkgen: {message}");
                ExitCode::from(2)
            }
        },
        Err(e) => {
            eprintln!("kkgen build: {e}");
            ExitCode::from(1)
        }
    }
}

/// `kkgen breaking`: loads and checks both versions, compares them, prints
/// the selected changes; exit code 3 when there are any.
fn breaking(
    against: &str,
    category: &[String],
    format: &str,
    files: &[PathBuf],
    include: &[PathBuf],
) -> Result<ExitCode, String> {
    use kkgen::breaking::{self, Category, LoadError};
    let old_from = breaking::Against::parse(against)?;
    let versions = [
        ("new version", breaking::load_current(files, include)),
        (against, breaking::load_against(&old_from, files, include)),
    ];
    let mut loaded = Vec::new();
    for (which, version) in versions {
        match version {
            Ok(v) => loaded.push(v),
            Err(LoadError::Io(message)) => return Err(format!("{which}: {message}")),
            Err(LoadError::Schema(d)) => {
                eprintln!("kkgen breaking: {which} does not pass `kkgen check`");
                stderr(&d.render(color()));
                return Ok(ExitCode::from(1));
            }
        }
    }
    let categories: Vec<Category> = category
        .iter()
        .map(|c| match c.as_str() {
            "wire" => Category::Wire,
            _ => Category::Source,
        })
        .collect();
    let changes: Vec<_> = breaking::compare(&loaded[1], &loaded[0])
        .into_iter()
        .filter(|c| c.selected(&categories))
        .collect();
    match format {
        "json" => stdout(&breaking::report::json(&changes))?,
        _ => stdout(breaking::report::text(&changes).trim_end())?,
    }
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// `gen --check`: prints the unified diff of every file that differs and exits 1, or exits 0.
fn check_outputs(outputs: &[kkgen::drift::Output]) -> Result<ExitCode, String> {
    let drift = kkgen::drift::compare(outputs).map_err(|e| e.to_string())?;
    if drift.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let diffs: String = drift.iter().map(|d| d.unified_diff()).collect();
    stdout(diffs.trim_end_matches('\n'))?;
    for d in &drift {
        eprintln!("{}: {}", d.kind(), d.path().display());
    }
    eprintln!(
        "kkgen gen --check: {} file(s) differ from what kkgen would write; run the same command without --check",
        drift.len()
    );
    Ok(ExitCode::from(1))
}

/// Deletes the files of the output directories that carry a kkgen header but are no longer
/// generated (what `gen --check` reports as extra), so that `gen` leaves nothing to report.
fn remove_stale(outputs: &[kkgen::drift::Output]) -> Result<(), String> {
    for d in kkgen::drift::compare(outputs).map_err(|e| e.to_string())? {
        if let kkgen::drift::Drift::Extra { path, .. } = d {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            eprintln!(
                "removed {} (kkgen output no longer generated)",
                path.display()
            );
        }
    }
    Ok(())
}

/// Reads an IR JSON file (`gen --ir`); an invalid IR is printed and becomes exit code 1.
fn read_ir(path: &Path) -> Result<Result<kkidl::ir::Ir, ExitCode>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(kkgen::ir_json::parse_ir_json(&text).map_err(|e| {
        stderr(&format!("error: {}: {e}\n", path.display()));
        ExitCode::from(1)
    }))
}

/// Writes `text` to stderr; a closed stderr is ignored rather than a panic.
fn stderr(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints `text` and a newline; a closed pipe (`kkgen ir | head`) is not an error.
fn stdout(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to stdout: {e}"))
        }
        _ => Ok(()),
    }
}

/// The name quoted in generated headers: the file name without directories,
/// so output does not depend on where the generator ran.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn fmt(files: &[PathBuf], check: bool) -> Result<ExitCode, String> {
    let mut unformatted = Vec::new();
    let mut failed = false;
    for path in files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        match kkidl::fmt::format_source(&path.display().to_string(), &text) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                if check {
                    unformatted.push(path.display().to_string());
                } else {
                    std::fs::write(path, formatted)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                    eprintln!("formatted {}", path.display());
                }
            }
            Err(d) => {
                stderr(&d.render(color()));
                failed = true;
            }
        }
    }
    for f in &unformatted {
        println!("{f}");
    }
    if !unformatted.is_empty() {
        eprintln!(
            "kkgen fmt --check: {} file(s) not formatted; run `kkgen fmt` on them",
            unformatted.len()
        );
    }
    Ok(if failed || !unformatted.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

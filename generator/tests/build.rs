//! `kkgen build rust` and `kkgen build go` for real, on projects in a temporary folder outside
//! the checkout as a user has them (docs/build.md §3, docs/build-go.md §3): a Go module; and the
//! failures a user meets: wasm-bindgen-cli of another version, a reactor that links `os`, a
//! missing package or manifest. A Rust crate's whole build (both targets, LTO, wasm-bindgen,
//! wasm-opt found in the project's `node_modules`) is not repeated here: suites `template` (with
//! wasm-opt) and `guide` (without) run it on their projects, and every wasm build of the
//! workspace goes through the same `kkgen::build`.
//!
//! Cheap: the crate builds into the workspace's `target/wasm` (where the examples' wasm builds
//! put the same dependencies in the same profile) with the workspace's `Cargo.lock` copied in, and
//! with the template's resolver ("3"), so that suite `template`'s project and this crate share
//! the artifacts of their path dependencies.

mod common;

use common::{code, root, temp, text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The trivial service (examples/geometry/size/trivial) as a crate of its own in `dir/rust`.
fn rust_project(dir: &Path) -> PathBuf {
    let kkgen = root();
    let rust = dir.join("rust");
    std::fs::create_dir_all(rust.join("src")).unwrap();
    let trivial = kkgen.join("examples/geometry/size/trivial");
    std::fs::write(
        rust.join("Cargo.toml"),
        format!(
            "[package]\nname = \"tiny-service\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [lib]\nname = \"tiny_service\"\ncrate-type = [\"cdylib\", \"rlib\"]\n\n\
             [dependencies]\nkkrpc-runtime = {{ path = \"{runtime}\" }}\n\n\
             [build-dependencies]\nkkgen = {{ path = \"{generator}\" }}\n\n[workspace]\nresolver = \"3\"\n",
            runtime = kkgen.join("runtime-rs").display(),
            generator = kkgen.join("generator").display(),
        ),
    )
    .unwrap();
    for (from, to) in [
        ("trivial.kkidl", "trivial.kkidl"),
        ("build.rs", "build.rs"),
        ("src/lib.rs", "src/lib.rs"),
    ] {
        std::fs::copy(trivial.join(from), rust.join(to)).unwrap();
    }
    std::fs::copy(kkgen.join("Cargo.lock"), rust.join("Cargo.lock")).unwrap();
    rust
}

/// Runs `kkgen args` in `dir` with the workspace's wasm target dir, and `PATH` prefixed by
/// `path_first` when given.
fn kkgen_in(dir: &Path, args: &[&str], path_first: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kkgen"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("CARGO_TARGET_DIR", root().join("target/wasm"));
    if let Some(first) = path_first {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let joined = std::env::join_paths(
            std::iter::once(first.to_path_buf()).chain(std::env::split_paths(&path)),
        )
        .unwrap();
        cmd.env("PATH", joined);
    }
    cmd.output().expect("run kkgen")
}

/// A wasm module's export names (its export section, parsed).
fn exports(module: &[u8]) -> Vec<String> {
    assert_eq!(&module[..4], b"\0asm", "a wasm module");
    let leb = |at: &mut usize| {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = module[*at];
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                return value;
            }
        }
    };
    let mut at = 8;
    while at < module.len() {
        let id = module[at];
        at += 1;
        let size = leb(&mut at);
        let end = at + size;
        if id == 7 {
            let mut names = vec![];
            for _ in 0..leb(&mut at) {
                let len = leb(&mut at);
                names.push(String::from_utf8_lossy(&module[at..at + len]).into_owned());
                at += len + 1;
                leb(&mut at);
            }
            return names;
        }
        at = end;
    }
    vec![]
}

/// The locked wasm-bindgen version of the workspace (what the copied Cargo.lock pins).
fn locked_wasm_bindgen() -> String {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let at = lock
        .find("name = \"wasm-bindgen\"\nversion = \"")
        .expect("wasm-bindgen locked");
    lock[at..].split('"').nth(3).unwrap().to_string()
}

/// The size table on `stdout` has a header and a row of three sizes for each `(file, target)`.
fn assert_table(stdout: &str, rows: &[(&str, &str)]) {
    let header = stdout.lines().next().unwrap_or_default();
    for column in ["file", "target", "raw", "gzip", "brotli"] {
        assert!(header.contains(column), "{stdout}");
    }
    for (file, target) in rows {
        let row = stdout
            .lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("{file} in {stdout}"));
        assert!(row.contains(&format!("  {target}  ")), "{row}");
        assert_eq!(row.matches(" KB").count(), 3, "{row}");
    }
}

/// `o` exited 1 with each of `needles` on stderr.
fn assert_fails_with(o: &Output, needles: &[&str]) {
    let stderr = text(&o.stderr);
    assert_eq!(code(o), 1, "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} in {stderr}");
    }
}

#[test]
fn wasm_bindgen_cli_of_another_version_is_refused_with_the_install_command() {
    let dir = temp("build-bindgen");
    rust_project(&dir);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join("wasm-bindgen");
    std::fs::write(&fake, "#!/bin/sh\necho 'wasm-bindgen 0.2.1'\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();

    let o = kkgen_in(
        &dir,
        &[
            "build",
            "rust",
            "--manifest-path",
            "rust/Cargo.toml",
            "--target",
            "web",
        ],
        Some(&bin),
    );
    let locked = locked_wasm_bindgen();
    assert_fails_with(
        &o,
        &[
            &format!(
                "wasm-bindgen-cli 0.2.1 cannot process a crate built with wasm-bindgen {locked}"
            ),
            &format!("cargo install wasm-bindgen-cli --version {locked}"),
        ],
    );
    assert!(!dir.join("dist").exists(), "nothing built");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_manifest_package_or_go_package_is_named() {
    let dir = temp("build-missing");
    rust_project(&dir);
    let o = kkgen_in(&dir, &["build", "rust"], None);
    assert_fails_with(&o, &["no Cargo.toml (pass --manifest-path PATH"]);
    let manifest = ["--manifest-path", "rust/Cargo.toml"];
    let o = kkgen_in(
        &dir,
        &[&["build", "rust", "-p", "nope"], &manifest[..]].concat(),
        None,
    );
    assert_fails_with(
        &o,
        &[
            "no package nope in the workspace",
            "its packages: tiny-service",
        ],
    );
    let go = go_module(&dir, "example.com/tiny", false);
    let o = kkgen_in(
        &dir,
        &["build", "go", "--dir", "go", "--reactor", "./cmd/nope"],
        None,
    );
    assert_fails_with(&o, &["no reactor package ./cmd/nope in go"]);
    std::fs::remove_file(go.join("go.mod")).unwrap();
    let o = kkgen_in(&dir, &["build", "go", "--dir", "go"], None);
    assert_fails_with(&o, &["no Go module in go"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A Go module in `dir/go`: a reactor with one export (importing package `os` through its
/// `logic` package when `reactor_uses_os`) and a stdio command.
fn go_module(dir: &Path, module: &str, reactor_uses_os: bool) -> PathBuf {
    let go = dir.join("go");
    for sub in ["cmd/reactor", "cmd/stdio", "logic"] {
        std::fs::create_dir_all(go.join(sub)).unwrap();
    }
    std::fs::write(go.join("go.mod"), format!("module {module}\n\ngo 1.24\n")).unwrap();
    let logic = if reactor_uses_os {
        "package logic\n\nimport \"os\"\n\n// Add adds.\nfunc Add(a, b int32) int32 { return a + b + int32(len(os.Args)) }\n"
    } else {
        "package logic\n\n// Add adds.\nfunc Add(a, b int32) int32 { return a + b }\n"
    };
    std::fs::write(go.join("logic/logic.go"), logic).unwrap();
    std::fs::write(
        go.join("cmd/reactor/main.go"),
        format!(
            "package main\n\nimport \"{module}/logic\"\n\n//go:wasmexport add\nfunc add(a, b int32) int32 {{ return logic.Add(a, b) }}\n\nfunc main() {{}}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        go.join("cmd/stdio/main.go"),
        "package main\n\nimport \"os\"\n\nfunc main() { _, _ = os.Stdout.WriteString(\"ok\\n\") }\n",
    )
    .unwrap();
    go
}

#[test]
fn go_module_reactor_and_stdio_command_build_with_sizes() {
    let dir = temp("build-go");
    go_module(&dir, "example.com/tiny", false);
    let o = kkgen_in(&dir, &["build", "go", "--dir", "go"], None);
    let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(code(&o), 0, "{stderr}");
    assert!(stderr.contains("-buildmode=c-shared"), "{stderr}");
    let reactor = std::fs::read(dir.join("dist/wasm/tiny-go.wasm")).unwrap();
    let names = exports(&reactor);
    assert!(names.iter().any(|n| n == "add"), "{names:?}");
    assert!(names.iter().any(|n| n == "_initialize"), "{names:?}");
    let command = std::fs::read(dir.join("dist/wasm/tiny-go-stdio.wasm")).unwrap();
    assert!(exports(&command).iter().any(|n| n == "_start"));
    let mut expected = vec![
        ("dist/wasm/tiny-go.wasm", "go reactor"),
        ("dist/wasm/tiny-go-stdio.wasm", "go stdio"),
    ];
    if stderr.contains("tinygo not on PATH") {
        assert!(!dir.join("dist/wasm/tiny-tinygo.wasm").exists());
    } else {
        expected.push(("dist/wasm/tiny-tinygo.wasm", "tinygo reactor"));
        expected.push(("dist/wasm/tiny-tinygo-stdio.wasm", "tinygo stdio"));
    }
    assert_table(&stdout, &expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_go_reactor_that_depends_on_os_is_refused_with_the_import_chain() {
    let dir = temp("build-go-os");
    let go = go_module(&dir, "example.com/bad", true);
    std::fs::remove_dir_all(go.join("cmd/stdio")).unwrap();
    let o = kkgen_in(&dir, &["build", "go", "--dir", "go", "--out", "out"], None);
    assert_fails_with(
        &o,
        &[
            "note: no stdio command package ./cmd/stdio in go: skipped",
            "the reactor ./cmd/reactor depends on package `os` (example.com/bad/cmd/reactor -> example.com/bad/logic -> os)",
            "ENOSYS",
        ],
    );
    assert!(!dir.join("out").exists(), "nothing built");
    let _ = std::fs::remove_dir_all(&dir);
}

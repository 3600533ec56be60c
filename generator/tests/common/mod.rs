//! Helpers the CLI tests share: running the built `kkgen` from the repository root, its exit
//! code and output, temporary folders and walking a folder.
#![allow(dead_code)] // each test crate uses some of them

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the built `kkgen` with `args` in the repository root, colours off.
pub fn kkgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kkgen"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run kkgen")
}

/// The exit code of a finished `kkgen`.
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A new empty folder `kkgen-<name>-<pid>` in the system's temporary folder.
pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kkgen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file below `dir` (recursively), sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut found = vec![];
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                pending.push(p);
            } else {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

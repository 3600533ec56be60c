//! Running the tools of a build: each command is echoed to stderr (`$ …`) before it runs, its
//! output goes to the terminal or is captured, and a failure becomes a [`BuildError`].

use super::BuildError;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The command as a shell line (environment set on it first), for the echo and errors.
pub fn line(command: &Command) -> String {
    let mut parts: Vec<String> = command
        .get_envs()
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_string_lossy(), v?.to_string_lossy())))
        .collect();
    parts.push(command.get_program().to_string_lossy().into_owned());
    parts.extend(command.get_args().map(|a| quote(&a.to_string_lossy())));
    parts.join(" ")
}

fn quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// Runs `command` with inherited stdout/stderr; a non-zero exit is an error.
pub fn run(command: &mut Command) -> Result<(), BuildError> {
    let shown = line(command);
    eprintln!("$ {shown}");
    let status = command
        .stdin(Stdio::null())
        .status()
        .map_err(|e| start_error(command, e))?;
    if status.success() {
        Ok(())
    } else {
        Err(BuildError::Failed {
            command: shown,
            status: status.to_string(),
        })
    }
}

/// Runs `command` and returns its stdout (stderr inherited); echoed like [`run`] when `echo`.
pub fn output(command: &mut Command, echo: bool) -> Result<String, BuildError> {
    let shown = line(command);
    if echo {
        eprintln!("$ {shown}");
    }
    let out = command
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| start_error(command, e))?;
    if !out.status.success() {
        return Err(BuildError::Failed {
            command: shown,
            status: out.status.to_string(),
        });
    }
    String::from_utf8(out.stdout)
        .map_err(|_| BuildError::Project(format!("`{shown}` printed invalid UTF-8")))
}

fn start_error(command: &Command, e: std::io::Error) -> BuildError {
    let program = command.get_program().to_string_lossy().into_owned();
    if e.kind() == std::io::ErrorKind::NotFound {
        BuildError::ToolMissing {
            install: install_hint(&program),
            tool: program,
        }
    } else {
        BuildError::Io {
            what: format!("cannot start {program}"),
            source: e,
        }
    }
}

/// How to get a tool the build runs.
fn install_hint(program: &str) -> String {
    match program {
        "cargo" => "install Rust with rustup (https://rustup.rs)".into(),
        "wasm-bindgen" => {
            "cargo install wasm-bindgen-cli --version <the crate's wasm-bindgen version>".into()
        }
        "go" => "install Go 1.24 or later (https://go.dev/dl)".into(),
        _ => format!("install {program}"),
    }
}

/// `name` found on PATH, if it is there.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// `path` made absolute against the current directory (an output directory a tool run in
/// another directory writes to).
pub fn absolute(path: &Path) -> Result<PathBuf, BuildError> {
    std::path::absolute(path).map_err(BuildError::io(format!("{}", path.display())))
}

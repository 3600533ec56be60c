//! What can stop a `kkgen build`: each failure names what to do about it.

use std::fmt;

/// A build failure, with the fix where there is one.
#[derive(Debug)]
pub enum BuildError {
    /// A file or directory could not be read, written or created.
    Io {
        /// What was being done (`cannot write dist/wasm/x.wasm`).
        what: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A tool the build needs is not installed.
    ToolMissing {
        /// The program.
        tool: String,
        /// How to install it.
        install: String,
    },
    /// A command exited with an error (its own output was shown).
    Failed {
        /// The command line.
        command: String,
        /// How it ended (`exit status: 101`).
        status: String,
    },
    /// wasm-bindgen-cli is not the version of the crate's locked `wasm-bindgen`.
    WasmBindgenVersion {
        /// `wasm-bindgen --version`.
        installed: String,
        /// The crate's `wasm-bindgen` in Cargo.lock.
        locked: String,
    },
    /// The Go reactor package links package `os`.
    ReactorLinksOs {
        /// The reactor package.
        package: String,
        /// The import chain from it to `os`.
        chain: Vec<String>,
    },
    /// The project is not what the build expects (no such package, no cdylib, no go.mod, …).
    Project(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Io { what, source } => write!(f, "{what}: {source}"),
            BuildError::ToolMissing { tool, install } => {
                write!(f, "{tool} not found on PATH: {install}")
            }
            BuildError::Failed { command, status } => write!(f, "`{command}` failed ({status})"),
            BuildError::WasmBindgenVersion { installed, locked } => write!(
                f,
                "wasm-bindgen-cli {installed} cannot process a crate built with wasm-bindgen {locked} \
                 (the versions must match): cargo install wasm-bindgen-cli --version {locked}"
            ),
            BuildError::ReactorLinksOs { package, chain } => write!(
                f,
                "the reactor {package} depends on package `os` ({}): Go's startup would then probe \
                 the preopened directories, which a browser or Workers host answers with ENOSYS. \
                 Keep `os` out of the reactor (use it in the stdio command only)",
                chain.join(" -> ")
            ),
            BuildError::Project(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    /// An [`BuildError::Io`] for `what` (a closure for `map_err`).
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> BuildError {
        let what = what.into();
        move |source| BuildError::Io { what, source }
    }
}

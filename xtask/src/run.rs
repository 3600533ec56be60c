//! Running the commands of a suite, the one helper API every suite uses.
//!
//! - [`cmd`] builds a command ([`cmdline`] from a literal line): `cmd("go").args(["test", "./..."]).dir("runtime-go").env("GOOS", "wasip1")`;
//!   `.tally(Tally::GoJson)` says how the tool reports its test count.
//! - [`Ctx::run`] echoes the command line (`$ cd runtime-go && GOOS=wasip1 go test ./...`), streams its
//!   output, adds the tests the tool reports to the running suite, and fails with the command line and
//!   exit status. [`Ctx::output`] does the same but returns stdout instead of printing it.
//! - [`Ctx::log`] prints a step heading, [`Ctx::check`] fails the suite with a message.
//! - [`Ctx::once`] runs a build at most once per `cargo xtask` run (artifacts several suites share),
//!   also when suites run in parallel lanes ([`Ctx::lane`]): a second asker waits for the first.
//! - [`Ctx::artifact`] records a built file in `target/kk-artifacts.json`, the one file tests read
//!   artifact paths from (see `artifacts.rs`).
//!
//! Every step returns `Result<_, String>`; a suite stops at its first error (like `set -e`).

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

/// The result of a step: the error is a message for the summary.
pub type Step<T = ()> = Result<T, String>;

/// How a command reports how many tests it ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tally {
    /// Not a test runner: counts as one step.
    None,
    /// `cargo test`: `test result: ok. N passed; M failed; ...` per test binary.
    Cargo,
    /// `node --test` (TAP reporter when piped): `# pass N`, `# fail M`.
    Node,
    /// `go test -json`: one `pass`/`fail` event per test; package lines and failing tests' output
    /// are echoed, the rest is not.
    GoJson,
    /// A Go test binary run with `-test.v`: `--- PASS:` / `--- FAIL:` lines (progress lines are not echoed).
    GoVerbose,
}

/// A command to run from the repository root (or a folder below it).
pub struct Cmd {
    program: String,
    args: Vec<OsString>,
    dir: Option<PathBuf>,
    envs: Vec<(String, String)>,
    tally: Tally,
}

/// Starts a command line: `cmd("cargo").args(["test", "--workspace"])`.
pub fn cmd(program: &str) -> Cmd {
    Cmd {
        program: program.into(),
        args: Vec::new(),
        dir: None,
        envs: Vec::new(),
        tally: Tally::None,
    }
}

/// Starts a command from a literal line split at whitespace (no quoting: for arguments without
/// spaces), `cmdline("go test -json ./...")`; add computed arguments with [`Cmd::arg`].
pub fn cmdline(line: &str) -> Cmd {
    let mut words = line.split_whitespace();
    cmd(words.next().expect("a program")).args(words)
}

impl Cmd {
    /// Adds one argument.
    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Adds arguments.
    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Runs in this folder, relative to the repository root.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// Sets an environment variable for the command.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.envs.push((key.into(), value.into()));
        self
    }

    /// `GOOS=wasip1 GOARCH=wasm`.
    pub fn wasip1(self) -> Self {
        self.env("GOOS", "wasip1").env("GOARCH", "wasm")
    }

    /// Says how the command reports its test count.
    pub fn tally(mut self, tally: Tally) -> Self {
        self.tally = tally;
        self
    }

    /// The command as a shell line, for the echo and error messages.
    pub fn line(&self) -> String {
        let mut s = String::new();
        if let Some(dir) = &self.dir {
            s += &format!("cd {} && ", dir.display());
        }
        for (k, v) in &self.envs {
            s += &format!("{k}={} ", quote(v));
        }
        s += &self.program;
        for a in &self.args {
            s.push(' ');
            s += &quote(&a.to_string_lossy());
        }
        s
    }
}

/// The last `n` lines of `text` (all of it when it has fewer).
pub fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        s.into()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Test counts a command reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: usize,
    /// Tests that failed.
    pub failed: usize,
}

/// The state of one `cargo xtask` run as one lane sees it: where the repository is, what the current
/// suite has counted, and (shared by every lane) which shared builds are done and which artifacts exist.
pub struct Ctx {
    /// The repository root.
    pub root: PathBuf,
    tests: usize,
    steps: usize,
    counted: bool,
    shared: Arc<Shared>,
    /// `Some`: this lane's output is kept and printed as one block by [`Ctx::take_output`] (suites
    /// running side by side); `None`: printed as it comes.
    buffer: Option<String>,
}

/// What every lane of one run shares.
struct Shared {
    /// Shared builds by key: the first asker builds, later ones (in any lane) wait and get its result.
    done: Mutex<HashMap<&'static str, Arc<OnceLock<Step>>>>,
    artifacts: Mutex<BTreeMap<String, String>>,
}

impl Ctx {
    /// A context for the repository at `root`; reads the existing `target/kk-artifacts.json`.
    pub fn new(root: PathBuf) -> Self {
        let artifacts = crate::artifacts::read(&root);
        Ctx {
            root,
            tests: 0,
            steps: 0,
            counted: false,
            shared: Arc::new(Shared {
                done: Mutex::new(HashMap::new()),
                artifacts: Mutex::new(artifacts),
            }),
            buffer: None,
        }
    }

    /// Another context of the same run, for a lane running suites beside this one: it shares the
    /// shared builds and artifacts, and keeps its output until [`Ctx::take_output`] when `buffered`.
    pub fn lane(&self, buffered: bool) -> Ctx {
        Ctx {
            root: self.root.clone(),
            tests: 0,
            steps: 0,
            counted: false,
            shared: Arc::clone(&self.shared),
            buffer: buffered.then(String::new),
        }
    }

    /// The output kept since the last call (empty for a context that prints as it goes).
    pub fn take_output(&mut self) -> String {
        self.buffer.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Prints a line (or keeps it, in a buffered lane).
    pub fn say(&mut self, line: &str) {
        match &mut self.buffer {
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
            None => println!("{line}"),
        }
    }

    /// Starts counting for a new suite.
    pub fn begin_suite(&mut self) {
        self.tests = 0;
        self.steps = 0;
        self.counted = false;
    }

    /// What the suite counted: tests when a test runner reported them, else steps; and which of the two.
    pub fn suite_count(&self) -> (usize, &'static str) {
        if self.counted {
            (self.tests, "tests")
        } else {
            (self.steps, "steps")
        }
    }

    /// Adds `n` tests a suite counted itself (suite `corpus` returns its number of checks).
    pub fn add_tests(&mut self, n: usize) {
        self.tests += n;
        self.counted = true;
    }

    /// Prints a step heading.
    pub fn log(&mut self, what: &str) {
        self.say(&format!("\x1b[1;34m---\x1b[0m {what}"));
    }

    /// Fails with `message` unless `ok`.
    pub fn check(&mut self, ok: bool, message: impl FnOnce() -> String) -> Step {
        self.steps += 1;
        if ok {
            Ok(())
        } else {
            Err(message())
        }
    }

    /// A path below the repository root.
    pub fn path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.root.join(rel)
    }

    /// Runs a command, echoing it and its output; counts its tests.
    pub fn run(&mut self, c: Cmd) -> Step {
        self.exec(c, true).map(drop)
    }

    /// Runs a command and returns its stdout (not echoed; stderr still is).
    pub fn output(&mut self, c: Cmd) -> Step<String> {
        self.exec(c, false)
    }

    fn exec(&mut self, c: Cmd, echo: bool) -> Step<String> {
        let line = c.line();
        self.say(&format!("\x1b[2m$ {line}\x1b[0m"));
        let started = Instant::now();
        let mut command = Command::new(&c.program);
        command
            .args(&c.args)
            .current_dir(self.root.join(c.dir.as_deref().unwrap_or(Path::new("."))));
        for (k, v) in &c.envs {
            command.env(k, v);
        }
        // In a buffered lane stderr is kept too (read beside stdout, appended after it).
        let buffered = self.buffer.is_some();
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(if buffered {
                Stdio::piped()
            } else {
                Stdio::inherit()
            })
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start `{line}`: {e}"))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().map(|mut e| {
            std::thread::spawn(move || {
                let mut text = Vec::new();
                let _ = e.read_to_end(&mut text);
                String::from_utf8_lossy(&text).into_owned()
            })
        });
        let mut counter = Counter::new(c.tally);
        let mut captured = String::new();
        for raw in BufReader::new(stdout).split(b'\n') {
            let raw = raw.map_err(|e| format!("reading the output of `{line}`: {e}"))?;
            let text = String::from_utf8_lossy(&raw);
            let shown = counter.line(&text);
            if echo {
                if let Some(shown) = shown {
                    self.say(&shown);
                }
            } else {
                captured.push_str(&text);
                captured.push('\n');
            }
        }
        if let Some(errors) = stderr.and_then(|t| t.join().ok()) {
            if let Some(b) = &mut self.buffer {
                b.push_str(&errors);
            }
        }
        let status = child
            .wait()
            .map_err(|e| format!("waiting for `{line}`: {e}"))?;
        self.steps += 1;
        let took = started.elapsed().as_secs_f64();
        if took >= 5.0 {
            self.say(&format!("\x1b[2m  ({took:.0}s)\x1b[0m"));
        }
        if c.tally != Tally::None {
            self.tests += counter.counts.passed;
            self.counted = true;
        }
        if !status.success() {
            if !captured.is_empty() {
                // What a captured command printed before it failed (the rest of its run is not shown otherwise).
                self.say(&last_lines(&captured, 40));
            }
            let failed = if counter.counts.failed > 0 {
                format!(", {} tests failed", counter.counts.failed)
            } else {
                String::new()
            };
            return Err(format!("`{line}` failed ({status}{failed})"));
        }
        if counter.counts.failed > 0 {
            return Err(format!(
                "`{line}` reported {} failed tests",
                counter.counts.failed
            ));
        }
        Ok(captured)
    }

    /// Runs `build` the first time `key` is asked for in this `cargo xtask` run; later calls return
    /// its first result (so a shared artifact is built once, and a failed build fails each user). An
    /// asker in another lane while the build runs waits for it.
    pub fn once(&mut self, key: &'static str, build: impl FnOnce(&mut Ctx) -> Step) -> Step {
        let cell = Arc::clone(
            self.shared
                .done
                .lock()
                .expect("no lane panics holding the lock")
                .entry(key)
                .or_default(),
        );
        cell.get_or_init(|| build(self)).clone()
    }

    /// Records that artifact `key` is at `rel` (relative to the root) in `target/kk-artifacts.json`.
    pub fn artifact(&mut self, key: &str, rel: impl AsRef<Path>) -> Step {
        let path = self.root.join(rel.as_ref());
        self.check(path.exists(), || {
            format!("artifact {key}: {} was not built", path.display())
        })?;
        let mut artifacts = self
            .shared
            .artifacts
            .lock()
            .expect("no lane panics holding the lock");
        artifacts.insert(key.into(), path.to_string_lossy().into_owned());
        crate::artifacts::write(&self.root, &artifacts)
    }
}

/// Reads a tool's test counts off its output, line by line, and decides what is echoed.
struct Counter {
    tally: Tally,
    counts: Counts,
    /// `go test -json`: the output of each running test, printed if it fails.
    go_output: HashMap<String, String>,
}

impl Counter {
    fn new(tally: Tally) -> Self {
        Counter {
            tally,
            counts: Counts::default(),
            go_output: HashMap::new(),
        }
    }

    /// Counts one output line; returns what to echo of it.
    fn line(&mut self, line: &str) -> Option<String> {
        match self.tally {
            Tally::None => Some(line.into()),
            Tally::Cargo => {
                if let Some(rest) = line.strip_prefix("test result: ") {
                    self.counts.passed += number_before(rest, " passed");
                    self.counts.failed += number_before(rest, " failed");
                }
                Some(line.into())
            }
            Tally::Node => {
                let t = line.trim_start();
                if let Some(n) = t.strip_prefix("# pass ") {
                    self.counts.passed += n.trim().parse().unwrap_or(0);
                } else if let Some(n) = t.strip_prefix("# fail ") {
                    self.counts.failed += n.trim().parse().unwrap_or(0);
                }
                Some(line.into())
            }
            Tally::GoVerbose => {
                let t = line.trim_start();
                if t.starts_with("--- PASS:") {
                    self.counts.passed += 1;
                    None
                } else if t.starts_with("--- FAIL:") {
                    self.counts.failed += 1;
                    Some(line.into())
                } else if t.starts_with("=== RUN")
                    || t.starts_with("=== PAUSE")
                    || t.starts_with("=== CONT")
                {
                    None
                } else {
                    Some(line.into())
                }
            }
            Tally::GoJson => self.go_event(line),
        }
    }

    fn go_event(&mut self, line: &str) -> Option<String> {
        let Ok(event) = serde_json::from_str::<serde_json::Value>(line) else {
            return Some(line.into());
        };
        let field = |name: &str| event.get(name).and_then(|v| v.as_str()).unwrap_or("");
        let (action, test, output) = (field("Action"), field("Test"), field("Output"));
        if test.is_empty() {
            // Package-level lines: `ok  pkg 0.1s`, `FAIL`, build errors.
            return match action {
                "output" | "build-output" => {
                    let o = output.trim_end_matches('\n');
                    (!o.is_empty() && o != "PASS").then(|| o.into())
                }
                _ => None,
            };
        }
        match action {
            "output" => {
                self.go_output
                    .entry(test.into())
                    .or_default()
                    .push_str(output);
                None
            }
            "pass" | "skip" => {
                if action == "pass" {
                    self.counts.passed += 1;
                }
                self.go_output.remove(test);
                None
            }
            "fail" => {
                self.counts.failed += 1;
                self.go_output
                    .remove(test)
                    .map(|o| o.trim_end().to_string())
            }
            _ => None,
        }
    }
}

/// The number just before `word` in `text` (`"ok. 12 passed; 0 failed"`, `" passed"` -> 12).
fn number_before(text: &str, word: &str) -> usize {
    let Some(end) = text.find(word) else { return 0 };
    let head = &text[..end];
    let start = head
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    head[start..].parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(tally: Tally, text: &str) -> (Counts, Vec<String>) {
        let mut c = Counter::new(tally);
        let shown = text.lines().filter_map(|l| c.line(l)).collect();
        (c.counts, shown)
    }

    #[test]
    fn cargo_result_lines() {
        let (c, _) = count(
            Tally::Cargo,
            "running 3 tests\ntest result: ok. 3 passed; 0 failed; 1 ignored; 0 measured\n\
             test result: FAILED. 10 passed; 2 failed; 0 ignored",
        );
        assert_eq!(
            c,
            Counts {
                passed: 13,
                failed: 2
            }
        );
    }

    #[test]
    fn node_tap_summary() {
        let (c, _) = count(
            Tally::Node,
            "ok 1 - a\n# tests 4\n# suites 0\n# pass 3\n# fail 1\n# skipped 0",
        );
        assert_eq!(
            c,
            Counts {
                passed: 3,
                failed: 1
            }
        );
    }

    #[test]
    fn go_json_events() {
        let text = r#"{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:9: wrong\n"}
{"Action":"fail","Package":"p","Test":"TestB"}
{"Action":"output","Package":"p","Output":"FAIL\tp\t0.01s\n"}"#;
        let (c, shown) = count(Tally::GoJson, text);
        assert_eq!(
            c,
            Counts {
                passed: 1,
                failed: 1
            }
        );
        assert_eq!(shown, ["    b_test.go:9: wrong", "FAIL\tp\t0.01s"]);
    }

    #[test]
    fn go_verbose_lines() {
        let (c, shown) = count(
            Tally::GoVerbose,
            "=== RUN   TestA\n--- PASS: TestA (0.00s)\n    --- PASS: TestA/x (0.00s)\nPASS",
        );
        assert_eq!(
            c,
            Counts {
                passed: 2,
                failed: 0
            }
        );
        assert_eq!(shown, ["PASS"]);
    }

    #[test]
    fn command_lines_are_shell_quoted() {
        let c = cmd("go")
            .args(["test", "-run", "^$", "a b"])
            .dir("runtime-go")
            .env("GOOS", "wasip1");
        assert_eq!(
            c.line(),
            "cd runtime-go && GOOS=wasip1 go test -run '^$' 'a b'"
        );
    }
}

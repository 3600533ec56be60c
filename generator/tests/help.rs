//! `kkgen --help` and `kkgen <sub> --help` for every subcommand `kkgen --help` lists: exit 0, a
//! one-line about first, and a description for every argument and option — so a subcommand or a
//! flag added without a doc comment fails here.

use std::process::Command;

fn help(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_kkgen"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run kkgen");
    assert_eq!(o.status.code(), Some(0), "kkgen {args:?}");
    String::from_utf8(o.stdout).expect("UTF-8 help")
}

/// The subcommands of `kkgen --help` (its `Commands:` section, without `help`).
fn subcommands(top: &str) -> Vec<String> {
    section(top, "Commands:")
        .iter()
        .map(|(entry, about)| {
            assert!(!about.is_empty(), "subcommand {entry:?} has no about");
            entry.clone()
        })
        .filter(|name| name != "help")
        .collect()
}

/// The entries of a help section (`Arguments:`, `Options:`, `Commands:`): each one's name and its
/// description, on the same line after a gap or on the more indented lines below it (the long
/// form `--help` prints when an about has several paragraphs puts blank lines between entries).
fn section(text: &str, title: &str) -> Vec<(String, String)> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| l.trim().is_empty() || indent(l) > 0)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let Some(level) = lines.iter().map(|l| indent(l)).min() else {
        return vec![];
    };
    let mut entries: Vec<(String, String)> = vec![];
    for line in lines {
        let entry = line.trim_start();
        // Entries are indented 2 (`-p, --package`) or 6 (`--out`), their descriptions 10.
        if indent(line) <= level + 4 {
            let (name, about) = match entry.split_once("  ") {
                Some((name, about)) => (name.to_string(), about.trim().to_string()),
                None => (entry.to_string(), String::new()),
            };
            entries.push((name, about));
        } else if let Some((_, about)) = entries.last_mut() {
            about.push(' ');
            about.push_str(entry);
            *about = about.trim().to_string();
        }
    }
    entries
}

#[test]
fn every_subcommand_has_documented_help() {
    let top = help(&["--help"]);
    let subs = subcommands(&top);
    for expected in ["check", "fmt", "ir", "gen", "build"] {
        assert!(subs.iter().any(|s| s == expected), "{expected} in {subs:?}");
    }
    for sub in &subs {
        check_documented(&[sub.as_str()]);
    }
}

/// `kkgen <path> --help` starts with an about and describes every argument and option; a command
/// with subcommands of its own (`build rust`, `build go`) has each of them checked instead.
fn check_documented(path: &[&str]) {
    let shown = path.join(" ");
    let text = help(&[path, &["--help"]].concat());
    let about = text.lines().next().unwrap_or_default();
    assert!(
        !about.is_empty() && !about.starts_with("Usage:"),
        "kkgen {shown} --help starts with a one-line about:\n{text}"
    );
    assert!(text.contains(&format!("Usage: kkgen {shown}")), "{text}");
    let nested = subcommands(&text);
    if !nested.is_empty() {
        for sub in &nested {
            check_documented(&[path, &[sub.as_str()]].concat());
        }
        return;
    }
    let entries: Vec<_> = ["Arguments:", "Options:"]
        .iter()
        .flat_map(|title| section(&text, title))
        .collect();
    assert!(
        entries.len() > 1,
        "kkgen {shown} --help lists its arguments:\n{text}"
    );
    for (name, description) in entries {
        assert!(
            !description.is_empty(),
            "kkgen {shown} --help: {name} has no description"
        );
    }
}

#[test]
fn build_help_names_every_flag_of_rust_and_go() {
    let rust = help(&["build", "rust", "--help"]);
    for flag in [
        "--manifest-path",
        "--package",
        "--out",
        "--target",
        "--no-opt",
    ] {
        assert!(rust.contains(flag), "{flag} in {rust}");
    }
    let go = help(&["build", "go", "--help"]);
    for flag in ["--dir", "--reactor", "--stdio", "--out", "--name"] {
        assert!(go.contains(flag), "{flag} in {go}");
    }
}

#[test]
fn gen_help_shows_check_and_version_is_the_crate_version() {
    let gen = help(&["gen", "--help"]);
    assert!(gen.contains("--check"), "{gen}");
    assert!(gen.contains("kkgen gen --lang all --out sdk api.kkidl --check"));
    let version = help(&["--version"]);
    assert_eq!(
        version.trim(),
        format!("kkgen {}", env!("CARGO_PKG_VERSION"))
    );
}

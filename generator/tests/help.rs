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
/// description, on the same line after a gap or on the more indented lines below it.
fn section(text: &str, title: &str) -> Vec<(String, String)> {
    let mut lines = text
        .lines()
        .skip_while(|l| *l != title)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .peekable();
    let mut entries = vec![];
    while let Some(line) = lines.next() {
        let entry = line.trim_start();
        let (name, mut about) = match entry.split_once("  ") {
            Some((name, about)) => (name.to_string(), about.trim().to_string()),
            None => (entry.to_string(), String::new()),
        };
        while let Some(next) = lines.peek() {
            if next.len() - next.trim_start().len() <= line.len() - entry.len() {
                break;
            }
            about.push(' ');
            about.push_str(next.trim());
            lines.next();
        }
        entries.push((name, about.trim().to_string()));
    }
    entries
}

#[test]
fn every_subcommand_has_documented_help() {
    let top = help(&["--help"]);
    let subs = subcommands(&top);
    for expected in ["check", "fmt", "ir", "gen"] {
        assert!(subs.iter().any(|s| s == expected), "{expected} in {subs:?}");
    }
    for sub in &subs {
        let text = help(&[sub, "--help"]);
        let about = text.lines().next().unwrap_or_default();
        assert!(
            !about.is_empty() && !about.starts_with("Usage:"),
            "kkgen {sub} --help starts with a one-line about:\n{text}"
        );
        assert!(text.contains(&format!("Usage: kkgen {sub}")), "{text}");
        let entries: Vec<_> = ["Arguments:", "Options:"]
            .iter()
            .flat_map(|title| section(&text, title))
            .collect();
        assert!(
            entries.len() > 1,
            "kkgen {sub} --help lists its arguments:\n{text}"
        );
        for (name, description) in entries {
            assert!(
                !description.is_empty(),
                "kkgen {sub} --help: {name} has no description"
            );
        }
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

//! `kkgen breaking` on the evolution cases (`tests/evolution/<case>/{old,new}.kkidl`):
//! one insta snapshot of the text report per case, and one of the code the
//! Rust, Go and TypeScript backends generate for each version of each case
//! (compiled and run elsewhere: the `evolution` suite serves both versions
//! and calls across them). Also: the rule list in `docs/evolution.md` against
//! the implementation, the exit codes, `--category`, the JSON format and
//! loading the old version from a git revision, all through the built binary.

use kkgen::breaking::{Category, Rule};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every case folder name under `tests/evolution/` that holds an `old.kkidl`, sorted.
fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/evolution"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("old.kkidl").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A rule id in kebab case: `OP_REMOVED` is `op-removed`.
fn kebab(rule: Rule) -> String {
    rule.id().to_lowercase().replace('_', "-")
}

/// The rule a breaking case shows: the longest rule whose kebab-case id is
/// the case name or its prefix up to a `-` (`type-changed-field` shows
/// `TYPE_CHANGED`); `None` for `safe-*` cases.
fn rule_of(case: &str) -> Option<Rule> {
    if case.starts_with("safe-") {
        return None;
    }
    let rule = Rule::ALL
        .iter()
        .copied()
        .filter(|r| {
            let k = kebab(*r);
            case == k || case.starts_with(&format!("{k}-"))
        })
        .max_by_key(|r| r.id().len());
    Some(rule.unwrap_or_else(|| panic!("case {case} names no rule and is not safe-*")))
}

/// Runs the built `kkgen` in `dir`.
fn kkgen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kkgen"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run kkgen")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_case_report_is_pinned_and_shows_its_rule() {
    let cases = cases();
    assert!(cases.len() >= Rule::ALL.len(), "{cases:?}");
    for case in &cases {
        let dir = format!("tests/evolution/{case}");
        for v in ["old", "new"] {
            kkgen::compile(&[root().join(format!("{dir}/{v}.kkidl"))], &[] as &[&Path])
                .unwrap_or_else(|e| panic!("{case}/{v}.kkidl does not pass kkgen check: {e}"));
        }
        let o = kkgen(
            &root(),
            &[
                "breaking",
                "--against",
                &format!("{dir}/old.kkidl"),
                &format!("{dir}/new.kkidl"),
            ],
        );
        let report = text(&o.stdout);
        match rule_of(case) {
            None => assert_eq!(code(&o), 0, "{case}: {report}{}", text(&o.stderr)),
            Some(rule) => {
                assert_eq!(code(&o), 3, "{case}: {report}{}", text(&o.stderr));
                let shown = format!(" {} {}: ", rule.category().name(), rule.id());
                assert!(
                    report.contains(&shown),
                    "{case} does not show {rule}:\n{report}"
                );
            }
        }
        insta::with_settings!({snapshot_path => "snapshots/evolution", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(format!("{case}__report"), report);
        });
    }
}

#[test]
fn every_rule_has_a_case() {
    let cases = cases();
    for rule in Rule::ALL {
        assert!(
            cases.iter().any(|c| rule_of(c) == Some(*rule)),
            "no tests/evolution/{}/ case for {rule}",
            kebab(*rule)
        );
    }
}

#[test]
fn every_case_generated_code_is_pinned() {
    // The Rust, Go and TypeScript code of both versions; the `evolution`
    // suite compiles it (and runs old against new), this test only pins it.
    let languages = ["rust", "go", "ts"];
    for case in cases() {
        for v in ["old", "new"] {
            let path = root().join(format!("tests/evolution/{case}/{v}.kkidl"));
            let ir = kkgen::compile(&[&path], &[] as &[&Path])
                .unwrap_or_else(|e| panic!("{case}/{v}: {e}"))
                .ir;
            let options = kkgen::GenOptions {
                source: format!("{v}.kkidl"),
                ..Default::default()
            };
            let mut all = String::new();
            for backend in kkgen::backends() {
                if !languages.contains(&backend.name()) {
                    continue;
                }
                let mut files = backend
                    .generate(&ir, &options)
                    .unwrap_or_else(|e| panic!("{case}/{v}: {}: {e}", backend.name()));
                files.sort_by(|a, b| a.path.cmp(&b.path));
                for f in files {
                    let shown = Path::new(backend.name()).join(&f.path);
                    all.push_str(&format!("// ---- {}\n{}\n", shown.display(), f.contents));
                }
            }
            insta::with_settings!({snapshot_path => "snapshots/evolution", prepend_module_to_snapshot => false}, {
                insta::assert_snapshot!(format!("{case}__{v}"), all);
            });
        }
    }
}

/// The rules `docs/evolution.md` lists: every `### \`RULE\` (CATEGORY)` heading.
fn documented_rules() -> Vec<(String, String)> {
    let doc = std::fs::read_to_string(root().join("docs/evolution.md")).unwrap();
    doc.lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .map(|l| {
            let (id, rest) = l.split_once('`').expect("### `RULE` (CATEGORY)");
            let category = rest
                .trim()
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .unwrap_or_else(|| panic!("heading of {id}: `### `{id}` (WIRE|SOURCE)`"));
            (id.to_string(), category.to_string())
        })
        .collect()
}

#[test]
fn the_doc_lists_exactly_the_implemented_rules() {
    let documented = documented_rules();
    let implemented: Vec<(String, String)> = Rule::ALL
        .iter()
        .map(|r| (r.id().to_string(), r.category().name().to_string()))
        .collect();
    for r in &implemented {
        assert!(documented.contains(r), "docs/evolution.md lacks {r:?}");
    }
    for d in &documented {
        assert!(
            implemented.contains(d),
            "docs/evolution.md lists {d:?}, which is not a rule"
        );
    }
    let doc = std::fs::read_to_string(root().join("docs/evolution.md")).unwrap();
    for r in Rule::ALL {
        let section = format!(
            "### `{}` ({})\n\n{}\n",
            r.id(),
            r.category().name(),
            r.sentence()
        );
        assert!(
            doc.contains(&section),
            "docs/evolution.md: {r} is not followed by its sentence"
        );
    }
    assert_eq!(
        documented.len(),
        implemented.len(),
        "a rule is documented twice"
    );
}

#[test]
fn exit_codes_and_categories() {
    let r = root();
    let case = |c: &str, v: &str| format!("tests/evolution/{c}/{v}.kkidl");
    let run = |c: &str, extra: &[&str]| {
        let (old, new) = (case(c, "old"), case(c, "new"));
        let mut args = vec!["breaking", "--against", old.as_str()];
        args.extend_from_slice(extra);
        args.push(new.as_str());
        code(&kkgen(&r, &args))
    };
    assert_eq!(run("safe-op-added", &[]), 0);
    assert_eq!(run("op-removed", &[]), 3);
    // A SOURCE-only case passes when only WIRE is asked for ...
    assert_eq!(run("field-renamed", &["--category", "wire"]), 0);
    assert_eq!(run("field-renamed", &["--category", "source"]), 3);
    // ... and a WIRE change breaks the source too.
    assert_eq!(run("op-removed", &["--category", "source"]), 3);
    assert_eq!(
        run(
            "op-removed",
            &["--category", "wire", "--category", "source"]
        ),
        3
    );
    // Usage and I/O errors: 2.
    assert_eq!(run("op-removed", &["--category", "json"]), 2);
    assert_eq!(run("op-removed", &["--format", "yaml"]), 2);
    let o = kkgen(
        &r,
        &[
            "breaking",
            "--against",
            "no/such.kkidl",
            &case("op-removed", "new"),
        ],
    );
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("no/such.kkidl"),
        "{}",
        text(&o.stderr)
    );
    let o = kkgen(
        &r,
        &[
            "breaking",
            "--against",
            ".git#a,b,c",
            &case("op-removed", "new"),
        ],
    );
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    // A version that does not check: 1, with the diagnostics.
    let dir = temp_dir("bad");
    std::fs::write(
        dir.join("bad.kkidl"),
        "package evo.v1;\n\nstruct A {\n    x: Missing,\n}\n",
    )
    .unwrap();
    let bad = dir.join("bad.kkidl").display().to_string();
    let o = kkgen(
        &r,
        &["breaking", "--against", &bad, &case("op-removed", "new")],
    );
    assert_eq!(code(&o), 1, "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("Missing"), "{}", text(&o.stderr));
    let o = kkgen(
        &r,
        &["breaking", "--against", &case("op-removed", "old"), &bad],
    );
    assert_eq!(code(&o), 1, "{}", text(&o.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_report_is_stable() {
    let o = kkgen(
        &root(),
        &[
            "breaking",
            "--format",
            "json",
            "--against",
            "tests/evolution/package-renamed/old.kkidl",
            "tests/evolution/package-renamed/new.kkidl",
        ],
    );
    assert_eq!(code(&o), 3, "{}", text(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = doc["breaking"].as_array().unwrap();
    assert_eq!(list.len(), 3, "{doc:#}");
    for c in list {
        let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = vec!["category", "message", "new", "old", "rule"];
        expected.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, expected);
        let rule = Rule::ALL
            .iter()
            .find(|r| r.id() == c["rule"])
            .unwrap_or_else(|| panic!("unknown rule {c}"));
        assert_eq!(c["category"], rule.category().name());
    }
    let op = list.iter().find(|c| c["rule"] == "OP_ID_CHANGED").unwrap();
    assert_eq!(
        op["old"],
        serde_json::json!({"file": "tests/evolution/package-renamed/old.kkidl", "line": 10, "col": 8})
    );
    assert_eq!(op["new"]["line"], 10);
    let wire = list
        .iter()
        .filter(|c| c["category"] == Category::Wire.name())
        .count();
    assert_eq!(wire, 2);
    // Removed things have no new location.
    let o = kkgen(
        &root(),
        &[
            "breaking",
            "--format=json",
            "--against",
            "tests/evolution/op-removed/old.kkidl",
            "tests/evolution/op-removed/new.kkidl",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["breaking"][0]["new"], serde_json::Value::Null);
    assert_eq!(doc["breaking"][0]["old"]["line"], 4);
}

/// A fresh empty directory under the system temp dir.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kkgen-breaking-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `git args` in `dir`; panics when it fails.
fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=kkgen",
            "-c",
            "user.email=kkgen@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("run git");
    assert!(o.status.success(), "git {args:?}: {}", text(&o.stderr));
}

#[test]
fn old_version_from_a_git_revision() {
    let repo = temp_dir("git");
    let schemas = repo.join("schemas");
    std::fs::create_dir_all(&schemas).unwrap();
    git(&repo, &["init", "-q"]);
    let common = "package evo.v1;\n\nerror Oops {\n    reason: string,\n}\n";
    let api = |ops: &str| {
        format!("package evo.v1;\n\nimport \"common.kkidl\";\n\nservice Evo {{\n{ops}}}\n")
    };
    let both = "    op echo(x: string) -> string;\n    op fail(e: Oops) throws Oops;\n";
    std::fs::write(schemas.join("common.kkidl"), common).unwrap();
    std::fs::write(schemas.join("api.kkidl"), api(both)).unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "v1"]);
    std::fs::write(
        schemas.join("api.kkidl"),
        api("    op fail(e: Oops) throws Oops;\n"),
    )
    .unwrap();

    // The same path at HEAD (the default), with its import read at HEAD too.
    for against in [
        None,
        Some(".git#HEAD"),
        Some("git:HEAD"),
        Some(".git#ref=HEAD"),
    ] {
        let mut args = vec!["breaking"];
        if let Some(a) = against {
            args.extend(["--against", a]);
        }
        args.push("schemas/api.kkidl");
        let o = kkgen(&repo, &args);
        assert_eq!(
            code(&o),
            3,
            "{against:?}: {}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        assert!(
            text(&o.stdout).starts_with("schemas/api.kkidl:6:8: WIRE OP_REMOVED: op \"Evo.echo\""),
            "{}",
            text(&o.stdout)
        );
    }
    // A directory, listed at the revision; from a subdirectory of the repository.
    let o = kkgen(&repo, &["breaking", "--against", ".git#HEAD", "schemas"]);
    assert_eq!(code(&o), 3, "{}", text(&o.stderr));
    let o = kkgen(
        &schemas,
        &["breaking", "--against", ".git#HEAD", "api.kkidl"],
    );
    assert_eq!(code(&o), 3, "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("OP_REMOVED"),
        "{}",
        text(&o.stdout)
    );
    // subdir=: the paths are taken from that folder of the revision.
    std::fs::copy(schemas.join("api.kkidl"), repo.join("api.kkidl")).unwrap();
    std::fs::copy(schemas.join("common.kkidl"), repo.join("common.kkidl")).unwrap();
    let o = kkgen(
        &repo,
        &[
            "breaking",
            "--against",
            ".git#HEAD,subdir=schemas",
            "api.kkidl",
        ],
    );
    assert_eq!(code(&o), 3, "{}", text(&o.stderr));
    // Unchanged against the working tree's own commit once committed.
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "v2"]);
    let o = kkgen(&repo, &["breaking", "schemas/api.kkidl"]);
    assert_eq!(code(&o), 0, "{}{}", text(&o.stdout), text(&o.stderr));
    let o = kkgen(
        &repo,
        &["breaking", "--against", ".git#HEAD~1", "schemas/api.kkidl"],
    );
    assert_eq!(code(&o), 3, "{}", text(&o.stderr));
    // A revision that does not exist, a path that did not exist: usage and I/O errors.
    let o = kkgen(
        &repo,
        &["breaking", "--against", ".git#nope", "schemas/api.kkidl"],
    );
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("nope"), "{}", text(&o.stderr));
    let o = kkgen(
        &repo,
        &["breaking", "--against", ".git#HEAD~1", "api.kkidl"],
    );
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    let _ = std::fs::remove_dir_all(&repo);
}

#[test]
fn the_doc_examples_are_the_cases() {
    // Each example reads `Old (`tests/evolution/CASE/old.kkidl`):`, the old
    // schema, `New:`, the new one: both exactly the case's files.
    let doc = std::fs::read_to_string(root().join("docs/evolution.md")).unwrap();
    let mut shown = 0;
    for part in doc.split("Old (`tests/evolution/").skip(1) {
        let case = part.split('/').next().unwrap();
        let blocks: Vec<&str> = part
            .split("```kkidl\n")
            .skip(1)
            .take(2)
            .map(|b| b.split("```").next().unwrap())
            .collect();
        for (block, v) in blocks.iter().zip(["old", "new"]) {
            let file =
                std::fs::read_to_string(root().join(format!("tests/evolution/{case}/{v}.kkidl")))
                    .unwrap_or_else(|e| panic!("docs/evolution.md shows {case}: {e}"));
            assert_eq!(*block, file, "docs/evolution.md: the {v} example of {case}");
        }
        shown += 1;
    }
    assert!(shown >= Rule::ALL.len(), "{shown} examples");
}

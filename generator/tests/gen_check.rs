//! `kkgen gen --check` end to end: exit 0 when the output folder is what `gen` writes; exit 1 with
//! a unified diff on stdout for a changed, a missing and an extra file; files without a kkgen
//! header, files of another backend sharing the folder and files generated from another schema
//! are left alone; 2 on I/O errors.

mod common;

use common::{code, files_below, kkgen, temp, text};
use std::path::{Path, PathBuf};
use std::process::Output;

const SCHEMA: &str = "examples/rules/rules.kkidl";

/// `kkgen gen --lang LANG --out DIR SCHEMA [--check]`.
fn gen(lang: &str, dir: &Path, check: bool) -> Output {
    let out = dir.to_str().unwrap();
    let mut args = vec!["gen", "--lang", lang, "--out", out, SCHEMA];
    if check {
        args.push("--check");
    }
    kkgen(&args)
}

#[test]
fn identical_changed_missing_and_extra() {
    let dir = temp("check-go");
    let o = gen("go", &dir, false);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let user_file = dir.join("logic.go");
    std::fs::write(
        &user_file,
        "package rulesv1\n\n// Hand-written, no header.\n",
    )
    .unwrap();

    let same = gen("go", &dir, true);
    assert_eq!(code(&same), 0, "identical: {}", text(&same.stdout));
    assert!(same.stdout.is_empty(), "{}", text(&same.stdout));

    let types = dir.join("types.go");
    let generated = std::fs::read_to_string(&types).unwrap();
    let edited = generated.replacen("package rulesv1", "package rulesv1 // edited", 1);
    std::fs::write(&types, &edited).unwrap();
    std::fs::remove_file(dir.join("client.go")).unwrap();
    let stale = dir.join("old/stale.go");
    std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
    let header = generated.lines().take(2).collect::<Vec<_>>().join("\n");
    std::fs::write(&stale, format!("{header}\n\npackage rulesv1\n")).unwrap();

    let before = snapshot(&dir);
    let o = gen("go", &dir, true);
    assert_eq!(code(&o), 1, "{}", text(&o.stderr));
    assert_eq!(snapshot(&dir), before, "--check writes nothing");
    let diff = text(&o.stdout);
    let shown = |name: &str| dir.join(name).display().to_string();
    for expected in [
        format!(
            "--- a/{}\n+++ b/{}\n@@ ",
            shown("types.go"),
            shown("types.go")
        ),
        "-package rulesv1 // edited\n+package rulesv1\n".to_string(),
        format!("--- /dev/null\n+++ b/{}\n@@ -0,0 +1,", shown("client.go")),
        format!(
            "--- a/{}\n+++ /dev/null\n@@ -1,4 +0,0 @@\n",
            shown("old/stale.go")
        ),
    ] {
        assert!(diff.contains(&expected), "{expected:?} in:\n{diff}");
    }
    assert!(
        !diff.contains("logic.go"),
        "a file without a header is not extra"
    );
    let err = text(&o.stderr);
    assert!(err.contains("3 file(s) differ"), "{err}");

    // `gen` makes the folder what `--check` expects: the stale file goes, the user's file stays.
    let o = gen("go", &dir, false);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("removed"), "{}", text(&o.stderr));
    assert!(!stale.exists() && user_file.exists());
    assert_eq!(code(&gen("go", &dir, true)), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn backends_sharing_a_folder_keep_to_their_own_files() {
    let dir = temp("check-ts");
    for lang in ["ts", "zod", "hono"] {
        let o = gen(lang, &dir, false);
        assert_eq!(code(&o), 0, "{lang}: {}", text(&o.stderr));
    }
    for lang in ["ts", "zod", "hono"] {
        let o = gen(lang, &dir, true);
        assert_eq!(code(&o), 0, "{lang}: {}", text(&o.stdout));
    }
    assert!(dir.join("zod.ts").exists(), "gen --lang hono kept zod.ts");
    assert!(
        dir.join("types.ts").exists(),
        "gen --lang hono kept types.ts"
    );
    // The JSON header counts too: an openapi.json that hono no longer writes is extra.
    std::fs::rename(dir.join("openapi.json"), dir.join("old-openapi.json")).unwrap();
    let o = gen("hono", &dir, true);
    assert_eq!(code(&o), 1);
    let diff = text(&o.stdout);
    assert!(diff.contains("old-openapi.json\n+++ /dev/null"), "{diff}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_schemas_rust_files_share_a_folder() {
    let dir = temp("check-rust");
    let out = dir.to_str().unwrap();
    let geometry = "examples/geometry/geometry.kkidl";
    let rust = |schema: &str, check: bool| {
        let mut args = vec!["gen", "--lang", "rust", "--out", out, schema];
        if check {
            args.push("--check");
        }
        kkgen(&args)
    };
    assert_eq!(code(&rust(SCHEMA, false)), 0);
    assert_eq!(code(&rust(geometry, false)), 0);
    assert!(dir.join("rules_v1.rs").exists() && dir.join("geo_v1.rs").exists());
    assert_eq!(
        code(&rust(SCHEMA, true)),
        0,
        "geo_v1.rs is not extra to rules.kkidl"
    );
    assert_eq!(code(&rust(geometry, true)), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lang_all_checks_every_folder() {
    let dir = temp("check-all");
    assert_eq!(code(&gen("all", &dir, true)), 1, "nothing written yet");
    assert_eq!(code(&gen("all", &dir, false)), 0);
    assert_eq!(code(&gen("all", &dir, true)), 0);
    std::fs::write(dir.join("rust/rules_v1.rs"), "// emptied\n").unwrap();
    let o = gen("all", &dir, true);
    assert_eq!(code(&o), 1);
    assert!(text(&o.stdout).contains("+// @generated by kkgen "));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unreadable_output_is_an_io_error() {
    let dir = temp("check-io");
    let file = dir.join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let o = gen("go", &file, true);
    assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every file below `dir` with its contents, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_below(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

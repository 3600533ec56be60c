//! The bad-schema corpus (tests/schemas/bad): every file holds one mistake,
//! named by its `// expect: CODE` first line. Each must fail with that code
//! and only that code, and its rendered diagnostics (file:line:col, source
//! line, caret, hint) are pinned by an insta snapshot.
//!
//! `E0604` (a name a backend generates) is found from the backends' own
//! lists of emitted names, so those files are compiled through kkgen, in
//! `generator/tests/emitted_names.rs`; here they must pass kkidl alone.

use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/schemas/bad"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "kkidl"))
        .filter(|p| !std::fs::read_to_string(p).unwrap().starts_with("// helper"))
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_has_at_least_forty_mistakes() {
    assert!(corpus().len() >= 40, "only {} bad schemas", corpus().len());
}

#[test]
fn every_bad_schema_fails_with_its_expected_code() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = text.lines().next().and_then(|l| l.strip_prefix("// expect: ")).unwrap_or_else(|| panic!("{} has no `// expect:` line", path.display()));
        let rel = path.strip_prefix(root).unwrap();
        if expected == "E0604" {
            let compiled = std::env::set_current_dir(root).map(|_| kkidl::compile(&[rel], &[] as &[&Path])).unwrap();
            assert!(compiled.is_ok(), "{}: kkidl alone reports {:?}", rel.display(), compiled.err().map(|e| e.to_string()));
            continue;
        }
        // Compile with the path relative to the repo root so snapshots do not depend on the checkout.
        let err = match std::env::set_current_dir(root).map(|_| kkidl::compile(&[rel], &[] as &[&Path])) {
            Ok(Err(kkidl::Error::Schema(d))) => d,
            Ok(Ok(_)) => panic!("{} compiled but should fail with {expected}", rel.display()),
            Ok(Err(e)) => panic!("{}: {e}", rel.display()),
            Err(e) => panic!("{e}"),
        };
        let codes: Vec<&str> = err.list.iter().map(|d| d.code).collect();
        assert!(codes.iter().all(|c| *c == expected), "{}: expected only {expected}, got {codes:?}\n{err}", rel.display());
        let rendered = err.render(false);
        assert!(rendered.contains(&format!("[{expected}]")), "{rendered}");
        assert!(rendered.contains("Help:") || rendered.contains("help:"), "{}: no hint\n{rendered}", rel.display());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, rendered);
    }
}

#[test]
fn several_errors_are_reported_in_one_run() {
    let src = "package demo.v1;\n\nstruct A {\n    x: Nope,\n    y: AlsoNope,\n    x: u8,\n}\n\nenum E {}\n";
    let Err(kkidl::Error::Schema(d)) = kkidl::compile_str("many.kkidl", src, &[]) else { panic!("should fail") };
    let codes: Vec<&str> = d.list.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0202", "E0202", "E0203", "E0506"], "{d}");
    let short: Vec<String> = d.list.iter().map(|x| x.short(&d.sources)).collect();
    assert_eq!(short[0], "many.kkidl:4:8: error[E0202]: cannot find type `Nope`");
    assert!(d.to_string().ends_with("error: 4 errors found\n"));
}

#[test]
fn errors_in_the_root_and_a_syntax_error_in_an_import_are_both_reported() {
    let main = "package a.v1;\nimport \"b.kkidl\";\nstruct X { x: Missing }\n";
    let b = "package b.v1;\nhandle H\n";
    let Err(kkidl::Error::Schema(d)) = kkidl::compile_str("a.kkidl", main, &[("b.kkidl", b)]) else { panic!("should fail") };
    let found: Vec<(&str, &str)> = d.list.iter().map(|x| (d.sources.get(x.primary.span.file).name.as_str(), x.code)).collect();
    assert_eq!(found, [("a.kkidl", "E0202"), ("b.kkidl", "E0001")], "{d}");
}

//! `kkgen fmt` on every good schema: formatting keeps the meaning (same IR),
//! keeps every comment, is idempotent, and the committed schemas are
//! already in canonical form.

use std::path::{Path, PathBuf};

fn good_schemas() -> Vec<PathBuf> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/schemas/good"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for rel in [
        "examples/geometry/geometry.kkidl",
        "examples/rules/rules.kkidl",
        "tests/conformance/ts/bench/bench.kkidl",
        "examples/geometry/size/trivial/trivial.kkidl",
        "tests/service/fixture/fixture.kkidl",
        "tests/conformance/conformance.kkidl",
    ] {
        files.push(root.join(rel));
    }
    files.sort();
    files
}

fn comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.find("//").map(|i| l[i..].trim_end().to_string()))
        .collect()
}

#[test]
fn good_schemas_are_formatted_and_round_trip() {
    for path in good_schemas() {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = kkidl::fmt::format_source(&path.display().to_string(), &text)
            .unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(
            formatted,
            text,
            "{} is not in canonical form",
            path.display()
        );
    }
}

#[test]
fn formatting_keeps_meaning_and_comments_and_is_idempotent() {
    // Every good schema squashed onto few lines and re-indented badly.
    for path in good_schemas() {
        let text = std::fs::read_to_string(&path).unwrap();
        let messy: String = text
            .lines()
            .map(|l| {
                let (code, comment) = match l.find("//") {
                    Some(i) => (l[..i].trim(), format!("\n  {}\n", l[i..].trim())),
                    None => (l.trim(), String::new()),
                };
                format!(
                    "{}  {comment}",
                    code.replace(": ", " :").replace(", ", " ,")
                )
            })
            .collect();
        let once = kkidl::fmt::format_source("messy.kkidl", &messy)
            .unwrap_or_else(|d| panic!("{}: {d}\n{messy}", path.display()));
        let twice = kkidl::fmt::format_source("messy.kkidl", &once).unwrap();
        assert_eq!(once, twice, "{}: not idempotent", path.display());
        let mut before = comment_lines(&text);
        let mut after = comment_lines(&once);
        before.sort();
        after.sort();
        assert_eq!(before, after, "{}: comments changed", path.display());
        if !text.contains("import ") {
            let a = kkidl::compile_str("x.kkidl", &text, &[]).unwrap().ir;
            let b = kkidl::compile_str("x.kkidl", &once, &[]).unwrap().ir;
            assert_eq!(a, b, "{}: formatting changed the IR", path.display());
        }
    }
}

#[test]
fn comments_stay_where_they_were() {
    let src = "package a.v1;\nstruct P { x: u8, // the x\n// before y\ny: u8 }\n";
    let out = kkidl::fmt::format_source("p.kkidl", src).unwrap();
    assert_eq!(
        out,
        "package a.v1;\n\nstruct P {\n    x: u8, // the x\n    // before y\n    y: u8,\n}\n"
    );
}

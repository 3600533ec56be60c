//! Code blocks in `docs/*.md` that follow a `<!-- snippet: PATH -->` line are
//! quoted from PATH (a file that is compiled and tested): every non-blank line
//! of the block, trimmed, occurs in that file in the same order (lines of the
//! file may be skipped, so a block may elide bodies). A doc example cannot
//! drift from the code the tests run.

use std::path::Path;

const MARKER: &str = "<!-- snippet: ";

/// The (source path, block lines) of every marked block in `doc`.
fn marked_blocks(doc: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line.strip_prefix(MARKER) else {
            continue;
        };
        let path = path.trim_end_matches("-->").trim().to_string();
        let fence = lines.next().unwrap_or_default();
        assert!(
            fence.starts_with("```"),
            "{MARKER}{path} --> must be followed by a code block"
        );
        let body = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .map(str::to_string)
            .collect();
        blocks.push((path, body));
    }
    blocks
}

/// The first line of `block` that is not found, in order, in `source`.
fn first_missing(block: &[String], source: &str) -> Option<String> {
    let mut rest = source.lines().map(str::trim);
    block
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .find(|want| !rest.any(|have| have == *want))
        .map(str::to_string)
}

#[test]
fn every_marked_doc_block_is_quoted_from_its_file() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let doc_path = entry.unwrap().path();
        if doc_path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let doc = std::fs::read_to_string(&doc_path).unwrap();
        let name = doc_path.file_name().unwrap().to_string_lossy().into_owned();
        for (path, block) in marked_blocks(&doc) {
            let source = std::fs::read_to_string(root.join(&path))
                .unwrap_or_else(|e| panic!("{name}: snippet source {path}: {e}"));
            if let Some(line) = first_missing(&block, &source) {
                failures.push(format!("{name}: not in {path} (in this order): {line}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} marked blocks in docs/");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lines_must_come_in_order() {
    let block: Vec<String> = vec!["b".into(), "a".into()];
    assert_eq!(first_missing(&block, "a\nb\n"), Some("a".into()));
    assert_eq!(first_missing(&block, "b\nx\n  a\n"), None);
}

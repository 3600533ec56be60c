//! docs/mapping.md's table is what the backends generate: every `code` span
//! of its Rust, Go and TypeScript columns occurs in that backend's output for
//! `tests/schemas/good/mapping.kkidl` (whitespace runs count as one space; in
//! Rust, module paths such as `::std::vec::` are dropped, so `Vec<u8>` matches
//! `::std::vec::Vec<u8>`), and its kkidl column names every kind of type.

use std::path::Path;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/mapping.md");
const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/schemas/good/mapping.kkidl"
);

/// Every kind of type of docs/kkidl.md §6 the table must have a row for.
const KINDS: &[&str] = &[
    "bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "string", "bytes",
    "u8[]", "i8[]", "u16[]", "i16[]", "u32[]", "i32[]", "f32[]", "f64[]", "i64[]", "u64[]",
    "list<", "map<", "?", "struct ", "enum ", "union ", "handle ", "error ", "op ",
];

/// Whitespace runs as one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops Rust module paths: `::std::vec::Vec<u8>` and `std::vec::Vec<u8>`
/// become `Vec<u8>`; `Level::High` (a type's path) stays.
fn drop_rust_paths(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !is_ident(chars[i - 1]);
        if starts_word && chars[i..].starts_with(&[':', ':']) {
            i += 2; // a leading `::`
            continue;
        }
        if starts_word && (chars[i].is_ascii_lowercase() || chars[i] == '_') {
            let mut end = i;
            while end < chars.len() && is_ident(chars[end]) {
                end += 1;
            }
            if chars[end..].starts_with(&[':', ':']) {
                i = end + 2; // a module segment and its `::`
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The `code` spans of a table cell (`\|` inside a span is `|`).
fn spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.replace("\\|", "|"))
        .collect()
}

/// The cells of a table row, split at `|` that is not escaped.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row
        .trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .chars()
    {
        if c == '|' && !escaped {
            cells.push(String::new());
        } else {
            cells.last_mut().unwrap().push(c);
        }
        escaped = c == '\\';
    }
    cells
}

/// The files `backend` writes for the schema, concatenated.
fn generated(backend: &str) -> String {
    let ir = kkgen::compile(&[SCHEMA], &[] as &[&Path])
        .unwrap_or_else(|e| panic!("{e}"))
        .ir;
    let options = kkgen::GenOptions {
        source: "mapping.kkidl".into(),
        ..Default::default()
    };
    let b = kkgen::backends()
        .into_iter()
        .find(|b| b.name() == backend)
        .unwrap_or_else(|| panic!("no backend {backend}"));
    b.generate(&ir, &options)
        .unwrap_or_else(|e| panic!("{backend}: {e}"))
        .iter()
        .map(|f| f.contents.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_mapping_table_is_what_the_backends_generate() {
    let doc = std::fs::read_to_string(DOC).unwrap();
    let table = doc
        .split("## The table")
        .nth(1)
        .expect("docs/mapping.md has a `## The table` section");
    let rows: Vec<Vec<String>> = table
        .lines()
        .skip_while(|l| !l.starts_with("| kkidl"))
        .skip(2) // header and separator
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    assert!(rows.len() >= 20, "only {} rows", rows.len());
    let outputs = [
        ("Rust", squash(&drop_rust_paths(&generated("rust")))),
        ("Go", squash(&generated("go"))),
        ("TypeScript", squash(&generated("ts"))),
    ];
    let mut missing = Vec::new();
    for row in &rows {
        assert_eq!(row.len(), 4, "a row of four cells: {row:?}");
        for (column, (lang, output)) in outputs.iter().enumerate() {
            let cell = &row[column + 1];
            let found = spans(cell);
            assert!(!found.is_empty(), "{lang} cell without code: {row:?}");
            for span in found {
                let want = if *lang == "Rust" {
                    squash(&drop_rust_paths(&span))
                } else {
                    squash(&span)
                };
                if !output.contains(&want) {
                    missing.push(format!("{lang}: `{span}` (row {})", row[0].trim()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the generated code:\n{}",
        missing.join("\n")
    );
    let kkidl: Vec<String> = rows.iter().flat_map(|r| spans(&r[0])).collect();
    for kind in KINDS {
        assert!(
            kkidl.iter().any(|s| s.contains(kind)),
            "docs/mapping.md has no row for `{kind}`"
        );
    }
}

#[test]
fn rust_paths_are_dropped_but_type_paths_kept() {
    assert_eq!(
        drop_rust_paths("&::std::option::Option<::kkrpc_runtime::wire::Buffer<f32>>"),
        "&Option<Buffer<f32>>"
    );
    assert_eq!(
        drop_rust_paths("Level::High, mapping_ops::X"),
        "Level::High, X"
    );
}

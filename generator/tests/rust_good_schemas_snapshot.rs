//! Snapshots of the Rust generated for the corner-case schemas of
//! `tests/schemas/good/` that `tests/naming/rust` compiles (clippy
//! `-D warnings`) and calls: the same files its build.rs writes.

use kkgen::backend::{Backend, GenOptions};
use std::path::Path;

/// The schemas, as in tests/naming/rust/build.rs.
const SCHEMAS: &[&str] = &["keywords", "recursive_default", "hygiene", "deprecated", "empty_service", "lints", "docs_strings"];

#[test]
fn good_schemas_rust_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/schemas/good");
    let build_rs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/naming/rust/build.rs")).unwrap();
    for name in SCHEMAS {
        assert!(build_rs.contains(&format!("good/{name}.kkidl")), "tests/naming/rust does not compile {name}.kkidl");
        let path = dir.join(format!("{name}.kkidl"));
        let compiled = kkgen::compile(&[&path], &[&dir]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let options = GenOptions { source: format!("{name}.kkidl"), ..GenOptions::default() };
        let files = kkgen::rust::RustBackend.generate(&compiled.ir, &options).unwrap();
        assert_eq!(files.len(), 1);
        insta::assert_snapshot!(*name, files[0].contents);
    }
}

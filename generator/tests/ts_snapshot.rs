//! Snapshots of the TS backend's output for every schema in
//! tests/schemas/good/ (one snapshot per generated file, named
//! `<schema>_<file>`): exactly what `kkgen gen --lang ts` writes for them
//! (same header), which `scripts/test-ts-wire.sh` generates and compiles
//! under the strictest tsconfig (tests/conformance/ts/tsconfig.strictest.json).

use kkgen::{Backend, GenOptions};
use std::path::{Path, PathBuf};

/// The schemas of tests/schemas/good, sorted.
fn good_schemas() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/schemas/good");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "kkidl"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_good_schema_generates_the_snapshotted_ts() {
    let schemas = good_schemas();
    assert!(!schemas.is_empty(), "no schema in tests/schemas/good");
    for schema in schemas {
        let ir = kkidl::compile(&[&schema], &[] as &[&Path]).unwrap_or_else(|e| panic!("{}: {e}", schema.display())).ir;
        let file_name = schema.file_name().expect("a file").to_string_lossy().into_owned();
        let stem = schema.file_stem().expect("a stem").to_string_lossy().into_owned();
        let options = GenOptions { source: file_name, ..GenOptions::default() };
        let files = kkgen::ts::TsBackend.generate(&ir, &options).unwrap_or_else(|e| panic!("{}: {e}", schema.display()));
        for file in files {
            let name = format!("{stem}_{}", file.path.display());
            insta::assert_snapshot!(name, file.contents);
        }
    }
}

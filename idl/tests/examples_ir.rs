//! The front end on the project's real schemas: each compiles, and the
//! geometry example resolves to exactly the IR its build used to be
//! generated from (examples/geometry/geometry.ir.json, transcribed by hand).

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn compile(rel: &str) -> kkidl::Compiled {
    kkidl::compile(&[root().join(rel)], &[] as &[&Path]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_schema_in_the_repo_compiles() {
    for rel in [
        "examples/geometry/geometry.kkidl",
        "examples/rules/rules.kkidl",
        "tests/browser/fixture/fixture.kkidl",
        "tests/conformance/conformance.kkidl",
    ] {
        let c = compile(rel);
        assert!(!c.ir.types.is_empty() || !c.ir.services.is_empty(), "{rel} is empty");
    }
}

#[test]
fn geometry_matches_the_hand_transcribed_ir() {
    let mut ir = compile("examples/geometry/geometry.kkidl").ir;
    let text = std::fs::read_to_string(root().join("examples/geometry/geometry.ir.json")).unwrap();
    let expected: kkidl::ir::Ir = serde_json::from_str(&text).unwrap();
    ir.files[0].path = expected.files[0].path.clone();
    assert_eq!(ir, expected);
}

//! The IR of every good schema (the repo's own and tests/schemas/good),
//! pinned by insta snapshots: what third-party generators read from
//! `kkgen ir --json`. Also checks the IR round-trips through JSON and
//! validates against its own JSON Schema's required keys.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

const SCHEMAS: &[&str] = &[
    "examples/geometry/geometry.kkidl",
    "examples/geometry/size/trivial/trivial.kkidl",
    "examples/rules/rules.kkidl",
    "tests/conformance/ts/bench/bench.kkidl",
    "tests/service/fixture/fixture.kkidl",
    "tests/conformance/conformance.kkidl",
    "tests/schemas/good/comments.kkidl",
    "tests/schemas/good/common.kkidl",
    "tests/schemas/good/imports.kkidl",
];

#[test]
fn ir_of_every_good_schema() {
    std::env::set_current_dir(root()).unwrap();
    for rel in SCHEMAS {
        let c = kkidl::compile(&[rel], &[] as &[&Path]).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let json = serde_json::to_string_pretty(&c.ir).unwrap();
        let back: kkidl::ir::Ir = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c.ir, "{rel}: IR does not round-trip through JSON");
        let name = Path::new(rel)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(name, json);
    }
}

#[test]
fn imports_are_loaded_after_the_root_and_resolved_across_packages() {
    std::env::set_current_dir(root()).unwrap();
    let c = kkidl::compile(&["tests/schemas/good/imports.kkidl"], &[] as &[&Path]).unwrap();
    let files: Vec<(&str, &str)> =
        c.ir.files
            .iter()
            .map(|f| (f.path.as_str(), f.package.as_str()))
            .collect();
    assert_eq!(
        files,
        [
            ("tests/schemas/good/imports.kkidl", "demo.drawing.v1"),
            ("tests/schemas/good/common.kkidl", "demo.common.v1")
        ]
    );
    assert_eq!(c.files.len(), 2);
    let path = c.ir.types.iter().find(|t| t.name == "Path").unwrap();
    let kkidl::ir::TypeDefKind::Struct(s) = &path.kind else {
        panic!()
    };
    let point = c.ir.types.iter().find(|t| t.name == "Point").unwrap();
    assert_eq!(point.package, "demo.common.v1");
    assert_eq!(
        s.fields[0].ty,
        kkidl::ir::TypeRef::List {
            elem: Box::new(kkidl::ir::TypeRef::Named { id: point.id })
        }
    );
    assert_eq!(
        s.fields[1].ty,
        kkidl::ir::TypeRef::Optional {
            inner: Box::new(kkidl::ir::TypeRef::Named { id: point.id })
        }
    );
    let op = &c.ir.services[0].ops[0];
    assert_eq!(op.id, kkidl::ir::hash_id("demo.drawing.v1.Drawing.append"));
    assert_eq!(c.ir.ty(op.throws[0]).name, "Forbidden");
}

#[test]
fn include_dirs_resolve_imports_not_found_next_to_the_file() {
    let dir = std::env::temp_dir().join(format!("kkidl-include-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::write(
        dir.join("lib/shared.kkidl"),
        "package shared.v1;\nhandle Doc;\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("main.kkidl"),
        "package app.v1;\nimport \"shared.kkidl\";\nservice App { op open() -> Doc; }\n",
    )
    .unwrap();
    let without = kkidl::compile(&[dir.join("main.kkidl")], &[] as &[&Path]);
    assert!(matches!(&without, Err(kkidl::Error::Schema(d)) if d.list[0].code == "E0101"));
    let with = kkidl::compile(&[dir.join("main.kkidl")], &[dir.join("lib")]).unwrap();
    assert_eq!(with.ir.types[0].name, "Doc");
    assert_eq!(with.files.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_ir_json_schema_names_every_top_level_field() {
    let schema = serde_json::to_value(kkidl::ir::Ir::json_schema()).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for key in ["ir_version", "files", "types", "services"] {
        assert!(required.contains(&key), "{key} missing from {required:?}");
    }
    assert!(schema["$defs"]["TypeRef"].is_object());
}

#[test]
fn events_and_emits_are_in_the_ir_and_optional_in_its_json() {
    let schema = serde_json::to_value(kkidl::ir::Ir::json_schema()).unwrap();
    assert!(schema["$defs"]["Event"].is_object(), "no Event in {schema}");
    let service_required = &schema["$defs"]["Service"]["required"];
    assert!(!service_required
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("events")));
    let c = kkidl::compile_str(
        "events.kkidl",
        "package shop.v1;\nstruct Quote { total: u64 }\nservice Shop {\n    event quoted: Quote;\n    event counted: u32;\n    op count() -> u32 emits counted;\n    op price() -> Quote emits quoted;\n}\n",
        &[],
    )
    .unwrap();
    let shop = &c.ir.services[0];
    let names: Vec<&str> = shop.events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["quoted", "counted"]);
    assert_eq!(shop.ops[0].emits, [1]);
    assert_eq!(shop.ops[1].emits, [0]);
    // IR JSON written before events existed (no `events`, no `emits`) still reads.
    let mut json = serde_json::to_value(&c.ir).unwrap();
    let service = json["services"][0].as_object_mut().unwrap();
    service.remove("events");
    for op in service["ops"].as_array_mut().unwrap() {
        op.as_object_mut().unwrap().remove("emits");
    }
    let old: kkidl::ir::Ir = serde_json::from_value(json).unwrap();
    assert!(old.services[0].events.is_empty());
    assert!(old.services[0].ops.iter().all(|o| o.emits.is_empty()));
}

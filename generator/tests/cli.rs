//! The `kkgen` binary end to end: every subcommand, its output and its exit
//! code (0 ok, 1 schema errors or unformatted files, 2 usage or I/O).

mod common;

use common::{code, kkgen, temp};
use std::path::Path;

#[test]
fn check_ok_errors_and_io() {
    let ok = kkgen(&["check", "examples/geometry/geometry.kkidl"]);
    assert_eq!(code(&ok), 0, "{}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(
        String::from_utf8_lossy(&ok.stderr).trim_end(),
        "ok: 8 types, 1 service, 7 ops in 1 file"
    );
    // Each count is singular or plural on its own.
    let counts = |file: &str| {
        let out = kkgen(&["check", file]);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).trim_end().to_string()
    };
    assert_eq!(
        counts("tests/schemas/good/imports.kkidl"),
        "ok: 3 types, 1 service, 1 op in 2 files"
    );
    assert_eq!(
        counts("tests/schemas/good/common.kkidl"),
        "ok: 2 types, 0 services, 0 ops in 1 file"
    );

    let bad = kkgen(&[
        "check",
        "tests/schemas/bad/unknown_type.kkidl",
        "tests/schemas/bad/duplicate_field.kkidl",
    ]);
    assert_eq!(code(&bad), 1);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("tests/schemas/bad/unknown_type.kkidl:7:11"),
        "{err}"
    );
    assert!(
        err.contains("[E0203]") && err.contains("[E0202]"),
        "both files' errors in one run: {err}"
    );
    assert!(
        !err.contains("\u{1b}["),
        "no colour when NO_COLOR is set or stderr is not a terminal"
    );

    assert_eq!(code(&kkgen(&["check", "does/not/exist.kkidl"])), 2);
    assert_eq!(code(&kkgen(&["check"])), 2, "missing FILE is a usage error");
    assert_eq!(code(&kkgen(&["frobnicate"])), 2);
}

#[test]
fn ir_json_and_schema() {
    let o = kkgen(&["ir", "--json", "tests/conformance/conformance.kkidl"]);
    assert_eq!(code(&o), 0);
    let ir: kkidl::ir::Ir = serde_json::from_slice(&o.stdout).expect("IR JSON");
    assert_eq!(ir.services[0].name, "Conformance");
    let s = kkgen(&["ir", "--schema"]);
    assert_eq!(code(&s), 0);
    let schema: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
    assert_eq!(schema["title"], "Ir");
    assert_eq!(
        code(&kkgen(&[
            "ir",
            "--json",
            "tests/schemas/bad/empty_enum.kkidl"
        ])),
        1
    );
}

#[test]
fn fmt_rewrites_and_check_reports() {
    let dir = temp("fmt");
    let file = dir.join("messy.kkidl");
    std::fs::write(&file, "package a.v1;\nstruct P{x:u8,y:list<u8>}\n").unwrap();
    let f = file.to_str().unwrap();
    let check = kkgen(&["fmt", "--check", f]);
    assert_eq!(code(&check), 1);
    assert!(String::from_utf8_lossy(&check.stdout).contains("messy.kkidl"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "package a.v1;\nstruct P{x:u8,y:list<u8>}\n",
        "--check changes nothing"
    );
    assert_eq!(code(&kkgen(&["fmt", f])), 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "package a.v1;\n\nstruct P {\n    x: u8,\n    y: list<u8>,\n}\n"
    );
    assert_eq!(code(&kkgen(&["fmt", "--check", f])), 0);
    std::fs::write(&file, "package a.v1;\nstruct P{x u8}\n").unwrap();
    assert_eq!(
        code(&kkgen(&["fmt", f])),
        1,
        "syntax errors are schema errors"
    );
}

#[test]
fn gen_every_language() {
    let dir = temp("gen");
    let out = dir.to_str().unwrap();
    let o = kkgen(&[
        "gen",
        "--lang",
        "all",
        "--out",
        out,
        "examples/rules/rules.kkidl",
    ]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "rust/rules_v1.rs",
        "go/types.go",
        "go/service.go",
        "ts/api.ts",
        "ts/index.ts",
    ] {
        let text =
            std::fs::read_to_string(Path::new(out).join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(
            kkgen::header::parse(&text).is_some_and(|h| h.source == "rules.kkidl"),
            "{f} header"
        );
    }
    assert_eq!(
        code(&kkgen(&[
            "gen",
            "--lang",
            "go",
            "--out",
            out,
            "tests/schemas/bad/throws_struct.kkidl"
        ])),
        1
    );
}

/// `--lang` takes exactly the registry's names and `all`: no entry that only errors.
#[test]
fn lang_values_are_the_backend_registry() {
    let names: Vec<&str> = kkgen::backends().iter().map(|b| b.name()).collect();
    let help = String::from_utf8_lossy(&kkgen(&["gen", "--help"]).stdout).into_owned();
    assert!(
        help.contains(&format!("[possible values: {}, all]", names.join(", "))),
        "{help}"
    );
    let dir = temp("lang");
    let out = dir.to_str().unwrap();
    for name in &names {
        let o = kkgen(&[
            "gen",
            "--lang",
            name,
            "--out",
            out,
            "tests/schemas/good/common.kkidl",
        ]);
        assert_eq!(
            code(&o),
            0,
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let z = kkgen(&[
        "gen",
        "--lang",
        "cobol",
        "--out",
        out,
        "examples/rules/rules.kkidl",
    ]);
    assert_eq!(code(&z), 2, "an unknown language is a usage error");
    assert!(String::from_utf8_lossy(&z.stderr).contains("invalid value 'cobol'"));
}

/// Every backend option struct is reachable from the CLI; the Rust `serde` option included.
#[test]
fn backend_options_from_flags() {
    let dir = temp("options");
    let out = dir.to_str().unwrap();
    let o = kkgen(&[
        "gen",
        "--lang",
        "all",
        "--out",
        out,
        "--rust-serde",
        "--wasm-bindgen-ops",
        "--go-package",
        "rulespkg",
        "--ts-runtime",
        "../rt/index.js",
        "examples/rules/rules.kkidl",
    ]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let read = |f: &str| std::fs::read_to_string(Path::new(out).join(f)).unwrap();
    let rust = read("rust/rules_v1.rs");
    assert!(
        rust.contains("::serde::Serialize") && rust.contains("wasm_bindgen"),
        "{rust}"
    );
    assert!(read("go/types.go").contains("package rulespkg"));
    assert!(read("ts/codecs.ts").contains("from \"../rt/index.js\""));
    let plain = temp("options-plain");
    assert_eq!(
        code(&kkgen(&[
            "gen",
            "--lang",
            "rust",
            "--out",
            plain.to_str().unwrap(),
            "examples/rules/rules.kkidl"
        ])),
        0
    );
    assert!(!std::fs::read_to_string(plain.join("rules_v1.rs"))
        .unwrap()
        .contains("serde"));
}

/// `gen --ir` generates from `ir --json` output exactly what `gen` generates from the schema.
#[test]
fn gen_from_ir_json() {
    let dir = temp("ir");
    let ir = kkgen(&["ir", "--json", "examples/rules/rules.kkidl"]);
    assert_eq!(code(&ir), 0);
    let ir_path = dir.join("rules.ir.json");
    std::fs::write(&ir_path, &ir.stdout).unwrap();
    let (from_schema, from_ir) = (dir.join("schema"), dir.join("ir"));
    let a = kkgen(&[
        "gen",
        "--lang",
        "all",
        "--out",
        from_schema.to_str().unwrap(),
        "examples/rules/rules.kkidl",
    ]);
    let b = kkgen(&[
        "gen",
        "--lang",
        "all",
        "--out",
        from_ir.to_str().unwrap(),
        "--ir",
        ir_path.to_str().unwrap(),
    ]);
    assert_eq!(
        (code(&a), code(&b)),
        (0, 0),
        "{}",
        String::from_utf8_lossy(&b.stderr)
    );
    for f in [
        "rust/rules_v1.rs",
        "go/types.go",
        "go/client.go",
        "ts/codecs.ts",
        "ts/client.ts",
    ] {
        let read = |d: &Path| std::fs::read_to_string(d.join(f)).unwrap();
        assert_eq!(read(&from_schema), read(&from_ir), "{f}");
    }
    assert_eq!(
        code(&kkgen(&[
            "gen",
            "--lang",
            "go",
            "--out",
            "x",
            "--ir",
            "a.json",
            "examples/rules/rules.kkidl"
        ])),
        2,
        "--ir or files, not both"
    );
    assert_eq!(
        code(&kkgen(&["gen", "--lang", "go", "--out", "x"])),
        2,
        "--ir or files needed"
    );
}

/// A bad IR file is a clear error: what is wrong, in which file; exit 1 (2 if unreadable).
#[test]
fn gen_from_bad_ir_json() {
    let dir = temp("bad-ir");
    let out = dir.join("out");
    let cases = [
        (
            "truncated",
            "{\"ir_version\": 1, \"files\": [",
            "not valid JSON: EOF while parsing a list at line 1 column 28",
        ),
        (
            "no-version",
            "{\"files\": []}",
            "no numeric `ir_version` (this kkgen reads IR version 1)",
        ),
        (
            "future",
            "{\"ir_version\": 2}",
            "IR version 2 is not supported (this kkgen reads IR version 1)",
        ),
        (
            "shape",
            "{\"ir_version\": 1, \"files\": 5}",
            "not a kkgen IR: invalid type: integer `5`",
        ),
        (
            "dangling",
            r#"{"ir_version": 1, "files": [{"path": "a.kkidl", "package": "a.v1"}], "types": [], "services": [{"name": "S", "package": "a.v1", "file": 0, "meta": {}, "ops": [{"name": "o", "id": 1, "params": [], "result": {"type": "named", "id": 3}, "meta": {}}]}]}"#,
            "invalid IR: service `S`, op `o`, result: type 3 out of range (0 types)",
        ),
    ];
    for (name, text, message) in cases {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, text).unwrap();
        let o = kkgen(&[
            "gen",
            "--lang",
            "all",
            "--out",
            out.to_str().unwrap(),
            "--ir",
            path.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 1, "{name}: {err}");
        assert!(
            err.contains(&format!("{name}.json: {message}")),
            "{name}: {err}"
        );
    }
    assert!(!out.exists(), "nothing written for a bad IR");
    assert_eq!(
        code(&kkgen(&[
            "gen",
            "--lang",
            "go",
            "--out",
            out.to_str().unwrap(),
            "--ir",
            "does/not/exist.json"
        ])),
        2
    );
}

/// `gen --ir` refuses an IR whose names clash in some backend's output (as
/// `check` does with `E0604`): each clash names the language, the identifier
/// and both items; exit 1, nothing written.
#[test]
fn gen_from_clashing_ir_json() {
    let dir = temp("clash-ir");
    let schema = dir.join("clash.kkidl");
    std::fs::write(
        &schema,
        "package clash.v1;\n\nstruct DrawClient { x: u8 }\n\nservice Draw { op ping(); }\n",
    )
    .unwrap();
    let ir = kkgen(&["ir", "--json", schema.to_str().unwrap()]);
    assert_eq!(code(&ir), 0, "{}", String::from_utf8_lossy(&ir.stderr));
    let ir_path = dir.join("clash.json");
    std::fs::write(&ir_path, &ir.stdout).unwrap();
    let out = dir.join("out");
    let o = kkgen(&[
        "gen",
        "--lang",
        "ts",
        "--out",
        out.to_str().unwrap(),
        "--ir",
        ir_path.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(code(&o), 1, "{err}");
    assert!(
        err.contains("clash.json: generated names clash (E0604)"),
        "{err}"
    );
    assert!(
        err.contains(
            "Go: `DrawClient` is both the name of struct `DrawClient` and the client type generated for service `Draw`"
        ),
        "{err}"
    );
    assert!(
        err.contains("Rust: `DrawClient` is both the name of struct `DrawClient`"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written for a clashing IR");
}

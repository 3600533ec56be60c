//! Property tests: the front end (parse + check, and the formatter) never
//! panics, whatever the input — random text, random tokens, and valid
//! schemas with bytes cut out or spliced in. Every input yields an IR or
//! diagnostics.

use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "package",
    "import",
    "struct",
    "enum",
    "union",
    "error",
    "handle",
    "service",
    "op",
    "throws",
    "list",
    "map",
    "a.v1",
    "A",
    "B",
    "x",
    "y",
    "u8",
    "f32",
    "f32[]",
    "string",
    "bool[]",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    ",",
    ";",
    ":",
    "?",
    "->",
    "=",
    "@id(1)",
    "@id(0)",
    "@since(2)",
    "@deprecated(\"x\")",
    "@x",
    "///doc\n",
    "// c\n",
    "\"s\"",
    "7",
    "0x10",
    "99999999999999999999",
    "\n",
    " ",
];

const SEED: &str = include_str!("../../tests/conformance/conformance.kkidl");

fn run(text: &str) {
    match kkidl::compile_str("fuzz.kkidl", text, &[]) {
        Ok(c) => assert_eq!(c.ir.ir_version, kkidl::ir::IR_VERSION),
        Err(kkidl::Error::Schema(d)) => {
            assert!(!d.list.is_empty());
            let _ = d.render(false);
        }
        Err(e) => panic!("unexpected: {e}"),
    }
    if let Ok(formatted) = kkidl::fmt::format_source("fuzz.kkidl", text) {
        assert_eq!(
            kkidl::fmt::format_source("fuzz.kkidl", &formatted)
                .ok()
                .as_deref(),
            Some(formatted.as_str())
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(s in "\\PC{0,200}") {
        run(&s);
    }

    #[test]
    fn arbitrary_tokens(ts in proptest::collection::vec(proptest::sample::select(TOKENS), 0..60)) {
        run(&format!("package a.v1;\n{}", ts.join(" ")));
    }

    #[test]
    fn mutated_valid_schema(cut in 0..SEED.len(), len in 0usize..40, insert in proptest::sample::select(TOKENS)) {
        let mut s = SEED.to_string();
        let start = (0..=cut).rev().find(|i| s.is_char_boundary(*i)).unwrap();
        let end = (start + len).min(s.len());
        let end = (end..=s.len()).find(|i| s.is_char_boundary(*i)).unwrap();
        s.replace_range(start..end, insert);
        run(&s);
    }
}

#[test]
fn pathological_nesting_is_an_error_not_a_stack_overflow() {
    let lists = format!(
        "package a.v1;\nstruct S {{ x: {}u8{}, }}\n",
        "list<".repeat(100_000),
        ">".repeat(100_000)
    );
    let Err(kkidl::Error::Schema(d)) = kkidl::compile_str("deep.kkidl", &lists, &[]) else {
        panic!("should fail")
    };
    assert_eq!(d.list[0].code, "E0002");
    let optionals = format!(
        "package a.v1;\nstruct S {{ y: u8{}, }}\n",
        "?".repeat(100_000)
    );
    let Err(kkidl::Error::Schema(d)) = kkidl::compile_str("deep.kkidl", &optionals, &[]) else {
        panic!("should fail")
    };
    assert_eq!(d.list[0].code, "E0503");
    let ok = format!(
        "package a.v1;\nstruct S {{ x: {}u8{}, }}\n",
        "list<".repeat(64),
        ">".repeat(64)
    );
    assert!(kkidl::compile_str("ok.kkidl", &ok, &[]).is_ok());
}

//! Generates the Rust bindings of the corner-case schemas of
//! `tests/schemas/good/` this crate compiles and calls, into `OUT_DIR`.

/// The schemas, relative to this crate; one module of `src/` each.
const SCHEMAS: &[&str] = &[
    "../../schemas/good/keywords.kkidl",
    "../../schemas/good/recursive_default.kkidl",
];

fn main() {
    for schema in SCHEMAS {
        if let Err(e) = kkgen::Config::new().compile(&[schema], &["../../schemas/good"]) {
            panic!("kkgen: {schema}: {e}");
        }
    }
}

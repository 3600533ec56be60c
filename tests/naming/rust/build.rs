//! Generates the Rust bindings of the corner-case schemas of
//! `tests/schemas/good/` this crate compiles and calls, and of the schema
//! holding every name the backends generate (`kkgen::name_corpus`), into
//! `OUT_DIR`.

/// The schemas, relative to this crate; one module of `src/` each.
const SCHEMAS: &[&str] = &[
    "../../schemas/good/keywords.kkidl",
    "../../schemas/good/recursive_default.kkidl",
    "../../schemas/good/hygiene.kkidl",
    "../../schemas/good/deprecated.kkidl",
    "../../schemas/good/empty_service.kkidl",
    "../../schemas/good/lints.kkidl",
    "../../schemas/good/docs_strings.kkidl",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    for schema in SCHEMAS {
        if let Err(e) = kkgen::Config::new().compile(&[schema], &["../../schemas/good"]) {
            panic!("kkgen: {schema}: {e}");
        }
    }
    // Every name the backends generate, in every position kkidl accepts it
    // (kkgen::name_corpus), as one schema.
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let probes = kkgen::name_corpus::probes(&kkgen::backends());
    let schema = out.join("every_name.kkidl");
    std::fs::write(&schema, kkgen::name_corpus::accepted_schema(&probes)).unwrap();
    if let Err(e) = kkgen::Config::new()
        .emit_rerun_if_changed(false)
        .compile(&[&schema], &[&out])
    {
        panic!("kkgen: every_name.kkidl: {e}");
    }
}

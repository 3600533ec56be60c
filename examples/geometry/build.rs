//! Generates the Rust bindings into `OUT_DIR`, with the typed per-op
//! `#[wasm_bindgen]` exports: `geometry.kkidl` for the library (bound in
//! `src/lib.rs`) and `examples/kinds.kkidl` for the `bindgen_kinds` example.
//! And the Go rules example's schema, plain, for the Rust rules client of
//! `tests/stdio.rs` (a Rust client calling the Go service).

fn main() {
    for schema in ["geometry.kkidl", "examples/kinds.kkidl"] {
        if let Err(e) = kkgen::Config::new()
            .wasm_bindgen_ops(true)
            .compile(&[schema], &["."])
        {
            panic!("kkgen: {schema}: {e}");
        }
    }
    let rules = "../rules/rules.kkidl";
    if let Err(e) = kkgen::Config::new().compile(&[rules], &["../rules"]) {
        panic!("kkgen: {rules}: {e}");
    }
}

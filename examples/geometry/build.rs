//! Generates the Rust bindings into `OUT_DIR`, with the typed per-op
//! `#[wasm_bindgen]` exports: `geometry.kkidl` for the library (bound in
//! `src/lib.rs`) and `examples/kinds.kkidl` for the `bindgen_kinds` example.

fn main() {
    for schema in ["geometry.kkidl", "examples/kinds.kkidl"] {
        if let Err(e) = kkgen::Config::new()
            .wasm_bindgen_ops(true)
            .compile(&[schema], &["."])
        {
            panic!("kkgen: {schema}: {e}");
        }
    }
}

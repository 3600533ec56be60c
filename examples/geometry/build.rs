//! Generates the Rust bindings of `geometry.kkidl` into `OUT_DIR`, with the
//! typed per-op `#[wasm_bindgen]` exports (bound in `src/lib.rs`).

fn main() {
    if let Err(e) = kkgen::Config::new().wasm_bindgen_ops(true).compile(&["geometry.kkidl"], &["."]) {
        panic!("kkgen: {e}");
    }
}

//! Generates the Rust bindings of `examples/kinds.kkidl` into `OUT_DIR`, with
//! the typed per-op `#[wasm_bindgen]` exports, for the `bindgen_kinds`
//! example. The library's bindings (`geometry.kkidl`) and the Rust rules
//! client of `tests/stdio.rs` are the checked-in SDKs, `sdk/rust/` here and in
//! `../rules` (docs/sdk.md).

fn main() {
    let schema = "examples/kinds.kkidl";
    if let Err(e) = kkgen::Config::new()
        .wasm_bindgen_ops(true)
        .compile(&[schema], &["."])
    {
        panic!("kkgen: {schema}: {e}");
    }
}

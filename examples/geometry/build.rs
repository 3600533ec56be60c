//! Generates the Rust bindings of the geometry schema into `OUT_DIR`.
//!
//! `geometry.ir.json` is the resolved IR of `geometry.kkidl`; once the kkidl
//! parser lands this becomes `kkgen::Config::new().compile(&["geometry.kkidl"], &["."])`.

fn main() {
    if let Err(e) = kkgen::Config::new().compile_ir_json("geometry.ir.json") {
        panic!("kkgen: {e}");
    }
}

//! Generates the Rust bindings of `geometry.kkidl` into `OUT_DIR`.

fn main() {
    if let Err(e) = kkgen::Config::new().compile(&["geometry.kkidl"], &["."]) {
        panic!("kkgen: {e}");
    }
}

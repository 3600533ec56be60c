//! Generates the Rust bindings of keywords.kkidl into `OUT_DIR`.
fn main() {
    if let Err(e) = kkgen::Config::new().compile(&["../../schemas/good/keywords.kkidl"], &["."]) {
        panic!("kkgen: {e}");
    }
}

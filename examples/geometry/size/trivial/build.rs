//! Generates the trivial service's bindings into `OUT_DIR`.
fn main() {
    if let Err(e) = kkgen::Config::new().compile(&["trivial.kkidl"], &["."]) {
        panic!("kkgen: {e}");
    }
}

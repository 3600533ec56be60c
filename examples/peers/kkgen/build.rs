//! Generates the Rust bindings of `../peers.kkidl` (`peers_v1.rs`) into `OUT_DIR`.

fn main() {
    if let Err(e) = kkgen::Config::new().compile(&["../peers.kkidl"], &[".."]) {
        panic!("kkgen: ../peers.kkidl: {e}");
    }
}

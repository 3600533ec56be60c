//! Generates the Rust bindings of the Go rules example's schema
//! (`examples/rules/rules.kkidl`) into `OUT_DIR`, for the generated client.

fn main() {
    let rules = "../../../examples/rules/rules.kkidl";
    if let Err(e) = kkgen::Config::new().compile(&[rules], &["../../../examples/rules"]) {
        panic!("kkgen: {rules}: {e}");
    }
}

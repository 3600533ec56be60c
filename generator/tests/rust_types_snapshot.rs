//! Snapshot of the Rust types and codecs generated for
//! tests/conformance/conformance.kkidl (with serde derives on): exactly the
//! module that tests/conformance/rust compiles and runs against the shared
//! vectors (`cargo xtask test rust-wire`).

use std::path::PathBuf;

#[test]
fn conformance_types_snapshot() {
    let schema =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/conformance.kkidl");
    let compiled = kkidl::compile(&[schema], &[] as &[PathBuf]).unwrap_or_else(|d| panic!("{d}"));
    let options = kkgen::rust::types::TypesOptions { serde: true };
    let tokens = kkgen::rust::types::generate_types_with(&compiled.ir, options);
    let file: syn::File = syn::parse2(tokens).expect("generated Rust parses");
    insta::assert_snapshot!("conformance_types.rs", prettyplease::unparse(&file));
}

#[test]
fn default_types_have_no_serde_and_parse() {
    let schema =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance/conformance.kkidl");
    let compiled = kkidl::compile(&[schema], &[] as &[PathBuf]).unwrap_or_else(|d| panic!("{d}"));
    let code = kkgen::rust::types::generate_types(&compiled.ir).to_string();
    assert!(!code.contains("serde"));
    syn::parse_file(&code).expect("generated Rust parses");
}

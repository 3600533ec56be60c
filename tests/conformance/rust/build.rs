//! Compiles ../conformance.kkidl, generates its Rust types and codecs (with
//! serde derives, used to map the JSON vectors to values), and writes into
//! OUT_DIR: `conformance.rs` (the generated module), `ir.json` (the IR, for
//! the JSON normaliser) and `type_table.rs` (a name → codec-ops table).

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let schema = manifest.join("../conformance.kkidl");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed={}", schema.display());
    println!("cargo:rerun-if-changed=build.rs");

    let compiled = kkidl::compile(std::slice::from_ref(&schema), &[] as &[PathBuf])
        .unwrap_or_else(|d| panic!("conformance.kkidl does not compile: {d}"));
    let ir = compiled.ir;

    let tokens = kkgen::rust::types::generate_types_with(
        &ir,
        kkgen::rust::types::TypesOptions { serde: true },
    );
    let file: syn::File = syn::parse2(tokens).expect("generated Rust parses");
    let body = kkgen::GeneratedFile {
        path: "conformance.rs".into(),
        contents: prettyplease::unparse(&file),
    };
    let stamped = kkgen::header::stamp(vec![body], &ir, "conformance.kkidl", "rust")
        .expect("the header stamps");
    std::fs::write(out.join("conformance.rs"), &stamped[0].contents).unwrap();

    std::fs::write(out.join("ir.json"), serde_json::to_string(&ir).unwrap()).unwrap();

    let arms: String = ir
        .types
        .iter()
        .map(|t| {
            let rust = kkgen::rust::naming::type_name(&t.name);
            format!(
                "        {:?} => Some(Box::new(Codec::<crate::types::{rust}>::new())),\n",
                t.name
            )
        })
        .collect();
    let table = format!(
        "/// The codec operations of the generated type named `name` (schema name).\n\
         pub fn codec(name: &str) -> Option<Box<dyn TypeCodec>> {{\n    match name {{\n{arms}        _ => None,\n    }}\n}}\n"
    );
    std::fs::write(out.join("type_table.rs"), table).unwrap();
}

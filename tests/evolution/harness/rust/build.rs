//! Writes, for every evolution case (`tests/evolution/<case>/{old,new}.kkidl`) and version, kkgen's
//! Rust bindings into `OUT_DIR/<case>/<version>/` and `OUT_DIR/cases.rs`: per case and version a
//! module that includes them and implements the service trait by the op's shape (`../shape.rs`),
//! and the table `CASES` of `(case, version, dispatcher)` that `src/lib.rs` looks names up in.

#[path = "../cases.rs"]
mod cases;
#[path = "../shape.rs"]
mod shape;

use kkgen::rust::{dispatch, service as rs};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use shape::Shape;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let cases_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // A new case folder (or a changed schema) reruns this script.
    println!("cargo:rerun-if-changed={}", cases_dir.display());
    let mut modules = Vec::new();
    let mut table = Vec::new();
    let names =
        cases::case_names(&cases_dir).unwrap_or_else(|e| panic!("{}: {e}", cases_dir.display()));
    for case in names {
        for version in ["old", "new"] {
            let schema = cases_dir.join(&case).join(format!("{version}.kkidl"));
            let module = format_ident!("{}_{}", case.replace('-', "_"), version);
            modules.push(case_module(&out, &case, version, &schema, &module));
            table.push(quote! { (#case, #version, #module::dispatcher) });
        }
    }
    let file = quote! {
        #(#modules)*

        /// Every case and version: its name, its version and its dispatcher.
        #[allow(clippy::type_complexity)]
        pub const CASES: &[(&str, &str, fn() -> Box<dyn ::kkrpc_runtime::service::Dispatch>)] = &[#(#table),*];
    };
    let text = prettyplease::unparse(&syn::parse2(file).expect("cases.rs parses"));
    std::fs::write(out.join("cases.rs"), text).expect("writing cases.rs");
}

/// One case version's module: the generated bindings (`include!`) and the implementation.
fn case_module(
    out: &Path,
    case: &str,
    version: &str,
    schema: &Path,
    module: &syn::Ident,
) -> TokenStream {
    let gen_dir = out.join(case).join(version);
    let fail = |e: &dyn std::fmt::Display| -> ! { panic!("kkgen: {}: {e}", schema.display()) };
    let compiled = kkgen::compile(&[schema], &[] as &[&Path]).unwrap_or_else(|e| fail(&e));
    let files = kkgen::Config::new()
        .out_dir(&gen_dir)
        .compile(&[schema], &[] as &[&Path])
        .unwrap_or_else(|e| fail(&e));
    let included: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let ir = &compiled.ir;
    let [service] = ir.services.as_slice() else {
        fail(&"an evolution case has exactly one service");
    };
    let trait_ident = rs::trait_name(service);
    let dispatcher = dispatch::dispatcher_name(service);
    let methods = service.ops.iter().map(|op| {
        let m = rs::op_method(op);
        let params: Vec<_> = op.params.iter().map(|p| rs::ident(&p.name)).collect();
        let types = op.params.iter().map(|p| rs::handler_param_ty(ir, &p.ty));
        let ret = rs::result_ty(ir, op);
        let throws = rs::op_error_ty(ir, service, op);
        let body = match (shape::shape(op).unwrap_or_else(|e| fail(&e)), &throws) {
            (Shape::Echo(i), None) => {
                let p = &params[i];
                quote! { ::core::convert::From::from(#p) }
            }
            (Shape::Echo(i), Some(_)) => {
                let p = &params[i];
                quote! { Ok(::core::convert::From::from(#p)) }
            }
            (Shape::Raise, _) => {
                let e = &params[0];
                quote! { Err(::core::convert::From::from(#e)) }
            }
            (Shape::Void, None) => quote! {},
            (Shape::Void, Some(_)) => quote! { Ok(()) },
        };
        let ret = match throws {
            Some(e) => quote! { ::core::result::Result<#ret, #e> },
            None => ret,
        };
        let allow = rs::many_params_allow(op);
        quote! { #allow fn #m(&mut self #(, #params: #types)*) -> #ret { #body } }
    });
    let doc = format!(
        " `tests/evolution/{case}/{version}.kkidl`: bindings and the harness's implementation."
    );
    quote! {
        #[doc = #doc]
        pub mod #module {
            #(include!(#included);)*

            /// The harness's implementation: echo, raise or void per op.
            pub struct HarnessService;

            #[allow(unused_variables, clippy::useless_conversion, clippy::unused_unit)]
            impl #trait_ident for HarnessService {
                #(#methods)*
            }

            /// A dispatcher over [`HarnessService`].
            pub fn dispatcher() -> Box<dyn ::kkrpc_runtime::service::Dispatch> {
                Box::new(#dispatcher::new(HarnessService))
            }
        }
    }
}

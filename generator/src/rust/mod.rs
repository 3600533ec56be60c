//! The Rust backend: one `<package>.rs` file per schema (the root file's
//! package, dots as underscores), holding the types and codecs
//! (`types`/`codec`), then for every service its trait, op ids, dispatcher and
//! typed client (`service`, `dispatch`, `client`) and the macro defining its
//! scalar fast exports (`fast`, `docs/abi.md` §1.4), and with
//! `RustOptions::wasm_bindgen_ops` the typed `#[wasm_bindgen]` per-op
//! exports (`exports`). Built with syn/quote, printed with prettyplease and
//! then formatted with rustfmt when it is installed, so the file is
//! rustfmt-clean; it is included with `include!` from `OUT_DIR` (see
//! [`crate::config::Config`]) or written by `kkgen gen --lang rust`.

pub mod client;
pub mod codec;
pub mod dispatch;
pub mod exports;
pub mod fast;
pub mod naming;
pub mod service;
pub mod types;

use crate::backend::{header, Backend, GenOptions, GeneratedFile};
use kkidl::ir::Ir;
use quote::quote;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Generates Rust code from the IR.
#[derive(Debug, Default)]
pub struct RustBackend;

/// The output file name for a package: `geo.v1` → `geo_v1.rs`.
pub fn file_name(package: &str) -> String {
    format!("{}.rs", package.replace('.', "_"))
}

impl Backend for RustBackend {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn generate(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        let package = ir
            .files
            .first()
            .map(|f| f.package.clone())
            .ok_or("the IR has no files")?;
        let types = types::generate_types_with(
            ir,
            types::TypesOptions {
                serde: options.rust.serde,
            },
        );
        let services = ir.services.iter().map(|s| {
            let trait_and_ids = service::generate_service(ir, s);
            let dispatcher = dispatch::generate_dispatcher(ir, s);
            let client = client::generate_client(ir, s);
            let fast = fast::generate_fast_macro(ir, s);
            quote! { #trait_and_ids #dispatcher #client #fast }
        });
        let exports = exports::generate_exports(ir, options)?;
        let tokens = quote! { #types #(#services)* #exports };
        let file: syn::File =
            syn::parse2(tokens).map_err(|e| format!("generated Rust does not parse: {e}"))?;
        let source = if options.source.is_empty() {
            package.clone()
        } else {
            options.source.clone()
        };
        let contents = format!(
            "{}\n{}",
            header("//", &source),
            prettyplease::unparse(&file)
        );
        Ok(vec![GeneratedFile {
            path: PathBuf::from(file_name(&package)),
            contents: rustfmt(contents),
        }])
    }
}

/// Formats `source` with rustfmt (`$RUSTFMT`, else `rustfmt` on the PATH;
/// edition 2021, default style: it runs outside the project so no
/// `rustfmt.toml` applies). Returns `source` unchanged when rustfmt is not
/// installed or fails.
pub fn rustfmt(source: String) -> String {
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let child = Command::new(program)
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return source };
    let Some(mut stdin) = child.stdin.take() else {
        return source;
    };
    // Written from a thread: rustfmt may fill its stdout pipe before it has read all of stdin.
    let input = source.clone();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output();
    match (writer.join(), output) {
        (Ok(Ok(())), Ok(out)) if out.status.success() && !out.stdout.is_empty() => {
            String::from_utf8(out.stdout).unwrap_or(source)
        }
        _ => source,
    }
}

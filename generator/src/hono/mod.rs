//! The Hono backend (`kkgen gen --lang hono`): the HTTP side of a schema's services, written next
//! to the TS backend's files (group `ts`) and importing them and the Zod backend's `zod.ts`:
//!
//! - `routes.ts`: `create{Service}Routes(client, options?)` (`routes.rs`);
//! - `openapi.json` and `openapi.ts` (`openApiDocument`): the OpenAPI 3.1 document (`openapi.rs`);
//! - `http-client.ts`: `create{Service}HttpClient(baseUrl, options?)`, the typed HTTP client (`http_client.rs`).
//!
//! The runtime pieces come from `{ts-runtime}/http` (`@kkgen/runtime/http`); docs/http.md is
//! the spec.

pub mod emitted;
pub mod http_client;
pub mod openapi;
pub mod routes;

use crate::backend::{header, Backend, GenOptions, GeneratedFile};
use kkidl::ir::Ir;

/// Generates the Hono routes and the OpenAPI document from the IR.
#[derive(Debug, Default)]
pub struct HonoBackend;

impl Backend for HonoBackend {
    fn name(&self) -> &'static str {
        "hono"
    }

    fn language(&self) -> &'static str {
        "TypeScript"
    }

    fn group(&self) -> &'static str {
        "ts"
    }

    fn emitted_names(&self, ir: &Ir) -> Vec<kkidl::reserved::EmittedName> {
        let mut names = emitted::emitted_names(ir);
        names.extend(http_client::emitted_names(ir));
        names
    }

    fn generate(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        let runtime = options
            .ts
            .runtime_import
            .as_deref()
            .unwrap_or(crate::ts::DEFAULT_RUNTIME_IMPORT);
        let head = header("//", &options.source);
        let file = |path: &str, body: String| GeneratedFile {
            path: path.into(),
            contents: format!("{head}{body}"),
        };
        let mut files = vec![
            GeneratedFile {
                path: "openapi.json".into(),
                contents: openapi::generate_json(ir),
            },
            file("openapi.ts", openapi::generate_ts(ir)),
        ];
        if !ir.services.is_empty() {
            files.push(file(
                "routes.ts",
                routes::generate_routes(ir, &format!("{runtime}/http")),
            ));
            files.push(file(
                "http-client.ts",
                http_client::generate_http_client(ir, runtime),
            ));
        }
        Ok(files)
    }
}

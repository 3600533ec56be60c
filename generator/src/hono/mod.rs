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
pub mod thrown;

use crate::backend::{Backend, GenOptions, GeneratedFile};
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

    fn generate_bodies(&self, ir: &Ir, options: &GenOptions) -> Result<Vec<GeneratedFile>, String> {
        let runtime = options
            .ts
            .runtime_import
            .as_deref()
            .unwrap_or(crate::ts::DEFAULT_RUNTIME_IMPORT);
        let file = |path: &str, contents: String| GeneratedFile {
            path: path.into(),
            contents,
        };
        let mut files = vec![
            GeneratedFile {
                path: "openapi.json".into(),
                contents: openapi::generate_json(ir),
            },
            file("openapi.ts", openapi::generate_ts(ir)),
        ];
        // The files of a schema with services (the typed HTTP client goes here too).
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The geometry example through the Hono backend: one route per op, octet-stream where a
    /// typed buffer is the only parameter or the result, typed errors by name, the document
    /// naming every route.
    #[test]
    fn geometry_routes_and_document() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/geometry/geometry.kkidl");
        let ir = kkidl::compile(&[path], &[] as &[&Path])
            .unwrap_or_else(|e| panic!("{e}"))
            .ir;
        let files = HonoBackend
            .generate(&ir, &GenOptions::default())
            .expect("generates");
        let get = |name: &str| {
            &files
                .iter()
                .find(|f| f.path == Path::new(name))
                .unwrap_or_else(|| panic!("{name}"))
                .contents
        };
        let routes = get("routes.ts");
        assert!(routes.contains("export function createGeometryRoutes(client_: A.GeometryApi, options_?: HttpRoutesOptions): Hono {"));
        assert!(routes.contains("from \"@kkgen/runtime/http\""));
        assert_eq!(
            routes.matches("app_.post(\"/geo.v1/Geometry/").count(),
            ir.services[0].ops.len()
        );
        assert_eq!(
            routes.matches("kit_.bufferRoute(Float32Array").count(),
            1,
            "bounds_of only"
        );
        assert_eq!(
            routes.matches("kit_.acceptsOctetStream(c_)").count(),
            1,
            "tessellate only"
        );
        assert!(routes.contains(
            "typedErrorResponse(\"UnknownModel\", z.encode(Z.UnknownModelSchema, e_.data))"
        ));
        let doc: serde_json::Value = serde_json::from_str(get("openapi.json")).expect("JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        let bounds_of = &doc["paths"]["/geo.v1/Geometry/bounds_of"]["post"];
        assert!(bounds_of["requestBody"]["content"]["application/octet-stream"].is_object());
        assert_eq!(
            bounds_of["summary"],
            "The bounding box of a vertex buffer (x, y, z triples), read in place."
        );
        assert!(doc["paths"]["/geo.v1/Geometry/name"]["post"]["responses"]["422"].is_object());
        assert!(
            doc["paths"]["/geo.v1/Geometry/bounds_of"]["post"]["responses"]
                .get("422")
                .is_none()
        );
        assert!(doc["components"]["schemas"]["Bounds"].is_object());
        assert!(get("openapi.ts").contains("export const openApiDocument = {"));
    }
}

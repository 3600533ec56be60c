//! The hosts of the TS backend (`host.ts`): `serve{Service}(module)` runs the
//! service's wasm module inside a Worker or SharedWorker (behind the port
//! transports), and `create{Service}Direct(module)` calls it in the caller's
//! isolate (Cloudflare Workers, node, bun, deno).

use super::api::{service_views, ServiceView};
use askama::Template;
use kkidl::ir::Ir;

/// The `host.ts` template.
#[derive(Template)]
#[template(path = "host.ts", config = "src/ts/askama.toml", escape = "none")]
struct HostTemplate {
    runtime_import: String,
    services: Vec<ServiceView>,
}

/// The contents of `host.ts` (without the generated-file header).
pub fn generate_host(ir: &Ir, runtime_import: &str) -> String {
    let t = HostTemplate {
        runtime_import: runtime_import.into(),
        services: service_views(ir),
    };
    super::types::tidy(&t.render().expect("host.ts template renders"))
}

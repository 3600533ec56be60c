//! The typed clients of the TS backend (`client.ts`): `create{Service}Client(transport)`
//! implements `{Service}Api` over any runtime-ts `Transport`, one `opCall`
//! per op built from the generated codecs (`codecs.ts`);
//! `create{Service}SyncClient(direct)` implements `{Service}SyncApi` with the
//! same `opCall`s over the direct transport, synchronously (`callSync`,
//! `fastSync` for the scalar fast exports).

use super::api::{service_views, ServiceView};
use askama::Template;
use kkidl::ir::Ir;

/// The `client.ts` template.
#[derive(Template)]
#[template(path = "client.ts", config = "src/ts/askama.toml", escape = "none")]
struct ClientTemplate {
    runtime_import: String,
    codec_imports: Vec<String>,
    type_imports: Vec<String>,
    services: Vec<ServiceView>,
    /// Whether any service has an op (else nothing calls the runtime's `opCall`).
    has_ops: bool,
}

/// The contents of `client.ts` (without the generated-file header).
pub fn generate_client(ir: &Ir, runtime_import: &str) -> String {
    let services = service_views(ir);
    let mut codec_imports = vec![];
    let mut type_imports = vec![];
    for s in services.iter().filter(|s| !s.ops.is_empty()) {
        codec_imports.push(format!("{}OpIds", s.name));
        for o in &s.ops {
            codec_imports.push(format!("encode{}", o.params_name));
            codec_imports.push(format!("maxSize{}", o.params_name));
            codec_imports.push(format!("check{}", o.params_name));
            codec_imports.push(format!("decode{}", o.result_name));
            codec_imports.push(format!("decode{}", o.error_name));
        }
    }
    for s in &services {
        type_imports.push(format!("{}Api", s.name));
        type_imports.push(format!("{}SyncApi", s.name));
    }
    let has_ops = services.iter().any(|s| !s.ops.is_empty());
    let t = ClientTemplate {
        runtime_import: runtime_import.into(),
        codec_imports,
        type_imports,
        services,
        has_ops,
    };
    super::types::tidy(&t.render().expect("client.ts template renders"))
}

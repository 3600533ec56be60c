//! The typed HTTP clients of the Hono backend (`http-client.ts`, docs/http.md §7):
//! `create{Service}HttpClient(baseUrl, options?)` implements the TS backend's `{Service}Api`
//! over the generated routes, with explicit types (no `hc<typeof app>` inference). Each op is one
//! module constant `{Service}{Op}HttpOp` (route, Zod params/result codecs of `zod.ts`, typed
//! error classes of `types.ts`, octet-stream typed buffers) handed to runtime-ts's
//! `createHttpCaller` (`@kkgen/runtime/http-client`).

use super::thrown::{thrown_errors, ThrownError};
use crate::ts::api::{service_views, ParamView};
use crate::ts::naming;
use crate::ts::types::buffer_type;
use askama::Template;
use kkidl::ir::{Ir, Op, Service, TypeRef};
use kkidl::reserved::{EmittedName, Origin};

/// The `http-client.ts` template.
#[derive(Template)]
#[template(
    path = "http-client.ts",
    config = "src/hono/askama.toml",
    escape = "none"
)]
struct HttpClientTemplate {
    client_import: String,
    type_imports: Vec<String>,
    services: Vec<ServiceView>,
    /// Whether any service has an op (else nothing uses `types.ts` or `zod.ts`).
    has_ops: bool,
}

/// One service's client.
struct ServiceView {
    /// PascalCase service name.
    name: String,
    /// `package.Service`.
    qualified: String,
    ops: Vec<OpView>,
}

/// One op's `HttpOp` constant and method.
struct OpView {
    /// `{Service}{Op}HttpOp`.
    const_name: String,
    /// The method of `{Service}Api`.
    method: String,
    params: Vec<ParamView>,
    /// `{Service}{Op}Params` (the TS type; its Zod codec is `…ParamsSchema`).
    params_type: String,
    /// Whether the op returns something (else 204, no result codec).
    has_result: bool,
    /// `{Service}{Op}ResultSchema`.
    result_schema: String,
    /// The route below the base URL, as a TS string literal.
    path: String,
    errors: Vec<ThrownError>,
    /// The key of the only parameter when it is a typed buffer (sent as octet-stream), a TS literal.
    buffer_param: Option<String>,
    /// The typed-array class of a typed-buffer result (asked for as octet-stream).
    buffer_result: Option<&'static str>,
}

/// `{Service}{Op}HttpOp`.
fn const_name(service: &str, op: &str) -> String {
    let params = naming::params_name(service, op);
    format!("{}HttpOp", params.trim_end_matches("Params"))
}

fn op_view(ir: &Ir, svc: &Service, op: &Op, params: Vec<ParamView>, method: String) -> OpView {
    let buffer_param = match op.params.as_slice() {
        [p] if matches!(p.ty, TypeRef::Buffer { .. }) => {
            Some(naming::string_literal(&naming::field_name(&p.name)))
        }
        _ => None,
    };
    let buffer_result = match &op.result {
        Some(TypeRef::Buffer { elem }) => Some(buffer_type(*elem)),
        _ => None,
    };
    OpView {
        const_name: const_name(&svc.name, &op.name),
        method,
        params,
        params_type: naming::params_name(&svc.name, &op.name),
        has_result: op.result.is_some(),
        result_schema: format!("{}Schema", naming::result_name(&svc.name, &op.name)),
        path: naming::string_literal(&format!("{}/{}/{}", svc.package, svc.name, op.name)),
        errors: thrown_errors(ir, op),
        buffer_param,
        buffer_result,
    }
}

/// The contents of `http-client.ts` (without the generated-file header); `runtime_import` is
/// runtime-ts's main entry (the client runtime is its `/http-client` subpath).
pub fn generate_http_client(ir: &Ir, runtime_import: &str) -> String {
    let services: Vec<ServiceView> = ir
        .services
        .iter()
        .zip(service_views(ir))
        .map(|(svc, view)| ServiceView {
            name: view.name,
            qualified: view.qualified,
            ops: svc
                .ops
                .iter()
                .zip(view.ops)
                .map(|(op, o)| op_view(ir, svc, op, o.params, o.method))
                .collect(),
        })
        .collect();
    let t = HttpClientTemplate {
        client_import: format!("{runtime_import}/http-client"),
        type_imports: services.iter().map(|s| format!("{}Api", s.name)).collect(),
        has_ops: services.iter().any(|s| !s.ops.is_empty()),
        services,
    };
    crate::ts::types::tidy(&t.render().expect("http-client.ts template renders"))
}

/// The names `http-client.ts` exports: per service `create{Service}HttpClient`. Its per-op
/// constants `{Service}{Op}HttpOp` are module-private and meet no schema name there (types are
/// reached through the `T` namespace, codecs through `Z`; every other identifier ends in `Api`,
/// `HttpClient` or `_`), so they are not registered.
pub fn emitted_names(ir: &Ir) -> Vec<EmittedName> {
    ir.services
        .iter()
        .enumerate()
        .map(|(si, s)| {
            EmittedName::generated(
                format!("create{}HttpClient", naming::service_name(&s.name)),
                Origin::Service(si),
                "HTTP client factory",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture's client: one constant and one method per op, typed errors by schema name,
    /// void ops without a result codec.
    #[test]
    fn generates_the_fixture_client() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/service/fixture/fixture.kkidl");
        let ir = kkidl::compile(&[path], &[] as &[&std::path::Path])
            .unwrap_or_else(|e| panic!("{e}"))
            .ir;
        let ts = generate_http_client(&ir, "@kkgen/runtime");
        assert!(ts.contains("from \"@kkgen/runtime/http-client\""));
        assert!(ts.contains("export function createFixtureHttpClient(baseUrl: string | URL, options?: HttpClientOptions): FixtureApi {"));
        assert!(ts.contains("path: \"kk.fixture.v1/Fixture/add\","));
        assert!(ts.contains("\"FixtureFailure\": [Z.FixtureFailureSchema, T.FixtureFailureError],"));
        assert!(ts.contains("const FixtureSetCounterHttpOp: HttpOp<T.FixtureSetCounterParams, Awaited<ReturnType<FixtureApi[\"setCounter\"]>>> = {\n  path: \"kk.fixture.v1/Fixture/set_counter\",\n  params: Z.FixtureSetCounterParamsSchema,\n  result: undefined,"));
        assert!(ts.contains("add: (a, b, options_) =>\n      http_.call(FixtureAddHttpOp, { a: a, b: b }, options_),"));
        let names = emitted_names(&ir);
        assert!(names.iter().any(|n| n.ident == "createFixtureHttpClient"));
        assert_eq!(names.len(), 1);
    }
}

//! `routes.ts` of the Hono backend: per service `create{Service}Routes(client, options?)`, one
//! `POST /{package}/{Service}/{op}` route per op validated by `@hono/zod-validator` with the
//! runtime's hook (`@kkgen/runtime/http`), calling the op on any transport's `{Service}Api`
//! client; typed errors answer 422 with the error's JSON, typed-buffer ops also speak
//! octet-stream, an op that `emits` publishes its result to `options.events` after it succeeds,
//! `GET /{package}/{Service}/openapi.json` serves the document and `GET /{package}/{Service}/events`
//! the event stream (docs/http.md).

use super::thrown::{thrown_errors, ThrownError};
use crate::ts::doc::tsdoc;
use crate::ts::naming;
use crate::ts::types::buffer_type;
use askama::Template;
use heck::ToUpperCamelCase;
use kkidl::ir::{Ir, Op, Service, TypeRef};

/// The raw body of an op whose only parameter is one typed buffer.
pub struct OctetView {
    /// The typed array class (`Float32Array`, ...).
    pub class: String,
    /// The parameter's property in the params object.
    pub prop: String,
}

/// One op's route.
pub struct RouteOpView {
    /// TSDoc of the answering function (the op's docs).
    pub doc: String,
    /// `/{package}/{Service}/{op}`.
    pub path: String,
    /// The local function answering the op (`op{Op}_`).
    pub local: String,
    /// The client method.
    pub method: String,
    /// The parameter binding of the answering function (`_params` when the op has none).
    pub params_binding: String,
    /// `{Service}{Op}Params` in `types.ts`.
    pub params_type: String,
    /// `{Service}{Op}ParamsSchema` in `zod.ts`.
    pub params_schema: String,
    /// The call's arguments (`params_.a, params_.b`).
    pub args: String,
    /// The `zod.ts` schema encoding the result; `None` for ops without one (204).
    pub result_schema: Option<String>,
    /// The result's JSON as a TS expression: `result_` itself when the TS value is its own JSON
    /// (`json_shape::is_own_json`: no codec on the hot path), else `z.encode(...)`.
    pub result_json: String,
    /// Whether the result is one typed buffer (octet-stream when `Accept` asks for it).
    pub buffer_result: bool,
    /// Whether the answering function reads the request (`Accept`).
    pub needs_context: bool,
    /// The typed errors, in `throws` order.
    pub errors: Vec<ThrownError>,
    /// The octet-stream body, when the op's only parameter is a typed buffer.
    pub octet_in: Option<OctetView>,
    /// The events it emits after it succeeds, as TS string literals of their names.
    pub emits: Vec<String>,
}

/// One service's routes.
pub struct RouteServiceView {
    /// PascalCase service name.
    pub name: String,
    /// `package.Service`.
    pub qualified: String,
    /// `/{package}/{Service}`.
    pub base: String,
    /// Its ops.
    pub ops: Vec<RouteOpView>,
    /// Whether it declares events (the SSE route is mounted when a hub is given).
    pub has_events: bool,
}

/// The `routes.ts` template.
#[derive(Template)]
#[template(path = "routes.ts", config = "src/hono/askama.toml", escape = "none")]
struct RoutesTemplate {
    http_import: String,
    services: Vec<RouteServiceView>,
    has_ops: bool,
    has_errors: bool,
    uses_encode: bool,
    uses_context: bool,
}

/// The path of a service's routes: `/{package}/{Service}` as written.
pub fn service_base(svc: &Service) -> String {
    format!("/{}/{}", svc.package, svc.name)
}

/// The path of an op's route: `/{package}/{Service}/{op}` as written.
pub fn op_path(svc: &Service, op: &Op) -> String {
    format!("{}/{}", service_base(svc), op.name)
}

fn op_view(ir: &Ir, svc: &Service, op: &Op) -> RouteOpView {
    let params_name = naming::params_name(&svc.name, &op.name);
    let buffer_result = matches!(op.result, Some(TypeRef::Buffer { .. }));
    let octet_in = match op.params.as_slice() {
        [p] => match &p.ty {
            TypeRef::Buffer { elem } => Some(OctetView {
                class: buffer_type(*elem).to_string(),
                prop: naming::field_name(&p.name),
            }),
            _ => None,
        },
        _ => None,
    };
    let args: Vec<String> = op
        .params
        .iter()
        .map(|p| format!("params_.{}", naming::field_name(&p.name)))
        .collect();
    RouteOpView {
        doc: tsdoc(&op.meta, "  "),
        path: op_path(svc, op),
        local: format!("op{}_", op.name.to_upper_camel_case()),
        method: naming::op_name(&op.name),
        params_binding: if op.params.is_empty() {
            "_params".into()
        } else {
            "params_".into()
        },
        params_type: params_name.clone(),
        params_schema: format!("{params_name}Schema"),
        args: args.join(", "),
        result_schema: op
            .result
            .as_ref()
            .map(|_| format!("{}Schema", naming::result_name(&svc.name, &op.name))),
        result_json: match &op.result {
            Some(r) if !crate::json_shape::is_own_json(ir, r) => format!(
                "z.encode(Z.{}Schema, result_)",
                naming::result_name(&svc.name, &op.name)
            ),
            // An absent `T?` result is `null` in JSON (docs/json.md §3.4), not a missing value.
            Some(TypeRef::Optional { .. }) => "result_ ?? null".into(),
            _ => "result_".into(),
        },
        buffer_result,
        needs_context: buffer_result,
        errors: thrown_errors(ir, op),
        octet_in,
        emits: op
            .emits
            .iter()
            .filter_map(|&i| svc.events.get(i as usize))
            .map(|e| naming::string_literal(&e.name))
            .collect(),
    }
}

/// The contents of `routes.ts` (without the generated-file header); `http_import` is the
/// runtime's HTTP entry (`@kkgen/runtime/http`).
pub fn generate_routes(ir: &Ir, http_import: &str) -> String {
    let services: Vec<RouteServiceView> = ir
        .services
        .iter()
        .map(|svc| RouteServiceView {
            name: naming::service_name(&svc.name),
            qualified: svc.qualified_name(),
            base: service_base(svc),
            ops: svc.ops.iter().map(|op| op_view(ir, svc, op)).collect(),
            has_events: !svc.events.is_empty(),
        })
        .collect();
    let ops = || services.iter().flat_map(|s| &s.ops);
    let t = RoutesTemplate {
        http_import: http_import.into(),
        has_ops: ops().next().is_some(),
        has_errors: ops().any(|o| !o.errors.is_empty()),
        uses_encode: ops().any(|o| !o.errors.is_empty() || o.result_json.starts_with("z.encode")),
        uses_context: ops().any(|o| o.needs_context),
        services,
    };
    crate::ts::types::tidy(&t.render().expect("routes.ts template renders"))
}

//! `openapi.json` and `openapi.ts` of the Hono backend: the OpenAPI 3.1 document of every
//! service's routes (docs/http.md §7), docs carried over, request and response bodies as JSON
//! Schema 2020-12 from the one JSON mapping (`crate::json_shape`), the error bodies and statuses
//! of docs/http.md §4. One document per schema; each service serves it at
//! `GET /{package}/{Service}/openapi.json`.

use super::routes::{op_path, service_base};
use kkidl::ir::{Ir, Meta, Op, Service, TypeRef};
use serde_json::{json, Map, Value};

use crate::json_shape::{component_schemas, json_schema as type_schema};

/// `description` from docs lines (joined by newlines), when there are any.
fn describe(meta: &Meta, out: &mut Map<String, Value>) {
    if !meta.docs.is_empty() {
        out.insert("description".into(), Value::String(meta.docs.join("\n")));
    }
    if meta.deprecated.is_some() {
        out.insert("deprecated".into(), Value::Bool(true));
    }
}

/// A response with a JSON body of `schema`.
fn json_response(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

/// The raw body of a typed buffer.
fn octet_content() -> Value {
    json!({ "schema": { "type": "string", "contentMediaType": "application/octet-stream" } })
}

fn operation(ir: &Ir, svc: &Service, op: &Op) -> Value {
    let mut o = Map::new();
    o.insert(
        "operationId".into(),
        Value::String(format!("{}.{}", svc.qualified_name(), op.name)),
    );
    o.insert("tags".into(), json!([svc.qualified_name()]));
    if let Some(first) = op.meta.docs.first() {
        o.insert("summary".into(), Value::String(first.trim().to_string()));
    }
    describe(&op.meta, &mut o);
    let mut request = Map::new();
    request.insert(
        "application/json".into(),
        json!({ "schema": crate::json_shape::params_schema(ir, op) }),
    );
    if matches!(op.params.as_slice(), [p] if matches!(p.ty, TypeRef::Buffer { .. })) {
        request.insert("application/octet-stream".into(), octet_content());
    }
    o.insert(
        "requestBody".into(),
        json!({ "required": true, "content": request }),
    );
    let mut responses = Map::new();
    match &op.result {
        None => {
            responses.insert("204".into(), json!({ "description": "Done; no result." }));
        }
        Some(ty) => {
            let result =
                crate::json_shape::result_schema(ir, op).unwrap_or_else(|| type_schema(ir, ty));
            let mut ok = json_response("The op's result.", result);
            if matches!(ty, TypeRef::Buffer { .. }) {
                ok["content"]["application/octet-stream"] = octet_content();
            }
            responses.insert("200".into(), ok);
        }
    }
    responses.insert(
        "400".into(),
        json!({ "$ref": "#/components/responses/BadRequest" }),
    );
    responses.insert(
        "413".into(),
        json!({ "$ref": "#/components/responses/SystemError" }),
    );
    responses.insert(
        "415".into(),
        json!({ "$ref": "#/components/responses/SystemError" }),
    );
    if !op.throws.is_empty() {
        let forms: Vec<Value> = op
            .throws
            .iter()
            .map(|e| {
                let name = &ir.ty(*e).name;
                json!({
                    "type": "object",
                    "properties": { "error": {
                        "type": "object",
                        "properties": {
                            "type": { "const": name },
                            "data": type_schema(ir, &TypeRef::Named { id: *e }),
                        },
                        "required": ["type", "data"],
                        "additionalProperties": false,
                    } },
                    "required": ["error"],
                    "additionalProperties": false,
                })
            })
            .collect();
        responses.insert(
            "422".into(),
            json_response("One of the op's typed errors.", json!({ "oneOf": forms })),
        );
    }
    for status in ["500", "503", "504"] {
        responses.insert(
            status.into(),
            json!({ "$ref": "#/components/responses/SystemError" }),
        );
    }
    o.insert("responses".into(), Value::Object(responses));
    Value::Object(o)
}

/// `GET /{package}/{Service}/events`: the datastar SSE stream of the service's events (served
/// when the routes are given an event hub).
fn events_operation(svc: &Service) -> Value {
    let mut lines = vec!["The service's events as datastar 1.0 SSE (`datastar-patch-signals`), each sent after the op that emits it succeeds:".to_string()];
    for e in &svc.events {
        let doc = e
            .meta
            .docs
            .first()
            .map(|d| format!(": {}", d.trim()))
            .unwrap_or_default();
        lines.push(format!("- `{}`{doc}", e.name));
    }
    json!({
        "operationId": format!("{}.events", svc.qualified_name()),
        "tags": [svc.qualified_name()],
        "summary": "Live updates (server-sent events).",
        "description": lines.join("\n"),
        "responses": {
            "200": { "description": "The event stream.", "content": { "text/event-stream": { "schema": { "type": "string" } } } },
            "404": { "$ref": "#/components/responses/SystemError" },
            "503": { "$ref": "#/components/responses/SystemError" },
        },
    })
}

/// The error bodies every route shares (docs/http.md §4).
fn shared_components(schemas: &mut Map<String, Value>) -> Value {
    schemas.insert(
        "kkgen.SystemError".into(),
        json!({
            "description": "A failure of the machinery or of the request: `type` is a system error code (`decode`, `too_large`, `timeout`, ...) or `unsupported_media_type`, `not_found`.",
            "type": "object",
            "properties": { "error": {
                "type": "object",
                "properties": { "type": { "type": "string" }, "message": { "type": "string" } },
                "required": ["type", "message"],
                "additionalProperties": false,
            } },
            "required": ["error"],
            "additionalProperties": false,
        }),
    );
    schemas.insert(
        "kkgen.InvalidRequest".into(),
        json!({
            "description": "The body does not validate: every invalid field, by JSON Pointer.",
            "type": "object",
            "properties": { "error": {
                "type": "object",
                "properties": {
                    "type": { "const": "invalid_request" },
                    "issues": { "type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "path": { "type": "string" },
                            "expected": { "type": "string" },
                            "got": { "type": "string" },
                            "message": { "type": "string" },
                        },
                        "required": ["path", "expected", "got", "message"],
                        "additionalProperties": false,
                    } },
                },
                "required": ["type", "issues"],
                "additionalProperties": false,
            } },
            "required": ["error"],
            "additionalProperties": false,
        }),
    );
    json!({
        "SystemError": json_response(
            "A system error (docs/http.md §4.2).",
            json!({ "$ref": "#/components/schemas/kkgen.SystemError" }),
        ),
        "BadRequest": json_response(
            "An invalid request (`invalid_request`, every invalid field) or an unreadable body (`decode`).",
            json!({ "oneOf": [
                { "$ref": "#/components/schemas/kkgen.InvalidRequest" },
                { "$ref": "#/components/schemas/kkgen.SystemError" },
            ] }),
        ),
    })
}

/// The document's title: the services' qualified names, or the packages without services.
fn title(ir: &Ir) -> String {
    if ir.services.is_empty() {
        let mut packages: Vec<&str> = ir.files.iter().map(|f| f.package.as_str()).collect();
        packages.dedup();
        packages.join(", ")
    } else {
        ir.services
            .iter()
            .map(|s| s.qualified_name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The OpenAPI 3.1 document of `ir`'s services.
pub fn document(ir: &Ir) -> Value {
    let mut paths = Map::new();
    for svc in &ir.services {
        for op in &svc.ops {
            paths.insert(op_path(svc, op), json!({ "post": operation(ir, svc, op) }));
        }
        paths.insert(
            format!("{}/openapi.json", service_base(svc)),
            json!({ "get": {
                "operationId": format!("{}.openapi", svc.qualified_name()),
                "tags": [svc.qualified_name()],
                "summary": "This document.",
                "responses": { "200": json_response("The OpenAPI document.", json!({ "type": "object" })) },
            } }),
        );
        if !svc.events.is_empty() {
            paths.insert(
                format!("{}/events", service_base(svc)),
                json!({ "get": events_operation(svc) }),
            );
        }
    }
    let mut schemas = component_schemas(ir);
    let responses = shared_components(&mut schemas);
    let mut info = Map::new();
    info.insert("title".into(), Value::String(title(ir)));
    info.insert(
        "version".into(),
        Value::String(env!("CARGO_PKG_VERSION").into()),
    );
    let docs: Vec<String> = ir
        .services
        .iter()
        .flat_map(|s| s.meta.docs.clone())
        .collect();
    if !docs.is_empty() {
        info.insert("description".into(), Value::String(docs.join("\n")));
    }
    json!({
        "openapi": "3.1.0",
        "info": info,
        "paths": paths,
        "components": { "schemas": schemas, "responses": responses },
    })
}

/// `openapi.json`: the document, pretty-printed, ending in a newline.
pub fn generate_json(ir: &Ir) -> String {
    let mut text = serde_json::to_string_pretty(&document(ir)).expect("a JSON value prints");
    text.push('\n');
    text
}

/// `openapi.ts` (without the generated-file header): the same document as a constant.
pub fn generate_ts(ir: &Ir) -> String {
    let text = serde_json::to_string_pretty(&document(ir)).expect("a JSON value prints");
    format!("// The OpenAPI 3.1 document of the services' routes (openapi.json).\n\n/** The OpenAPI document served at `GET /{{package}}/{{Service}}/openapi.json`. */\nexport const openApiDocument = {text} as const;\n")
}

//! The service side of the Go backend (`service.go`): per service an
//! interface with one method per op, a dispatcher (`service.Dispatcher`) that
//! decodes params, calls the method and encodes the ok or error answer, and
//! `Register{Service}` (module ABI, lazy) / `Serve{Service}Stdio`. A bare
//! `T[]` result made by `wire.ResultBuffer` is answered with its own frame
//! (`wire.TakeResultFrame`, no copy of the data).
//!
//! Codec contract with the types/codecs file (`crate::go::types`): every op
//! has a params struct `{Service}{Op}Params` (fields = params) with
//! `EncodeTo(w *wire.Writer)` / `DecodeFrom(r *wire.Reader) error`, every op
//! with a result has `encode{Service}{Op}Result(w *wire.Writer, v T)` and
//! `decode{Service}{Op}Result(r *wire.Reader) (T, error)`, every error type
//! has `EncodeTo`/`DecodeFrom` and an `Error() string` method.

use super::docs::GoDoc;
use super::naming;
use super::types::go_type;
use crate::literal::go_string;
use askama::Template;
use kkidl::ir::{Ir, TypeDefKind, TypeRef};

/// One op parameter as the Go code sees it.
pub struct ParamView {
    /// Go identifier of the argument, e.g. `samples`.
    pub arg: String,
    /// Field of the params struct, e.g. `Samples`.
    pub field: String,
    /// Go type, e.g. `[]float32`.
    pub go_type: String,
}

/// A typed error an op may throw.
pub struct ThrowView {
    /// Go type name, e.g. `InvalidOrder`.
    pub name: String,
    /// Wire id, in hex.
    pub wire_id: String,
}

/// One op.
pub struct OpView {
    /// Method name, e.g. `ValidateOrder`.
    pub method: String,
    /// Op id as a Go hex literal.
    pub id: String,
    /// `package.Service.op`.
    pub qualified: String,
    /// Its comment in the service interface (docs and deprecation).
    pub doc: GoDoc,
    /// Its comment in the client (the same, or a default sentence).
    pub client_doc: GoDoc,
    /// Parameters in wire order.
    pub params: Vec<ParamView>,
    /// Go type of the result, if any.
    pub result: Option<String>,
    /// Errors it throws.
    pub throws: Vec<ThrowView>,
    /// Name of the params struct, e.g. `RulesValidateOrderParams`.
    pub params_type: String,
    /// The op name as written, as a Go string literal (the descriptor's).
    pub name_literal: String,
    /// Suffix of the result codec functions, e.g. `RulesValidateOrderResult`.
    pub result_codec: String,
    /// Whether the result is a bare typed buffer `T[]`: the dispatcher then
    /// answers a slice from `wire.ResultBuffer` with its own frame (no copy).
    pub result_is_buffer: bool,
}

/// One service.
pub struct ServiceView {
    /// Go name, e.g. `Rules`.
    pub name: String,
    /// `package.Service`.
    pub qualified: String,
    /// The schema's docs and deprecation, before the interface's own comment.
    pub doc: GoDoc,
    /// Its ops.
    pub ops: Vec<OpView>,
    /// The first typed error any op throws, named in the interface's doc.
    pub example_error: Option<String>,
    /// The descriptor's package, name and doc line as Go string literals.
    pub package_literal: String,
    /// See `package_literal`.
    pub name_literal: String,
    /// See `package_literal`.
    pub doc_literal: String,
}

/// The views of every service, in IR order.
pub fn service_views(ir: &Ir) -> Vec<ServiceView> {
    ir.services
        .iter()
        .map(|s| {
            let name = naming::service_name(&s.name);
            let ops: Vec<OpView> = s
                .ops
                .iter()
                .map(|o| {
                    let method = naming::op_method(&o.name);
                    let result_codec = naming::result_codec(&s.name, &o.name);
                    // Package-level names the client body refers to besides its kk* locals.
                    let taken = [format!("decode{result_codec}")];
                    OpView {
                        params_type: naming::params_type(&s.name, &o.name),
                        name_literal: go_string(&o.name),
                        id: format!("0x{:08x}", o.id),
                        qualified: format!("{}.{}", s.qualified_name(), o.name),
                        doc: GoDoc::new(&o.meta, None, "\t"),
                        client_doc: GoDoc::new(
                            &o.meta,
                            Some(&format!(
                                "{method} calls `{}.{}`.",
                                s.qualified_name(),
                                o.name
                            )),
                            "",
                        ),
                        params: o
                            .params
                            .iter()
                            .map(|p| ParamView {
                                arg: naming::param_name(&p.name, &taken),
                                field: naming::field_name(&p.name),
                                go_type: go_type(ir, &p.ty),
                            })
                            .collect(),
                        result: o.result.as_ref().map(|t| go_type(ir, t)),
                        throws: o
                            .throws
                            .iter()
                            .map(|id| {
                                let t = ir.ty(*id);
                                let wire_id = match &t.kind {
                                    TypeDefKind::Error(e) => e.wire_id,
                                    _ => 0,
                                };
                                ThrowView {
                                    name: naming::type_name(&t.name),
                                    wire_id: format!("0x{wire_id:08x}"),
                                }
                            })
                            .collect(),
                        result_codec,
                        result_is_buffer: matches!(o.result, Some(TypeRef::Buffer { .. })),
                        method,
                    }
                })
                .collect();
            let example_error = ops
                .iter()
                .flat_map(|o: &OpView| o.throws.first())
                .next()
                .map(|t| t.name.clone());
            ServiceView {
                example_error,
                name,
                qualified: s.qualified_name(),
                doc: GoDoc::new(&s.meta, None, ""),
                ops,
                package_literal: go_string(&s.package),
                name_literal: go_string(&s.name),
                doc_literal: go_string(&crate::descriptor::doc_line(s)),
            }
        })
        .collect()
}

/// The `service.go` template.
#[derive(Template)]
#[template(path = "service.go", config = "src/go/askama.toml", escape = "none")]
struct ServiceTemplate<'a> {
    package: &'a str,
    services: Vec<ServiceView>,
}

/// The contents of `service.go` (without the generated-file header).
pub fn generate_service(ir: &Ir, go_package: &str) -> String {
    ServiceTemplate {
        package: go_package,
        services: service_views(ir),
    }
    .render()
    .expect("service.go template renders")
}

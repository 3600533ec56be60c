//! The service side of the Go backend (`service.go`): per service an
//! interface with one method per op, a dispatcher (`service.Dispatcher`) that
//! decodes params, calls the method and encodes the ok or error answer, and
//! `Register{Service}` (module ABI, lazy) / `Serve{Service}Stdio`.
//!
//! Codec contract with the types/codecs file (`crate::go::types`): every op
//! has a params struct `{Service}{Op}Params` (fields = params) with
//! `EncodeTo(w *wire.Writer)` / `DecodeFrom(r *wire.Reader) error`, every op
//! with a result has `encode{Service}{Op}Result(w *wire.Writer, v T)` and
//! `decode{Service}{Op}Result(r *wire.Reader) (T, error)`, every error type
//! has `EncodeTo`/`DecodeFrom` and an `Error() string` method.

use askama::Template;
use heck::{ToLowerCamelCase, ToUpperCamelCase};
use kkidl::ir::{BufferElem, Ir, MapKey, Scalar, TypeDefKind, TypeRef};

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
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Deprecation note, if any.
    pub deprecated: Option<String>,
    /// Parameters in wire order.
    pub params: Vec<ParamView>,
    /// Go type of the result, if any.
    pub result: Option<String>,
    /// Errors it throws.
    pub throws: Vec<ThrowView>,
    /// Name of the params struct, e.g. `RulesValidateOrderParams`.
    pub params_type: String,
    /// Suffix of the result codec functions, e.g. `RulesValidateOrderResult`.
    pub result_codec: String,
}

/// One service.
pub struct ServiceView {
    /// Go name, e.g. `Rules`.
    pub name: String,
    /// `package.Service`.
    pub qualified: String,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Its ops.
    pub ops: Vec<OpView>,
}

/// The Go type of a type use (no wire knowledge here: names only).
pub fn go_type(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Scalar { scalar } => match scalar {
            Scalar::Bool => "bool",
            Scalar::I8 => "int8",
            Scalar::I16 => "int16",
            Scalar::I32 => "int32",
            Scalar::I64 => "int64",
            Scalar::U8 => "uint8",
            Scalar::U16 => "uint16",
            Scalar::U32 => "uint32",
            Scalar::U64 => "uint64",
            Scalar::F32 => "float32",
            Scalar::F64 => "float64",
            Scalar::String => "string",
            Scalar::Bytes => "[]byte",
        }
        .to_string(),
        TypeRef::Buffer { elem } => format!("[]{}", buffer_elem(*elem)),
        TypeRef::List { elem } => format!("[]{}", go_type(ir, elem)),
        TypeRef::Map { key, value } => format!("map[{}]{}", map_key(*key), go_type(ir, value)),
        TypeRef::Optional { inner } => format!("*{}", go_type(ir, inner)),
        TypeRef::Named { id } => ir.ty(*id).name.to_upper_camel_case(),
    }
}

fn buffer_elem(e: BufferElem) -> &'static str {
    match e {
        BufferElem::U8 => "uint8",
        BufferElem::I8 => "int8",
        BufferElem::U16 => "uint16",
        BufferElem::I16 => "int16",
        BufferElem::U32 => "uint32",
        BufferElem::I32 => "int32",
        BufferElem::F32 => "float32",
        BufferElem::F64 => "float64",
        BufferElem::I64 => "int64",
        BufferElem::U64 => "uint64",
    }
}

fn map_key(k: MapKey) -> &'static str {
    match k {
        MapKey::String => "string",
        MapKey::I32 => "int32",
        MapKey::I64 => "int64",
        MapKey::U32 => "uint32",
        MapKey::U64 => "uint64",
    }
}

/// Go keywords and predeclared names an argument must not shadow.
const RESERVED: &[&str] = &[
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto",
    "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var", "d",
    "c", "p", "r", "w", "err", "res", "callID", "opID", "payload",
];

fn arg_name(name: &str) -> String {
    let a = name.to_lower_camel_case();
    if RESERVED.contains(&a.as_str()) {
        format!("{a}Arg")
    } else {
        a
    }
}

/// The views of every service, in IR order.
pub fn service_views(ir: &Ir) -> Vec<ServiceView> {
    ir.services
        .iter()
        .map(|s| {
            let name = s.name.to_upper_camel_case();
            let ops = s
                .ops
                .iter()
                .map(|o| {
                    let method = o.name.to_upper_camel_case();
                    OpView {
                        params_type: format!("{name}{method}Params"),
                        result_codec: format!("{name}{method}Result"),
                        id: format!("0x{:08x}", o.id),
                        qualified: format!("{}.{}", s.qualified_name(), o.name),
                        docs: o.meta.docs.clone(),
                        deprecated: o.meta.deprecated.clone(),
                        params: o
                            .params
                            .iter()
                            .map(|p| ParamView {
                                arg: arg_name(&p.name),
                                field: p.name.to_upper_camel_case(),
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
                                ThrowView { name: t.name.to_upper_camel_case(), wire_id: format!("0x{wire_id:08x}") }
                            })
                            .collect(),
                        method,
                    }
                })
                .collect();
            ServiceView { name, qualified: s.qualified_name(), docs: s.meta.docs.clone(), ops }
        })
        .collect()
}

/// The `service.go` template.
#[derive(Template)]
#[template(path = "go/service.go", escape = "none")]
struct ServiceTemplate<'a> {
    package: &'a str,
    services: Vec<ServiceView>,
}

/// The contents of `service.go` (without the generated-file header).
pub fn generate_service(ir: &Ir, go_package: &str) -> String {
    ServiceTemplate { package: go_package, services: service_views(ir) }
        .render()
        .expect("service.go template renders")
}

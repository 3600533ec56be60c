//! Every top-level name the Go backend declares in the generated package,
//! for the `E0604` check ([`kkidl::reserved`]): the declared types and
//! service interfaces, and every function, constant and type it invents
//! (`Default{T}`, `Encode{Union}`, `{Enum}{Variant}`, `{Union}Tag{Variant}`,
//! `New{S}Client`, `Register{S}`, `Serve{S}Stdio`, `{S}Op{Op}`,
//! `{S}{Op}Params`, the result codecs and fast exports).

use super::naming;
use kkidl::ir::{Ir, TypeDefKind};
use kkidl::reserved::{EmittedName, Origin};

/// Every top-level identifier of the generated package (see the module docs).
pub fn emitted_names(ir: &Ir) -> Vec<EmittedName> {
    let mut out = Vec::new();
    for td in &ir.types {
        let origin = Origin::Type(td.id);
        let name = naming::type_name(&td.name);
        let mut generated =
            |ident: String, what: &str| out.push(EmittedName::generated(ident, origin, what));
        match &td.kind {
            TypeDefKind::Struct(_) | TypeDefKind::Error(_) => {
                generated(naming::default_fn(&td.name), "default constructor")
            }
            TypeDefKind::Enum(e) => {
                generated(naming::default_fn(&td.name), "default constructor");
                generated(format!("{name}FromName"), "name lookup function");
                for v in &e.variants {
                    generated(naming::enum_const(&td.name, &v.name), "variant constant");
                }
            }
            TypeDefKind::Union(u) => {
                generated(naming::default_fn(&td.name), "default constructor");
                generated(naming::union_encode_fn(&td.name), "encode function");
                generated(naming::union_decode_fn(&td.name), "decode function");
                for v in &u.variants {
                    generated(
                        naming::union_variant_type(&td.name, &v.name),
                        "variant type",
                    );
                    generated(naming::union_tag_const(&td.name, &v.name), "tag constant");
                }
            }
            TypeDefKind::Handle => {}
        }
        out.push(EmittedName::declared(name, origin));
    }
    for (si, s) in ir.services.iter().enumerate() {
        let origin = Origin::Service(si);
        let name = naming::service_name(&s.name);
        out.push(EmittedName::declared(name.clone(), origin));
        let generated = [
            (format!("{name}Client"), "client type"),
            (format!("New{name}Client"), "client constructor"),
            (format!("{name}Dispatcher"), "dispatcher type"),
            (format!("New{name}Dispatcher"), "dispatcher constructor"),
            (format!("Register{name}"), "ABI registration function"),
            (format!("Serve{name}Stdio"), "stdio server function"),
            (format!("{name}Descriptor"), "service descriptor"),
        ];
        out.extend(EmittedName::generated_each(origin, generated));
        for (oi, op) in s.ops.iter().enumerate() {
            let origin = Origin::Op {
                service: si,
                op: oi,
            };
            let method = naming::op_method(&op.name);
            let result = naming::result_codec(&s.name, &op.name);
            let generated = [
                (format!("{name}Op{method}"), "op id constant"),
                (naming::params_type(&s.name, &op.name), "params struct"),
                (format!("encode{result}"), "result encoder"),
                (format!("decode{result}"), "result decoder"),
                (format!("kkOp{name}{method}"), "fast export"),
            ];
            out.extend(EmittedName::generated_each(origin, generated));
        }
    }
    out
}

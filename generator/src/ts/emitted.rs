//! Every top-level name the TypeScript backend exports from a schema's
//! modules (all re-exported by one `index.ts`, so they share a namespace),
//! for the `E0604` check ([`kkidl::reserved`]): the declared types, their
//! codec functions (`encodeX`, `decodeX`, `maxSizeX`, `defaultX`, `checkX`), typed
//! error classes (`{Error}Error`), per op the params type and the params (with their check),
//! result and error codecs, and per service `{S}Api`, `{S}OpIds`, `{S}Descriptor`,
//! `create{S}Client`, `{S}SyncApi`, `create{S}SyncClient`, `create{S}Direct` and `serve{S}`.

use super::naming;
use kkidl::ir::{Ir, TypeDefKind};
use kkidl::reserved::{EmittedName, Origin};

/// Every top-level identifier of the generated modules (see the module docs).
pub fn emitted_names(ir: &Ir) -> Vec<EmittedName> {
    let mut out = Vec::new();
    let codecs = |out: &mut Vec<EmittedName>, name: &str, origin: Origin, with_default: bool| {
        let mut items = vec![
            (format!("encode{name}"), "encoder"),
            (format!("decode{name}"), "decoder"),
            (format!("maxSize{name}"), "size bound"),
        ];
        if with_default {
            items.push((format!("default{name}"), "default constructor"));
        }
        out.extend(EmittedName::generated_each(origin, items));
    };
    for td in &ir.types {
        let origin = Origin::Type(td.id);
        let name = naming::type_name(&td.name);
        out.push(EmittedName::declared(name.clone(), origin));
        let with_default = matches!(
            td.kind,
            TypeDefKind::Struct(_) | TypeDefKind::Error(_) | TypeDefKind::Union(_)
        );
        codecs(&mut out, &name, origin, with_default);
        out.push(EmittedName::generated(
            format!("check{name}"),
            origin,
            "argument check",
        ));
        if matches!(td.kind, TypeDefKind::Error(_)) {
            out.push(EmittedName::generated(
                naming::error_class_name(&td.name),
                origin,
                "error class",
            ));
        }
    }
    for (si, s) in ir.services.iter().enumerate() {
        let origin = Origin::Service(si);
        let name = naming::service_name(&s.name);
        let generated = [
            (format!("{name}Api"), "service interface"),
            (format!("{name}OpIds"), "op id table"),
            (format!("{name}Descriptor"), "service descriptor"),
            (format!("create{name}Client"), "client factory"),
            (format!("{name}SyncApi"), "synchronous service interface"),
            (
                format!("create{name}SyncClient"),
                "synchronous client factory",
            ),
            (format!("create{name}Direct"), "direct client factory"),
            (format!("serve{name}"), "wasm server function"),
        ];
        out.extend(EmittedName::generated_each(origin, generated));
        for (oi, op) in s.ops.iter().enumerate() {
            let origin = Origin::Op {
                service: si,
                op: oi,
            };
            let params = naming::params_name(&s.name, &op.name);
            out.push(EmittedName::generated(
                params.clone(),
                origin,
                "params type",
            ));
            out.push(EmittedName::generated(
                format!("{params}Codec"),
                origin,
                "op codec",
            ));
            codecs(&mut out, &params, origin, true);
            out.push(EmittedName::generated(
                format!("check{params}"),
                origin,
                "argument check",
            ));
            codecs(
                &mut out,
                &naming::result_name(&s.name, &op.name),
                origin,
                false,
            );
            codecs(
                &mut out,
                &naming::op_error_name(&s.name, &op.name),
                origin,
                false,
            );
        }
    }
    out
}

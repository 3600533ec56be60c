//! The scalar fast path (`docs/abi.md` §1.4), shared by the backends: which
//! ops qualify, the wasm value type of each parameter and result, and the
//! export's name.
//!
//! An op qualifies when every parameter is a numeric scalar, `bool`, an enum
//! or a handle, its result is one of those or absent, and it throws no typed
//! error. Its export `kk_op_<id as 8 lowercase hex digits>` takes the
//! parameters in order as wasm values and returns the result the same way.

use kkidl::ir::{Ir, Op, Scalar, TypeDefKind, TypeId, TypeRef};

/// How one value of a fast op crosses as a wasm value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FastKind {
    /// `bool`: an `i32`, 0 or 1 (any non-zero value reads as true).
    Bool,
    /// `i8`, `i16`, `i32`, `u8`, `u16`, `u32` (the scalar), `i64`/`u64`, `f32`, `f64`.
    Scalar(Scalar),
    /// An enum: its value as an `i32`.
    Enum(TypeId),
    /// A handle: its number as an `i32`.
    Handle(TypeId),
}

/// A wasm value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmTy {
    I32,
    I64,
    F32,
    F64,
}

impl WasmTy {
    /// The text-format name (`i32`, ...).
    pub fn name(self) -> &'static str {
        match self {
            WasmTy::I32 => "i32",
            WasmTy::I64 => "i64",
            WasmTy::F32 => "f32",
            WasmTy::F64 => "f64",
        }
    }
}

impl FastKind {
    /// The wasm value type it crosses as.
    pub fn wasm(self) -> WasmTy {
        match self {
            FastKind::Scalar(Scalar::I64 | Scalar::U64) => WasmTy::I64,
            FastKind::Scalar(Scalar::F32) => WasmTy::F32,
            FastKind::Scalar(Scalar::F64) => WasmTy::F64,
            _ => WasmTy::I32,
        }
    }

    /// True for the kinds whose 32-bit wasm value is read as unsigned
    /// (`u8`..`u32`, enums, handles, `bool`).
    pub fn unsigned32(self) -> bool {
        matches!(
            self,
            FastKind::Bool
                | FastKind::Enum(_)
                | FastKind::Handle(_)
                | FastKind::Scalar(Scalar::U8 | Scalar::U16 | Scalar::U32)
        )
    }
}

/// The fast signature of an op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FastOp {
    /// The export's name, `kk_op_<id as 8 lowercase hex digits>`.
    pub export: String,
    /// Parameter kinds in order.
    pub params: Vec<FastKind>,
    /// The result's kind; `None` when the op returns nothing.
    pub result: Option<FastKind>,
}

/// The export name of op `id`: `kk_op_0000002a`.
pub fn export_name(id: u32) -> String {
    format!("kk_op_{id:08x}")
}

/// The [`FastKind`] of a type, or `None` when it cannot cross as one wasm value.
pub fn fast_kind(ir: &Ir, t: &TypeRef) -> Option<FastKind> {
    match t {
        TypeRef::Scalar {
            scalar: Scalar::Bool,
        } => Some(FastKind::Bool),
        TypeRef::Scalar {
            scalar: Scalar::String | Scalar::Bytes,
        } => None,
        TypeRef::Scalar { scalar } => Some(FastKind::Scalar(*scalar)),
        TypeRef::Named { id } => match ir.ty(*id).kind {
            TypeDefKind::Enum(_) => Some(FastKind::Enum(*id)),
            TypeDefKind::Handle => Some(FastKind::Handle(*id)),
            _ => None,
        },
        TypeRef::Buffer { .. }
        | TypeRef::List { .. }
        | TypeRef::Map { .. }
        | TypeRef::Optional { .. } => None,
    }
}

/// The fast signature of `op`, or `None` when it does not qualify.
pub fn fast_op(ir: &Ir, op: &Op) -> Option<FastOp> {
    if !op.throws.is_empty() {
        return None;
    }
    let params = op
        .params
        .iter()
        .map(|p| fast_kind(ir, &p.ty))
        .collect::<Option<Vec<_>>>()?;
    let result = match &op.result {
        Some(t) => Some(fast_kind(ir, t)?),
        None => None,
    };
    Some(FastOp {
        export: export_name(op.id),
        params,
        result,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn ir_of(rel: &str) -> Ir {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        kkidl::compile(&[path], &[] as &[&Path])
            .unwrap_or_else(|e| panic!("{e}"))
            .ir
    }

    #[test]
    fn eligibility_and_names() {
        assert_eq!(export_name(6), "kk_op_00000006");
        assert_eq!(export_name(0xdead_beef), "kk_op_deadbeef");
        let ir = ir_of("../tests/service/fixture/fixture.kkidl");
        let ops = &ir.services[0].ops;
        let fast: Vec<_> = ops
            .iter()
            .filter(|o| fast_op(&ir, o).is_some())
            .map(|o| o.name.as_str())
            .collect();
        // scale has a buffer, fail throws.
        assert_eq!(fast, ["set_counter", "get_counter", "trap", "add", "spin"]);
        let add = fast_op(&ir, ops.iter().find(|o| o.name == "add").unwrap()).unwrap();
        assert_eq!(add.export, "kk_op_00000006");
        assert_eq!(
            add.params.iter().map(|k| k.wasm()).collect::<Vec<_>>(),
            [WasmTy::I32, WasmTy::I32]
        );
        let kinds = ir_of("../examples/geometry/examples/kinds.kkidl");
        let fast: Vec<_> = kinds.services[0]
            .ops
            .iter()
            .filter(|o| fast_op(&kinds, o).is_some())
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(
            fast,
            [
                "wrap",
                "negate",
                "half",
                "next_color",
                "nothing",
                "nothings"
            ]
        );
    }
}

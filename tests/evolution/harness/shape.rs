//! The three op shapes every evolution case follows (`tests/evolution/README.md`), read from the
//! IR: what the harness's generated services do for an op. Shared by the Rust service's build
//! script (`rust/build.rs`) and the Go service's generator (`xtask/src/suites/evolution/go.rs`)
//! through `#[path]`; `runner.mjs` reads the same rule in JS.

use kkidl::ir::{Op, TypeRef};

/// What a generated handler does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Returns the parameter at this index (the first whose type is the result's).
    Echo(usize),
    /// Throws its first parameter, an error type among the op's throws.
    Raise,
    /// Returns nothing.
    Void,
}

/// The shape of `op`; an op with a result and no parameter of its type breaks the contract.
pub fn shape(op: &Op) -> Result<Shape, String> {
    if let Some(result) = &op.result {
        return op
            .params
            .iter()
            .position(|p| p.ty == *result)
            .map(Shape::Echo)
            .ok_or_else(|| {
                format!(
                    "op {:?} has a result but no parameter of its type (echo shape)",
                    op.name
                )
            });
    }
    match op.params.first().map(|p| &p.ty) {
        Some(TypeRef::Named { id }) if op.throws.contains(id) => Ok(Shape::Raise),
        _ => Ok(Shape::Void),
    }
}

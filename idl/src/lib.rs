//! kkidl: the schema language of kkgen.
//!
//! Stages, each in its own module: parse (pest grammar → AST with spans) →
//! check (names, imports, ids, recursion, reserved words; many diagnostics per
//! run) → lower (AST → resolved [`ir::Ir`]). Backends only ever see the IR.
//! The language is specified in `docs/kkidl.md`.

pub mod ir;

//! The generated type-form corpus: the type-expression model (`ty`), the
//! schemas built from it (`gen`), and the Rust, Go and TypeScript projects
//! that compile and round-trip the generated code (`harness`). Run by
//! `xtask/src/suites/corpus.rs`.

pub mod gen;
pub mod harness;
pub mod ty;

//! The generated corpora: the type-expression model (`ty`), the schemas
//! built from it (`gen`), the name corpus (`names`), and the Rust, Go and
//! TypeScript projects that compile and round-trip the generated code
//! (`harness`), and the Zod type check of each unit (`zod_check`). Run by `xtask/src/suites/corpus.rs`.

pub mod gen;
pub mod harness;
pub mod names;
pub mod ty;
pub mod zod_check;

//! The generated Rust bindings of the rules service (`examples/rules/rules.kkidl`), whose Go
//! implementation the tests in `tests/` call over NATS: the rules example's checked-in SDK
//! (`examples/rules/sdk/rust`, docs/sdk.md).

#![allow(missing_docs)]
include!("../../../../examples/rules/sdk/rust/rules_v1.rs");

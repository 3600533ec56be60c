//! The generated Rust bindings of the rules service (`examples/rules/rules.kkidl`), whose Go
//! implementation the tests in `tests/` call over NATS.

#![allow(missing_docs)]
include!(concat!(env!("OUT_DIR"), "/rules_v1.rs"));

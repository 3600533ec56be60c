//! Every evolution case (`tests/evolution/<case>/{old,new}.kkidl`) in one crate: per case and
//! version a module holding kkgen's generated bindings and an implementation of its `Evo` trait
//! that `build.rs` writes from the IR (the three op shapes of `tests/evolution/README.md`: echo
//! returns its first parameter of the result's type, raise throws its error parameter, void
//! returns nothing). [`dispatcher`] picks one by name.

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// The dispatcher of `version` (`old` or `new`) of `case`, if both exist.
pub fn dispatcher(case: &str, version: &str) -> Option<Box<dyn kkrpc_runtime::service::Dispatch>> {
    CASES
        .iter()
        .find(|(c, v, _)| *c == case && *v == version)
        .map(|(_, _, make)| make())
}

/// The `(case, version)` pairs this binary serves, in name order.
pub fn names() -> impl Iterator<Item = (&'static str, &'static str)> {
    CASES.iter().map(|(c, v, _)| (*c, *v))
}

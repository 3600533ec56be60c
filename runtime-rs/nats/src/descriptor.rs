//! A local copy of `kkrpc_runtime::descriptor` (the generated service
//! descriptors), until it lands on main; same names and fields.

/// What a generated service descriptor says about a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceDescriptor {
    /// The kkidl package as written, e.g. `geo.v1`.
    pub package: &'static str,
    /// The service name as written, e.g. `Geometry`.
    pub name: &'static str,
    /// The first line of the service's doc comment, or "".
    pub doc: &'static str,
    /// The ops, in schema order.
    pub ops: &'static [OpDescriptor],
}

/// One op of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpDescriptor {
    /// The op's wire id.
    pub id: u32,
    /// The op name as written (snake_case).
    pub name: &'static str,
}

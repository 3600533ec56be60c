//! Service descriptors: what a generated service says about itself at run time — its package,
//! name and ops (wire id and name as written) — for transports that address ops by name, such as
//! NATS subjects (`docs/nats.md` §1). The generated code has one `<SERVICE>_DESCRIPTOR` const per
//! service.

/// A service as the schema declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceDescriptor {
    /// The kkidl package as written, e.g. `kk.geo.v1`.
    pub package: &'static str,
    /// The service name as written, e.g. `Geometry`.
    pub name: &'static str,
    /// The first line of the service's doc comment, or empty.
    pub doc: &'static str,
    /// Its ops in declaration order.
    pub ops: &'static [OpDescriptor],
}

/// One op of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpDescriptor {
    /// The op's wire id (`docs/wire.md` §4.1).
    pub id: u32,
    /// The op name as written (snake_case), e.g. `tessellate`.
    pub name: &'static str,
}

impl ServiceDescriptor {
    /// The op with this wire id.
    pub fn op(&self, id: u32) -> Option<&OpDescriptor> {
        self.ops.iter().find(|op| op.id == id)
    }

    /// `package.Name`, e.g. `kk.geo.v1.Geometry`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.package, self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEO: ServiceDescriptor = ServiceDescriptor {
        package: "kk.geo.v1",
        name: "Geometry",
        doc: "",
        ops: &[OpDescriptor {
            id: 7,
            name: "tessellate",
        }],
    };

    #[test]
    fn finds_ops_by_id() {
        assert_eq!(GEO.op(7).map(|o| o.name), Some("tessellate"));
        assert_eq!(GEO.op(8), None);
        assert_eq!(GEO.qualified_name(), "kk.geo.v1.Geometry");
    }
}

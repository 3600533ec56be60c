//! Test support: a real `nats-server` per test, and the geometry service's
//! descriptor (by hand until the generated `GEOMETRY_DESCRIPTOR` lands).

pub mod nats_server;

use geometry_service::geometry_ops as ops;
use kkrpc_nats::descriptor::{OpDescriptor, ServiceDescriptor};

/// The geometry service's descriptor.
pub const GEOMETRY: ServiceDescriptor = ServiceDescriptor {
    package: "geo.v1",
    name: "Geometry",
    doc: "Builds, tessellates and measures parametric solids.",
    ops: &[
        OpDescriptor {
            id: ops::CREATE,
            name: "create",
        },
        OpDescriptor {
            id: ops::TESSELLATE,
            name: "tessellate",
        },
        OpDescriptor {
            id: ops::BOUNDS,
            name: "bounds",
        },
        OpDescriptor {
            id: ops::BOUNDS_OF,
            name: "bounds_of",
        },
        OpDescriptor {
            id: ops::NAME,
            name: "name",
        },
        OpDescriptor {
            id: ops::RELEASE,
            name: "release",
        },
        OpDescriptor {
            id: ops::IS_LIVE,
            name: "is_live",
        },
    ],
};

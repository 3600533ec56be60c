//! What every backend puts in a service's descriptor (the runtime's `ServiceDescriptor`: package,
//! name, doc line, ops with wire id and name as written; `docs/nats.md` §1) beyond names it
//! already has.

use kkidl::ir::Service;

/// The descriptor's `doc`: the first line of the service's doc comment, trimmed, or empty.
pub fn doc_line(service: &Service) -> String {
    service
        .meta
        .docs
        .first()
        .map(|line| line.trim().to_string())
        .unwrap_or_default()
}

//! The typed Go clients (`client.go`): `{Service}Client` over any runtime-go
//! `client.Transport` (in-process, a child's stdio), one method per op;
//! typed errors come back as the op's error structs, machinery failures as
//! `*client.SystemError`. Parameters are escaped by [`super::naming::param_name`],
//! and every identifier a method body declares starts with `kk`, so the two
//! cannot collide.

use super::service::{service_views, ServiceView};
use askama::Template;
use kkidl::ir::Ir;

/// The `client.go` template.
#[derive(Template)]
#[template(path = "client.go", config = "src/go/askama.toml", escape = "none")]
struct ClientTemplate<'a> {
    package: &'a str,
    services: Vec<ServiceView>,
}

/// The contents of `client.go` (without the generated-file header).
pub fn generate_client(ir: &Ir, go_package: &str) -> String {
    ClientTemplate {
        package: go_package,
        services: service_views(ir),
    }
    .render()
    .expect("client.go template renders")
}

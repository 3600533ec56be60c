//! kkrpc over NATS (docs/nats.md): [`serve`] puts a generated Rust service
//! (a [`Dispatch`](kkrpc_runtime::service::Dispatch)) on one subject per op
//! with the NATS service protocol (micro), and [`NatsTransport`] carries the
//! calls of a generated client (`<Service>Client<NatsTransport>`).
//!
//! Both take a connected [`async_nats::Client`]: connection options (user and
//! password, token, nkeys/creds, TLS, reconnects) stay the library's.

mod micro;
mod permissions;
mod serve;
mod setup_error;
mod status;
mod subject;
mod transport;

/// The descriptors `serve` and `NatsTransport` take (generated: `<SERVICE>_DESCRIPTOR`).
pub use kkrpc_runtime::descriptor::{OpDescriptor, ServiceDescriptor};
pub use micro::version_of;
pub use permissions::PermissionWatch;
pub use serve::{serve, NatsServer, ServeOptions};
pub use setup_error::SetupError;
pub use status::{answer_error, system_status, TYPED_ERROR_STATUS};
pub use subject::{check_prefix, op_subject};
pub use transport::{NatsTransport, TransportOptions};

//! [`NatsTransport`]: the client side (docs/nats.md §4, §5). A call frame
//! goes as one request to its op's subject; the reply's payload is the
//! answer frame. Refused before publishing: a frame over the connection's
//! `max_payload` (`too_large`). Mapped: no responders → `unavailable` at
//! once, the deadline → `timeout`, a permission violation (with a
//! [`PermissionWatch`]) → `forbidden`, a closed connection → `unavailable`.
//!
//! The generated clients' [`Transport`] is synchronous: `round_trip` blocks
//! the calling thread on the tokio runtime given to [`NatsTransport::new`]
//! (which must be driven elsewhere: a multi-thread runtime, or a thread
//! inside `Runtime::block_on`). Async callers use [`NatsTransport::request`].

use crate::permissions::{denied, PermissionWatch};
use crate::subject::op_subjects;
use crate::SetupError;
use async_nats::{Client, RequestErrorKind};
use kkrpc_runtime::client::{SystemError, Transport};
use kkrpc_runtime::descriptor::ServiceDescriptor;
use kkrpc_runtime::frame::{RawHeader, SystemErrorCode};
use std::time::Duration;
use tokio::runtime::Handle;

/// Options of [`NatsTransport::new`]; the default is no prefix, a 30 s
/// deadline and no permission watch.
#[derive(Debug, Clone)]
pub struct TransportOptions {
    /// Subject prefix (docs/nats.md §1), the same as the server's.
    pub prefix: Option<String>,
    /// Every call's deadline.
    pub timeout: Duration,
    /// Turns permission violations into `forbidden` at once (else such a
    /// call ends at its deadline with `timeout`).
    pub permissions: Option<PermissionWatch>,
}

impl Default for TransportOptions {
    fn default() -> Self {
        TransportOptions {
            prefix: None,
            timeout: Duration::from_secs(30),
            permissions: None,
        }
    }
}

/// Carries a generated client's calls over NATS.
#[derive(Debug, Clone)]
pub struct NatsTransport {
    client: Client,
    runtime: Handle,
    subjects: Vec<(u32, String)>,
    timeout: Duration,
    permissions: Option<PermissionWatch>,
    inbox_prefix: String,
}

impl NatsTransport {
    /// A transport calling `service` over `client`; `runtime` is the tokio
    /// runtime the connection lives on (for the blocking [`Transport`]).
    pub fn new(
        client: Client,
        runtime: Handle,
        service: &ServiceDescriptor,
        options: TransportOptions,
    ) -> Result<Self, SetupError> {
        let subjects = op_subjects(options.prefix.as_deref(), service)?;
        let inbox = client.new_inbox();
        let inbox_prefix = match inbox.rsplit_once('.') {
            Some((prefix, _)) => prefix.to_string(),
            None => inbox,
        };
        Ok(NatsTransport {
            client,
            runtime,
            subjects,
            timeout: options.timeout,
            permissions: options.permissions,
            inbox_prefix,
        })
    }

    /// The subject of op `op_id`, if the service has it.
    pub fn subject_of(&self, op_id: u32) -> Option<&str> {
        self.subjects
            .iter()
            .find(|(id, _)| *id == op_id)
            .map(|(_, s)| s.as_str())
    }

    /// Sends one call frame and returns the answer frame (async).
    pub async fn request(&self, call: &[u8]) -> Result<Vec<u8>, SystemError> {
        let fail = |code: SystemErrorCode, message: String| SystemError::new(code as u32, message);
        let op_id = RawHeader::read(call).map_or(0, |h| h.op_id);
        let Some(subject) = self.subject_of(op_id) else {
            return Err(fail(
                SystemErrorCode::UnknownOp,
                format!("unknown_op: the service has no op with id {op_id}"),
            ));
        };
        let limit = self.client.max_payload();
        if call.len() > limit {
            return Err(fail(
                SystemErrorCode::TooLarge,
                format!(
                    "too_large: the call frame of {} bytes exceeds the connection's max_payload of {limit} bytes",
                    call.len()
                ),
            ));
        }
        let mut violations = self.permissions.as_ref().map(PermissionWatch::subscribe);
        let request = async_nats::Request::new()
            .payload(bytes::Bytes::copy_from_slice(call))
            .timeout(Some(self.timeout));
        let sent = self.client.send_request(subject.to_string(), request);
        let forbidden = async {
            match violations.as_mut() {
                Some(rx) => denied(rx, subject, &self.inbox_prefix).await,
                None => std::future::pending().await,
            }
        };
        let reply = tokio::select! {
            reply = sent => reply,
            text = forbidden => {
                return Err(fail(SystemErrorCode::Forbidden, format!("forbidden: {text}")));
            }
        };
        match reply {
            Ok(message) => Ok(Vec::from(message.payload)),
            Err(e) => Err(match e.kind() {
                RequestErrorKind::NoResponders => fail(
                    SystemErrorCode::Unavailable,
                    format!("unavailable: no responders on {subject}"),
                ),
                RequestErrorKind::TimedOut => fail(
                    SystemErrorCode::Timeout,
                    format!(
                        "timeout: no answer on {subject} within {} ms",
                        self.timeout.as_millis()
                    ),
                ),
                RequestErrorKind::MaxPayloadExceeded => {
                    fail(SystemErrorCode::TooLarge, format!("too_large: {e}"))
                }
                RequestErrorKind::InvalidSubject => {
                    fail(SystemErrorCode::Internal, format!("internal: {e}"))
                }
                _ => fail(
                    SystemErrorCode::Unavailable,
                    format!("unavailable: request on {subject} failed: {e}"),
                ),
            }),
        }
    }
}

impl Transport for NatsTransport {
    /// Blocks on [`request`](Self::request); on a thread of a tokio runtime
    /// (where blocking would stall or panic) it fails with `internal` instead.
    fn round_trip(&mut self, call: &[u8]) -> Result<Vec<u8>, SystemError> {
        if Handle::try_current().is_ok() {
            return Err(SystemError::new(
                SystemErrorCode::Internal as u32,
                "internal: NatsTransport::round_trip blocks; call it outside the tokio runtime \
                 (e.g. in spawn_blocking) or use NatsTransport::request",
            ));
        }
        self.runtime.block_on(self.request(call))
    }
}

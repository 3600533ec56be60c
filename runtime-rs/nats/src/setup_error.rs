//! The error of setting up a server or a transport (bad prefix, name or
//! version, a subscription the connection refused).

use std::fmt;

/// Why [`serve`](crate::serve) or [`NatsTransport::new`](crate::NatsTransport::new) failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupError {
    message: String,
}

impl SetupError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        SetupError {
            message: message.into(),
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "kkrpc-nats: {}", self.message)
    }
}

impl std::error::Error for SetupError {}

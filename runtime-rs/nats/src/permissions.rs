//! Permission errors for clients (docs/nats.md §5). The NATS server answers a
//! denied publish or subscription with `-ERR 'Permissions Violation ...'`,
//! which async-nats reports only as a connection [`Event`]; a
//! [`PermissionWatch`] fed from the connection's event callback lets
//! [`NatsTransport`](crate::NatsTransport) fail the calls it concerns with
//! `forbidden` at once instead of at their deadline.

use async_nats::{ConnectOptions, Event, ServerError};
use std::sync::Arc;
use tokio::sync::broadcast;

/// Forwards a connection's permission violations to its transports.
#[derive(Debug, Clone)]
pub struct PermissionWatch {
    tx: broadcast::Sender<Arc<str>>,
}

impl Default for PermissionWatch {
    fn default() -> Self {
        PermissionWatch {
            tx: broadcast::channel(64).0,
        }
    }
}

impl PermissionWatch {
    /// A watch nothing feeds yet: [`install`](Self::install) it, or call
    /// [`observe`](Self::observe) from your own event callback.
    pub fn new() -> Self {
        Self::default()
    }

    /// `options` with an event callback feeding this watch (it replaces an
    /// earlier callback: with your own, call [`observe`](Self::observe) from it).
    pub fn install(&self, options: ConnectOptions) -> ConnectOptions {
        let watch = self.clone();
        options.event_callback(move |event| {
            watch.observe(&event);
            async {}
        })
    }

    /// Takes note of a connection event (only permission violations matter).
    pub fn observe(&self, event: &Event) {
        if let Event::ServerError(ServerError::Other(text)) = event {
            if text.starts_with("Permissions Violation") {
                // No receiver means no call is waiting: nothing to tell.
                let _ = self.tx.send(text.as_str().into());
            }
        }
    }

    /// A receiver of the violations from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Arc<str>> {
        self.tx.subscribe()
    }
}

/// Waits for a violation denying a publish on `subject`, or a subscription
/// under `inbox_prefix` (the replies); returns the server's text.
pub(crate) async fn denied(
    rx: &mut broadcast::Receiver<Arc<str>>,
    subject: &str,
    inbox_prefix: &str,
) -> Arc<str> {
    let publish = format!("Publish to \"{subject}\"");
    let subscribe = format!("Subscription to \"{inbox_prefix}");
    loop {
        match rx.recv().await {
            Ok(text) if text.contains(&publish) || text.contains(&subscribe) => return text,
            Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
            Err(broadcast::error::RecvError::Closed) => std::future::pending().await,
        }
    }
}

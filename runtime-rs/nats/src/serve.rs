//! [`serve`]: a native Rust service on NATS (docs/nats.md §2–§4). One
//! subscription per op subject (in the queue group), the micro discovery
//! subjects (no queue group), and one task answering all of them in arrival
//! order: the frame's op must be the subject's (else `forbidden`), the
//! dispatcher answers, an answer over `max_payload` becomes `too_large`, and
//! error answers carry the micro error headers and count in the statistics.

use crate::micro::{Instance, Verb};
use crate::status::answer_error;
use crate::subject::op_subjects;
use crate::SetupError;
use async_nats::{Client, HeaderMap, Message, Subscriber};
use futures_util::stream::{select_all, Stream, StreamExt};
use kkrpc_runtime::descriptor::ServiceDescriptor;
use kkrpc_runtime::frame::{system_error_frame, RawHeader, SystemErrorCode};
use kkrpc_runtime::service::{check_call_header, Dispatch};
use std::time::Instant;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Options of [`serve`]; `ServeOptions::default()` is no prefix, queue group
/// `q`, name and version from the descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// Subject prefix (docs/nats.md §1), the same as the clients'.
    pub prefix: Option<String>,
    /// The queue group of the op subscriptions; `None`: every instance gets every request.
    pub queue_group: Option<String>,
    /// The micro service name (default: the service name).
    pub name: Option<String>,
    /// The micro version, SemVer (default: `N.0.0` from a package ending in `vN`).
    pub version: Option<String>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            prefix: None,
            queue_group: Some("q".into()),
            name: None,
            version: None,
        }
    }
}

/// A service being served; dropping it stops serving at once, [`stop`](Self::stop)
/// lets the current answer go out first.
#[derive(Debug)]
pub struct NatsServer {
    id: String,
    subjects: Vec<String>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl NatsServer {
    /// The micro instance id (22 base-62 characters).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The op subjects, in descriptor order.
    pub fn subjects(&self) -> &[String] {
        &self.subjects
    }

    /// Stops serving: unsubscribes everything once the answer in progress is sent.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Where a message came from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// The subject of the op at this index of the descriptor.
    Op(usize),
    /// A discovery subject.
    Discovery(Verb),
}

/// Serves `dispatcher` (a generated `<Service>Dispatcher`) as `service` on
/// `client`'s connection until the returned [`NatsServer`] is stopped or
/// dropped. Must be called on a tokio runtime; the serving task runs there
/// and calls the dispatcher inline (calls are answered one at a time, as the
/// dispatcher's `&mut self` requires).
pub async fn serve<D>(
    client: Client,
    dispatcher: D,
    service: &ServiceDescriptor,
    options: ServeOptions,
) -> Result<NatsServer, SetupError>
where
    D: Dispatch + Send + 'static,
{
    let subjects = op_subjects(options.prefix.as_deref(), service)?;
    let instance = Instance::new(
        service,
        &subjects,
        options.name.as_deref(),
        options.version.as_deref(),
        options.queue_group.clone(),
    )?;
    let refused = |subject: &str, e: async_nats::SubscribeError| {
        SetupError::new(format!("cannot subscribe to {subject}: {e}"))
    };
    let mut streams = Vec::new();
    for (index, (_, subject)) in subjects.iter().enumerate() {
        let sub = match &options.queue_group {
            Some(q) => client.queue_subscribe(subject.clone(), q.clone()).await,
            None => client.subscribe(subject.clone()).await,
        };
        streams.push(tagged(
            sub.map_err(|e| refused(subject, e))?,
            Source::Op(index),
        ));
    }
    for verb in Verb::ALL {
        for subject in instance.discovery_subjects(verb) {
            let sub = client.subscribe(subject.clone()).await;
            streams.push(tagged(
                sub.map_err(|e| refused(&subject, e))?,
                Source::Discovery(verb),
            ));
        }
    }
    settle_subscriptions(&client, &instance.discovery_subjects(Verb::Ping)[2]).await?;
    let (stop_tx, stop_rx) = oneshot::channel();
    let id = instance.id.clone();
    let op_subjects = subjects.iter().map(|(_, s)| s.clone()).collect();
    let ops = subjects;
    let task = tokio::spawn(run(
        client,
        dispatcher,
        instance,
        ops,
        select_all(streams),
        stop_rx,
    ));
    Ok(NatsServer {
        id,
        subjects: op_subjects,
        stop: Some(stop_tx),
        task,
    })
}

/// How long [`settle_subscriptions`] waits for its probe to come back.
const PROBE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Returns once nats-server has processed the subscriptions made so far on
/// `client`, so that a caller on another connection finds them at once.
/// async-nats's `flush` only writes them to the socket (it does not wait for
/// the server's PONG), so this subscribes to `probe` (the instance's own
/// `$SRV.PING.<name>.<id>`), publishes one message there without a reply
/// subject (the serving loop ignores those) and waits for it: the server
/// handles a connection's commands in order. A connection that may not
/// publish there gets no probe back; after [`PROBE_WAIT`] this returns with
/// the flush alone (docs/nats.md §6.1).
async fn settle_subscriptions(client: &Client, probe: &str) -> Result<(), SetupError> {
    let flush_failed = |e: async_nats::client::FlushError| {
        SetupError::new(format!("cannot flush the subscriptions: {e}"))
    };
    let mut sub = client
        .subscribe(probe.to_owned())
        .await
        .map_err(|e| SetupError::new(format!("cannot subscribe to {probe}: {e}")))?;
    if client
        .publish(probe.to_owned(), Default::default())
        .await
        .is_ok()
    {
        client.flush().await.map_err(flush_failed)?;
        let _ = tokio::time::timeout(PROBE_WAIT, sub.next()).await;
    }
    let _ = sub.unsubscribe().await;
    client.flush().await.map_err(flush_failed)
}

/// A subscription's messages with where they came from.
fn tagged(sub: Subscriber, source: Source) -> impl Stream<Item = (Source, Message)> {
    sub.map(move |m| (source, m))
}

/// The serving loop: answers every message until stopped or the connection closes.
async fn run<D: Dispatch>(
    client: Client,
    mut dispatcher: D,
    mut instance: Instance,
    ops: Vec<(u32, String)>,
    mut messages: impl Stream<Item = (Source, Message)> + Unpin,
    mut stop: oneshot::Receiver<()>,
) {
    loop {
        let (source, message) = tokio::select! {
            _ = &mut stop => break,
            next = messages.next() => match next {
                Some(m) => m,
                None => break,
            },
        };
        // A request without a reply subject has nobody to answer.
        let Some(reply) = message.reply else { continue };
        // A failed publish means the connection is closed for good: the
        // caller's call fails there (timeout / unavailable), nothing to do here.
        match source {
            Source::Discovery(verb) => {
                let _ = client.publish(reply, instance.answer(verb).into()).await;
            }
            Source::Op(index) => {
                let started = Instant::now();
                let (op_id, subject) = &ops[index];
                let limit = client.max_payload();
                // Handlers see max_payload as their answer limit (docs/abi.md §1.6): the
                // dispatch runs on this thread, so they can refuse before building.
                kkrpc_runtime::service::set_answer_limit(limit);
                let mut answer = answer_call(&mut dispatcher, *op_id, subject, &message.payload);
                let mut error = answer_error(&answer);
                let header_room = error.as_ref().map_or(0, |(text, _)| text.len() + 96);
                if answer.len() + header_room > limit {
                    answer = too_large_answer(&answer, limit);
                    error = answer_error(&answer);
                }
                let _ = match &error {
                    None => client.publish(reply, answer.into()).await,
                    Some((text, status)) => {
                        let mut headers = HeaderMap::new();
                        headers.insert("Nats-Service-Error", text.as_str());
                        headers.insert("Nats-Service-Error-Code", status.to_string().as_str());
                        client
                            .publish_with_headers(reply, headers, answer.into())
                            .await
                    }
                };
                instance.endpoints[index]
                    .record(started.elapsed(), error.as_ref().map(|(t, _)| t.as_str()));
            }
        }
    }
}

/// Answers one request on the subject of op `op_id`: the frame module's
/// refusal for a payload that is not a call frame, `forbidden` for a call
/// of another op, else the dispatcher's answer.
fn answer_call<D: Dispatch>(dispatcher: &mut D, op_id: u32, subject: &str, call: &[u8]) -> Vec<u8> {
    let h = match check_call_header(call) {
        Ok(h) => h,
        Err(refusal) => return refusal,
    };
    if h.op_id != op_id {
        let message = format!(
            "forbidden: a call of op {} on {subject}, the subject of op {op_id}",
            h.op_id
        );
        return system_error_frame(h.call_id, h.op_id, SystemErrorCode::Forbidden, &message);
    }
    dispatcher.dispatch(call)
}

/// The `too_large` error frame replacing an answer that does not fit `limit`.
fn too_large_answer(answer: &[u8], limit: usize) -> Vec<u8> {
    let (call_id, op_id) = RawHeader::read(answer).map_or((0, 0), |h| (h.call_id, h.op_id));
    let message = format!(
        "too_large: the answer of {} bytes exceeds the connection's max_payload of {limit} bytes",
        answer.len()
    );
    system_error_frame(call_id, op_id, SystemErrorCode::TooLarge, &message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kkrpc_runtime::frame::frame_bytes;

    /// An answer that does not fit (from a handler that did not check its
    /// answer limit) becomes too_large for the same call, naming both sizes.
    #[test]
    fn an_answer_over_max_payload_becomes_too_large_for_the_same_call() {
        let answer = frame_bytes(2, 7, 9, &[0; 100]);
        let refused = too_large_answer(&answer, 64);
        let h = RawHeader::read(&refused).unwrap();
        assert_eq!((h.kind, h.call_id, h.op_id), (3, 7, 9));
        assert_eq!(
            u32::from_le_bytes(refused[17..21].try_into().unwrap()),
            SystemErrorCode::TooLarge as u32
        );
        let message = std::str::from_utf8(&refused[25..]).unwrap();
        assert_eq!(
            message,
            "too_large: the answer of 116 bytes exceeds the connection's max_payload of 64 bytes"
        );
    }
}

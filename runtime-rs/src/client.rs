//! The client side for native Rust callers: a [`Transport`] carries call
//! frames to a service and brings back its answers; generated typed clients
//! (`<Service>Client<T>`) encode the calls and decode the answers.
//!
//! Two transports come with the runtime: [`ChildProcess`] (a service serving
//! frames over its stdio, native or under a wasip1 runner) and [`InProcess`]
//! (a dispatcher in the same process, no bytes leave memory).

use crate::frame::{
    read_error_payload, ErrorPayload, FrameKind, RawHeader, SystemErrorCode, TypedErrorPayload,
    HEADER_LEN, TYPED_ERROR_FIELDS_AT,
};
use crate::service::Dispatch;
use crate::wire::{Decode, Limits, Reader};
use std::fmt;
use std::io::{self, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A system error (`docs/wire.md` §2.1): from the machinery, never the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemError {
    /// The wire code, e.g. 1 for `unknown_op` (see [`SystemErrorCode`]).
    pub code: u32,
    /// A message for humans (may be empty).
    pub message: String,
}

impl SystemError {
    /// A system error with this code and message.
    pub fn new(code: u32, message: impl Into<String>) -> Self {
        SystemError {
            code,
            message: message.into(),
        }
    }

    /// The code's name from `docs/wire.md` §2.1 (`internal` for unknown codes).
    pub fn name(&self) -> &'static str {
        SystemErrorCode::from_u32_lossy(self.code).as_str()
    }

    /// A system error of a known code.
    fn of(code: SystemErrorCode, message: impl Into<String>) -> Self {
        SystemError::new(code as u32, message)
    }
}

impl fmt::Display for SystemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.name(), self.code, self.message)
    }
}

impl std::error::Error for SystemError {}

/// The failure of a typed call: one of the op's typed errors, or a system error.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError<E> {
    /// A typed error the op declares (`throws`).
    Typed(E),
    /// A system error.
    System(SystemError),
}

impl<E> From<SystemError> for CallError<E> {
    fn from(e: SystemError) -> Self {
        CallError::System(e)
    }
}

impl<E: fmt::Debug> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Typed(e) => write!(f, "typed error: {e:?}"),
            CallError::System(e) => write!(f, "system error: {e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for CallError<E> {}

/// Carries one call frame to a service and returns its answer frame.
pub trait Transport {
    /// Sends a complete call frame; returns the complete ok/error frame
    /// answering it, or a system error (e.g. `unavailable`) if none came.
    fn round_trip(&mut self, call: &[u8]) -> Result<Vec<u8>, SystemError>;
}

/// What an answer frame holds, split by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<'a> {
    /// An ok frame: the encoded return value.
    Ok(&'a [u8]),
    /// A typed error: its `wire_id` and the encoded error struct.
    Typed {
        /// The error's `wire_id`.
        error_id: u32,
        /// The encoded error struct, at payload offset 5.
        body: AnswerBody<'a>,
    },
}

/// One encoded value inside an answer payload, ready to decode: an ok
/// payload's value (from `&[u8]`, starting at offset 0) or a typed error's
/// fields (starting at payload offset 5, after class and `error_id`). It
/// keeps the whole payload, so positions — and typed-buffer padding
/// (`docs/wire.md` §3.6) — are counted from the payload start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerBody<'a> {
    payload: &'a [u8],
    start: usize,
}

impl<'a> AnswerBody<'a> {
    /// The value's bytes (the payload from the value's start).
    pub fn bytes(&self) -> &'a [u8] {
        &self.payload[self.start..]
    }

    /// Decodes the value as `V` under `limits`; it must fill the rest of the
    /// payload. A failure is the system error `decode`.
    pub fn decode<V: Decode<'a>>(self, limits: Limits) -> Result<V, SystemError> {
        let mut r = Reader::with_limits_at(self.payload, self.start, limits);
        V::decode(&mut r)
            .and_then(|v| r.finish().map(|()| v))
            .map_err(|e| {
                SystemError::of(
                    SystemErrorCode::Decode,
                    format!("answer did not decode: {e}"),
                )
            })
    }
}

impl<'a> From<&'a [u8]> for AnswerBody<'a> {
    /// A value filling a whole payload (an ok answer).
    fn from(payload: &'a [u8]) -> Self {
        AnswerBody { payload, start: 0 }
    }
}

impl<'a> From<TypedErrorPayload<'a>> for AnswerBody<'a> {
    /// A typed error's fields, at payload offset 5.
    fn from(t: TypedErrorPayload<'a>) -> Self {
        AnswerBody {
            payload: t.payload(),
            start: TYPED_ERROR_FIELDS_AT,
        }
    }
}

/// Checks an answer frame against the call it answers and splits it, with
/// the default limits; see [`read_answer_with_limits`].
pub fn read_answer(frame: &[u8], call_id: u32, op_id: u32) -> Result<Answer<'_>, SystemError> {
    read_answer_with_limits(frame, call_id, op_id, &Limits::default())
}

/// Checks an answer frame against the call it answers (the header checks of
/// [`RawHeader::check`] under `limits`, then: whole, same `call_id`, an ok
/// frame for the same op or an error frame) and splits it; system error
/// frames and malformed answers become [`SystemError`]s.
pub fn read_answer_with_limits<'a>(
    frame: &'a [u8],
    call_id: u32,
    op_id: u32,
    limits: &Limits,
) -> Result<Answer<'a>, SystemError> {
    let bad =
        |m: &str| SystemError::of(SystemErrorCode::Internal, format!("malformed answer: {m}"));
    let raw = RawHeader::read(frame).ok_or_else(|| bad("shorter than a header"))?;
    let h = raw.check(limits).map_err(|e| bad(e.kind().as_str()))?;
    if h.frame_len() != frame.len() {
        return Err(bad("truncated"));
    }
    if h.call_id != call_id {
        return Err(bad("answers another call"));
    }
    let payload = &frame[HEADER_LEN..];
    match h.kind {
        FrameKind::Ok if h.op_id == op_id => Ok(Answer::Ok(payload)),
        FrameKind::Error => {
            match read_error_payload(payload, limits).map_err(|e| bad(e.kind().as_str()))? {
                ErrorPayload::Typed(t) => Ok(Answer::Typed {
                    error_id: t.error_id,
                    body: t.into(),
                }),
                ErrorPayload::System { code, message } => Err(SystemError::new(code, message)),
            }
        }
        _ => Err(bad("bad_frame")),
    }
}

/// A service in the same process, called through its dispatcher.
pub struct InProcess<D: Dispatch> {
    /// The dispatcher answering the calls.
    pub dispatcher: D,
}

impl<D: Dispatch> InProcess<D> {
    /// Calls `dispatcher` directly.
    pub fn new(dispatcher: D) -> Self {
        InProcess { dispatcher }
    }
}

impl<D: Dispatch> Transport for InProcess<D> {
    fn round_trip(&mut self, call: &[u8]) -> Result<Vec<u8>, SystemError> {
        // Copy into 8-aligned storage so typed buffers are borrowed as on the wire.
        let mut words = vec![0u64; call.len().div_ceil(8)];
        // SAFETY: u64 storage viewed as bytes, within its length.
        let aligned =
            unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut u8, call.len()) };
        aligned.copy_from_slice(call);
        Ok(self.dispatcher.dispatch(aligned))
    }
}

/// A child process serving frames over its stdin/stdout (`docs/abi.md` §4).
pub struct ChildProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: ChildStdout,
}

impl ChildProcess {
    /// Spawns `command` with piped stdin/stdout (stderr inherited for logs).
    pub fn spawn(mut command: Command) -> io::Result<Self> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        Ok(ChildProcess {
            child,
            stdin,
            stdout,
        })
    }

    /// Closes the child's stdin (it then exits) and waits for it.
    pub fn close(mut self) -> io::Result<std::process::ExitStatus> {
        self.stdin.take();
        self.child.wait()
    }
}

impl Transport for ChildProcess {
    fn round_trip(&mut self, call: &[u8]) -> Result<Vec<u8>, SystemError> {
        let dead = |e: io::Error| {
            SystemError::of(SystemErrorCode::Unavailable, format!("unavailable: {e}"))
        };
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| SystemError::of(SystemErrorCode::Unavailable, "unavailable: closed"))?;
        stdin.write_all(call).map_err(dead)?;
        stdin.flush().map_err(dead)?;
        let mut prefix = [0u8; HEADER_LEN];
        self.stdout.read_exact(&mut prefix).map_err(dead)?;
        let h = RawHeader::from_prefix(&prefix);
        let mut frame = prefix.to_vec();
        (&mut self.stdout)
            .take(u64::from(h.payload_len))
            .read_to_end(&mut frame)
            .map_err(dead)?;
        if frame.len() != h.frame_len() {
            return Err(SystemError::of(
                SystemErrorCode::Unavailable,
                "unavailable: output ended inside a frame",
            ));
        }
        Ok(frame)
    }
}

impl Drop for ChildProcess {
    fn drop(&mut self) {
        self.stdin.take();
        let _ = self.child.wait();
    }
}

/// The untyped half of a generated client: numbers calls, writes the
/// parameter struct into a call frame, and sends it over the transport.
pub struct ClientCore<T: Transport> {
    /// The transport the calls go over.
    pub transport: T,
    /// Decoder limits for answers.
    pub limits: Limits,
    next_call_id: u32,
}

/// An answer frame together with the call it answers.
pub struct Reply {
    frame: Vec<u8>,
    call_id: u32,
    op_id: u32,
    limits: Limits,
}

impl<T: Transport> ClientCore<T> {
    /// A client core over `transport` with default limits.
    pub fn new(transport: T) -> Self {
        ClientCore {
            transport,
            limits: Limits::default(),
            next_call_id: 0,
        }
    }

    /// Sends op `op_id` with the parameters `write_params` writes (the
    /// fields of the parameter struct, in id order) and returns the answer.
    pub fn call(
        &mut self,
        op_id: u32,
        write_params: impl FnOnce(&mut crate::wire::Writer),
    ) -> Result<Reply, SystemError> {
        self.next_call_id = self.next_call_id.wrapping_add(1).max(1);
        let call_id = self.next_call_id;
        let mut w = crate::wire::Writer::frame(FrameKind::Call, call_id, op_id);
        let body = w.begin_struct();
        write_params(&mut w);
        w.end_struct(body);
        let frame = self.transport.round_trip(&w.finish())?;
        Ok(Reply {
            frame,
            call_id,
            op_id,
            limits: self.limits,
        })
    }
}

impl Reply {
    /// The answer, split by kind (system errors become `Err`).
    pub fn answer(&self) -> Result<Answer<'_>, SystemError> {
        read_answer_with_limits(&self.frame, self.call_id, self.op_id, &self.limits)
    }

    /// Decodes a top-level value: an ok payload (`&[u8]`) or a typed
    /// error's [`AnswerBody`], under this reply's limits.
    pub fn decode<'a, V: Decode<'a>>(
        &self,
        body: impl Into<AnswerBody<'a>>,
    ) -> Result<V, SystemError> {
        body.into().decode(self.limits)
    }

    /// Checks an empty ok payload (ops that return nothing).
    pub fn expect_empty(&self, payload: &[u8]) -> Result<(), SystemError> {
        if payload.is_empty() {
            Ok(())
        } else {
            Err(SystemError::of(
                SystemErrorCode::Decode,
                "answer did not decode: trailing_bytes",
            ))
        }
    }

    /// The error for an `error_id` the op does not throw (`unknown_error`).
    pub fn unknown_error(&self, error_id: u32) -> SystemError {
        SystemError::of(
            SystemErrorCode::Decode,
            format!(
                "unknown_error: op {} does not throw error id {error_id}",
                self.op_id
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{frame_bytes, system_error_frame, typed_error_frame};
    use crate::wire::{Buffer, Encode, Writer};

    #[test]
    fn read_answer_splits_kinds() {
        let ok = frame_bytes(2, 1, 5, &[9]);
        assert_eq!(read_answer(&ok, 1, 5), Ok(Answer::Ok(&[9][..])));
        assert!(read_answer(&ok, 2, 5).is_err());
        let typed = frame_bytes(3, 1, 5, &[0, 77, 0, 0, 0, 4, 0, 0, 0]);
        match read_answer(&typed, 1, 5) {
            Ok(Answer::Typed { error_id: 77, body }) => {
                assert_eq!(body.bytes(), &[4, 0, 0, 0]);
                assert_eq!(body.decode::<u32>(Limits::default()), Ok(4));
            }
            other => panic!("expected a typed error, got {other:?}"),
        }
        let sys = system_error_frame(1, 5, SystemErrorCode::UnknownOp, "nope");
        let e = read_answer(&sys, 1, 5).unwrap_err();
        assert_eq!(
            (e.code, e.name(), e.message.as_str()),
            (1, "unknown_op", "nope")
        );
        assert!(read_answer(&frame_bytes(3, 1, 5, &[7]), 1, 5).is_err());
        let mut sys_trailing = sys.clone();
        sys_trailing.push(0);
        sys_trailing[12] += 1;
        assert!(read_answer(&sys_trailing, 1, 5).is_err());
        let mut v2 = ok.clone();
        v2[0] = 2;
        assert_eq!(
            read_answer(&v2, 1, 5).unwrap_err().message,
            "malformed answer: unsupported_version"
        );
        assert!(read_answer(&frame_bytes(1, 1, 5, &[]), 1, 5).is_err());
        let small = Limits {
            max_frame_len: 16,
            ..Limits::default()
        };
        assert_eq!(
            read_answer_with_limits(&ok, 1, 5, &small)
                .unwrap_err()
                .message,
            "malformed answer: too_large"
        );
    }

    /// A typed error with a typed buffer among its fields.
    #[derive(Debug, PartialEq)]
    struct Overflow {
        samples: Buffer<f32>,
        note: String,
    }

    impl Encode for Overflow {
        fn encode(&self, w: &mut Writer) {
            let body = w.begin_struct();
            self.samples.encode(w);
            self.note.encode(w);
            w.end_struct(body);
        }
    }

    impl<'de> Decode<'de> for Overflow {
        fn decode(r: &mut Reader<'de>) -> Result<Self, crate::wire::DecodeError> {
            let body = r.begin_struct()?;
            let samples = r.field()?;
            let note = r.field()?;
            r.end_struct(body)?;
            Ok(Overflow { samples, note })
        }
    }

    #[test]
    fn typed_error_buffers_are_padded_from_the_payload_start() {
        let e = Overflow {
            samples: vec![1.5, -2.0].into(),
            note: "x".into(),
        };
        let frame = typed_error_frame(1, 5, 9, &e);
        // Payload: class, error_id, body_len (to 9), count (to 13), 3 bytes
        // of padding to payload offset 16, then the samples.
        let payload = &frame[HEADER_LEN..];
        assert_eq!(&payload[9..16], &[2, 0, 0, 0, 0, 0, 0]);
        assert_eq!(&payload[16..20], &1.5f32.to_le_bytes());
        let Ok(Answer::Typed { error_id: 9, body }) = read_answer(&frame, 1, 5) else {
            panic!("expected a typed error");
        };
        assert_eq!(body.decode::<Overflow>(Limits::default()), Ok(e));
        // The fields alone, read from offset 0, misplace the padding.
        assert!(crate::wire::decode_from_slice::<Overflow>(body.bytes()).is_err());
    }
}

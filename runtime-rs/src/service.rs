//! The server side of a generated service, independent of the transport.
//!
//! A generated dispatcher (`<Service>Dispatcher<S>`) implements [`Dispatch`]:
//! one complete call frame in, one complete ok/error frame out. The wasm ABI
//! (`abi`) and the stdio server (`stdio`) only move bytes around it. The
//! helpers here build the system error frames of `docs/wire.md` §2.1 and turn
//! a handler panic into a `trap` answer where panics unwind.

/// Paths generated dispatchers use (`service::HEADER_LEN`, the ok answers —
/// [`ok_buffer_frame`] for a bare `T[]` result, built around the buffer's own
/// allocation — and the typed-error answer), and `frame_bytes` for hand-built frames in tests;
/// all defined in [`frame`](crate::frame).
pub use crate::frame::{
    empty_ok_frame, frame_bytes, ok_buffer_frame, ok_frame, typed_error_frame, HEADER_LEN,
};

mod refusal;
pub use refusal::{answer_limit, refuse, set_answer_limit};

use crate::frame::{
    refusal_frame, system_error_frame, FrameHeader, FrameKind, RawHeader, SystemErrorCode,
};
use crate::wire::{DecodeErrorKind, Limits};

/// Something that answers call frames: a generated dispatcher around a service.
pub trait Dispatch {
    /// Answers one complete call frame (`16 + payload_len` bytes, header
    /// included) with one complete ok or error frame for the same `call_id`.
    /// Never panics on malformed input: it answers with an error frame.
    fn dispatch(&mut self, frame: &[u8]) -> Vec<u8>;
}

impl<D: Dispatch + ?Sized> Dispatch for Box<D> {
    fn dispatch(&mut self, frame: &[u8]) -> Vec<u8> {
        (**self).dispatch(frame)
    }
}

/// The length limit for frames a dispatcher is handed: they are whole and in
/// memory already, bounded by whoever read them (the ABI's block, the stdio
/// server's limit), so only version, kind and completeness are checked here.
const IN_MEMORY: Limits = Limits {
    max_frame_len: usize::MAX,
    max_depth: Limits::DEFAULT_MAX_DEPTH,
};

/// Checks the header of a frame handed to a dispatcher (the checks of
/// [`RawHeader::check`], then: kind call, length equal to the frame's).
/// Returns the header, or the error frame to answer with.
pub fn check_call_header(frame: &[u8]) -> Result<FrameHeader, Vec<u8>> {
    let Some(raw) = RawHeader::read(frame) else {
        return Err(refusal_frame(
            0,
            0,
            DecodeErrorKind::Truncated,
            "frame shorter than its header",
        ));
    };
    let refuse =
        |kind: DecodeErrorKind, detail: &str| refusal_frame(raw.call_id, raw.op_id, kind, detail);
    let h = raw
        .check(&IN_MEMORY)
        .map_err(|e| refuse(e.kind(), "call frame header refused"))?;
    if h.kind != FrameKind::Call {
        return Err(refuse(DecodeErrorKind::BadFrame, "not a call frame"));
    }
    if h.frame_len() != frame.len() {
        return Err(refuse(
            DecodeErrorKind::Truncated,
            "payload_len disagrees with the frame",
        ));
    }
    Ok(h)
}

/// Runs a handler; a panic becomes a system error `trap` frame when the build
/// unwinds (`panic = "unwind"`). Under `panic = "abort"` the process or wasm
/// instance traps instead, as `docs/abi.md` §1.2 describes. A handler that
/// called [`refuse`] is answered with its system error.
pub fn catch_trap(call_id: u32, op_id: u32, handler: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
    refusal::clear_refusal();
    let frame = run_handler(call_id, op_id, handler);
    refusal::refusal_or(call_id, op_id, frame)
}

/// Runs the handler, catching a panic where the build unwinds.
fn run_handler(call_id: u32, op_id: u32, handler: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
    #[cfg(panic = "unwind")]
    {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(handler)) {
            Ok(frame) => frame,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "handler panicked".to_string());
                system_error_frame(call_id, op_id, SystemErrorCode::Trap, &message)
            }
        }
    }
    #[cfg(not(panic = "unwind"))]
    {
        let _ = (call_id, op_id);
        handler()
    }
}

/// The system error `decode` answering a call whose payload did not decode;
/// the message starts with the decode error kind (`docs/wire.md` §5.2).
pub fn decode_error_frame(call_id: u32, op_id: u32, error: &crate::wire::DecodeError) -> Vec<u8> {
    system_error_frame(call_id, op_id, SystemErrorCode::Decode, &error.message())
}

/// The system error `unknown_op` (message built without `core::fmt`, see
/// [`DecodeError::message`](crate::wire::DecodeError::message)).
pub fn unknown_op_frame(call_id: u32, op_id: u32) -> Vec<u8> {
    let mut message = String::from("unknown_op: no op with id ");
    crate::wire::push_decimal(&mut message, op_id as usize);
    system_error_frame(call_id, op_id, SystemErrorCode::UnknownOp, &message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The system error code of an answer frame.
    fn code_of(answer: &[u8]) -> u32 {
        assert_eq!(&answer[..2], &[1, FrameKind::Error as u8]);
        u32::from_le_bytes(answer[17..21].try_into().unwrap())
    }

    #[test]
    fn check_call_header_rejects_bad_frames() {
        assert_eq!(
            code_of(&check_call_header(&[1, 1]).unwrap_err()),
            SystemErrorCode::BadFrame as u32
        );
        let mut f = frame_bytes(1, 3, 4, &[0; 4]);
        assert_eq!(
            check_call_header(&f).map(|h| (h.call_id, h.op_id)),
            Ok((3, 4))
        );
        f[0] = 2;
        let err = check_call_header(&f).unwrap_err();
        assert_eq!(RawHeader::read(&err).unwrap().call_id, 3);
        assert_eq!(code_of(&err), SystemErrorCode::BadFrame as u32);
        f[0] = 1;
        f[1] = 2;
        assert!(check_call_header(&f).is_err());
        f[1] = 9;
        assert!(check_call_header(&f).is_err());
        assert!(check_call_header(&frame_bytes(1, 3, 4, &[0; 4])[..18]).is_err());
        let mut longer = frame_bytes(1, 3, 4, &[0; 4]);
        longer.push(0);
        assert!(check_call_header(&longer).is_err());
    }

    #[test]
    fn catch_trap_turns_panics_into_trap_frames() {
        let f = catch_trap(5, 6, || panic!("boom"));
        let h = RawHeader::read(&f).unwrap();
        assert_eq!((h.kind, h.call_id, h.op_id), (3, 5, 6));
        assert_eq!(code_of(&f), SystemErrorCode::Trap as u32);
    }

    #[test]
    fn a_refusing_handler_is_answered_with_its_system_error_and_the_next_call_is_not() {
        let ok = || empty_ok_frame(5, 6);
        let f = catch_trap(5, 6, || {
            refuse(
                SystemErrorCode::TooLarge,
                "answer of 9 bytes over the limit of 8",
            );
            ok()
        });
        let h = RawHeader::read(&f).unwrap();
        assert_eq!((h.kind, h.call_id, h.op_id), (3, 5, 6));
        assert_eq!(code_of(&f), SystemErrorCode::TooLarge as u32);
        assert_eq!(&f[25..], b"answer of 9 bytes over the limit of 8");
        assert_eq!(
            catch_trap(5, 6, ok),
            ok(),
            "the refusal was the last call's only"
        );
        // A refusal made where no frame carries it (a fast export) does not leak into the next call.
        refuse(SystemErrorCode::Overloaded, "stale");
        assert_eq!(catch_trap(5, 6, ok), ok());
    }

    #[test]
    fn answer_limit_is_the_default_until_a_host_or_server_sets_it() {
        assert_eq!(answer_limit(), Limits::DEFAULT_MAX_FRAME_LEN);
        set_answer_limit(4 << 20);
        assert_eq!(answer_limit(), 4 << 20);
        std::thread::spawn(|| {
            assert_eq!(answer_limit(), Limits::DEFAULT_MAX_FRAME_LEN, "per thread")
        })
        .join()
        .unwrap();
    }

    #[test]
    fn unknown_op_and_decode_answers() {
        let f = unknown_op_frame(7, 9);
        assert_eq!(code_of(&f), SystemErrorCode::UnknownOp as u32);
        assert_eq!(&f[25..], b"unknown_op: no op with id 9");
        let e = crate::wire::DecodeError::new(DecodeErrorKind::Truncated, 3);
        assert_eq!(&decode_error_frame(7, 9, &e)[25..], b"truncated at byte 3");
    }
}

//! The server side of a generated service, independent of the transport.
//!
//! A generated dispatcher (`<Service>Dispatcher<S>`) implements [`Dispatch`]:
//! one complete call frame in, one complete ok/error frame out. The wasm ABI
//! (`abi`) and the stdio server (`stdio`) only move bytes around it. The
//! helpers here build the system error frames of `docs/wire.md` §2.1 and turn
//! a handler panic into a `trap` answer where panics unwind.

/// Frame header length in bytes (`docs/wire.md` §2).
pub const HEADER_LEN: usize = 16;

/// The ok and typed-error answers generated dispatchers build.
pub use crate::frame::{empty_ok_frame, ok_frame, typed_error_frame};

/// System error codes (`docs/wire.md` §2.1), as written on the wire (the
/// numbers of [`SystemErrorCode`](crate::frame::SystemErrorCode)).
pub mod codes {
    use crate::frame::SystemErrorCode;
    /// No op with this `op_id`.
    pub const UNKNOWN_OP: u32 = SystemErrorCode::UnknownOp as u32;
    /// The call payload did not decode.
    pub const DECODE: u32 = SystemErrorCode::Decode as u32;
    /// The handler panicked or the instance trapped.
    pub const TRAP: u32 = SystemErrorCode::Trap as u32;
    /// A frame exceeded the configured limit.
    pub const TOO_LARGE: u32 = SystemErrorCode::TooLarge as u32;
    /// Any other failure of the runtime itself.
    pub const INTERNAL: u32 = SystemErrorCode::Internal as u32;
    /// The frame header was malformed.
    pub const BAD_FRAME: u32 = SystemErrorCode::BadFrame as u32;
}

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

/// The fields of a frame header this module needs, read without validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawHeader {
    /// Byte 0.
    pub version: u8,
    /// Byte 1.
    pub kind: u8,
    /// Bytes 4..8.
    pub call_id: u32,
    /// Bytes 8..12.
    pub op_id: u32,
    /// Bytes 12..16.
    pub payload_len: u32,
}

impl RawHeader {
    /// Reads the 16-byte header at the start of `bytes`, or `None` if shorter.
    pub fn read(bytes: &[u8]) -> Option<RawHeader> {
        let h = bytes.get(..HEADER_LEN)?;
        let u32_at = |i: usize| u32::from_le_bytes([h[i], h[i + 1], h[i + 2], h[i + 3]]);
        Some(RawHeader {
            version: h[0],
            kind: h[1],
            call_id: u32_at(4),
            op_id: u32_at(8),
            payload_len: u32_at(12),
        })
    }

    /// `16 + payload_len`, the whole frame's length.
    pub fn frame_len(&self) -> usize {
        HEADER_LEN + self.payload_len as usize
    }
}

/// Builds a complete frame: header (`version` 1, flags 0) then `payload`.
pub fn frame_bytes(kind: u8, call_id: u32, op_id: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&[1, kind, 0, 0]);
    out.extend_from_slice(&call_id.to_le_bytes());
    out.extend_from_slice(&op_id.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Builds a system error frame (`kind` 3, class 1, `code`, `message`).
pub fn system_error_frame(call_id: u32, op_id: u32, code: u32, message: &str) -> Vec<u8> {
    crate::frame::system_error_frame(call_id, op_id, crate::frame::SystemErrorCode::from_u32_lossy(code), message)
}

/// Checks the header of a frame handed to a dispatcher: version 1, kind call,
/// length consistent. Returns the header, or the error frame to answer with.
pub fn check_call_header(frame: &[u8]) -> Result<RawHeader, Vec<u8>> {
    let Some(h) = RawHeader::read(frame) else {
        return Err(system_error_frame(0, 0, codes::BAD_FRAME, "frame shorter than its header"));
    };
    if h.version != 1 {
        return Err(system_error_frame(
            h.call_id,
            h.op_id,
            codes::BAD_FRAME,
            "unsupported_version",
        ));
    }
    if h.kind != 1 {
        return Err(system_error_frame(h.call_id, h.op_id, codes::BAD_FRAME, "bad_frame: not a call frame"));
    }
    if h.frame_len() != frame.len() {
        return Err(system_error_frame(h.call_id, h.op_id, codes::BAD_FRAME, "truncated: payload_len disagrees with the frame"));
    }
    Ok(h)
}

/// Runs a handler; a panic becomes a system error `trap` frame when the build
/// unwinds (`panic = "unwind"`). Under `panic = "abort"` the process or wasm
/// instance traps instead, as `docs/abi.md` §1.2 describes.
pub fn catch_trap(call_id: u32, op_id: u32, handler: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
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
                system_error_frame(call_id, op_id, codes::TRAP, &message)
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
    system_error_frame(call_id, op_id, codes::DECODE, &error.message())
}

/// The system error `unknown_op` (message built without `core::fmt`, see
/// [`DecodeError::message`](crate::wire::DecodeError::message)).
pub fn unknown_op_frame(call_id: u32, op_id: u32) -> Vec<u8> {
    let mut message = String::from("unknown_op: no op with id ");
    crate::wire::push_decimal(&mut message, op_id as usize);
    system_error_frame(call_id, op_id, codes::UNKNOWN_OP, &message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_error_frame_layout() {
        let f = system_error_frame(7, 9, codes::UNKNOWN_OP, "no");
        assert_eq!(RawHeader::read(&f).unwrap().payload_len as usize, f.len() - 16);
        assert_eq!(&f[..2], &[1, 3]);
        assert_eq!(&f[16..], &[1, 1, 0, 0, 0, 2, 0, 0, 0, b'n', b'o']);
    }

    #[test]
    fn check_call_header_rejects_bad_frames() {
        assert!(check_call_header(&[1, 1]).is_err());
        let mut f = frame_bytes(1, 3, 4, &[0; 4]);
        assert!(check_call_header(&f).is_ok());
        f[0] = 2;
        let err = check_call_header(&f).unwrap_err();
        assert_eq!(RawHeader::read(&err).unwrap().call_id, 3);
        f[0] = 1;
        f[1] = 2;
        assert!(check_call_header(&f).is_err());
        assert!(check_call_header(&frame_bytes(1, 3, 4, &[0; 4])[..18]).is_err());
    }

    #[test]
    fn catch_trap_turns_panics_into_trap_frames() {
        let f = catch_trap(5, 6, || panic!("boom"));
        let h = RawHeader::read(&f).unwrap();
        assert_eq!((h.kind, h.call_id, h.op_id), (3, 5, 6));
        assert_eq!(&f[17..21], &codes::TRAP.to_le_bytes());
    }
}

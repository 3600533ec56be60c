//! Answer frames (docs/wire.md §2): writing ok / typed-error / system-error
//! frames (and the system error refusing a malformed frame), and reading an
//! error payload back (class 0 typed, class 1 system).

use super::header::FrameKind;
use super::system_error::SystemErrorCode;
use crate::wire::{
    Buffer, Decode, DecodeError, DecodeErrorKind, Elem, Encode, Limits, Reader, Writer,
};

/// Payload offset of a typed error's fields, after the class byte and
/// `error_id`. Positions inside the fields (typed-buffer padding, §3.6) are
/// counted from the payload start, not from here.
pub const TYPED_ERROR_FIELDS_AT: usize = 5;

/// Error class byte of a typed error.
pub const CLASS_TYPED: u8 = 0;
/// Error class byte of a system error.
pub const CLASS_SYSTEM: u8 = 1;

/// A schema error type (`error Name { ... }`): generated code implements it.
pub trait TypedError: Encode + for<'de> Decode<'de> {
    /// The stable `wire_id` written in error frames (§4.1).
    const WIRE_ID: u32;
    /// The schema name, e.g. `NotFound`.
    const NAME: &'static str;
}

/// Encodes an **ok** frame carrying `value`.
pub fn ok_frame<T: Encode + ?Sized>(call_id: u32, op_id: u32, value: &T) -> Vec<u8> {
    let mut w = Writer::frame(FrameKind::Ok, call_id, op_id);
    value.encode(&mut w);
    w.finish()
}

/// The **ok** frame of an op whose result is a bare `T[]`: built in place
/// around the buffer's own allocation when it has room in front (every
/// [`Buffer`] not made from a `Vec<T>`, [`Buffer::into_ok_frame`]), so the
/// data is not copied; else encoded like [`ok_frame`] (one copy).
pub fn ok_buffer_frame<T: Elem>(call_id: u32, op_id: u32, value: Buffer<T>) -> Vec<u8> {
    match value.into_ok_frame(call_id, op_id) {
        Ok(frame) => frame,
        Err(value) => ok_frame(call_id, op_id, &value),
    }
}

/// Encodes an **ok** frame with an empty payload (ops that return nothing).
pub fn empty_ok_frame(call_id: u32, op_id: u32) -> Vec<u8> {
    Writer::frame(FrameKind::Ok, call_id, op_id).finish()
}

/// Encodes an **error** frame with a typed error: class 0, `error_id`, the
/// error's fields (at payload offset 5, padded relative to the payload start).
pub fn typed_error_frame<E: Encode + ?Sized>(
    call_id: u32,
    op_id: u32,
    error_id: u32,
    error: &E,
) -> Vec<u8> {
    let mut w = Writer::frame(FrameKind::Error, call_id, op_id);
    w.u8(CLASS_TYPED);
    w.u32(error_id);
    error.encode(&mut w);
    w.finish()
}

/// Encodes an **error** frame with a system error: class 1, `code`, `message`.
pub fn system_error_frame(
    call_id: u32,
    op_id: u32,
    code: SystemErrorCode,
    message: &str,
) -> Vec<u8> {
    let mut w = Writer::frame(FrameKind::Error, call_id, op_id);
    w.u8(CLASS_SYSTEM);
    w.u32(code as u32);
    w.string(message);
    w.finish()
}

/// The system error refusing a frame (docs/wire.md §2, docs/abi.md §1.1 and
/// §4): code `too_large` for a frame over the limit, `bad_frame` for anything
/// else wrong with its header or length; the message is the decode error
/// kind, then `detail`.
pub fn refusal_frame(call_id: u32, op_id: u32, kind: DecodeErrorKind, detail: &str) -> Vec<u8> {
    let code = match kind {
        DecodeErrorKind::TooLarge => SystemErrorCode::TooLarge,
        _ => SystemErrorCode::BadFrame,
    };
    let mut message = String::with_capacity(kind.as_str().len() + 2 + detail.len());
    message.push_str(kind.as_str());
    message.push_str(": ");
    message.push_str(detail);
    system_error_frame(call_id, op_id, code, &message)
}

/// A decoded error payload.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorPayload<'a> {
    /// Class 0: a schema error; decode its fields with [`TypedErrorPayload::decode`].
    Typed(TypedErrorPayload<'a>),
    /// Class 1: a system error.
    System {
        /// The raw code (unknown codes are kept; see [`SystemErrorCode::from_u32_lossy`]).
        code: u32,
        /// Message for humans (may be empty).
        message: &'a str,
    },
}

/// A typed error whose fields are not decoded yet (the caller picks the type by `error_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedErrorPayload<'a> {
    /// The error's `wire_id`.
    pub error_id: u32,
    payload: &'a [u8],
    limits: Limits,
}

impl<'a> TypedErrorPayload<'a> {
    /// The whole error payload, class byte and `error_id` included: the
    /// fields start at [`TYPED_ERROR_FIELDS_AT`].
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }

    /// Decodes the error's fields as `E`, read from payload offset 5 with
    /// positions relative to the payload start.
    pub fn decode<E: Decode<'a>>(&self) -> Result<E, DecodeError> {
        let mut r = Reader::with_limits_at(self.payload, TYPED_ERROR_FIELDS_AT, self.limits);
        let e = E::decode(&mut r)?;
        r.finish()?;
        Ok(e)
    }
}

/// Reads the payload of an **error** frame: class byte, then the typed or
/// system error. Another class is `bad_frame`; a system error must fill the
/// payload exactly (`trailing_bytes`).
pub fn read_error_payload<'a>(
    payload: &'a [u8],
    limits: &Limits,
) -> Result<ErrorPayload<'a>, DecodeError> {
    let mut r = Reader::with_limits(payload, *limits);
    match r.u8()? {
        CLASS_TYPED => {
            let error_id = r.u32()?;
            Ok(ErrorPayload::Typed(TypedErrorPayload {
                error_id,
                payload,
                limits: *limits,
            }))
        }
        CLASS_SYSTEM => {
            let code = r.u32()?;
            let message = r.string()?;
            r.finish()?;
            Ok(ErrorPayload::System { code, message })
        }
        _ => Err(DecodeError::new(DecodeErrorKind::BadFrame, 0)),
    }
}

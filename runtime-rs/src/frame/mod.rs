//! Frames (docs/wire.md §2), the one frame layer of this runtime: headers
//! and their checks, kinds, system error codes, and the helpers that write
//! ok/error frames and read error payloads. The dispatcher (`service`), the
//! ABI, the stdio server and the clients all go through it; the frame limit
//! is [`Limits::max_frame_len`](crate::wire::Limits), default
//! [`Limits::DEFAULT_MAX_FRAME_LEN`](crate::wire::Limits::DEFAULT_MAX_FRAME_LEN).

mod error_payload;
mod header;
mod system_error;

pub use error_payload::{
    empty_ok_frame, ok_buffer_frame, ok_frame, read_error_payload, refusal_frame,
    system_error_frame, typed_error_frame, ErrorPayload, TypedError, TypedErrorPayload,
    CLASS_SYSTEM, CLASS_TYPED, TYPED_ERROR_FIELDS_AT,
};
pub use header::{
    frame_bytes, parse_frame, FrameHeader, FrameKind, RawHeader, HEADER_LEN, PAYLOAD_LEN_AT,
    VERSION,
};
pub use system_error::SystemErrorCode;

//! Frames (docs/wire.md §2): headers, kinds, system error codes and the
//! helpers that write ok/error frames and read error payloads.

mod error_payload;
mod header;
mod system_error;

pub use error_payload::{
    empty_ok_frame, ok_frame, read_error_payload, system_error_frame, typed_error_frame, ErrorPayload,
    TypedError, TypedErrorPayload, CLASS_SYSTEM, CLASS_TYPED,
};
pub use header::{parse_frame, FrameHeader, FrameKind, HEADER_LEN, VERSION};
pub use system_error::SystemErrorCode;

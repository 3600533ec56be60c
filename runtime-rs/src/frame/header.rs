//! Frame headers (docs/wire.md §2): the 16-byte prefix of every frame, and
//! [`parse_frame`] which checks it against [`Limits`] and slices the payload.

use crate::wire::{DecodeError, DecodeErrorKind, Limits};

/// Length of a frame header in bytes.
pub const HEADER_LEN: usize = 16;
/// The only wire format version.
pub const VERSION: u8 = 1;

/// What a frame carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum FrameKind {
    /// An op's parameters.
    Call = 1,
    /// An op's return value.
    Ok = 2,
    /// A typed or system error.
    Error = 3,
    /// Asks the callee to abandon a call.
    Cancel = 4,
    /// Reserved for callee-initiated messages; ignored by version 1 readers.
    Event = 5,
}

impl FrameKind {
    /// The kind with this wire byte, if any.
    pub fn from_u8(b: u8) -> Option<Self> {
        Some(match b {
            1 => Self::Call,
            2 => Self::Ok,
            3 => Self::Error,
            4 => Self::Cancel,
            5 => Self::Event,
            _ => return None,
        })
    }

    /// Lowercase name as used in the conformance vectors: `call`, `ok`, `error`, `cancel`, `event`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Call => "call",
            Self::Ok => "ok",
            Self::Error => "error",
            Self::Cancel => "cancel",
            Self::Event => "event",
        }
    }
}

/// A parsed frame header (the reserved `flags` field is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameHeader {
    /// Always [`VERSION`] once parsed.
    pub version: u8,
    /// What the payload is.
    pub kind: FrameKind,
    /// Chosen by the caller, echoed by the answer.
    pub call_id: u32,
    /// The op (or `0` in a cancel frame).
    pub op_id: u32,
    /// Bytes of payload after the header.
    pub payload_len: u32,
}

impl FrameHeader {
    /// A version-1 header.
    pub fn new(kind: FrameKind, call_id: u32, op_id: u32, payload_len: u32) -> Self {
        Self { version: VERSION, kind, call_id, op_id, payload_len }
    }

    /// Parses a header from the first 16 bytes of a frame (stream readers call
    /// this before the payload has arrived). Checks, in order: version
    /// (`unsupported_version`), kind (`bad_frame`), total length against
    /// `limits.max_frame_len` (`too_large`).
    pub fn parse(prefix: &[u8; HEADER_LEN], limits: &Limits) -> Result<Self, DecodeError> {
        let u32_at = |i: usize| u32::from_le_bytes([prefix[i], prefix[i + 1], prefix[i + 2], prefix[i + 3]]);
        if prefix[0] != VERSION {
            return Err(DecodeError::new(DecodeErrorKind::UnsupportedVersion, 0));
        }
        let kind = FrameKind::from_u8(prefix[1]).ok_or(DecodeError::new(DecodeErrorKind::BadFrame, 1))?;
        let header = Self { version: VERSION, kind, call_id: u32_at(4), op_id: u32_at(8), payload_len: u32_at(12) };
        if header.frame_len() > limits.max_frame_len {
            return Err(DecodeError::new(DecodeErrorKind::TooLarge, 12));
        }
        Ok(header)
    }

    /// Total frame length: `16 + payload_len`.
    pub fn frame_len(&self) -> usize {
        HEADER_LEN + self.payload_len as usize
    }

    /// The 16 header bytes (flags written as 0).
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        b[0] = self.version;
        b[1] = self.kind as u8;
        b[4..8].copy_from_slice(&self.call_id.to_le_bytes());
        b[8..12].copy_from_slice(&self.op_id.to_le_bytes());
        b[12..16].copy_from_slice(&self.payload_len.to_le_bytes());
        b
    }
}

/// Parses the frame at the start of `bytes`: its header and its payload
/// (exactly `payload_len` bytes; anything after the frame is not looked at,
/// e.g. the unused part of a `kk_alloc` block). Fewer bytes than the header
/// or the payload needs is `truncated`.
pub fn parse_frame<'a>(bytes: &'a [u8], limits: &Limits) -> Result<(FrameHeader, &'a [u8]), DecodeError> {
    let prefix: &[u8; HEADER_LEN] = bytes
        .get(..HEADER_LEN)
        .and_then(|p| p.try_into().ok())
        .ok_or(DecodeError::new(DecodeErrorKind::Truncated, bytes.len()))?;
    let header = FrameHeader::parse(prefix, limits)?;
    let payload = bytes
        .get(HEADER_LEN..header.frame_len())
        .ok_or(DecodeError::new(DecodeErrorKind::Truncated, bytes.len()))?;
    Ok((header, payload))
}

//! Frame headers (docs/wire.md §2): the 16-byte prefix of every frame, read
//! as it is ([`RawHeader`]) and checked against [`Limits`] ([`FrameHeader`]),
//! and [`parse_frame`], which also slices the payload.
//!
//! Every reader of frames (the dispatcher, the ABI, the stdio server, the
//! clients, the conformance vectors) reads headers here and runs the same
//! checks: version, then kind, then length.

use crate::wire::{DecodeError, DecodeErrorKind, Limits};

/// Length of a frame header in bytes.
pub const HEADER_LEN: usize = 16;
/// The only wire format version.
pub const VERSION: u8 = 1;
/// Offset of `payload_len` in the header (patched by writers once the payload is known).
pub const PAYLOAD_LEN_AT: usize = 12;

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

/// The header fields exactly as on the wire, not judged yet: what a stream
/// reader has after 16 bytes, and where the `call_id` of an answer to a
/// refused frame comes from. [`RawHeader::check`] turns it into a [`FrameHeader`].
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
    /// Reads the 16 header bytes (the reserved `flags` are ignored).
    #[inline]
    pub fn from_prefix(prefix: &[u8; HEADER_LEN]) -> Self {
        let u32_at =
            |i: usize| u32::from_le_bytes([prefix[i], prefix[i + 1], prefix[i + 2], prefix[i + 3]]);
        Self {
            version: prefix[0],
            kind: prefix[1],
            call_id: u32_at(4),
            op_id: u32_at(8),
            payload_len: u32_at(12),
        }
    }

    /// Reads the header at the start of `bytes`, or `None` if they are fewer than 16.
    #[inline]
    pub fn read(bytes: &[u8]) -> Option<Self> {
        bytes.first_chunk::<HEADER_LEN>().map(Self::from_prefix)
    }

    /// `16 + payload_len`, the whole frame's length.
    #[inline]
    pub fn frame_len(&self) -> usize {
        HEADER_LEN + self.payload_len as usize
    }

    /// Checks the header against `limits`, in order: version
    /// (`unsupported_version`), kind (`bad_frame`), total length against
    /// `limits.max_frame_len` (`too_large`). Error positions are the offsets
    /// of the offending fields.
    #[inline]
    pub fn check(&self, limits: &Limits) -> Result<FrameHeader, DecodeError> {
        if self.version != VERSION {
            return Err(DecodeError::new(DecodeErrorKind::UnsupportedVersion, 0));
        }
        let kind =
            FrameKind::from_u8(self.kind).ok_or(DecodeError::new(DecodeErrorKind::BadFrame, 1))?;
        if self.frame_len() > limits.max_frame_len {
            return Err(DecodeError::new(DecodeErrorKind::TooLarge, PAYLOAD_LEN_AT));
        }
        Ok(FrameHeader {
            version: VERSION,
            kind,
            call_id: self.call_id,
            op_id: self.op_id,
            payload_len: self.payload_len,
        })
    }

    /// The 16 header bytes (flags written as 0).
    /// Built as one array expression: no slice copies or index checks, which
    /// opt-level "z" leaves as calls on every frame.
    #[inline(always)]
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let [c0, c1, c2, c3] = self.call_id.to_le_bytes();
        let [o0, o1, o2, o3] = self.op_id.to_le_bytes();
        let [p0, p1, p2, p3] = self.payload_len.to_le_bytes();
        [
            self.version,
            self.kind,
            0,
            0,
            c0,
            c1,
            c2,
            c3,
            o0,
            o1,
            o2,
            o3,
            p0,
            p1,
            p2,
            p3,
        ]
    }
}

/// A checked frame header (the reserved `flags` field is ignored).
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
        Self {
            version: VERSION,
            kind,
            call_id,
            op_id,
            payload_len,
        }
    }

    /// Parses and checks a header from the first 16 bytes of a frame (stream
    /// readers call this before the payload has arrived); see [`RawHeader::check`].
    pub fn parse(prefix: &[u8; HEADER_LEN], limits: &Limits) -> Result<Self, DecodeError> {
        RawHeader::from_prefix(prefix).check(limits)
    }

    /// Total frame length: `16 + payload_len`.
    pub fn frame_len(&self) -> usize {
        HEADER_LEN + self.payload_len as usize
    }

    /// The header as raw fields.
    pub fn raw(&self) -> RawHeader {
        RawHeader {
            version: self.version,
            kind: self.kind as u8,
            call_id: self.call_id,
            op_id: self.op_id,
            payload_len: self.payload_len,
        }
    }

    /// The 16 header bytes (flags written as 0).
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        self.raw().to_bytes()
    }
}

/// Parses the frame at the start of `bytes`: its header and its payload
/// (exactly `payload_len` bytes; anything after the frame is not looked at,
/// e.g. the unused part of a `kk_alloc` block). Fewer bytes than the header
/// or the payload needs is `truncated`.
pub fn parse_frame<'a>(
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<(FrameHeader, &'a [u8]), DecodeError> {
    let raw =
        RawHeader::read(bytes).ok_or(DecodeError::new(DecodeErrorKind::Truncated, bytes.len()))?;
    let header = raw.check(limits)?;
    let payload = bytes
        .get(HEADER_LEN..header.frame_len())
        .ok_or(DecodeError::new(DecodeErrorKind::Truncated, bytes.len()))?;
    Ok((header, payload))
}

/// A whole frame with any header bytes (version 1, flags 0) and `payload`:
/// for hand-built frames, including malformed ones in tests. Generated code
/// writes frames with [`Writer::frame`](crate::wire::Writer::frame).
pub fn frame_bytes(kind: u8, call_id: u32, op_id: u32, payload: &[u8]) -> Vec<u8> {
    let header = RawHeader {
        version: VERSION,
        kind,
        call_id,
        op_id,
        payload_len: payload.len() as u32,
    };
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&header.to_bytes());
    out.extend_from_slice(payload);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_run_in_order_version_kind_length() {
        let limits = Limits {
            max_frame_len: 20,
            ..Limits::default()
        };
        let mut raw = RawHeader {
            version: 2,
            kind: 9,
            call_id: 3,
            op_id: 4,
            payload_len: 100,
        };
        assert_eq!(
            raw.check(&limits).unwrap_err().kind(),
            DecodeErrorKind::UnsupportedVersion
        );
        raw.version = 1;
        assert_eq!(
            raw.check(&limits).unwrap_err().kind(),
            DecodeErrorKind::BadFrame
        );
        raw.kind = 1;
        assert_eq!(
            raw.check(&limits).unwrap_err().kind(),
            DecodeErrorKind::TooLarge
        );
        raw.payload_len = 4;
        assert_eq!(
            raw.check(&limits).unwrap(),
            FrameHeader::new(FrameKind::Call, 3, 4, 4)
        );
        assert_eq!(RawHeader::from_prefix(&raw.to_bytes()), raw);
        assert_eq!(RawHeader::read(&raw.to_bytes()[..15]), None);
    }

    #[test]
    fn frame_bytes_round_trips_through_parse_frame() {
        let f = frame_bytes(2, 7, 9, b"abc");
        let (h, payload) = parse_frame(&f, &Limits::default()).unwrap();
        assert_eq!(
            (h, payload),
            (FrameHeader::new(FrameKind::Ok, 7, 9, 3), &b"abc"[..])
        );
        assert_eq!(
            parse_frame(&f[..18], &Limits::default())
                .unwrap_err()
                .kind(),
            DecodeErrorKind::Truncated
        );
    }
}

//! System error codes (docs/wire.md §2.1): failures of the machinery, kept
//! apart from the schema's typed errors.

use std::fmt;

/// A system error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum SystemErrorCode {
    /// No op with this `op_id` in the service.
    UnknownOp = 1,
    /// The call payload did not decode; the message names the decode error kind.
    Decode = 2,
    /// The handler panicked or the wasm instance trapped.
    Trap = 3,
    /// The callee refuses more work right now.
    Overloaded = 4,
    /// The call was cancelled.
    Cancelled = 5,
    /// The caller's deadline passed.
    Timeout = 6,
    /// A frame exceeded the configured limit.
    TooLarge = 7,
    /// The worker, process or connection died.
    Unavailable = 8,
    /// Any other failure of the runtime itself.
    Internal = 9,
    /// The frame header was malformed.
    BadFrame = 10,
    /// The caller is not allowed to make this call (a NATS permission, an HTTP authorization).
    Forbidden = 11,
}

impl SystemErrorCode {
    /// The code with this number, if known.
    pub fn from_u32(code: u32) -> Option<Self> {
        use SystemErrorCode::*;
        Some(match code {
            1 => UnknownOp,
            2 => Decode,
            3 => Trap,
            4 => Overloaded,
            5 => Cancelled,
            6 => Timeout,
            7 => TooLarge,
            8 => Unavailable,
            9 => Internal,
            10 => BadFrame,
            11 => Forbidden,
            _ => return None,
        })
    }

    /// The code with this number; unknown codes surface as `Internal` (§2.1).
    pub fn from_u32_lossy(code: u32) -> Self {
        Self::from_u32(code).unwrap_or(Self::Internal)
    }

    /// The shared snake_case name, e.g. `"unknown_op"`.
    pub fn as_str(self) -> &'static str {
        use SystemErrorCode::*;
        match self {
            UnknownOp => "unknown_op",
            Decode => "decode",
            Trap => "trap",
            Overloaded => "overloaded",
            Cancelled => "cancelled",
            Timeout => "timeout",
            TooLarge => "too_large",
            Unavailable => "unavailable",
            Internal => "internal",
            BadFrame => "bad_frame",
            Forbidden => "forbidden",
        }
    }
}

impl fmt::Display for SystemErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

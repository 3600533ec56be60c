//! Decoder limits (docs/wire.md §5.1): maximum frame length and nesting depth.

/// Limits every decoder enforces; configurable per decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted frame, header included (default 256 MiB).
    pub max_frame_len: usize,
    /// Deepest accepted nesting; each struct, union, list, map and optional entered counts one (default 64).
    pub max_depth: u32,
}

impl Limits {
    /// Default maximum frame length: 256 MiB.
    pub const DEFAULT_MAX_FRAME_LEN: usize = 256 << 20;
    /// Default maximum nesting depth: 64.
    pub const DEFAULT_MAX_DEPTH: u32 = 64;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_frame_len: Self::DEFAULT_MAX_FRAME_LEN,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }
}

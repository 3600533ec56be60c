//! [`Writer`]: appends wire values (docs/wire.md §3) to a `Vec<u8>`, either a
//! bare payload or a whole frame whose header it reserves and patches.

use std::cell::Cell;

use super::codec::Encode;
use super::elem::Elem;
use crate::frame::{FrameKind, RawHeader, HEADER_LEN, PAYLOAD_LEN_AT, VERSION};

thread_local! {
    /// One frame buffer kept for the next [`Writer::frame`] ([`recycle_frame`]).
    static SPARE_FRAME: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// The largest capacity [`recycle_frame`] keeps (bigger buffers are freed).
const SPARE_FRAME_MAX: usize = 64 * 1024;

/// Hands a frame buffer that is no longer needed (its bytes were copied
/// elsewhere, e.g. into the ABI's scratch region) to the next
/// [`Writer::frame`] of this thread, so small answers cost no allocation.
/// Buffers over 64 KiB are freed instead.
pub fn recycle_frame(frame: Vec<u8>) {
    if frame.capacity() <= SPARE_FRAME_MAX {
        SPARE_FRAME.with(|spare| spare.set(frame));
    }
}

/// Position of a reserved `u32` length, returned by `begin_*` and consumed by `end_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "pass the mark to the matching end_* call"]
pub struct Mark(usize);

/// Encodes values into a growable byte vector.
///
/// Positions (for typed-buffer padding) are counted from the payload start
/// (`base`), so a payload that begins after a 16-byte frame header keeps the
/// same layout as a bare one.
#[derive(Debug, Clone, Default)]
pub struct Writer {
    buf: Vec<u8>,
    base: usize,
    framed: bool,
}

impl Writer {
    /// A writer for a bare payload (position 0 is the first byte).
    pub fn new() -> Self {
        Self::default()
    }

    /// A writer for a bare payload with room for `cap` bytes.
    pub fn with_capacity(cap: usize) -> Self {
        Self {
            buf: Vec::with_capacity(cap),
            base: 0,
            framed: false,
        }
    }

    /// A writer for a whole frame: writes the 16-byte header now (payload
    /// length patched by [`Writer::finish`]); values written next form the payload.
    pub fn frame(kind: FrameKind, call_id: u32, op_id: u32) -> Self {
        Self::frame_with_capacity(kind, call_id, op_id, 64)
    }

    /// Like [`Writer::frame`], reserving room for `cap` payload bytes. The
    /// buffer is the one [`recycle_frame`] kept, when it has the room (a small
    /// answer copied into the scratch region costs no allocation).
    pub fn frame_with_capacity(kind: FrameKind, call_id: u32, op_id: u32, cap: usize) -> Self {
        let mut buf = SPARE_FRAME.with(Cell::take);
        buf.clear();
        if buf.capacity() < HEADER_LEN + cap {
            buf = Vec::with_capacity(HEADER_LEN + cap);
        }
        buf.extend_from_slice(
            &RawHeader {
                version: VERSION,
                kind: kind as u8,
                call_id,
                op_id,
                payload_len: 0,
            }
            .to_bytes(),
        );
        Self {
            buf,
            base: HEADER_LEN,
            framed: true,
        }
    }

    /// Current position, counted from the payload start.
    pub fn pos(&self) -> usize {
        self.buf.len() - self.base
    }

    /// The bytes written so far (header included for a frame writer).
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// The payload bytes written so far.
    pub fn payload(&self) -> &[u8] {
        &self.buf[self.base..]
    }

    /// Finishes: for a frame writer patches `payload_len`; returns all bytes.
    pub fn finish(mut self) -> Vec<u8> {
        if self.framed {
            let len = u32::try_from(self.buf.len() - HEADER_LEN).unwrap_or(u32::MAX);
            self.buf[PAYLOAD_LEN_AT..HEADER_LEN].copy_from_slice(&len.to_le_bytes());
        }
        self.buf
    }

    /// Appends raw bytes as they are.
    #[inline(always)]
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Writes a bool: 1 byte, `0` or `1`.
    #[inline]
    pub fn bool(&mut self, v: bool) {
        self.buf.push(v as u8);
    }
    /// Writes a `u8`.
    #[inline]
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Writes an `i8`.
    #[inline]
    pub fn i8(&mut self, v: i8) {
        self.buf.push(v as u8);
    }
    /// Writes a little-endian `u16`.
    #[inline]
    pub fn u16(&mut self, v: u16) {
        self.raw(&v.to_le_bytes());
    }
    /// Writes a little-endian `i16`.
    #[inline]
    pub fn i16(&mut self, v: i16) {
        self.raw(&v.to_le_bytes());
    }
    /// Writes a little-endian `u32`.
    #[inline]
    pub fn u32(&mut self, v: u32) {
        self.raw(&v.to_le_bytes());
    }
    /// Writes a little-endian `i32`.
    #[inline]
    pub fn i32(&mut self, v: i32) {
        self.raw(&v.to_le_bytes());
    }
    /// Writes a little-endian `u64`.
    #[inline]
    pub fn u64(&mut self, v: u64) {
        self.raw(&v.to_le_bytes());
    }
    /// Writes a little-endian `i64`.
    #[inline]
    pub fn i64(&mut self, v: i64) {
        self.raw(&v.to_le_bytes());
    }
    /// Writes an `f32`, bit for bit.
    #[inline]
    pub fn f32(&mut self, v: f32) {
        self.raw(&v.to_le_bytes());
    }
    /// Writes an `f64`, bit for bit.
    #[inline]
    pub fn f64(&mut self, v: f64) {
        self.raw(&v.to_le_bytes());
    }

    /// Writes a `u32` length or count (saturating: lengths above 4 GiB cannot be encoded).
    #[inline]
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// Writes a `string`: `u32 len`, UTF-8 bytes (§3.2).
    #[inline]
    pub fn string(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Writes `bytes`: `u32 len`, then the bytes (§3.3).
    #[inline]
    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.raw(b);
    }

    /// Writes a typed buffer `T[]`: `u32 count`, zero padding to `pos % SIZE == 0`,
    /// then the little-endian elements (§3.6). One memcpy on little-endian hosts.
    pub fn buffer<T: Elem>(&mut self, items: &[T]) {
        self.len(items.len());
        let pad = (T::SIZE - self.pos() % T::SIZE) % T::SIZE;
        self.buf.resize(self.buf.len() + pad, 0);
        #[cfg(target_endian = "little")]
        {
            // SAFETY: every Elem is a plain number without padding or invalid
            // bit patterns; on a little-endian host its memory is its wire form.
            let bytes = unsafe {
                std::slice::from_raw_parts(
                    items.as_ptr() as *const u8,
                    std::mem::size_of_val(items),
                )
            };
            self.buf.extend_from_slice(bytes);
        }
        #[cfg(not(target_endian = "little"))]
        {
            self.buf.reserve(items.len() * T::SIZE);
            for &e in items {
                e.write_le(&mut self.buf);
            }
        }
    }

    /// Starts a struct or error body (§3.9): reserves its `u32 body_len`.
    #[inline]
    pub fn begin_struct(&mut self) -> Mark {
        let m = Mark(self.buf.len());
        self.u32(0);
        m
    }

    /// Ends the body started at `mark`, patching its length.
    #[inline]
    pub fn end_struct(&mut self, mark: Mark) {
        self.patch_len(mark);
    }

    /// Starts a union value (§3.10): writes `tag` and reserves its `u32 payload_len`.
    #[inline]
    pub fn begin_union(&mut self, tag: u32) -> Mark {
        self.u32(tag);
        self.begin_struct()
    }

    /// Ends the union payload started at `mark`, patching its length.
    #[inline]
    pub fn end_union(&mut self, mark: Mark) {
        self.patch_len(mark);
    }

    fn patch_len(&mut self, mark: Mark) {
        let len = self.buf.len() - mark.0 - 4;
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        self.buf[mark.0..mark.0 + 4].copy_from_slice(&len.to_le_bytes());
    }

    /// Writes a union variant that has no payload: `tag`, `payload_len = 0`.
    #[inline]
    pub fn unit_variant(&mut self, tag: u32) {
        self.u32(tag);
        self.u32(0);
    }

    /// Writes an optional (§3.7): presence byte, then the value if present.
    #[inline]
    pub fn optional<T: Encode + ?Sized>(&mut self, v: Option<&T>) {
        match v {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                v.encode(self);
            }
        }
    }

    /// Writes a `list<T>` (§3.4): count, then each value.
    #[inline]
    pub fn list<T: Encode>(&mut self, items: &[T]) {
        self.len(items.len());
        T::encode_items(items, self);
    }

    /// Writes a `map<K, V>` from entries already strictly ascending by key (§3.5).
    pub fn map<'a, K: Encode + 'a, V: Encode + 'a>(
        &mut self,
        entries: impl ExactSizeIterator<Item = (&'a K, &'a V)>,
    ) {
        self.len(entries.len());
        for (k, v) in entries {
            k.encode(self);
            v.encode(self);
        }
    }

    /// Writes any [`Encode`] value.
    #[inline]
    pub fn value<T: Encode + ?Sized>(&mut self, v: &T) {
        v.encode(self);
    }
}

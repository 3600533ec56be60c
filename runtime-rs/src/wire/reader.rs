//! [`Reader`]: decodes wire values (docs/wire.md §3) from a borrowed byte
//! slice, safely: every length is checked against the bytes that remain
//! (inside the innermost struct body or union payload), nesting is bounded by
//! [`Limits::max_depth`], and nothing panics on hostile input.

use super::codec::Decode;
use super::elem::Elem;
use super::error::{DecodeError, DecodeErrorKind};
use super::limits::Limits;
use std::borrow::Cow;

/// A scope opened by [`Reader::begin_struct`] or [`Reader::begin_union`]; pass
/// it back to the matching `end_*` call.
#[derive(Debug)]
#[must_use = "pass the scope to the matching end_* call"]
pub struct Scope {
    outer_end: usize,
}

/// Decodes values from `&'de [u8]`; position 0 is the payload start (which
/// is what typed-buffer padding is relative to).
#[derive(Debug, Clone)]
pub struct Reader<'de> {
    data: &'de [u8],
    pos: usize,
    /// End of the innermost struct body or union payload (or of the data).
    end: usize,
    depth: u32,
    limits: Limits,
}

type Result<T> = std::result::Result<T, DecodeError>;

impl<'de> Reader<'de> {
    /// A reader over a whole payload with the default [`Limits`].
    pub fn new(data: &'de [u8]) -> Self {
        Self::with_limits(data, Limits::default())
    }

    /// A reader over a whole payload with the given limits.
    pub fn with_limits(data: &'de [u8], limits: Limits) -> Self {
        Self::with_limits_at(data, 0, limits)
    }

    /// A reader over a whole payload that starts reading at `start` (e.g. a
    /// typed error's fields at offset 5): positions, and so typed-buffer
    /// padding, stay counted from the payload start. A `start` past the end
    /// reads as the end (the first read is `truncated`).
    pub fn with_limits_at(data: &'de [u8], start: usize, limits: Limits) -> Self {
        Self {
            data,
            pos: start.min(data.len()),
            end: data.len(),
            depth: 0,
            limits,
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Current position from the payload start.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes left in the innermost scope.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.end - self.pos
    }

    /// True while the innermost struct body still has bytes: generated
    /// decoders read a field only then, and use its default otherwise (§3.9).
    #[inline]
    pub fn has_more(&self) -> bool {
        self.pos < self.end
    }

    /// Reads the next struct field, or its default when the body has ended
    /// before it (new reader, old writer: docs/wire.md §3.9).
    #[inline]
    pub fn field<T: Decode<'de> + Default>(&mut self) -> Result<T> {
        if self.has_more() {
            T::decode(self)
        } else {
            Ok(T::default())
        }
    }

    /// An error of `kind` at the current position.
    #[inline]
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, self.pos)
    }

    /// Consumes `n` bytes, or fails with `truncated`.
    #[inline(always)]
    pub fn take(&mut self, n: usize) -> Result<&'de [u8]> {
        if n > self.remaining() {
            return Err(self.error(DecodeErrorKind::Truncated));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// Skips `n` bytes, or fails with `truncated`.
    #[inline]
    pub fn skip(&mut self, n: usize) -> Result<()> {
        self.take(n).map(|_| ())
    }

    #[inline(always)]
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    /// Reads a bool; a byte other than 0 or 1 is `invalid_bool`.
    #[inline]
    pub fn bool(&mut self) -> Result<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError::new(DecodeErrorKind::InvalidBool, self.pos - 1)),
        }
    }
    /// Reads a `u8`.
    #[inline]
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.array::<1>()?[0])
    }
    /// Reads an `i8`.
    #[inline]
    pub fn i8(&mut self) -> Result<i8> {
        Ok(self.array::<1>()?[0] as i8)
    }
    /// Reads a little-endian `u16`.
    #[inline]
    pub fn u16(&mut self) -> Result<u16> {
        self.array().map(u16::from_le_bytes)
    }
    /// Reads a little-endian `i16`.
    #[inline]
    pub fn i16(&mut self) -> Result<i16> {
        self.array().map(i16::from_le_bytes)
    }
    /// Reads a little-endian `u32`.
    #[inline(always)]
    pub fn u32(&mut self) -> Result<u32> {
        self.array().map(u32::from_le_bytes)
    }
    /// Reads a little-endian `i32`.
    #[inline]
    pub fn i32(&mut self) -> Result<i32> {
        self.array().map(i32::from_le_bytes)
    }
    /// Reads a little-endian `u64`.
    #[inline]
    pub fn u64(&mut self) -> Result<u64> {
        self.array().map(u64::from_le_bytes)
    }
    /// Reads a little-endian `i64`.
    #[inline]
    pub fn i64(&mut self) -> Result<i64> {
        self.array().map(i64::from_le_bytes)
    }
    /// Reads an `f32`, bit for bit.
    #[inline]
    pub fn f32(&mut self) -> Result<f32> {
        self.array().map(f32::from_le_bytes)
    }
    /// Reads an `f64`, bit for bit.
    #[inline]
    pub fn f64(&mut self) -> Result<f64> {
        self.array().map(f64::from_le_bytes)
    }

    /// Reads a `u32` length or count and checks that at least `count * min_size`
    /// bytes remain (`truncated` otherwise), so callers may allocate for it.
    #[inline]
    pub fn count(&mut self, min_size: usize) -> Result<usize> {
        let at = self.pos;
        let n = self.u32()? as usize;
        match n.checked_mul(min_size.max(1)) {
            Some(need) if need <= self.remaining() => Ok(n),
            _ => Err(DecodeError::new(DecodeErrorKind::Truncated, at)),
        }
    }

    /// Reads `bytes` (§3.3), borrowed from the input.
    #[inline]
    pub fn bytes(&mut self) -> Result<&'de [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }

    /// Reads a `string` (§3.2), borrowed; invalid UTF-8 is `invalid_utf8`.
    #[inline]
    pub fn string(&mut self) -> Result<&'de str> {
        let at = self.pos;
        let b = self.bytes()?;
        std::str::from_utf8(b).map_err(|_| DecodeError::new(DecodeErrorKind::InvalidUtf8, at))
    }

    /// Reads a typed buffer `T[]` (§3.6). Borrows the wire bytes as `&[T]`
    /// when they sit at an address aligned for `T` on a little-endian host
    /// (zero copy); copies them (one memcpy) otherwise.
    pub fn buffer<T: Elem>(&mut self) -> Result<Cow<'de, [T]>> {
        let at = self.pos;
        let n = self.u32()? as usize;
        let pad = (T::SIZE - self.pos % T::SIZE) % T::SIZE;
        let len = match n.checked_mul(T::SIZE).and_then(|b| b.checked_add(pad)) {
            Some(total) if total <= self.remaining() => n * T::SIZE,
            _ => return Err(DecodeError::new(DecodeErrorKind::Truncated, at)),
        };
        self.pos += pad;
        let bytes = self.take(len)?;
        #[cfg(target_endian = "little")]
        {
            if (bytes.as_ptr() as *const T).is_aligned() {
                // SAFETY: the pointer is aligned for T, the slice holds exactly
                // n * size_of::<T>() initialised bytes that live for 'de, and every
                // bit pattern is a valid T (Elem is sealed to plain numbers).
                let view = unsafe { std::slice::from_raw_parts(bytes.as_ptr() as *const T, n) };
                return Ok(Cow::Borrowed(view));
            }
            let mut v: Vec<T> = Vec::with_capacity(n);
            // SAFETY: v has capacity for n elements = len bytes; the regions do
            // not overlap; every bit pattern is a valid T.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr(), v.as_mut_ptr() as *mut u8, len);
                v.set_len(n);
            }
            Ok(Cow::Owned(v))
        }
        #[cfg(not(target_endian = "little"))]
        {
            Ok(Cow::Owned(
                bytes.chunks_exact(T::SIZE).map(T::from_le_slice).collect(),
            ))
        }
    }

    /// Enters one nesting level (list, map, optional); `depth_exceeded` past the limit.
    #[inline]
    pub fn enter(&mut self) -> Result<()> {
        if self.depth >= self.limits.max_depth {
            return Err(self.error(DecodeErrorKind::DepthExceeded));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a level entered with [`Reader::enter`].
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Reads an optional's presence byte (§3.7); anything but 0 or 1 is `invalid_optional`.
    #[inline]
    pub fn presence(&mut self) -> Result<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError::new(
                DecodeErrorKind::InvalidOptional,
                self.pos - 1,
            )),
        }
    }

    fn open(&mut self) -> Result<Scope> {
        let at = self.pos;
        let len = self.u32()? as usize;
        if len > self.remaining() {
            return Err(DecodeError::new(DecodeErrorKind::Truncated, at));
        }
        self.enter()?;
        let outer_end = self.end;
        self.end = self.pos + len;
        Ok(Scope { outer_end })
    }

    fn close(&mut self, scope: Scope) {
        // Old reader, new writer: skip what we did not read (§3.9, §3.10).
        self.pos = self.end;
        self.end = scope.outer_end;
        self.leave();
    }

    /// Enters a struct or error body (§3.9): reads `body_len` and bounds reads by it.
    #[inline]
    pub fn begin_struct(&mut self) -> Result<Scope> {
        self.open()
    }

    /// Leaves a struct body, skipping fields this reader does not know.
    #[inline]
    pub fn end_struct(&mut self, scope: Scope) -> Result<()> {
        self.close(scope);
        Ok(())
    }

    /// Enters a union (§3.10): reads `tag` and `payload_len`, bounds reads by
    /// the payload, and returns the tag with the scope.
    #[inline]
    pub fn begin_union(&mut self) -> Result<(u32, Scope)> {
        let tag = self.u32()?;
        let scope = self.open()?;
        Ok((tag, scope))
    }

    /// Leaves a union payload, skipping bytes the variant did not need.
    #[inline]
    pub fn end_union(&mut self, scope: Scope) -> Result<()> {
        self.close(scope);
        Ok(())
    }

    /// The `unknown_variant` error for a tag read at the start of the current union.
    pub fn unknown_variant(&self) -> DecodeError {
        self.error(DecodeErrorKind::UnknownVariant)
    }

    /// Ends a top-level decode: bytes left over are `trailing_bytes`.
    pub fn finish(self) -> Result<()> {
        if self.pos != self.data.len() {
            return Err(self.error(DecodeErrorKind::TrailingBytes));
        }
        Ok(())
    }
}

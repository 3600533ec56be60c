//! [`Buffer<T>`]: the owned Rust type of a typed buffer `T[]`.
//!
//! Distinct from `Vec<T>` so that `T[]` (aligned bulk data, docs/wire.md §3.6)
//! and `list<T>` (`Vec<T>`, §3.4) keep distinct encodings. It derefs to `[T]`
//! and has the common `Vec` methods.
//!
//! A buffer built here ([`FromIterator`], [`Buffer::with_capacity`] +
//! [`push`](Buffer::push) / [`extend_from_slice`](Buffer::extend_from_slice) /
//! [`resize`](Buffer::resize), `From<&[T]>`, [`Clone`]) keeps room for an ok
//! frame's header and count in front of its data, in the same allocation:
//! when an op returns it as its bare result, the dispatcher writes those
//! bytes in front and hands the allocation out as the response frame without
//! copying the data ([`Buffer::into_ok_frame`], docs/build.md). A buffer made
//! `From<Vec<T>>` keeps that vector (no copy now) and is copied once into the
//! frame instead, as is any buffer whose allocation did not allow the data to
//! sit aligned right after the room (checked at run time).
//!
//! Borrowing decoders use `Cow<'de, [T]>` instead, which views the wire bytes
//! in place when aligned.

use super::elem::Elem;
use crate::frame::{FrameHeader, FrameKind, HEADER_LEN};
use std::ops::{Deref, DerefMut};

/// An owned typed buffer `T[]`.
pub struct Buffer<T: Elem> {
    store: Store<T>,
}

/// Where a buffer's elements live.
enum Store<T> {
    /// A vector handed in by the caller (`From<Vec<T>>`).
    Plain(Vec<T>),
    /// Raw bytes: `head` bytes of room, then the elements (aligned for `T`,
    /// native byte order), `bytes.len() == head + len * size_of::<T>()`.
    Framed { bytes: Vec<u8>, head: usize },
}

/// Frame offset of the data of an ok frame whose payload is one `T[]`:
/// header, `u32` count, padding to `SIZE` (docs/wire.md §3.6): 20, or 24 for
/// 8-byte elements.
const fn data_at<T: Elem>() -> usize {
    (HEADER_LEN + 4).div_ceil(T::SIZE) * T::SIZE
}

impl<T: Elem> Buffer<T> {
    /// An empty buffer (allocates nothing).
    pub const fn new() -> Self {
        Self {
            store: Store::Framed {
                bytes: Vec::new(),
                head: 0,
            },
        }
    }

    /// The length of the ok frame answering `len` elements as an op's bare
    /// `T[]` result (header, count, padding, data): what a handler compares
    /// with [`answer_limit`](crate::service::answer_limit) before building
    /// such a buffer. In `u64`, so it cannot overflow on wasm32.
    pub const fn ok_frame_len(len: u64) -> u64 {
        data_at::<T>() as u64 + len * T::SIZE as u64
    }

    /// An empty buffer with room for `capacity` elements (and the frame in front).
    pub fn with_capacity(capacity: usize) -> Self {
        let (bytes, head) = framed_alloc::<T>(capacity);
        Self {
            store: Store::Framed { bytes, head },
        }
    }

    /// The number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Plain(v) => v.len(),
            Store::Framed { bytes, head } => (bytes.len() - head) / std::mem::size_of::<T>(),
        }
    }

    /// Whether there are no elements.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many elements fit without reallocating.
    pub fn capacity(&self) -> usize {
        match &self.store {
            Store::Plain(v) => v.capacity(),
            Store::Framed { bytes, head } => {
                bytes.capacity().saturating_sub(*head) / std::mem::size_of::<T>()
            }
        }
    }

    /// The elements as a slice.
    #[inline]
    pub fn as_slice(&self) -> &[T] {
        match &self.store {
            Store::Plain(v) => v,
            Store::Framed { bytes, head } => {
                let n = (bytes.len() - head) / std::mem::size_of::<T>();
                if n == 0 {
                    return &[];
                }
                // SAFETY: `head` aligns the data for `T` (framed_alloc), the
                // `n` elements are initialized, and every bit pattern is a `T`.
                unsafe { std::slice::from_raw_parts(bytes.as_ptr().add(*head) as *const T, n) }
            }
        }
    }

    /// The elements as a mutable slice.
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        match &mut self.store {
            Store::Plain(v) => v,
            Store::Framed { bytes, head } => {
                let n = (bytes.len() - *head) / std::mem::size_of::<T>();
                if n == 0 {
                    return &mut [];
                }
                // SAFETY: as in `as_slice`, borrowed mutably.
                unsafe {
                    std::slice::from_raw_parts_mut(bytes.as_mut_ptr().add(*head) as *mut T, n)
                }
            }
        }
    }

    /// Makes room for at least `additional` more elements.
    pub fn reserve(&mut self, additional: usize) {
        match &mut self.store {
            Store::Plain(v) => v.reserve(additional),
            Store::Framed { bytes, head } => {
                let size = std::mem::size_of::<T>();
                let len = (bytes.len() - *head) / size;
                let free = bytes.capacity().saturating_sub(bytes.len()) / size;
                if bytes.capacity() > 0 && free >= additional {
                    return;
                }
                let wanted = len
                    .checked_add(additional)
                    .expect("Buffer capacity overflow")
                    .max(len.saturating_mul(2))
                    .max(8);
                let (mut grown, grown_head) = framed_alloc::<T>(wanted);
                grown.extend_from_slice(&bytes[*head..]);
                *bytes = grown;
                *head = grown_head;
            }
        }
    }

    /// Appends one element.
    #[inline]
    pub fn push(&mut self, value: T) {
        if let Store::Framed { bytes, .. } = &self.store {
            if bytes.capacity() - bytes.len() < std::mem::size_of::<T>() {
                self.reserve(1);
            }
        }
        match &mut self.store {
            Store::Plain(v) => v.push(value),
            Store::Framed { bytes, .. } => {
                let at = bytes.len();
                // SAFETY: there is room for one element at `at` (above), which
                // is aligned for `T` (head aligns the data, len is a multiple).
                unsafe {
                    (bytes.as_mut_ptr().add(at) as *mut T).write(value);
                    bytes.set_len(at + std::mem::size_of::<T>());
                }
            }
        }
    }

    /// Appends all of `items`.
    pub fn extend_from_slice(&mut self, items: &[T]) {
        match &mut self.store {
            Store::Plain(v) => v.extend_from_slice(items),
            Store::Framed { .. } => {
                self.reserve(items.len());
                if let Store::Framed { bytes, .. } = &mut self.store {
                    bytes.extend_from_slice(as_bytes(items));
                }
            }
        }
    }

    /// Sets the length to `new_len`, appending copies of `value` or truncating.
    pub fn resize(&mut self, new_len: usize, value: T) {
        let len = self.len();
        if new_len <= len {
            self.truncate(new_len);
            return;
        }
        self.reserve(new_len - len);
        for _ in len..new_len {
            self.push(value);
        }
    }

    /// Keeps the first `len` elements.
    pub fn truncate(&mut self, len: usize) {
        match &mut self.store {
            Store::Plain(v) => v.truncate(len),
            Store::Framed { bytes, head } => {
                let end = *head + len.saturating_mul(std::mem::size_of::<T>());
                bytes.truncate(end.max(*head));
            }
        }
    }

    /// Removes every element (keeps the allocation).
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// The elements as a vector (a copy unless the buffer was made from a `Vec<T>`).
    pub fn into_vec(self) -> Vec<T> {
        match self.store {
            Store::Plain(v) => v,
            Store::Framed { .. } => self.as_slice().to_vec(),
        }
    }

    /// The complete ok frame answering `call_id` / `op_id` with this buffer
    /// as the whole payload, built in place: header and count are written into
    /// the room in front of the data, and the buffer's own allocation becomes
    /// the frame, with no copy of the data. `Err(self)` when the buffer has no
    /// such room (made from a `Vec<T>`, an allocation that did not allow it,
    /// or a big-endian host); [`ok_frame`](crate::frame::ok_frame) encodes
    /// it then.
    pub fn into_ok_frame(self, call_id: u32, op_id: u32) -> Result<Vec<u8>, Self> {
        let at = data_at::<T>();
        match self.store {
            Store::Framed { mut bytes, head }
                if head == at && cfg!(target_endian = "little") && bytes.capacity() > 0 =>
            {
                let count = (bytes.len() - head) / std::mem::size_of::<T>();
                let (Ok(count32), Ok(payload_len)) = (
                    u32::try_from(count),
                    u32::try_from(bytes.len() - HEADER_LEN),
                ) else {
                    return Err(Self {
                        store: Store::Framed { bytes, head },
                    });
                };
                let header = FrameHeader::new(FrameKind::Ok, call_id, op_id, payload_len);
                bytes[..HEADER_LEN].copy_from_slice(&header.to_bytes());
                bytes[HEADER_LEN..HEADER_LEN + 4].copy_from_slice(&count32.to_le_bytes());
                bytes[HEADER_LEN + 4..at].fill(0);
                Ok(bytes)
            }
            store => Err(Self { store }),
        }
    }

    /// Address of the first element (where the data sits in memory; tests
    /// compare it with a response frame's data to prove no copy was made).
    pub fn data_ptr(&self) -> *const T {
        self.as_slice().as_ptr()
    }
}

/// A byte vector with room for `capacity` elements after the frame's header
/// and count, and the offset of the data: [`data_at`] when the allocation
/// lets the data sit aligned for `T` there, else the next aligned offset.
fn framed_alloc<T: Elem>(capacity: usize) -> (Vec<u8>, usize) {
    let align = std::mem::align_of::<T>();
    let data = capacity
        .checked_mul(std::mem::size_of::<T>())
        .and_then(|d| d.checked_add(data_at::<T>() + align - 1))
        .expect("Buffer capacity overflow");
    let mut bytes = Vec::with_capacity(data);
    let at = data_at::<T>();
    let misaligned = (bytes.as_ptr() as usize + at) % align;
    let head = if misaligned == 0 {
        at
    } else {
        at + align - misaligned
    };
    bytes.resize(head, 0);
    (bytes, head)
}

/// The memory of `items` as bytes (native byte order).
fn as_bytes<T: Elem>(items: &[T]) -> &[u8] {
    // SAFETY: every Elem is a plain number without padding.
    unsafe { std::slice::from_raw_parts(items.as_ptr() as *const u8, std::mem::size_of_val(items)) }
}

impl<T: Elem> Default for Buffer<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Elem> Clone for Buffer<T> {
    fn clone(&self) -> Self {
        Self::from(self.as_slice())
    }
}

impl<T: Elem> std::fmt::Debug for Buffer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Buffer").field(&self.as_slice()).finish()
    }
}

impl<T: Elem> PartialEq for Buffer<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Elem> Deref for Buffer<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Elem> DerefMut for Buffer<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}

impl<T: Elem> AsRef<[T]> for Buffer<T> {
    fn as_ref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: Elem> From<Vec<T>> for Buffer<T> {
    /// Keeps the vector (no copy); a result made this way is copied once into its frame.
    fn from(v: Vec<T>) -> Self {
        Self {
            store: Store::Plain(v),
        }
    }
}

impl<T: Elem> From<&[T]> for Buffer<T> {
    fn from(items: &[T]) -> Self {
        let mut b = Self::with_capacity(items.len());
        b.extend_from_slice(items);
        b
    }
}

impl<T: Elem, const N: usize> From<[T; N]> for Buffer<T> {
    fn from(items: [T; N]) -> Self {
        Self::from(&items[..])
    }
}

impl<T: Elem> From<Buffer<T>> for Vec<T> {
    fn from(b: Buffer<T>) -> Self {
        b.into_vec()
    }
}

impl<T: Elem> FromIterator<T> for Buffer<T> {
    /// Writes the items straight after the frame's room: one allocation and
    /// no capacity check per item when the iterator knows its exact length.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut iter = iter.into_iter();
        let (lower, upper) = iter.size_hint();
        let mut b = Self::with_capacity(lower);
        if upper == Some(lower) && lower > 0 {
            if let Store::Framed { bytes, head } = &mut b.store {
                // SAFETY: the allocation has room for `lower` elements after
                // `head`, aligned for `T`; only written slots are counted.
                let base = unsafe { bytes.as_mut_ptr().add(*head) as *mut T };
                let mut n = 0;
                // A plain loop: under opt-level "z" `take(..).for_each(..)`
                // stays a closure call per item (~1.6x slower on 16M floats).
                while n < lower {
                    let Some(x) = iter.next() else { break };
                    unsafe { base.add(n).write(x) };
                    n += 1;
                }
                unsafe { bytes.set_len(*head + n * std::mem::size_of::<T>()) };
            }
        }
        b.extend(iter);
        b
    }
}

impl<T: Elem> Extend<T> for Buffer<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for x in iter {
            self.push(x);
        }
    }
}

impl<'a, T: Elem> IntoIterator for &'a Buffer<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Elem> IntoIterator for Buffer<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

#[cfg(feature = "serde")]
impl<T: Elem + serde::Serialize> serde::Serialize for Buffer<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: Elem + serde::Deserialize<'de>> serde::Deserialize<'de> for Buffer<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(|v| Self::from(&v[..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::{ok_frame, RawHeader};

    fn framed<T: Elem>(b: &Buffer<T>) -> bool {
        matches!(&b.store, Store::Framed { head, .. } if *head == data_at::<T>())
    }

    #[test]
    fn ok_frame_len_counts_header_count_padding_and_data() {
        assert_eq!(Buffer::<f32>::ok_frame_len(0), 20);
        assert_eq!(Buffer::<f32>::ok_frame_len(3), 32);
        assert_eq!(Buffer::<u8>::ok_frame_len(5), 25);
        assert_eq!(Buffer::<f64>::ok_frame_len(1), 32);
        let built = Buffer::from_iter([1.0f32, 2.0, 3.0])
            .into_ok_frame(1, 2)
            .ok()
            .unwrap();
        assert_eq!(built.len() as u64, Buffer::<f32>::ok_frame_len(3));
    }

    #[test]
    fn data_sits_where_the_frame_puts_it() {
        assert_eq!(data_at::<u8>(), 20);
        assert_eq!(data_at::<u16>(), 20);
        assert_eq!(data_at::<f32>(), 20);
        assert_eq!(data_at::<f64>(), 24);
        assert_eq!(data_at::<u64>(), 24);
    }

    /// The in-place frame equals the encoded one, and keeps the data's address.
    fn in_place_equals_encoded<T: Elem>(b: Buffer<T>) {
        let expected = ok_frame(7, 9, &b);
        let data = b.data_ptr() as usize;
        let len = b.len();
        assert!(framed(&b), "built with room in front");
        let frame = b.into_ok_frame(7, 9).expect("in place");
        assert_eq!(frame, expected);
        if len > 0 {
            assert_eq!(frame.as_ptr() as usize + data_at::<T>(), data);
        }
        assert_eq!(RawHeader::read(&frame).unwrap().frame_len(), frame.len());
    }

    #[test]
    fn every_builder_makes_a_frame_ready_buffer() {
        in_place_equals_encoded((0..1000).map(|i| i as f32 * 0.5).collect::<Buffer<f32>>());
        in_place_equals_encoded((0..77u64).collect::<Buffer<u64>>());
        in_place_equals_encoded((0..5u8).filter(|x| x % 2 == 0).collect::<Buffer<u8>>());
        in_place_equals_encoded(Buffer::<i16>::from(&[1, -2, 3][..]));
        in_place_equals_encoded(Buffer::<f64>::with_capacity(0));
        in_place_equals_encoded(Buffer::<f32>::from([]));
        let mut b = Buffer::<f64>::new();
        for i in 0..100 {
            b.push(i as f64);
        }
        b.extend_from_slice(&[1.5, 2.5]);
        b.resize(150, 9.0);
        b.truncate(120);
        assert_eq!(b.len(), 120);
        assert_eq!(b[101], 2.5);
        assert_eq!(b[119], 9.0);
        in_place_equals_encoded(b.clone());
        in_place_equals_encoded(b);
    }

    #[test]
    fn a_vec_is_kept_and_then_encoded() {
        let v = vec![1.0f32, 2.0];
        let ptr = v.as_ptr();
        let b = Buffer::from(v);
        assert_eq!(b.data_ptr(), ptr);
        let expected = ok_frame(1, 2, &b);
        let b = b.into_ok_frame(1, 2).unwrap_err();
        assert_eq!(ok_frame(1, 2, &b), expected);
        let back = b.into_vec();
        assert_eq!(back.as_ptr(), ptr);
    }

    #[test]
    fn vec_like_methods() {
        let mut b: Buffer<i32> = vec![3, 1, 2].into();
        b.sort();
        b.push(4);
        assert_eq!(&b[..], &[1, 2, 3, 4]);
        assert_eq!(b.iter().sum::<i32>(), 10);
        b.clear();
        assert!(b.is_empty());
        let c = Buffer::<u16>::with_capacity(10);
        assert!(c.capacity() >= 10);
        let d: Vec<u32> = (1..4u32).collect::<Buffer<u32>>().into();
        assert_eq!(d, vec![1, 2, 3]);
        assert_eq!(format!("{:?}", Buffer::from([1u8, 2])), "Buffer([1, 2])");
    }
}

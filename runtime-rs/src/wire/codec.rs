//! The [`Encode`] and [`Decode`] traits and their implementations for the
//! Rust types that represent schema types:
//!
//! | schema | Rust (owned) | Rust (borrowed decode) |
//! |--------|--------------|------------------------|
//! | scalars | `bool i8 … f64` | same |
//! | `string` | `String` | `&'de str` |
//! | `bytes`, `list<u8>` | `Vec<u8>` | `&'de [u8]` |
//! | `T[]` | [`Buffer<T>`] | `Cow<'de, [T]>` (borrowed when aligned) |
//! | `list<T>` | `Vec<T>` | — |
//! | `map<K, V>` | `BTreeMap<K, V>` (sorted by construction) | — |
//! | `T?` | `Option<T>` | — |
//!
//! Generated types implement both traits for structs, enums, unions, errors
//! and handles.

use super::buffer::Buffer;
use super::elem::Elem;
use super::error::{DecodeError, DecodeErrorKind};
use super::reader::Reader;
use super::writer::Writer;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A value that can be written in the wire format.
pub trait Encode {
    /// Appends this value to `w`.
    fn encode(&self, w: &mut Writer);

    /// Appends the elements of a list (after its count). Overridden by `u8`
    /// to write the bytes in one copy; other types write one by one.
    #[doc(hidden)]
    fn encode_items(items: &[Self], w: &mut Writer)
    where
        Self: Sized,
    {
        for item in items {
            item.encode(w);
        }
    }
}

/// A value that can be read from the wire format, possibly borrowing from the input (`'de`).
pub trait Decode<'de>: Sized {
    /// Reads one value from `r`.
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError>;

    /// Reads `count` list elements (the count is already checked against the
    /// remaining bytes). Overridden by `u8` to copy the bytes at once.
    #[doc(hidden)]
    fn decode_items(r: &mut Reader<'de>, count: usize) -> Result<Vec<Self>, DecodeError> {
        // Pre-allocate at most ~64 KiB: count <= remaining bytes, but an
        // element may be much larger in memory than its smallest encoding.
        let cap = count.min((64 << 10) / std::mem::size_of::<Self>().max(1));
        let mut v = Vec::with_capacity(cap);
        for _ in 0..count {
            v.push(Self::decode(r)?);
        }
        Ok(v)
    }
}

/// Key types allowed in maps (§3.5): `string i32 i64 u32 u64`. Their `Ord`
/// is the wire order (bytewise for strings, numeric for integers).
pub trait MapKey: Ord {}
impl MapKey for String {}
impl MapKey for i32 {}
impl MapKey for i64 {}
impl MapKey for u32 {}
impl MapKey for u64 {}

macro_rules! scalar {
    ($($t:ty => $m:ident),*) => {$(
        impl Encode for $t {
            #[inline]
            fn encode(&self, w: &mut Writer) {
                w.$m(*self);
            }
        }
        impl<'de> Decode<'de> for $t {
            #[inline]
            fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
                r.$m()
            }
        }
    )*};
}

scalar!(bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u16 => u16, u32 => u32,
    u64 => u64, f32 => f32, f64 => f64);

impl Encode for u8 {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.u8(*self);
    }
    fn encode_items(items: &[Self], w: &mut Writer) {
        w.raw(items);
    }
}

impl<'de> Decode<'de> for u8 {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.u8()
    }
    fn decode_items(r: &mut Reader<'de>, count: usize) -> Result<Vec<Self>, DecodeError> {
        Ok(r.take(count)?.to_vec())
    }
}

impl Encode for str {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl Encode for String {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl<'de> Decode<'de> for String {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.string().map(str::to_owned)
    }
}

impl<'de> Decode<'de> for &'de str {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.string()
    }
}

impl<'de> Decode<'de> for &'de [u8] {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.bytes()
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w);
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w);
    }
}

impl<'de, T: Decode<'de>> Decode<'de> for Box<T> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        T::decode(r).map(Box::new)
    }
}

/// `list<T>` (and `bytes` for `[u8]`).
impl<T: Encode> Encode for [T] {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.list(self);
    }
}

/// `list<T>` (and `bytes` for `Vec<u8>`).
impl<T: Encode> Encode for Vec<T> {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.list(self);
    }
}

/// `list<T>` (and `bytes` for `Vec<u8>`); counts one nesting level.
impl<'de, T: Decode<'de>> Decode<'de> for Vec<T> {
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.enter()?;
        let n = r.count(1)?;
        let v = T::decode_items(r, n)?;
        r.leave();
        Ok(v)
    }
}

/// `map<K, V>`: written in key order, which `BTreeMap` guarantees.
impl<K: Encode + MapKey, V: Encode> Encode for BTreeMap<K, V> {
    fn encode(&self, w: &mut Writer) {
        w.map(self.iter());
    }
}

/// `map<K, V>`: keys must be strictly ascending (`map_order`); counts one nesting level.
impl<'de, K: Decode<'de> + MapKey, V: Decode<'de>> Decode<'de> for BTreeMap<K, V> {
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.enter()?;
        let n = r.count(1)?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let at = r.pos();
            let k = K::decode(r)?;
            if let Some((last, _)) = m.last_key_value() {
                if &k <= last {
                    return Err(DecodeError::new(DecodeErrorKind::MapOrder, at));
                }
            }
            let v = V::decode(r)?;
            m.insert(k, v);
        }
        r.leave();
        Ok(m)
    }
}

/// `T?`.
impl<T: Encode> Encode for Option<T> {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.optional(self.as_ref());
    }
}

/// `T?`: presence byte 0/1 (`invalid_optional` otherwise); counts one nesting level.
impl<'de, T: Decode<'de>> Decode<'de> for Option<T> {
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.enter()?;
        let v = if r.presence()? {
            Some(T::decode(r)?)
        } else {
            None
        };
        r.leave();
        Ok(v)
    }
}

/// `T[]`.
impl<T: Elem> Encode for Buffer<T> {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.buffer::<T>(self);
    }
}

/// `T[]`, copied once into an owned buffer.
impl<'de, T: Elem> Decode<'de> for Buffer<T> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.buffer::<T>().map(|c| match c {
            Cow::Borrowed(items) => Buffer::from(items),
            Cow::Owned(items) => Buffer::from(items),
        })
    }
}

/// `T[]` from a borrowed or owned slice.
impl<T: Elem> Encode for Cow<'_, [T]> {
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.buffer::<T>(self);
    }
}

/// `T[]`, viewed in place when aligned (see [`Reader::buffer`]).
impl<'de, T: Elem> Decode<'de> for Cow<'de, [T]> {
    #[inline]
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        r.buffer::<T>()
    }
}

/// Encodes one top-level value as a bare payload.
pub fn encode_to_vec<T: Encode + ?Sized>(value: &T) -> Vec<u8> {
    let mut w = Writer::new();
    value.encode(&mut w);
    w.finish()
}

/// Decodes one top-level value that must fill `payload` exactly (default limits).
pub fn decode_from_slice<'de, T: Decode<'de>>(payload: &'de [u8]) -> Result<T, DecodeError> {
    decode_with_limits(payload, super::Limits::default())
}

/// Decodes one top-level value that must fill `payload` exactly.
pub fn decode_with_limits<'de, T: Decode<'de>>(
    payload: &'de [u8],
    limits: super::Limits,
) -> Result<T, DecodeError> {
    let mut r = Reader::with_limits(payload, limits);
    let v = T::decode(&mut r)?;
    r.finish()?;
    Ok(v)
}

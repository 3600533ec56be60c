//! [`Buffer<T>`]: the owned Rust type of a typed buffer `T[]` in generated structs.
//!
//! A newtype over `Vec<T>` so that `T[]` (aligned bulk data, docs/wire.md §3.6)
//! and `list<T>` (`Vec<T>`, §3.4) stay distinct types with distinct encodings.
//! It derefs to `[T]` and converts from and into `Vec<T>`. Borrowing decoders
//! use `Cow<'de, [T]>` instead, which views the wire bytes in place when aligned.

use super::elem::Elem;
use std::ops::{Deref, DerefMut};

/// An owned typed buffer `T[]`.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Buffer<T: Elem>(pub Vec<T>);

impl<T: Elem> Buffer<T> {
    /// An empty buffer.
    pub fn new() -> Self {
        Self(Vec::new())
    }

    /// The elements as a vector.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T: Elem> Deref for Buffer<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T: Elem> DerefMut for Buffer<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T: Elem> From<Vec<T>> for Buffer<T> {
    fn from(v: Vec<T>) -> Self {
        Self(v)
    }
}

impl<T: Elem> From<&[T]> for Buffer<T> {
    fn from(v: &[T]) -> Self {
        Self(v.to_vec())
    }
}

impl<T: Elem> From<Buffer<T>> for Vec<T> {
    fn from(b: Buffer<T>) -> Self {
        b.0
    }
}

impl<T: Elem> FromIterator<T> for Buffer<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

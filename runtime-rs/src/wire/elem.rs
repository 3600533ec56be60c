//! Element types of typed buffers `T[]` (docs/wire.md §3.6).

/// A typed-buffer element: a plain little-endian number for which every bit
/// pattern is a valid value, so wire bytes can be viewed as `[Self]` in place.
///
/// Sealed: implemented exactly for `u8 i8 u16 i16 u32 i32 f32 f64 i64 u64`.
pub trait Elem:
    Copy + Default + PartialEq + std::fmt::Debug + Send + Sync + 'static + sealed::Sealed
{
    /// Size on the wire, which is also the alignment of the data relative to the payload start.
    const SIZE: usize;
    /// Reads one element from exactly `SIZE` little-endian bytes.
    fn from_le_slice(b: &[u8]) -> Self;
    /// Appends this element as `SIZE` little-endian bytes.
    fn write_le(self, out: &mut Vec<u8>);
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! elem {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Elem for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            #[inline]
            fn from_le_slice(b: &[u8]) -> Self {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(&b[..Self::SIZE]);
                <$t>::from_le_bytes(a)
            }
            #[inline]
            fn write_le(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
    )*};
}

elem!(u8, i8, u16, i16, u32, i32, f32, f64, i64, u64);

//! The kkrpc wire format, version 1 (docs/wire.md): [`Writer`] and [`Reader`]
//! for every value kind, the [`Encode`]/[`Decode`] traits generated code
//! implements, typed-buffer support ([`Elem`], [`Buffer`]), [`Limits`] and
//! the shared [`DecodeErrorKind`]s.
//!
//! ```
//! use kkrpc_runtime::wire::{decode_from_slice, encode_to_vec, Buffer};
//! let samples: Buffer<f32> = vec![1.0, 2.0].into();
//! let bytes = encode_to_vec(&samples);
//! assert_eq!(decode_from_slice::<Buffer<f32>>(&bytes).unwrap(), samples);
//! ```

mod buffer;
mod codec;
mod elem;
mod error;
mod limits;
mod reader;
mod writer;

pub use buffer::Buffer;
pub use codec::{decode_from_slice, decode_with_limits, encode_to_vec, Decode, Encode, MapKey};
pub use elem::Elem;
pub(crate) use error::push_decimal;
pub use error::{DecodeError, DecodeErrorKind};
pub use limits::Limits;
pub use reader::{Reader, Scope};
pub use writer::{recycle_frame, Mark, Writer};

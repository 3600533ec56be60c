//! [`TypeCodec`]: encode/decode operations on a generated type chosen by its
//! schema name at run time, with values exchanged as serde JSON.

use kkrpc_runtime::client::AnswerBody;
use kkrpc_runtime::wire::{Decode, DecodeError, Encode, Limits, Reader};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::fmt::Debug;
use std::marker::PhantomData;

/// Operations on one generated type; values are in serde form (see [`crate::json`]).
pub trait TypeCodec {
    /// Encodes a serde-form value; `Err` if the JSON does not fit the type.
    fn encode(&self, value: &Value) -> Result<Vec<u8>, String>;
    /// Decodes `bytes[skip..]` (positions relative to `bytes`) as one
    /// top-level value and returns it in serde form.
    fn decode(&self, bytes: &[u8], skip: usize, limits: Limits) -> Result<Value, DecodeError>;
    /// Decodes `bytes` and checks it equals the serde-form `expected` (by the type's `PartialEq`).
    fn decode_equals(&self, bytes: &[u8], skip: usize, expected: &Value) -> Result<(), String>;
    /// Decodes an answer's body as a generated client does ([`AnswerBody::decode`],
    /// what `Reply::decode` calls) and checks it equals `expected`.
    fn decode_answer_equals(&self, body: AnswerBody<'_>, expected: &Value) -> Result<(), String>;
    /// Round trip: serde value → type → bytes → type; equal?
    fn round_trip(&self, value: &Value) -> Result<(), String>;
}

/// The [`TypeCodec`] of `T`.
pub struct Codec<T>(PhantomData<T>);

impl<T> Codec<T> {
    /// The codec of `T`.
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for Codec<T> {
    fn default() -> Self {
        Self::new()
    }
}

fn decode_at<'a, T: Decode<'a>>(
    bytes: &'a [u8],
    skip: usize,
    limits: Limits,
) -> Result<T, DecodeError> {
    let mut r = Reader::with_limits(bytes, limits);
    r.skip(skip)?;
    let v = T::decode(&mut r)?;
    r.finish()?;
    Ok(v)
}

impl<T> TypeCodec for Codec<T>
where
    T: Encode + for<'de> Decode<'de> + Serialize + DeserializeOwned + PartialEq + Debug,
{
    fn encode(&self, value: &Value) -> Result<Vec<u8>, String> {
        let v: T = serde_json::from_value(value.clone())
            .map_err(|e| format!("value does not fit: {e}"))?;
        Ok(kkrpc_runtime::wire::encode_to_vec(&v))
    }

    fn decode(&self, bytes: &[u8], skip: usize, limits: Limits) -> Result<Value, DecodeError> {
        let v: T = decode_at(bytes, skip, limits)?;
        Ok(serde_json::to_value(&v).expect("serialize"))
    }

    fn decode_equals(&self, bytes: &[u8], skip: usize, expected: &Value) -> Result<(), String> {
        let want: T = serde_json::from_value(expected.clone())
            .map_err(|e| format!("value does not fit: {e}"))?;
        let got: T =
            decode_at(bytes, skip, Limits::default()).map_err(|e| format!("decode failed: {e}"))?;
        if got != want {
            return Err(format!("decoded {got:?}\n  expected {want:?}"));
        }
        Ok(())
    }

    fn decode_answer_equals(&self, body: AnswerBody<'_>, expected: &Value) -> Result<(), String> {
        let want: T = serde_json::from_value(expected.clone())
            .map_err(|e| format!("value does not fit: {e}"))?;
        let got: T = body
            .decode(Limits::default())
            .map_err(|e| format!("decode failed: {e}"))?;
        if got != want {
            return Err(format!("decoded {got:?}\n  expected {want:?}"));
        }
        Ok(())
    }

    fn round_trip(&self, value: &Value) -> Result<(), String> {
        let v: T = serde_json::from_value(value.clone())
            .map_err(|e| format!("value does not fit: {e}"))?;
        let bytes = kkrpc_runtime::wire::encode_to_vec(&v);
        let back: T = kkrpc_runtime::wire::decode_from_slice(&bytes)
            .map_err(|e| format!("decode failed: {e}"))?;
        if back != v {
            return Err(format!("round trip changed {v:?}\n  into {back:?}"));
        }
        Ok(())
    }
}

include!(concat!(env!("OUT_DIR"), "/type_table.rs"));

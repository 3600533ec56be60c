//! Support for the typed per-op `#[wasm_bindgen]` exports that kkgen
//! generates with its `wasm_bindgen_ops` option (`docs/build.md` §5), on
//! `wasm32-unknown-unknown` only: what is thrown to JS, and how arguments
//! and results that have no idiomatic JS type travel in the wire format.
//!
//! Thrown values mirror the TS client (kkgen's TS types and
//! `runtime-ts/src/rpc/errors.ts`):
//!
//! - a typed error (an op's `throws`) is an `Error` named like the TS class
//!   (`UnknownModelError`), whose `message` is the schema name, with `data`
//!   (the fields, camelCase, each in its JS form: see [`ToJs`]) and `wireId`;
//! - a system error (an argument that does not decode, an enum value out of
//!   range) is an `Error` named `SystemError` with `code` (`"decode"`) and
//!   `wireCode` (2), its message `"decode: ..."`.
//!
//! Messages are put together without `core::fmt`, which would add ~3 KB to
//! a module that does not format otherwise.

use crate::client::SystemError;
use crate::frame::{SystemErrorCode, TypedError};
use crate::wire::{decode_from_slice, encode_to_vec, Buffer, Decode, Encode};
use wasm_bindgen::prelude::*;

pub use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set(target, key, value)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;
    /// `Object()`: a new plain object.
    #[wasm_bindgen(js_name = Object)]
    fn new_object() -> JsValue;
}

/// Sets the properties `props` on `target`, in order.
fn set_all(target: &JsValue, props: &[(&str, JsValue)]) {
    for (key, value) in props {
        reflect_set(target, &JsValue::from_str(key), value);
    }
}

/// A JS `Error` with `message` and the properties `props`.
fn error_with(message: &str, props: &[(&str, JsValue)]) -> JsValue {
    let error: JsValue = JsError::new(message).into();
    set_all(&error, props);
    error
}

/// The JS form of a value of a schema type: numbers (`i64`/`u64` as
/// bigints), booleans, strings, `Uint8Array` for `bytes`, typed arrays for
/// `T[]`, `undefined` for `None`; generated code implements it for handles
/// (their number) and enums (their value). Other types take their wire
/// encoding in a `Uint8Array` ([`wire_to_js`]).
pub trait ToJs {
    /// The JS form of this value.
    fn to_js(&self) -> JsValue;
}

/// The wire encoding of `value` (`docs/wire.md` §3) as a `Uint8Array`.
pub fn wire_to_js<T: Encode + ?Sized>(value: &T) -> JsValue {
    JsValue::from(encode_to_vec(value))
}

macro_rules! to_js_by_value {
    ($($t:ty),*) => {$(
        impl ToJs for $t {
            fn to_js(&self) -> JsValue {
                JsValue::from(*self)
            }
        }
    )*};
}
to_js_by_value!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

macro_rules! to_js_buffer {
    ($($t:ty),*) => {$(
        impl ToJs for Buffer<$t> {
            fn to_js(&self) -> JsValue {
                JsValue::from(self.to_vec())
            }
        }
    )*};
}
to_js_buffer!(u8, i8, u16, i16, u32, i32, f32, f64, i64, u64);

impl ToJs for String {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl ToJs for Vec<u8> {
    fn to_js(&self) -> JsValue {
        JsValue::from(self.clone())
    }
}

impl<T: ToJs> ToJs for Option<T> {
    fn to_js(&self) -> JsValue {
        self.as_ref().map_or(JsValue::UNDEFINED, ToJs::to_js)
    }
}

/// A schema error type as a thrown JS value; generated code implements it.
pub trait JsTypedError: TypedError {
    /// The name of the error's TS class, e.g. `UnknownModelError`.
    const JS_NAME: &'static str;
    /// Every field in its JS form, by its camelCase name.
    fn js_fields(&self) -> Vec<(&'static str, JsValue)>;
}

/// The JS `Error` thrown for a typed error (see the module docs).
pub fn typed_error<E: JsTypedError>(error: &E) -> JsValue {
    let data = new_object();
    set_all(&data, &error.js_fields());
    error_with(
        E::NAME,
        &[
            ("name", JsValue::from_str(E::JS_NAME)),
            ("wireId", JsValue::from(E::WIRE_ID)),
            ("data", data),
        ],
    )
}

/// The JS `Error` thrown for a system error (`docs/wire.md` §2.1).
pub fn system_error(code: u32, message: &str) -> JsValue {
    let name = SystemError::new(code, "").name();
    let mut text = String::from(name);
    text.push_str(": ");
    text.push_str(message);
    error_with(
        &text,
        &[
            ("name", JsValue::from_str("SystemError")),
            ("code", JsValue::from_str(name)),
            ("wireCode", JsValue::from(code)),
        ],
    )
}

/// Decodes the argument `param` from its wire encoding (a `Uint8Array` from
/// JS); a malformed one throws system error `decode`.
pub fn decode_arg<'de, T: Decode<'de>>(bytes: &'de [u8], param: &str) -> Result<T, JsValue> {
    decode_from_slice(bytes).map_err(|e| {
        let mut message = String::from("argument ");
        message.push_str(param);
        message.push_str(": ");
        message.push_str(&e.message());
        system_error(SystemErrorCode::Decode as u32, &message)
    })
}

/// An enum argument from its numeric value; an unknown value throws system
/// error `decode` (`invalid_enum`).
pub fn enum_arg<T: for<'de> Decode<'de>>(value: u32, param: &str) -> Result<T, JsValue> {
    decode_arg(&value.to_le_bytes(), param)
}

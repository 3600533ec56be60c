//! The peers benchmark's hand-written wasm-bindgen variant (B): what a user writes without kkgen.
//! `bounds` is exported twice, returning a plain JS object through serde-wasm-bindgen and an
//! exported `#[wasm_bindgen]` struct (read through its getters).

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `a + b`, wrapping.
#[wasm_bindgen]
pub fn add(a: u32, b: u32) -> u32 {
    peers_logic::add(a, b)
}

/// `"Hello, <name>!"`.
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    peers_logic::greet(name)
}

/// The bounds of a sample, as serde serialises them.
#[derive(Serialize)]
struct SerdeBounds {
    min: f32,
    max: f32,
    sum: f64,
}

/// The bounds of `v` as a plain JS object `{ min, max, sum }` (serde-wasm-bindgen).
#[wasm_bindgen(js_name = boundsSerde)]
pub fn bounds_serde(v: &[f32]) -> Result<JsValue, JsError> {
    let b = peers_logic::bounds(v);
    let out = SerdeBounds {
        min: b.min,
        max: b.max,
        sum: b.sum,
    };
    serde_wasm_bindgen::to_value(&out).map_err(|e| JsError::new(&e.to_string()))
}

/// The bounds of a sample as an exported struct (JS reads `min`, `max`, `sum` through getters and
/// frees it).
#[wasm_bindgen]
#[derive(Clone, Copy)]
pub struct Bounds {
    /// The smallest element.
    pub min: f32,
    /// The largest element.
    pub max: f32,
    /// The sum.
    pub sum: f64,
}

/// The bounds of `v` as an exported [`Bounds`].
#[wasm_bindgen(js_name = boundsStruct)]
pub fn bounds_struct(v: &[f32]) -> Bounds {
    let b = peers_logic::bounds(v);
    Bounds {
        min: b.min,
        max: b.max,
        sum: b.sum,
    }
}

/// Every element of `v` times `k`.
#[wasm_bindgen]
pub fn scale(v: &[f32], k: f32) -> Vec<f32> {
    peers_logic::scaled(v, k).collect()
}

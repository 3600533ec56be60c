//! The peers benchmark's JSON-boundary variant (D): each op takes its parameters as one JSON array
//! and returns its result as JSON text (serde_json), the way a service behind a JSON API would.
//! Bad JSON is an error thrown to JS, never a trap.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Parses `args` as `T`, or throws a JS error naming the op.
fn parse<'a, T: serde::Deserialize<'a>>(op: &str, args: &'a str) -> Result<T, JsError> {
    serde_json::from_str(args).map_err(|e| JsError::new(&format!("{op}: {e}")))
}

/// `value` as JSON text.
fn text<T: Serialize + ?Sized>(value: &T) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))
}

/// `add`: `[a, b]` → `a + b`.
#[wasm_bindgen]
pub fn add(args: &str) -> Result<String, JsError> {
    let (a, b): (u32, u32) = parse("add", args)?;
    text(&peers_logic::add(a, b))
}

/// `greet`: `[name]` → `"Hello, <name>!"`.
#[wasm_bindgen]
pub fn greet(args: &str) -> Result<String, JsError> {
    let (name,): (String,) = parse("greet", args)?;
    text(&peers_logic::greet(&name))
}

/// The bounds of a sample, as JSON.
#[derive(Serialize)]
struct Bounds {
    min: f32,
    max: f32,
    sum: f64,
}

/// `bounds`: `[v]` → `{ "min", "max", "sum" }`.
#[wasm_bindgen]
pub fn bounds(args: &str) -> Result<String, JsError> {
    let (v,): (Vec<f32>,) = parse("bounds", args)?;
    let b = peers_logic::bounds(&v);
    text(&Bounds {
        min: b.min,
        max: b.max,
        sum: b.sum,
    })
}

/// `scale`: `[v, k]` → every element of `v` times `k`.
#[wasm_bindgen]
pub fn scale(args: &str) -> Result<String, JsError> {
    let (v, k): (Vec<f32>, f32) = parse("scale", args)?;
    text(&peers_logic::scaled(&v, k).collect::<Vec<f32>>())
}

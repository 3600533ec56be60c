//! The peers benchmark's Component Model variant (C): a wit-bindgen guest of `wit/peers.wit` over
//! the shared logic, built for wasm32-unknown-unknown (no WASI), made a component by `jco new` and
//! transpiled to JS by `jco transpile`.
//!
//! The bindings (`peers.rs`) are wit-bindgen's, checked in so that no build compiles its proc
//! macro (wit-parser, wit-component): after changing the WIT, regenerate them with
//! `wit-bindgen rust wit --world peers --out-dir src --format`, then `rustfmt --edition 2021
//! src/peers.rs` (`cargo install wit-bindgen-cli --version 0.61.1`: the version of the
//! `wit-bindgen` dependency).

#[allow(clippy::all, unsafe_op_in_unsafe_fn, missing_docs)]
mod peers;

use peers::{export, Extent, Guest};

/// The world's exports.
struct Peers;

impl Guest for Peers {
    fn add(a: u32, b: u32) -> u32 {
        peers_logic::add(a, b)
    }

    fn greet(name: String) -> String {
        peers_logic::greet(&name)
    }

    fn bounds(v: Vec<f32>) -> Extent {
        let b = peers_logic::bounds(&v);
        Extent {
            min: b.min,
            max: b.max,
            sum: b.sum,
        }
    }

    fn scale(v: Vec<f32>, k: f32) -> Vec<f32> {
        peers_logic::scaled(&v, k).collect()
    }
}

export!(Peers with_types_in peers);

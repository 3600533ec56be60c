//! The peers benchmark's Component Model variant (C): a wit-bindgen guest of `wit/peers.wit` over
//! the shared logic, built for wasm32-unknown-unknown (no WASI), made a component by `jco new` and
//! transpiled to JS by `jco transpile`.

wit_bindgen::generate!({ world: "peers", path: "wit" });

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

export!(Peers);

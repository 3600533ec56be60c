//! kkrpc runtime for Rust: the wire format ([`wire`], [`frame`]; docs/wire.md),
//! the module ABI and the stdio server used by kkgen-generated code, and (on
//! `wasm32-unknown-unknown`) the support of the typed `#[wasm_bindgen]` per-op
//! exports (`bindgen`).

pub mod abi;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod bindgen;
pub mod client;
pub mod descriptor;
pub mod frame;
pub mod service;
pub mod stdio;
pub mod wire;

/// Re-exports used by macros and generated code; not a stable API.
#[doc(hidden)]
pub mod __private {
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    pub use wasm_bindgen;
}

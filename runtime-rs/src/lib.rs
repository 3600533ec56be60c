//! kkrpc runtime for Rust (placeholder until the wire format lands).

pub mod abi;
pub mod client;
pub mod service;
pub mod stdio;

/// Re-exports used by macros and generated code; not a stable API.
#[doc(hidden)]
pub mod __private {
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    pub use wasm_bindgen;
}

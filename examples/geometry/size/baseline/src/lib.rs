//! Size probe baseline: one trivial export and nothing of kkrpc.

/// Adds two numbers.
#[cfg_attr(
    all(target_arch = "wasm32", target_os = "unknown"),
    wasm_bindgen::prelude::wasm_bindgen
)]
#[cfg_attr(
    not(all(target_arch = "wasm32", target_os = "unknown")),
    unsafe(no_mangle)
)]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

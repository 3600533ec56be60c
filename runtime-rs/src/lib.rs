//! kkrpc runtime for Rust (placeholder until the wire format lands).

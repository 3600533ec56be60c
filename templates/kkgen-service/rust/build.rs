//! Generates the Rust bindings of `schema/stats.kkidl` into `OUT_DIR` (`stats_v1.rs`, included by
//! `src/lib.rs`); cargo reruns this when the schema changes.

fn main() {
    let schema = "../schema/stats.kkidl";
    if let Err(e) = kkgen::Config::new().compile(&[schema], &["../schema"]) {
        panic!("kkgen: {schema}: {e}");
    }
}

//! `geometry-stdio`: the geometry service over stdin/stdout frames
//! (`docs/abi.md` §4), natively or as a `wasm32-wasip1` command module.

fn main() {
    match kkrpc_runtime::stdio::serve(geometry_service::dispatcher()) {
        Ok(_) => {}
        Err(e) => {
            eprintln!("geometry-stdio: {e}");
            std::process::exit(1);
        }
    }
}

//! The `kkgen` command line (placeholder until the CLI lands).
fn main() {
    eprintln!("kkgen: not implemented yet");
    std::process::exit(2);
}

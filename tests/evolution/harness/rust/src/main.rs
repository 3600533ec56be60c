//! `evolution-service <case> <old|new>`: serves that version of that evolution case over
//! stdin/stdout frames (`docs/stdio.md`) until stdin ends. `evolution-service --list` prints the
//! pairs it holds, one `case version` a line.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag] = args.as_slice() {
        if flag == "--list" {
            for (case, version) in kk_evolution_service::names() {
                println!("{case} {version}");
            }
            return ExitCode::SUCCESS;
        }
    }
    let [case, version] = args.as_slice() else {
        eprintln!("usage: evolution-service <case> <old|new> | --list");
        return ExitCode::from(2);
    };
    let Some(dispatcher) = kk_evolution_service::dispatcher(case, version) else {
        eprintln!("evolution-service: no case {case:?} version {version:?} (see --list)");
        return ExitCode::from(2);
    };
    match kkrpc_runtime::stdio::serve(dispatcher) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evolution-service {case} {version}: {e}");
            ExitCode::FAILURE
        }
    }
}

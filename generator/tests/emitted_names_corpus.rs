//! Every name the backends generate (their own `emitted_names` lists for
//! `kkgen::name_corpus::SEED`), declared in every position kkidl allows:
//! `kkgen check` refuses exactly the probes that take a generated top-level
//! name as a type or service, or a generated member as an op, and accepts
//! the rest; all accepted probes together generate in every backend (the
//! Rust is compiled and called in tests/naming/rust).

use kkgen::backend::GenOptions;
use kkgen::name_corpus::{accepted_schema, probes};

fn check(schema: &str) -> Result<kkidl::Compiled, Vec<&'static str>> {
    let compiled = kkidl::compile_str("probe.kkidl", schema, &[]).map_err(|e| match e {
        kkidl::Error::Schema(d) => d.list.iter().map(|x| x.code).collect(),
        kkidl::Error::Io { .. } => vec!["io"],
    })?;
    kkgen::backend::check_names(&compiled, &kkgen::backends())
        .map_err(|d| d.list.iter().map(|x| x.code).collect::<Vec<_>>())?;
    Ok(compiled)
}

#[test]
fn check_refuses_exactly_the_clashing_probes() {
    let probes = probes(&kkgen::backends());
    assert!(probes.len() > 100, "only {} probes", probes.len());
    let mut wrong = Vec::new();
    for p in &probes {
        match (check(&p.schema), p.refused) {
            (Ok(_), false) => {}
            (Err(codes), true) if codes.iter().all(|c| *c == "E0604") => {}
            (result, refused) => wrong.push(format!(
                "{:?} `{}`: expected {}, got {:?}",
                p.position,
                p.name,
                if refused { "E0604" } else { "ok" },
                result.err()
            )),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} probes:\n{}",
        wrong.len(),
        probes.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_accepted_probes_generate_in_every_backend() {
    let schema = accepted_schema(&probes(&kkgen::backends()));
    let compiled = check(&schema).unwrap_or_else(|codes| panic!("{codes:?}\n{schema}"));
    for b in kkgen::backends() {
        let files = b
            .generate(&compiled.ir, &GenOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", b.name()));
        assert!(!files.is_empty());
    }
}

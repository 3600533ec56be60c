//! Every ```kkidl example in docs/kkidl.md is checked: blocks starting with
//! `// file: NAME` are written under that name (so others can import them);
//! a block with `// expect: CODE` must fail with that code only, any other
//! must compile. Compiled as `kkgen check` does ([`kkgen::compile`]: the
//! front end and the backends' generated-name check, `E0604`), so the spec
//! cannot drift from the compiler.

use std::path::Path;

#[test]
fn every_example_in_the_spec_behaves_as_it_says() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/kkidl.md")).unwrap();
    let blocks: Vec<&str> = doc.split("```kkidl\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
    assert!(blocks.len() >= 20, "only {} examples found", blocks.len());
    let dir = std::env::temp_dir().join(format!("kkidl-doc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let name = b.lines().next().and_then(|l| l.strip_prefix("// file: ")).map(str::to_string).unwrap_or_else(|| format!("block{i}.kkidl"));
        std::fs::write(dir.join(&name), b).unwrap();
        files.push((name, *b));
    }
    let mut failures = Vec::new();
    for (name, text) in &files {
        let expect = text.lines().find_map(|l| l.strip_prefix("// expect: "));
        let result = kkgen::compile(&[dir.join(name)], &[] as &[&Path]);
        match (expect, result) {
            (None, Ok(_)) => {}
            (None, Err(e)) => failures.push(format!("{name}: should compile:\n{e}")),
            (Some(code), Err(kkidl::Error::Schema(d))) if d.list.iter().all(|x| x.code == code) => {}
            (Some(code), Err(e)) => failures.push(format!("{name}: expected only {code}:\n{e}")),
            (Some(code), Ok(_)) => failures.push(format!("{name}: compiled, expected {code}")),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

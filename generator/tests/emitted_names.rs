//! Generated-name collisions (`E0604`), found from the backends' own lists
//! of emitted names (`Backend::emitted_names`): every
//! `tests/schemas/bad/generated_name_*.kkidl` passes the kkidl front end
//! alone and is refused by [`kkgen::compile`] with `E0604` only; the
//! rendered diagnostics are pinned by insta snapshots.

use std::path::Path;

#[test]
fn every_generated_name_clash_is_refused_with_e0604() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    std::env::set_current_dir(root).unwrap();
    let mut files: Vec<_> = std::fs::read_dir("tests/schemas/bad")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "kkidl"))
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .starts_with("// expect: E0604")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 9, "only {} E0604 schemas", files.len());
    for rel in files {
        assert!(
            kkidl::compile(&[&rel], &[] as &[&Path]).is_ok(),
            "{}: kkidl alone refuses it",
            rel.display()
        );
        let d = match kkgen::compile(&[&rel], &[] as &[&Path]) {
            Err(kkidl::Error::Schema(d)) => d,
            Ok(_) => panic!("{} compiled but should fail with E0604", rel.display()),
            Err(e) => panic!("{}: {e}", rel.display()),
        };
        assert!(
            d.list.iter().all(|x| x.code == "E0604"),
            "{}: {d}",
            rel.display()
        );
        let rendered = d.render(false);
        assert!(rendered.contains("Help:"), "{rendered}");
        insta::assert_snapshot!(
            rel.file_stem().unwrap().to_string_lossy().into_owned(),
            rendered
        );
    }
}

//! The examples' checked-in SDKs (`examples/<name>/sdk`, docs/sdk.md): every file carries the
//! kkgen header of this generator version and of the example's schema as it is now — the schema
//! hash is the one [`kkgen::header::schema_sha256`] computes for `examples/<name>/<name>.kkidl`.
//! (Suite `sdk` runs `kkgen gen --check` on the same folders for the files' whole text.)

mod common;

use common::{files_below, root};

#[test]
fn checked_in_headers_match_the_schemas() {
    let mut checked = 0;
    for name in ["geometry", "rules"] {
        let example = root().join("examples").join(name);
        let schema = example.join(format!("{name}.kkidl"));
        let ir = kkgen::compile(&[&schema], &[&example])
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .ir;
        let hash = kkgen::header::schema_sha256(&ir);
        let files = files_below(&example.join("sdk"));
        for lang in ["rust", "go", "ts"] {
            assert!(
                files
                    .iter()
                    .any(|f| f.starts_with(example.join("sdk").join(lang))),
                "{name}: no sdk/{lang}"
            );
        }
        for f in files {
            if f.file_name().is_some_and(|n| n == "go.mod") {
                continue; // written by hand: the Go SDK's own module (docs/sdk.md)
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let header = kkgen::header::parse(&text)
                .unwrap_or_else(|| panic!("{}: no kkgen header", f.display()));
            assert_eq!(
                header.schema_sha256,
                hash,
                "{}: generated from another version of {name}.kkidl; run `npm run sdk:{name}`",
                f.display()
            );
            assert_eq!(
                header.generator,
                kkgen::header::generator(),
                "{}",
                f.display()
            );
            assert_eq!(header.source, format!("{name}.kkidl"), "{}", f.display());
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} files");
}

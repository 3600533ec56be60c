//! Every schema of `tests/schemas/good/` through every backend of
//! `kkgen::backends()` by `kkgen gen --lang all`, pinned by one insta
//! snapshot per schema per backend (the files that backend writes, read from
//! its group's folder, in path order).
//! `cargo xtask corpus` compiles the same output with warnings as errors
//! (rustc + clippy, gofmt + go vet + wasip1 build, strictest tsc).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file under `dir`, relative to it, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                all.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    all.sort();
    all
}

#[test]
fn every_good_schema_through_every_backend() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let mut schemas: Vec<PathBuf> = std::fs::read_dir(root.join("tests/schemas/good"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "kkidl"))
        .collect();
    schemas.sort();
    assert!(schemas.len() >= 7, "{schemas:?}");
    let out = std::env::temp_dir().join(format!("kkgen-good-schemas-{}", std::process::id()));
    for schema in &schemas {
        let stem = schema.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = out.join(&stem);
        let _ = std::fs::remove_dir_all(&dir);
        let o = Command::new(env!("CARGO_BIN_EXE_kkgen"))
            .args(["gen", "--lang", "all", "--out"])
            .arg(&dir)
            .arg(schema)
            .output()
            .expect("run kkgen");
        assert!(
            o.status.success(),
            "{stem}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let ir = kkgen::compile(&[schema], &[] as &[&Path])
            .unwrap_or_else(|e| panic!("{stem}: {e}"))
            .ir;
        let options = kkgen::GenOptions {
            source: schema.file_name().unwrap().to_string_lossy().into_owned(),
            ..Default::default()
        };
        let on_disk = files(&dir);
        let mut pinned = 0;
        for backend in kkgen::backends() {
            // The backend's own files, as `--lang all` wrote them into its group's folder.
            let group_dir = dir.join(backend.group());
            let mut own: Vec<PathBuf> = backend
                .generate(&ir, &options)
                .unwrap_or_else(|e| panic!("{stem}: {}: {e}", backend.name()))
                .into_iter()
                .map(|f| f.path)
                .collect();
            own.sort();
            let mut text = String::new();
            for file in &own {
                let contents = std::fs::read_to_string(group_dir.join(file)).unwrap();
                text.push_str(&format!("==> {} <==\n{contents}\n", file.display()));
            }
            pinned += own.len();
            assert!(!text.is_empty(), "{stem}: no {} files", backend.name());
            insta::assert_snapshot!(format!("{stem}__{}", backend.name()), text);
        }
        assert_eq!(
            pinned,
            on_disk.len(),
            "{stem}: files no backend claims: {on_disk:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

//! Which folders of `tests/evolution` are cases: those holding both `old.kkidl` and `new.kkidl`.
//! Shared by the Rust service's build script (`rust/build.rs`) and suite `evolution`
//! (`xtask/src/suites/evolution.rs`) through `#[path]`.

use std::path::Path;

/// The names of the case folders below `dir`, sorted.
pub fn case_names(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let both = ["old.kkidl", "new.kkidl"]
            .iter()
            .all(|f| entry.path().join(f).is_file());
        if let (true, Ok(name)) = (both, entry.file_name().into_string()) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

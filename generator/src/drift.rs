//! How an output directory differs from what the generator would write there (`kkgen gen
//! --check`, docs/sdk.md#check): files changed, missing, or extra — an extra file is one that
//! carries a kkgen header ([`crate::header::parse`]) naming the same backend (`--lang`) and the
//! same source schemas as the files generated now, but is not one of them (a removed service's
//! files, a renamed package's). Files without a kkgen header, written by another backend sharing
//! the folder (`--lang zod` next to `--lang ts`) or generated from other schemas (two packages'
//! Rust files in one folder) are never reported.

use crate::backend::GeneratedFile;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// What one backend generates into one folder.
#[derive(Debug, Clone)]
pub struct Output {
    /// The output folder.
    pub dir: PathBuf,
    /// The files with their headers ([`crate::Backend::generate`]), paths relative to `dir`.
    pub files: Vec<GeneratedFile>,
}

/// One file that differs, its path being the output directory joined with the generated path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// On disk, with other contents.
    Changed {
        /// The file.
        path: PathBuf,
        /// What is on disk.
        old: String,
        /// What the generator writes.
        new: String,
    },
    /// Generated, not on disk.
    Missing {
        /// The file.
        path: PathBuf,
        /// What the generator writes.
        new: String,
    },
    /// On disk with a kkgen header, not generated.
    Extra {
        /// The file.
        path: PathBuf,
        /// What is on disk.
        old: String,
    },
}

/// The extensions of the files a backend writes: the only ones scanned for extra files.
const GENERATED_EXTENSIONS: [&str; 4] = ["rs", "go", "ts", "json"];

/// Every difference between the folders of `outputs` (one folder may appear more than once, e.g.
/// the TS family's `ts/`) and their contents on disk, sorted by path. A missing directory is all
/// missing files.
pub fn compare(outputs: &[Output]) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    let mut generated = BTreeSet::new();
    // Per folder, the (backend, source) of the headers of the files generated into it.
    let mut owners: BTreeMap<&Path, BTreeSet<(String, String)>> = BTreeMap::new();
    for Output { dir, files } in outputs {
        let owned = owners.entry(dir).or_default();
        for f in files {
            if let Some(h) = crate::header::parse(&f.contents) {
                owned.insert((h.lang, h.source));
            }
            let path = dir.join(&f.path);
            generated.insert(path.clone());
            match std::fs::read(&path) {
                Ok(bytes) if bytes == f.contents.as_bytes() => {}
                Ok(bytes) => drift.push(Drift::Changed {
                    path,
                    old: String::from_utf8_lossy(&bytes).into_owned(),
                    new: f.contents.clone(),
                }),
                Err(e) if e.kind() == io::ErrorKind::NotFound => drift.push(Drift::Missing {
                    path,
                    new: f.contents.clone(),
                }),
                Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
            }
        }
    }
    for (dir, owned) in &owners {
        for path in generated_files_in(dir)? {
            if generated.contains(&path) {
                continue;
            }
            let Ok(old) = std::fs::read_to_string(&path) else {
                continue;
            };
            if crate::header::parse(&old).is_some_and(|h| owned.contains(&(h.lang, h.source))) {
                drift.push(Drift::Extra { path, old });
            }
        }
    }
    drift.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(drift)
}

/// The files below `dir` (recursively, hidden folders and `node_modules` skipped) with an
/// extension of [`GENERATED_EXTENSIONS`]; none when `dir` does not exist.
fn generated_files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", d.display()))),
        };
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                if !name.starts_with('.') && name != "node_modules" {
                    pending.push(path);
                }
            } else if kind.is_file()
                && path
                    .extension()
                    .is_some_and(|e| GENERATED_EXTENSIONS.iter().any(|g| e == *g))
            {
                found.push(path);
            }
        }
    }
    Ok(found)
}

impl Drift {
    /// The file this difference is about.
    pub fn path(&self) -> &Path {
        match self {
            Drift::Changed { path, .. }
            | Drift::Missing { path, .. }
            | Drift::Extra { path, .. } => path,
        }
    }

    /// A unified diff from the file on disk to what the generator writes, `git apply`-able from
    /// the directory the paths are relative to: `--- a/<path>` / `+++ b/<path>`, `/dev/null`
    /// for the side that does not exist, hunks with three lines of context.
    pub fn unified_diff(&self) -> String {
        let shown = self.path().display().to_string().replace('\\', "/");
        let (old, new, from, to) = match self {
            Drift::Changed { old, new, .. } => (old.as_str(), new.as_str(), "a/", "b/"),
            Drift::Missing { new, .. } => ("", new.as_str(), "", "b/"),
            Drift::Extra { old, .. } => (old.as_str(), "", "a/", ""),
        };
        let side = |prefix: &str| {
            if prefix.is_empty() {
                "/dev/null".to_string()
            } else {
                format!("{prefix}{shown}")
            }
        };
        similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(3)
            .header(&side(from), &side(to))
            .to_string()
    }

    /// `changed`, `missing` or `extra`.
    pub fn kind(&self) -> &'static str {
        match self {
            Drift::Changed { .. } => "changed",
            Drift::Missing { .. } => "missing",
            Drift::Extra { .. } => "extra",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn diffs_read_like_git() {
        let changed = Drift::Changed {
            path: "sdk/go/types.go".into(),
            old: "a\nb\nc\n".into(),
            new: "a\nB\nc\n".into(),
        };
        assert_eq!(
            changed.unified_diff(),
            "--- a/sdk/go/types.go\n+++ b/sdk/go/types.go\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
        let missing = Drift::Missing {
            path: "x.ts".into(),
            new: "one\n".into(),
        };
        assert_eq!(
            missing.unified_diff(),
            "--- /dev/null\n+++ b/x.ts\n@@ -0,0 +1 @@\n+one\n"
        );
        let extra = Drift::Extra {
            path: "y.rs".into(),
            old: "two\n".into(),
        };
        assert_eq!(
            extra.unified_diff(),
            "--- a/y.rs\n+++ /dev/null\n@@ -1 +0,0 @@\n-two\n"
        );
    }

    #[test]
    fn a_missing_directory_is_every_file_missing() {
        let dir = std::env::temp_dir().join(format!("kkgen-drift-none-{}", std::process::id()));
        let output = Output {
            dir: dir.clone(),
            files: vec![generated("a.go", "x\n")],
        };
        let drift = compare(&[output]).unwrap();
        assert_eq!(
            drift,
            vec![Drift::Missing {
                path: dir.join("a.go"),
                new: "x\n".into()
            }]
        );
    }
}

//! One version of a schema set, read from disk or from a git revision,
//! parsed and checked (as `kkgen check` does) into its IR and the locations
//! of what it declares.

use super::sites::Sites;
use kkidl::ir::Ir;
use kkidl::load::{normalize, Disk, FileSystem};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A checked schema set: the IR the comparison reads, and where things are written.
#[derive(Debug, Clone)]
pub struct Version {
    /// The resolved model.
    pub ir: Ir,
    /// The location side table.
    pub sites: Sites,
}

/// Why a version could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file, directory or revision could not be read (exit code 2).
    Io(String),
    /// The version does not pass `kkgen check` (exit code 1).
    Schema(kkidl::Diagnostics),
}

/// Where the old version comes from (`--against`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Against {
    /// A `.kkidl` file, or a directory of them (searched recursively).
    Path(PathBuf),
    /// The same paths as the new version's, at a git revision of the current
    /// repository, optionally under `subdir` (relative to the repository root).
    Git {
        /// The revision, e.g. `main` or `HEAD~1`.
        rev: String,
        /// Where the paths are taken from at that revision instead of the
        /// current directory.
        subdir: Option<PathBuf>,
    },
}

impl Against {
    /// Reads `git:REF`, `.git#REF` (also `.git#ref=REF`, `branch=`, `tag=`),
    /// each with an optional `,subdir=PATH`; anything else is a path.
    pub fn parse(text: &str) -> Result<Against, String> {
        let spec = if let Some(rest) = text.strip_prefix("git:") {
            rest
        } else if let Some(rest) = text.strip_prefix(".git#") {
            rest
        } else {
            return Ok(Against::Path(PathBuf::from(text)));
        };
        let mut rev = None;
        let mut subdir = None;
        for part in spec.split(',') {
            match part.split_once('=') {
                Some(("subdir", p)) if !p.is_empty() => subdir = Some(PathBuf::from(p)),
                Some(("ref" | "branch" | "tag" | "commit", r)) if rev.is_none() => rev = Some(r),
                None if rev.is_none() && !part.is_empty() => rev = Some(part),
                _ => {
                    return Err(format!(
                    "--against {text}: cannot read `{part}` (expected REF, ref=REF or subdir=PATH)"
                ))
                }
            }
        }
        let rev = rev
            .filter(|r| !r.is_empty())
            .ok_or_else(|| format!("--against {text}: no revision"))?;
        Ok(Against::Git {
            rev: rev.to_string(),
            subdir,
        })
    }
}

/// Loads the new version: `paths` are files or directories on disk.
pub fn load_current(paths: &[PathBuf], include: &[PathBuf]) -> Result<Version, LoadError> {
    let roots = expand(paths, disk_list)?;
    load(&Disk, &roots, include)
}

/// Loads the old version named by `against`; `paths` are the new version's
/// (a git revision is read at the same paths).
pub fn load_against(
    against: &Against,
    paths: &[PathBuf],
    include: &[PathBuf],
) -> Result<Version, LoadError> {
    match against {
        Against::Path(p) => load_current(std::slice::from_ref(p), include),
        Against::Git { rev, subdir } => {
            let tree = GitTree::open(rev, subdir.clone())?;
            let roots = expand(paths, |p| tree.list(p))?;
            load(&tree, &roots, include)
        }
    }
}

/// Parses and checks `roots`, as `kkgen check` does, and locates their declarations.
pub fn load(
    fs: &dyn FileSystem,
    roots: &[PathBuf],
    include: &[PathBuf],
) -> Result<Version, LoadError> {
    let compiled = match kkidl::compile_with(fs, roots, include) {
        Ok(c) => c,
        Err(kkidl::Error::Schema(d)) => return Err(LoadError::Schema(d)),
        Err(e @ kkidl::Error::Io { .. }) => return Err(LoadError::Io(e.to_string())),
    };
    crate::backend::check_names(&compiled, &crate::backends()).map_err(LoadError::Schema)?;
    // The same files again, for their syntax trees: the IR carries no spans.
    let loaded = kkidl::load::load(fs, roots, include)
        .map_err(|e| LoadError::Io(format!("cannot read {}: {}", e.path.display(), e.error)))?;
    Ok(Version {
        ir: compiled.ir,
        sites: Sites::collect(&loaded),
    })
}

/// Replaces every directory of `paths` by the `.kkidl` files under it,
/// sorted; `list` gives a directory's files (`None` when a path is not one).
fn expand(
    paths: &[PathBuf],
    list: impl Fn(&Path) -> Result<Option<Vec<PathBuf>>, LoadError>,
) -> Result<Vec<PathBuf>, LoadError> {
    let mut roots = Vec::new();
    for p in paths {
        match list(p)? {
            Some(files) if files.is_empty() => {
                return Err(LoadError::Io(format!("no .kkidl files in {}", p.display())))
            }
            Some(ref mut files) => {
                files.sort();
                roots.append(files);
            }
            None => roots.push(p.clone()),
        }
    }
    Ok(roots)
}

/// The `.kkidl` files under a directory on disk, recursively.
fn disk_list(dir: &Path) -> Result<Option<Vec<PathBuf>>, LoadError> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| LoadError::Io(format!("cannot read {}: {e}", d.display())))?;
        for entry in entries {
            let path = entry
                .map_err(|e| LoadError::Io(format!("cannot read {}: {e}", d.display())))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "kkidl") {
                found.push(path);
            }
        }
    }
    Ok(Some(found))
}

/// The files of the current repository at one revision, read with
/// `git show` and listed with `git ls-tree`.
struct GitTree {
    rev: String,
    /// What paths are relative to, as a path from the repository root
    /// (`subdir`, or the current directory's `git rev-parse --show-prefix`).
    base: PathBuf,
    /// The repository root on disk, for absolute paths.
    top: PathBuf,
}

impl GitTree {
    /// Checks that `rev` names a commit of the repository around the current directory.
    fn open(rev: &str, subdir: Option<PathBuf>) -> Result<GitTree, LoadError> {
        let top = git(&["rev-parse", "--show-toplevel"])?
            .ok_or_else(|| LoadError::Io("--against git: not inside a git repository".into()))?;
        let prefix = git(&["rev-parse", "--show-prefix"])?.unwrap_or_default();
        if git(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])?
        .is_none()
        {
            return Err(LoadError::Io(format!(
                "--against git: `{rev}` is not a revision of this repository"
            )));
        }
        Ok(GitTree {
            rev: rev.to_string(),
            base: subdir.unwrap_or_else(|| PathBuf::from(prefix.trim())),
            top: PathBuf::from(top.trim()),
        })
    }

    /// `path` (as given, relative to the current directory or absolute) as a
    /// path from the repository root; `None` when it leaves the repository.
    fn in_repo(&self, path: &Path) -> Option<String> {
        let joined = match path.strip_prefix(&self.top) {
            Ok(rel) if path.is_absolute() => rel.to_path_buf(),
            _ if path.is_absolute() => return None,
            _ => self.base.join(path),
        };
        let n = normalize(&joined);
        if n.starts_with("..") {
            return None;
        }
        Some(n.to_string_lossy().replace('\\', "/"))
    }

    /// The `.kkidl` files under `dir` at the revision, in the caller's terms
    /// (`dir` joined with their path below it); `None` when `dir` is not a directory there.
    fn list(&self, dir: &Path) -> Result<Option<Vec<PathBuf>>, LoadError> {
        let Some(rel) = self.in_repo(dir) else {
            return Ok(None);
        };
        let spec = format!("{}:{rel}", self.rev);
        let kind = git(&["cat-file", "-t", &spec])?;
        if kind.as_deref().map(str::trim) != Some("tree") {
            return Ok(None);
        }
        let names = git(&[
            "ls-tree",
            "-r",
            "--name-only",
            "--full-tree",
            &self.rev,
            "--",
            &rel,
        ])?
        .unwrap_or_default();
        let below = |name: &str| -> Option<PathBuf> {
            let rest = if rel.is_empty() {
                name
            } else {
                name.strip_prefix(rel.as_str())?.strip_prefix('/')?
            };
            Some(dir.join(rest))
        };
        Ok(Some(
            names
                .lines()
                .filter(|n| n.ends_with(".kkidl"))
                .filter_map(below)
                .collect(),
        ))
    }
}

impl FileSystem for GitTree {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        let not_found =
            || std::io::Error::new(std::io::ErrorKind::NotFound, format!("not in {}", self.rev));
        let rel = self.in_repo(path).ok_or_else(not_found)?;
        let out = Command::new("git")
            .args(["show", &format!("{}:{rel}", self.rev)])
            .output()?;
        if !out.status.success() {
            return Err(not_found());
        }
        String::from_utf8(out.stdout)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    fn identity(&self, path: &Path) -> PathBuf {
        self.in_repo(path)
            .map(PathBuf::from)
            .unwrap_or_else(|| normalize(path))
    }
}

/// Runs `git args`: its stdout when it succeeds, `None` when it fails, an
/// error when git cannot be run at all.
fn git(args: &[&str]) -> Result<Option<String>, LoadError> {
    let out = Command::new("git")
        .args(args)
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|e| LoadError::Io(format!("cannot run git: {e}")))?;
    Ok(out
        .status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn against_reads_git_refs_and_paths() {
        let git = |rev: &str, subdir: Option<&str>| Against::Git {
            rev: rev.into(),
            subdir: subdir.map(PathBuf::from),
        };
        assert_eq!(Against::parse(".git#main").unwrap(), git("main", None));
        assert_eq!(Against::parse("git:HEAD~1").unwrap(), git("HEAD~1", None));
        assert_eq!(
            Against::parse(".git#branch=main,subdir=proto").unwrap(),
            git("main", Some("proto"))
        );
        assert_eq!(
            Against::parse("old/api.kkidl").unwrap(),
            Against::Path(PathBuf::from("old/api.kkidl"))
        );
        assert!(Against::parse(".git#").is_err());
        assert!(Against::parse(".git#main,depth=3").is_err());
    }
}

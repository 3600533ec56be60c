//! Loading: reads the root files and, transitively, every file they import,
//! parses each one, and reports missing imports and import cycles.
//!
//! Imports resolve relative to the importing file first, then against each
//! include directory in order (docs/kkidl.md §3).

use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::parse::parse_file;
use crate::source::{SourceId, SourceMap};
use std::collections::VecDeque;
use std::path::{Component, Path, PathBuf};

/// A file that was read and parsed.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Its id in the source map.
    pub id: SourceId,
    /// Its syntax tree.
    pub ast: ast::File,
    /// The files its imports resolved to, in import order (missing ones left out).
    pub imports: Vec<SourceId>,
}

/// Every file of one compilation, in load order (roots first, then imports breadth-first).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Texts of every file read.
    pub sources: SourceMap,
    /// Files that parsed, in load order.
    pub files: Vec<LoadedFile>,
    /// Syntax errors, missing imports, cycles.
    pub diagnostics: Vec<Diagnostic>,
}

/// A root file could not be read at all.
#[derive(Debug)]
pub struct ReadError {
    /// The path given.
    pub path: PathBuf,
    /// Why.
    pub error: std::io::Error,
}

/// Where the text of a file comes from: disk, or memory (tests, stdin).
pub trait FileSystem {
    /// Reads the file at `path`.
    fn read(&self, path: &Path) -> std::io::Result<String>;
    /// A stable identity for `path`, so a file imported twice is read once.
    fn identity(&self, path: &Path) -> PathBuf;
}

/// The real file system.
pub struct Disk;

impl FileSystem for Disk {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
    fn identity(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path))
    }
}

/// Loads `roots` and everything they import.
pub fn load(
    fs: &dyn FileSystem,
    roots: &[PathBuf],
    include_dirs: &[PathBuf],
) -> Result<Loaded, ReadError> {
    let mut loaded = Loaded::default();
    let mut identities: Vec<PathBuf> = Vec::new();
    let mut queue: VecDeque<SourceId> = VecDeque::new();
    let mut parsed: Vec<Option<ast::File>> = Vec::new();

    for root in roots {
        let identity = fs.identity(root);
        if identities.contains(&identity) {
            continue;
        }
        let text = fs.read(root).map_err(|error| ReadError {
            path: root.clone(),
            error,
        })?;
        let id = loaded.sources.add(display_name(root), root.clone(), text);
        identities.push(identity);
        parsed.push(None);
        queue.push_back(id);
    }

    let mut import_edges: Vec<Vec<(SourceId, usize)>> = Vec::new();
    while let Some(id) = queue.pop_front() {
        let text = loaded.sources.get(id).text.clone();
        let file = match parse_file(id, &text) {
            Ok(f) => f,
            Err(d) => {
                loaded.diagnostics.push(*d);
                continue;
            }
        };
        let dir = loaded
            .sources
            .get(id)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for (index, import) in file.imports.iter().enumerate() {
            let candidates = std::iter::once(dir.join(&import.path))
                .chain(include_dirs.iter().map(|d| d.join(&import.path)));
            let mut found = None;
            let mut unreadable = None;
            for candidate in candidates {
                let identity = fs.identity(&candidate);
                if let Some(pos) = identities.iter().position(|i| *i == identity) {
                    found = Some(SourceId(pos as u32));
                    break;
                }
                match fs.read(&candidate) {
                    Ok(text) => {
                        let new =
                            loaded
                                .sources
                                .add(display_name(&candidate), candidate.clone(), text);
                        identities.push(identity);
                        parsed.push(None);
                        queue.push_back(new);
                        found = Some(new);
                        break;
                    }
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        unreadable = Some((candidate.clone(), e));
                        break;
                    }
                    Err(_) => {}
                }
            }
            match (found, unreadable) {
                (Some(target), _) => {
                    while import_edges.len() <= id.0 as usize {
                        import_edges.push(Vec::new());
                    }
                    import_edges[id.0 as usize].push((target, index));
                }
                (None, Some((path, e))) => {
                    loaded.diagnostics.push(
                        Diagnostic::new(
                            "E0103",
                            format!("cannot read imported file `{}`", import.path),
                            import.path_span,
                            e.to_string(),
                        )
                        .with_help(format!(
                            "{} exists but could not be read as UTF-8 text",
                            path.display()
                        )),
                    );
                }
                (None, None) => {
                    let searched: Vec<String> = std::iter::once(dir.display().to_string())
                        .chain(include_dirs.iter().map(|d| d.display().to_string()))
                        .map(|d| if d.is_empty() { ".".into() } else { d })
                        .collect();
                    loaded.diagnostics.push(
                        Diagnostic::new("E0101", format!("cannot find imported file `{}`", import.path), import.path_span, "not found")
                            .with_help(format!(
                                "imports resolve relative to the importing file, then against the include directories; searched: {}",
                                searched.join(", ")
                            )),
                    );
                }
            }
        }
        parsed[id.0 as usize] = Some(file);
    }
    import_edges.resize(parsed.len(), Vec::new());

    for (i, file) in parsed.into_iter().enumerate() {
        if let Some(ast) = file {
            let imports = import_edges[i].iter().map(|(t, _)| *t).collect();
            loaded.files.push(LoadedFile {
                id: SourceId(i as u32),
                ast,
                imports,
            });
        }
    }
    report_cycles(&mut loaded, &import_edges);
    Ok(loaded)
}

/// Reports every import that closes a cycle, once per cycle.
fn report_cycles(loaded: &mut Loaded, edges: &[Vec<(SourceId, usize)>]) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Active,
        Done,
    }
    let n = edges.len();
    let mut state = vec![State::New; n];
    let mut stack: Vec<SourceId> = Vec::new();
    let mut found = Vec::new();

    fn visit(
        v: usize,
        edges: &[Vec<(SourceId, usize)>],
        state: &mut Vec<State>,
        stack: &mut Vec<SourceId>,
        found: &mut Vec<(SourceId, usize, Vec<SourceId>)>,
    ) {
        state[v] = State::Active;
        stack.push(SourceId(v as u32));
        for &(t, index) in &edges[v] {
            match state[t.0 as usize] {
                State::New => visit(t.0 as usize, edges, state, stack, found),
                State::Active => {
                    let from = stack.iter().position(|s| *s == t).unwrap_or(0);
                    let mut cycle: Vec<SourceId> = stack[from..].to_vec();
                    cycle.push(t);
                    found.push((SourceId(v as u32), index, cycle));
                }
                State::Done => {}
            }
        }
        stack.pop();
        state[v] = State::Done;
    }
    for v in 0..n {
        if state[v] == State::New {
            visit(v, edges, &mut state, &mut stack, &mut found);
        }
    }
    for (file, index, cycle) in found {
        let Some(lf) = loaded.files.iter().find(|f| f.id == file) else {
            continue;
        };
        let import = &lf.ast.imports[index];
        let chain: Vec<String> = cycle
            .iter()
            .map(|s| loaded.sources.get(*s).name.clone())
            .collect();
        loaded.diagnostics.push(
            Diagnostic::new(
                "E0102",
                "import cycle",
                import.path_span,
                "this import closes the cycle",
            )
            .with_help(format!(
                "{}; move the shared declarations into a file that both import",
                chain.join(" → ")
            )),
        );
    }
}

/// The name a file is shown under: the path, lexically normalised.
fn display_name(path: &Path) -> String {
    normalize(path).display().to_string()
}

/// Removes `.` and folds `dir/..` without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

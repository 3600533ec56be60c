//! Source files held in memory and byte spans into them.
//!
//! Every file the compiler reads is kept in a [`SourceMap`] so that
//! diagnostics can quote any line of any file, imports included.

use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SourceId(pub u32);

/// A byte range `start..end` in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Which file.
    pub file: SourceId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span in `file` from `start` to `end`.
    pub fn new(file: SourceId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }

    /// The smallest span covering both (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// One file's name (as shown in diagnostics), path on disk and text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Display name: the path as given or as resolved from an import.
    pub name: String,
    /// Path used to read it (and to resolve its imports).
    pub path: PathBuf,
    /// Full text.
    pub text: String,
}

/// Every file read during one compilation.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<Source>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, path: impl Into<PathBuf>, text: impl Into<String>) -> SourceId {
        self.files.push(Source { name: name.into(), path: path.into(), text: text.into() });
        SourceId(self.files.len() as u32 - 1)
    }

    /// The file with this id.
    pub fn get(&self, id: SourceId) -> &Source {
        &self.files[id.0 as usize]
    }

    /// The id of the file read from `path`, if it was read.
    pub fn find(&self, path: &Path) -> Option<SourceId> {
        self.files.iter().position(|f| f.path == path).map(|i| SourceId(i as u32))
    }

    /// Every file, in the order read.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.files.iter().enumerate().map(|(i, f)| (SourceId(i as u32), f))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: SourceId, offset: usize) -> (usize, usize) {
        let text = &self.get(file).text;
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// The largest char boundary not after `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

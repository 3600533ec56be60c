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
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
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
    pub fn add(
        &mut self,
        name: impl Into<String>,
        path: impl Into<PathBuf>,
        text: impl Into<String>,
    ) -> SourceId {
        self.files.push(Source {
            name: name.into(),
            path: path.into(),
            text: text.into(),
        });
        SourceId(self.files.len() as u32 - 1)
    }

    /// The file with this id.
    pub fn get(&self, id: SourceId) -> &Source {
        &self.files[id.0 as usize]
    }

    /// The id of the file read from `path`, if it was read.
    pub fn find(&self, path: &Path) -> Option<SourceId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| SourceId(i as u32))
    }

    /// Every file, in the order read.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (SourceId(i as u32), f))
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

/// What [`scan`] meets outside string literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lexeme {
    /// A `//` comment (doc comments included), `start..end` up to the end of its line.
    Comment {
        /// Offset of the first `/`.
        start: usize,
        /// Offset of the line end (or of the end of the text).
        end: usize,
    },
    /// Any other byte at offset `at`.
    Code {
        /// Its offset.
        at: usize,
        /// The byte.
        byte: u8,
    },
}

/// Walks `text` without parsing it, skipping string literals (which end at
/// `"` or at the end of their line): every comment and every other byte, in
/// order, until `f` returns `false`. Lets the formatter find comments and the
/// parser bound nesting with the same notion of "outside strings".
pub fn scan(text: &str, mut f: impl FnMut(Lexeme) -> bool) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                if !f(Lexeme::Comment { start: i, end }) {
                    return;
                }
                i = end;
            }
            byte => {
                if !f(Lexeme::Code { at: i, byte }) {
                    return;
                }
                i += 1;
            }
        }
    }
}

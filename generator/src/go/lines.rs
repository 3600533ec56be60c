//! A small writer of Go statement lines: each line is indented with tabs to
//! the current depth and ended by a newline, blocks are opened and closed
//! around nested statements, and temporaries get fresh numbered names
//! (`n1`, `i1`, `e1`, ...) within one function body.

use std::fmt::{Display, Write};

/// Go statements being written at some block depth.
#[derive(Debug, Default)]
pub struct Lines {
    text: String,
    depth: usize,
    temps: u32,
}

impl Lines {
    /// An empty body whose lines start `depth` tabs in.
    pub fn at_depth(depth: usize) -> Lines {
        Lines {
            depth,
            ..Lines::default()
        }
    }

    /// Writes one line at the current depth.
    pub fn line(&mut self, line: impl Display) {
        for _ in 0..self.depth {
            self.text.push('\t');
        }
        writeln!(self.text, "{line}").expect("writing to a String cannot fail");
    }

    /// Writes a line that opens a block (`for ... {`); what follows is nested.
    pub fn open(&mut self, line: impl Display) {
        self.line(line);
        self.depth += 1;
    }

    /// Ends the nested block with `line` (`}`).
    pub fn close(&mut self, line: impl Display) {
        self.depth -= 1;
        self.line(line);
    }

    /// Ends the nested block and opens the next one (`} else {`).
    pub fn reopen(&mut self, line: impl Display) {
        self.close(line);
        self.depth += 1;
    }

    /// A number not used for a temporary of this body yet.
    pub fn temp(&mut self) -> u32 {
        self.temps += 1;
        self.temps
    }

    /// The lines written, each ending in a newline.
    pub fn finish(self) -> String {
        self.text
    }
}

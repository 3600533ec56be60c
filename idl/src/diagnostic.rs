//! Diagnostics: an error code, a message, labelled spans and a hint,
//! rendered rustc-style (file:line:col, the source line, a caret under the
//! span) with ariadne. Every stage collects many of them per run.

use crate::source::{SourceMap, Span};
use ariadne::{Config, IndexType, Label as AriadneLabel, Report, ReportKind};
use std::fmt;

/// A labelled span inside a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there.
    pub message: String,
}

/// One error found in a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `E0202` (listed in docs/kkidl.md §7).
    pub code: &'static str,
    /// One-line summary.
    pub message: String,
    /// The main span, with its label.
    pub primary: Label,
    /// Related spans (the first definition of a duplicate, ...).
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with code, message and primary span.
    pub fn new(
        code: &'static str,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            primary: Label {
                span,
                message: label.into(),
            },
            secondary: Vec::new(),
            help: None,
        }
    }

    /// Adds a related span.
    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: label.into(),
        });
        self
    }

    /// Sets the hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders it with the sources it points into; `color` for terminals.
    pub fn render(&self, sources: &SourceMap, color: bool) -> String {
        let name = |s: &Span| sources.get(s.file).name.clone();
        let p = &self.primary.span;
        let mut report = Report::build(ReportKind::Error, (name(p), p.start..p.end))
            .with_config(
                Config::default()
                    .with_color(color)
                    .with_index_type(IndexType::Byte),
            )
            .with_code(self.code)
            .with_message(&self.message)
            .with_label(
                AriadneLabel::new((name(p), p.start..p.end))
                    .with_message(&self.primary.message)
                    .with_order(0),
            );
        for (i, l) in self.secondary.iter().enumerate() {
            report = report.with_label(
                AriadneLabel::new((name(&l.span), l.span.start..l.span.end))
                    .with_message(&l.message)
                    .with_order(i as i32 + 1),
            );
        }
        if let Some(help) = &self.help {
            report = report.with_help(help);
        }
        let cache = ariadne::sources(
            sources
                .iter()
                .map(|(_, s)| (s.name.clone(), s.text.clone()))
                .collect::<Vec<_>>(),
        );
        let mut out = Vec::new();
        if report.finish().write(cache, &mut out).is_err() {
            let (line, col) = sources.line_col(p.file, p.start);
            return format!(
                "error[{}]: {} at {}:{line}:{col}\n",
                self.code,
                self.message,
                name(p)
            );
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// `file:line:col: error[CODE]: message`, one line (for tools and logs).
    pub fn short(&self, sources: &SourceMap) -> String {
        let (line, col) = sources.line_col(self.primary.span.file, self.primary.span.start);
        format!(
            "{}:{line}:{col}: error[{}]: {}",
            sources.get(self.primary.span.file).name,
            self.code,
            self.message
        )
    }
}

/// Every diagnostic of a failed compilation, with the sources they point into.
#[derive(Debug, Clone)]
pub struct Diagnostics {
    /// The errors, in the order found (files in load order, then position).
    pub list: Vec<Diagnostic>,
    /// Every file read, for rendering.
    pub sources: SourceMap,
}

impl Diagnostics {
    /// Renders every diagnostic, then a count line.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.list {
            out.push_str(&d.render(&self.sources, color));
        }
        let n = self.list.len();
        out.push_str(&format!(
            "error: {n} error{} found\n",
            if n == 1 { "" } else { "s" }
        ));
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

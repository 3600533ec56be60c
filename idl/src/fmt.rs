//! The canonical formatter (`kkgen fmt`): prints a parsed file back in the
//! one layout of docs/kkidl.md §8 — four-space indents, docs then
//! annotations each on their own line, one member per line with a trailing
//! comma, one blank line between declarations — and keeps every `//`
//! comment: own-line comments stay before what follows them, end-of-line
//! comments stay at the end of their line. Formatting is idempotent.

use crate::ast::*;
use crate::diagnostic::Diagnostics;
use crate::source::{scan, Lexeme, SourceId, SourceMap};

/// Longest op signature kept on one line; longer ones get one parameter per line.
const MAX_WIDTH: usize = 100;

/// Formats `text` (shown as `name` in diagnostics); syntax errors are returned.
pub fn format_source(name: &str, text: &str) -> Result<String, Diagnostics> {
    let file = crate::parse::parse_file(SourceId(0), text).map_err(|d| {
        let mut sources = SourceMap::new();
        sources.add(name, name, text);
        Diagnostics {
            list: vec![*d],
            sources,
        }
    })?;
    Ok(format_file(&file, text))
}

/// Prints `file`, whose source `text` supplies the comments and blank lines.
pub fn format_file(file: &File, text: &str) -> String {
    let mut p = Printer {
        text,
        out: String::new(),
        comments: comments(text),
        next: 0,
        last_end: 0,
    };
    p.leading(file.package.span.start, 0, true);
    p.prefix(&file.package.prefix, 0, file.package.span.start);
    p.line(0, &format!("package {};", file.package.name.text));
    p.trailing(file.package.span.end);
    if !file.imports.is_empty() {
        p.blank();
    }
    for imp in &file.imports {
        p.leading(imp.span.start, 0, false);
        p.prefix(&imp.prefix, 0, imp.span.start);
        p.line(0, &format!("import {};", quote(&imp.path)));
        p.trailing(imp.span.end);
    }
    for d in &file.decls {
        p.blank();
        p.leading(d.span.start, 0, true);
        p.decl(d);
    }
    p.leading(text.len(), 0, true);
    p.out
}

/// A `//` comment in the source.
struct Comment {
    start: usize,
    text: String,
    /// Code precedes it on its line.
    trailing: bool,
}

/// Every `//` comment that is not a `///` doc comment, skipping string literals.
fn comments(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    scan(text, |lexeme| {
        if let Lexeme::Comment { start, end } = lexeme {
            if !text[start..].starts_with("///") {
                let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
                let trailing = !text[line_start..start].trim().is_empty();
                out.push(Comment {
                    start,
                    text: text[start..end].trim_end().to_string(),
                    trailing,
                });
            }
        }
        true
    });
    out
}

struct Printer<'a> {
    text: &'a str,
    out: String,
    comments: Vec<Comment>,
    next: usize,
    /// Source offset of the end of the last thing printed.
    last_end: usize,
}

impl Printer<'_> {
    fn line(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") && !self.out.ends_with("{\n") {
            self.out.push('\n');
        }
    }

    /// Whether the source has an empty line between `from` and `to`.
    fn gap(&self, from: usize, to: usize) -> bool {
        let (from, to) = (from.min(self.text.len()), to.min(self.text.len()));
        from < to
            && self.text[from..to]
                .split('\n')
                .skip(1)
                .collect::<Vec<_>>()
                .iter()
                .rev()
                .skip(1)
                .any(|l| l.trim().is_empty())
    }

    /// Prints the comments that start before `pos` on their own lines,
    /// keeping one blank line where the source had one.
    fn leading(&mut self, pos: usize, indent: usize, top_level: bool) {
        while let Some((start, text)) = self
            .comments
            .get(self.next)
            .map(|c| (c.start, c.text.clone()))
        {
            if start >= pos {
                break;
            }
            if self.gap(self.last_end, start) {
                self.blank();
            }
            self.line(indent, &text);
            self.next += 1;
            self.last_end = start + text.len();
            if top_level && self.gap(self.last_end, pos) {
                self.blank();
            }
        }
    }

    /// Appends the comment that ends the source line of `end`, if any.
    fn trailing(&mut self, end: usize) {
        self.last_end = self.last_end.max(end);
        let line_end = self.text[end.min(self.text.len())..]
            .find('\n')
            .map_or(self.text.len(), |n| end + n);
        if let Some(c) = self.comments.get(self.next) {
            if c.trailing && c.start >= end && c.start < line_end {
                self.out.pop();
                self.out.push(' ');
                self.out.push_str(&c.text);
                self.out.push('\n');
                self.next += 1;
                self.last_end = line_end;
            }
        }
    }

    fn prefix(&mut self, prefix: &Prefix, indent: usize, _start: usize) {
        for d in &prefix.docs {
            if d.is_empty() {
                self.line(indent, "///");
            } else {
                self.line(indent, &format!("/// {d}"));
            }
        }
        for a in &prefix.annotations {
            let arg = match &a.arg {
                None => String::new(),
                Some(AnnotationArg::Int(_, s)) => format!("({})", &self.text[s.start..s.end]),
                Some(AnnotationArg::Str(s, _)) => format!("({})", quote(s)),
            };
            self.line(indent, &format!("@{}{arg}", a.name.text));
        }
    }

    /// Prints members (`items`) of a braced body, then the closing brace at `close`.
    fn members<T>(
        &mut self,
        items: &[T],
        close: usize,
        span: impl Fn(&T) -> (usize, usize),
        mut print: impl FnMut(&mut Self, &T),
    ) {
        for (i, item) in items.iter().enumerate() {
            let (start, end) = span(item);
            if i > 0
                && self.gap(self.last_end, start)
                && self
                    .comments
                    .get(self.next)
                    .is_none_or(|c| c.start >= start)
            {
                self.blank();
            }
            self.leading(start, 1, false);
            print(self, item);
            self.trailing(end_with_comma(self.text, end));
        }
        self.leading(close, 1, false);
    }

    fn decl(&mut self, d: &Decl) {
        self.prefix(&d.prefix, 0, d.span.start);
        let head = format!("{} {}", d.kind.keyword(), d.name.text);
        let close = d.span.end.saturating_sub(1);
        match &d.kind {
            DeclKind::Handle => {
                self.line(0, &format!("{head};"));
                self.trailing(d.span.end);
                return;
            }
            DeclKind::Struct(fields) | DeclKind::Error(fields)
                if fields.is_empty() && !self.has_comment_before(close) =>
            {
                self.line(0, &format!("{head} {{}}"));
                self.trailing(d.span.end);
                return;
            }
            _ => {}
        }
        self.line(0, &format!("{head} {{"));
        self.last_end = d.head_span.end;
        match &d.kind {
            DeclKind::Struct(fields) | DeclKind::Error(fields) => self.members(
                fields,
                close,
                |f| (f.span.start, f.span.end),
                |p, f| {
                    p.prefix(&f.prefix, 1, f.span.start);
                    p.line(1, &format!("{}: {},", f.name.text, type_expr(&f.ty)));
                },
            ),
            DeclKind::Enum(vs) => self.members(
                vs,
                close,
                |v| (v.span.start, v.span.end),
                |p, v| {
                    p.prefix(&v.prefix, 1, v.span.start);
                    match &v.value {
                        Some((_, s)) => p.line(
                            1,
                            &format!("{} = {},", v.name.text, &p.text[s.start..s.end]),
                        ),
                        None => p.line(1, &format!("{},", v.name.text)),
                    }
                },
            ),
            DeclKind::Union(vs) => self.members(
                vs,
                close,
                |v| (v.span.start, v.span.end),
                |p, v| {
                    p.prefix(&v.prefix, 1, v.span.start);
                    match &v.payload {
                        Some(t) => p.line(1, &format!("{}({}),", v.name.text, type_expr(t))),
                        None => p.line(1, &format!("{},", v.name.text)),
                    }
                },
            ),
            DeclKind::Service(members) => self.members(
                members,
                close,
                |m| match m {
                    ServiceMember::Op(o) => (o.span.start, o.span.end),
                    ServiceMember::Event(e) => (e.span.start, e.span.end),
                },
                |p, m| match m {
                    ServiceMember::Op(o) => p.op(o),
                    ServiceMember::Event(e) => {
                        p.prefix(&e.prefix, 1, e.span.start);
                        p.line(1, &format!("event {}: {};", e.name.text, type_expr(&e.ty)));
                    }
                },
            ),
            DeclKind::Handle => unreachable!(),
        }
        self.line(0, "}");
        self.trailing(d.span.end);
    }

    fn has_comment_before(&self, pos: usize) -> bool {
        self.comments.get(self.next).is_some_and(|c| c.start < pos)
    }

    fn op(&mut self, o: &Op) {
        self.prefix(&o.prefix, 1, o.span.start);
        let mut tail = String::from(")");
        if let Some(r) = &o.result {
            tail.push_str(&format!(" -> {}", type_expr(r)));
        }
        if !o.throws.is_empty() {
            let names: Vec<&str> = o.throws.iter().map(|t| t.text.as_str()).collect();
            tail.push_str(&format!(" throws {}", names.join(", ")));
        }
        if !o.emits.is_empty() {
            let names: Vec<&str> = o.emits.iter().map(|t| t.text.as_str()).collect();
            tail.push_str(&format!(" emits {}", names.join(", ")));
        }
        tail.push(';');
        let params: Vec<String> = o
            .params
            .iter()
            .map(|f| format!("{}: {}", f.name.text, type_expr(&f.ty)))
            .collect();
        let one_line = format!("op {}({}{tail}", o.name.text, params.join(", "));
        let simple = o
            .params
            .iter()
            .all(|f| f.prefix.docs.is_empty() && f.prefix.annotations.is_empty());
        let inner_comment = self
            .comments
            .get(self.next)
            .is_some_and(|c| c.start < o.span.end);
        // Without parameters there is nowhere to put a comment inside: it moves after the op.
        if o.params.is_empty() || simple && !inner_comment && one_line.len() + 4 <= MAX_WIDTH {
            self.line(1, &one_line);
            return;
        }
        self.line(1, &format!("op {}(", o.name.text));
        for f in &o.params {
            // A comment inside a parameter (`a // c` before its `:`) goes on its own line before it.
            self.leading(f.span.end, 2, false);
            self.prefix(&f.prefix, 2, f.span.start);
            self.line(2, &format!("{}: {},", f.name.text, type_expr(&f.ty)));
            self.trailing(end_with_comma(self.text, f.span.end));
        }
        // A comment after the last parameter but inside the op (before `)`, in the throws list)
        // stays inside the parentheses, so that the op stays multi-line when formatted again.
        self.leading(o.span.end, 2, false);
        self.line(1, &tail);
    }
}

/// `end`, moved past a `,` that follows it (after spaces).
fn end_with_comma(text: &str, end: usize) -> usize {
    let rest = &text[end.min(text.len())..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.starts_with(',') {
        end + (rest.len() - trimmed.len()) + 1
    } else {
        end
    }
}

/// A type expression in canonical form.
pub fn type_expr(t: &TypeExpr) -> String {
    match &t.kind {
        TypeExprKind::Named(n) => n.text.clone(),
        TypeExprKind::Buffer(e) => format!("{}[]", e.text),
        TypeExprKind::List(inner) => format!("list<{}>", type_expr(inner)),
        TypeExprKind::Map(k, v) => format!("map<{}, {}>", type_expr(k), type_expr(v)),
        TypeExprKind::Optional(inner) => format!("{}?", type_expr(inner)),
    }
}

/// A string literal with `"`, `\`, newlines and tabs escaped.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

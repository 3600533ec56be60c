//! Parsing: text → [`ast::File`] with the pest grammar in `kkidl.pest`.
//!
//! A syntax error stops the file it is in (other files are still parsed);
//! it becomes one `E0001` diagnostic that says what was expected in words.

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::source::{scan, Lexeme, SourceId, Span};
use pest::iterators::Pair;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "kkidl.pest"]
struct KkidlParser;

/// Parses one file. `file` is its id in the source map (for spans).
pub fn parse_file(file: SourceId, text: &str) -> Result<File, Box<Diagnostic>> {
    if let Some(d) = too_deep(file, text) {
        return Err(Box::new(d));
    }
    pest::set_error_detail(true);
    let mut pairs =
        KkidlParser::parse(Rule::file, text).map_err(|e| Box::new(syntax_error(file, text, e)))?;
    let root = pairs.next().expect("file rule");
    Ok(Builder { file }.file(root))
}

/// Deepest `list<...>`/`map<...>` nesting accepted; deeper input is refused
/// before parsing, so no stage can run out of stack on it.
pub const MAX_TYPE_NESTING: usize = 64;

/// Reports the first `<` nested deeper than [`MAX_TYPE_NESTING`] (outside comments and strings).
fn too_deep(file: SourceId, text: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut found = None;
    scan(text, |lexeme| {
        match lexeme {
            Lexeme::Code { byte: b'<', at } => {
                depth += 1;
                if depth > MAX_TYPE_NESTING {
                    found = Some(at);
                    return false;
                }
            }
            Lexeme::Code { byte: b'>', .. } => depth = depth.saturating_sub(1),
            _ => {}
        }
        true
    });
    found.map(|at| {
        Diagnostic::new(
            "E0002",
            format!("types nest more than {MAX_TYPE_NESTING} levels deep"),
            Span::new(file, at, at + 1),
            "too deep",
        )
        .with_help("name an inner type with a `struct` to flatten the nesting")
    })
}

/// Turns a pest error into a diagnostic that names what was expected.
fn syntax_error(file: SourceId, text: &str, e: pest::error::Error<Rule>) -> Diagnostic {
    let mut pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<&str> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| describe(*r)).collect()
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // Punctuation the grammar tried (`,`, `}`, `;` ...) is not a rule, so pest
    // lists it only in its detailed attempts, possibly further to the right.
    if let Some(attempts) = e.parse_attempts() {
        let tokens: Vec<&str> = attempts
            .expected_tokens()
            .iter()
            .filter_map(|t| {
                let t = t.to_string();
                PUNCTUATION.iter().copied().find(|p| p[1..p.len() - 1] == t)
            })
            .collect();
        if attempts.max_position > pos && !tokens.is_empty() {
            pos = attempts.max_position;
            expected = tokens;
        } else if attempts.max_position == pos {
            expected.extend(tokens);
        }
    }
    expected.sort();
    expected.dedup();
    let found = found_at(text, pos);
    let next_char = text[pos.min(text.len())..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    let span = Span::new(file, pos, pos + found.len().max(next_char));
    let expected_text = match expected.len() {
        0 => "something else".to_string(),
        1 => expected[0].to_string(),
        n => format!("{} or {}", expected[..n - 1].join(", "), expected[n - 1]),
    };
    let found_text = if found.is_empty() {
        "end of file".to_string()
    } else {
        format!("`{found}`")
    };
    let line_start = text[..pos.min(text.len())].rfind('\n').map_or(0, |n| n + 1);
    let in_event = text[line_start..pos.min(text.len())]
        .trim_start()
        .starts_with("event");
    let help = if in_event && expected.contains(&"`:`") {
        "an event carries a value: `event name: Type;` (ops that emit it return that type)".into()
    } else {
        syntax_help(&expected, &found)
    };
    Diagnostic::new(
        "E0001",
        format!("syntax error: expected {expected_text}, found {found_text}"),
        span,
        format!("expected {expected_text}"),
    )
    .with_help(help)
}

/// The token at `pos`: an identifier, a number, or one character.
fn found_at(text: &str, pos: usize) -> String {
    let rest = &text[pos.min(text.len())..];
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if !word.is_empty() {
        return word;
    }
    rest.chars()
        .next()
        .filter(|c| !c.is_whitespace())
        .map(String::from)
        .unwrap_or_default()
}

/// A hint for the most common syntax mistakes.
fn syntax_help(expected: &[&str], found: &str) -> String {
    let has = |w: &str| expected.contains(&w);
    if found.is_empty() && has("`}`") {
        "a `{` is not closed before the end of the file".into()
    } else if found == "\"" {
        "a string literal ends with `\"` on the same line (escapes: `\\\"` `\\\\` `\\n` `\\t`)"
            .into()
    } else if has("`package`") {
        "every file starts with `package name.v1;` (after its `///` docs)".into()
    } else if has("`;`") {
        "end the line with `;`".into()
    } else if found == ";" && (has("`,`") || has("`}`")) {
        "fields, variants and parameters are separated by `,`, not `;`".into()
    } else if has("`op`") {
        "a service holds ops and events: `op name(param: Type) -> Result throws Error emits event;`, `event name: Type;`".into()
    } else if has("`:`") {
        "write fields and parameters as `name: Type`".into()
    } else if has("a declaration") {
        "top-level items are `struct`, `enum`, `union`, `error`, `handle` and `service` (imports come first)".into()
    } else if has("a type") {
        "types are scalars (`u32`, `string`, ...), `T[]` buffers, `list<T>`, `map<K, V>`, `T?` or declared names".into()
    } else {
        "see docs/kkidl.md §2 for the grammar".into()
    }
}

/// Punctuation named in "expected" lists, quoted.
const PUNCTUATION: &[&str] = &[
    "`,`", "`;`", "`{`", "`}`", "`(`", "`)`", "`<`", "`>`", "`:`", "`=`", "`->`", "`.`",
];

/// How a grammar rule reads in an error message; `None` hides it.
fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::package_decl | Rule::kw_package => "`package`",
        Rule::import_decl | Rule::kw_import => "`import`",
        Rule::decl
        | Rule::struct_decl
        | Rule::enum_decl
        | Rule::union_decl
        | Rule::error_decl
        | Rule::handle_decl
        | Rule::service_decl
        | Rule::kw_struct
        | Rule::kw_enum
        | Rule::kw_union
        | Rule::kw_error
        | Rule::kw_handle
        | Rule::kw_service => "a declaration",
        Rule::prefix | Rule::doc | Rule::annotation => "`///` or `@`",
        Rule::ident | Rule::qual_name => "a name",
        Rule::fields | Rule::field => "a field",
        Rule::enum_variant | Rule::union_variant => "a variant",
        Rule::op | Rule::kw_op => "`op`",
        Rule::returns => "`->`",
        Rule::throws | Rule::kw_throws => "`throws`",
        Rule::emits | Rule::kw_emits => "`emits`",
        Rule::event | Rule::kw_event => "`event`",
        Rule::type_expr
        | Rule::buffer_type
        | Rule::list_type
        | Rule::map_type
        | Rule::type_name
        | Rule::kw_list
        | Rule::kw_map => "a type",
        Rule::optional => "`?`",
        Rule::int_lit => "an integer",
        Rule::string_lit => "a string",
        Rule::ann_arg => "an integer or a string",
        Rule::EOI => "end of file",
        _ => return None,
    })
}

/// Walks pest pairs into AST nodes.
struct Builder {
    file: SourceId,
}

impl Builder {
    fn span(&self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn ident(&self, p: Pair<Rule>) -> Ident {
        Ident {
            text: p.as_str().to_string(),
            span: self.span(&p),
        }
    }

    fn file(&self, root: Pair<Rule>) -> File {
        let mut package = None;
        let mut imports = Vec::new();
        let mut decls = Vec::new();
        for p in root.into_inner() {
            match p.as_rule() {
                Rule::package_decl => {
                    let span = self.span(&p);
                    let mut it = p.into_inner();
                    let prefix = self.prefix(it.next().unwrap());
                    it.next(); // keyword
                    let name = self.ident(it.next().unwrap());
                    package = Some(Package { prefix, name, span });
                }
                Rule::import_decl => {
                    let span = self.span(&p);
                    let mut it = p.into_inner();
                    let prefix = self.prefix(it.next().unwrap());
                    it.next();
                    let lit = it.next().unwrap();
                    let path_span = self.span(&lit);
                    imports.push(Import {
                        prefix,
                        path: unescape(lit.into_inner().next().unwrap().as_str()),
                        path_span,
                        span,
                    });
                }
                Rule::decl => decls.push(self.decl(p)),
                _ => {}
            }
        }
        File {
            package: package.expect("grammar requires a package"),
            imports,
            decls,
        }
    }

    fn prefix(&self, p: Pair<Rule>) -> Prefix {
        let mut prefix = Prefix::default();
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::doc => {
                    let text = item.as_str().trim_end_matches('\r');
                    let text = &text[3..];
                    prefix.docs.push(
                        text.strip_prefix(' ')
                            .unwrap_or(text)
                            .trim_end()
                            .to_string(),
                    );
                }
                Rule::annotation => {
                    let span = self.span(&item);
                    let mut it = item.into_inner();
                    let name = self.ident(it.next().unwrap());
                    let arg = it.next().map(|a| {
                        let inner = a.into_inner().next().unwrap();
                        let s = self.span(&inner);
                        match inner.as_rule() {
                            Rule::int_lit => AnnotationArg::Int(parse_int(inner.as_str()), s),
                            _ => AnnotationArg::Str(
                                unescape(inner.into_inner().next().unwrap().as_str()),
                                s,
                            ),
                        }
                    });
                    prefix.annotations.push(Annotation { name, arg, span });
                }
                _ => {}
            }
        }
        prefix
    }

    fn decl(&self, p: Pair<Rule>) -> Decl {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let prefix = self.prefix(it.next().unwrap());
        let body = it.next().unwrap();
        let rule = body.as_rule();
        let mut parts = body.into_inner();
        let kw = parts.next().unwrap();
        let name = self.ident(parts.next().unwrap());
        let head_span = self.span(&kw).to(name.span);
        let kind = match rule {
            Rule::struct_decl => DeclKind::Struct(self.fields(parts.next().unwrap())),
            Rule::error_decl => DeclKind::Error(self.fields(parts.next().unwrap())),
            Rule::enum_decl => DeclKind::Enum(parts.map(|v| self.enum_variant(v)).collect()),
            Rule::union_decl => DeclKind::Union(parts.map(|v| self.union_variant(v)).collect()),
            Rule::handle_decl => DeclKind::Handle,
            Rule::service_decl => DeclKind::Service(
                parts
                    .map(|m| match m.as_rule() {
                        Rule::event => ServiceMember::Event(self.event(m)),
                        _ => ServiceMember::Op(self.op(m)),
                    })
                    .collect(),
            ),
            r => unreachable!("decl body {r:?}"),
        };
        let span = if prefix.docs.is_empty() && prefix.annotations.is_empty() {
            head_span.to(span)
        } else {
            span
        };
        Decl {
            prefix,
            name,
            kind,
            span,
            head_span,
        }
    }

    fn fields(&self, p: Pair<Rule>) -> Vec<Field> {
        p.into_inner()
            .map(|f| {
                let span = self.span(&f);
                let mut it = f.into_inner();
                let prefix = self.prefix(it.next().unwrap());
                let name = self.ident(it.next().unwrap());
                let ty = self.type_expr(it.next().unwrap());
                Field {
                    prefix,
                    name,
                    ty,
                    span,
                }
            })
            .collect()
    }

    fn enum_variant(&self, p: Pair<Rule>) -> EnumVariant {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let prefix = self.prefix(it.next().unwrap());
        let name = self.ident(it.next().unwrap());
        let value = it.next().map(|v| (parse_int(v.as_str()), self.span(&v)));
        EnumVariant {
            prefix,
            name,
            value,
            span,
        }
    }

    fn union_variant(&self, p: Pair<Rule>) -> UnionVariant {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let prefix = self.prefix(it.next().unwrap());
        let name = self.ident(it.next().unwrap());
        let payload = it.next().map(|t| self.type_expr(t));
        UnionVariant {
            prefix,
            name,
            payload,
            span,
        }
    }

    fn op(&self, p: Pair<Rule>) -> Op {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let prefix = self.prefix(it.next().unwrap());
        it.next(); // `op`
        let name = self.ident(it.next().unwrap());
        let params = self.fields(it.next().unwrap());
        let mut result = None;
        let mut throws = Vec::new();
        let mut emits = Vec::new();
        for rest in it {
            match rest.as_rule() {
                Rule::returns => result = Some(self.type_expr(rest.into_inner().next().unwrap())),
                Rule::throws => {
                    throws = rest
                        .into_inner()
                        .filter(|t| t.as_rule() == Rule::type_name)
                        .map(|t| self.ident(t))
                        .collect()
                }
                Rule::emits => {
                    emits = rest
                        .into_inner()
                        .filter(|t| t.as_rule() == Rule::ident)
                        .map(|t| self.ident(t))
                        .collect()
                }
                _ => {}
            }
        }
        Op {
            prefix,
            name,
            params,
            result,
            throws,
            emits,
            span,
        }
    }

    fn event(&self, p: Pair<Rule>) -> Event {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let prefix = self.prefix(it.next().unwrap());
        it.next(); // `event`
        let name = self.ident(it.next().unwrap());
        let ty = self.type_expr(it.next().unwrap());
        Event {
            prefix,
            name,
            ty,
            span,
        }
    }

    fn type_expr(&self, p: Pair<Rule>) -> TypeExpr {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let base = it.next().unwrap();
        let base_span = self.span(&base);
        let kind = match base.as_rule() {
            Rule::buffer_type => {
                TypeExprKind::Buffer(self.ident(base.into_inner().next().unwrap()))
            }
            Rule::list_type => {
                let mut parts = base.into_inner();
                parts.next();
                TypeExprKind::List(Box::new(self.type_expr(parts.next().unwrap())))
            }
            Rule::map_type => {
                let mut parts = base.into_inner();
                parts.next();
                let k = self.type_expr(parts.next().unwrap());
                let v = self.type_expr(parts.next().unwrap());
                TypeExprKind::Map(Box::new(k), Box::new(v))
            }
            Rule::type_name => TypeExprKind::Named(self.ident(base)),
            r => unreachable!("type {r:?}"),
        };
        let mut ty = TypeExpr {
            kind,
            span: base_span,
        };
        // Two levels are enough to report `T??` (E0503); more would only deepen recursion.
        for q in it.take(2) {
            let end = self.span(&q).end;
            ty = TypeExpr {
                span: Span::new(self.file, span.start, end),
                kind: TypeExprKind::Optional(Box::new(ty)),
            };
        }
        ty
    }
}

/// Parses a decimal or `0x` hex literal; `None` when it does not fit a u64.
fn parse_int(s: &str) -> Option<u64> {
    match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

/// Resolves the escapes `\" \\ \n \t` of a string literal's inside.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

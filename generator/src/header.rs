//! The header of every generated file (docs/sdk.md#header): the generator and its version, the
//! root schema files, "do not edit", and the hash of the schema set, in each language's marker
//! style. [`Backend::generate`](crate::backend::Backend::generate) adds it to every file a
//! backend returns; no backend writes its own.
//!
//! The schema hash is the SHA-256 of the canonical IR JSON ([`schema_sha256`]): the IR the
//! backends generate from, serialized compactly, with each file's path cut to its file name. It
//! changes with anything the generated code can depend on (types, ops, ids, doc comments) and
//! not with where the schemas sit, how they are formatted, or the machine: the same schema set
//! hashes the same from any working directory, through `kkgen gen FILES` and `kkgen gen --ir`.

use crate::backend::GeneratedFile;
use kkidl::ir::Ir;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The generator as named in headers: `kkgen <version>`.
pub fn generator() -> String {
    format!("kkgen {}", env!("CARGO_PKG_VERSION"))
}

/// The top-level field of a generated JSON document holding its header.
pub const JSON_FIELD: &str = "x-kkgen";

/// What a header says, as read back by [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// `kkgen <version>`.
    pub generator: String,
    /// The root schema files, comma separated, e.g. `geometry.kkidl`.
    pub source: String,
    /// The backend that wrote the file (its `--lang` name), so that `gen --check` knows which
    /// files of a shared folder are its own.
    pub lang: String,
    /// The schema hash, 64 lowercase hex digits ([`schema_sha256`]).
    pub schema_sha256: String,
}

/// The SHA-256 (lowercase hex) of the canonical IR JSON of `ir`: compact `serde_json`, each
/// `files[].path` replaced by its file name.
pub fn schema_sha256(ir: &Ir) -> String {
    let mut canonical = ir.clone();
    for f in &mut canonical.files {
        f.path = file_name(&f.path);
    }
    let json = serde_json::to_vec(&canonical).expect("the IR serializes");
    Sha256::digest(&json)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The header's lines for a file at `path` (its extension picks the marker style), ending with
/// a newline: Go's `// Code generated … DO NOT EDIT.` (the line `go` tools recognise), else the
/// `// @generated …` of Rust and TypeScript, then the schema hash.
pub fn comment(path: &Path, header: &Header) -> String {
    let marker = if path.extension().is_some_and(|e| e == "go") {
        "Code generated"
    } else {
        "@generated"
    };
    format!(
        "// {marker} by {} from {} (--lang {}). DO NOT EDIT.\n// schema-sha256: {}\n",
        header.generator, header.source, header.lang, header.schema_sha256
    )
}

/// `files`, written by backend `lang`, with the header of `ir` (from `source`, else the IR's
/// first file name) added: a comment and a blank line before each file's text, or the
/// [`JSON_FIELD`] of a `.json` file.
pub fn stamp(
    files: Vec<GeneratedFile>,
    ir: &Ir,
    source: &str,
    lang: &str,
) -> Result<Vec<GeneratedFile>, String> {
    let source = if source.is_empty() {
        ir.files
            .first()
            .map_or_else(|| "(no schema)".to_string(), |f| file_name(&f.path))
    } else {
        source.to_string()
    };
    let header = Header {
        generator: generator(),
        source,
        lang: lang.to_string(),
        schema_sha256: schema_sha256(ir),
    };
    files
        .into_iter()
        .map(|f| {
            let contents = if f.path.extension().is_some_and(|e| e == "json") {
                stamp_json(&f.path, &f.contents, &header)?
            } else {
                format!("{}\n{}", comment(&f.path, &header), f.contents)
            };
            Ok(GeneratedFile { contents, ..f })
        })
        .collect()
}

/// A JSON object's text with the [`JSON_FIELD`] object added as its first member (JSON has no
/// comments). Inserted as text, so the rest of the document is kept byte for byte; the field is
/// indented as `serde_json`'s pretty printer indents (two spaces).
fn stamp_json(path: &Path, text: &str, header: &Header) -> Result<String, String> {
    let body = text
        .strip_prefix('{')
        .ok_or_else(|| format!("{}: generated JSON is not an object", path.display()))?;
    let field = serde_json::json!({
        "generator": header.generator,
        "source": header.source,
        "lang": header.lang,
        "schema-sha256": header.schema_sha256,
        "note": "generated, do not edit",
    });
    let field = serde_json::to_string_pretty(&field)
        .map_err(|e| e.to_string())?
        .replace('\n', "\n  ");
    let rest = body.trim_start();
    let comma = if rest.starts_with('}') { "\n" } else { "," };
    Ok(format!("{{\n  \"{JSON_FIELD}\": {field}{comma}{body}"))
}

/// The kkgen header of a file's text, if it has one: the first two lines of a comment header,
/// or the [`JSON_FIELD`] of a JSON object.
pub fn parse(text: &str) -> Option<Header> {
    if text.trim_start().starts_with('{') {
        let doc: serde_json::Value = serde_json::from_str(text).ok()?;
        let field = doc.get(JSON_FIELD)?;
        let get = |k: &str| field.get(k)?.as_str().map(str::to_string);
        return Some(Header {
            generator: get("generator")?,
            source: get("source")?,
            lang: get("lang")?,
            schema_sha256: get("schema-sha256")?,
        });
    }
    let mut lines = text.lines();
    let first = lines.next()?;
    let rest = first
        .strip_prefix("// Code generated by ")
        .or_else(|| first.strip_prefix("// @generated by "))?
        .strip_suffix(". DO NOT EDIT.")?;
    let (generator, rest) = rest.split_once(" from ")?;
    let (source, lang) = rest.rsplit_once(" (--lang ")?;
    let lang = lang.strip_suffix(')')?;
    if !generator.starts_with("kkgen ") {
        return None;
    }
    let hash = lines.next()?.strip_prefix("// schema-sha256: ")?;
    Some(Header {
        generator: generator.to_string(),
        source: source.to_string(),
        lang: lang.to_string(),
        schema_sha256: hash.to_string(),
    })
}

/// The last component of a `/`- or `\`-separated path.
fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn every_style_parses_back() {
        let ir = crate::good_schema_ir("small");
        let files = vec![
            file("types.go", "package x\n"),
            file("x.rs", "pub struct A;\n"),
            file("index.ts", "export {};\n"),
            file("openapi.json", "{\n  \"openapi\": \"3.1.0\"\n}\n"),
        ];
        let stamped = stamp(files, &ir, "small.kkidl", "ts").unwrap();
        let expected = Header {
            generator: generator(),
            source: "small.kkidl".into(),
            lang: "ts".into(),
            schema_sha256: schema_sha256(&ir),
        };
        for f in &stamped {
            assert_eq!(parse(&f.contents).as_ref(), Some(&expected), "{f:?}");
        }
        let go = &stamped[0].contents;
        let marker = go.lines().next().unwrap();
        // The line Go tools look for: `^// Code generated .* DO NOT EDIT\.$`.
        assert!(marker.starts_with("// Code generated ") && marker.ends_with(" DO NOT EDIT."));
        assert!(go.ends_with("\n\npackage x\n"), "{go}");
        assert!(stamped[1].contents.starts_with("// @generated by kkgen "));
        assert!(
            stamped[3]
                .contents
                .ends_with("},\n  \"openapi\": \"3.1.0\"\n}\n"),
            "the document is kept as it was: {}",
            stamped[3].contents
        );
        let empty = stamp(vec![file("e.json", "{}")], &ir, "small.kkidl", "hono").unwrap();
        let empty: serde_json::Value = serde_json::from_str(&empty[0].contents).unwrap();
        assert_eq!(empty.as_object().map(|o| o.len()), Some(1));
        assert_eq!(parse("// just a file\n"), None);
        assert_eq!(parse("// Code generated by stringer. DO NOT EDIT.\n"), None);
        assert_eq!(parse("{\"openapi\": \"3.1.0\"}"), None);
    }

    #[test]
    fn the_hash_ignores_where_the_schema_sits() {
        let ir = crate::good_schema_ir("small");
        let mut moved = ir.clone();
        moved.files[0].path = format!("/elsewhere/{}", file_name(&ir.files[0].path));
        assert_eq!(schema_sha256(&ir), schema_sha256(&moved));
        let mut changed = ir.clone();
        changed.files[0].package = "other.v1".into();
        assert_ne!(schema_sha256(&ir), schema_sha256(&changed));
        assert_eq!(schema_sha256(&ir).len(), 64);
    }
}

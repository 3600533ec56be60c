//! Reading an IR saved as JSON (`kkgen ir --json`, or written by another
//! front end) for `kkgen gen --ir` and [`crate::Config::compile_ir_json`]:
//! the JSON must parse, carry the [`IR_VERSION`] this kkgen reads, and be
//! structurally sound (every id in range, `throws` naming errors, buffers and
//! optionals only where docs/kkidl.md §6 allows them), so a backend never
//! indexes out of range on a hand-written IR, and free of names two items
//! would share in some backend's output (`E0604` of `kkgen check`, reported
//! without spans: [`kkidl::reserved::describe_clash`]). Other semantic rules
//! only the front end can check (name spelling, recursion, id uniqueness)
//! are the writer's job.

use kkidl::ir::{Field, Ir, TypeDefKind, TypeRef, IR_VERSION};
use kkidl::reserved::{clashes, describe_clash, BackendNames};
use std::fmt;

/// Why an IR JSON text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IrJsonError {
    /// Not JSON at all; serde_json's message with line and column.
    Json(String),
    /// `ir_version` missing, or not the one this kkgen reads.
    Version(Option<u64>),
    /// JSON, but not the shape of the IR; serde_json's message.
    Shape(String),
    /// The IR's references or type placements are unsound; what and where.
    Invalid(String),
    /// Some backend would give two items one name: one line per clash,
    /// naming the language, the identifier and both items.
    Clashes(Vec<String>),
}

impl fmt::Display for IrJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IrJsonError::Json(e) => write!(f, "not valid JSON: {e}"),
            IrJsonError::Version(None) => write!(
                f,
                "no numeric `ir_version` (this kkgen reads IR version {IR_VERSION})"
            ),
            IrJsonError::Version(Some(v)) => write!(
                f,
                "IR version {v} is not supported (this kkgen reads IR version {IR_VERSION})"
            ),
            IrJsonError::Shape(e) => write!(f, "not a kkgen IR: {e}"),
            IrJsonError::Invalid(e) => write!(f, "invalid IR: {e}"),
            IrJsonError::Clashes(lines) => {
                write!(
                    f,
                    "generated names clash (E0604); rename one item of each pair:"
                )?;
                for line in lines {
                    write!(f, "\n  {line}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for IrJsonError {}

/// Parses and validates IR JSON text.
pub fn parse_ir_json(text: &str) -> Result<Ir, IrJsonError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| IrJsonError::Json(e.to_string()))?;
    match value.get("ir_version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(IR_VERSION) => {}
        other => return Err(IrJsonError::Version(other)),
    }
    let ir: Ir = serde_json::from_value(value).map_err(|e| IrJsonError::Shape(e.to_string()))?;
    validate(&ir).map_err(IrJsonError::Invalid)?;
    check_names(&ir).map_err(IrJsonError::Clashes)?;
    Ok(ir)
}

/// Every clash between the names the backends emit for `ir`, described
/// (what [`crate::backend::check_names`] reports with spans for a schema).
fn check_names(ir: &Ir) -> Result<(), Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    for b in crate::backends() {
        let names = BackendNames {
            language: b.language().to_string(),
            names: b.emitted_names(ir),
        };
        for c in clashes(&names) {
            let line = describe_clash(ir, &c);
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
    if lines.is_empty() {
        Ok(())
    } else {
        Err(lines)
    }
}

/// Checks every reference and placement in `ir`; the first problem found.
fn validate(ir: &Ir) -> Result<(), String> {
    if ir.files.is_empty() {
        return Err("`files` is empty (the root file comes first)".into());
    }
    let file_ok = |id: kkidl::ir::FileId| (id.0 as usize) < ir.files.len();
    for (index, td) in ir.types.iter().enumerate() {
        let at = || format!("type {index} `{}`", td.name);
        if td.id.0 as usize != index {
            return Err(format!("{}: id {} is not its index {index}", at(), td.id.0));
        }
        if !file_ok(td.file) {
            return Err(format!("{}: file {} out of range", at(), td.file.0));
        }
        match &td.kind {
            TypeDefKind::Struct(s) => fields(ir, &s.fields, &at())?,
            TypeDefKind::Error(e) => fields(ir, &e.fields, &at())?,
            TypeDefKind::Union(u) => {
                for v in &u.variants {
                    if let Some(p) = &v.payload {
                        type_ref(ir, p, Place::Top)
                            .map_err(|e| format!("{}, variant `{}`: {e}", at(), v.name))?;
                    }
                }
            }
            TypeDefKind::Enum(_) | TypeDefKind::Handle => {}
        }
    }
    for s in &ir.services {
        if !file_ok(s.file) {
            return Err(format!(
                "service `{}`: file {} out of range",
                s.name, s.file.0
            ));
        }
        for op in &s.ops {
            let at = format!("service `{}`, op `{}`", s.name, op.name);
            fields(ir, &op.params, &at)?;
            if let Some(r) = &op.result {
                type_ref(ir, r, Place::Top).map_err(|e| format!("{at}, result: {e}"))?;
            }
            for t in &op.throws {
                match ir.types.get(t.0 as usize).map(|td| &td.kind) {
                    Some(TypeDefKind::Error(_)) => {}
                    Some(_) => {
                        return Err(format!("{at}: throws type {} which is not an error", t.0))
                    }
                    None => return Err(format!("{at}: throws type {} out of range", t.0)),
                }
            }
        }
    }
    Ok(())
}

fn fields(ir: &Ir, fields: &[Field], at: &str) -> Result<(), String> {
    for f in fields {
        type_ref(ir, &f.ty, Place::Top).map_err(|e| format!("{at}, field `{}`: {e}", f.name))?;
    }
    Ok(())
}

/// Where a type expression appears (docs/kkidl.md §6's placement table).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Field, parameter, result or union payload.
    Top,
    /// List element or map value: no typed buffer.
    Element,
    /// Inside `?`: no optional.
    Optional,
}

fn type_ref(ir: &Ir, ty: &TypeRef, place: Place) -> Result<(), String> {
    match ty {
        TypeRef::Scalar { .. } => Ok(()),
        TypeRef::Buffer { .. } if place == Place::Element => {
            Err("a typed buffer cannot be a list element or map value".into())
        }
        TypeRef::Buffer { .. } => Ok(()),
        TypeRef::List { elem } => type_ref(ir, elem, Place::Element),
        TypeRef::Map { value, .. } => type_ref(ir, value, Place::Element),
        TypeRef::Optional { .. } if place == Place::Optional => Err("optionals do not nest".into()),
        TypeRef::Optional { inner } => type_ref(ir, inner, Place::Optional),
        TypeRef::Named { id } if (id.0 as usize) < ir.types.len() => Ok(()),
        TypeRef::Named { id } => Err(format!(
            "type {} out of range ({} types)",
            id.0,
            ir.types.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"ir_version": 1, "files": [{"path": "a.kkidl", "package": "a.v1"}], "types": [], "services": []}"#;

    #[test]
    fn accepts_the_front_ends_output() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let compiled = kkidl::compile(
            &[dir.join("tests/conformance/conformance.kkidl")],
            &[] as &[&std::path::Path],
        )
        .unwrap();
        let text = serde_json::to_string(&compiled.ir).unwrap();
        assert_eq!(parse_ir_json(&text), Ok(compiled.ir));
        assert!(parse_ir_json(MINIMAL).is_ok());
    }

    #[test]
    fn refuses_bad_json_versions_shapes_and_references() {
        assert!(matches!(
            parse_ir_json("{\"ir_version\": 1,"),
            Err(IrJsonError::Json(_))
        ));
        assert_eq!(parse_ir_json("{}"), Err(IrJsonError::Version(None)));
        assert_eq!(
            parse_ir_json(&MINIMAL.replace("\"ir_version\": 1", "\"ir_version\": 99")),
            Err(IrJsonError::Version(Some(99)))
        );
        assert!(matches!(
            parse_ir_json(&MINIMAL.replace("\"types\": []", "\"types\": 3")),
            Err(IrJsonError::Shape(_))
        ));
        let with = |ty: &str| {
            MINIMAL.replace(
                "\"types\": []",
                &format!(r#""types": [{{"id": 0, "name": "S", "package": "a.v1", "file": 0, "meta": {{}}, "kind": {{"kind": "struct", "fields": [{{"name": "f", "id": 1, "ty": {ty}, "meta": {{}}}}]}}}}]"#),
            )
        };
        assert!(parse_ir_json(&with(r#"{"type": "named", "id": 0}"#)).is_ok());
        for (ty, message) in [
            (r#"{"type": "named", "id": 7}"#, "type 7 out of range"),
            (
                r#"{"type": "list", "elem": {"type": "buffer", "elem": "f32"}}"#,
                "typed buffer",
            ),
            (
                r#"{"type": "optional", "inner": {"type": "optional", "inner": {"type": "scalar", "scalar": "u8"}}}"#,
                "do not nest",
            ),
        ] {
            match parse_ir_json(&with(ty)) {
                Err(IrJsonError::Invalid(e)) => {
                    assert!(e.contains(message) && e.contains("field `f`"), "{e}")
                }
                other => panic!("{ty}: {other:?}"),
            }
        }
    }
}

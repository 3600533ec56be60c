//! The shared vector file `tests/conformance/vectors.json` (docs/wire.md §6), parsed.

use serde::Deserialize;
use serde_json::Value;

/// The whole vector file.
#[derive(Debug, Deserialize)]
pub struct Vectors {
    /// Values with their encodings.
    pub valid: Vec<ValidVector>,
    /// Inputs every decoder rejects with a named error kind.
    pub malformed: Vec<MalformedVector>,
    /// Well-formed frames.
    pub frames: Vec<FrameVector>,
    /// Frames every reader rejects.
    pub bad_frames: Vec<BadFrameVector>,
}

/// A value and its encoding.
#[derive(Debug, Deserialize)]
pub struct ValidVector {
    /// Vector name.
    pub name: String,
    /// Schema type name.
    #[serde(rename = "type")]
    pub ty: String,
    /// The value in the vector JSON mapping.
    pub value: Value,
    /// Its encoding at payload offset 0.
    pub hex: String,
    /// Only decode (evolution vectors).
    #[serde(default)]
    pub decode_only: bool,
}

/// A rejected input.
#[derive(Debug, Deserialize)]
pub struct MalformedVector {
    /// Vector name.
    pub name: String,
    /// Schema type name.
    #[serde(rename = "type")]
    pub ty: String,
    /// The input.
    pub hex: String,
    /// The expected decode error kind.
    pub error: String,
    /// Nesting limit to use instead of the default.
    pub max_depth: Option<u32>,
}

/// A well-formed frame.
#[derive(Debug, Deserialize)]
pub struct FrameVector {
    /// Vector name.
    pub name: String,
    /// The whole frame.
    pub hex: String,
    /// Its header fields and payload.
    pub frame: FrameFields,
    /// For error frames: the decoded error payload.
    pub error: Option<Value>,
    /// Only parse (e.g. non-zero reserved flags).
    #[serde(default)]
    pub decode_only: bool,
}

/// Header fields and payload of a frame vector.
#[derive(Debug, Deserialize)]
pub struct FrameFields {
    /// Format version.
    pub version: u8,
    /// `call`, `ok`, `error`, `cancel` or `event`.
    pub kind: String,
    /// Call id.
    pub call_id: u32,
    /// Op id.
    pub op_id: u32,
    /// The payload.
    pub payload_hex: String,
}

/// A rejected frame.
#[derive(Debug, Deserialize)]
pub struct BadFrameVector {
    /// Vector name.
    pub name: String,
    /// The input.
    pub hex: String,
    /// The expected decode error kind.
    pub error: String,
    /// Frame length limit to use instead of the default.
    pub max_frame_len: Option<usize>,
}

/// Loads `tests/conformance/vectors.json`.
pub fn load() -> Vectors {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

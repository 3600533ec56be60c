//! The resolved, language-neutral model of a schema (the IR).
//!
//! Backends see only this: every name is resolved, every id assigned, every
//! check passed. Types live in one arena (`Ir::types`) and refer to each other
//! by [`TypeId`] (their index). `kkgen ir --json` prints it, and
//! `kkgen ir --schema` prints its JSON Schema so generators can be written in
//! any language. Wire meaning of every node: `docs/wire.md`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the IR layout; bumped on any breaking change to these types.
pub const IR_VERSION: u32 = 1;

/// A whole resolved schema: the root file and everything it imports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ir {
    /// Always [`IR_VERSION`].
    pub ir_version: u32,
    /// Every source file read, root files first, in load order.
    pub files: Vec<SourceFile>,
    /// Every declared type, in a stable order (file load order, then declaration order).
    pub types: Vec<TypeDef>,
    /// Every declared service, in the same stable order.
    pub services: Vec<Service>,
}

/// Index of a [`TypeDef`] in [`Ir::types`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct TypeId(pub u32);

/// Index of a [`SourceFile`] in [`Ir::files`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct FileId(pub u32);

/// A schema file that was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceFile {
    /// Path as given or resolved (relative to the working directory when possible).
    pub path: String,
    /// The `package` it declares, e.g. `geo.v1`.
    pub package: String,
}

/// Documentation and lifecycle annotations shared by every declaration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// `///` doc comment lines, without the slashes and one leading space.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<String>,
    /// `@since(N)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u32>,
    /// `@deprecated("why")`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
}

/// A named type declaration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TypeDef {
    /// Its own index in [`Ir::types`].
    pub id: TypeId,
    /// Name as written (PascalCase), e.g. `Mesh`.
    pub name: String,
    /// Package it belongs to, e.g. `geo.v1`.
    pub package: String,
    /// File that declares it.
    pub file: FileId,
    /// Docs and annotations.
    pub meta: Meta,
    /// What kind of type it is.
    pub kind: TypeDefKind,
}

impl TypeDef {
    /// `package.Name`, e.g. `geo.v1.Mesh`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.package, self.name)
    }
}

/// The body of a [`TypeDef`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeDefKind {
    /// `struct Name { field: T, ... }`.
    Struct(Struct),
    /// `enum Name { A, B = 5, ... }` (C-like).
    Enum(Enum),
    /// `union Name { A(Payload), B, ... }` (tagged).
    Union(Union),
    /// `error Name { field: T, ... }`: a struct that an op may throw.
    Error(ErrorDef),
    /// `handle Name;`: an opaque `u32` id owned by the wasm side.
    Handle,
}

/// Fields of a struct, in wire order (ascending `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Struct {
    /// Fields sorted by id; this is the order on the wire.
    pub fields: Vec<Field>,
}

/// A typed error: fields like a struct, plus a stable wire id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorDef {
    /// Stable id written in error frames: `@id(N)` or the hash of the qualified name (docs/wire.md §4.1).
    pub wire_id: u32,
    /// Fields sorted by id; this is the order on the wire.
    pub fields: Vec<Field>,
}

/// A struct or error field, or an op parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Field {
    /// Name as written (snake_case), e.g. `vertex_count`.
    pub name: String,
    /// Stable id: `@id(N)` or the 1-based declaration position. Wire order is ascending id.
    pub id: u32,
    /// Its type.
    pub ty: TypeRef,
    /// Docs and annotations.
    pub meta: Meta,
}

/// A C-like enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Enum {
    /// Variants in declaration order.
    pub variants: Vec<EnumVariant>,
}

/// One enum variant; on the wire it is its `value` as a `u32`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EnumVariant {
    /// Name as written (PascalCase).
    pub name: String,
    /// Explicit value, or previous value + 1 (first is 0).
    pub value: u32,
    /// Docs and annotations.
    pub meta: Meta,
}

/// A tagged union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Union {
    /// Variants in declaration order.
    pub variants: Vec<UnionVariant>,
}

/// One union variant; on the wire: `u32 tag`, `u32 length`, payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnionVariant {
    /// Name as written (PascalCase).
    pub name: String,
    /// Wire tag: `@id(N)` or the 1-based declaration position.
    pub tag: u32,
    /// Payload type, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<TypeRef>,
    /// Docs and annotations.
    pub meta: Meta,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TypeRef {
    /// A scalar: `bool`, integers, floats, `string`, `bytes`.
    Scalar {
        /// Which scalar.
        scalar: Scalar,
    },
    /// A typed bulk buffer `T[]`, aligned on the wire to its element size.
    Buffer {
        /// Element type.
        elem: BufferElem,
    },
    /// `list<T>`.
    List {
        /// Element type.
        elem: Box<TypeRef>,
    },
    /// `map<K, V>`; entries are written sorted by key.
    Map {
        /// Key type.
        key: MapKey,
        /// Value type.
        value: Box<TypeRef>,
    },
    /// `T?`.
    Optional {
        /// The inner type (never itself optional).
        inner: Box<TypeRef>,
    },
    /// A declared struct, enum, union, error or handle.
    Named {
        /// Index into [`Ir::types`].
        id: TypeId,
    },
}

/// Scalar types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scalar {
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    String,
    Bytes,
}

impl Scalar {
    /// The keyword used in schemas.
    pub fn keyword(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::I8 => "i8",
            Scalar::I16 => "i16",
            Scalar::I32 => "i32",
            Scalar::I64 => "i64",
            Scalar::U8 => "u8",
            Scalar::U16 => "u16",
            Scalar::U32 => "u32",
            Scalar::U64 => "u64",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            Scalar::String => "string",
            Scalar::Bytes => "bytes",
        }
    }
}

/// Element types of typed buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BufferElem {
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    F32,
    F64,
    I64,
    U64,
}

impl BufferElem {
    /// Size of one element in bytes; also the alignment of the data on the wire.
    pub fn size(self) -> u32 {
        match self {
            BufferElem::U8 | BufferElem::I8 => 1,
            BufferElem::U16 | BufferElem::I16 => 2,
            BufferElem::U32 | BufferElem::I32 | BufferElem::F32 => 4,
            BufferElem::F64 | BufferElem::I64 | BufferElem::U64 => 8,
        }
    }

    /// The keyword used in schemas (without `[]`).
    pub fn keyword(self) -> &'static str {
        match self {
            BufferElem::U8 => "u8",
            BufferElem::I8 => "i8",
            BufferElem::U16 => "u16",
            BufferElem::I16 => "i16",
            BufferElem::U32 => "u32",
            BufferElem::I32 => "i32",
            BufferElem::F32 => "f32",
            BufferElem::F64 => "f64",
            BufferElem::I64 => "i64",
            BufferElem::U64 => "u64",
        }
    }
}

/// Allowed map key types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MapKey {
    String,
    I32,
    I64,
    U32,
    U64,
}

/// A service: a set of coarse-grained operations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Service {
    /// Name as written (PascalCase), e.g. `Cad`.
    pub name: String,
    /// Package it belongs to.
    pub package: String,
    /// File that declares it.
    pub file: FileId,
    /// Docs and annotations.
    pub meta: Meta,
    /// Operations in declaration order.
    pub ops: Vec<Op>,
    /// Events pushed to subscribers (`event name: Type;`), in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

/// `event name: Type;` of a service: a value pushed to subscribers after an
/// op that `emits` it succeeds; the value is that op's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Name as written (snake_case), e.g. `quoted`.
    pub name: String,
    /// Payload type; equal to the result type of every op that emits it.
    pub ty: TypeRef,
    /// Docs and annotations.
    pub meta: Meta,
}

impl Service {
    /// `package.Name`, e.g. `geo.v1.Cad`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.package, self.name)
    }
}

/// One operation of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Op {
    /// Name as written (snake_case), e.g. `evaluate`.
    pub name: String,
    /// Stable op id on the wire: `@id(N)` or the hash of `package.Service.op` (docs/wire.md §4.1).
    pub id: u32,
    /// Parameters, sorted by id (1-based position unless `@id`); encoded as one struct.
    pub params: Vec<Field>,
    /// Return type; `None` for ops that return nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<TypeRef>,
    /// Error types it may throw (each a [`TypeDefKind::Error`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub throws: Vec<TypeId>,
    /// Events it publishes when it succeeds: indexes into its service's
    /// [`Service::events`], in the written order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emits: Vec<u32>,
    /// Docs and annotations.
    pub meta: Meta,
}

impl Ir {
    /// The type with this id.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    /// The JSON Schema of the IR itself (`kkgen ir --schema`).
    pub fn json_schema() -> schemars::Schema {
        schemars::schema_for!(Ir)
    }
}

/// Stable 32-bit id of a qualified name when no `@id` is given: FNV-1a (32-bit)
/// over its UTF-8 bytes, with the top bit cleared (docs/wire.md §4.1).
pub fn hash_id(qualified: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in qualified.as_bytes() {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h & 0x7fff_ffff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_id_is_fnv1a_with_top_bit_cleared() {
        // FNV-1a 32 of "" is the offset basis; of "a" is 0xe40c292c.
        assert_eq!(hash_id(""), 0x811c_9dc5 & 0x7fff_ffff);
        assert_eq!(hash_id("a"), 0xe40c_292c & 0x7fff_ffff);
    }
}

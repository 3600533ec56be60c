//! The rules of `kkgen breaking`: one id, one category and one sentence each.
//!
//! The list is the contract of the command: `docs/evolution.md` documents
//! every rule with an example, a test checks that the doc and [`Rule::ALL`]
//! name the same rules with the same categories, and
//! `tests/evolution/<rule-in-kebab-case>/` holds one case per rule.

/// What a breaking change breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Old and new peers can no longer talk (implies that the source breaks too).
    Wire,
    /// Only code written against the old generated code stops compiling.
    Source,
}

impl Category {
    /// `WIRE` or `SOURCE`, as printed.
    pub fn name(self) -> &'static str {
        match self {
            Category::Wire => "WIRE",
            Category::Source => "SOURCE",
        }
    }
}

macro_rules! rules {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $category:ident, $sentence:literal;)*) => {
        /// A kind of breaking change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[$doc])* $variant,)*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The SCREAMING_SNAKE id, e.g. `OP_REMOVED`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            /// Its one category.
            pub fn category(self) -> Category {
                match self { $(Rule::$variant => Category::$category,)* }
            }

            /// What it means, in one sentence (the doc's wording).
            pub fn sentence(self) -> &'static str {
                match self { $(Rule::$variant => $sentence,)* }
            }
        }
    };
}

rules! {
    /// An op is gone.
    OpRemoved = "OP_REMOVED", Wire,
        "An op is gone (or renamed without `@id`, which changes its id): old clients calling it get `unknown_op`.";
    /// An op kept its name but not its id.
    OpIdChanged = "OP_ID_CHANGED", Wire,
        "An op's id changed (its `@id`, or the package or service name its implicit id hashes): old clients call an id the new service does not know (`unknown_op`).";
    /// An op with a pinned id has a new name.
    OpRenamed = "OP_RENAMED", Source,
        "An op with a pinned `@id` was renamed: the wire is unchanged, the generated method names are not.";
    /// An op gained a result.
    ResultAdded = "RESULT_ADDED", Wire,
        "An op that returned nothing now returns a value: old clients expect an empty answer and fail with `trailing_bytes`.";
    /// An op lost its result.
    ResultRemoved = "RESULT_REMOVED", Wire,
        "An op that returned a value now returns nothing: old clients find an empty answer and fail with `truncated`.";
    /// A parameter is gone.
    ParamRemoved = "PARAM_REMOVED", Wire,
        "A parameter is gone: what old clients send for it is skipped, and old services read its default from new clients.";
    /// A parameter kept its name but not its id.
    ParamIdChanged = "PARAM_ID_CHANGED", Wire,
        "A parameter's id changed (reordered or removed before it without `@id`): peers read each other's parameters in the wrong slots.";
    /// A parameter has a new name.
    ParamRenamed = "PARAM_RENAMED", Source,
        "A parameter was renamed at the same id: the wire is unchanged, the generated parameter structs and the JSON bodies are not.";
    /// A parameter was added at the end.
    ParamAdded = "PARAM_ADDED", Source,
        "A parameter was appended: old clients send without it and the new service reads its default, but every generated call and method signature changes.";
    /// A parameter was added before an existing one.
    ParamInserted = "PARAM_INSERTED", Wire,
        "A parameter was added with an id below an existing one: old services read its bytes as the next parameter.";
    /// A field is gone.
    FieldRemoved = "FIELD_REMOVED", Wire,
        "A struct or error field is gone: old peers' values for it are dropped, and they read its default from new peers.";
    /// A field kept its name but not its id.
    FieldIdChanged = "FIELD_ID_CHANGED", Wire,
        "A field's id changed (fields reordered or one removed before it without `@id`): peers read each other's fields in the wrong slots.";
    /// A field has a new name.
    FieldRenamed = "FIELD_RENAMED", Source,
        "A field was renamed at the same id: the wire is unchanged, the generated field names (and the JSON mapping) are not.";
    /// A field was added before an existing one.
    FieldInserted = "FIELD_INSERTED", Wire,
        "A field was added with an id below an existing one: old readers read its bytes as the next field.";
    /// A non-optional field was appended.
    FieldAddedRequired = "FIELD_ADDED_REQUIRED", Source,
        "A field of a non-optional type was appended: the wire copes (old readers skip it, new readers take its default), but code that builds the struct must now set it.";
    /// A value's type changed shape.
    TypeChanged = "TYPE_CHANGED", Wire,
        "A field, parameter, result or payload changed to a type with another encoding: peers misread each other's bytes.";
    /// An integer got fewer bytes.
    IntegerNarrowed = "INTEGER_NARROWED", Wire,
        "An integer became narrower (e.g. `u64` to `u32`): integers are fixed width, so every later value is read from the wrong offset.";
    /// An integer got more bytes.
    IntegerWidened = "INTEGER_WIDENED", Wire,
        "An integer became wider (e.g. `u32` to `u64`): integers are fixed width, so an old reader takes the extra bytes for the next value.";
    /// An integer changed signedness.
    IntegerSignChanged = "INTEGER_SIGN_CHANGED", Wire,
        "An integer changed signedness at the same width (e.g. `i32` to `u32`): the bytes are kept, so negative and large values are read as other numbers.";
    /// A required value became optional.
    RequiredMadeOptional = "REQUIRED_MADE_OPTIONAL", Wire,
        "A value became optional (`T` to `T?`): the new encoding has a presence byte the old one lacks.";
    /// An optional value became required.
    OptionalMadeRequired = "OPTIONAL_MADE_REQUIRED", Wire,
        "An optional value became required (`T?` to `T`): the old encoding has a presence byte the new one lacks.";
    /// A typed buffer changed element type.
    BufferElemChanged = "BUFFER_ELEM_CHANGED", Wire,
        "A typed buffer's element type changed (e.g. `f32[]` to `f64[]`): the count and the alignment no longer describe the same bytes.";
    /// A type was swapped for one encoded alike.
    TypeChangedSameEncoding = "TYPE_CHANGED_SAME_ENCODING", Source,
        "A type was replaced by one with the same encoding (`bytes` and `u8[]`, one handle for another, a handle and `u32`, a declared type for an identical one): the wire is unchanged, the generated types are not.";
    /// A declared type is gone.
    TypeRemoved = "TYPE_REMOVED", Source,
        "A declared type is gone: code naming it no longer compiles (the ops that used it report their own changes).";
    /// A declared type has a new name.
    TypeRenamed = "TYPE_RENAMED", Source,
        "A declared type was renamed with the same body, or moved to another package that both versions have: its encoding is unchanged (an error's wire id is checked separately), its generated name is not.";
    /// A declared type changed kind.
    TypeKindChanged = "TYPE_KIND_CHANGED", Wire,
        "A declared type changed kind (e.g. struct to union): the two kinds are encoded differently.";
    /// An error's wire id changed.
    ErrorIdChanged = "ERROR_ID_CHANGED", Wire,
        "An error's wire id changed (its `@id`, or the package or name its implicit id hashes): old clients do not recognise it and fail with `unknown_error`.";
    /// An enum variant is gone.
    EnumValueRemoved = "ENUM_VALUE_REMOVED", Wire,
        "An enum variant is gone: old peers still send its value, which new readers reject with `invalid_enum`.";
    /// An enum variant has a new value.
    EnumValueChanged = "ENUM_VALUE_CHANGED", Wire,
        "An enum variant's value changed: peers read each other's values as other variants, or reject them with `invalid_enum`.";
    /// An enum variant has a new name.
    EnumValueRenamed = "ENUM_VALUE_RENAMED", Source,
        "An enum variant was renamed at the same value: the wire is unchanged, the generated names are not.";
    /// A union variant is gone.
    UnionVariantRemoved = "UNION_VARIANT_REMOVED", Wire,
        "A union variant is gone: old peers still send its tag, which new readers reject with `unknown_variant`.";
    /// A union variant has a new tag.
    UnionTagChanged = "UNION_TAG_CHANGED", Wire,
        "A union variant's tag changed (reordered or one removed before it without `@id`): peers read each other's variants as other ones.";
    /// A union variant has a new name.
    UnionVariantRenamed = "UNION_VARIANT_RENAMED", Source,
        "A union variant was renamed at the same tag: the wire is unchanged, the generated names are not.";
    /// An op no longer throws an error type.
    ThrowsRemoved = "THROWS_REMOVED", Source,
        "An op no longer throws an error type: generated code handling it no longer compiles (an old service that still throws it reaches new clients as `unknown_error`).";
    /// An op throws a new error type.
    ThrowsAdded = "THROWS_ADDED", Source,
        "An op throws a new error type: old clients get a clean system error (`decode`, `unknown_error`) for it, but the op's generated error type changes.";
    /// An event is gone.
    EventRemoved = "EVENT_REMOVED", Source,
        "An event is gone: subscribers' generated code naming it no longer compiles (events travel only as server-sent events over HTTP, never in frames).";
    /// An event changed type.
    EventRetyped = "EVENT_RETYPED", Source,
        "An event's type changed: subscribers' generated code expects the old value (events travel only as server-sent events over HTTP).";
    /// An op no longer emits an event.
    EmitsRemoved = "EMITS_REMOVED", Source,
        "An op no longer emits an event: the generated routes that published it change (events travel only as server-sent events over HTTP).";
    /// A package has a new name.
    PackageRenamed = "PACKAGE_RENAMED", Source,
        "A package was renamed: generated module and package names change (the op and error ids it changes are reported on their own).";
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_screaming_snake() {
        let mut seen = std::collections::HashSet::new();
        for r in Rule::ALL {
            assert!(seen.insert(r.id()), "{r} twice");
            assert!(
                r.id().chars().all(|c| c.is_ascii_uppercase() || c == '_'),
                "{r}"
            );
            assert!(r.sentence().ends_with('.'), "{r}");
        }
    }
}

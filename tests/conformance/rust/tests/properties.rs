//! Property tests over every generated type: values generated from the IR
//! survive encode → decode unchanged, and arbitrary or mutated bytes fed to
//! every type's decoder give a value or a typed error, never a panic.

use kk_conformance_rust::codec_table::codec;
use kk_conformance_rust::json::hex_decode;
use kk_conformance_rust::{ir, vectors};
use kkidl::ir::{BufferElem, Ir, MapKey, Scalar, TypeDefKind, TypeRef};
use kkrpc_runtime::wire::Limits;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// A strategy for serde-form values of `ty`; `budget` bounds recursion.
fn value_of(ir: &Ir, ty: &TypeRef, budget: u32) -> BoxedStrategy<Value> {
    let small = 0..4usize;
    match ty {
        TypeRef::Scalar { scalar } => match scalar {
            Scalar::Bool => any::<bool>().prop_map(Value::from).boxed(),
            Scalar::I8 => any::<i8>().prop_map(Value::from).boxed(),
            Scalar::I16 => any::<i16>().prop_map(Value::from).boxed(),
            Scalar::I32 => any::<i32>().prop_map(Value::from).boxed(),
            Scalar::I64 => any::<i64>().prop_map(Value::from).boxed(),
            Scalar::U8 => any::<u8>().prop_map(Value::from).boxed(),
            Scalar::U16 => any::<u16>().prop_map(Value::from).boxed(),
            Scalar::U32 => any::<u32>().prop_map(Value::from).boxed(),
            Scalar::U64 => any::<u64>().prop_map(Value::from).boxed(),
            Scalar::F32 => any::<f32>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| Value::from(f as f64))
                .boxed(),
            Scalar::F64 => any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from)
                .boxed(),
            Scalar::String => ".{0,8}".prop_map(Value::from).boxed(),
            Scalar::Bytes => proptest::collection::vec(any::<u8>(), 0..8)
                .prop_map(Value::from)
                .boxed(),
        },
        TypeRef::Buffer { elem } => {
            let scalar = match elem {
                BufferElem::U8 => Scalar::U8,
                BufferElem::I8 => Scalar::I8,
                BufferElem::U16 => Scalar::U16,
                BufferElem::I16 => Scalar::I16,
                BufferElem::U32 => Scalar::U32,
                BufferElem::I32 => Scalar::I32,
                BufferElem::F32 => Scalar::F32,
                BufferElem::F64 => Scalar::F64,
                BufferElem::I64 => Scalar::I64,
                BufferElem::U64 => Scalar::U64,
            };
            proptest::collection::vec(value_of(ir, &TypeRef::Scalar { scalar }, budget), 0..6)
                .prop_map(Value::Array)
                .boxed()
        }
        TypeRef::List { .. } if budget == 0 => Just(Value::Array(Vec::new())).boxed(),
        TypeRef::Map { .. } if budget == 0 => Just(Value::Object(Map::new())).boxed(),
        TypeRef::Optional { .. } if budget == 0 => Just(Value::Null).boxed(),
        TypeRef::List { elem } => {
            proptest::collection::vec(value_of(ir, elem, budget.saturating_sub(1)), small)
                .prop_map(Value::Array)
                .boxed()
        }
        TypeRef::Map { key, value } => {
            let k = match key {
                MapKey::String => ".{0,4}".boxed(),
                MapKey::I32 => any::<i32>().prop_map(|x| x.to_string()).boxed(),
                MapKey::I64 => any::<i64>().prop_map(|x| x.to_string()).boxed(),
                MapKey::U32 => any::<u32>().prop_map(|x| x.to_string()).boxed(),
                MapKey::U64 => any::<u64>().prop_map(|x| x.to_string()).boxed(),
            };
            proptest::collection::btree_map(k, value_of(ir, value, budget.saturating_sub(1)), small)
                .prop_map(|m| Value::Object(m.into_iter().collect()))
                .boxed()
        }
        TypeRef::Optional { inner } => prop_oneof![
            Just(Value::Null),
            value_of(ir, inner, budget.saturating_sub(1))
        ]
        .boxed(),
        TypeRef::Named { id } => {
            let td = ir.ty(*id);
            match &td.kind {
                TypeDefKind::Struct(s) => fields_of(ir, &s.fields, budget),
                TypeDefKind::Error(e) => fields_of(ir, &e.fields, budget),
                TypeDefKind::Handle => any::<u32>().prop_map(Value::from).boxed(),
                TypeDefKind::Enum(e) => {
                    let names: Vec<Value> = e
                        .variants
                        .iter()
                        .map(|v| Value::from(v.name.clone()))
                        .collect();
                    proptest::sample::select(names).boxed()
                }
                TypeDefKind::Union(u) => {
                    let arms: Vec<BoxedStrategy<Value>> = u
                        .variants
                        .iter()
                        .map(|v| {
                            let name = v.name.clone();
                            match &v.payload {
                                None => Just(Value::from(name)).boxed(),
                                Some(p) => value_of(ir, p, budget.saturating_sub(1))
                                    .prop_map(move |x| {
                                        Value::Object(Map::from_iter([(name.clone(), x)]))
                                    })
                                    .boxed(),
                            }
                        })
                        .collect();
                    proptest::strategy::Union::new(arms).boxed()
                }
            }
        }
    }
}

fn fields_of(ir: &Ir, fields: &[kkidl::ir::Field], budget: u32) -> BoxedStrategy<Value> {
    let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    let strategies: Vec<BoxedStrategy<Value>> = fields
        .iter()
        .map(|f| value_of(ir, &f.ty, budget.saturating_sub(1)))
        .collect();
    strategies
        .prop_map(move |vals| Value::Object(names.iter().cloned().zip(vals).collect()))
        .boxed()
}

fn every_type() -> Vec<(String, BoxedStrategy<Value>)> {
    let ir = ir();
    ir.types
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                value_of(&ir, &TypeRef::Named { id: t.id }, 4),
            )
        })
        .collect()
}

#[test]
fn generated_values_round_trip() {
    for (name, strategy) in every_type() {
        let codec = codec(&name).unwrap();
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
            cases: 64,
            ..ProptestConfig::default()
        });
        runner
            .run(&strategy, |v| {
                codec
                    .round_trip(&v)
                    .map_err(|e| TestCaseError::fail(format!("{name}: {e}")))
            })
            .unwrap();
    }
}

#[test]
fn garbage_never_panics() {
    let ir = ir();
    let names: Vec<String> = ir.types.iter().map(|t| t.name.clone()).collect();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    });
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..96), |bytes| {
            for name in &names {
                let _ = codec(name).unwrap().decode(&bytes, 0, Limits::default());
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_vectors_never_panic() {
    let all = vectors::load();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    });
    let n = all.valid.len();
    runner
        .run(
            &(0..n, any::<usize>(), any::<u8>(), any::<bool>()),
            |(i, at, byte, cut)| {
                let v = &all.valid[i];
                let mut bytes = hex_decode(&v.hex).unwrap();
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    if cut {
                        bytes.truncate(at);
                    } else {
                        bytes[at] = byte;
                    }
                }
                let _ = codec(&v.ty).unwrap().decode(&bytes, 0, Limits::default());
                Ok(())
            },
        )
        .unwrap();
}

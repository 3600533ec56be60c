//! Runs every shared vector (tests/conformance/vectors.json) against the
//! Rust generated from conformance.kkidl and kkrpc-runtime: encodes every
//! valid value and compares bytes, decodes every encoding and compares
//! values, rejects every malformed input with exactly the named error kind,
//! and parses/re-encodes every frame.

use kk_conformance_rust::codec_table::codec;
use kk_conformance_rust::json::{hex_decode, hex_encode, to_serde_named, type_id};
use kk_conformance_rust::{ir, vectors};
use kkrpc_runtime::client::{read_answer, Answer};
use kkrpc_runtime::frame::{
    parse_frame, read_error_payload, FrameHeader, FrameKind, SystemErrorCode,
};
use kkrpc_runtime::wire::Limits;
use serde_json::Value;

/// Copies `bytes` to an 8-aligned address, as a frame in wasm memory would be.
fn aligned(bytes: &[u8]) -> Vec<u64> {
    let mut v = vec![0u64; bytes.len().div_ceil(8)];
    as_bytes_mut(&mut v, bytes.len()).copy_from_slice(bytes);
    v
}

fn as_bytes(v: &[u64], len: usize) -> &[u8] {
    // SAFETY: u64 storage viewed as bytes, within its length.
    unsafe { std::slice::from_raw_parts(v.as_ptr() as *const u8, len) }
}

fn as_bytes_mut(v: &mut [u64], len: usize) -> &mut [u8] {
    // SAFETY: u64 storage viewed as bytes, within its length.
    unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut u8, len) }
}

fn report(failures: Vec<String>, what: &str, total: usize) {
    if !failures.is_empty() {
        panic!(
            "{} of {total} {what} vectors failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
    eprintln!("{total} {what} vectors passed");
}

#[test]
fn valid_vectors_encode_and_decode() {
    let ir = ir();
    let all = vectors::load();
    assert!(all.valid.len() >= 40);
    let mut failures = Vec::new();
    for v in &all.valid {
        let check = || -> Result<(), String> {
            let codec = codec(&v.ty).ok_or("no such type")?;
            let id = type_id(&ir, &v.ty).ok_or("no such type in IR")?;
            let value = to_serde_named(&ir, id, &v.value)?;
            let bytes = hex_decode(&v.hex)?;
            if !v.decode_only {
                let got = hex_encode(&codec.encode(&value)?);
                if got != v.hex {
                    return Err(format!("encoded {got}\n  expected {}", v.hex));
                }
            }
            let store = aligned(&bytes);
            codec.decode_equals(as_bytes(&store, bytes.len()), 0, &value)?;
            // Also from an odd memory address (typed buffers are copied instead of borrowed).
            let mut odd = aligned(&[0u8; 1].repeat(bytes.len() + 1));
            let odd = &mut as_bytes_mut(&mut odd, bytes.len() + 1)[1..];
            odd.copy_from_slice(&bytes);
            codec
                .decode_equals(odd, 0, &value)
                .map_err(|e| format!("at an odd address: {e}"))
        };
        if let Err(e) = check() {
            failures.push(format!("valid/{} ({}): {e}", v.name, v.ty));
        }
    }
    report(failures, "valid", all.valid.len());
}

#[test]
fn malformed_vectors_fail_with_the_named_kind() {
    let all = vectors::load();
    assert!(all.malformed.len() >= 20);
    let mut failures = Vec::new();
    for v in &all.malformed {
        let Some(codec) = codec(&v.ty) else {
            failures.push(format!("malformed/{}: no type {}", v.name, v.ty));
            continue;
        };
        let bytes = hex_decode(&v.hex).unwrap();
        let store = aligned(&bytes);
        let mut limits = Limits::default();
        if let Some(d) = v.max_depth {
            limits.max_depth = d;
        }
        match codec.decode(as_bytes(&store, bytes.len()), 0, limits) {
            Ok(val) => failures.push(format!(
                "malformed/{}: decoded {val}, expected {}",
                v.name, v.error
            )),
            Err(e) if e.kind().as_str() == v.error => {}
            Err(e) => failures.push(format!(
                "malformed/{}: got {e}, expected {}",
                v.name, v.error
            )),
        }
    }
    report(failures, "malformed", all.malformed.len());
}

/// Reads an error frame as a generated client does: [`read_answer`] splits
/// it, and a typed error's body is decoded through [`kkrpc_runtime::client::AnswerBody::decode`]
/// (what the generated `reply.decode::<E>(body)` calls).
fn check_error_answer(
    ir: &kkidl::ir::Ir,
    frame: &[u8],
    call_id: u32,
    op_id: u32,
    expected: &Value,
) -> Result<(), String> {
    match read_answer(frame, call_id, op_id) {
        Ok(Answer::Typed { error_id, body }) => {
            if expected["class"] != "typed" || expected["error_id"] != error_id {
                return Err(format!("typed error {error_id} vs {expected}"));
            }
            let ty = expected["type"].as_str().ok_or("type")?;
            let value = to_serde_named(ir, type_id(ir, ty).ok_or("type")?, &expected["value"])?;
            codec(ty).ok_or("type")?.decode_answer_equals(body, &value)
        }
        Ok(Answer::Ok(_)) => Err("an error frame read as ok".into()),
        Err(e) => {
            if expected["class"] != "system"
                || expected["code"] != e.code
                || expected["name"] != e.name()
                || expected["message"] != e.message
            {
                return Err(format!("system error {e} vs {expected}"));
            }
            Ok(())
        }
    }
}

#[test]
fn frame_vectors_parse_and_re_encode() {
    let ir = ir();
    let all = vectors::load();
    let mut failures = Vec::new();
    for v in &all.frames {
        let check = || -> Result<(), String> {
            let bytes = hex_decode(&v.hex)?;
            let (h, payload) =
                parse_frame(&bytes, &Limits::default()).map_err(|e| e.to_string())?;
            let f = &v.frame;
            if (h.version, h.kind.as_str(), h.call_id, h.op_id)
                != (f.version, f.kind.as_str(), f.call_id, f.op_id)
                || hex_encode(payload) != f.payload_hex
            {
                return Err(format!("parsed {h:?} payload {}", hex_encode(payload)));
            }
            if !v.decode_only {
                let mut again = FrameHeader::new(h.kind, h.call_id, h.op_id, payload.len() as u32)
                    .to_bytes()
                    .to_vec();
                again.extend_from_slice(payload);
                if hex_encode(&again) != v.hex {
                    return Err(format!("re-encoded {}", hex_encode(&again)));
                }
            }
            if let Some(expected) = &v.error {
                if h.kind != FrameKind::Error {
                    return Err("error fields on a non-error frame".into());
                }
                let store = aligned(&bytes);
                check_error_answer(
                    &ir,
                    as_bytes(&store, bytes.len()),
                    h.call_id,
                    h.op_id,
                    expected,
                )?;
                // Also from an odd memory address (typed buffers are copied instead of borrowed).
                let mut odd = aligned(&[0u8; 1].repeat(bytes.len() + 1));
                let odd = &mut as_bytes_mut(&mut odd, bytes.len() + 1)[1..];
                odd.copy_from_slice(&bytes);
                check_error_answer(&ir, odd, h.call_id, h.op_id, expected)
                    .map_err(|e| format!("at an odd address: {e}"))?;
            }
            Ok(())
        };
        if let Err(e) = check() {
            failures.push(format!("frames/{}: {e}", v.name));
        }
    }
    for v in &all.bad_frames {
        let bytes = hex_decode(&v.hex).unwrap();
        let mut limits = Limits::default();
        if let Some(m) = v.max_frame_len {
            limits.max_frame_len = m;
        }
        let result = parse_frame(&bytes, &limits).and_then(|(h, payload)| match h.kind {
            FrameKind::Error => read_error_payload(payload, &limits).map(|_| ()),
            _ => Ok(()),
        });
        match result {
            Ok(()) => failures.push(format!(
                "bad_frames/{}: accepted, expected {}",
                v.name, v.error
            )),
            Err(e) if e.kind().as_str() == v.error => {}
            Err(e) => failures.push(format!(
                "bad_frames/{}: got {e}, expected {}",
                v.name, v.error
            )),
        }
    }
    report(failures, "frame", all.frames.len() + all.bad_frames.len());
}

#[test]
fn the_runtime_writes_the_error_frames_of_the_vectors() {
    use kk_conformance_rust::types::{Invalid, NotFound, Overflow};
    use kkrpc_runtime::frame::{system_error_frame, typed_error_frame, TypedError};
    let all = vectors::load();
    let hex_of = |name: &str| {
        all.frames
            .iter()
            .find(|f| f.name == name)
            .unwrap()
            .hex
            .clone()
    };
    let nf = NotFound {
        what: "model 9".into(),
        model: kk_conformance_rust::types::Model(9),
    };
    let op = kkidl::ir::hash_id("kk.conformance.v1.Conformance.lookup");
    assert_eq!(
        hex_encode(&typed_error_frame(3, op, NotFound::WIRE_ID, &nf)),
        hex_of("error_typed_not_found")
    );
    let inv = Invalid {
        reason: "bad".into(),
        field_ids: vec![1, 2],
    };
    assert_eq!(Invalid::WIRE_ID, 77);
    assert_eq!(
        hex_encode(&typed_error_frame(4, op, Invalid::WIRE_ID, &inv)),
        hex_of("error_typed_invalid_pinned_id")
    );
    // Typed buffers among the fields: padded relative to the payload start.
    let clip = kkidl::ir::hash_id("kk.conformance.v1.Conformance.clip");
    assert_eq!(
        Overflow::WIRE_ID,
        kkidl::ir::hash_id("kk.conformance.v1.Overflow")
    );
    for (call_id, samples, note, bounds, name) in [
        (
            8,
            &[1.5f32, -2.0, 3.25][..],
            "over",
            &[0.5f64, -8.0][..],
            "error_typed_overflow_buffers",
        ),
        (9, &[], "", &[], "error_typed_overflow_empty_buffers"),
        (10, &[4.0], "abc", &[1.0], "error_typed_overflow_odd_note"),
    ] {
        let ov = Overflow {
            samples: samples.into(),
            note: note.into(),
            bounds: bounds.into(),
        };
        assert_eq!(
            hex_encode(&typed_error_frame(call_id, clip, Overflow::WIRE_ID, &ov)),
            hex_of(name),
            "{name}"
        );
    }
    assert_eq!(
        hex_encode(&system_error_frame(
            5,
            123,
            SystemErrorCode::UnknownOp,
            "unknown op 123"
        )),
        hex_of("error_system_unknown_op")
    );
}

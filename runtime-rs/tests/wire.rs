//! Unit-level checks of the wire primitives (docs/wire.md §3, §5): exact
//! bytes, borrowing vs copying buffers, limits and error kinds. The shared
//! vectors are checked by tests/conformance/rust.

use kkrpc_runtime::frame::{parse_frame, FrameKind};
use kkrpc_runtime::wire::*;
use std::borrow::Cow;
use std::collections::BTreeMap;

fn kind<T: std::fmt::Debug>(r: Result<T, DecodeError>) -> &'static str {
    r.expect_err("expected a decode error").kind().as_str()
}

#[test]
fn scalars_are_little_endian() {
    let mut w = Writer::new();
    w.u16(0x0102);
    w.i32(-2);
    w.f32(1.0);
    w.bool(true);
    w.string("é");
    assert_eq!(
        w.finish(),
        [2, 1, 0xfe, 0xff, 0xff, 0xff, 0, 0, 0x80, 0x3f, 1, 2, 0, 0, 0, 0xc3, 0xa9]
    );
}

#[test]
fn buffer_padding_is_relative_to_the_payload_start() {
    let mut bare = Writer::new();
    bare.u8(7);
    bare.buffer::<f64>(&[1.0]);
    let bare = bare.finish();
    assert_eq!(bare.len(), 1 + 4 + 3 + 8);
    let mut framed = Writer::frame(FrameKind::Ok, 1, 2);
    framed.u8(7);
    framed.buffer::<f64>(&[1.0]);
    let framed = framed.finish();
    assert_eq!(&framed[16..], &bare[..]);
    let (h, payload) = parse_frame(&framed, &Limits::default()).unwrap();
    assert_eq!(h.payload_len as usize, bare.len());
    assert_eq!(payload, &bare[..]);
}

#[test]
fn buffers_borrow_when_aligned_and_copy_otherwise() {
    let data: Vec<f32> = (0..100).map(|i| i as f32).collect();
    let bytes = encode_to_vec(&Buffer::from(&data[..]));
    // An 8-aligned copy of the payload: the data (at offset 4) is 4-aligned.
    let mut aligned = vec![0u64; bytes.len().div_ceil(8)];
    let abytes =
        unsafe { std::slice::from_raw_parts_mut(aligned.as_mut_ptr() as *mut u8, bytes.len()) };
    abytes.copy_from_slice(&bytes);
    let view: Cow<[f32]> = decode_from_slice(abytes).unwrap();
    assert!(matches!(view, Cow::Borrowed(_)));
    assert_eq!(&*view, &data[..]);
    // The same payload one byte off alignment still decodes, by copying.
    let mut shifted = vec![0u64; bytes.len().div_ceil(8) + 1];
    let sbytes = unsafe {
        std::slice::from_raw_parts_mut((shifted.as_mut_ptr() as *mut u8).add(1), bytes.len())
    };
    sbytes.copy_from_slice(&bytes);
    let copy: Cow<[f32]> = decode_from_slice(sbytes).unwrap();
    assert!(matches!(copy, Cow::Owned(_)));
    assert_eq!(&*copy, &data[..]);
}

#[test]
fn containers_round_trip() {
    let mut m = BTreeMap::new();
    m.insert("b".to_string(), 2i32);
    m.insert("a".to_string(), 1);
    let v = (vec![vec![1u8, 2], vec![]], m, Some(5u64), None::<String>);
    let mut w = Writer::new();
    w.value(&v.0);
    w.value(&v.1);
    w.value(&v.2);
    w.value(&v.3);
    let bytes = w.finish();
    let mut r = Reader::new(&bytes);
    assert_eq!(Vec::<Vec<u8>>::decode(&mut r).unwrap(), v.0);
    assert_eq!(BTreeMap::<String, i32>::decode(&mut r).unwrap(), v.1);
    assert_eq!(Option::<u64>::decode(&mut r).unwrap(), v.2);
    assert_eq!(Option::<String>::decode(&mut r).unwrap(), v.3);
    r.finish().unwrap();
}

#[test]
fn bad_inputs_give_the_named_kinds() {
    assert_eq!(kind(decode_from_slice::<bool>(&[2])), "invalid_bool");
    assert_eq!(
        kind(decode_from_slice::<Option<u8>>(&[3])),
        "invalid_optional"
    );
    assert_eq!(
        kind(decode_from_slice::<String>(&[2, 0, 0, 0, 0xc0, 0x80])),
        "invalid_utf8"
    );
    assert_eq!(
        kind(decode_from_slice::<Vec<u32>>(&[0xff, 0xff, 0xff, 0xff, 0])),
        "truncated"
    );
    assert_eq!(
        kind(decode_from_slice::<Buffer<f64>>(&[
            1, 0, 0, 32, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8
        ])),
        "truncated"
    );
    assert_eq!(
        kind(decode_from_slice::<u32>(&[1, 0, 0, 0, 0])),
        "trailing_bytes"
    );
    // "b" then "a": map_order; "a" twice too.
    let bad = [2, 0, 0, 0, 1, 0, 0, 0, b'b', 1, 1, 0, 0, 0, b'a', 2];
    assert_eq!(
        kind(decode_from_slice::<BTreeMap<String, u8>>(&bad[..])),
        "map_order"
    );
    let dup = [2, 0, 0, 0, 1, 0, 0, 0, b'a', 1, 1, 0, 0, 0, b'a', 2];
    assert_eq!(
        kind(decode_from_slice::<BTreeMap<String, u8>>(&dup[..])),
        "map_order"
    );
    // Depth: 3 nested lists pass with max_depth 3 and fail with 2.
    type L = Vec<Vec<Vec<u8>>>;
    let nested = encode_to_vec(&vec![vec![vec![1u8]]]);
    assert!(decode_with_limits::<L>(
        &nested,
        Limits {
            max_depth: 3,
            ..Limits::default()
        }
    )
    .is_ok());
    assert_eq!(
        kind(decode_with_limits::<L>(
            &nested,
            Limits {
                max_depth: 2,
                ..Limits::default()
            }
        )),
        "depth_exceeded"
    );
}

#[test]
fn error_kind_names_round_trip() {
    for k in DecodeErrorKind::ALL {
        assert_eq!(DecodeErrorKind::from_name(k.as_str()), Some(k));
    }
}

mod garbage {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decoders_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode_from_slice::<Vec<String>>(&bytes);
            let _ = decode_from_slice::<BTreeMap<u64, Option<Vec<f64>>>>(&bytes);
            let _ = decode_from_slice::<Buffer<u64>>(&bytes);
            let _ = decode_from_slice::<Cow<[i16]>>(&bytes);
            let _ = parse_frame(&bytes, &Limits::default());
        }

        #[test]
        fn buffers_round_trip(lead in 0usize..8, v in proptest::collection::vec(any::<i64>(), 0..40)) {
            let mut w = Writer::new();
            for _ in 0..lead { w.u8(0); }
            w.buffer::<i64>(&v);
            let bytes = w.finish();
            let mut r = Reader::new(&bytes);
            r.skip(lead).unwrap();
            prop_assert_eq!(&*r.buffer::<i64>().unwrap(), &v[..]);
            r.finish().unwrap();
        }
    }
}

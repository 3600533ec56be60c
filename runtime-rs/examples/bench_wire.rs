//! Wire format throughput, next to baselines measured in the same run
//! (`cargo xtask bench rust-wire` runs it in release mode):
//!
//! (a) a struct of 10 scalar fields: kkrpc encode/decode vs serde_json;
//! (b) a 1M-element `f32[]`: kkrpc encode, decode (copy and in-place view) vs
//!     serde_json and a plain memcpy of the same bytes.
//!
//! The struct's `Encode`/`Decode` impls are written here in exactly the shape
//! kkgen generates (generator/src/rust/codec.rs).

use kkrpc_runtime::wire::{decode_from_slice, Buffer, Decode, DecodeError, Encode, Reader, Writer};
use std::borrow::Cow;
use std::hint::black_box;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
struct Sample {
    id: u64,
    seq: u32,
    x: f64,
    y: f64,
    z: f64,
    weight: f32,
    flags: u16,
    level: i8,
    valid: bool,
    delta: i64,
}

impl Encode for Sample {
    fn encode(&self, w: &mut Writer) {
        let mark = w.begin_struct();
        Encode::encode(&self.id, w);
        Encode::encode(&self.seq, w);
        Encode::encode(&self.x, w);
        Encode::encode(&self.y, w);
        Encode::encode(&self.z, w);
        Encode::encode(&self.weight, w);
        Encode::encode(&self.flags, w);
        Encode::encode(&self.level, w);
        Encode::encode(&self.valid, w);
        Encode::encode(&self.delta, w);
        w.end_struct(mark);
    }
}

impl<'de> Decode<'de> for Sample {
    fn decode(r: &mut Reader<'de>) -> Result<Self, DecodeError> {
        let scope = r.begin_struct()?;
        let value = Self {
            id: r.field()?,
            seq: r.field()?,
            x: r.field()?,
            y: r.field()?,
            z: r.field()?,
            weight: r.field()?,
            flags: r.field()?,
            level: r.field()?,
            valid: r.field()?,
            delta: r.field()?,
        };
        r.end_struct(scope)?;
        Ok(value)
    }
}

/// Best time per iteration over `rounds` rounds of `iters` iterations.
fn best(rounds: u32, iters: u32, mut f: impl FnMut()) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..iters {
            f();
        }
        best = best.min(t.elapsed() / iters);
    }
    best
}

fn row(name: &str, per_op: Duration, bytes: usize) {
    let ns = per_op.as_secs_f64() * 1e9;
    let gbs = bytes as f64 / per_op.as_secs_f64() / 1e9;
    println!("  {name:<40} {ns:>12.1} ns/op {gbs:>9.2} GB/s ({bytes} bytes)");
}

fn main() {
    let s = Sample {
        id: 1 << 40,
        seq: 7,
        x: 1.5,
        y: -2.25,
        z: 1e10,
        weight: 0.5,
        flags: 3,
        level: -4,
        valid: true,
        delta: -99,
    };
    let wire = kkrpc_runtime::wire::encode_to_vec(&s);
    let json = serde_json::to_vec(&s).unwrap();
    assert_eq!(decode_from_slice::<Sample>(&wire).unwrap(), s);
    println!("(a) struct with 10 scalar fields");
    let mut w = Writer::with_capacity(64);
    row(
        "kkrpc encode",
        best(5, 200_000, || {
            w = Writer::with_capacity(64);
            black_box(&s).encode(&mut w);
            black_box(w.as_bytes());
        }),
        wire.len(),
    );
    row(
        "kkrpc decode",
        best(5, 200_000, || {
            black_box(decode_from_slice::<Sample>(black_box(&wire)).unwrap());
        }),
        wire.len(),
    );
    row(
        "serde_json encode (baseline)",
        best(5, 50_000, || {
            black_box(serde_json::to_vec(black_box(&s)).unwrap());
        }),
        json.len(),
    );
    row(
        "serde_json decode (baseline)",
        best(5, 50_000, || {
            black_box(serde_json::from_slice::<Sample>(black_box(&json)).unwrap());
        }),
        json.len(),
    );

    const N: usize = 1 << 20;
    let samples: Vec<f32> = (0..N).map(|i| (i as f32) * 0.25 - 1000.0).collect();
    let bytes = N * 4;
    println!("(b) f32[] of {N} elements");
    let mut out = vec![0f32; N];
    row(
        "memcpy (baseline)",
        best(5, 50, || {
            out.copy_from_slice(black_box(&samples));
            black_box(&out);
        }),
        bytes,
    );
    row(
        "kkrpc encode (fresh Vec)",
        best(5, 50, || {
            let mut w = Writer::with_capacity(bytes + 8);
            w.buffer::<f32>(black_box(&samples));
            black_box(w.finish());
        }),
        bytes,
    );
    let encoded = kkrpc_runtime::wire::encode_to_vec(&Buffer::from(&samples[..]));
    // An 8-aligned copy, as a frame in wasm linear memory is.
    let mut store = vec![0u64; encoded.len().div_ceil(8)];
    let aligned =
        unsafe { std::slice::from_raw_parts_mut(store.as_mut_ptr() as *mut u8, encoded.len()) };
    aligned.copy_from_slice(&encoded);
    let aligned: &[u8] = aligned;
    row(
        "kkrpc decode, copy into Vec<f32>",
        best(5, 50, || {
            black_box(decode_from_slice::<Buffer<f32>>(black_box(aligned)).unwrap());
        }),
        bytes,
    );
    row(
        "kkrpc decode, view in place (Cow)",
        best(5, 50, || {
            let v: Cow<[f32]> = decode_from_slice(black_box(aligned)).unwrap();
            assert!(matches!(v, Cow::Borrowed(_)));
            black_box(v);
        }),
        bytes,
    );
    let json = serde_json::to_vec(&samples).unwrap();
    row(
        "serde_json encode (baseline)",
        best(2, 2, || {
            black_box(serde_json::to_vec(black_box(&samples)).unwrap());
        }),
        bytes,
    );
    row(
        "serde_json decode (baseline)",
        best(2, 2, || {
            black_box(serde_json::from_slice::<Vec<f32>>(black_box(&json)).unwrap());
        }),
        bytes,
    );
    println!(
        "  (GB/s counts the {bytes} f32 bytes for every row; the JSON text is {} bytes)",
        json.len()
    );
}

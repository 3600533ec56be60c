//! The Rust row of `cargo xtask bench nats` (driven by `tests/nats/bench/bench.mjs`, docs/nats.md
//! "Benchmark"): `nats-bench run URL SMALL_CALL SMALL_ANSWER BUF_CALL BUF_ANSWER` makes the
//! generated Rust rules client's calls over `NatsTransport` to the Go rules service
//! (`rulesnats -prefix go`) (`ping`, `check_parameters` of 65,536 f32), the raw request/reply of
//! the kkgen frames' byte counts and the JSON requests, in interleaved batches, and prints one JSON
//! line. The floor and JSON responders are the Go ones (`bench.go.echo.<n>`, `bench.go.json.*`,
//! runtime-go/natsrpc/internal/bench): the same server runtime as the service the kkgen calls
//! reach, so the row's ratios are the Rust client's own.

use kk_nats_matrix::*;
use kkrpc_nats::{NatsTransport, TransportOptions};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// Samples in the buffer op: 256 KiB of f32.
const SAMPLES: usize = 65_536;
/// Calls in flight in the throughput runs (one thread each).
const IN_FLIGHT: usize = 16;
/// Interleaved batches; figures are the median over them.
const BATCHES: usize = 5;

/// The JSON peer's check request.
#[derive(Serialize)]
struct CheckRequest {
    samples: Vec<f32>,
    low: f32,
    high: f32,
}

/// The JSON peer's check answer (the fields of `ParameterReport`).
#[derive(Deserialize)]
struct CheckReport {
    count: u32,
    out_of_range: Vec<u32>,
    mean: f32,
}

/// The bench's samples: exact in f32 and short in JSON.
fn samples() -> Vec<f32> {
    (0..SAMPLES).map(|i| (i % 1000) as f32 / 8.0).collect()
}

/// One figure set: p50 and p99 latency (µs), calls/s at [`IN_FLIGHT`].
#[derive(Serialize, Clone, Copy, Default)]
struct Figures {
    p50: f64,
    p99: f64,
    rps: f64,
}

/// A call of one variant, made on a per-thread state.
type Call<'a> = dyn Fn(&mut State) + Sync + 'a;

/// Per-thread state: a kkgen client and the raw connection.
struct State {
    client: RulesClient<NatsTransport>,
}

fn measure(states: &mut [State], call: &Call, lat_calls: usize, thr_calls: usize) -> Figures {
    let mut lat = Vec::with_capacity(lat_calls);
    for _ in 0..lat_calls {
        let t = Instant::now();
        call(&mut states[0]);
        lat.push(t.elapsed().as_secs_f64() * 1e6);
    }
    lat.sort_by(f64::total_cmp);
    let per = thr_calls / IN_FLIGHT;
    let t = Instant::now();
    std::thread::scope(|s| {
        for st in states.iter_mut() {
            s.spawn(move || {
                for _ in 0..per {
                    call(st);
                }
            });
        }
    });
    let secs = t.elapsed().as_secs_f64();
    Figures {
        p50: lat[lat.len() / 2],
        p99: lat[(lat.len() * 99 / 100).min(lat.len() - 1)],
        rps: (per * IN_FLIGHT) as f64 / secs,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn run(url: &str, lens: [usize; 4]) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let nc = rt.block_on(async_nats::connect(url)).expect("connect");
    let options = || TransportOptions {
        prefix: Some("go".into()),
        timeout: Duration::from_secs(30),
        ..TransportOptions::default()
    };
    let mut states: Vec<State> = (0..IN_FLIGHT)
        .map(|_| State {
            client: RulesClient::new(
                NatsTransport::new(
                    nc.clone(),
                    rt.handle().clone(),
                    &RULES_DESCRIPTOR,
                    options(),
                )
                .unwrap(),
            ),
        })
        .collect();
    let samples = samples();
    let [small_call, small_answer, buf_call, buf_answer] = lens;
    let small_bytes = bytes::Bytes::from(vec![0u8; small_call]);
    let buf_bytes = bytes::Bytes::from(vec![0u8; buf_call]);
    let raw = |subject: String, payload: bytes::Bytes| {
        let nc = nc.clone();
        let h = rt.handle().clone();
        move |_: &mut State| {
            let m = h
                .block_on(nc.request(subject.clone(), payload.clone()))
                .unwrap();
            std::hint::black_box(m.payload.len());
        }
    };
    let small_floor = raw(format!("bench.go.echo.{small_answer}"), small_bytes);
    let buf_floor = raw(format!("bench.go.echo.{buf_answer}"), buf_bytes);
    let json_call = |subject: &'static str, body: Box<dyn Fn() -> Vec<u8> + Sync>| {
        let nc = nc.clone();
        let h = rt.handle().clone();
        move |_: &mut State| {
            let m = h.block_on(nc.request(subject, body().into())).unwrap();
            std::hint::black_box(serde_json::from_slice::<serde_json::Value>(&m.payload).unwrap());
        }
    };
    let small_json = json_call("bench.go.json.ping", Box::new(|| b"{}".to_vec()));
    let json_samples = samples.clone();
    let buf_json = {
        let nc = nc.clone();
        let h = rt.handle().clone();
        move |_: &mut State| {
            let body = serde_json::to_vec(&CheckRequest {
                samples: json_samples.clone(),
                low: 0.0,
                high: 1000.0,
            })
            .unwrap();
            let m = h
                .block_on(nc.request("bench.go.json.check", body.into()))
                .unwrap();
            let r: CheckReport = serde_json::from_slice(&m.payload).unwrap();
            std::hint::black_box((r.count, r.out_of_range.len(), r.mean));
        }
    };
    let small_kk = |st: &mut State| st.client.ping().unwrap();
    let buf_kk = |st: &mut State| {
        let r = st.client.check_parameters(&samples, 0.0, 1000.0).unwrap();
        std::hint::black_box(r.count);
    };
    let variants: [(&str, &Call, usize, usize); 6] = [
        ("kkgen.small", &small_kk, 400, 3200),
        ("floor.small", &small_floor, 400, 3200),
        ("json.small", &small_json, 400, 3200),
        ("kkgen.buffer", &buf_kk, 40, 160),
        ("floor.buffer", &buf_floor, 40, 160),
        ("json.buffer", &buf_json, 40, 160),
    ];
    for (_, call, _, _) in &variants {
        measure(&mut states, *call, 20, IN_FLIGHT * 4); // warm-up
    }
    let mut all: Vec<Vec<Figures>> = vec![Vec::new(); variants.len()];
    for _ in 0..BATCHES {
        for (i, (_, call, lat, thr)) in variants.iter().enumerate() {
            all[i].push(measure(&mut states, *call, *lat, *thr));
        }
    }
    let mut out = serde_json::Map::new();
    for (i, (name, ..)) in variants.iter().enumerate() {
        let f = Figures {
            p50: median(all[i].iter().map(|f| f.p50).collect()),
            p99: median(all[i].iter().map(|f| f.p99).collect()),
            rps: median(all[i].iter().map(|f| f.rps).collect()),
        };
        out.insert(name.to_string(), serde_json::to_value(f).unwrap());
    }
    println!("{}", serde_json::Value::Object(out));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") if args.len() == 6 => {
            let lens = std::array::from_fn(|i| args[2 + i].parse().expect("a byte count"));
            run(&args[1], lens);
        }
        _ => {
            eprintln!("usage: nats-bench run URL SMALL_CALL SMALL_ANSWER BUF_CALL BUF_ANSWER");
            std::process::exit(2);
        }
    }
}

//! The geometry service over stdio frames (`docs/abi.md` §4), driven by the
//! generated typed client: the native `geometry-stdio` binary, and the
//! `wasm32-wasip1` build under node's WASI and under wasmtime (its Python
//! package). The wasip1 module is the one `cargo xtask test` builds and records
//! as `geometry_wasip1_stdio` in `target/kk-artifacts.json`; without it, or
//! without wasmtime, those tests fail (`cargo xtask test cargo` builds it).
//!
//! And the Rust native clients' side of the cross-language stdio matrix: the
//! geometry reactor under `kkrun` (the Go host, `docs/go-host.md`), and the
//! generated Rust rules client against the Go rules service — the native
//! `rules-stdio` binary, its wasip1 command under wasmtime and its reactor
//! under `kkrun`. Their servers are artifacts suite `cargo` builds first
//! (`shared::kkrun`, `shared::stdio_servers`).

use geometry_service::*;
use kkrpc_runtime::client::{CallError, ChildProcess, InProcess, Transport};
use std::process::Command;

#[allow(dead_code, clippy::all)]
mod rules {
    // The rules example's checked-in SDK (docs/sdk.md).
    include!("../../rules/sdk/rust/rules_v1.rs");
}

/// An artifact recorded in `target/kk-artifacts.json` (fails when missing).
fn artifact(key: &str) -> String {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/kk-artifacts.json"
    );
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{file}: {e} (cargo xtask test builds the artifacts)"));
    let artifacts: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let path = artifacts[key].as_str();
    path.unwrap_or_else(|| panic!("{file} has no {key} (cargo xtask test builds it)"))
        .into()
}

/// The wasip1 stdio server recorded in `target/kk-artifacts.json`.
fn wasip1_server() -> String {
    artifact("geometry_wasip1_stdio")
}

fn exercise<T: Transport>(client: &mut GeometryClient<T>) {
    let ball = client
        .create(&Shape::Sphere(Sphere { radius: 2.0 }), "ball")
        .unwrap();
    let donut = client
        .create(
            &Shape::Torus(Torus {
                major: 3.0,
                minor: 1.0,
            }),
            "donut",
        )
        .unwrap();
    assert_ne!(ball, donut);

    let vertices = client.tessellate(donut, 236).unwrap();
    assert_eq!(vertices.len(), 236 * 236 * 18);
    let measured = client.bounds_of(&vertices).unwrap();
    let exact = client.bounds(donut).unwrap();
    assert!(
        (measured.max.x - exact.max.x).abs() < 1e-3 && (measured.min.z - exact.min.z).abs() < 1e-3
    );
    assert_eq!(exact.max.z, 1.0);

    assert_eq!(client.name(ball).unwrap(), "ball");
    client.release(ball).unwrap();
    match client.bounds(ball) {
        Err(CallError::Typed(UnknownModel { model })) => assert_eq!(model, ball),
        other => panic!("expected UnknownModel, got {other:?}"),
    }
    match client.create(&Shape::Sphere(Sphere { radius: -1.0 }), "neg") {
        Err(CallError::Typed(InvalidParams { reason })) => assert!(reason.contains("radius")),
        other => panic!("expected InvalidParams, got {other:?}"),
    }
    match client.tessellate(donut, 0) {
        Err(CallError::Typed(GeometryTessellateError::InvalidParams(e))) => {
            assert!(e.reason.contains("segments"))
        }
        other => panic!("expected InvalidParams, got {other:?}"),
    }
    // An op id the service does not know: system error unknown_op, and the server keeps going.
    let reply = client.core.call(0x1234, |_| {}).unwrap();
    let err = reply.answer().unwrap_err();
    assert_eq!(err.name(), "unknown_op");
    assert_eq!(client.name(donut).unwrap(), "donut");
}

#[test]
fn in_process_dispatcher() {
    exercise(&mut GeometryClient::new(InProcess::new(dispatcher())));
}

/// tessellate refuses an answer over the caller's frame limit (here the
/// thread's answer limit, as a host or server sets it) with system error
/// too_large before building it; smaller answers still come.
#[test]
fn an_answer_over_the_callers_frame_limit_is_refused_with_too_large() {
    let mut client = GeometryClient::new(InProcess::new(dispatcher()));
    let ball = client
        .create(&Shape::Sphere(Sphere { radius: 2.0 }), "ball")
        .unwrap();
    kkrpc_runtime::service::set_answer_limit(1 << 20);
    // 2048 segments: 302 MB, never built.
    match client.tessellate(ball, MAX_SEGMENTS) {
        Err(CallError::System(e)) => {
            assert_eq!(e.name(), "too_large");
            assert!(
                e.message
                    .contains("over the caller's frame limit of 1048576 bytes"),
                "{}",
                e.message
            );
        }
        other => panic!("want too_large, got {:?}", other.map(|b| b.len())),
    }
    // 120 segments: 1,036,820 bytes, under the limit.
    assert_eq!(client.tessellate(ball, 120).unwrap().len(), 120 * 120 * 18);
    kkrpc_runtime::service::set_answer_limit(kkrpc_runtime::wire::Limits::DEFAULT_MAX_FRAME_LEN);
}

#[test]
fn native_stdio_server() {
    let child = ChildProcess::spawn(Command::new(env!("CARGO_BIN_EXE_geometry-stdio"))).unwrap();
    let mut client = GeometryClient::new(child);
    exercise(&mut client);
    assert!(client.into_transport().close().unwrap().success());
}

/// docs/stdio.md's Rust client example, word for word (generator/tests/doc_snippets.rs checks
/// that): a stdio server started as a child process and called through the generated client.
fn call_geometry(command: Command) -> Result<usize, Box<dyn std::error::Error>> {
    let mut geo = GeometryClient::new(ChildProcess::spawn(command)?);
    let ball = geo.create(&Shape::Sphere(Sphere { radius: 2.0 }), "ball")?;
    let vertices = geo.tessellate(ball, 16)?; // a Buffer<f32>: it derefs to &[f32]
    geo.release(ball)?;
    match geo.release(ball) {
        Err(CallError::Typed(UnknownModel { model })) => assert_eq!(model, ball),
        other => return Err(format!("expected UnknownModel, got {other:?}").into()),
    }
    let status = geo.into_transport().close()?; // closes stdin: the server exits 0
    assert!(status.success());
    Ok(vertices.len())
}

#[test]
fn the_docs_rust_client_example() {
    let floats = call_geometry(Command::new(env!("CARGO_BIN_EXE_geometry-stdio"))).unwrap();
    assert!(floats > 0 && floats.is_multiple_of(9), "{floats} floats");
}

#[test]
fn wasip1_stdio_server_under_node() {
    let wasm = wasip1_server();
    let runner = concat!(env!("CARGO_MANIFEST_DIR"), "/host/wasi-run.mjs");
    let mut cmd = Command::new("node");
    cmd.arg("--no-warnings").arg(runner).arg(wasm);
    let mut client = GeometryClient::new(ChildProcess::spawn(cmd).unwrap());
    exercise(&mut client);
    assert!(client.into_transport().close().unwrap().success());
}

#[test]
fn wasip1_stdio_server_under_wasmtime() {
    let wasm = wasip1_server();
    let has_wasmtime = Command::new("python3")
        .args(["-c", "import wasmtime"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_wasmtime,
        "python3 cannot import wasmtime (cargo xtask setup installs it)"
    );
    let runner = concat!(env!("CARGO_MANIFEST_DIR"), "/host/wasmtime-run.py");
    let mut cmd = Command::new("python3");
    cmd.arg(runner).arg(wasm);
    let mut client = GeometryClient::new(ChildProcess::spawn(cmd).unwrap());
    exercise(&mut client);
    assert!(client.into_transport().close().unwrap().success());
}

#[test]
fn malformed_stream_gets_an_error_frame_and_the_server_stops() {
    let mut child =
        ChildProcess::spawn(Command::new(env!("CARGO_BIN_EXE_geometry-stdio"))).unwrap();
    let mut bad = kkrpc_runtime::service::frame_bytes(1, 7, geometry_ops::NAME, &[]);
    bad[0] = 9; // unsupported version
    let answer = child.round_trip(&bad).unwrap();
    let err = kkrpc_runtime::client::read_answer(&answer, 7, geometry_ops::NAME).unwrap_err();
    assert_eq!(err.name(), "bad_frame");
    assert!(child.close().unwrap().success());
}

/// `kkrun module.wasm`, compiling without the cache (tests leave no files behind).
fn kkrun(module: &str) -> Command {
    let mut cmd = Command::new(artifact("kkrun"));
    cmd.arg("-no-cache").arg(module);
    cmd
}

fn exercise_rules(client: &mut rules::RulesClient<ChildProcess>) {
    use rules::*;
    let order = Order {
        id: "A-1".into(),
        customer: "ada".into(),
        currency: Currency::Eur,
        items: vec![LineItem {
            sku: "BOLT".into(),
            quantity: 10,
            unit_price_cents: 25,
        }],
        coupon: Some("SAVE10".into()),
    };
    let quote = client.validate_order(&order).unwrap();
    assert_eq!(
        (
            quote.total_cents,
            quote.discount_cents,
            quote.order_id.as_str()
        ),
        (225, 25, "A-1")
    );
    let no_customer = Order {
        id: "A-2".into(),
        ..Order::default()
    };
    match client.validate_order(&no_customer) {
        Err(CallError::Typed(RulesValidateOrderError::InvalidOrder(e))) => {
            assert_eq!(e.field, "customer")
        }
        other => panic!("expected InvalidOrder, got {other:?}"),
    }
    let samples: Vec<f32> = (0..100_000).map(|i| (i % 10) as f32 - 2.0).collect();
    let report = client.check_parameters(&samples, 0.0, 4.0).unwrap();
    assert_eq!((report.count, report.out_of_range.len()), (100_000, 50_000));
    // A Go handler panic is answered as system error trap, and the server goes on.
    let panics = Order {
        id: "x".into(),
        customer: "y".into(),
        items: vec![LineItem {
            sku: "PANIC".into(),
            quantity: 1,
            unit_price_cents: 0,
        }],
        ..Order::default()
    };
    match client.validate_order(&panics) {
        Err(CallError::System(e)) => assert_eq!(e.name(), "trap"),
        other => panic!("expected trap, got {other:?}"),
    }
    client.ping().unwrap();
    let reply = client.core.call(0x1234, |_| {}).unwrap();
    assert_eq!(reply.answer().unwrap_err().name(), "unknown_op");
    assert_eq!(
        client
            .exchange(10_000, Currency::Eur, Currency::Eur)
            .unwrap(),
        10_000
    );
}

fn serve_rules(cmd: Command) {
    let mut client = rules::RulesClient::new(ChildProcess::spawn(cmd).unwrap());
    exercise_rules(&mut client);
    assert!(client.into_transport().close().unwrap().success());
}

#[test]
fn rust_client_to_native_go_rules_server() {
    serve_rules(Command::new(artifact("rules_stdio_native")));
}

#[test]
fn rust_client_to_go_rules_wasip1_under_wasmtime() {
    let runner = concat!(env!("CARGO_MANIFEST_DIR"), "/host/wasmtime-run.py");
    let mut cmd = Command::new("python3");
    cmd.arg(runner).arg(artifact("rules_stdio_wasm"));
    serve_rules(cmd);
}

/// Under a plain node:wasi runner (this example's `host/wasi-run.mjs`, no shim): the Go
/// stdio server makes its descriptors agree with what node reports (`runtime-go/stdio`).
#[test]
fn rust_client_to_go_rules_wasip1_under_node() {
    let runner = concat!(env!("CARGO_MANIFEST_DIR"), "/host/wasi-run.mjs");
    let mut cmd = Command::new("node");
    cmd.arg("--no-warnings")
        .arg(runner)
        .arg(artifact("rules_stdio_wasm"));
    serve_rules(cmd);
}

#[test]
fn rust_client_to_go_rules_reactor_under_kkrun() {
    serve_rules(kkrun(&artifact("rules_reactor_wasm")));
}

#[test]
fn wasip1_reactor_under_kkrun() {
    let module = format!("{}/wasip1/geometry_service.wasm", artifact("geometry_dist"));
    let mut client = GeometryClient::new(ChildProcess::spawn(kkrun(&module)).unwrap());
    exercise(&mut client);
    assert!(client.into_transport().close().unwrap().success());
}

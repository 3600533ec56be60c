//! The geometry service over stdio frames (`docs/abi.md` §4), driven by the
//! generated typed client: the native `geometry-stdio` binary, and the
//! `wasm32-wasip1` build under node's WASI and under wasmtime (its Python
//! package). The wasip1 module is the one `cargo xtask test` builds and records
//! as `geometry_wasip1_stdio` in `target/kk-artifacts.json`; without it, or
//! without wasmtime, those tests fail (`cargo xtask test cargo` builds it).

use geometry_service::*;
use kkrpc_runtime::client::{CallError, ChildProcess, InProcess, Transport};
use std::process::Command;

/// The wasip1 stdio server recorded in `target/kk-artifacts.json`.
fn wasip1_server() -> std::path::PathBuf {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/kk-artifacts.json"
    );
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
        panic!("{file}: {e} (cargo xtask test builds the wasip1 server and writes it)")
    });
    let artifacts: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let path = artifacts["geometry_wasip1_stdio"].as_str();
    path.unwrap_or_else(|| {
        panic!("{file} has no geometry_wasip1_stdio (cargo xtask test builds it)")
    })
    .into()
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

#[test]
fn native_stdio_server() {
    let child = ChildProcess::spawn(Command::new(env!("CARGO_BIN_EXE_geometry-stdio"))).unwrap();
    let mut client = GeometryClient::new(child);
    exercise(&mut client);
    assert!(client.into_transport().close().unwrap().success());
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

//! The Rust native clients' side of the cross-language stdio matrix
//! (`docs/abi.md` §4): the generated Rust rules client against the Go rules
//! service — the native `rules-stdio` binary, its wasip1 command under
//! wasmtime (its Python package) and its wasip1 reactor under `kkrun` (the Go
//! host, `docs/go-host.md`) — and the geometry client against the geometry
//! reactor under `kkrun`. (Geometry natively and under node/wasmtime is
//! `tests/stdio.rs`.) The servers are the artifacts `cargo xtask test kkrun`
//! builds and records in `target/kk-artifacts.json`; that suite runs these
//! tests (`--ignored`), as `cargo test --workspace` has not built them.

use kkrpc_runtime::client::{CallError, ChildProcess};
use std::process::Command;

#[allow(dead_code, clippy::all)]
mod rules {
    include!(concat!(env!("OUT_DIR"), "/rules_v1.rs"));
}

use rules::*;

/// An artifact recorded in `target/kk-artifacts.json` (fails when missing).
fn artifact(key: &str) -> String {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/kk-artifacts.json"
    );
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{file}: {e} (cargo xtask test kkrun builds the artifacts)"));
    let artifacts: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let path = artifacts[key].as_str();
    path.unwrap_or_else(|| panic!("{file} has no {key} (cargo xtask test kkrun builds it)"))
        .into()
}

/// `kkrun module.wasm`, compiling without the cache (tests leave no files behind).
fn kkrun(module: &str) -> Command {
    let mut cmd = Command::new(artifact("kkrun"));
    cmd.arg("-no-cache").arg(module);
    cmd
}

fn exercise_rules(client: &mut RulesClient<ChildProcess>) {
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
    let mut client = RulesClient::new(ChildProcess::spawn(cmd).unwrap());
    exercise_rules(&mut client);
    assert!(client.into_transport().close().unwrap().success());
}

#[test]
#[ignore = "needs the artifacts of cargo xtask test kkrun, which runs it"]
fn rust_client_to_native_go_rules_server() {
    serve_rules(Command::new(artifact("rules_stdio_native")));
}

#[test]
#[ignore = "needs the artifacts of cargo xtask test kkrun, which runs it"]
fn rust_client_to_go_rules_wasip1_under_wasmtime() {
    let runner = concat!(env!("CARGO_MANIFEST_DIR"), "/host/wasmtime-run.py");
    let mut cmd = Command::new("python3");
    cmd.arg(runner).arg(artifact("rules_stdio_wasm"));
    serve_rules(cmd);
}

#[test]
#[ignore = "needs the artifacts of cargo xtask test kkrun, which runs it"]
fn rust_client_to_go_rules_reactor_under_kkrun() {
    serve_rules(kkrun(&artifact("rules_reactor_wasm")));
}

#[test]
#[ignore = "needs the artifacts of cargo xtask test kkrun, which runs it"]
fn rust_client_to_rust_geometry_reactor_under_kkrun() {
    use geometry_service::*;
    let module = format!("{}/wasip1/geometry_service.wasm", artifact("geometry_dist"));
    let mut client = GeometryClient::new(ChildProcess::spawn(kkrun(&module)).unwrap());
    let donut = client
        .create(
            &Shape::Torus(Torus {
                major: 3.0,
                minor: 1.0,
            }),
            "donut",
        )
        .unwrap();
    let vertices = client.tessellate(donut, 236).unwrap();
    assert_eq!(vertices.len(), 236 * 236 * 18);
    let measured = client.bounds_of(&vertices).unwrap();
    assert!((measured.max.x - 4.0).abs() < 1e-3);
    let dead = Model(donut.0 + 1);
    match client.bounds(dead) {
        Err(CallError::Typed(UnknownModel { model })) => assert_eq!(model, dead),
        other => panic!("expected UnknownModel, got {other:?}"),
    }
    assert_eq!(client.name(donut).unwrap(), "donut");
    assert!(client.into_transport().close().unwrap().success());
}
